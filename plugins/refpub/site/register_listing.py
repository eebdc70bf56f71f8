"""The register's listing: pages of at most ``PAGE_SIZE`` certificates, and one compact data
file for the in-page filters.

At 10,000 certificates one table was several megabytes of HTML for every visitor of the
register. The listing is now paginated (readable and navigable without JavaScript, one stable
URL per page: ``certificats/`` then ``certificats/page_2/``…; an underscore never occurs in a
company id, so these never collide with a company's page), and the filters load
``certificats/registre.json`` only when a reader starts filtering.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.certification.register import Certificate, Register
from ..core.referentiels.referentiel import Referentiel
from .labels import scope_summary
from .pages import PageSpec
from .urls import REGISTER_URI, company_uri

PAGE_SIZE = 100
REGISTER_TITLE = "Registre des certificats"
DATA_URI = "certificats/registre.json"
#: Columns of each row of ``registre.json`` (one list per certificate, in register order).
DATA_COLUMNS = (
    "company",
    "name",
    "city",
    "referentiel",
    "level",
    "certificate",
    "status",
    "valid_until",
    "status_since",
    "scope",
)


def listing_uri(number: int) -> str:
    """Page 1 is the register's published address; the others follow it."""
    return REGISTER_URI if number == 1 else f"certificats/page_{number}.md"


def listing_pages(
    register: Register, referentiels: list[Referentiel], page_size: int = PAGE_SIZE
) -> list[PageSpec]:
    """The summary and the first certificates on the register page, the rest on next pages."""
    certificates = register.certificates
    size = max(1, page_size)
    chunks = [certificates[i : i + size] for i in range(0, len(certificates), size)]
    chunks = chunks or [[]]
    uris = [listing_uri(n) for n in range(1, len(chunks) + 1)]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        title = (
            REGISTER_TITLE if number == 1 else f"{REGISTER_TITLE} — page {number} sur {len(chunks)}"
        )
        first = (number - 1) * size + 1
        context: dict[str, Any] = {
            "register": register,
            "referentiels": referentiels,
            "certificates": chunk,
            "first": first,
            "last": first + len(chunk) - 1,
            "page_number": number,
            "page_count": len(chunks),
            "page_uris": dict(enumerate(uris, start=1)),
            "previous_uri": uris[number - 2] if number > 1 else None,
            "next_uri": uris[number] if number < len(chunks) else None,
            "page_links": page_links(number, len(chunks)),
            "company_uri": company_uri,
            "data_uri": DATA_URI,
        }
        pages.append(
            PageSpec(
                uris[number - 1],
                title,
                "register.html",
                context,
                in_nav=number == 1,
                description="Registre public des certificats de services.",
            )
        )
    return pages


def page_links(current: int, count: int, around: int = 2) -> list[int | None]:
    """Page numbers to link from page ``current``: the first, the last and those around the
    current one; ``None`` stands for the pages left out (an ellipsis)."""
    shown = sorted({1, count, *range(max(1, current - around), min(count, current + around) + 1)})
    links: list[int | None] = []
    for number in shown:
        if links and number - (links[-1] or 0) > 1:
            links.append(None)
        links.append(number)
    return links


def register_data(register: Register) -> str:
    """``certificats/registre.json``: what the filters search, one short row per certificate
    (company pages are at ``<company>/`` relative to the register)."""
    referentiels = {c.referentiel.id: c.referentiel.short_title for c in register.certificates}
    document = {
        "as_of": register.as_of.isoformat(),
        "columns": DATA_COLUMNS,
        "referentiels": dict(sorted(referentiels.items())),
        "rows": [_row(cert) for cert in register.certificates],
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    # "<" as its JSON escape: the same data, and never markup wherever the file is pasted
    return text.replace("<", "\\u003c") + "\n"


def _row(cert: Certificate) -> list[Any]:
    return [
        cert.company.id,
        cert.company.name,
        cert.company.city,
        cert.referentiel.id,
        cert.level,
        cert.number,
        cert.status,
        cert.valid_until.isoformat(),
        cert.status_since.isoformat(),
        scope_summary(cert),
    ]
