"""Which pages the site has, with which template and data.

Pure: it only maps the model to page specifications; the plugin turns those into files. Their
addresses come from ``urls.py``, the mark part of a company page from ``company_mark.py`` and
the charts of notes from ``note_charts.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.audits.audit import PublicAudit
from ..core.audits.company import Company, PublishedCompany
from ..core.certification.register import Certificate, Register
from ..core.evaluation.radar import RadarResult
from ..core.evaluation.radar import note as radar_note
from ..core.evaluation.registry import model_named
from ..core.french import de
from ..core.referentiels import communication, drafting
from ..core.referentiels.referentiel import Engagement, Party, RadarModel, Referentiel
from .company_mark import MarkSetting, mark_context
from .complaints import COMPLAINTS_URI
from .complaints import TITLE as COMPLAINTS_TITLE
from .identity import Organisme
from .labels import fr_date, subcriterion_label
from .note_charts import evolution_of, section_radars
from .urls import (
    audit_uri,
    company_dir,
    company_uri,
    engagement_uri,
    information_uri,
    numbered_parts,
    part_anchor,
    referentiel_uris,
)


@dataclass(frozen=True)
class PageSpec:
    """A generated page: its source path in docs/, title, template and template data."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    description: str = ""
    #: data files the page is made from; empty: it depends on everything (always rebuilt)
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class CertifiedScope:
    """The engagements a certificate covers, as the company page says it: every engagement of
    the référentiel (each with its published page), those the company communicates to its
    customers (AMARC §VIII.3) marked as such."""

    title: str
    engagements: tuple[tuple[Engagement, str, bool], ...]
    communicated: int = 0


def worked_example(ref: Referentiel) -> dict[str, Any] | None:
    """The référentiel's worked example (CLIQ® 3.2) with its note computed by the scoring
    code, never copied from the source."""
    model = ref.evaluation
    if not isinstance(model, RadarModel) or model.example is None:
        return None
    example = model.example
    requirement = ref.requirements[example.requirement]
    return {
        "text": example.text,
        "requirement": requirement,
        "engagement": ref.engagement(requirement.engagement_id),
        "grades": example.grades,
        "note": radar_note(ref, example.grades),
        "points": radar_note(ref, example.grades) * model.maximum_points / 100,
    }


