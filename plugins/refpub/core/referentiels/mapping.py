"""Cross-reference grids between a référentiel and a standard (``referentiels/mappings/``).

A mapping file names the référentiel it maps, the standard and its catalogue of clauses
(number and title), and the links: one per (sub-criterion, clause) pair, with the relation
between the two requirements and a one-sentence rationale. The ``subcriterion`` key of a
link holds any requirement id of the référentiel (a CLIQ® sub-criterion, an AMARC item); the
page title is the file's ``title``, followed by its optional ``annex``. The loader checks the file
against its schema (:mod:`schemas.mapping`), then every cross-reference (référentiel,
sub-criteria, clauses, duplicates); problems read as French ``PATH:LINE: message`` lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks.checking import schema_problems
from ..checks.problems import DataError, Problem, suggestion, without_lines
from ..intake.source import Located, load_yaml
from ..schemas.mapping import MAPPING_SCHEMA
from ..vocabulary import blocks
from .referentiel import Referentiel, Requirement


@dataclass(frozen=True)
class Clause:
    """A clause of the standard (number, French title) as the grid cites it."""

    number: str
    title: str
    title_en: str = ""
    uncertain: str = ""


@dataclass(frozen=True)
class Standard:
    """One edition of a standard (ISO 9001:2000) and the catalogue of its clauses the grid
    cites, in the standard's order."""

    id: str
    title: str
    short_title: str
    clauses: tuple[Clause, ...]

    @property
    def catalogue(self) -> dict[str, Clause]:
        return {c.number: c for c in self.clauses}

    def clause(self, number: str) -> Clause:
        return self.catalogue[number]


def parent_of(number: str) -> str | None:
    """The parent clause number (7.2.3 -> 7.2), None for a top-level clause."""
    return number.rsplit(".", 1)[0] if "." in number else None


@dataclass(frozen=True)
class Link:
    """One sub-criterion-to-clause link of a grid, with its relation and rationale."""

    subcriterion: str
    clause: str
    relation: str
    rationale: str


@dataclass(frozen=True)
class Correspondence:
    """One row of the published table between two editions: old clause -> new clauses."""

    source: str
    targets: tuple[str, ...]
    confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class Successor:
    """The next edition of the standard and the published correspondence table to it."""

    standard: Standard
    source: str
    correspondence: tuple[Correspondence, ...]

    def rows_for(self, clause: str) -> list[Correspondence]:
        """The table's row for ``clause``; without one, the rows of its sub-clauses."""
        own = [r for r in self.correspondence if r.source == clause]
        return own or [r for r in self.correspondence if r.source.startswith(f"{clause}.")]

    def targets(self, clause: str) -> list[tuple[Clause, bool]]:
        """New-edition clauses for an old one, in catalogue order; True when confirmed.

        When every sub-clause of a new clause is reached, the new clause stands for them
        (7.3 reaches 8.3.1 ... 8.3.6: the answer is 8.3).
        """
        confirmed: dict[str, bool] = {}
        for row in self.rows_for(clause):
            for target in row.targets:
                confirmed[target] = confirmed.get(target, False) or row.confirmed
        catalogue = self.standard.catalogue
        for parent in sorted(catalogue, key=lambda n: -n.count(".")):
            children = [n for n in catalogue if parent_of(n) == parent]
            if children and all(n in confirmed for n in children):
                merged = [confirmed.pop(n) for n in children]
                confirmed[parent] = confirmed.get(parent, False) or any(merged)
        return [(c, confirmed[c.number]) for c in self.standard.clauses if c.number in confirmed]


@dataclass(frozen=True)
class Mapping:
    """A validated grid: every link names a real sub-criterion and a catalogued clause."""

    id: str
    path: str
    slug: str
    title: str
    annex: str
    referentiel: Referentiel
    standard: Standard
    note: tuple[str, ...]
    links: tuple[Link, ...]
    successor: Successor | None = None

    def links_of(self, subcriterion: str) -> list[Link]:
        """Links of one sub-criterion, in the catalogue order of their clauses."""
        order = _order(self.standard.clauses)
        return sorted(
            (k for k in self.links if k.subcriterion == subcriterion), key=lambda k: order[k.clause]
        )

    def links_to(self, clause: str) -> list[Link]:
        """Links to one clause, in the référentiel order of their sub-criteria."""
        order = {rid: i for i, rid in enumerate(self.referentiel.requirements)}
        return sorted(
            (k for k in self.links if k.clause == clause),
            key=lambda k: order.get(k.subcriterion, len(order)),
        )

    def cited_clauses(self) -> list[Clause]:
        """Clauses with at least one link, in catalogue order (the columns of the matrix)."""
        cited = {k.clause for k in self.links}
        return [c for c in self.standard.clauses if c.number in cited]

    def link(self, subcriterion: str, clause: str) -> Link | None:
        return next(
            (k for k in self.links if k.subcriterion == subcriterion and k.clause == clause), None
        )


