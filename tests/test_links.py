"""Every internal link and anchor of the built site resolves (walks every HTML file)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = ("http", "https", "mailto", "data", "tel", "javascript")
LINK_ATTRIBUTES = {"href", "src"}


class _Page(HTMLParser):
    """The ids and the (attribute, value) links of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and tag != "base":
                self.links.append(value)


def parse(file: Path) -> _Page:
    page = _Page()
    page.feed(file.read_text(encoding="utf-8"))
    return page


def is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


def target_file(site: Path, page: Path, path: str, root_prefix: str) -> Path:
    """The file a link's path points to; directory URLs mean their index.html."""
    if path.startswith("/"):
        relative = path[len(root_prefix) :] if path.startswith(root_prefix) else path[1:]
        target = site / unquote(relative)
    else:
        target = page.parent / unquote(path)
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def broken_links(site: Path, root_prefix: str) -> list[str]:
    pages = {file.resolve(): parse(file) for file in site.rglob("*.html")}
    broken: list[str] = []
    for file, page in sorted(pages.items()):
        source = file.relative_to(site.resolve()).as_posix()
        for url in page.links:
            if not url or not is_internal(url):
                continue
            parts = urlsplit(url)
            target = (
                target_file(site.resolve(), file, parts.path, root_prefix).resolve()
                if parts.path
                else file
            )
            if not target.is_file():
                broken.append(f"{source}: {url} -> fichier absent")
                continue
            anchor = unquote(parts.fragment)
            if not anchor or target.suffix != ".html":
                continue
            ids = pages[target].ids if target in pages else parse(target).ids
            if anchor not in ids:
                broken.append(f"{source}: {url} -> ancre #{anchor} absente")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    # site_url is https://example.org/refpub/: root-relative links start with /refpub/.
    broken = broken_links(built_site, "/refpub/")
    assert not broken, f"{len(broken)} lien(s) cassé(s) :\n" + "\n".join(broken)


def test_the_walk_sees_links(built_site: Path) -> None:
    """Guards the walk itself: the register links to every company page with its anchors."""
    register = parse(built_site / "certificats" / "index.html")
    assert any("transports-fictifs-durand" in link for link in register.links)
    assert len(list(built_site.rglob("*.html"))) > 50


def test_walk_reports_a_broken_anchor_and_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="ok">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#ok">1</a><a href="a/#nope">2</a><a href="b/">3</a>'
        '<a href="https://example.org/x">4</a><img src="data:image/png;base64,AA">'
        '<a href="/refpub/a/">5</a><a href="#top">6</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path, "/refpub/") == [
        "index.html: a/#nope -> ancre #nope absente",
        "index.html: b/ -> fichier absent",
        "index.html: #top -> ancre #top absente",
    ]
