"""Machine-readable and embeddable views of the register: JSON, badge, QR code, Atom feeds.

Every view reads the same Certificate objects; none recomputes a status.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from typing import Any
from xml.sax.saxutils import escape

import segno

from ..core.audits.company import Company
from ..core.certification.register import Certificate, Register
from ..core.referentiels.referentiel import Referentiel
from .labels import fr_date, status_statement

BADGE_COLOURS = {
    "valid": "#2e7d32",
    "suspended": "#c62828",
    "withdrawn": "#424242",
    "expired": "#6d4c41",
}


def certificate_json(
    cert: Certificate, url: str, digest_of: Callable[[str], str], credential: str | None = None
) -> dict[str, Any]:
    """The contract's fields, with ``siren`` (null when the company file gives none) and
    ``credential`` (the URL of the signed credential, when the build has a signing key), then
    scope (each site with its SIRET, where given), dates, next audit, history and the sha256 of the
    source files (as the repository read them)."""
    company = cert.company
    sources = [company.path, cert.referentiel.path, *(a.path for a in cert.decided_audits)]
    document = {
        "company": company.id,
        "name": company.name,
        "siren": company.siren,
        "referentiel": cert.referentiel.id,
        "certificate": cert.number,
        "status": cert.status,
        "valid_until": cert.valid_until.isoformat(),
        "url": url,
        "referentiel_title": cert.referentiel.title,
        "referentiel_version": cert.referentiel.version,
        "level": cert.level,
        "address": company.address,
        "scope": {
            "sites": [s.as_json() for s in cert.sites],
            "activities": list(cert.activities),
            "partial": cert.partial_scope,
            "excluded_sites": [s.name for s in cert.excluded_sites],
            "excluded_activities": list(cert.excluded_activities),
            "engagements": [
                {"id": e.id, "number": e.number, "title": e.title, "communicated": told}
                for e, told in cert.engagements
            ],
            "history": [change.as_json() for change in cert.scope_history],
        },
        "first_certified": cert.first_certified.isoformat(),
        "cycle_start": cert.cycle_start.isoformat(),
        "status_since": cert.status_since.isoformat(),
        "as_of": cert.as_of.isoformat(),
        "next_audit": None
        if cert.next_audit is None
        else {
            "type": cert.next_audit.type,
            "due": cert.next_audit.due.isoformat(),
            "overdue": cert.next_audit.overdue,
        },
        "history": [
            {
                "date": e.date.isoformat(),
                "outcome": e.outcome,
                "audit_type": e.audit.type,
                "audit_date": e.audit.date.isoformat(),
                "certificate": e.certificate,
            }
            for e in cert.history
        ],
        "sources": [{"path": path, "sha256": digest_of(path)} for path in sources],
    }
    if credential is None:
        return document
    fields = list(document.items())
    after_url = [name for name, _ in fields].index("url") + 1
    return dict([*fields[:after_url], ("credential", credential), *fields[after_url:]])


def dumps(data: Any) -> str:
    """Compact JSON: programs read it, and at 10,000 companies the indentation alone would
    weigh megabytes of ``api/certificats.json``."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


#: Advance widths of Verdana at 11 px, by kind of character (the widest common font the
#: badge names): wide capitals, narrow letters, spaces and punctuation, the rest.
_WIDE, _NARROW = frozenset("MWmw@%"), frozenset("fijlrtI.,;:!'|() ")


def _text_width(text: str, bold: bool = False) -> int:
    """Width (px) a text takes in Verdana 11 px, generous so that it never runs past its box;
    the badge also sets it as the text's ``textLength``, so a font that renders wider is
    fitted into the box rather than clipped."""
    width = sum(
        9.5 if c in _WIDE else 4.0 if c in _NARROW else 7.6 if c.isupper() or c.isdigit() else 6.8
        for c in text
    )
    return int(width * (1.1 if bold else 1.0)) + 1


PADDING = 6


def _box(text: str, bold: bool = False) -> int:
    return _text_width(text, bold) + 2 * PADDING


def badge_rows(certs: list[Certificate]) -> list[tuple[str, str, str]]:
    """(left text, right text, colour) of each line of the badge under the holder's name."""
    rows = []
    for cert in certs:
        statement = status_statement(cert)
        right = f"{statement.date_label.lower()} {fr_date(statement.date)}"
        rows.append(
            (f"{cert.referentiel.short_title} n° {cert.number}", right, BADGE_COLOURS[cert.status])
        )
    return rows or [("Certification", "aucun certificat", "#757575")]


def badge_size(holder: str, certs: list[Certificate]) -> tuple[int, int]:
    """(width, height) of the badge in px: the embed code states them, so the page keeps
    its place while the badge loads and a narrow column can scale it down."""
    rows = badge_rows(certs)
    left_w = max(_box(r[0]) for r in rows)
    right_w = max(_box(r[1]) for r in rows)
    return max(left_w + right_w, _box(holder, bold=True)), 20 * (len(rows) + 1)


def _text(x: int, y: int, text: str, width: int, extra: str = "") -> str:
    """A text fitted to ``width`` px (``textLength``): never wider than its box."""
    return (
        f'<text x="{x}" y="{y}" textLength="{width}" lengthAdjust="spacingAndGlyphs"'
        f"{extra}>{escape(text)}</text>"
    )


