"""The bulk check (``verification/liste/``): a buyer pastes a list of suppliers (SIREN, SIRET,
certificate number or name, one a line) and gets each line's certificates and statuses at
the publication date, as a table and as CSV. The register's rows are embedded in the page, so
the check runs in the browser without any request, for a register of any size the page holds
(about 150 bytes a certificate: 1.5 MB at 10,000)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.certification.register import Certificate, Register
from .labels import STATUS_LABELS, fr_date
from .pages import PageSpec
from .urls import BULK_CHECK_URI

BULK_CHECK_SCRIPT_URI = "assets/refpub/verification-liste.js"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
#: The fields of each embedded row, in order (the script reads them by these names).
FIELDS = (
    "company",
    "name",
    "siren",
    "sirets",
    "referentiel",
    "level",
    "certificate",
    "status",
    "status_label",
    "valid_until",
)


def _row(cert: Certificate) -> dict[str, Any]:
    sites = cert.sites or cert.company.sites
    return {
        "company": cert.company.id,
        "name": cert.company.name,
        "siren": cert.company.siren or "",
        "sirets": [site.siret for site in sites if site.siret],
        "referentiel": cert.referentiel.short_title,
        "level": cert.level or "",
        "certificate": cert.number,
        "status": cert.status,
        "status_label": STATUS_LABELS[cert.status],
        "valid_until": cert.valid_until.isoformat(),
    }


def bulk_check_data(register: Register) -> dict[str, Any]:
    """The register as the script reads it (embedded with Jinja's ``tojson``, which writes
    ``<``, ``>``, ``&`` and ``'`` as JSON escapes: no data closes the element)."""
    return {
        "as_of": register.as_of.isoformat(),
        "as_of_label": fr_date(register.as_of),
        "fields": list(FIELDS),
        "rows": [[_row(cert)[name] for name in FIELDS] for cert in register.certificates],
    }


def bulk_check_page(register: Register) -> PageSpec:
    return PageSpec(
        BULK_CHECK_URI,
        "Vérifier une liste de fournisseurs",
        "verification-liste.html",
        {
            "script_uri": BULK_CHECK_SCRIPT_URI,
            "data": bulk_check_data(register),
            "as_of": register.as_of,
            "count": len(register.certificates),
        },
        description=(
            "Vérifier d'un coup les certificats d'une liste d'entreprises : SIREN, SIRET, "
            "numéro de certificat ou nom."
        ),
    )


def bulk_check_script() -> tuple[str, Path]:
    return BULK_CHECK_SCRIPT_URI, ASSETS / "verification-liste.js"
