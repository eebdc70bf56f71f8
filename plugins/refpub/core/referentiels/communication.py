"""Communication rules of a référentiel (AMARC chapter VIII: informing customers).

Which mentions a support (the « document d'information », a web page carrying the mark...)
must carry for a given company, and with which values: the company's data, the mark's, the
référentiel's, or else the mention's own wording. Pure: the référentiel's data needed by a
mention is checked when the référentiel loads (with its line); the site verifies that each
rendered page carries what is computed here (``site/mentions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..audits.company import Company
from ..vocabulary import flatten
from .referentiel import COMPANY_PAGE, Mention, Party, Referentiel, Support


@dataclass(frozen=True)
class RequiredMention:
    """A mention a page must carry for one company, with the texts that fill it."""

    mention: Mention
    values: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.mention.id

    @property
    def label(self) -> str:
        return self.mention.label

    @property
    def needs_image(self) -> bool:
        """The mark is shown with its logo (VIII.1: « la marque ... et son logotype »)."""
        return self.mention.source == "mark"


@dataclass(frozen=True)
class PageMentions:
    """What one page must carry for one support: the mentions and the support's reference."""

    support: Support
    mentions: tuple[RequiredMention, ...]
    scope: str = ""

    def of_source(self, source: str) -> RequiredMention | None:
        """The mention filled from ``source`` (``mark``, ``website``...), if required."""
        return next((m for m in self.mentions if m.mention.source == source), None)


def applies(mention: Mention, company: Company, covered: Company | None = None) -> bool:
    """Whether the mention's condition holds for the company (no condition: always);
    ``covered``: the company as far as the certificate covers it (fewer sites than the
    company's: only part of the network is certified)."""
    if mention.when == "multi-site":
        return company.multi_site
    if mention.when == "multi-activity":
        return company.multi_activity
    if mention.when == "partial-network":
        return company.multi_site and (
            company.partial_network or (covered or company).partial_network
        )
    return True


def required_mentions(
    support: Support, company: Company, covered: Company | None = None
) -> tuple[Mention, ...]:
    """The mentions the support must carry for this company: not optional, condition met."""
    return tuple(m for m in support.mentions if not m.optional and applies(m, company, covered))


def referentiel_values(source: str | None, ref: Referentiel) -> list[str]:
    """The référentiel's data a mention shows (mark, website, title, engagements)."""
    mark = ref.communication.mark if ref.communication else None
    if source == "mark":
        return [mark.name] if mark else []
    if source == "website":
        return [mark.website] if mark and mark.website else []
    if source == "referentiel":
        return [ref.full_title or ref.title, ref.full_reference]
    if source == "engagements":
        return (
            [e.title for e in ref.communication.communicated_engagements]
            if ref.communication
            else []
        )
    return []


def company_values(source: str | None, company: Company) -> list[str]:
    """The company's data a mention shows (beneficiary, sites, activities)."""
    if source == "beneficiary":
        return [company.name, company.address]
    if source == "sites":
        return [v for site in company.sites for v in (site.name, site.address) if v]
    if source == "activities":
        return list(company.activities)
    return []


def body_values(source: str | None, body: Party | None) -> list[str]:
    """The issuing body's data a mention shows (« organisme certificateur » and its address):
    the body that publishes the site, never the one the référentiel's text happens to name."""
    if source != "body" or body is None:
        return []
    return [v for v in (body.name, body.address, body.website) if v]


def page_mentions(
    support: Support,
    ref: Referentiel,
    company: Company,
    scope: str = "",
    covered: Company | None = None,
    body: Party | None = None,
) -> PageMentions:
    """The mentions one page carries for one support, the company's conditions evaluated;
    ``covered``: the company restricted to the certificate's scope, whose sites and
    activities the mentions list (only the certified ones); ``body``: the issuing body
    (without one, a ``body`` mention shows its own wording)."""
    return PageMentions(
        support,
        tuple(
            RequiredMention(
                m,
                tuple(
                    referentiel_values(m.source, ref)
                    + company_values(m.source, covered or company)
                    + body_values(m.source, body)
                    or flatten(m.wording)
                ),
            )
            for m in required_mentions(support, company, covered)
        ),
        scope,
    )


def company_page_mentions(
    ref: Referentiel,
    company: Company,
    page: str = COMPANY_PAGE,
    covered: Company | None = None,
    body: Party | None = None,
) -> tuple[PageMentions, ...]:
    """What a page carrying the mark must carry for each support published on it (VIII.2):
    the company page, or the badge the company places on its own website, for the
    certificate covering ``covered`` of the company."""
    return tuple(
        page_mentions(s, ref, company, f"{ref.id}/", covered, body) for s in ref.page_supports(page)
    )


def pending_mentions(ref: Referentiel) -> list[str]:
    """The mandatory mentions of the référentiel's published supports that the site can only
    print as « en attente », one French sentence each: a support carrying one is not yet the
    document the référentiel requires. The data a mention shows is checked when the
    référentiel loads, except the full title, which a source may lack (no cover page)."""
    if ref.full_title or ref.communication is None:
        return []
    return [
        f"{support.label} ({ref.short_title}) : la mention « {mention.label} » est "
        f"« en attente », le référentiel {ref.id} ne donne pas son titre complet "
        "(full_title) ; obtenez-le de son propriétaire"
        for support in ref.communication.supports
        if support.checked
        for mention in support.mentions
        if mention.source == "referentiel" and not mention.optional
    ]
