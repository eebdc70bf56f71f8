"""The weighted RADAR model (CLIQ® 3.2–3.4): notes per sub-criterion, weighted totals, thresholds.

Every number comes from the référentiel: element coefficients, the grade scale, the
sub-criterion weights, the totals per section and their minimums, the minimum note. The
result carries everything the pages show (engagement subtotals, maxima, passed or failed),
so templates only display it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..audits.skeleton import radar_lines
from ..checks.problems import Problem
from ..french import fr_number
from ..intake.source import Located
from ..referentiels.referentiel import (
    Engagement,
    RadarModel,
    Referentiel,
    Requirement,
    Section,
    radar_evaluation,
)
from ..referentiels.referentiel_checks import radar_problems
from ..schemas.audit import radar_audit
from ..schemas.referentiel import RADAR as RADAR_SCHEMA
from ..vocabulary import RADAR
from .model import model_templates

#: Comparisons against thresholds tolerate float noise (12.5 + 0.5 must equal 13).
EPSILON = 1e-9


@dataclass(frozen=True)
class SubcriterionScore:
    """One sub-criterion's grades, note and share of the overall note."""

    id: str
    requirement: Requirement
    grades: Mapping[str, int]
    note: float  # percent of the maximum, 0–100
    weight: float  # percent of the overall note
    result: float  # note × weight / 100, in points of the overall note
    passed: bool  # note >= minimum note


@dataclass(frozen=True)
class EngagementScore:
    """An engagement's line of the synthesis (3.3): its weight and its subtotal."""

    engagement: Engagement
    weight: float
    subtotal: float
    subcriteria: tuple[SubcriterionScore, ...]


@dataclass(frozen=True)
class SectionScore:
    """A section of the synthesis: its engagements in the référentiel's order."""

    section: Section
    engagements: tuple[EngagementScore, ...]

    @property
    def subcriteria(self) -> tuple[SubcriterionScore, ...]:
        """The section's sub-criteria in the référentiel's order: the axes of its radar."""
        return tuple(s for line in self.engagements for s in line.subcriteria)


@dataclass(frozen=True)
class TotalScore:
    """A weighted total over one section against its maximum and minimum (3.4)."""

    id: str
    label: str
    section: str
    value: float
    maximum: float
    minimum: float | None
    passed: bool


@dataclass(frozen=True)
class RadarResult:
    """The whole RADAR result of an audit: notes, totals, eligibility and why not."""

    referentiel: str
    subcriteria: Mapping[str, SubcriterionScore]
    sections: tuple[SectionScore, ...]
    totals: Mapping[str, TotalScore]
    overall: float
    overall_label: str
    overall_maximum: float
    minimum_note: float
    failures: tuple[str, ...] = ()
    model: str = RADAR

    @property
    def eligible(self) -> bool:
        return not self.failures

    @property
    def failed_subcriteria(self) -> tuple[SubcriterionScore, ...]:
        return tuple(s for s in self.subcriteria.values() if not s.passed)

    @property
    def all_subcriteria_passed(self) -> bool:
        """« Chaque sous-critère à 50 % au moins » (3.4)."""
        return not self.failed_subcriteria

    @property
    def totals_with_minimum(self) -> tuple[TotalScore, ...]:
        return tuple(t for t in self.totals.values() if t.minimum is not None)

    def as_json(self) -> dict[str, Any]:
        """The contract's ``refpub score --json`` document."""
        return {
            "referentiel": self.referentiel,
            "subcriteria": {
                sid: {"note": round(s.note, 4), "weight": s.weight, "result": round(s.result, 4)}
                for sid, s in self.subcriteria.items()
            },
            "totals": {
                **{tid: round(t.value, 4) for tid, t in self.totals.items()},
                "overall": round(self.overall, 4),
            },
            "eligible": self.eligible,
            "failures": list(self.failures),
        }


def note(ref: Referentiel, grades: Mapping[str, int]) -> float:
    """Weighted sum of the element grades over its maximum, in percent (3.2: 2/1/0/0 → 50 %)."""
    model = ref.evaluation
    assert isinstance(model, RadarModel)
    earned = sum(e.coefficient * grades[e.id] for e in model.elements)
    return 100.0 * earned / model.maximum_points


