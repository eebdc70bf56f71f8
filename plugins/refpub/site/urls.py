"""Where the generated pages are published: each page's path in docs/ and the anchor of each
numbered part of a référentiel's source.

One place for the addresses, so that the pages, the links between them, the JSON and the
signed files all name a page the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.referentiels import drafting
from ..core.referentiels.referentiel import Engagement, Referentiel, source_order

#: The site's fixed pages and files, by what templates call them (``site_uris.register``).
REGISTER_URI = "certificats/index.md"
VERIFICATION_URI = "verification/index.md"
BULK_CHECK_URI = "verification/liste/index.md"
API_URI = "api/certificats.json"
FEED_URI = "certificats/feed.xml"
SITE_URIS = {
    "register": REGISTER_URI,
    "verification": VERIFICATION_URI,
    "bulk_check": BULK_CHECK_URI,
    "api": API_URI,
    "feed": FEED_URI,
}


def referentiel_dir(ref: Referentiel) -> str:
    return f"referentiels/{ref.id}"


def engagement_uri(ref: Referentiel, engagement: Engagement) -> str:
    return f"{referentiel_dir(ref)}/engagement-{engagement.id}.md"


def referentiel_uris(ref: Referentiel) -> dict[str, str]:
    """The fixed pages of a référentiel, by role; engagements are added per engagement."""
    base = referentiel_dir(ref)
    uris = {
        "index": f"{base}/index.md",
        "evaluation": f"{base}/evaluation.md",
        "cycle": f"{base}/certification.md",
    }
    if ref.glossary:
        uris["glossary"] = f"{base}/glossaire.md"
    if ref.communication:
        uris["communication"] = f"{base}/communication.md"
    if drafting.pending_notes(ref):
        uris["pending"] = f"{base}/notes-en-attente.md"
    return uris


def company_dir(company_id: str) -> str:
    return f"certificats/{company_id}"


def company_uri(company_id: str) -> str:
    return f"{company_dir(company_id)}/index.md"


def audit_uri(company_id: str, audit_id: str) -> str:
    return f"{company_dir(company_id)}/audits/{audit_id}.md"


def information_uri(company_id: str) -> str:
    return f"{company_dir(company_id)}/document-information.md"


#: The page on which each numbered part of the source is published (see « headings »).
PART_PAGES = {
    "glossary": "glossary",
    "cycle": "cycle",
    "communication": "communication",
    "measure": "evaluation",
    "tool": "evaluation",
    "report": "evaluation",
    "result": "evaluation",
    "communicated": "communication",
}


@dataclass(frozen=True)
class NumberedPart:
    """A numbered part of the source (« 3.1 Les éléments de mesure ») and where it is."""

    number: str
    title: str
    uri: str
    anchor: str


def part_anchor(number: str) -> str:
    """The id of a numbered part on its page: 3.1 -> chapitre-3-1."""
    return "chapitre-" + number.replace(".", "-")


def numbered_parts(ref: Referentiel, uris: dict[str, str]) -> list[NumberedPart]:
    """Every numbered part of the source the site publishes, in the source's order: the
    chapters and engagement sections of the overview, and the parts other pages carry."""
    parts = [
        NumberedPart(p.number, p.title, uris["index"], p.id)
        for p in (*ref.chapters, *ref.sections)
        if p.number
    ]
    for role, heading in ref.headings.items():
        page = PART_PAGES[role]
        if page in uris:
            parts.append(
                NumberedPart(heading.number, heading.title, uris[page], part_anchor(heading.number))
            )
    return sorted(parts, key=lambda p: source_order(p.number))
