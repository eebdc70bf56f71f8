"""The register as CSV (``api/certificats.csv``), for a buyer's spreadsheet or platform.

One row per certificate, read from the same Certificate objects as the JSON. A spreadsheet
runs a cell that starts like a formula: every text cell that could is neutralised the way
OWASP recommends (« CSV Injection »), so no company name becomes a command.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable

from ..core.certification.register import Certificate

CSV_URI = "api/certificats.csv"

#: The contract's columns first (CONTRACT.md « Published URLs »), then the useful ones.
COLUMNS = (
    "company",
    "name",
    "siren",
    "referentiel",
    "edition",
    "certificate",
    "status",
    "valid_until",
    "url",
    "referentiel_title",
    "level",
    "first_certified",
    "status_since",
    "next_audit_type",
    "next_audit_due",
    "address",
    "sites",
    "siret",
    "activities",
    "credential",
    "as_of",
)

#: First characters a spreadsheet reads as the start of a formula or a command (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")

#: Between the sites, SIRET numbers or activities of one cell.
LIST_SEPARATOR = " ; "


def neutralised(value: str) -> str:
    """``value`` as a cell no spreadsheet evaluates: a leading formula character gets a
    single quote before it (OWASP), which the spreadsheet shows and never runs."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def certificate_row(cert: Certificate, url: str, credential: str | None) -> dict[str, str]:
    """One certificate's cells, empty where the data has no value."""
    company, ref, due = cert.company, cert.referentiel, cert.next_audit
    return {
        "company": company.id,
        "name": company.name,
        "siren": company.siren or "",
        "referentiel": ref.id,
        # until the référentiels declare editions, the edition is the version
        "edition": ref.version,
        "certificate": cert.number,
        "status": cert.status,
        "valid_until": cert.valid_until.isoformat(),
        "url": url,
        "referentiel_title": ref.title,
        "level": cert.level or "",
        "first_certified": cert.first_certified.isoformat(),
        "status_since": cert.status_since.isoformat(),
        "next_audit_type": due.type if due else "",
        "next_audit_due": due.due.isoformat() if due else "",
        "address": company.address,
        "sites": LIST_SEPARATOR.join(site.name for site in cert.sites),
        "siret": LIST_SEPARATOR.join(site.siret for site in cert.sites if site.siret),
        "activities": LIST_SEPARATOR.join(cert.activities),
        "credential": credential or "",
        "as_of": cert.as_of.isoformat(),
    }


def register_csv(
    certificates: Iterable[Certificate],
    url: Callable[[Certificate], str],
    credential: Callable[[Certificate], str | None],
) -> str:
    """UTF-8 text (no byte-order mark, which would rename the first column), a header row,
    CRLF line ends (RFC 4180), every cell quoted when it must be and neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for cert in certificates:
        row = certificate_row(cert, url(cert), credential(cert))
        writer.writerow({column: neutralised(value) for column, value in row.items()})
    return buffer.getvalue()
