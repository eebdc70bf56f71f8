"""Lighter generated pages: no theme indentation, and a page outside the navigation carries
the navigation's sections only (thousands of company and audit pages repeat it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refpub.site.compact import collapse_whitespace


def test_whitespace_runs_with_a_line_break_become_one_break() -> None:
    assert collapse_whitespace("<p>a\n      b</p>\n\n    <div>") == "<p>a\nb</p>\n<div>"


@pytest.mark.parametrize(
    "verbatim",
    [
        "<pre>x\n   y</pre>",
        "<textarea>a\n  b</textarea>",
        "<code>q\n  r</code>",
        "<script>\n  var a;\n</script>",
        '<pre class="x"><code>  1\n    2</code></pre>',
    ],
)
def test_whitespace_is_kept_where_it_is_content(verbatim: str) -> None:
    assert collapse_whitespace(f"<p>\n   {verbatim}\n   </p>") == f"<p>\n{verbatim}\n</p>"


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


def primary_nav(html: str) -> str:
    """The primary sidebar (navigation), up to the table of contents or the content."""
    return re.split(
        r'data-md-type="toc"|class="md-content"', html.split('data-md-type="navigation"')[1]
    )[0]


def test_generated_pages_list_the_sections_only(site: Path) -> None:
    home = primary_nav((site / "index.html").read_text("utf-8"))
    company = primary_nav(
        (site / "certificats/transports-fictifs-durand/index.html").read_text("utf-8")
    )
    assert len(company) < len(home) / 2
    assert 5 <= company.count('class="md-nav__link"') < home.count("md-nav__link")
    for section in ("Accueil", "Référentiels", "Certificats"):
        assert f'class="md-nav__link">{section}</a>' in company
    assert re.search(r'<a href="\.\./\.\." class="md-nav__link">Accueil</a>', company)


def test_generated_pages_have_no_table_of_contents_sidebar(site: Path) -> None:
    assert 'data-md-type="toc"' in (site / "index.html").read_text("utf-8")
    for page in (
        "certificats/transports-fictifs-durand/index.html",
        *[
            p.relative_to(site).as_posix()
            for p in (site / "certificats/transports-fictifs-durand/audits").glob("*/index.html")
        ],
    ):
        html = (site / page).read_text("utf-8")
        assert 'data-md-type="toc"' not in html and 'class="md-content"' in html, page


def test_no_page_keeps_the_theme_indentation(site: Path) -> None:
    for page in (
        "index.html",
        "certificats/index.html",
        "certificats/transports-fictifs-durand/index.html",
    ):
        html = (site / page).read_text("utf-8")
        outside_verbatim = re.sub(
            r"<(pre|textarea|code|script|style)\b.*?</\1>", "", html, flags=re.S
        )
        assert not re.search(r"\n[ \t]+", outside_verbatim), page
