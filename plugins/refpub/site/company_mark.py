"""What a company page shows of the certification mark (AMARC §VIII.2): its information
documents, and, while a certificate lets it use the mark, the mark's logo, the mentions the
page must carry, the rules of mark use and the embed code (``badge_kit.py``).

Computed here from ``Certificate.may_use_mark``, so the template only displays the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.audits.company import Company
from ..core.certification.register import Certificate
from ..core.referentiels import communication
from ..core.referentiels.referentiel import Party
from . import badge_kit
from .urls import information_uri


@dataclass(frozen=True)
class MarkSetting:
    """What the pages need of the body's configuration to show marks: the public address of
    the site, the mark logo files that exist (docs/ path by référentiel id), whether they are
    the example ones, and the issuing body."""

    site_url: str = ""
    marks: dict[str, str] | None = None
    example: bool = False
    body: Party | None = None

    def mark_urls(self) -> dict[str, str]:
        """Absolute URL of each mark logo (a file of docs/ keeps its path on the site)."""
        return {ref_id: f"{self.site_url}{path}" for ref_id, path in (self.marks or {}).items()}


def mark_context(
    company: Company, certs: list[Certificate], page_url: str, setting: MarkSetting | None = None
) -> dict[str, Any]:
    """Company page: links to information documents, mark logos and the mark checks (VIII.2):
    while the company may use the mark, the page carries its mentions and offers the embed
    code, itself checked for the mentions of a website."""
    setting = setting or MarkSetting()
    with_mark = [c for c in certs if c.may_use_mark]
    checks = {
        c.referentiel.id: communication.company_page_mentions(
            c.referentiel, company, covered=c.covered_company, body=setting.body
        )
        for c in with_mark
    }
    return {
        "information_uris": {
            c.referentiel.id: information_uri(company.id)
            for c in certs
            if c.has_information_document
        },
        "mark_mentions": {
            ref_id: {"mark": _mention_id(pages, "mark"), "website": _mention_id(pages, "website")}
            for ref_id, pages in checks.items()
        },
        "communication_checks": [page for pages in checks.values() for page in pages],
        "snippets": badge_kit.snippets(
            company, certs, page_url, setting.mark_urls(), setting.example, setting.body
        ),
    }


def _mention_id(pages: tuple[communication.PageMentions, ...], source: str) -> str | None:
    """The id of the first required mention filled from ``source`` on the page."""
    found = (page.of_source(source) for page in pages)
    return next((m.id for m in found if m is not None), None)
