"""The conformity-by-level model (AMARC): the highest level whose every item is satisfied.

An item is satisfied when conform, or not applicable where the référentiel allows it (the
audit schema refuses ``not-applicable`` elsewhere). The result carries what the pages show:
each item with its title and result label, the count satisfied out of required, the
nonconformities with their titles. The module also holds everything else the model owns
(its schema parts, checks, builder, audit skeleton, score text): ``MODEL`` gathers them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..audits.skeleton import comment, scalar
from ..checks.problems import Problem, suggestion
from ..intake.source import Located
from ..referentiels.referentiel import (
    Engagement,
    Labelled,
    Level,
    LevelsModel,
    Referentiel,
    Requirement,
    ResultOption,
)
from ..referentiels.referentiel_checks import requirement_places
from ..schemas.audit import CONFIDENTIAL_DETAIL, JUSTIFICATION, common_properties
from ..schemas.referentiel import BLOCKS, EDITORIAL, TEXT, closed_object
from ..vocabulary import (
    CONFORM,
    ID_PATTERN,
    ITEM_RESULTS,
    LEVELS,
    NONCONFORM,
    NOT_APPLICABLE,
    PLACEHOLDER,
    REQUIREMENT_ID,
    SATISFIED,
    blocks,
    flatten,
)
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


# --- what the model owns beside its scorer ----------------------------------------


LEVELS_SCHEMA = closed_object(
    {
        "model": {"const": "levels"},
        "text": BLOCKS,
        "levels": {
            "type": "array",
            "minItems": 1,
            "items": closed_object(
                {"id": TEXT, "label": TEXT, "description": BLOCKS}, ["id", "label"]
            ),
            "description": "du plus bas au plus haut : un niveau exige tous ses items",
        },
        "results": {
            "type": "array",
            "minItems": 1,
            "items": closed_object(
                {"id": {"enum": list(ITEM_RESULTS)}, "label": TEXT}, ["id", "label"]
            ),
        },
        "not_applicable": {
            "type": "array",
            "description": "items que l'audit peut juger non applicables, parce que le "
            "référentiel les rend conditionnels par sa propre rédaction "
            "(« s'il existe », un canal que l'entreprise peut ne pas offrir) ; "
            "tout autre item doit être conforme ou non conforme",
            "items": closed_object(
                {
                    "item": {"type": "string", "pattern": REQUIREMENT_ID},
                    "condition": {
                        **TEXT,
                        "description": "les mots du référentiel qui rendent l'item conditionnel",
                    },
                    "channels": {
                        "type": "array",
                        "minItems": 1,
                        "uniqueItems": True,
                        "items": {"type": "string", "pattern": ID_PATTERN},
                        "description": "les canaux (de « channels ») que l'item vise : "
                        "non applicable, il déclare que l'entreprise "
                        "n'en offre aucun",
                    },
                },
                ["item", "condition"],
            ),
        },
        "not_applicable_rule": {
            **EDITORIAL,
            "description": "la règle, écrite une fois, qui fait d'un item "
            "un item conditionnel ; publiée comme note de "
            "la rédaction",
        },
        "channels": closed_object(
            {
                "reference": TEXT,
                "options": {
                    "type": "array",
                    "minItems": 2,
                    "items": closed_object(
                        {"id": {"type": "string", "pattern": ID_PATTERN}, "label": TEXT},
                        ["id", "label"],
                    ),
                },
            },
            ["reference", "options"],
            "Canaux que le référentiel rend alternatifs : l'entreprise en offre au moins un ; "
            "un audit qui les déclare tous absents est refusé.",
        ),
        "editorial": EDITORIAL,
    },
    ["model", "levels", "results"],
    "Modèle de conformité par niveaux : chaque item est exigé à un ou plusieurs niveaux.",
)


def levels_problems(doc: Located) -> Iterator[Problem]:
    """The levels model's checks: known levels, and the items possibly not applicable."""
    requirements = requirement_places(doc)
    yield from _level_problems(doc, requirements)
    yield from _not_applicable_problems(doc, [rid for _, rid in requirements])


def _level_problems(doc: Located, requirements: list[tuple[tuple, str]]) -> Iterator[Problem]:
    levels = [level["id"] for level in doc.data["evaluation"]["levels"]]
    for where, rid in requirements:
        node = doc.data
        for step in where:
            node = node[step]
        if "levels" not in node:
            yield doc.problem(where, f"l'item « {rid} » doit indiquer ses niveaux (levels)")
            continue
        for i, level in enumerate(node["levels"]):
            if level not in levels:
                yield doc.problem(
                    (*where, "levels", i), f"niveau « {level} » inconnu{suggestion(level, levels)}"
                )