def _order(clauses: tuple[Clause, ...]) -> dict[str, int]:
    return {c.number: i for i, c in enumerate(clauses)}


def _related(a: str, b: str) -> bool:
    """True when one clause number is the other or contains it (4.2 and 4.2.3)."""
    return a == b or a.startswith(f"{b}.") or b.startswith(f"{a}.")


def untouched_clauses(mapping: Mapping) -> list[Clause]:
    """Clauses no sub-criterion touches: no link to them, their parents or their sub-clauses.

    A link to 4.2 touches 4.2.3 and 4; a link to 5.5.2 touches 5.5 and 5. Only the clauses
    with nothing linked anywhere in their line are returned: the gaps between the two texts.
    """
    linked = {k.clause for k in mapping.links}
    return [c for c in mapping.standard.clauses if not any(_related(c.number, n) for n in linked)]


def subcriteria_without_clause(mapping: Mapping) -> list[Requirement]:
    """Sub-criteria of the référentiel that no link maps to a clause."""
    linked = {k.subcriterion for k in mapping.links}
    return [r for r in mapping.referentiel.requirements.values() if r.id not in linked]


@dataclass(frozen=True)
class SuccessorLink:
    """A clause of the new edition reached from a sub-criterion through the grid's links."""

    clause: Clause
    confirmed: bool
    via: tuple[str, ...]


def successor_view(mapping: Mapping) -> dict[str, list[SuccessorLink]]:
    """Per sub-criterion, the new-edition clauses its links lead to through the table.

    ``confirmed`` is True when at least one of the table rows used is a confirmed one.
    Empty when the file gives no successor edition.
    """
    successor = mapping.successor
    if successor is None:
        return {}
    order = _order(successor.standard.clauses)
    view: dict[str, list[SuccessorLink]] = {}
    for rid in mapping.referentiel.requirements:
        reached: dict[str, tuple[Clause, bool, list[str]]] = {}
        for link in mapping.links_of(rid):
            for clause, confirmed in successor.targets(link.clause):
                _, was, via = reached.get(clause.number, (clause, False, []))
                reached[clause.number] = (clause, was or confirmed, [*via, link.clause])
        view[rid] = [
            SuccessorLink(c, ok, tuple(via))
            for c, ok, via in sorted(reached.values(), key=lambda e: order[e[0].number])
        ]
    return view


def successor_untouched(mapping: Mapping) -> list[Clause]:
    """New-edition clauses that no sub-criterion reaches, nor their parents or sub-clauses."""
    if mapping.successor is None:
        return []
    reached = {s.clause.number for links in successor_view(mapping).values() for s in links}
    return [
        c
        for c in mapping.successor.standard.clauses
        if not any(_related(c.number, n) for n in reached)
    ]


def load_mapping(file: Path, display_path: str, referentiels: dict[str, Referentiel]) -> Mapping:
    """Load and check one mapping file; raises DataError with every problem found."""
    doc, problems = load_yaml(file, display_path)
    if doc is None:
        raise DataError(problems)
    if not isinstance(doc.data, dict):
        raise DataError(
            [
                *problems,
                doc.problem((), "une trame croisée doit être un ensemble de clés (mapping)"),
            ]
        )
    problems += without_lines(schema_problems(doc, MAPPING_SCHEMA), problems)
    if problems:
        raise DataError(problems)
    ident = doc.data["referentiel"]
    ref = referentiels.get(ident)
    if ref is None:
        known = sorted(referentiels)
        raise DataError(
            [
                doc.problem(
                    ("referentiel",),
                    f"référentiel « {ident} » inconnu"
                    f"{suggestion(ident, known)} (référentiels : "
                    f"{', '.join(known) or 'aucun'})",
                )
            ]
        )
    problems += list(_cross_reference_problems(doc, ref, file.stem))
    if problems:
        raise DataError(problems)
    return _build(doc, ref, file.stem)