def score_radar(ref: Referentiel, grades: Mapping[str, Mapping[str, Any]]) -> RadarResult:
    model = ref.evaluation
    assert isinstance(model, RadarModel)
    scores: dict[str, SubcriterionScore] = {}
    for requirement in ref.requirements.values():
        graded = MappingProxyType({e.id: int(grades[requirement.id][e.id]) for e in model.elements})
        value = note(ref, graded)
        weight = model.weight(requirement.id)
        scores[requirement.id] = SubcriterionScore(
            requirement.id,
            requirement,
            graded,
            value,
            weight,
            value * weight / 100.0,
            value + EPSILON >= model.minimum_note,
        )
    failures = [
        f"sous-critère {sid} : note {fr_number(s.note)} % inférieure au minimum de "
        f"{fr_number(model.minimum_note)} %"
        for sid, s in scores.items()
        if not s.passed
    ]
    totals: dict[str, TotalScore] = {}
    for rule in model.totals:
        value = sum(scores[i].result for i in ref.section(rule.section).requirement_ids)
        passed = rule.minimum is None or value + EPSILON >= rule.minimum
        totals[rule.id] = TotalScore(
            rule.id, rule.label, rule.section, value, rule.maximum, rule.minimum, passed
        )
        if not passed:
            failures.append(
                f"{rule.label} : total {fr_number(value)} % inférieur au minimum "
                f"de {fr_number(rule.minimum or 0)} %"
            )
    return RadarResult(
        referentiel=ref.id,
        subcriteria=MappingProxyType(scores),
        sections=tuple(
            SectionScore(
                section, tuple(_engagement_score(ref, e, scores) for e in section.engagements)
            )
            for section in ref.sections
        ),
        totals=MappingProxyType(totals),
        overall=sum(s.result for s in scores.values()),
        overall_label=model.overall_label,
        overall_maximum=model.overall_maximum,
        minimum_note=model.minimum_note,
        failures=tuple(failures),
    )


def _engagement_score(
    ref: Referentiel, engagement: Engagement, scores: dict[str, SubcriterionScore]
) -> EngagementScore:
    own = tuple(scores[r.id] for r in engagement.requirements)
    return EngagementScore(
        engagement, ref.engagement_weight(engagement), sum(s.result for s in own), own
    )


def _describe(result: RadarResult) -> list[str]:
    """The lines of ``refpub score``: each sub-criterion, the totals and the overall note."""
    lines = [
        f"  {sid:<10} note {_column(score.note, 6)}\u00a0%  poids "
        f"{_column(score.weight, 5)}\u00a0%  résultat {_column(score.result, 6)}"
        for sid, score in result.subcriteria.items()
    ]
    for total in result.totals.values():
        lines.append(f"{total.label} : {fr_number(total.value)} / {fr_number(total.maximum)}")
    lines.append(f"Note globale : {fr_number(result.overall)} / 100")
    return lines


def _column(value: float, width: int) -> str:
    """A number with two decimals, the French way, right-aligned for the terminal table."""
    return f"{value:{width}.2f}".replace(".", ",")


@dataclass(frozen=True)
class RadarEvaluation:
    """The radar model: every part of the code that depends on it asks this object."""

    name: str = RADAR
    takes_level: bool = False
    templates: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType(model_templates(RADAR))
    )
    template_dir: str | None = None

    def referentiel_schema(self) -> dict[str, Any]:
        return RADAR_SCHEMA

    def referentiel_problems(self, doc: Located) -> Iterator[Problem]:
        return radar_problems(doc)

    def build(self, data: dict[str, Any]) -> RadarModel:
        return radar_evaluation(data)

    def audit_schema(self, ref: Referentiel, public_only: bool) -> dict[str, Any]:
        return radar_audit(ref, public_only)

    def score(self, ref: Referentiel, audit: Mapping[str, Any]) -> RadarResult:
        return score_radar(ref, audit["grades"])

    def skeleton(self, ref: Referentiel, level: str | None) -> list[str]:
        return radar_lines(ref, level)

    def describe(self, result: Any) -> list[str]:
        return _describe(result)


MODEL = RadarEvaluation()
