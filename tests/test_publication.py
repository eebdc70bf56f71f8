"""Publication follows the decision, and public templates receive public views only
(issue #10.2 and #10.6)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from factories import audit, company, radar_ref

from refpub.core.audits.audit import PublicAudit, public_audit
from refpub.core.audits.company import internal_company, published_company

from conftest import FIXTURES

TODAY = {"REFPUB_TODAY": "2026-11-23", "SOURCE_DATE_EPOCH": "1790000000"}
PENDING = "certificats/demo-co/audits/2026-10-01-suivi-1/index.html"
SUMMARY = "SYNTHESE-EN-ATTENTE"
CONFIDENTIAL = ("CONFIDENTIEL", "Paul Secret")

#: Appended to the audit and company templates: prints every attribute path it can reach.
WALKER = (FIXTURES / "walker.html").read_text("utf-8")


@pytest.fixture(scope="session")
def pending_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project plus an audit awaiting its decision (with a public summary and
    confidential detail), and override templates that walk every attribute path."""
    project = tmp_path_factory.mktemp("pending") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    folder = project / "audits" / "demo-co"
    data = yaml.safe_load((folder / "2026-01-10-initial.yaml").read_text("utf-8"))
    data.update(
        type="suivi-1",
        date="2026-10-01",
        public_summary=SUMMARY,
        observations="CONFIDENTIEL-ATTENTE",
    )
    del data["decision"]
    (folder / "2026-10-01-suivi-1.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), "utf-8"
    )
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    overrides = project / "overrides" / "refpub"
    overrides.mkdir(parents=True)
    for name in ("audit.html", "company.html"):
        original = FIXTURES.parent.parent / "plugins/refpub/templates/refpub" / name
        (overrides / name).write_text(original.read_text("utf-8") + WALKER, "utf-8")
    return project


def _all_text(site: Path) -> str:
    return "\n".join(
        f.read_text(encoding="utf-8", errors="replace")
        for f in sorted(site.rglob("*"))
        if f.is_file()
    )


def test_public_build_shows_no_result_before_the_decision(site_build, pending_project):
    site = site_build(pending_project, TODAY)
    assert not (site / PENDING).exists()  # no page of its own: its date on the company page
    company_page = (site / "certificats/demo-co/index.html").read_text("utf-8")
    row = company_page[company_page.index("01/10/2026") :]
    row = row[: row.index("</tr>")]
    assert "décision en attente" in row and "%" not in row
    assert SUMMARY not in _all_text(site)  # pages, search index, JSON, feed


def test_internal_build_shows_everything(site_build, pending_project):
    site = site_build(pending_project, {**TODAY, "REFPUB_INTERNAL": "1"})
    page = (site / PENDING).read_text("utf-8")
    assert "Synthèse de l'évaluation" in page and SUMMARY in page
    assert "CONFIDENTIEL-ATTENTE" in page


def test_an_override_template_reaches_no_confidential_detail(site_build, pending_project):
    site = site_build(pending_project, TODAY)
    walked = (site / "certificats/demo-co/audits/2026-01-10-initial/index.html").read_text("utf-8")
    assert "DEMO-2026-0001" in walked  # the walk ran
    assert "Jeanne Exemple" not in walked  # auditors' names: only with publish_auditors
    text = _all_text(site)
    for marker in (*CONFIDENTIAL, SUMMARY):
        assert marker not in text


def test_the_same_walk_finds_the_detail_in_the_internal_build(site_build, pending_project):
    site = site_build(pending_project, {**TODAY, "REFPUB_INTERNAL": "1"})
    walked = (site / "certificats/demo-co/audits/2026-01-10-initial/index.html").read_text("utf-8")
    walk = walked[walked.index('<div id="walk">') :]
    for marker in ("CONFIDENTIEL-OBS", "CONFIDENTIEL-EVIDENCE", "Paul Secret"):
        assert marker in walk


