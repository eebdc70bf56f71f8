"""Register, company pages, badges and JSON: built into a temp folder and read back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLE_ENV, FIXTURES, PROJECT, mkdocs_build, mkdocs_build_in_new_process

MARKERS = ("CONFIDENTIEL", "Paul Secret")
TODAY = EXAMPLE_ENV


@pytest.fixture(scope="module")
def public_site(mini_site: Path) -> Path:
    return mini_site


@pytest.fixture(scope="module")
def internal_site(mini_internal_site: Path) -> Path:
    return mini_internal_site


def _all_text(site: Path) -> str:
    return "\n".join(
        f.read_text(encoding="utf-8", errors="replace") for f in site.rglob("*") if f.is_file()
    )


def test_public_site_contains_no_confidential_detail(public_site: Path):
    text = _all_text(public_site)
    for marker in MARKERS:
        assert marker not in text


def test_internal_site_shows_the_confidential_detail(internal_site: Path):
    page = (internal_site / "certificats/demo-co/audits/2026-01-10-initial/index.html").read_text(
        "utf-8"
    )
    for marker in (
        "CONFIDENTIEL-OBS",
        "CONFIDENTIEL-ACTION",
        "CONFIDENTIEL-COMITE",
        "CONFIDENTIEL-EVIDENCE",
        "Paul Secret",
    ):
        assert marker in page
    levels = (
        internal_site / "certificats/demo-niveaux/audits/2025-05-01-initial/index.html"
    ).read_text("utf-8")
    assert "CONFIDENTIEL-JUSTIFICATION" in levels and "CONFIDENTIEL-PERSONNE" in levels


@pytest.fixture(scope="module")
def project_site(built_site: Path) -> Path:
    return built_site


def test_register_page_badge_and_json_agree_on_the_fixture(public_site: Path):
    _assert_views_agree(public_site)


def test_register_page_badge_and_json_agree_on_every_example_company(project_site: Path):
    statuses = _assert_views_agree(project_site)
    assert set(statuses) == {"valid", "suspended", "withdrawn", "expired"}


def _assert_views_agree(public_site: Path) -> list[str]:
    api = json.loads((public_site / "api/certificats.json").read_text("utf-8"))
    register = (public_site / "certificats/index.html").read_text("utf-8")
    assert api, "no certificate published"
    for cert in api:
        company = cert["company"]
        page = (public_site / f"certificats/{company}/index.html").read_text("utf-8")
        badge = (public_site / f"certificats/{company}/badge.svg").read_text("utf-8")
        own = json.loads((public_site / f"certificats/{company}/index.json").read_text("utf-8"))
        assert own["certificates"] == [cert]
        label = {
            "valid": "Valide",
            "suspended": "Suspendu",
            "withdrawn": "Retiré",
            "expired": "Expiré",
        }[cert["status"]]
        day = "/".join(reversed(cert["valid_until"].split("-")))
        assert f'refpub-status-{cert["status"]}">{label}<' in page
        assert f'refpub-status-{cert["status"]}">{label}<' in register
        assert cert["certificate"] in page and cert["certificate"] in register
        assert label.lower() in badge and (day in badge or cert["status"] != "valid")
        # a valid certificate shows its validity end; any other, since when and why
        shown, since = {
            "valid": ("Valide jusqu&#39;au", day),
            "suspended": ("Suspendu depuis le", None),
            "withdrawn": ("Retiré le", None),
            "expired": ("Expiré depuis le", None),
        }[cert["status"]]
        since = since or "/".join(reversed(cert["status_since"].split("-")))
        assert f"{shown}</dt><dd>{since}" in page
        if cert["status"] != "valid":
            assert "Valide jusqu" not in page.split('id="certificat-')[1].split("</dl>")[0]
        assert re.fullmatch(r"[0-9a-f]{64}", cert["sources"][0]["sha256"])
    return [c["status"] for c in api]


def test_contract_fields_of_the_api(public_site: Path):
    api = json.loads((public_site / "api/certificats.json").read_text("utf-8"))
    first = next(c for c in api if c["company"] == "demo-co")
    assert {
        k: first[k]
        for k in ("company", "name", "referentiel", "certificate", "status", "valid_until")
    } == {
        "company": "demo-co",
        "name": "Démo Transports Fictifs SAS",
        "referentiel": "demo-radar",
        "certificate": "DEMO-2026-0001",
        "status": "valid",
        "valid_until": "2029-01-31",
    }
    assert first["url"].endswith("certificats/demo-co/")


def test_renamed_company_keeps_its_old_url(public_site: Path):
    redirect = (public_site / "certificats/ancien-nom/index.html").read_text("utf-8")
    assert "url=../demo-niveaux/" in redirect
    assert (public_site / "certificats/ancien-nom/badge.svg").is_file()


def test_qr_code_points_at_the_company_page(public_site: Path):
    qr = (public_site / "certificats/demo-co/qr.svg").read_text("utf-8")
    assert qr.startswith("<svg") and "certificats/demo-co/" in qr


def test_feed_lists_status_changes(public_site: Path):
    feed = (public_site / "certificats/feed.xml").read_text("utf-8")
    assert feed.count("<entry>") == 2 and "Démo Transports Fictifs SAS" in feed


def test_expired_status_at_a_later_date(tmp_path: Path):
    site = tmp_path / "site"
    result = mkdocs_build(FIXTURES / "mini", site, {"REFPUB_TODAY": "2029-02-01"})
    assert result.returncode == 0, result.output
    page = (site / "certificats/demo-co/index.html").read_text("utf-8")
    assert "Certificat expiré" in page and "Certificat valide" not in page
    badge = (site / "certificats/demo-co/badge.svg").read_text("utf-8")
    assert "expiré" in badge


def test_two_builds_are_byte_identical(tmp_path: Path, project_site: Path):
    first, second = project_site, tmp_path / "two"
    result = mkdocs_build_in_new_process(PROJECT, second, TODAY)
    assert result.returncode == 0, result.output
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    assert (first / "sitemap.xml").is_file()


def test_company_page_draws_the_evolution_of_its_notes(project_site: Path):
    page = (project_site / "certificats/transports-fictifs-durand/index.html").read_text("utf-8")
    chart = page.split('<figure class="refpub-evolution">')[1].split("</figure>")[0]
    assert chart.count("<circle") == 4
    assert "72,7" in chart and "88,3" in chart
