"""The weighted RADAR model (CLIQ® 3.2–3.4): notes per sub-criterion, weighted totals, thresholds.

Every number comes from the référentiel: element coefficients, the grade scale, the
sub-criterion weights, the totals per section and their minimums, the minimum note.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..referentiel import Referentiel

#: Comparisons against thresholds tolerate float noise (12.5 + 0.5 must equal 13).
EPSILON = 1e-9


@dataclass(frozen=True)
class SubcriterionScore:
    id: str
    grades: dict[str, int]
    note: float      # percent of the maximum, 0–100
    weight: float    # percent of the overall note
    result: float    # note × weight / 100, in points of the overall note
    passed: bool     # note >= minimum note


@dataclass(frozen=True)
class TotalScore:
    id: str
    label: str
    section: str
    value: float
    maximum: float
    minimum: float | None
    passed: bool


@dataclass(frozen=True)
class RadarResult:
    referentiel: str
    subcriteria: dict[str, SubcriterionScore]
    totals: dict[str, TotalScore]
    overall: float
    minimum_note: float
    failures: list[str] = field(default_factory=list)
    model: str = "radar"

    @property
    def eligible(self) -> bool:
        return not self.failures

    def as_json(self) -> dict[str, Any]:
        """The contract's ``refpub score --json`` document."""
        return {
            "referentiel": self.referentiel,
            "subcriteria": {sid: {"note": round(s.note, 4), "weight": s.weight,
                                  "result": round(s.result, 4)}
                            for sid, s in self.subcriteria.items()},
            "totals": {**{tid: round(t.value, 4) for tid, t in self.totals.items()},
                       "overall": round(self.overall, 4)},
            "eligible": self.eligible,
            "failures": self.failures,
        }


def note(ref: Referentiel, grades: dict[str, int]) -> float:
    """Weighted sum of the element grades over its maximum, in percent (3.2: 2/1/0/0 → 50 %)."""
    top = max(g["value"] for g in ref.evaluation["grades"])
    elements = ref.evaluation["elements"]
    earned = sum(e["coefficient"] * grades[e["id"]] for e in elements)
    possible = sum(e["coefficient"] * top for e in elements)
    return 100.0 * earned / possible


def score_radar(ref: Referentiel, grades: dict[str, dict[str, Any]]) -> RadarResult:
    minimum_note = float(ref.evaluation["minimum_note"])
    scores: dict[str, SubcriterionScore] = {}
    for requirement in ref.requirements.values():
        graded = {e["id"]: int(grades[requirement.id][e["id"]])
                  for e in ref.evaluation["elements"]}
        value = note(ref, graded)
        weight = ref.weight(requirement.id)
        scores[requirement.id] = SubcriterionScore(
            requirement.id, graded, value, weight, value * weight / 100.0,
            value + EPSILON >= minimum_note)
    failures = [f"sous-critère {sid} : note {_pct(s.note)} inférieure au minimum de "
                f"{_pct(minimum_note)}" for sid, s in scores.items() if not s.passed]
    totals: dict[str, TotalScore] = {}
    for total in ref.evaluation["totals"]:
        section = next(s for s in ref.sections if s.id == total["section"])
        ids = [r.id for e in section.engagements for r in e.requirements]
        value = sum(scores[i].result for i in ids)
        minimum = total.get("minimum")
        passed = minimum is None or value + EPSILON >= minimum
        totals[total["id"]] = TotalScore(total["id"], total["label"], section.id, value,
                                         sum(scores[i].weight for i in ids), minimum, passed)
        if not passed:
            failures.append(f"{total['label']} : total {_pct(value)} inférieur au minimum de "
                            f"{_pct(minimum)}")
    overall = sum(s.result for s in scores.values())
    return RadarResult(ref.id, scores, totals, overall, minimum_note, failures)


def _pct(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} %"
