"""Printing a company page (Chromium's print to PDF, A4): one sheet for a short history, the
certificate on the first page, no heading left alone at the foot of a page, links in the
text colour."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Tab, local_tab

pypdf = pytest.importorskip("pypdf")

SHORT_HISTORY = "certificats/logistique-imaginaire-du-nord/"  # one decision, two sites
COMPANIES = [
    "certificats/transports-fictifs-durand/",
    "certificats/eaux-fictives-du-dauphine/",
    "certificats/autocars-imaginaires-bourgogne/",
    SHORT_HISTORY,
]
HEADINGS = (
    "() => [...document.querySelectorAll('article h2, article h3')]"
    ".map(h => h.innerText.replace('¶', '').trim())"
)


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    with local_tab(browser, site_url) as opened:
        opened.page.set_viewport_size({"width": 1280, "height": 900})
        yield opened


def _printed(tab: Tab, path: str) -> tuple[list[str], list[str]]:
    """The text of each A4 page of ``path`` printed, and the page's headings."""
    page = tab.open(path)
    headings = page.evaluate(HEADINGS)
    pdf = page.pdf(format="A4", print_background=True)
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages], headings


def _number(built_site: Path, path: str) -> str:
    data = json.loads((built_site / path / "index.json").read_text(encoding="utf-8"))
    return data["certificates"][0]["certificate"]


def test_a_short_history_prints_on_one_a4_page(tab: Tab, built_site: Path) -> None:
    data = json.loads((built_site / SHORT_HISTORY / "index.json").read_text(encoding="utf-8"))
    assert len(data["certificates"][0]["history"]) == 1  # what « short » means here
    pages, _ = _printed(tab, SHORT_HISTORY)
    assert len(pages) == 1, pages
    assert _number(built_site, SHORT_HISTORY) in pages[0]
    assert "Page officielle du certificat" in pages[0]


@pytest.mark.parametrize("path", COMPANIES)
def test_page_one_holds_the_certificate_and_no_heading_ends_a_page(
    tab: Tab, built_site: Path, path: str
) -> None:
    pages, headings = _printed(tab, path)
    assert len(pages) <= 2, [p[:80] for p in pages]
    first = pages[0]
    assert "Certificat" in first and _number(built_site, path) in first
    assert "Statut" in first  # the sheet's dates, status first, are on page 1 too
    for text in pages[:-1]:
        last = [line.strip() for line in text.splitlines() if line.strip()][-1]
        assert last not in headings, (path, last)


def test_links_print_in_the_text_colour(tab: Tab) -> None:
    page = tab.open(SHORT_HISTORY)
    page.emulate_media(media="print")
    colours = page.evaluate("""() => [...document.querySelectorAll('article a')]
      .filter(a => a.offsetParent)
      .map(a => [getComputedStyle(a).color, getComputedStyle(a.parentElement).color])""")
    assert colours and all(link == text for link, text in colours), colours