def test_the_json_of_a_pending_audit_carries_no_result(site_build, pending_project):
    site = site_build(pending_project, TODAY)
    data = json.loads((site / "certificats/demo-co/index.json").read_text("utf-8"))
    history = data["certificates"][0]["history"]
    assert "2026-10-01" not in {event["audit_date"] for event in history}


def test_public_audit_is_frozen_and_withholds_results_until_decided():
    ref = radar_ref()
    pending = audit(
        ref, "a1", "initial", "2026-01-10", detail={"public_summary": "S", "observations": "secret"}
    )
    view = public_audit(pending)
    assert isinstance(view, PublicAudit) and view.result is None
    assert view.public_summary is None
    assert "detail" not in {f.name for f in dataclasses.fields(PublicAudit)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.result = pending.result  # type: ignore[misc]
    assert public_audit(pending, internal=True).result is pending.result
    decided = audit(ref, "a2", "initial", "2026-01-10", "certified", "2026-02-01", "X-1")
    assert public_audit(decided).result is decided.result


def test_published_company_holds_public_views_only():
    ref = radar_ref()
    raw = company(
        audit(ref, "a1", "initial", "2026-01-10", "certified", "2026-02-01", "X-1"),
        audit(ref, "a2", "suivi-1", "2026-10-01"),
    )
    published = published_company(raw)
    assert all(isinstance(a, PublicAudit) for a in published.audits)
    assert [a.result is None for a in published.audits] == [False, True]


def test_a_decision_dated_after_the_status_date_is_not_taken_yet():
    ref = radar_ref()
    decided = audit(ref, "a1", "initial", "2026-01-10", "certified", "2026-02-01", "X-1")
    before = public_audit(decided, as_of=dt.date(2026, 1, 20))
    assert before.result is None and before.decision is None
    on_the_day = public_audit(decided, as_of=dt.date(2026, 2, 1))
    assert on_the_day.result is decided.result and on_the_day.decision == decided.decision
    assert public_audit(decided, internal=True, as_of=dt.date(2026, 1, 20)).result is not None


def test_public_build_before_the_decision_date_publishes_no_applicant(site_build, pending_project):
    """Before its certification decision takes effect the company is an applicant: nothing
    of it is public (issue #19.3)."""
    site = site_build(pending_project, {**TODAY, "REFPUB_TODAY": "2026-01-20"})
    assert not (site / "certificats/demo-co").exists()
    assert "DEMO-2026-0001" not in _all_text(site)


def test_only_the_internal_company_carries_the_confidential_detail():
    ref = radar_ref()
    raw = company(
        audit(
            ref,
            "a1",
            "initial",
            "2026-01-10",
            "certified",
            "2026-02-01",
            "X-1",
            detail={"observations": "Vu en réunion", "decision": {"comment": "Accord"}},
        )
    )
    assert not any(hasattr(a, "confidential") for a in published_company(raw).audits)
    (internal,) = internal_company(raw).audits
    assert internal.confidential.observations == "Vu en réunion"
    assert internal.confidential.committee_comment == "Accord"
    assert internal.result is not None and not internal.withheld


#: Code reading the confidential detail of a published and of an internal company's audit.
REACHING_DETAIL = """
from refpub.core.audits.company import InternalCompany, PublishedCompany


def public_page(company: PublishedCompany) -> object:
    return company.audits[0].confidential


def committee_page(company: InternalCompany) -> object:
    return company.audits[0].confidential
"""


def test_the_type_checker_refuses_a_public_page_reaching_confidential_detail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from mypy import api

    root = Path(__file__).resolve().parent.parent
    probe = tmp_path / "probe.py"
    probe.write_text(REACHING_DETAIL, encoding="utf-8")
    monkeypatch.setenv("MYPYPATH", str(root / "plugins"))
    report, _, status = api.run(
        [
            str(probe),
            "--config-file",
            str(root / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-error-summary",
        ]
    )
    assert status == 1
    assert report.splitlines() == [
        f'{probe}:6: error: "PublicAudit" has no attribute "confidential"  [attr-defined]'
    ]
