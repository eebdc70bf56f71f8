"""Content pages in Chromium: the 10-indicator self-assessment (outils/indicateurs/) and the
ISO 9001 grid read at 1280 px. Same session build, server and browser as
test_browser_tools.py, and the same skip/fail policy (skipped without Playwright or
/usr/bin/chromium, failed when CI=true)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import Tab, local_tab

from conftest import seed_text

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the `browser` fixture
    expect = None

SEED = "003_5e07add6bbd8f555.txt"
# The 10 indicators of the sheet, by number: each is the accessible name of its checkbox.
INDICATORS = [
    "Base de données clients",
    "Connaissance des attentes clients",
    "Traitement des réclamations",
    "Un service client (CRM)",
    "Indicateurs internes",
    "Revue de compte client",
    "Baromètres de satisfaction",
    "Plans d'action et équipes projet",
    "Stimulation et récompenses",
    "Communication externe",
]
STAGES = ["Connaissance Client", "Gestion de la Relation Client", "Changement Stratégique Client"]


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    with local_tab(browser, site_url, viewport={"width": 1280, "height": 900}) as opened:
        yield opened


def test_indicators_and_stages_are_those_of_the_sheet() -> None:
    source = seed_text(SEED)
    for number, name in enumerate(INDICATORS, start=1):
        assert f"{number}. {name}" in source, name
    for numeral, stage in zip(("I", "II", "III"), STAGES, strict=True):
        assert f"{numeral}. {stage}" in source, stage


def check(page: Any, numbers: list[int]) -> None:
    """Keyboard only: Tab from the first checkbox, Space on each indicator to check."""
    page.get_by_label(INDICATORS[0], exact=True).focus()
    for number in range(1, 11):
        box = page.get_by_label(INDICATORS[number - 1], exact=True)
        expect(box).to_be_focused()
        if number in numbers:
            page.keyboard.press("Space")
        if number < 10:
            page.keyboard.press("Tab")


def expect_reading(page: Any, count: int, stage: str | None) -> str:
    status = page.locator("#ind-statut")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text(f"{count} indicateur{'s' if count > 1 else ''} sur 10 en place.")
    expect(status).to_contain_text(
        "Étape stratégique atteinte : " + (f"{stage}." if stage else "aucune pour l'instant.")
    )
    expect(status).to_have_attribute("data-etape", stage or "")
    text = status.inner_text()
    for other in STAGES:
        if other != stage:
            assert f"atteinte : {other}" not in text, text
    return text


def test_each_indicator_is_a_checkbox_named_after_it(tab: Tab) -> None:
    page = tab.open("outils/indicateurs/")
    assert page.locator("#ind-form input[type=checkbox]").count() == 10
    for name in INDICATORS:
        box = page.get_by_label(name, exact=True)
        expect(box).to_have_count(1)
        expect(box).to_have_attribute("type", "checkbox")
    for stage in STAGES:
        expect(page.get_by_role("group", name=re.compile(re.escape(stage)))).to_have_count(1)
    text = page.locator("article").inner_text()
    assert "Cette lecture est la nôtre" in text


@pytest.mark.parametrize(
    ("numbers", "stage", "missing"),
    [
        ([], None, "il manque les indicateurs 1 et 2"),
        ([1, 2], "Connaissance Client", "il manque les indicateurs 3, 4, 5, 6 et 7"),
        (
            [1, 2, 3, 4, 5, 6, 7],
            "Gestion de la Relation Client",
            "il manque les indicateurs 8, 9 et 10",
        ),
        (list(range(1, 11)), "Changement Stratégique Client", "Les 10 indicateurs sont en place."),
    ],
)
def test_the_stage_reached_for_0_2_7_and_10_indicators(
    tab: Tab, numbers: list[int], stage: str | None, missing: str
) -> None:
    page = tab.open("outils/indicateurs/")
    check(page, numbers)
    text = expect_reading(page, len(numbers), stage)
    assert missing in text, text
    query = ",".join(map(str, numbers))
    if numbers:
        expect(page).to_have_url(re.compile(r"/outils/indicateurs/\?i=" + query + "$"))
    else:
        expect(page).to_have_url(re.compile(r"/outils/indicateurs/$"))


def test_a_stage_needs_every_earlier_indicator(tab: Tab) -> None:
    page = tab.open("outils/indicateurs/?i=3,4,5,6,7")
    text = expect_reading(page, 5, None)
    assert "Pour atteindre « Connaissance Client », il manque les indicateurs 1 et 2." in text
    tab.open("outils/indicateurs/?i=1,2,3,4,5,6,8,9,10")
    text = expect_reading(page, 9, "Connaissance Client")
    assert "il manque l'indicateur 7." in text


def test_the_address_restores_and_shares_the_result(tab: Tab) -> None:
    page = tab.open("outils/indicateurs/")
    check(page, [1, 2, 3, 4, 5, 6, 7])
    shared = page.url
    assert shared.endswith("/outils/indicateurs/?i=1,2,3,4,5,6,7")
    expect(page.locator("#ind-lien")).to_have_attribute("href", re.compile(r"\?i=1,2,3"))
    other = page.context.new_page()
    other.goto(shared)
    for number, name in enumerate(INDICATORS, start=1):
        box = other.get_by_label(name, exact=True)
        (expect(box).to_be_checked() if number <= 7 else expect(box).not_to_be_checked())
    expect_reading(other, 7, "Gestion de la Relation Client")
    other.goto(tab.base + "outils/indicateurs/?i=1,x,2,11")
    expect_reading(other, 2, "Connaissance Client")
    other.get_by_role("button", name="Tout décocher").click()
    expect_reading(other, 0, None)


def test_indicators_work_offline(tab: Tab) -> None:
    page = tab.open("outils/indicateurs/?i=1,2")
    expect_reading(page, 2, "Connaissance Client")
    page.wait_for_load_state("networkidle")
    assert tab.requests
    outside = [url for url in tab.requests if urlsplit(url).hostname != "127.0.0.1"]
    assert not outside, outside


def test_without_javascript_the_checklist_prints(browser: Any, site_url: str) -> None:
    with local_tab(browser, site_url, java_script_enabled=False) as tab:
        paper = tab.open("outils/indicateurs/")
        for name in INDICATORS:
            expect(paper.get_by_label(name, exact=True)).to_be_visible()
        expect(paper.locator("#ind-statut")).to_contain_text("Comptez les indicateurs cochés")
        expect(paper.locator("#ind-copier")).to_be_hidden()


@pytest.mark.parametrize("grid", ["cliq-2006", "amarc-re-mrc-03"])
def test_the_iso_grid_fits_a_1280_px_screen(tab: Tab, grid: str) -> None:
    page = tab.open(f"referentiels/{grid}/iso-9001/")
    overflow = page.evaluate("""() => {
        const wide = [];
        const scrolling = 'article .md-typeset__scrollwrap, article .refpub-table-wrap';
        for (const wrap of document.querySelectorAll(scrolling)) {
            if (wrap.scrollWidth > wrap.clientWidth + 1) { wide.push(wrap.outerHTML.slice(0, 80)); }
        }
        const page = document.scrollingElement;
        return {wide, page: page.scrollWidth - page.clientWidth};
    }""")
    assert overflow == {"wide": [], "page": 0}, overflow
    legend = page.locator("#legende + dl")
    for word in ("Équivalent", "Inclus", "Plus exigeant", "Recouvrement partiel"):
        expect(legend).to_contain_text(word)
    overview = page.locator("#matrice ~ .md-typeset__scrollwrap table").first
    expect(overview.locator("tbody tr").first).to_be_visible()
    assert not re.search("[∩⊂⊃≡]", page.locator("article").inner_text())
