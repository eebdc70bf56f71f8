"""The référentiel model: engagements, requirements and the rules that score them.

Built only from data that passed the schema; the cross-reference checks here (unique ids,
weights covering every sub-criterion, known levels...) are the ones a schema cannot express.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checking import schema_problems
from .problems import DataError, Problem, suggestion
from .schemas.referentiel import REFERENTIEL_SCHEMA
from .source import Located, load_yaml

Blocks = list[Any]


def blocks(value: Any) -> Blocks:
    """Rich text normalised to a list of paragraphs (str) and bullet lists ({'list': [...]})."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class Requirement:
    """A sub-criterion (CLIQ®) or an item (AMARC): the unit an audit grades."""

    id: str
    number: str
    text: Blocks
    engagement_id: str
    interlocutors: tuple[str, ...] = ()
    evidence_examples: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    control_methods: tuple[str, ...] = ()
    note: Blocks = field(default_factory=list)


@dataclass(frozen=True)
class Engagement:
    id: str
    number: str
    title: str
    section_id: str
    text: Blocks
    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    text: Blocks
    engagements: tuple[Engagement, ...]


@dataclass(frozen=True)
class AuditType:
    type: str
    label: str
    decisions: tuple[str, ...]
    due_months: int | None = None
    description: Blocks = field(default_factory=list)


@dataclass(frozen=True)
class Referentiel:
    """One référentiel as published; ``data`` keeps the raw sections the site shows as text."""

    id: str
    path: str
    title: str
    short_title: str
    version: str
    sections: tuple[Section, ...]
    evaluation: dict[str, Any]
    audit_types: tuple[AuditType, ...]
    validity_years: int
    decisions: dict[str, dict[str, Any]]
    data: dict[str, Any]

    @property
    def model(self) -> str:
        return self.evaluation["model"]

    @property
    def engagements(self) -> list[Engagement]:
        return [e for s in self.sections for e in s.engagements]

    @property
    def requirements(self) -> dict[str, Requirement]:
        return {r.id: r for e in self.engagements for r in e.requirements}

    def weight(self, requirement_id: str) -> float:
        """Weight of a sub-criterion in the overall note, in % (radar model)."""
        return float(self.evaluation.get("weights", {}).get(requirement_id, 0))

    def engagement_weight(self, engagement: Engagement) -> float:
        return sum(self.weight(r.id) for r in engagement.requirements)

    def section_weight(self, section: Section) -> float:
        return sum(self.engagement_weight(e) for e in section.engagements)

    def audit_type(self, name: str) -> AuditType | None:
        return next((t for t in self.audit_types if t.type == name), None)

    def label(self, key: str, default: str) -> str:
        return self.data.get("labels", {}).get(key, default)

    def decision_label(self, outcome: str) -> str:
        return self.decisions.get(outcome, {}).get("label", outcome)

    def level_ids(self) -> list[str]:
        return [level["id"] for level in self.evaluation.get("levels", [])]

    def requirements_for_level(self, level: str) -> list[Requirement]:
        """Items an audit at ``level`` must grade: those required at it or any lower level."""
        order = self.level_ids()
        wanted = set(order[: order.index(level) + 1]) if level in order else set()
        return [r for r in self.requirements.values() if wanted & set(r.levels)]


def load_referentiel(file: Path, display_path: str | None = None) -> Referentiel:
    """Load and check one référentiel file; raises DataError with every problem found."""
    display = display_path or file.name
    doc, problems = load_yaml(file, display)
    if doc is None:
        raise DataError(problems)
    if not isinstance(doc.data, dict):
        raise DataError([*problems, doc.problem((), "un référentiel doit être un mapping")])
    problems += schema_problems(doc, REFERENTIEL_SCHEMA)
    if problems:
        raise DataError(problems)
    problems += list(_cross_reference_problems(doc, file.stem))
    if problems:
        raise DataError(problems)
    return _build(doc)


def _cross_reference_problems(doc: Located, stem: str) -> Iterator[Problem]:
    data = doc.data
    if data["id"] != stem:
        yield doc.problem(("id",), f"l'identifiant « {data['id']} » doit être le nom du fichier "
                                   f"« {stem} »")
    yield from _unique(doc, "sections", [(("sections", i), s["id"])
                                         for i, s in enumerate(data["sections"])])
    engagements, requirements = [], []
    for i, section in enumerate(data["sections"]):
        for j, engagement in enumerate(section["engagements"]):
            where = ("sections", i, "engagements", j)
            engagements.append((where, engagement["id"]))
            for k, requirement in enumerate(engagement["requirements"]):
                requirements.append(((*where, "requirements", k), requirement["id"]))
    yield from _unique(doc, "engagements", engagements)
    yield from _unique(doc, "sous-critères ou items", requirements)
    requirement_ids = [rid for _, rid in requirements]
    evaluation = data["evaluation"]
    if evaluation["model"] == "radar":
        yield from _radar_problems(doc, requirement_ids, [s["id"] for s in data["sections"]])
    else:
        yield from _levels_problems(doc, requirements)
    yield from _cycle_problems(doc)
    yield from _mention_text_problems(doc)
    communicated = data.get("communication", {}).get("communicated_engagements", [])
    known = [eid for _, eid in engagements]
    for i, eid in enumerate(communicated):
        if eid not in known:
            yield doc.problem(("communication", "communicated_engagements", i),
                              f"engagement « {eid} » inconnu{suggestion(eid, known)}")