def _cross_reference_problems(doc: Located, ref: Referentiel, stem: str) -> Iterator[Problem]:
    data = doc.data
    prefix = f"{ref.id}-"
    if not stem.startswith(prefix) or stem == prefix:
        yield doc.problem(
            ("referentiel",),
            f"le nom du fichier « {stem}.yaml » doit commencer "
            f"par « {prefix} » (par exemple « {prefix}"
            f"{data['standard']['id']}.yaml »)",
        )
    numbers: dict[str, int] = {}
    yield from _catalogue_problems(doc, ("clauses",), numbers)
    requirements = list(ref.requirements)
    clauses = list(numbers)
    seen: dict[tuple[str, str], int] = {}
    for i, link in enumerate(data["links"]):
        sub, clause = link["subcriterion"], link["clause"]
        ok = True
        if sub not in ref.requirements:
            ok = False
            yield doc.problem(
                ("links", i, "subcriterion"),
                f"{ref.label('requirement', 'exigence').lower()} « {sub} » "
                f"inconnu dans « {ref.id} »"
                f"{suggestion(sub, requirements)}",
            )
        if clause not in numbers:
            ok = False
            yield doc.problem(
                ("links", i, "clause"),
                f"article « {clause} » absent du catalogue « clauses »"
                f"{suggestion(clause, clauses)}",
            )
        if not ok:
            continue
        if (sub, clause) in seen:
            first = doc.line_of(("links", seen[(sub, clause)], "subcriterion"))[0]
            yield doc.problem(
                ("links", i, "subcriterion"),
                f"lien « {sub} » → « {clause} » en double (déjà ligne {first})",
            )
        else:
            seen[(sub, clause)] = i
    if "successor" in data:
        yield from _successor_problems(doc, list(numbers))


def _catalogue_problems(
    doc: Located, where: tuple[str, ...], numbers: dict[str, int]
) -> Iterator[Problem]:
    """Unique clause numbers, each after its parent; fills ``numbers`` (number -> index)."""
    node = doc.data
    for step in where:
        node = node[step]
    for i, clause in enumerate(node):
        number = clause["number"]
        if number in numbers:
            first = doc.line_of((*where, numbers[number], "number"))[0]
            yield doc.problem(
                (*where, i, "number"),
                f"article « {number} » en double dans le catalogue (déjà ligne {first})",
            )
            continue
        numbers[number] = i
        parent = parent_of(number)
        if parent is not None and parent not in numbers:
            yield doc.problem(
                (*where, i, "number"),
                f"l'article « {number} » doit suivre son article parent "
                f"« {parent} » dans le catalogue",
            )


def _successor_problems(doc: Located, old: list[str]) -> Iterator[Problem]:
    new: dict[str, int] = {}
    yield from _catalogue_problems(doc, ("successor", "clauses"), new)
    seen: dict[str, int] = {}
    for i, row in enumerate(doc.data["successor"]["correspondence"]):
        where = ("successor", "correspondence", i)
        source = row["from"]
        if source not in old:
            yield doc.problem(
                (*where, "from"),
                f"article « {source} » absent du catalogue « clauses »{suggestion(source, old)}",
            )
        elif source in seen:
            first = doc.line_of(("successor", "correspondence", seen[source], "from"))[0]
            yield doc.problem(
                (*where, "from"), f"article « {source} » déjà mis en correspondance (ligne {first})"
            )
        else:
            seen[source] = i
        for j, target in enumerate(row["to"]):
            if target not in new:
                yield doc.problem(
                    (*where, "to", j),
                    f"article « {target} » absent du catalogue de la nouvelle "
                    f"édition (successor.clauses){suggestion(target, list(new))}",
                )


def _standard(data: dict[str, Any]) -> Standard:
    """The edition a grid (or its successor) names, with the catalogue listed beside it."""
    named = data["standard"]
    clauses = tuple(
        Clause(c["number"], c["title"], c.get("title_en", ""), c.get("uncertain", ""))
        for c in data["clauses"]
    )
    return Standard(named["id"], named["title"], named.get("short_title", named["title"]), clauses)


def _successor(data: dict[str, Any] | None) -> Successor | None:
    if data is None:
        return None
    return Successor(
        standard=_standard(data),
        source=data["source"],
        correspondence=tuple(
            Correspondence(r["from"], tuple(r["to"]), r["confirmed"], r.get("note", ""))
            for r in data["correspondence"]
        ),
    )


def _build(doc: Located, ref: Referentiel, stem: str) -> Mapping:
    data = doc.data
    return Mapping(
        id=stem,
        path=doc.path,
        slug=stem.removeprefix(f"{ref.id}-"),
        title=data["title"],
        annex=data.get("annex", ""),
        referentiel=ref,
        standard=_standard(data),
        note=tuple(blocks(data.get("note"))),
        links=tuple(
            Link(k["subcriterion"], k["clause"], k["relation"], k["rationale"])
            for k in data["links"]
        ),
        successor=_successor(data.get("successor")),
    )
