"""Which pages the site has, at which URL, with which template and data.

Pure: it only maps the model to page specifications; the plugin turns those into files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core import communication
from ..core.audit import Audit
from ..core.company import Company
from ..core.referentiel import Engagement, Referentiel
from ..core.register import Certificate, Register
from . import charts
from .french import de


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


def referentiel_dir(ref: Referentiel) -> str:
    return f"referentiels/{ref.id}"


def engagement_uri(ref: Referentiel, engagement: Engagement) -> str:
    return f"{referentiel_dir(ref)}/engagement-{engagement.id}.md"


def referentiel_uris(ref: Referentiel) -> dict[str, str]:
    """The fixed pages of a référentiel, by role; engagements are added per engagement."""
    base = referentiel_dir(ref)
    uris = {"index": f"{base}/index.md", "evaluation": f"{base}/evaluation.md",
            "cycle": f"{base}/certification.md"}
    if ref.data.get("glossary"):
        uris["glossary"] = f"{base}/glossaire.md"
    if ref.data.get("communication"):
        uris["communication"] = f"{base}/communication.md"
    return uris


def referentiel_pages(ref: Referentiel, grids: list[tuple[str, str]] | None = None,
                      simulator: str | None = None) -> list[PageSpec]:
    """Overview, one page per engagement, evaluation model, certification cycle, glossary.

    ``grids``: (title, page uri) of the référentiel's cross-reference grids, linked from the
    overview; ``simulator``: the uri of its pre-audit simulator, linked from the evaluation.
    """
    uris = referentiel_uris(ref)
    common = {"ref": ref, "uris": uris,
              "engagement_uris": {e.id: engagement_uri(ref, e) for e in ref.engagements},
              "grids": grids or [], "simulator_uri": simulator}
    pages = [PageSpec(uris["index"], ref.short_title, "referentiel.html", common, in_nav=True,
                      description=ref.data.get("summary", ref.title))]
    engagement_label = ref.label("engagement", "Engagement")
    for engagement in ref.engagements:
        pages.append(PageSpec(
            engagement_uri(ref, engagement),
            f"{engagement_label} {engagement.number} : {engagement.title}",
            "engagement.html", {**common, "engagement": engagement},
        ))
    pages.append(PageSpec(uris["evaluation"], f"{ref.short_title} — Évaluation",
                          f"evaluation-{ref.model}.html", common))
    pages.append(PageSpec(uris["cycle"], f"{ref.short_title} — Certification", "cycle.html",
                          common))
    if "glossary" in uris:
        pages.append(PageSpec(uris["glossary"], f"{ref.short_title} — Glossaire",
                              "glossaire.html", common))
    if "communication" in uris:
        pages.append(PageSpec(uris["communication"], f"{ref.short_title} — Communication",
                              "communication.html", common))
    return pages


def index_pages(referentiels: list[Referentiel]) -> list[PageSpec]:
    """The list of référentiels, the way into every published référentiel."""
    return [PageSpec("referentiels/index.md", "Référentiels", "referentiels.html",
                     {"referentiels": referentiels,
                      "uris": {r.id: referentiel_uris(r)["index"] for r in referentiels}},
                     in_nav=True)]


def company_dir(company_id: str) -> str:
    return f"certificats/{company_id}"


def company_uri(company_id: str) -> str:
    return f"{company_dir(company_id)}/index.md"


def audit_uri(company_id: str, audit_id: str) -> str:
    return f"{company_dir(company_id)}/audits/{audit_id}.md"


def register_pages(register: Register, companies: list[Company], referentiels: list[Referentiel],
                   internal: bool) -> list[PageSpec]:
    """One page per company and one per audit (the register's own pages: register_listing)."""
    pages = []
    for company in sorted(companies, key=lambda c: c.id):
        certs = register.for_company(company.id)
        sources = company_sources(company)
        common = {"company": company, "certificates": certs, "register": register,
                  "company_uri": company_uri(company.id),
                  "audit_uris": {a.id: audit_uri(company.id, a.id) for a in company.audits},
                  "referentiel_uris": {r.id: referentiel_uris(r) for r in referentiels},
                  "evolution": _evolution_of(company)}
        pages.append(PageSpec(company_uri(company.id), company.name, "company.html",
                              {**common, **_mark_context(company, certs)},
                              description=f"Certificats {de(company.name)}", sources=sources))
        for audit in company.audits:
            pages.append(PageSpec(
                audit_uri(company.id, audit.id),
                f"{company.name} — {audit.type_label} du {audit.date.strftime('%d/%m/%Y')}",
                "audit.html",
                {**common, "audit": audit, "radar": _radar_of(audit),
                 "audit_data": audit.data if internal else audit.public_data()},
                sources=sources))
    return pages


def company_sources(company: Company) -> tuple[str, ...]:
    """The files a company's pages are made from: its company.yaml and its audits."""
    return (company.path, *(audit.path for audit in company.audits))


def information_uri(company_id: str) -> str:
    return f"{company_dir(company_id)}/document-information.md"


def _has_information(cert: Certificate) -> bool:
    return (cert.status in communication.PUBLISHED_STATUSES
            and communication.information_support(cert.referentiel) is not None)


def _mark_context(company: Company, certs: list[Certificate]) -> dict[str, Any]:
    """Company page: links to information documents, mark logos and the mark checks (VIII.2)."""
    valid = [c for c in certs if c.status == "valid"]
    return {
        "information_uris": {c.referentiel.id: information_uri(company.id)
                             for c in certs if _has_information(c)},
        "mark_mentions": {c.referentiel.id: [m for s in communication.page_supports(
            c.referentiel, communication.COMPANY_PAGE)
            for m in communication.required_mentions(s, company)] for c in valid},
        "communication_checks": [
            communication.make_check(s, c.referentiel, company, f"{c.referentiel.id}/")
            for c in valid
            for s in communication.page_supports(c.referentiel, communication.COMPANY_PAGE)],
    }


def information_pages(register: Register, pdf: bool = False) -> list[PageSpec]:
    """The « document d'information » (VIII.1) of each valid or suspended certificate whose
    référentiel requires one; withdrawn or expired certificates get none."""
    pages = []
    for cert in register.certificates:
        support = communication.information_support(cert.referentiel)
        if support is None or not _has_information(cert):
            continue
        company, ref = cert.company, cert.referentiel
        check = communication.make_check(support, ref, company)
        pages.append(PageSpec(
            information_uri(company.id),
            f"{company.name} — {support.label}",
            "information.html",
            {"cert": cert, "company": company, "ref": ref, "support": support,
             "mentions": check.mentions, "mark": communication.mark(ref),
             "company_uri": company_uri(company.id),
             "engagements": [e for i in ref.data["communication"].get(
                 "communicated_engagements", []) for e in ref.engagements if e.id == i],
             "communicated_text": ref.data["communication"].get("communicated_text"),
             "pdf": pdf, "communication_checks": [check]},
            description=f"{support.label} — {company.name}",
            sources=company_sources(company)))
    return pages


def _radar_of(audit: Audit) -> charts.Radar | None:
    """The radar of sub-criterion notes, for audits scored by the radar model."""
    result = audit.result
    if result.model != "radar":
        return None
    return charts.radar([(sid, s.note) for sid, s in result.subcriteria.items()],
                        threshold=result.minimum_note)


def _evolution_of(company: Company) -> dict[str, charts.LineChart]:
    """Per radar référentiel with two audits or more, the line of overall notes."""
    lines: dict[str, list[tuple[str, float]]] = {}
    for audit in company.audits:
        if audit.result.model == "radar":
            label = audit.date.strftime("%m/%Y")
            lines.setdefault(audit.referentiel.short_title, []).append(
                (label, audit.result.overall))
    return {ref: charts.evolution(values) for ref, values in lines.items() if len(values) > 1}
