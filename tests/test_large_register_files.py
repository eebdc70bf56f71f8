"""Files that stay valid at any size of register: a sitemap index past the protocol's
limit of URLs per file, and a paged JSON register past what one static file should hold.
The limits are lowered in mkdocs.yml so that the small fixture project crosses them."""

from __future__ import annotations

import gzip
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from refpub.site import sitemaps

from conftest import EXAMPLE_ENV, FIXTURES, mkdocs_build

SITE_URL = "https://registre.example.org/"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: URLs per sitemap file and certificates per JSON page, in the lowered build.
MAX_URLS = 4
PAGE_SIZE = 1


def project_copy(target: Path, options: str = "") -> Path:
    """tests/fixtures/mini with a site_url, a robots.txt and the plugin ``options``."""
    shutil.copytree(FIXTURES / "mini", target)
    config = target / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "  - refpub", f"  - refpub:\n{options}" if options else "  - refpub"
    )
    config.write_text(f"site_url: {SITE_URL}\n{text}", encoding="utf-8")
    (target / "docs/robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def whole_site(tmp_path_factory: pytest.TempPathFactory, site_build: Any) -> Path:
    """The project under the default limits: one sitemap, one JSON file."""
    return site_build(project_copy(tmp_path_factory.mktemp("whole") / "mini"), EXAMPLE_ENV)


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory, site_build: Any) -> Path:
    """The same project with limits it exceeds."""
    options = f"      sitemap_max_urls: {MAX_URLS}\n      api_page_size: {PAGE_SIZE}\n"
    project = project_copy(tmp_path_factory.mktemp("split") / "mini", options)
    return site_build(project, EXAMPLE_ENV)


def locations(path: Path, tag: str) -> list[str]:
    root = ET.fromstring(path.read_bytes())
    return [loc.text or "" for loc in root.iter(f"{NS}{tag}")]


def sitemap_files(site: Path) -> list[Path]:
    return [
        site / location.removeprefix(SITE_URL)
        for location in locations(site / "sitemap.xml", "loc")
    ]


# --- sitemaps --------------------------------------------------------------------------------


def test_below_the_limit_the_sitemap_stays_one_file(whole_site: Path) -> None:
    root = ET.fromstring((whole_site / "sitemap.xml").read_bytes())
    assert root.tag == f"{NS}urlset"
    assert not list(whole_site.glob("sitemap-*.xml"))
    assert "Sitemap:" not in (whole_site / "robots.txt").read_text("utf-8")


