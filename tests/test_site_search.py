"""The header search of every page (Pagefind), in Debian's Chromium: readers find a company
by name, city or certificate number and a référentiel by the words of its text; a hostile
company name is found, shown as text, and runs no script."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Tab, local_tab, serve

from conftest import FIXTURES

HOSTILE_NAME = (
    'Zorglub X<img src=x onerror="window.__pwned=1"> </title>'
    '<script>window.__pwned=2</script> "Guillemets" & Co'
)
HOSTILE_MARKUP = ("<img src=x", "<script>window.__pwned", "</title><script>")
HOSTILE_CERTIFICATE = "EVIL-2026-0666"
VIEWPORT = {"width": 1280, "height": 900}


def header_search(page: Any, query: str) -> list[dict[str, str]]:
    """Types ``query`` in the header search and returns the results shown (title, link)."""
    search = page.locator("[data-refpub-search] input[name=query]")
    search.click()
    search.fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-refpub-search]').getAttribute('data-query') === q",
        arg=query,
        timeout=10_000,
    )
    return page.eval_on_selector_all(
        "[data-refpub-search] .md-search-result__item a",
        "links => links.map(a => ({title: a.querySelector('h1').textContent, "
        "href: a.getAttribute('href'), html: a.innerHTML}))",
    )


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    with local_tab(browser, site_url, viewport=VIEWPORT) as tab:
        yield tab.open("guide/")


def test_header_search_finds_a_company_by_name(page: Any) -> None:
    results = header_search(page, "Transports Fictifs Durand")
    assert results and results[0]["title"] == "Transports Fictifs Durand SAS"
    assert results[0]["href"].endswith("/certificats/transports-fictifs-durand/")


def test_header_search_finds_a_company_by_city(page: Any) -> None:
    results = header_search(page, "Vénissieux")
    assert "Transports Fictifs Durand SAS" in [r["title"] for r in results]


def test_header_search_finds_a_company_by_certificate_number(page: Any) -> None:
    results = header_search(page, "CLIQ-2023-0107")
    assert results and results[0]["title"] == "Transports Fictifs Durand SAS"


def test_header_search_finds_a_referentiel_engagement_by_a_word_of_its_text(page: Any) -> None:
    results = header_search(page, "nonobstant")  # CLIQ® 1.2: « nonobstant d'autre(s)… »
    hrefs = [r["href"] for r in results]
    assert any(href.endswith("/referentiels/cliq-2006/engagement-org-1/") for href in hrefs), hrefs


def test_the_search_speaks_french_and_finds_from_a_deep_page(browser: Any, site_url: str) -> None:
    """The theme's words are written once into search.js; the script finds the site's root
    from its own address, whatever the depth of the page."""
    with local_tab(browser, site_url, viewport=VIEWPORT) as tab:
        page = tab.open("referentiels/cliq-2006/engagement-org-1/")
        search = page.locator("[data-refpub-search] input[name=query]")
        assert search.get_attribute("placeholder") == "Rechercher"
        meta = page.locator("[data-refpub-search] .md-search-result__meta")
        assert meta.text_content() == "Taper pour démarrer la recherche"
        results = header_search(page, "Vénissieux")
        assert "Transports Fictifs Durand SAS" in [r["title"] for r in results]
        assert meta.text_content().endswith("trouvé") or "trouvés" in meta.text_content()
        assert not header_search(page, "zzzqqqxyz")
        assert meta.text_content() == "Aucun document trouvé"


def test_the_search_shortcut_focuses_the_header_search(page: Any) -> None:
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "query"
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_header_search_leaves_audit_syntheses_out(page: Any) -> None:
    results = header_search(page, "Transports Fictifs Durand")
    assert not [r for r in results if "/audits/" in r["href"]]


def test_the_header_search_adds_no_status_region(page: Any) -> None:
    """A page's own role="status" (self-assessment, verification verdict) stays the only one."""
    regions = page.eval_on_selector(
        "header",
        "h => [h.querySelectorAll('[role=status]').length, "
        "h.querySelectorAll('[aria-live]').length]",
    )
    assert regions == [0, 1]


def test_the_site_has_no_lunr_index(built_site: Path) -> None:
    assert not (built_site / "search" / "search_index.json").exists()
    assert not (built_site / "assets/javascripts/lunr").exists()
    assert not (built_site / "assets/javascripts/workers").exists()
    assert (built_site / "pagefind" / "pagefind.js").is_file()


