"""The conformity-by-level model (AMARC): the highest level whose every item is satisfied.

An item is satisfied when conform, or not applicable where the référentiel allows it (the
audit schema refuses ``not-applicable`` elsewhere). The result carries what the pages show:
each item with its title and result label, the count satisfied out of required, the
nonconformities with their titles.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..audits.skeleton import levels_lines
from ..checks.problems import Problem
from ..intake.source import Located
from ..referentiels.referentiel import (
    Engagement,
    LevelsModel,
    Referentiel,
    Requirement,
    levels_evaluation,
)
from ..referentiels.referentiel_checks import levels_problems
from ..schemas.audit import levels_audit
from ..schemas.referentiel import LEVELS as LEVELS_SCHEMA
from ..vocabulary import CONFORM, LEVELS, NONCONFORM, NOT_APPLICABLE, SATISFIED, flatten
from .model import model_templates


@dataclass(frozen=True)
class ItemResult:
    """One graded item: the requirement, its result and the result's label."""

    requirement: Requirement
    result: str
    label: str

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def title(self) -> str:
        """The item as readers know it: the first sentence of its text."""
        texts = flatten(self.requirement.text)
        return texts[0] if texts else self.requirement.number

    @property
    def satisfied(self) -> bool:
        return self.result in SATISFIED

    @property
    def nonconform(self) -> bool:
        return self.result == NONCONFORM


class _ItemTally:
    """Counts over graded items, shared by a whole audit and by each of its engagements."""

    items: tuple[ItemResult, ...]

    @property
    def required(self) -> int:
        """Items to satisfy: every item graded (the requested level's)."""
        return len(self.items)

    @property
    def satisfied(self) -> int:
        return sum(1 for item in self.items if item.satisfied)

    @property
    def conform_count(self) -> int:
        """Items judged conform: what « satisfied » means to a reader, not-applicable apart."""
        return sum(1 for item in self.items if item.result == CONFORM)

    @property
    def nonconformity_items(self) -> tuple[ItemResult, ...]:
        return tuple(item for item in self.items if item.nonconform)

    @property
    def not_applicable_items(self) -> tuple[ItemResult, ...]:
        """Items the audit declared not applicable: with the nonconformities, the exceptions
        a synthesis names (every other item is conform)."""
        return tuple(item for item in self.items if item.result == NOT_APPLICABLE)


@dataclass(frozen=True)
class EngagementItems(_ItemTally):
    """One engagement's graded items: the synthesis counts them per engagement."""

    engagement: Engagement
    items: tuple[ItemResult, ...]


@dataclass(frozen=True)
class LevelsResult(_ItemTally):
    """The result of a levels audit: item results, level reached, eligibility."""

    referentiel: str
    level_requested: str
    level_achieved: str | None
    items: tuple[ItemResult, ...]
    level_order: tuple[str, ...]
    model: str = LEVELS
    #: the graded items engagement by engagement, in the référentiel's order
    engagements: tuple[EngagementItems, ...] = ()

    @property
    def results(self) -> Mapping[str, str]:
        return {item.id: item.result for item in self.items}

    @property
    def nonconformities(self) -> list[str]:
        return [item.id for item in self.nonconformity_items]

    @property
    def eligible(self) -> bool:
        """Whether the requested level is reached (levels are ordered lowest first)."""
        if self.level_achieved is None:
            return False
        order = self.level_order
        return order.index(self.level_achieved) >= order.index(self.level_requested)

    @property
    def failures(self) -> tuple[str, ...]:
        if self.eligible:
            return ()
        return (
            f"niveau {self.level_requested} non atteint : non-conformité(s) "
            f"{', '.join(self.nonconformities) or 'aucune'}",
        )

    def as_json(self) -> dict[str, Any]:
        """The contract's ``refpub score --json`` document."""
        return {
            "referentiel": self.referentiel,
            "level_requested": self.level_requested,
            "level_achieved": self.level_achieved,
            "nonconformities": self.nonconformities,
            "eligible": self.eligible,
        }


def score_levels(
    ref: Referentiel, level: str, items: Mapping[str, Mapping[str, Any]]
) -> LevelsResult:
    model = ref.evaluation
    assert isinstance(model, LevelsModel)
    graded = tuple(
        ItemResult(r, items[rid]["result"], model.result_label(items[rid]["result"]))
        for rid, r in ref.requirements.items()
        if rid in items
    )
    results = {item.id: item.result for item in graded}
    achieved = None
    for candidate in model.level_ids:
        required = ref.requirements_for_level(candidate)
        if all(results.get(r.id) in SATISFIED for r in required):
            achieved = candidate
        else:
            break
    by_engagement = tuple(
        EngagementItems(e, tuple(i for i in graded if i.requirement.engagement_id == e.id))
        for e in ref.engagements
    )
    return LevelsResult(
        ref.id,
        level,
        achieved,
        graded,
        model.level_ids,
        engagements=tuple(e for e in by_engagement if e.items),
    )


def _describe(result: LevelsResult) -> list[str]:
    """The lines of ``refpub score``: the levels requested and reached, the nonconformities."""
    return [
        f"Niveau demandé : {result.level_requested} ; atteint : {result.level_achieved or 'aucun'}",
        f"Non-conformités : {', '.join(result.nonconformities) or 'aucune'}",
    ]


@dataclass(frozen=True)
class LevelsEvaluation:
    """The levels model: every part of the code that depends on it asks this object."""

    name: str = LEVELS
    takes_level: bool = True
    templates: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType(model_templates(LEVELS))
    )
    template_dir: str | None = None

    def referentiel_schema(self) -> dict[str, Any]:
        return LEVELS_SCHEMA

    def referentiel_problems(self, doc: Located) -> Iterator[Problem]:
        return levels_problems(doc)

    def build(self, data: dict[str, Any]) -> LevelsModel:
        return levels_evaluation(data)

    def audit_schema(self, ref: Referentiel, public_only: bool) -> dict[str, Any]:
        return levels_audit(ref, public_only)

    def score(self, ref: Referentiel, audit: Mapping[str, Any]) -> LevelsResult:
        return score_levels(ref, audit["level"], audit["items"])

    def skeleton(self, ref: Referentiel, level: str | None) -> list[str]:
        return levels_lines(ref, level)

    def describe(self, result: Any) -> list[str]:
        return _describe(result)


MODEL = LevelsEvaluation()