def _not_applicable_problems(doc: Located, requirement_ids: list[str]) -> Iterator[Problem]:
    """Items declared possibly not applicable exist, once each, name declared channels, and
    the result is offered."""
    evaluation = doc.data["evaluation"]
    entries = evaluation.get("not_applicable", [])
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        item = entry["item"]
        if item not in requirement_ids:
            yield doc.problem(
                ("evaluation", "not_applicable", i, "item"),
                f"item « {item} » inconnu{suggestion(item, requirement_ids)}",
            )
        elif item in seen:
            yield doc.problem(
                ("evaluation", "not_applicable", i, "item"),
                f"item « {item} » déjà déclaré non applicable possible",
            )
        seen.add(item)
    channels = [c["id"] for c in evaluation.get("channels", {}).get("options", [])]
    for i, entry in enumerate(entries):
        for j, channel in enumerate(entry.get("channels", [])):
            if channel not in channels:
                yield doc.problem(
                    ("evaluation", "not_applicable", i, "channels", j),
                    f"canal « {channel} » absent de « evaluation.channels »"
                    f"{suggestion(channel, channels)}",
                )
    results = [r["id"] for r in evaluation["results"]]
    if entries and NOT_APPLICABLE not in results:
        yield doc.problem(
            ("evaluation", "not_applicable"),
            f"des items peuvent être non applicables mais « {NOT_APPLICABLE} » "
            "manque dans « results »",
        )


def levels_evaluation(root: dict[str, Any]) -> LevelsModel:
    """The typed evaluation of a référentiel declaring the levels model."""
    data = root["evaluation"]
    return LevelsModel(
        levels=tuple(
            Level(level["id"], level["label"], blocks(level.get("description")))
            for level in data["levels"]
        ),
        results=tuple(ResultOption(r["id"], r["label"]) for r in data["results"]),
        not_applicable=MappingProxyType(
            {entry["item"]: entry["condition"] for entry in data.get("not_applicable", [])}
        ),
        text=blocks(data.get("text")),
        editorial=blocks(data.get("editorial")),
        not_applicable_rule=blocks(data.get("not_applicable_rule")),
        channels=tuple(
            Labelled(c["id"], c["label"]) for c in data.get("channels", {}).get("options", [])
        ),
        channels_reference=data.get("channels", {}).get("reference", ""),
        item_channels=MappingProxyType(
            {
                entry["item"]: tuple(entry["channels"])
                for entry in data.get("not_applicable", [])
                if entry.get("channels")
            }
        ),
    )


def levels_audit(ref: Referentiel, public_only: bool = False) -> dict[str, Any]:
    """The audit schema of the levels model: the items of the requested level, each judged."""
    model = ref.evaluation
    assert isinstance(model, LevelsModel)  # the schema of a levels référentiel's audits only
    results = list(model.result_ids)
    ids = list(ref.requirements)
    per_level = []
    for level in ref.level_ids():
        required = [r.id for r in ref.requirements_for_level(level)]
        per_level.append(
            {
                "if": {"properties": {"level": {"const": level}}, "required": ["level"]},
                "then": {
                    "properties": {
                        "items": {"required": required, "propertyNames": {"enum": required}}
                    }
                },
            }
        )
    schema = closed_object(
        {
            **common_properties(ref),
            "level": {"enum": ref.level_ids()},
            "items": closed_object(
                {rid: _item(results, model.not_applicable.get(rid), public_only) for rid in ids}, []
            ),
        },
        ["referentiel", "type", "date", "lead_auditor", "level", "items"],
    )
    schema["allOf"] = per_level
    return schema


def _item(results: list[str], condition: str | None, public_only: bool = False) -> dict[str, Any]:
    """An item's schema: ``not-applicable`` only where the référentiel makes the item
    conditional (``condition``, its own words), and then with a justification (confidential:
    ``public_only``, for sealed detail read without the key, does not require it)."""
    if condition is None:
        allowed = [r for r in results if r != NOT_APPLICABLE]
        return closed_object({"result": {"enum": allowed}, **CONFIDENTIAL_DETAIL}, ["result"])
    item = closed_object(
        {"result": {"enum": results}, "justification": JUSTIFICATION, **CONFIDENTIAL_DETAIL},
        ["result"],
        f"non applicable possible : {condition}",
    )
    if not public_only:
        item["if"] = {"properties": {"result": {"const": NOT_APPLICABLE}}, "required": ["result"]}
        item["then"] = {"required": ["justification"]}
    return item


def levels_lines(ref: Referentiel, level: str | None) -> list[str]:
    """Every item of the level, its result left to fill in; the items the référentiel makes
    conditional say so, since only they may be judged not applicable (with a reason)."""
    if level is None:
        raise ValueError(f"{ref.id} : un niveau est nécessaire")
    model = ref.evaluation
    assert isinstance(model, LevelsModel)  # written only for a levels référentiel (by its model)
    results = [r for r in model.result_ids if r != "not-applicable"]
    lines = [
        f"level: {scalar(level)}",
        "items:",
        f"  # Résultats : {' | '.join(results)} ; not-applicable seulement pour les items "
        "signalés, avec une justification",
    ]
    for requirement in ref.requirements_for_level(level):
        lines.append(comment(requirement))
        condition = model.not_applicable.get(requirement.id)
        if condition:
            lines.append(f"  # non applicable possible : {condition}")
        lines.append(f"  {scalar(requirement.id)}: {{result: {PLACEHOLDER}}}")
    return lines


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
