"""A sitemap index when MkDocs' single ``sitemap.xml`` outgrows the protocol.

The sitemaps protocol (sitemaps.org) caps one file at 50,000 URLs and 50 MB uncompressed:
search engines ignore the excess. Past either limit, ``sitemap.xml`` becomes an index of
``sitemap-1.xml``, ``sitemap-2.xml``... each within both, so that the published address of
the sitemap does not change. Each file has its gzip twin, as MkDocs writes for the single
file, with the same timestamp (byte-reproducible builds).
"""

from __future__ import annotations

import gzip
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP = "sitemap.xml"
#: The protocol's limits for one sitemap file.
MAX_URLS = 50_000
MAX_BYTES = 50_000_000
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NAMESPACE}">\n'
_TAIL = "</urlset>\n"
_PART = re.compile(r"^sitemap-[0-9]+\.xml(\.gz)?$")


def split_sitemap(site_dir: Path, site_url: str, max_urls: int = MAX_URLS) -> None:
    """Rewrite ``site_dir/sitemap.xml`` as an index of files of at most ``max_urls`` URLs
    (and ``MAX_BYTES``) when it exceeds them; below, leave it untouched. ``site_url`` makes
    the index's locations absolute, as the protocol asks."""
    sitemap = site_dir / SITEMAP
    _remove_previous_parts(site_dir)
    if not sitemap.is_file():  # a theme without a sitemap
        return
    text = sitemap.read_text(encoding="utf-8")
    entries = _url_entries(text)
    if len(entries) <= max_urls and len(text.encode("utf-8")) <= MAX_BYTES:
        return
    mtime = _gzip_mtime(site_dir / f"{SITEMAP}.gz")
    names = []
    for number, chunk in enumerate(_chunks(entries, max_urls), start=1):
        name = f"sitemap-{number}.xml"
        _write_with_gzip(site_dir / name, _HEAD + "".join(chunk) + _TAIL, mtime)
        names.append(name)
    _write_with_gzip(sitemap, sitemap_index([f"{site_url}{name}" for name in names]), mtime)
    _point_robots_to(site_dir / "robots.txt", f"{site_url}{SITEMAP}")


def sitemap_index(locations: Sequence[str]) -> str:
    """The ``<sitemapindex>`` document listing ``locations``."""
    items = "".join(
        f"    <sitemap>\n         <loc>{escape(loc, quote=False)}</loc>\n    </sitemap>\n"
        for loc in locations
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NAMESPACE}">\n'
        f"{items}</sitemapindex>\n"
    )


def _remove_previous_parts(site_dir: Path) -> None:
    """The parts a previous build left (``mkdocs serve``, ``--dirty``): a register that shrank
    does not keep publishing the sitemap files of its former size."""
    if site_dir.is_dir():
        for path in site_dir.iterdir():
            if _PART.match(path.name) and path.is_file():
                path.unlink()


def _url_entries(text: str) -> list[str]:
    """Each ``<url>`` element of a sitemap, serialised again (location and last change)."""
    root = ET.fromstring(text)
    entries = []
    for url in root.iter(f"{{{NAMESPACE}}}url"):
        parts = [
            f"         <{tag}>{escape(node.text or '', quote=False)}</{tag}>\n"
            for tag in ("loc", "lastmod", "changefreq", "priority")
            if (node := url.find(f"{{{NAMESPACE}}}{tag}")) is not None
        ]
        entries.append("    <url>\n" + "".join(parts) + "    </url>\n")
    return entries


def _chunks(entries: list[str], max_urls: int) -> Iterator[list[str]]:
    """Consecutive runs of ``entries``, each within ``max_urls`` and ``MAX_BYTES``."""
    chunk: list[str] = []
    size = len(_HEAD) + len(_TAIL)
    for entry in entries:
        length = len(entry.encode("utf-8"))
        if chunk and (len(chunk) == max_urls or size + length > MAX_BYTES):
            yield chunk
            chunk, size = [], len(_HEAD) + len(_TAIL)
        chunk.append(entry)
        size += length
    if chunk:
        yield chunk


def _gzip_mtime(path: Path) -> int:
    """The timestamp MkDocs stamped in its ``sitemap.xml.gz`` (from SOURCE_DATE_EPOCH or
    the pages' dates): every gzip file written here carries the same one."""
    if not path.is_file():
        return 0
    with path.open("rb") as stream:
        header = stream.read(8)
    return int(struct.unpack("<I", header[4:8])[0]) if len(header) == 8 else 0


def _write_with_gzip(path: Path, text: str, mtime: int) -> None:
    data = text.encode("utf-8")
    path.write_bytes(data)
    gz_path = path.with_name(f"{path.name}.gz")
    with (
        gz_path.open("wb") as stream,
        gzip.GzipFile(fileobj=stream, filename=str(gz_path), mode="wb", mtime=mtime) as gz,
    ):
        gz.write(data)


def _point_robots_to(robots: Path, index_url: str) -> None:
    """A site's own ``robots.txt`` names the index, so that crawlers find every file."""
    if not robots.is_file():
        return
    text = robots.read_text(encoding="utf-8")
    if f"Sitemap: {index_url}" in text.splitlines():
        return
    separator = "" if not text or text.endswith("\n") else "\n"
    robots.write_text(f"{text}{separator}Sitemap: {index_url}\n", encoding="utf-8")
