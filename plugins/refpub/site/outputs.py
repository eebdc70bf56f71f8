"""The non-page files of the register: badges, JSON, schema, feed and redirects, and where
the QR codes go."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from html import escape

from ..core.audits.company import Company
from ..core.certification.register import Certificate, Register
from ..core.referentiels import oscal
from ..core.referentiels.referentiel import Referentiel
from ..core.vocabulary import CERTIFICATE_PATTERN, ID_PATTERN, STATUSES
from .certificates import (
    atom_feed,
    badge_svg,
    certificate_json,
    company_feed,
    dumps,
    referentiel_feed,
)
from .ical import ICS_NAME, build_stamp, company_calendar
from .register_api import API_PAGE_SIZE, register_json_files
from .register_csv import CSV_URI, register_csv
from .urls import FEED_URI, company_dir, referentiel_dir

API_SCHEMA_URI = "api/certificats.schema.json"
#: Per company and per référentiel, beside its page: the Atom feed of its status changes.
FEED_NAME = "feed.xml"
#: Beside each référentiel's page: the référentiel as an OSCAL catalog.
OSCAL_NAME = "oscal.json"
OSCAL_PROPERTIES_URI = "integrateurs/#proprietes-oscal"


def company_url(site_url: str, company_id: str) -> str:
    return f"{site_url}{company_dir(company_id)}/"


def certificate_files(
    companies: Sequence[Company],
    digest_of: Callable[[str], str],
    register: Register,
    site_url: str,
    credential_urls: dict[tuple[str, str], str] | None = None,
    issuer: str = "",
    referentiels: Sequence[Referentiel] = (),
    api_page_size: int = API_PAGE_SIZE,
) -> Iterator[tuple[str, str]]:
    """(site path, content) of every generated non-page file of the published
    ``companies`` (never an applicant's: no badge, JSON, feed or calendar) and of the
    ``referentiels`` (their feeds); ``digest_of``: the sha256 of a source file;
    ``credential_urls``, by (company id, référentiel id), when the build signs credentials;
    ``issuer``: the body that issues the certificates, author of the feeds' entries;
    ``api_page_size``: certificates per page of the JSON register, when it needs pages."""

    def url(cert: Certificate) -> str:
        return company_url(site_url, cert.company.id)

    def credential(cert: Certificate) -> str | None:
        return (
            None
            if credential_urls is None
            else credential_urls[(cert.company.id, cert.referentiel.id)]
        )

    everything, listed = [], []
    stamp = build_stamp(register.as_of)
    for company in sorted(companies, key=lambda c: c.id):
        certs = register.for_company(company.id)
        documents = [certificate_json(c, url(c), digest_of, credential(c)) for c in certs]
        everything.extend(documents)
        listed.extend(certs)
        base = company_dir(company.id)
        badge = badge_svg(company.name, certs)
        yield f"{base}/badge.svg", badge
        yield (
            f"{base}/index.json",
            dumps(
                {
                    "company": company.id,
                    "name": company.name,
                    "url": company_url(site_url, company.id),
                    "as_of": register.as_of.isoformat(),
                    "certificates": documents,
                }
            ),
        )
        page = company_url(site_url, company.id)
        if certs:  # the internal build's applicants have nothing to follow
            yield (
                f"{base}/{FEED_NAME}",
                company_feed(register, company, site_url, f"{page}{FEED_NAME}", url, issuer),
            )
            yield f"{base}/{ICS_NAME}", company_calendar(company, certs, page, stamp)
        for alias in company.aliases:
            yield f"{company_dir(alias)}/index.html", redirect_html(f"../{company.id}/")
            yield f"{company_dir(alias)}/badge.svg", badge
    yield from register_json_files(
        everything, site_url, register.as_of.isoformat(), CSV_URI, api_page_size
    )
    yield API_SCHEMA_URI, dumps(API_SCHEMA)
    yield CSV_URI, register_csv(listed, url, credential)
    yield FEED_URI, atom_feed(register, site_url, f"{site_url}{FEED_URI}", url, issuer)
    # the namespace of refpub's OSCAL properties: the page that documents them
    oscal_ns = f"{site_url}{OSCAL_PROPERTIES_URI}" if site_url else oscal.PREVIEW_NS
    for ref in sorted(referentiels, key=lambda r: r.id):
        path = f"{referentiel_dir(ref)}/{FEED_NAME}"
        yield path, referentiel_feed(register, ref, site_url, f"{site_url}{path}", url, issuer)
        page = f"{site_url}{referentiel_dir(ref)}/"
        yield (
            f"{referentiel_dir(ref)}/{OSCAL_NAME}",
            json.dumps(
                oscal.catalog(ref, page, register.as_of, oscal_ns), ensure_ascii=False, indent=1
            )
            + "\n",
        )


def qr_codes(companies: Sequence[Company], site_url: str) -> list[tuple[str, str]]:
    """(site path, URL it encodes) of each published company's QR code (made by
    site/qr_codes.py)."""
    return [
        (f"{company_dir(company.id)}/qr.svg", company_url(site_url, company.id))
        for company in sorted(companies, key=lambda c: c.id)
    ]


def redirect_html(target: str) -> str:
    """A static redirect for a renamed company: old links printed on brochures keep working."""
    href = escape(target, quote=True)
    return (
        f'<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
        f'<title>Page déplacée</title><meta http-equiv="refresh" content="0; url={href}">'
        f'<link rel="canonical" href="{href}"><meta name="robots" content="noindex">'
        f'</head><body><p>Cette page a changé d\'adresse : <a href="{href}">{href}</a>.'
        "</p></body></html>\n"
    )


_DATE = {"type": "string", "format": "date"}

API_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "api/certificats.schema.json",
    "title": "Registre des certificats",
    "description": "The whole register as a list of certificates; past a size, an index "
    "(an object) whose pages are lists of the same shape (integrateurs/)",
    # "items" holds of a list (the register, or a page), "properties" of the index
    "type": ["array", "object"],
    "required": ["as_of", "total", "page_size", "pages", "csv"],
    "properties": {
        "as_of": _DATE,
        "total": {"type": "integer", "minimum": 0},
        "page_size": {"type": "integer", "minimum": 1},
        "pages": {"type": "array", "items": {"type": "string"}},
        "csv": {"type": "string"},
    },
    "items": {
        "type": "object",
        "required": [
            "company",
            "name",
            "referentiel",
            "certificate",
            "status",
            "valid_until",
            "url",
        ],
        "properties": {
            "company": {"type": "string", "pattern": ID_PATTERN},
            "name": {"type": "string"},
            "siren": {
                "type": ["string", "null"],
                "pattern": "^[0-9]{9}$",
                "description": "SIREN of the company (INSEE's SIRENE register), null "
                "when its file gives none",
            },
            "referentiel": {"type": "string"},
            "certificate": {"type": "string", "pattern": CERTIFICATE_PATTERN},
            "status": {"enum": list(STATUSES)},
            "valid_until": _DATE,
            "url": {"type": "string"},
            "credential": {
                "type": "string",
                "description": "URL of the signed credential "
                "(VC 2.0, vc+jwt), present when the build has a signing key",
            },
            "referentiel_title": {"type": "string"},
            "referentiel_version": {"type": "string"},
            "level": {"type": ["string", "null"]},
            "address": {"type": "string"},
            "scope": {"type": "object"},
            "first_certified": _DATE,
            "cycle_start": _DATE,
            "status_since": _DATE,
            "as_of": _DATE,
            "next_audit": {"type": ["object", "null"]},
            "history": {"type": "array"},
            "sources": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "sha256"],
                    "properties": {
                        "path": {"type": "string"},
                        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    },
                },
            },
        },
    },
}
