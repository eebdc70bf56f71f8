"""The bulk check (verification/liste/) in Chromium: a buyer pastes SIRENs, SIRETs,
certificate numbers and names, and gets each line's certificates and statuses at the
publication date, unknown lines flagged, and the result as CSV; no request leaves the page.

Same skip/fail policy as test_browser_tools.py (skipped without Playwright or Chromium,
failed instead when CI=true)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import local_tab, serve
from test_open_formats import FORMULA_NAME, SIREN, SIRET, formats_project, formats_site

try:
    from playwright.sync_api import Page, expect
except ImportError:  # reported by the `browser` fixture
    Page = expect = None

__all__ = ["formats_project", "formats_site"]  # fixtures shared with the open-format tests


@pytest.fixture(scope="module")
def site_url(formats_site: Path) -> Iterator[str]:
    with serve(formats_site) as url:
        yield url


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Page]:
    with local_tab(browser, site_url) as tab:
        yield tab.page
    outside = [url for url in tab.requests if urlsplit(url).hostname != "127.0.0.1"]
    assert not outside, outside


def register(site: Path) -> dict[str, dict]:
    entries = json.loads((site / "api/certificats.json").read_text(encoding="utf-8"))
    return {entry["company"]: entry for entry in entries}


def check(page: Page, base: str, lines: list[str]) -> Any:
    page.goto(base + "verification/liste/")
    page.get_by_label("Liste à vérifier").fill("\n".join(lines))
    page.get_by_role("button", name="Vérifier la liste").click()
    return page.locator("#liste-resultat table")


def test_each_kind_of_line_finds_its_certificates_and_unknown_lines_are_flagged(
    page: Page, site_url: str, formats_site: Path
) -> None:
    entries = register(formats_site)
    suspended = entries["demo-suspendu"]
    lines = [
        f"{SIREN[:3]} {SIREN[3:6]} {SIREN[6:]}",
        SIRET,
        suspended["certificate"].lower(),
        "  DEMO transports   fictifs sas ",
        "Entreprise Inconnue SARL",
        "constructor",
    ]
    table = check(page, site_url, lines)
    expect(page.locator("#resultat")).to_be_focused()
    summary = page.get_by_role("status")
    expect(summary).to_contain_text("6 lignes vérifiées")
    expect(summary).to_contain_text("2 sans certificat trouvé")
    rows = table.locator("tbody tr")
    by_line: dict[str, list[str]] = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("th, td").all_inner_texts()
        by_line.setdefault(cells[0], []).append(" | ".join(cells))
    demo = entries["demo-co"]
    for number in ("1", "2", "4"):
        assert any(demo["certificate"] in row and "Valide" in row for row in by_line[number])
    assert "(SIREN)" in by_line["1"][0] and "(SIRET)" in by_line["2"][0]
    assert suspended["certificate"] in by_line["3"][0] and "Suspendu" in by_line["3"][0]
    for number in ("5", "6"):  # « constructor »: a name, not a property of an object
        assert len(by_line[number]) == 1 and "Aucun certificat trouvé" in by_line[number][0]
    link = table.get_by_role("link", name=demo["name"]).first
    assert link.get_attribute("href")
    link.click()
    expect(page).to_have_url(site_url + "certificats/demo-co/")


def test_the_result_downloads_as_csv_stating_the_publication_date(
    page: Page, site_url: str, formats_site: Path
) -> None:
    entries = register(formats_site)
    trap = next(e for e in entries.values() if e["name"] == FORMULA_NAME)
    check(page, site_url, [SIREN, trap["certificate"], "Personne"])
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger le résultat (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    as_of = json.loads(page.locator("#liste-donnees").text_content())["as_of"]
    assert download.value.suggested_filename == f"verification-{as_of}.csv"
    assert {row["registre_au"] for row in rows} == {as_of}
    assert [row["ligne"] for row in rows] == ["1", "2", "3"]
    assert rows[0]["certificat"] == entries["demo-co"]["certificate"]
    assert rows[0]["statut"] == "valid" and rows[0]["siren"] == SIREN
    assert rows[0]["page"] == site_url + "certificats/demo-co/"
    assert rows[1]["entreprise"] == "'" + FORMULA_NAME  # never evaluated by a spreadsheet
    assert rows[2]["correspondance"] == "aucun certificat trouvé" and rows[2]["certificat"] == ""
