"""A company's calendar of due dates (``certificats/<id>/echeances.ics``, RFC 5545): for each
certificate, its next audit and the end of its validity, for a buyer's or the company's own
agenda.

Written by hand rather than by a library: RFC 5545's few rules that matter here (CRLF, lines
folded at 75 octets, escaped text, all-day dates) fit in this module, and every byte stays
reproducible: the stamp comes from ``SOURCE_DATE_EPOCH`` or the status date, never the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..core.audits.company import Company
from ..core.certification.register import Certificate
from ..core.french import de
from ..core.vocabulary import EXPIRED, WITHDRAWN
from .labels import STATUS_LABELS, fr_date

ICS_NAME = "echeances.ics"
PRODID = "-//refpub//Registre des certificats//FR"
#: Octets of a content line before it is folded (RFC 5545 §3.1), CRLF excluded.
LINE_OCTETS = 75
#: Days before a due date at which a subscribed agenda reminds its reader.
REMINDER_DAYS = 30


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded into lines of at most 75 octets (the leading space of a
    continuation counts), never inside a UTF-8 character, each ended by CRLF."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "".join(f"{piece}\r\n" for piece in pieces)


def build_stamp(as_of: dt.date) -> str:
    """DTSTAMP of every event: ``SOURCE_DATE_EPOCH`` (reproducible builds) when set, else
    midnight UTC of the status date, so two builds of the same data give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    else:
        moment = dt.datetime.combine(as_of, dt.time(), dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _day(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def _event(
    uid: str,
    stamp: str,
    day: dt.date,
    summary: str,
    description: str,
    url: str,
    cancelled: bool = False,
) -> Iterator[str]:
    """One all-day VEVENT, free time (a due date, not a meeting), with a reminder unless
    it is cancelled."""
    yield "BEGIN:VEVENT"
    yield f"UID:{uid}"
    yield f"DTSTAMP:{stamp}"
    yield f"DTSTART;VALUE=DATE:{_day(day)}"
    yield f"DTEND;VALUE=DATE:{_day(day + dt.timedelta(days=1))}"
    yield f"SUMMARY:{escape_text(summary)}"
    yield f"DESCRIPTION:{escape_text(description)}"
    yield f"URL:{url}"
    yield "TRANSP:TRANSPARENT"
    yield f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}"
    if not cancelled:
        yield "BEGIN:VALARM"
        yield "ACTION:DISPLAY"
        yield f"TRIGGER:-P{REMINDER_DAYS}D"
        yield f"DESCRIPTION:{escape_text(summary)}"
        yield "END:VALARM"
    yield "END:VEVENT"


def certificate_events(cert: Certificate, url: str, stamp: str, domain: str) -> Iterator[str]:
    """The certificate's next audit (while one is due) and the end of its validity; a
    withdrawn certificate's end is cancelled, so an agenda that had it drops it."""
    ref, company = cert.referentiel, cert.company
    title = f"certificat {ref.short_title} n° {cert.number} {de(company.name)}"
    status = (
        f"Statut au {fr_date(cert.as_of)} : {STATUS_LABELS[cert.status].lower()}. "
        f"Page officielle du certificat : {url}"
    )
    uid = f"{company.id}-{ref.id}-{cert.number}".lower()
    if cert.next_audit is not None and cert.status not in (WITHDRAWN, EXPIRED):
        due = cert.next_audit
        yield from _event(
            f"{uid}-prochain-audit@{domain}",
            stamp,
            due.due,
            f"Audit dû : {due.label}, {title}",
            f"{due.label} du {title}, prévu le {fr_date(due.due)}"
            f"{' (en retard)' if due.overdue else ''}. {status}",
            url,
        )
    withdrawn = cert.status == WITHDRAWN
    yield from _event(
        f"{uid}-fin-de-validite@{domain}",
        stamp,
        cert.valid_until,
        f"{'Annulé (certificat retiré) : ' if withdrawn else ''}Fin de validité du {title}",
        f"Fin de validité du {title} : {fr_date(cert.valid_until)}"
        f"{', sauf renouvellement' if not withdrawn else ''}. {status}",
        url,
        cancelled=withdrawn,
    )


def company_calendar(
    company: Company, certificates: list[Certificate], page_url: str, stamp: str
) -> str:
    """The VCALENDAR of one company's certificates (RFC 5545, with RFC 7986's name and
    refresh interval), CRLF line ends and folded lines."""
    domain = urlsplit(page_url).hostname or "refpub.invalid"
    name = escape_text(f"Échéances des certificats {de(company.name)}")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{name}",
        f"X-WR-CALNAME:{name}",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        f"URL:{page_url}{ICS_NAME}",
    ]
    for cert in certificates:
        lines.extend(certificate_events(cert, page_url, stamp, domain))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)
