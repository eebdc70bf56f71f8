"""The site's generated content in one place, without MkDocs objects: every generated page
(its path, title and template data) and every asset the plugin adds, so that the plugin and
``refpub render`` publish the same pages and files."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ..core.audits.repository import Repository
from ..core.certification.register import Register
from ..core.french import de
from . import bulk_check, credentials, identity, iso_pages, register_listing, simulator
from . import pages as site_pages
from .company_mark import MarkSetting
from .identity import Organisme

ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: Theme templates of the plugin (header search, <title>), between custom_dir and Material.
THEME = Path(__file__).resolve().parent.parent / "theme"
#: Generated pages left out of the full-text search: audit syntheses are mostly numbers, the
#: register lists every company (each has its own page), information documents repeat the
#: company page.
NOT_SEARCHED = frozenset({"audit.html", "register.html", "information.html"})
CSS_URI = "assets/refpub/refpub.css"
#: The package's static assets, by the address they are published at: one table, read by
#: the plugin and by ``refpub render`` alike.
STATIC_ASSETS: tuple[tuple[str, Path], ...] = (
    (CSS_URI, ASSETS / "refpub.css"),
    # the helpers every refpub script shares, loaded in every page's header before the others
    ("assets/refpub/commun.js", ASSETS / "commun.js"),
    ("assets/refpub/register.js", ASSETS / "register.js"),
    ("assets/refpub/register.css", ASSETS / "register.css"),
    ("assets/refpub/copy.js", ASSETS / "copy.js"),
    *simulator.asset_files(),
    credentials.verification_script(),
    bulk_check.bulk_check_script(),
)


@dataclass(frozen=True)
class SiteContent:
    """What the pages are made of: the loaded data as the site publishes it."""

    repo: Repository
    register: Register
    companies: list[Any]
    organisme: Organisme
    marks: dict[str, str]
    site_url: str
    register_page_size: int
    pdf: bool


def page_specs(content: SiteContent) -> list[site_pages.PageSpec]:
    """Every generated page, in the order the site has always listed them."""
    repo = content.repo
    referentiels = list(repo.referentiels.values())
    mappings = list(repo.mappings.values())
    specs = site_pages.index_pages(referentiels)
    simulators = simulator.simulator_uris(referentiels)
    for ref in referentiels:
        grids = [
            (iso_pages.mapping_title(m), iso_pages.mapping_uri(m))
            for m in sorted(mappings, key=lambda m: m.id)
            if m.referentiel.id == ref.id
        ]
        specs.extend(site_pages.referentiel_pages(ref, grids, simulators.get(ref.id)))
    specs.extend(
        register_listing.listing_pages(content.register, referentiels, content.register_page_size)
    )
    body = content.organisme.as_party()
    setting = MarkSetting(content.site_url, content.marks, content.organisme.example, body)
    specs.extend(
        site_pages.register_pages(content.register, content.companies, referentiels, setting)
    )
    specs.extend(iso_pages.mapping_pages(mappings))
    specs.extend(site_pages.information_pages(content.register, content.pdf, body))
    specs.extend(simulator.simulator_pages(referentiels))
    specs.append(credentials.verification_page())
    specs.append(bulk_check.bulk_check_page(content.register))
    specs.append(site_pages.complaints_page(content.organisme, referentiels))
    specs.extend(_legal_page(content.organisme, referentiels))
    return specs


def _legal_page(organisme: Organisme, referentiels: list[Any]) -> Iterator[site_pages.PageSpec]:
    """The legal notice, once the body has configured its identity."""
    if organisme.configured:
        yield site_pages.PageSpec(
            identity.LEGAL_URI,
            "Mentions légales",
            "mentions-legales.html",
            {"organisme": organisme, "referentiels": referentiels},
            description=f"Mentions légales du site {de(organisme.name)}",
        )


def front_matter(spec: site_pages.PageSpec) -> str:
    """The Markdown source of a generated page: front matter only, the body is rendered.

    Material prints ``page.meta.title`` and ``page.meta.description`` into the page head and
    header as they are (its templates are not autoescaped): they are given escaped here, so
    a name from the data is text wherever the theme puts it."""
    meta: dict[str, Any] = {"title": escape(spec.title, quote=True)}
    if spec.description:
        meta["description"] = escape(spec.description, quote=True)
    if spec.template in NOT_SEARCHED:
        meta["search"] = {"exclude": True}
    if not spec.in_nav:
        # thousands of pages outside the navigation: their sidebar lists the sections only
        meta["compact_nav"] = True
    # one JSON value per key: valid YAML, and much faster to write than yaml.safe_dump
    lines = "".join(
        f"{key}: {_C1_CONTROL.sub(_escaped, json.dumps(value, ensure_ascii=False))}\n"
        for key, value in meta.items()
    )
    return f"---\n{lines}---\n"


#: C1 control characters, which JSON leaves as they are and YAML does not read as text
_C1_CONTROL = re.compile("[\x80-\x9f]")


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
