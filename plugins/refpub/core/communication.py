"""Communication rules of a référentiel (AMARC chapter VIII: informing customers).

Which mentions a support (the « document d'information », a web page carrying the mark...)
must carry for a given company, and with which values: the company's data, the mark's, the
référentiel's, or else the mention's own wording. Pure: the référentiel's data needed by a
mention is checked when the référentiel loads (with its line); the site verifies that each
rendered page carries what is computed here (``site/mentions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .company import Company
from .referentiel import Mention, Referentiel, Support
from .vocabulary import flatten


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


def applies(mention: Mention, company: Company) -> bool:
    """Whether the mention's condition holds for the company (no condition: always)."""
    if mention.when == "multi-site":
        return company.multi_site
    if mention.when == "multi-activity":
        return company.multi_activity
    if mention.when == "partial-network":
        return company.multi_site and company.partial_network
    return True


def required_mentions(support: Support, company: Company) -> tuple[Mention, ...]:
    """The mentions the support must carry for this company: not optional, condition met."""
    return tuple(m for m in support.mentions if not m.optional and applies(m, company))


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
        return [e.title for e in ref.communication.communicated_engagements] \
            if ref.communication else []
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


def page_mentions(support: Support, ref: Referentiel, company: Company, scope: str = ""
                  ) -> PageMentions:
    """The mentions one page carries for one support, the company's conditions evaluated."""
    return PageMentions(support, tuple(
        RequiredMention(m, tuple(referentiel_values(m.source, ref)
                                 + company_values(m.source, company)
                                 or flatten(m.wording)))
        for m in required_mentions(support, company)), scope)


def company_page_mentions(ref: Referentiel, company: Company) -> tuple[PageMentions, ...]:
    """What the company page must carry for each support published on it (VIII.2)."""
    return tuple(page_mentions(s, ref, company, f"{ref.id}/") for s in ref.page_supports())


def pending_mentions(ref: Referentiel) -> list[str]:
    """The mandatory mentions of the référentiel's published supports that the site can only
    print as « en attente », one French sentence each: a support carrying one is not yet the
    document the référentiel requires. The data a mention shows is checked when the
    référentiel loads, except the full title, which a source may lack (no cover page)."""
    if ref.full_title or ref.communication is None:
        return []
    return [f"{support.label} ({ref.short_title}) : la mention « {mention.label} » est "
            f"« en attente », le référentiel {ref.id} ne donne pas son titre complet "
            "(full_title) ; obtenez-le de son propriétaire"
            for support in ref.communication.supports if support.checked
            for mention in support.mentions
            if mention.source == "referentiel" and not mention.optional]