def _mention_text_problems(doc: Located) -> Iterator[Problem]:
    """A mention that a checked support requires must say what to print (§VIII.1–2)."""
    supports = doc.data.get("communication", {}).get("supports", [])
    for i, support in enumerate(supports):
        if not (support["mandatory"] or support.get("published_on")):
            continue
        for j, mention in enumerate(support.get("mentions", [])):
            if not mention.get("optional") and not mention.get("text"):
                yield doc.problem(
                    ("communication", "supports", i, "mentions", j),
                    f"la mention « {mention['label']} » ({mention['id']}) du support "
                    f"« {support['label']} » n'a pas de texte : ajoutez « text », la règle "
                    "du référentiel")


def _unique(doc: Located, what: str, entries: list[tuple[tuple, str]]) -> Iterator[Problem]:
    seen: dict[str, tuple] = {}
    for where, ident in entries:
        if ident in seen:
            first = doc.line_of((*seen[ident], "id"))[0]
            yield doc.problem((*where, "id"), f"identifiant « {ident} » en double parmi les "
                                              f"{what} (déjà utilisé ligne {first})")
        else:
            seen[ident] = where


def _radar_problems(doc: Located, requirement_ids: list[str], sections: list[str]
                    ) -> Iterator[Problem]:
    evaluation = doc.data["evaluation"]
    weights = evaluation["weights"]
    for rid in weights:
        if rid not in requirement_ids:
            yield doc.problem(("evaluation", "weights", rid),
                              f"poids donné au sous-critère inconnu « {rid} »"
                              f"{suggestion(rid, requirement_ids)}", key=True)
    for rid in requirement_ids:
        if rid not in weights:
            yield doc.problem(("evaluation", "weights"), f"le sous-critère « {rid} » n'a pas "
                                                         "de poids")
    values = [g["value"] for g in evaluation["grades"]]
    if len(set(values)) != len(values):
        yield doc.problem(("evaluation", "grades"), "deux niveaux de notation ont la même valeur")
    covered: list[str] = []
    for i, total in enumerate(evaluation["totals"]):
        if total["section"] not in sections:
            yield doc.problem(("evaluation", "totals", i, "section"),
                              f"section « {total['section']} » inconnue"
                              f"{suggestion(total['section'], sections)}")
        covered.append(total["section"])
    for section in sections:
        if covered.count(section) != 1:
            yield doc.problem(("evaluation", "totals"), f"la section « {section} » doit figurer "
                                                        "dans exactement un total")


def _levels_problems(doc: Located, requirements: list[tuple[tuple, str]]) -> Iterator[Problem]:
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
                yield doc.problem((*where, "levels", i), f"niveau « {level} » inconnu"
                                                         f"{suggestion(level, levels)}")


def _cycle_problems(doc: Located) -> Iterator[Problem]:
    decisions = [d["id"] for d in doc.data["decisions"]]
    yield from _unique(doc, "décisions", [(("decisions", i), d)
                                          for i, d in enumerate(decisions)])
    audits = doc.data["cycle"]["audits"]
    seen: set[str] = set()
    for i, audit in enumerate(audits):
        if audit["type"] in seen:
            yield doc.problem(("cycle", "audits", i, "type"),
                              f"type d'audit « {audit['type']} » en double")
        seen.add(audit["type"])
        for j, decision in enumerate(audit["decisions"]):
            if decision not in decisions:
                yield doc.problem(("cycle", "audits", i, "decisions", j),
                                  f"décision « {decision} » absente de « decisions »"
                                  f"{suggestion(decision, decisions)}")


def _build(doc: Located) -> Referentiel:
    data = doc.data
    sections = tuple(_section(s) for s in data["sections"])
    cycle = data["cycle"]
    return Referentiel(
        id=data["id"],
        path=doc.path,
        title=data["title"],
        short_title=data["short_title"],
        version=str(data["version"]),
        sections=sections,
        evaluation=data["evaluation"],
        audit_types=tuple(
            AuditType(a["type"], a["label"], tuple(a["decisions"]), a.get("due_months"),
                      blocks(a.get("description")))
            for a in cycle["audits"]
        ),
        validity_years=cycle["validity_years"],
        decisions={d["id"]: d for d in data["decisions"]},
        data=data,
    )


def _section(data: dict[str, Any]) -> Section:
    engagements = tuple(
        Engagement(
            id=e["id"], number=e["number"], title=e["title"], section_id=data["id"],
            text=blocks(e.get("text")),
            requirements=tuple(_requirement(r, e["id"]) for r in e["requirements"]),
        )
        for e in data["engagements"]
    )
    return Section(data["id"], data["title"], blocks(data.get("text")), engagements)


def _requirement(data: dict[str, Any], engagement_id: str) -> Requirement:
    return Requirement(
        id=data["id"], number=data["number"], text=blocks(data["text"]),
        engagement_id=engagement_id,
        interlocutors=tuple(data.get("interlocutors", ())),
        evidence_examples=tuple(data.get("evidence_examples", ())),
        levels=tuple(data.get("levels", ())),
        documents=tuple(data.get("documents", ())),
        control_methods=tuple(data.get("control_methods", ())),
        note=blocks(data.get("note")),
    )
