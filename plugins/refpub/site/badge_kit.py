"""The embed code a company copies onto its own website: the status badge linking to its
certificate page and, for each certificate that lets it use the mark, the mark with the
mentions its référentiel requires of a website (AMARC §VIII.2, support ``badge``).

Offered only while a certificate lets the company use the mark: a suspended, withdrawn or
expired certificate gets no embed code (its ``badge.svg`` stays a status badge, without the
mark). Every value is escaped for the place it is pasted into: HTML text and attributes, or
Markdown link text and destination; the page shows the snippet as text, escaped once more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from ..core.audits.company import Company
from ..core.certification.register import Certificate
from ..core.french import de
from ..core.referentiels import communication
from ..core.referentiels.referentiel import BADGE, Mark, Party
from .certificates import badge_size
from .labels import mark_alt

#: Characters a Markdown renderer would read as syntax in link text (CommonMark and
#: Python-Markdown alike): escaped with a backslash.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()!])")
#: Characters that would open raw HTML or an entity in Markdown: written as entities.
_MARKDOWN_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: What a URL keeps as it is; anything else (spaces, parentheses, quotes) is percent-encoded.
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"


@dataclass(frozen=True)
class Snippets:
    """The two embed codes of one company page, and what the HTML one must carry."""

    html: str
    markdown: str
    #: the mentions each mark in the HTML must carry (checked like a rendered page)
    checks: tuple[communication.PageMentions, ...] = ()


def html_attribute(value: str) -> str:
    """A value safe inside a double-quoted HTML attribute (and as HTML text); the apostrophe
    of « d'Autocars » stays as it is, readable in the copied code."""
    return escape(value, quote=False).replace('"', "&quot;")


def markdown_text(value: str) -> str:
    """A value that stays text inside Markdown link or image text: no ``]`` ends it early,
    no ``<script>`` becomes HTML."""
    escaped = _MARKDOWN_SYNTAX.sub(r"\\\1", value)
    return "".join(_MARKDOWN_HTML.get(char, char) for char in escaped)


def url(value: str) -> str:
    """A URL safe as a Markdown destination and an HTML attribute: percent-encoded."""
    return quote(value, safe=_URL_SAFE)


def badge_alt(company: Company) -> str:
    return f"Statut du certificat {de(company.name)}"


@dataclass(frozen=True)
class _MarkLine:
    """One certificate's mark in the snippets: the mark, its logo (absolute URL, if the file
    exists) and its text, and the ids of the mentions that carry them."""

    cert: Certificate
    mark: Mark
    logo_url: str | None
    alt: str
    mark_id: str | None
    website_id: str | None


def _mention_id(checks: tuple[communication.PageMentions, ...], source: str) -> str | None:
    found = (page.of_source(source) for page in checks)
    return next((m.id for m in found if m is not None), None)


def _mark_line(
    cert: Certificate,
    logo_url: str | None,
    example: bool,
    checks: tuple[communication.PageMentions, ...],
) -> _MarkLine | None:
    mark = cert.referentiel.communication.mark if cert.referentiel.communication else None
    if mark is None:
        return None
    return _MarkLine(
        cert,
        mark,
        logo_url,
        mark_alt(mark, example),
        _mention_id(checks, "mark"),
        _mention_id(checks, "website"),
    )


def _html_mark(line: _MarkLine) -> str:
    ref, mark = line.cert.referentiel, line.mark
    logo = (
        f'<img src="{html_attribute(url(line.logo_url))}" alt="{html_attribute(line.alt)}" '
        f'height="48"> '
        if line.logo_url
        else ""
    )
    mark_attr = f' data-mention="{ref.id}/{line.mark_id}"' if line.mark_id else ""
    website = ""
    if mark.website:
        web_attr = f' data-mention="{ref.id}/{line.website_id}"' if line.website_id else ""
        website = f" — <span{web_attr}>{html_attribute(mark.website)}</span>"
    return (
        f"<p{mark_attr}>{logo}<strong>{html_attribute(mark.name)}</strong>{website}"
        f" — {html_attribute(ref.short_title)}, certificat n° "
        f"{html_attribute(line.cert.number)}</p>"
    )


def _markdown_mark(line: _MarkLine) -> str:
    ref, mark = line.cert.referentiel, line.mark
    logo = f"![{markdown_text(line.alt)}]({url(line.logo_url)}) " if line.logo_url else ""
    website = f" — {markdown_text(mark.website)}" if mark.website else ""
    return (
        f"{logo}**{markdown_text(mark.name)}**{website} — {markdown_text(ref.short_title)}, "
        f"certificat n° {markdown_text(line.cert.number)}"
    )


def snippets(
    company: Company,
    certs: list[Certificate],
    page_url: str,
    mark_urls: dict[str, str],
    example: bool,
    body: Party | None = None,
) -> Snippets | None:
    """The embed codes of a company page, or None when no certificate lets it use the mark.

    ``mark_urls``: absolute URL of each référentiel's mark logo whose file exists."""
    usable = [c for c in certs if c.may_use_mark]
    if not usable:
        return None
    badge = f"{page_url}badge.svg"
    width, height = badge_size(company.name, certs)
    html_lines = [
        f'<a href="{html_attribute(url(page_url))}"><img '
        f'src="{html_attribute(url(badge))}" width="{width}" height="{height}" '
        'style="max-width:100%;height:auto" '
        f'alt="{html_attribute(badge_alt(company))}"></a>'
    ]
    markdown_lines = [f"[![{markdown_text(badge_alt(company))}]({url(badge)})]({url(page_url)})"]
    all_checks: list[communication.PageMentions] = []
    for cert in usable:
        checks = communication.company_page_mentions(
            cert.referentiel, company, BADGE, covered=cert.covered_company, body=body
        )
        line = _mark_line(cert, mark_urls.get(cert.referentiel.id), example, checks)
        if line is None:
            continue
        all_checks.extend(checks)
        html_lines.append(_html_mark(line))
        markdown_lines.append(_markdown_mark(line))
    return Snippets("\n".join(html_lines), "\n\n".join(markdown_lines), tuple(all_checks))
