"""The weighted RADAR model (CLIQ® 3.2–3.4): notes per sub-criterion, weighted totals, thresholds.

Every number comes from the référentiel: element coefficients, the grade scale, the
sub-criterion weights, the totals per section and their minimums, the minimum note. The
result carries everything the pages show (engagement subtotals, maxima, passed or failed),
so templates only display it. The module also holds everything else the model owns (its
schema parts, checks, builder, audit skeleton, score text): ``MODEL`` gathers them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..audits.skeleton import comment, scalar
from ..checks.problems import Problem, suggestion
from ..french import fr_number
from ..intake.source import Located
from ..referentiels.referentiel import (
    Element,
    Engagement,
    Grade,
    RadarModel,
    Referentiel,
    ReportTable,
    ReportTemplate,
    Requirement,
    Section,
    TotalRule,
    WorkedExample,
)
from ..referentiels.referentiel_checks import requirement_places
from ..schemas.audit import CONFIDENTIAL_DETAIL, common_properties
from ..schemas.referentiel import BLOCKS, EDITORIAL, TEXT, closed_object
from ..vocabulary import ID_PATTERN, RADAR, REQUIREMENT_ID, blocks
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


# --- what the model owns beside its scorer ----------------------------------------


RADAR_SCHEMA = closed_object(
    {
        "model": {"const": "radar"},
        "text": BLOCKS,
        "elements": {
            "type": "array",
            "minItems": 1,
            "items": closed_object(
                {
                    "id": {"type": "string", "pattern": ID_PATTERN},
                    "label": TEXT,
                    "coefficient": {"type": "number", "exclusiveMinimum": 0},
                    "description": BLOCKS,
                },
                ["id", "label", "coefficient"],
            ),
        },
        "grades": {
            "type": "array",
            "minItems": 2,
            "items": closed_object(
                {"value": {"type": "integer", "minimum": 0}, "label": TEXT}, ["value", "label"]
            ),
        },
        "weights": {
            "type": "object",
            "description": "poids de chaque sous-critère dans la note globale, en %",
            "additionalProperties": {"type": "number", "minimum": 0},
        },
        "totals": {
            "type": "array",
            "minItems": 1,
            "items": closed_object(
                {
                    "id": {"type": "string", "pattern": ID_PATTERN},
                    "label": TEXT,
                    "section": {"type": "string"},
                    "minimum": {"type": "number", "minimum": 0},
                },
                ["id", "label", "section"],
            ),
        },
        "overall_label": TEXT,
        "minimum_note": {
            "type": "number",
            "minimum": 0,
            "maximum": 100,
            "description": "note minimale de chaque sous-critère, en %",
        },
        "thresholds_text": BLOCKS,
        "synthesis_text": BLOCKS,
        "tool_text": {**BLOCKS, "description": "présentation de la grille d'évaluation"},
        "grading_text": {**BLOCKS, "description": "règle de notation sous la grille"},
        "example": closed_object(
            {
                "text": BLOCKS,
                "requirement": {"type": "string", "pattern": REQUIREMENT_ID},
                "grades": {"type": "object", "additionalProperties": {"type": "integer"}},
            },
            ["requirement", "grades"],
            "l'exemple de notation du référentiel ; sa note est calculée, jamais recopiée",
        ),
        "report_template": closed_object(
            {
                "text": BLOCKS,
                "heading": BLOCKS,
                "tables": {
                    "type": "array",
                    "minItems": 1,
                    "items": closed_object(
                        {"title": TEXT, "columns": {"type": "array", "minItems": 1, "items": TEXT}},
                        ["title", "columns"],
                    ),
                },
                "footnote": BLOCKS,
            },
            ["tables"],
            "le modèle de rapport d'évaluation détaillé",
        ),
        "editorial": EDITORIAL,
    },
    ["model", "elements", "grades", "weights", "totals", "minimum_note"],
    "Modèle pondéré RADAR : chaque sous-critère est noté par éléments et coefficients.",
)


def radar_problems(doc: Located) -> Iterator[Problem]:
    """The radar model's checks: weights and totals name known sub-criteria and sections."""
    requirement_ids = [rid for _, rid in requirement_places(doc)]
    sections = [s["id"] for s in doc.data["sections"]]
    evaluation = doc.data["evaluation"]
    weights = evaluation["weights"]
    for rid in weights:
        if rid not in requirement_ids:
            yield doc.problem(
                ("evaluation", "weights", rid),
                f"poids donné au sous-critère inconnu « {rid} »{suggestion(rid, requirement_ids)}",
                key=True,
            )
    for rid in requirement_ids:
        if rid not in weights:
            yield doc.problem(
                ("evaluation", "weights"), f"le sous-critère « {rid} » n'a pas de poids"
            )
    values = [g["value"] for g in evaluation["grades"]]
    if len(set(values)) != len(values):
        yield doc.problem(("evaluation", "grades"), "deux niveaux de notation ont la même valeur")
    yield from _example_problems(doc, requirement_ids)
    covered: list[str] = []
    for i, total in enumerate(evaluation["totals"]):
        if total["section"] not in sections:
            yield doc.problem(
                ("evaluation", "totals", i, "section"),
                f"section « {total['section']} » inconnue{suggestion(total['section'], sections)}",
            )
        covered.append(total["section"])
    for section in sections:
        if covered.count(section) != 1:
            yield doc.problem(
                ("evaluation", "totals"),
                f"la section « {section} » doit figurer dans exactement un total",
            )