def glossary_mark_target(ref: Referentiel, uris: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Where the référentiel's glossary mark (AMARC « * ») sends a reader: its glossary's
    section of that kind (the glossary page's anchor of the kind)."""
    mark = ref.glossary_mark
    if mark is None or "glossary" not in uris:
        return {}
    return {mark.symbol: (uris["glossary"], mark.kind.lower().replace(" ", "-"))}


def referentiel_pages(
    ref: Referentiel, grids: list[tuple[str, str]] | None = None, simulator: str | None = None
) -> list[PageSpec]:
    """Overview, one page per engagement, evaluation model, certification cycle, glossary.

    ``grids``: (title, page uri) of the référentiel's cross-reference grids, linked from the
    overview; ``simulator``: the uri of its pre-audit simulator, linked from the evaluation.
    """
    uris = referentiel_uris(ref)
    parts = numbered_parts(ref, uris)
    common = {
        "ref": ref,
        "uris": uris,
        "engagement_uris": {e.id: engagement_uri(ref, e) for e in ref.engagements},
        "grids": grids or [],
        "simulator_uri": simulator,
        "parts": parts,
        "xrefs": {
            **{p.number: (p.uri, p.anchor) for p in parts},
            **glossary_mark_target(ref, uris),
        },
        "headings": {
            role: {"number": h.number, "title": h.title, "anchor": part_anchor(h.number)}
            for role, h in ref.headings.items()
        },
        "pending": drafting.pending_notes(ref),
        "index_pending": [n for n in drafting.pending_notes(ref) if n.page == "index"],
    }
    pages = [
        PageSpec(
            uris["index"],
            ref.short_title,
            "referentiel.html",
            common,
            in_nav=True,
            description=ref.summary or ref.title,
        )
    ]
    engagement_label = ref.label("engagement", "Engagement")
    for engagement in ref.engagements:
        pages.append(
            PageSpec(
                engagement_uri(ref, engagement),
                f"{engagement_label} {engagement.number} : {engagement.title}",
                "engagement.html",
                {**common, "engagement": engagement},
            )
        )
    pages.append(
        PageSpec(
            uris["evaluation"],
            f"{ref.short_title} — Évaluation",
            model_named(ref.model).templates["evaluation"].removeprefix("refpub/"),
            {**common, "example": worked_example(ref)},
        )
    )
    pages.append(
        PageSpec(uris["cycle"], f"{ref.short_title} — Certification", "cycle.html", common)
    )
    if "glossary" in uris:
        pages.append(
            PageSpec(
                uris["glossary"],
                f"{ref.short_title} — Glossaire",
                "glossaire.html",
                {**common, "glossary": drafting.glossary_entries(ref)},
            )
        )
    if "communication" in uris:
        pages.append(
            PageSpec(
                uris["communication"],
                f"{ref.short_title} — Communication",
                "communication.html",
                common,
            )
        )
    if "pending" in uris:
        pages.append(
            PageSpec(
                uris["pending"],
                f"{ref.short_title} — Notes de rédaction en attente",
                "pending.html",
                common,
            )
        )
    return pages


def index_pages(referentiels: list[Referentiel]) -> list[PageSpec]:
    """The list of référentiels, the way into every published référentiel."""
    return [
        PageSpec(
            "referentiels/index.md",
            "Référentiels",
            "referentiels.html",
            {
                "referentiels": referentiels,
                "uris": {r.id: referentiel_uris(r)["index"] for r in referentiels},
            },
            in_nav=True,
        )
    ]


def register_pages(
    register: Register[PublicAudit],
    companies: Sequence[PublishedCompany],
    referentiels: list[Referentiel],
    setting: MarkSetting | None = None,
) -> list[PageSpec]:
    """One page per company and one per audit (the register's own pages: register_listing).

    ``companies`` are published: their audits are public views, or, in the committee's
    internal build, internal views whose confidential detail the audit page shows;
    ``setting``: the site's address, mark files and issuing body (embed code, mentions)."""
    setting = setting or MarkSetting()
    pages = []
    for company in sorted(companies, key=lambda c: c.id):
        certs = register.for_company(company.id)
        sources = company_sources(company)
        common = {
            "company": company,
            "certificates": certs,
            "register": register,
            "company_uri": company_uri(company.id),
            "audit_uris": {
                a.id: audit_uri(company.id, a.id) for a in company.audits if not a.withheld
            },
            "referentiel_uris": {r.id: referentiel_uris(r) for r in referentiels},
            "engagement_uris": {
                r.id: {e.id: engagement_uri(r, e) for e in r.engagements} for r in referentiels
            },
            "evolution": evolution_of(company),
        }
        scopes = {c.referentiel.id: certified_scope(c) for c in certs}
        pages.append(
            PageSpec(
                company_uri(company.id),
                company.name,
                "company.html",
                {
                    **common,
                    **mark_context(
                        company, certs, f"{setting.site_url}{company_dir(company.id)}/", setting
                    ),
                    "scopes": scopes,
                },
                description=f"Certificats {de(company.name)}",
                sources=sources,
            )
        )
        for audit in company.audits:
            if audit.withheld:
                continue  # before the decision: its date on the company page, nothing more
            context = {
                **common,
                "audit": audit,
                "radars": section_radars(audit),
                "failed_subcriteria": _failed_subcriteria(audit),
            }
            pages.append(
                PageSpec(
                    audit_uri(company.id, audit.id),
                    f"{company.name} — {audit.type_label} du {fr_date(audit.date)}",
                    "audit.html",
                    context,
                    sources=sources,
                )
            )
    return pages


def company_sources(company: Company) -> tuple[str, ...]:
    """The files a company's pages are made from: its company.yaml and its audits."""
    return (company.path, *(audit.path for audit in company.audits))


def information_pages(
    register: Register, pdf: bool = False, body: Party | None = None
) -> list[PageSpec]:
    """The « document d'information » (VIII.1) of each valid or suspended certificate whose
    référentiel requires one; withdrawn or expired certificates get none. ``body``: the
    issuing body, the « organisme certificateur » the document names."""
    pages = []
    for cert in register.certificates:
        support = cert.referentiel.information_support
        if support is None or not cert.has_information_document:
            continue
        company, ref = cert.company, cert.referentiel
        assert ref.communication is not None
        check = communication.page_mentions(
            support, ref, company, covered=cert.covered_company, body=body
        )
        pages.append(
            PageSpec(
                information_uri(company.id),
                f"{company.name} — {support.label}",
                "information.html",
                {
                    "cert": cert,
                    "company": company,
                    "covered": cert.covered_company,
                    "ref": ref,
                    "support": support,
                    "mentions": [m.mention for m in check.mentions],
                    "mark": ref.communication.mark,
                    "company_uri": company_uri(company.id),
                    "engagements": ref.communication.communicated_engagements,
                    "communicated_text": ref.communication.communicated_text,
                    "pdf": pdf,
                    "communication_checks": [check],
                    "as_of": register.as_of,
                },
                description=f"{support.label} — {company.name}",
                sources=company_sources(company),
            )
        )
    return pages


def certified_scope(cert: Certificate) -> CertifiedScope:
    """Every engagement the certificate covers, with its page and whether the référentiel
    has it communicated to customers."""
    engagements = tuple(
        (e, engagement_uri(cert.referentiel, e), told) for e, told in cert.engagements
    )
    return CertifiedScope(
        f"Les {len(engagements)} engagements du référentiel",
        engagements,
        sum(1 for *_, told in engagements if told),
    )


def _failed_subcriteria(audit: PublicAudit) -> list[tuple[str, Any]]:
    """The sub-criteria under the minimum note, each named as in the référentiel."""
    result = audit.result
    if not isinstance(result, RadarResult):
        return []
    return [
        (
            subcriterion_label(audit.referentiel, section.section.title, score.requirement.number),
            score,
        )
        for section in result.sections
        for score in section.subcriteria
        if not score.passed
    ]


def complaints_page(organisme: Organisme, referentiels: list[Referentiel]) -> PageSpec:
    """How to complain about a certified company or the body, and to appeal a decision of
    the body: the body's own procedure (extra.organisme.complaints), in the navigation."""
    return PageSpec(
        COMPLAINTS_URI,
        COMPLAINTS_TITLE,
        "reclamations.html",
        {
            "organisme": organisme,
            "complaints": organisme.complaints,
            "referentiels": referentiels,
            "referentiel_uris": {r.id: referentiel_uris(r) for r in referentiels},
        },
        in_nav=True,
        description="Déposer une réclamation sur une entreprise certifiée ou sur "
        "l'organisme, faire appel d'une décision de certification.",
    )
