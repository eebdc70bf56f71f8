"""The charts of notes on audit and company pages: one radar per section of sub-criteria, and
the evolution of a company's overall notes.

Which values each chart shows is decided here from the published results; ``charts.py``
turns them into geometry and the templates only draw it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.audits.audit import PublicAudit
from ..core.audits.company import Company
from ..core.evaluation.radar import RadarResult
from . import charts
from .labels import month_year, subcriterion_label


@dataclass(frozen=True)
class SectionRadar:
    """The radar of one section's sub-criteria (engagements organisationnels...)."""

    title: str
    chart: charts.Radar


def section_radars(audit: PublicAudit) -> list[SectionRadar]:
    """One radar per section of sub-criteria, axes numbered as in the référentiel (1.1, 1.2),
    for published results of the radar model."""
    result = audit.result
    if not isinstance(result, RadarResult):
        return []
    ref = audit.referentiel
    radars = []
    for section_score in result.sections:
        title = section_score.section.title
        scores = section_score.subcriteria
        chart = charts.radar(
            [(s.requirement.number, s.note) for s in scores],
            threshold=result.minimum_note,
            size=360,
            titles=[subcriterion_label(ref, title, s.requirement.number) for s in scores],
        )
        radars.append(SectionRadar(title, chart))
    return radars


def evolution_of(company: Company) -> dict[str, charts.LineChart]:
    """Per radar référentiel with two audits or more, the line of overall notes."""
    lines: dict[str, list[tuple[str, float]]] = {}
    for audit in company.audits:
        if isinstance(audit.result, RadarResult):
            label = month_year(audit.date)
            lines.setdefault(audit.referentiel.short_title, []).append(
                (label, audit.result.overall)
            )
    return {ref: charts.evolution(values) for ref, values in lines.items() if len(values) > 1}