def _example_problems(doc: Located, requirement_ids: list[str]) -> Iterator[Problem]:
    """The worked example (CLIQ® 3.2) grades a known sub-criterion on every element."""
    evaluation = doc.data["evaluation"]
    example = evaluation.get("example")
    if example is None:
        return
    if example["requirement"] not in requirement_ids:
        yield doc.problem(
            ("evaluation", "example", "requirement"),
            f"sous-critère « {example['requirement']} » inconnu"
            f"{suggestion(example['requirement'], requirement_ids)}",
        )
    elements = [e["id"] for e in evaluation["elements"]]
    values = [g["value"] for g in evaluation["grades"]]
    if sorted(example["grades"]) != sorted(elements):
        yield doc.problem(
            ("evaluation", "example", "grades"),
            f"l'exemple doit noter chaque élément : {', '.join(elements)}",
        )
    for element, grade in example["grades"].items():
        if grade not in values:
            yield doc.problem(
                ("evaluation", "example", "grades", element),
                f"note {grade} hors de l'échelle ({', '.join(map(str, values))})",
            )


def radar_evaluation(root: dict[str, Any]) -> RadarModel:
    """The typed evaluation of a référentiel declaring the radar model."""
    data = root["evaluation"]
    weights = {rid: float(w) for rid, w in data["weights"].items()}
    section_ids = {
        s["id"]: [r["id"] for e in s["engagements"] for r in e["requirements"]]
        for s in root["sections"]
    }
    totals = tuple(
        TotalRule(
            t["id"],
            t["label"],
            t["section"],
            sum(weights.get(rid, 0.0) for rid in section_ids[t["section"]]),
            None if t.get("minimum") is None else float(t["minimum"]),
        )
        for t in data["totals"]
    )
    return RadarModel(
        elements=tuple(
            Element(e["id"], e["label"], float(e["coefficient"]), blocks(e.get("description")))
            for e in data["elements"]
        ),
        grades=tuple(Grade(int(g["value"]), g["label"]) for g in data["grades"]),
        weights=MappingProxyType(weights),
        totals=totals,
        minimum_note=float(data["minimum_note"]),
        overall_label=data.get("overall_label") or "Note globale",
        text=blocks(data.get("text")),
        thresholds_text=blocks(data.get("thresholds_text")),
        synthesis_text=blocks(data.get("synthesis_text")),
        tool_text=blocks(data.get("tool_text")),
        grading_text=blocks(data.get("grading_text")),
        example=_example(data.get("example")),
        report_template=_report_template(data.get("report_template")),
        editorial=blocks(data.get("editorial")),
    )


def _example(data: dict[str, Any] | None) -> WorkedExample | None:
    if data is None:
        return None
    return WorkedExample(
        data["requirement"], MappingProxyType(dict(data["grades"])), blocks(data.get("text"))
    )


def _report_template(data: dict[str, Any] | None) -> ReportTemplate | None:
    if data is None:
        return None
    return ReportTemplate(
        tuple(ReportTable(t["title"], tuple(t["columns"])) for t in data["tables"]),
        blocks(data.get("text")),
        blocks(data.get("heading")),
        blocks(data.get("footnote")),
    )


def radar_audit(ref: Referentiel, public_only: bool = False) -> dict[str, Any]:
    """The audit schema of the radar model: every sub-criterion graded on every element."""
    model = ref.evaluation
    assert isinstance(model, RadarModel)  # the schema of a RADAR référentiel's audits only
    grade = {"type": "integer", "minimum": model.lowest_grade, "maximum": model.top_grade}
    elements = {e.id: {**grade, "description": e.label} for e in model.elements}
    subcriterion = closed_object({**elements, **CONFIDENTIAL_DETAIL}, list(elements))
    ids = list(ref.requirements)
    grades_schema = {
        **closed_object({rid: subcriterion for rid in ids}, ids),
        "description": "chaque sous-critère noté sur chaque élément RADAR",
    }
    return closed_object(
        {**common_properties(ref), "grades": grades_schema},
        ["referentiel", "type", "date", "lead_auditor", "grades"],
    )


def radar_lines(ref: Referentiel, level: str | None = None) -> list[str]:
    """Every sub-criterion, each element graded at the lowest grade."""
    model = ref.evaluation
    assert isinstance(model, RadarModel)
    scale = ", ".join(f"{g.value} = {g.label}" for g in model.grades)
    notes = ", ".join(f"{scalar(e.id)}: {model.lowest_grade}" for e in model.elements)
    lines = ["grades:", f"  # Notes : {scale}"]
    for requirement in ref.requirements.values():
        lines += [comment(requirement), f"  {scalar(requirement.id)}: {{{notes}}}"]
    return lines


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
