"""The site's scripts share one helper script (French numbers and dates, element builders):
every page loads it before any other refpub script, and no other published script carries
its own copy of those helpers."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

COMMON = "assets/refpub/commun.js"
#: What only the shared script may do: build elements, put a decimal comma, turn a date.
HELPER_CODE = {
    "element builder": re.compile(r"document\.createElement(NS)?\("),
    "decimal comma": re.compile(r"""replace\(\s*["']\.["']\s*,\s*["'],["']\s*\)"""),
    "date turned": re.compile(r"""split\(\s*["']-["']\s*\)"""),
}


def _own_scripts(site: Path) -> list[Path]:
    """The scripts refpub and the project publish (not the theme's nor Pagefind's)."""
    return [
        p
        for p in site.rglob("*.js")
        if not p.relative_to(site).as_posix().startswith(("assets/javascripts/", "pagefind/"))
    ]


def test_every_page_loads_the_shared_script_before_the_other_refpub_scripts(built_site: Path):
    for page in built_site.rglob("index.html"):
        path = page.relative_to(built_site).as_posix()
        html = page.read_text("utf-8")
        scripts = [urljoin(path, src) for src in re.findall(r'<script src="([^"]+)"', html)]
        own = [s for s in scripts if s.startswith("assets/") and "/javascripts/" not in s]
        if not own:
            continue
        assert own[0] == COMMON, (path, own)


def test_only_the_shared_script_builds_elements_and_formats_numbers_and_dates(
    built_site: Path,
):
    scripts = _own_scripts(built_site)
    assert (built_site / COMMON) in scripts and len(scripts) > 5
    for name, pattern in HELPER_CODE.items():
        holders = [
            p.relative_to(built_site).as_posix()
            for p in scripts
            if pattern.search(p.read_text("utf-8"))
        ]
        assert holders == [COMMON], (name, holders)
