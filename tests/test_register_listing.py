"""The register's listing at any size: paginated pages readable without JavaScript, filters
over the whole register, and a phone layout where every status shows and numbers never wrap."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from browser_support import Tab, local_tab, serve

from refpub.site.register_listing import listing_uri, page_links

from conftest import FIXTURES

ENV = {"REFPUB_TODAY": "2026-11-23"}


def test_page_links_keep_first_last_and_neighbours() -> None:
    assert page_links(1, 1) == [1]
    assert page_links(1, 3) == [1, 2, 3]
    assert page_links(50, 100) == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert page_links(2, 100) == [1, 2, 3, 4, None, 100]


def test_the_first_page_is_the_published_register_address() -> None:
    assert listing_uri(1) == "certificats/index.md"
    assert listing_uri(7) == "certificats/page_7.md"  # "_" never occurs in a company id


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory: pytest.TempPathFactory, site_build: Any) -> Path:
    """The small fixture project with one certificate per register page."""
    project = tmp_path_factory.mktemp("paged") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - refpub", "  - refpub:\n      register_page_size: 1"),
        encoding="utf-8",
    )
    return site_build(project, ENV)


def listing_files(site: Path) -> list[Path]:
    pages = sorted(
        site.glob("certificats/page_*/index.html"), key=lambda p: int(p.parent.name.split("_")[1])
    )
    return [site / "certificats/index.html", *pages]


def test_every_certificate_is_on_exactly_one_page(paged_site: Path) -> None:
    api = json.loads((paged_site / "api/certificats.json").read_text("utf-8"))
    pages = [p.read_text("utf-8") for p in listing_files(paged_site)]
    assert len(pages) == len(api) >= 2
    for cert in api:
        assert (
            sum(cert["certificate"] in page.split('id="refpub-register"')[1] for page in pages) == 1
        )


def test_pages_link_each_other_without_javascript(paged_site: Path) -> None:
    first, second = (p.read_text("utf-8") for p in listing_files(paged_site)[:2])
    assert re.search(r'<a href="page_2/" rel="next">', first)
    assert re.search(r'<a href="\.\./" rel="prev">', second)
    assert 'id="synthese"' in first and 'id="synthese"' not in second


def test_filter_data_lists_every_certificate(paged_site: Path) -> None:
    api = json.loads((paged_site / "api/certificats.json").read_text("utf-8"))
    data = json.loads((paged_site / "certificats/registre.json").read_text("utf-8"))
    rows = [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]
    assert [(r["company"], r["certificate"], r["status"]) for r in rows] == [
        (c["company"], c["certificate"], c["status"]) for c in api
    ]


@pytest.fixture(scope="session")
def paged_url(paged_site: Path) -> Iterator[str]:
    with serve(paged_site) as url:
        yield url


def register_tab(
    browser: Any, url: str, width: int = 1280, javascript: bool = True
) -> AbstractContextManager[Tab]:
    """A local-only tab on the site served at ``url``, closed when the block ends."""
    return local_tab(
        browser, url, viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )


def rows(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#refpub-register tbody tr", "rows => rows.map(r => r.innerText)"
    )


def test_filter_finds_a_certificate_listed_on_another_page(
    browser: Any, paged_url: str, paged_site: Path
) -> None:
    second = listing_files(paged_site)[1].read_text("utf-8")
    number = re.search(r'refpub-r-number">([A-Z0-9-]+)<', second).group(1)
    with register_tab(browser, paged_url) as tab:
        page = tab.open("certificats/")
        assert number not in " ".join(rows(page))
        page.fill("#refpub-filters input[name=q]", number.lower())
        page.wait_for_function(
            "() => document.querySelector('#refpub-register').getAttribute('data-filtered') === '1'"
        )
        assert number in " ".join(rows(page)) and len(rows(page)) == 1
        assert page.locator(".refpub-pages").first.is_hidden()
        assert f"q={number.lower()}" in page.url  # a filtered view has its own address
        page.fill("#refpub-filters input[name=q]", "")
        assert (
            number not in " ".join(rows(page)) and page.locator(".refpub-pages").first.is_visible()
        )


def test_a_filtered_address_restores_the_filter(browser: Any, paged_url: str) -> None:
    with register_tab(browser, paged_url) as tab:
        page = tab.open("certificats/?status=valid")
        page.wait_for_function(
            "() => document.querySelector('#refpub-register').hasAttribute('data-filtered')"
        )
        assert page.input_value("#refpub-filters select[name=status]") == "valid"
        assert all("Valide" in row for row in rows(page))


def test_without_javascript_the_register_reads_page_by_page(browser: Any, paged_url: str) -> None:
    with register_tab(browser, paged_url, javascript=False) as tab:
        page = tab.open("certificats/")
        assert page.locator("#refpub-filters").is_hidden()
        assert len(rows(page)) == 1
        page.click("text=Page suivante")
        page.wait_for_url("**/certificats/page_2/")
        assert len(rows(page)) == 1


def test_on_a_phone_every_status_shows_and_numbers_never_wrap(browser: Any, site_url: str) -> None:
    with register_tab(browser, site_url, width=390) as tab:
        page = tab.open("certificats/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        boxes = page.eval_on_selector_all(
            "#refpub-register .refpub-status",
            "pills => pills.map(p => { const r = p.getBoundingClientRect();"
            " return [r.left, r.right, r.width]; })",
        )
        assert boxes and all(
            left >= 0 and right <= 390 and width > 0 for left, right, width in boxes
        )
        lines = page.eval_on_selector_all(
            "#refpub-register .refpub-r-number",
            "cells => cells.map(c => { const range = document.createRange();"
            " range.selectNodeContents(c);"
            " return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })",
        )
        assert lines and set(lines) == {1}
