"""Layout at 1280 and 390 px: the register's names readable on a wide screen, the CLIQ®
score table bordered, with its headers, and its « Résultat » column in view on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import Tab, local_tab

CLIQ_AUDIT = "certificats/transports-fictifs-durand/audits/2025-12-11-renouvellement/"
WIDTHS = (1280, 390)

#: lines each company name takes in the register (its height over its line height)
NAME_LINES = """() => [...document.querySelectorAll('#refpub-register .refpub-r-name a')]
  .map(a => a.getBoundingClientRect().height / parseFloat(getComputedStyle(a).lineHeight))"""

SCORE_TABLE = """() => {
  const table = document.querySelector('.refpub-score-table');
  const cell = table.querySelector('tbody td');
  const last = [...table.querySelectorAll('thead th')].pop();
  const box = last.getBoundingClientRect();
  const style = getComputedStyle(cell);
  return {border: style.borderTopStyle, width: style.borderTopWidth,
          header: last.innerText.trim(), left: box.left, right: box.right,
          headerWeight: getComputedStyle(last).fontWeight,
          scroll: table.parentElement.scrollWidth - table.parentElement.clientWidth,
          page: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    with local_tab(browser, site_url) as opened:
        yield opened


def _open(tab: Tab, path: str, width: int) -> Any:
    tab.page.set_viewport_size({"width": width, "height": 900})
    return tab.open(path)


def test_register_names_take_at_most_two_lines_at_1280(tab: Tab) -> None:
    lines = _open(tab, "certificats/", 1280).evaluate(NAME_LINES)
    assert lines and max(lines) < 2.5, lines


@pytest.mark.parametrize("width", WIDTHS)
def test_score_table_is_bordered_and_its_result_in_view(tab: Tab, width: int) -> None:
    table = _open(tab, CLIQ_AUDIT, width).evaluate(SCORE_TABLE)
    assert table["border"] == "solid" and table["width"] != "0px", table
    assert int(table["headerWeight"]) >= 700, table
    assert table["header"] == "Résultat"
    assert table["scroll"] <= 0 and table["page"] <= 0, table
    assert table["left"] >= 0 and table["right"] <= width, table
