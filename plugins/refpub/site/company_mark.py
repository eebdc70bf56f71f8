"""What a company page shows of the certification mark (AMARC §VIII.2): its information
documents, and, while a certificate lets it use the mark, the mentions the page must carry.

Computed here from ``Certificate.may_use_mark``, so the template only displays the outcome.
"""

from __future__ import annotations

from typing import Any

from ..core import communication
from ..core.company import Company
from ..core.register import Certificate
from .urls import information_uri


def mark_context(company: Company, certs: list[Certificate]) -> dict[str, Any]:
    """Company page: links to information documents, mark logos and the mark checks (VIII.2):
    while the company may use the mark, the page carries its mentions."""
    with_mark = [c for c in certs if c.may_use_mark]
    checks = {c.referentiel.id: communication.company_page_mentions(c.referentiel, company,
                                                                    c.covered_company)
              for c in with_mark}
    return {
        "information_uris": {c.referentiel.id: information_uri(company.id)
                             for c in certs if c.has_information_document},
        "mark_mentions": {ref_id: {"mark": _mention_id(pages, "mark"),
                                   "website": _mention_id(pages, "website")}
                          for ref_id, pages in checks.items()},
        "communication_checks": [page for pages in checks.values() for page in pages],
    }


def _mention_id(pages: tuple[communication.PageMentions, ...], source: str) -> str | None:
    """The id of the first required mention filled from ``source`` on the page."""
    found = (page.of_source(source) for page in pages)
    return next((m.id for m in found if m is not None), None)