def badge_svg(holder: str, certs: list[Certificate]) -> str:
    """A status badge naming the certificate holder, then one line per certificate,
    « référentiel n° | statut date », so a copied badge still says whose it is. It scales
    (viewBox) and its texts are fitted to their boxes, so a long name is never clipped."""
    rows = badge_rows(certs)
    width, height = badge_size(holder, certs)
    left_w = max(_box(r[0]) for r in rows)
    right_w = width - left_w
    title = f"{holder} — " + " ; ".join(f"{r[0]} : {r[1]}" for r in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title, {chr(34): "&quot;"})}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="20" fill="#263238"/>',
        _text(
            PADDING,
            14,
            holder,
            _text_width(holder, bold=True),
            ' fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" '
            'font-weight="bold"',
        ),
    ]
    for i, (left, right, colour) in enumerate(rows):
        y = 20 * (i + 1)
        parts += [
            f'<rect y="{y}" width="{left_w}" height="20" fill="#555"/>',
            f'<rect x="{left_w}" y="{y}" width="{right_w}" height="20" fill="{colour}"/>',
            '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
            + _text(PADDING, y + 14, left, _text_width(left))
            + _text(left_w + PADDING, y + 14, right, _text_width(right))
            + "</g>",
        ]
    parts.append("</svg>\n")
    return "".join(parts)


# A fixed mask (any of the 8 is valid): segno's search for the best one was ~80 % of the QR
# cost, about 10 % of a 1000-company build (maintainers/performance.md).
QR_MASK = 0
#: Modules of white margin around the code (ISO/IEC 18004 quiet zone).
QR_QUIET_ZONE = 4


def qr_svg(url: str) -> str:
    """A QR code of the page URL, as standalone SVG (segno): dark modules on an opaque white
    background with the 4-module quiet zone ISO/IEC 18004 asks, so it scans on any page."""
    buffer = io.BytesIO()
    qr = segno.make(url, error="m", mask=QR_MASK)
    qr.save(
        buffer,
        kind="svg",
        scale=4,
        border=QR_QUIET_ZONE,
        dark="#000",
        light="#fff",
        xmldecl=False,
        title=f"QR code : {url}",
    )
    return buffer.getvalue().decode("utf-8") + "\n"


ATOM = "http://www.w3.org/2005/Atom"


def _atom(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """An Atom element appended to ``parent``; ElementTree escapes text and attributes."""
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def feed_entry_id(page: str, cert: Certificate, event, seen: set[str]) -> str:
    """A unique, stable id: the company page, the référentiel, the certificate (a new one
    after a withdrawal), the date and the decision; a counter only for an exact repeat."""
    base = f"{page}#{cert.referentiel.id}-{cert.number}-{event.date.isoformat()}-{event.outcome}"
    ident, count = base, 1
    while ident in seen:
        count += 1
        ident = f"{base}-{count}"
    seen.add(ident)
    return ident


#: Entries in the feed. A reader polls it often: it carries the latest status changes, not
#: the whole history (every decision stays on the company pages and in the JSON).
FEED_ENTRIES = 100


def atom_feed(
    register: Register,
    site_url: str,
    feed_url: str,
    page_url,
    issuer: str = "",
    entries: int = FEED_ENTRIES,
    title: str = "Certificats : changements de statut",
    certificates: Iterable[Certificate] | None = None,
) -> str:
    """The latest status changes (decisions) as an Atom feed, newest first, reproducible.
    ``issuer``: the body whose decisions they are, author of every entry (not the
    référentiel's publisher); without a configured body, the site's own words.
    ``certificates``: those whose changes the feed follows (one company's, one
    référentiel's; default: the whole register)."""
    followed = register.certificates if certificates is None else certificates
    events = sorted(
        ((e, c) for c in followed for e in c.history),
        key=lambda pair: (
            pair[0].date,
            pair[1].company.id,
            pair[1].referentiel.id,
            pair[0].outcome,
        ),
        reverse=True,
    )[:entries]
    updated = events[0][0].date.isoformat() if events else register.as_of.isoformat()
    # the namespace as a plain attribute: ElementTree would otherwise prefix every tag
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "fr"})
    _atom(feed, "title", title)
    _atom(feed, "id", feed_url)
    _atom(feed, "link", rel="self", href=feed_url)
    _atom(feed, "link", href=site_url)
    _atom(feed, "updated", f"{updated}T00:00:00Z")
    seen: set[str] = set()
    for event, cert in events:
        url = page_url(cert)
        title = (
            f"{cert.company.name} — {cert.referentiel.short_title} : "
            f"{event.label} ({fr_date(event.date)})"
        )
        entry = _atom(feed, "entry")
        _atom(entry, "title", title)
        _atom(entry, "id", feed_entry_id(url, cert, event, seen))
        _atom(entry, "link", href=url)
        _atom(entry, "updated", f"{event.date.isoformat()}T00:00:00Z")
        author = _atom(entry, "author")
        _atom(author, "name", issuer or "Organisme certificateur")
        _atom(entry, "summary", f"{title} ; certificat {cert.number}.")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def company_feed(
    register: Register, company: Company, site_url: str, feed_url: str, page_url, issuer: str = ""
) -> str:
    """Every status change of one company's certificates (a company has few: the whole
    history), for a buyer who follows that supplier."""
    certificates = register.for_company(company.id)
    return atom_feed(
        register,
        site_url,
        feed_url,
        page_url,
        issuer,
        entries=sum(len(cert.history) for cert in certificates),
        title=f"{company.name} : changements de statut de ses certificats",
        certificates=certificates,
    )


def referentiel_feed(
    register: Register, ref: Referentiel, site_url: str, feed_url: str, page_url, issuer: str = ""
) -> str:
    """The latest status changes of the certificates of one référentiel."""
    return atom_feed(
        register,
        site_url,
        feed_url,
        page_url,
        issuer,
        title=f"Certificats {ref.short_title} : changements de statut",
        certificates=register.for_referentiel(ref.id),
    )