def test_past_the_limit_sitemap_xml_becomes_an_index_of_files_within_it(
    whole_site: Path, split_site: Path
) -> None:
    every_url = locations(whole_site / "sitemap.xml", "loc")
    assert len(every_url) > MAX_URLS  # the project does cross the lowered limit
    index = ET.fromstring((split_site / "sitemap.xml").read_bytes())
    assert index.tag == f"{NS}sitemapindex"
    assert [child.tag for child in index] == [f"{NS}sitemap"] * len(index)
    files = sitemap_files(split_site)
    assert len(files) == -(-len(every_url) // MAX_URLS) >= 2
    assert [f.name for f in files] == [f"sitemap-{n}.xml" for n in range(1, len(files) + 1)]
    listed = []
    for path in files:
        root = ET.fromstring(path.read_bytes())
        assert root.tag == f"{NS}urlset"
        assert {child.tag for child in root} == {f"{NS}url"}
        urls = locations(path, "loc")
        assert 1 <= len(urls) <= MAX_URLS
        listed.extend(urls)
    assert sorted(listed) == sorted(every_url) and len(set(listed)) == len(listed)
    assert all(url.startswith(SITE_URL) for url in listed)


def test_each_sitemap_file_has_its_reproducible_gzip_twin(
    whole_site: Path, split_site: Path
) -> None:
    def stamp(packed: bytes) -> int:
        return int.from_bytes(packed[4:8], "little")

    # MkDocs' own timestamp (from SOURCE_DATE_EPOCH and the pages), never the clock
    mkdocs_stamp = stamp((whole_site / "sitemap.xml.gz").read_bytes())
    for path in [split_site / "sitemap.xml", *sitemap_files(split_site)]:
        packed = (path.parent / f"{path.name}.gz").read_bytes()
        assert gzip.decompress(packed) == path.read_bytes()
        assert stamp(packed) == mkdocs_stamp


def test_robots_txt_names_the_sitemap_index(split_site: Path) -> None:
    lines = (split_site / "robots.txt").read_text("utf-8").splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert lines.count(f"Sitemap: {SITE_URL}sitemap.xml") == 1


def write_sitemap(site: Path, count: int) -> list[str]:
    """A MkDocs-like sitemap of ``count`` pages in ``site``; their addresses."""
    urls = [f"{SITE_URL}page-{n}/?a=1&b=2" for n in range(count)]
    entries = "".join(f"<url><loc>{url.replace('&', '&amp;')}</loc></url>" for url in urls)
    site.mkdir(exist_ok=True)
    (site / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{NS[1:-1]}">{entries}</urlset>',
        encoding="utf-8",
    )
    return urls


def test_a_sitemap_past_the_size_limit_is_split_within_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = write_sitemap(tmp_path, 30)
    monkeypatch.setattr(sitemaps, "MAX_BYTES", 1000)
    sitemaps.split_sitemap(tmp_path, SITE_URL)
    files = sitemap_files(tmp_path)
    assert len(files) >= 2
    assert all(path.stat().st_size <= 1000 for path in files)
    assert [url for path in files for url in locations(path, "loc")] == urls


def test_a_register_that_shrank_leaves_no_former_sitemap_file(tmp_path: Path) -> None:
    write_sitemap(tmp_path, 9)
    sitemaps.split_sitemap(tmp_path, SITE_URL, max_urls=3)
    assert len(list(tmp_path.glob("sitemap-*.xml"))) == 3
    write_sitemap(tmp_path, 5)
    sitemaps.split_sitemap(tmp_path, SITE_URL, max_urls=3)
    assert sorted(p.name for p in tmp_path.glob("sitemap-*")) == [
        "sitemap-1.xml",
        "sitemap-1.xml.gz",
        "sitemap-2.xml",
        "sitemap-2.xml.gz",
    ]
    write_sitemap(tmp_path, 2)
    sitemaps.split_sitemap(tmp_path, SITE_URL, max_urls=3)
    assert not list(tmp_path.glob("sitemap-*"))


# --- the JSON register -----------------------------------------------------------------------


def test_below_the_page_size_the_json_register_is_one_list(whole_site: Path) -> None:
    assert isinstance(json.loads((whole_site / "api/certificats.json").read_text("utf-8")), list)
    assert not (whole_site / "api/certificats").exists()


def test_past_the_page_size_the_json_register_is_an_index_of_pages(
    whole_site: Path, split_site: Path
) -> None:
    everything = json.loads((whole_site / "api/certificats.json").read_text("utf-8"))
    assert len(everything) > PAGE_SIZE
    index = json.loads((split_site / "api/certificats.json").read_text("utf-8"))
    assert index["total"] == len(everything) and index["page_size"] == PAGE_SIZE
    assert index["as_of"] == "2026-11-23"
    assert index["csv"] == f"{SITE_URL}api/certificats.csv"
    assert index["pages"] == [
        f"{SITE_URL}api/certificats/page-{n}.json" for n in range(1, len(everything) + 1)
    ]
    read_in_turn = []
    for url in index["pages"]:
        page = json.loads((split_site / url.removeprefix(SITE_URL)).read_text("utf-8"))
        assert isinstance(page, list) and 1 <= len(page) <= PAGE_SIZE
        read_in_turn.extend(page)
    assert read_in_turn == everything


def test_the_published_schema_describes_the_index_and_its_pages(split_site: Path) -> None:
    schema = json.loads((split_site / "api/certificats.schema.json").read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    index = json.loads((split_site / "api/certificats.json").read_text("utf-8"))
    validator.validate(index)
    first = json.loads((split_site / "api/certificats/page-1.json").read_text("utf-8"))
    validator.validate(first)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({key: value for key, value in index.items() if key != "pages"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate([{**first[0], "status": "inconnu"}])


def test_the_paged_register_keeps_every_certificate_in_the_csv(split_site: Path) -> None:
    index = json.loads((split_site / "api/certificats.json").read_text("utf-8"))
    rows = (split_site / "api/certificats.csv").read_text("utf-8").splitlines()
    assert len(rows) == 1 + index["total"]


@pytest.mark.parametrize("option", ["sitemap_max_urls", "api_page_size"])
def test_a_limit_below_one_is_refused_in_french_without_traceback(
    tmp_path: Path, option: str
) -> None:
    project = project_copy(tmp_path / "mini", f"      {option}: 0\n")
    result = mkdocs_build(project, tmp_path / "site", EXAMPLE_ENV)
    assert result.returncode != 0
    assert option in result.output and "au moins 1" in result.output
    assert "Traceback" not in result.output