# --- a hostile company name ---------------------------------------------------------------


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, site_build: Any) -> Path:
    """The small fixture project with one more company whose name and address are markup."""
    project = tmp_path_factory.mktemp("hostile") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    folder = project / "audits" / "hostile-co"
    folder.mkdir()
    audit = (FIXTURES / "mini/audits/demo-co/2026-01-10-initial.yaml").read_text("utf-8")
    (folder / "2026-01-10-initial.yaml").write_text(
        audit.replace("DEMO-2026-0001", HOSTILE_CERTIFICATE), encoding="utf-8"
    )
    (folder / "company.yaml").write_text(
        f"name: {json.dumps(HOSTILE_NAME)}\n"
        'address: "1 rue <b onmouseover=alert(1)>Gras</b> & Fils, 94150 Rungis"\n',
        encoding="utf-8",
    )
    return site_build(project, {"REFPUB_TODAY": "2026-11-23"})


def test_no_hostile_markup_anywhere_in_the_published_pages(hostile_site: Path) -> None:
    checked = 0
    for path in hostile_site.rglob("*"):
        if path.suffix not in (".html", ".xml", ".svg"):
            continue
        text = path.read_text("utf-8")
        checked += "Zorglub" in text
        for markup in (*HOSTILE_MARKUP, "<b onmouseover"):
            assert markup not in text, f"{path.relative_to(hostile_site)}: {markup}"
    assert checked >= 3  # the company page, its audit, the register at least


def test_the_hostile_name_is_escaped_in_the_theme_chrome(hostile_site: Path) -> None:
    html = (hostile_site / "certificats/hostile-co/index.html").read_text("utf-8")
    escaped = "Zorglub X&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;"
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.startswith(escaped) or title.startswith(escaped.replace("&#34;", "&quot;"))
    description = html.split('<meta name="description" content="')[1].split('"')[0]
    assert "Zorglub X&lt;img" in description
    topic = html.split('data-md-component="header-topic"')[1].split("</span>")[0]
    assert "Zorglub X&lt;img" in topic


def test_register_data_holds_no_markup(hostile_site: Path) -> None:
    data = (hostile_site / "certificats/registre.json").read_text("utf-8")
    assert "Zorglub" in data and "<" not in data
    assert any(HOSTILE_NAME in row for row in json.loads(data)["rows"])


def test_search_data_holds_the_name_as_text(hostile_site: Path) -> None:
    fragments = [
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
        for f in (hostile_site / "pagefind" / "fragment").iterdir()
    ]
    titles = [f["meta"]["title"] for f in fragments]
    assert HOSTILE_NAME in titles  # the text itself; search.js displays it as text


@pytest.fixture
def hostile_tab(browser: Any, hostile_site: Path) -> Iterator[Tab]:
    with serve(hostile_site) as url, local_tab(browser, url, viewport=VIEWPORT) as tab:
        tab.open("")
        yield tab


@pytest.mark.parametrize("query", ["Zorglub", "img onerror", HOSTILE_CERTIFICATE])
def test_hostile_company_is_found_and_runs_no_script(hostile_tab: Tab, query: str) -> None:
    hostile_page = hostile_tab.page
    results = header_search(hostile_page, query)
    found = [r for r in results if r["href"].endswith("/certificats/hostile-co/")]
    assert found and found[0]["title"] == HOSTILE_NAME
    assert "<img" not in found[0]["html"] and "<script" not in found[0]["html"]
    hostile_page.goto(
        found[0]["href"]
        if found[0]["href"].startswith("http")
        else hostile_page.url.split("#")[0].rstrip("/") + found[0]["href"]
    )
    assert HOSTILE_NAME in hostile_page.title()
    assert hostile_page.evaluate("window.__pwned") is None
    assert hostile_tab.dialogs == []


@pytest.mark.parametrize("title", [HOSTILE_NAME, "émoji 😀 : {a} #b - c", "a\x85b", "L'été"])
def test_page_front_matter_gives_the_title_escaped_and_whole(title: str) -> None:
    import html

    import yaml

    from refpub.site.pages import PageSpec
    from refpub.site.producer import front_matter as _stub

    meta = yaml.safe_load(
        _stub(PageSpec("x.md", title, "company.html", description=title)).split("---")[1]
    )
    assert "<" not in meta["title"] and '"' not in meta["description"]
    assert html.unescape(meta["title"]) == title == html.unescape(meta["description"])
