"""The interactive tools in a real browser: the self-assessment (autoevaluation/) and the NPS
calculator (outils/nps/), driven with the keyboard in Debian's Chromium through Playwright,
against the site built into a temporary folder and served on 127.0.0.1.

Without Playwright or /usr/bin/chromium the tests are skipped, with the way to enable them;
when CI=true they fail instead, so a CI run cannot pass without having run them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import Tab, local_tab

from conftest import seed_text

try:
    from playwright.sync_api import Page, expect
except ImportError:  # reported by the `browser` fixture: skipped, or failed when CI=true
    Page = expect = None

PROJECT = Path(__file__).resolve().parents[1]
# The 8 themes of the livre blanc's self-assessment, word for word: each is the accessible
# label of its input.
THEMES = [
    "la formalisation de vos engagements / vos promesses clients",
    "l'identification des points de contact clients",
    "l'animation de vos équipes pour instaurer une prise de conscience généralisée de l'enjeu "
    "de la relation client",
    "la mesure de la satisfaction client",
    "la connaissance de vos prospects / clients",
    "l'efficacité de votre communication auprès de vos prospects / clients",
    "les moyens déployés pour connaître les besoins et les avis de vos clients",
    "les moyens déployés pour fidéliser vos clients",
]
CONSOLIDER = "Relation Client à consolider"
MAITRISEE = "Relation Client maîtrisée"
EXCELLENCE = "Excellence en Relation Client"
LEVELS = (CONSOLIDER, MAITRISEE, EXCELLENCE)
# What the page says of each level, in the site's words (the livre blanc's paragraphs are
# reworded: no guide page quotes a source sentence, see test_own_words.py).
LEVEL_TEXTS = {
    CONSOLIDER: "La relation client existe dans votre entreprise, mais les huit thématiques ne "
    "sont pas encore toutes tenues.",
    MAITRISEE: "La relation client est entrée dans la culture de votre entreprise et les huit "
    "thématiques sont tenues.",
    EXCELLENCE: "Pour votre direction, la relation client est une priorité et un axe de la "
    "stratégie.",
}
SEED = "001_5a41c0f4bbc06e12.txt"

# 3 detractors gave 3, 2 gave 6; 2 passives gave 7, 3 gave 8; 5 promoters gave 9, 5 gave 10:
# 20 answers, 50 % promoters − 25 % detractors = +25.
NPS_COUNTS = [0, 0, 0, 3, 0, 0, 2, 2, 3, 5, 5]


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    with local_tab(browser, site_url) as opened:
        yield opened


def type_scores(page: Page, scores: list[int]) -> None:
    """Keyboard only: focus the first theme, type each score, Tab to the next theme."""
    page.get_by_label(THEMES[0], exact=True).focus()
    for index, score in enumerate(scores):
        expect(page.get_by_label(THEMES[index], exact=True)).to_be_focused()
        page.keyboard.press("Control+A")
        page.keyboard.type(str(score))
        if index < len(scores) - 1:
            page.keyboard.press("Tab")


def expect_level(page: Page, average: str, level: str) -> str:
    status = page.locator("#ae-statut")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text(f"Votre note moyenne : {average} sur 10")
    expect(status).to_contain_text(f"Votre niveau de maturité : {level}.")
    expect(status).to_contain_text(LEVEL_TEXTS[level])
    text = status.inner_text()
    for other in LEVELS:
        if other != level:
            assert other not in text, text
    return text


def test_themes_and_levels_are_those_of_the_livre_blanc() -> None:
    source = seed_text(SEED)
    for number, theme in enumerate(THEMES, start=1):
        assert f"{number}. {theme} =" in source, theme
    for level, bounds in zip(LEVELS, ("(0-6)", "(7-8)", "(9-10)"), strict=True):
        assert f"### **{level} {bounds}**" in source, level


def test_each_theme_is_the_label_of_a_score_from_0_to_10(tab: Tab) -> None:
    tab.open("autoevaluation/")
    assert tab.page.locator("#ae-form input[type=number]").count() == len(THEMES)
    for theme in THEMES:
        field_ = tab.page.get_by_label(theme, exact=True)
        expect(field_).to_have_count(1)
        expect(field_).to_have_attribute("type", "number")
        expect(field_).to_have_attribute("min", "0")
        expect(field_).to_have_attribute("max", "10")
        expect(field_).to_have_attribute("step", "1")
    expect(tab.page.locator("#ae-statut")).to_contain_text("Notez chacune des 8 thématiques")


@pytest.mark.parametrize(
    ("scores", "average", "level"),
    [
        ([3] * 8, "3", CONSOLIDER),
        ([6, 7] * 4, "6,5", CONSOLIDER),
        ([7] * 8, "7", MAITRISEE),
        ([8, 9] * 4, "8,5", MAITRISEE),
        ([9, 10] * 4, "9,5", EXCELLENCE),
    ],
)
def test_keyboard_entry_gives_average_and_level(
    tab: Tab, scores: list[int], average: str, level: str
) -> None:
    tab.open("autoevaluation/")
    type_scores(tab.page, scores)
    expect_level(tab.page, average, level)
    expect(tab.page).to_have_url(re.compile(r"\?s=" + ",".join(map(str, scores)) + "$"))
    current = tab.page.locator(".ae-niveau--actuel")
    expect(current).to_have_count(1)
    expect(current).to_have_attribute("data-nom", level)


def test_the_address_keeps_the_result(tab: Tab, browser: Any) -> None:
    tab.open("autoevaluation/")
    type_scores(tab.page, [8, 9, 8, 9, 8, 9, 8, 9])
    typed = expect_level(tab.page, "8,5", MAITRISEE)
    shared = tab.page.url
    assert shared.endswith("/autoevaluation/?s=8,9,8,9,8,9,8,9")
    expect(tab.page.locator("#ae-lien")).to_have_attribute("href", re.compile(r"\?s=8,9,"))

    other = tab.page.context.new_page()
    other.goto(shared)
    for theme, score in zip(THEMES, [8, 9] * 4, strict=True):
        expect(other.get_by_label(theme, exact=True)).to_have_value(str(score))
    assert expect_level(other, "8,5", MAITRISEE) == typed


def test_a_shared_address_restores_the_scores(tab: Tab) -> None:
    tab.open("autoevaluation/?s=10,9,10,9,10,9,10,9")
    expect_level(tab.page, "9,5", EXCELLENCE)
    tab.open("autoevaluation/?s=7,6,7,6,7,6,7,6")
    expect_level(tab.page, "6,5", CONSOLIDER)
    tab.open("autoevaluation/?s=5,,x,12")
    expect(tab.page.get_by_label(THEMES[0], exact=True)).to_have_value("5")
    expect(tab.page.get_by_label(THEMES[2], exact=True)).to_have_value("")
    expect(tab.page.locator("#ae-statut")).to_contain_text("1 thématique notée sur 8")


def test_incomplete_or_invalid_scores_give_no_level(tab: Tab) -> None:
    tab.open("autoevaluation/")
    type_scores(tab.page, [5, 6, 7])
    status = tab.page.locator("#ae-statut")
    expect(status).to_contain_text("3 thématiques notées sur 8 : notez les 5 autres")
    type_scores(tab.page, [5, 6, 7, 5, 6, 7, 8])
    expect(status).to_contain_text("7 thématiques notées sur 8 : notez la dernière")
    expect(status).not_to_contain_text("les 1 autres")
    type_scores(tab.page, [5, 6, 7, 11, 5, 6, 7, 8])
    expect(status).to_contain_text("La note de la thématique 4 doit être un nombre entier")
    expect(tab.page.get_by_label(THEMES[3], exact=True)).to_have_attribute("aria-invalid", "true")
    for level in LEVELS:
        expect(status).not_to_contain_text(level)


def test_the_radar_draws_the_scores(tab: Tab) -> None:
    tab.open("autoevaluation/?s=10,0,5,0,10,0,5,0")
    radar = tab.page.locator("svg#ae-radar")
    expect(radar).to_have_attribute("role", "img")
    expect(radar).to_have_attribute("data-notes", "10,0,5,0,10,0,5,0")
    points = tab.page.locator("#ae-radar .radar-surface").get_attribute("points") or ""
    pairs = [tuple(float(v) for v in pair.split(",")) for pair in points.split()]
    assert len(pairs) == 8
    # Centre (200, 200), radius 150 at 10: axis 1 points up, axis 3 right, axis 5 down.
    assert pairs[0] == pytest.approx((200, 50))
    assert pairs[1] == pytest.approx((200, 200))
    assert pairs[2] == pytest.approx((275, 200))
    assert pairs[4] == pytest.approx((200, 350))
    expect(tab.page.locator("#ae-radar .radar-point")).to_have_count(8)
    expect(tab.page.locator("#ae-radar desc")).to_contain_text("thématique 3 : 5 sur 10")

    type_scores(tab.page, [2] * 8)
    expect(radar).to_have_attribute("data-notes", "2,2,2,2,2,2,2,2")


def test_without_javascript_the_page_is_a_paper_form(browser: Any, site_url: str) -> None:
    with local_tab(browser, site_url, java_script_enabled=False) as paper:
        page = paper.open("autoevaluation/")
        for theme in THEMES:
            expect(page.get_by_label(theme, exact=True)).to_be_visible()
        expect(page.locator("#ae-statut")).to_contain_text("Votre note moyenne :")
        expect(page.locator("svg#ae-radar .radar-axe")).to_have_count(8)
        for level in LEVELS:
            expect(page.locator(f".ae-niveau[data-nom='{level}']")).to_be_visible()
        expect(page.locator("#ae-imprimer")).to_be_hidden()


def test_the_print_stylesheet_keeps_only_the_form_and_result(tab: Tab) -> None:
    tab.open("autoevaluation/?s=6,7,6,7,6,7,6,7")
    tab.page.emulate_media(media="print")
    expect(tab.page.locator(".md-header")).to_be_hidden()
    expect(tab.page.locator(".outil-actions")).to_be_hidden()
    expect(tab.page.get_by_label(THEMES[7], exact=True)).to_be_visible()
    expect(tab.page.locator("#ae-statut")).to_contain_text(CONSOLIDER)
    expect(tab.page.locator("svg#ae-radar")).to_be_visible()


def test_nps_calculator_known_case(tab: Tab) -> None:
    tab.open("outils/nps/")
    tab.page.get_by_label("Note 0", exact=True).focus()
    for score, count in enumerate(NPS_COUNTS):
        expect(tab.page.get_by_label(f"Note {score}", exact=True)).to_be_focused()
        tab.page.keyboard.type(str(count))
        if score < 10:
            tab.page.keyboard.press("Tab")
    status = tab.page.locator("#nps-statut")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text("Indice NPS : +25")
    expect(status).to_contain_text(
        "20 réponses : 10 promoteurs (50 %), 5 neutres (25 %), 5 détracteurs (25 %)."
    )
    expect(tab.page.locator("#nps-total-detracteurs")).to_have_text("5")
    expect(tab.page.locator("#nps-total-promoteurs")).to_have_text("10")
    expect(tab.page).to_have_url(re.compile(r"\?r=0,0,0,3,0,0,2,2,3,5,5$"))

    shared = tab.page.url
    tab.page.goto(shared)
    expect(status).to_contain_text("Indice NPS : +25")


@pytest.mark.parametrize(
    ("counts", "index"),
    [
        ("4,,,,,,,,,,1", "\u221260"),
        ("2,,,,,,,,,,", "\u2212100"),
        (",,,,,,,,,,7", "+100"),
        (",,,,,,,1,,2,", "+66,7"),
        ("1,,,,,,,,,1,", "0"),
    ],
)
def test_nps_index_from_minus_100_to_plus_100(tab: Tab, counts: str, index: str) -> None:
    tab.open(f"outils/nps/?r={counts}")
    expect(tab.page.locator("#nps-statut")).to_contain_text(f"Indice NPS : {index}")


def test_no_request_leaves_127_0_0_1(tab: Tab) -> None:
    tab.open("autoevaluation/")
    type_scores(tab.page, [6, 7] * 4)
    expect_level(tab.page, "6,5", CONSOLIDER)
    tab.page.reload()
    expect_level(tab.page, "6,5", CONSOLIDER)
    tab.open("outils/nps/?r=0,0,0,3,0,0,2,2,3,5,5")
    expect(tab.page.locator("#nps-statut")).to_contain_text("Indice NPS : +25")
    tab.page.wait_for_load_state("networkidle")
    assert tab.requests, "no request was recorded"
    outside = [url for url in tab.requests if urlsplit(url).hostname != "127.0.0.1"]
    assert not outside, outside
