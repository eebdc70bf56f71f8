"""The conformity-by-level model (AMARC): the highest level whose every item is satisfied."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..referentiel import Referentiel

SATISFIED = ("conform", "not-applicable")


@dataclass(frozen=True)
class LevelsResult:
    referentiel: str
    level_requested: str
    level_achieved: str | None
    results: dict[str, str]
    nonconformities: list[str]
    level_order: tuple[str, ...]
    model: str = "levels"

    @property
    def eligible(self) -> bool:
        """Whether the requested level is reached (levels are ordered lowest first)."""
        if self.level_achieved is None:
            return False
        order = self.level_order
        return order.index(self.level_achieved) >= order.index(self.level_requested)

    @property
    def failures(self) -> list[str]:
        if self.eligible:
            return []
        missing = [rid for rid in self.nonconformities]
        return [f"niveau {self.level_requested} non atteint : non-conformité(s) "
                f"{', '.join(missing) or 'aucune'}"]

    def as_json(self) -> dict[str, Any]:
        """The contract's ``refpub score --json`` document."""
        return {
            "referentiel": self.referentiel,
            "level_requested": self.level_requested,
            "level_achieved": self.level_achieved,
            "nonconformities": self.nonconformities,
            "eligible": self.eligible,
        }


def score_levels(ref: Referentiel, level: str, items: dict[str, dict[str, Any]]) -> LevelsResult:
    results = {rid: items[rid]["result"] for rid in ref.requirements if rid in items}
    achieved = None
    for candidate in ref.level_ids():
        required = ref.requirements_for_level(candidate)
        if all(results.get(r.id) in SATISFIED for r in required):
            achieved = candidate
        else:
            break
    nonconformities = [rid for rid, result in results.items() if result == "nonconform"]
    return LevelsResult(ref.id, level, achieved, results, nonconformities,
                        tuple(ref.level_ids()))
