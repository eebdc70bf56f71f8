"""Applicants are not public (CONTRACT.md « Publication »): the address of a company that
never held a certificate is known to MkDocs, so that a hand-written page linking to it is
not a broken link, but never built; the link keeps its text only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from ..core.audits.company import Company
from .urls import company_dir, company_uri

#: A link of rendered Markdown: its address (without query or fragment) and its text.
LINK = re.compile(r'<a\b[^>]*?\shref="([^"#?]*)[^"]*"[^>]*>(.*?)</a>', re.S)
#: The placeholder's source: never searched, should a live preview render it.
PLACEHOLDER = "---\nsearch:\n  exclude: true\n---\n"
#: Any absolute base: relative addresses are resolved against the page's own.
BASE = "https://site.invalid/"


def folders(companies: Iterable[Company]) -> set[str]:
    """The site folders of the applicants (their id and former ids), ``certificats/<id>/``."""
    return {
        f"{company_dir(ident)}/"
        for company in companies
        for ident in (company.id, *company.aliases)
    }


def placeholder_files(config: MkDocsConfig, companies: Iterable[Company]) -> list[File]:
    """One excluded page per applicant address: links to it resolve, nothing is written."""
    return [
        File.generated(
            config, company_uri(ident), content=PLACEHOLDER, inclusion=InclusionLevel.EXCLUDED
        )
        for company in sorted(companies, key=lambda c: c.id)
        for ident in (company.id, *company.aliases)
    ]


def unlink(html: str, page_url: str, hidden: set[str]) -> str:
    """``html`` with every link into one of the ``hidden`` folders replaced by its text."""
    if not hidden:
        return html

    def text_only(match: re.Match[str]) -> str:
        path = urljoin(BASE + page_url, match.group(1)).removeprefix(BASE)
        inside = any(path.startswith(folder) for folder in hidden)
        return match.group(2) if inside else match.group(0)

    return LINK.sub(text_only, html)
