"""The status badge in a browser: every text inside its box, whatever the name's length, and
the embed code's image scaling down in a narrow column (viewBox, width and height)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Tab, local_tab

#: text boxes of a badge, each text's right edge against its rectangle's and the badge's
FITS = """() => {
  const svg = document.querySelector('svg');
  const width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const box = t.getBBox();
    return {text: t.textContent, left: box.x, right: box.x + box.width, width};
  });
}"""


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    with local_tab(browser, site_url) as opened:
        yield opened


def _companies(built_site: Path) -> list[str]:
    return sorted(p.parent.name for p in (built_site / "certificats").glob("*/badge.svg"))


def test_no_badge_text_runs_past_the_badge(tab: Tab, built_site: Path) -> None:
    companies = _companies(built_site)
    assert len(companies) > 3
    for company in companies:
        svg = (built_site / "certificats" / company / "badge.svg").read_text("utf-8")
        assert re.match(r'<svg [^>]*width="(\d+)" height="(\d+)" viewBox="0 0 \1 \2"', svg), svg
        page = tab.open(f"certificats/{company}/badge.svg")
        for box in page.evaluate(FITS):
            assert box["left"] >= 0 and box["right"] <= box["width"] - 4, (company, box)


def test_embedded_badge_scales_to_a_narrow_column(tab: Tab, built_site: Path) -> None:
    company = next(
        c
        for c in _companies(built_site)
        if "extrait-html-code" in (built_site / "certificats" / c / "index.html").read_text("utf-8")
    )
    page = tab.open(f"certificats/{company}/")
    snippet = page.inner_text("#extrait-html-code")
    size = re.search(r'<img src="[^"]+badge\.svg" width="(\d+)" height="(\d+)"', snippet)
    assert size, snippet
    svg = (built_site / "certificats" / company / "badge.svg").read_text("utf-8")
    assert f'width="{size.group(1)}" height="{size.group(2)}"' in svg
    local = snippet.replace(re.search(r'src="([^"]+)"', snippet).group(1), "badge.svg")
    page.set_content(
        f'<base href="{tab.base}certificats/{company}/"><div style="width:160px">{local}</div>'
    )
    page.wait_for_function("document.querySelector('img').complete")
    shown = page.evaluate(
        "(() => { const r = document.querySelector('img')"
        ".getBoundingClientRect(); return [r.width, r.height]; })()"
    )
    width, height = int(size.group(1)), int(size.group(2))
    assert width > 160 and shown[0] <= 160
    assert abs(shown[1] / shown[0] - height / width) < 0.02  # scaled, not squashed
