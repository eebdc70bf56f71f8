"""Cross-reference checks of a référentiel file: what its schema cannot express.

Unique ids, weights covering every sub-criterion, known levels and sections, decisions named
in the cycle, mentions with a text, and the items declared possibly not applicable. Run on the
raw file (with its lines) before the typed model is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..checks.problems import Problem, suggestion
from ..intake.source import Located
from ..vocabulary import blocks, flatten


def cross_reference_problems(
    doc: Located, stem: str, evaluation_problems: Callable[[Located], Iterator[Problem]]
) -> Iterator[Problem]:
    """Every cross-reference problem of a référentiel file that passed its schema; those of
    its ``evaluation`` block come from its model (``evaluation_problems``)."""
    data = doc.data
    if data["id"] != stem:
        yield doc.problem(
            ("id",), f"l'identifiant « {data['id']} » doit être le nom du fichier « {stem} »"
        )
    yield from _unique(
        doc, "sections", [(("sections", i), s["id"]) for i, s in enumerate(data["sections"])]
    )
    engagements, requirements = [], []
    for i, section in enumerate(data["sections"]):
        for j, engagement in enumerate(section["engagements"]):
            where = ("sections", i, "engagements", j)
            engagements.append((where, engagement["id"]))
            for k, requirement in enumerate(engagement["requirements"]):
                requirements.append(((*where, "requirements", k), requirement["id"]))
    yield from _unique(doc, "engagements", engagements)
    yield from _unique(doc, "sous-critères ou items", requirements)
    yield from evaluation_problems(doc)
    yield from _glossary_mark_problems(doc)
    yield from _cycle_problems(doc)
    yield from _mention_text_problems(doc)
    yield from drafting_problems(doc)
    communicated = data.get("communication", {}).get("communicated_engagements", [])
    known = [eid for _, eid in engagements]
    for i, eid in enumerate(communicated):
        if eid not in known:
            yield doc.problem(
                ("communication", "communicated_engagements", i),
                f"engagement « {eid} » inconnu{suggestion(eid, known)}",
            )


def _mention_text_problems(doc: Located) -> Iterator[Problem]:
    """A mention that a checked support requires must say what to print (§VIII.1–2), and
    the référentiel must hold the data it shows (mark, website, engagements)."""
    communication = doc.data.get("communication", {})
    for i, support in enumerate(communication.get("supports", [])):
        if not (support["mandatory"] or support.get("published_on")):
            continue
        for j, mention in enumerate(support.get("mentions", [])):
            if not mention.get("optional") and not mention.get("text"):
                yield doc.problem(
                    ("communication", "supports", i, "mentions", j),
                    f"la mention « {mention['label']} » ({mention['id']}) du support "
                    f"« {support['label']} » n'a pas de texte : ajoutez « text », la règle "
                    "du référentiel",
                )
            elif not mention.get("optional") and not _has_data(
                communication, mention.get("source")
            ):
                yield doc.problem(
                    ("communication", "supports", i, "mentions", j, "source"),
                    f"la mention « {mention['label']} » ({mention['id']}) du support "
                    f"« {support['label']} » n'a pas de données ({mention['source']}) : "
                    f"{_MISSING_DATA[mention['source']]}",
                )


#: What a mention filled from the référentiel needs, and where to write it.
_MISSING_DATA = {
    "mark": "ajoutez « communication.mark »",
    "website": "ajoutez « communication.mark.website »",
    "engagements": "ajoutez « communication.communicated_engagements »",
}


def _has_data(communication: dict, source: str | None) -> bool:
    """Whether the référentiel holds the data a mention of ``source`` shows."""
    mark = communication.get("mark") or {}
    if source == "mark":
        return bool(mark)
    if source == "website":
        return bool(mark.get("website"))
    if source == "engagements":
        return bool(communication.get("communicated_engagements"))
    return True


def _unique(doc: Located, what: str, entries: list[tuple[tuple, str]]) -> Iterator[Problem]:
    seen: dict[str, tuple] = {}
    for where, ident in entries:
        if ident in seen:
            first = doc.line_of((*seen[ident], "id"))[0]
            yield doc.problem(
                (*where, "id"),
                f"identifiant « {ident} » en double parmi les {what} (déjà utilisé ligne {first})",
            )
        else:
            seen[ident] = where


def requirement_places(doc: Located) -> list[tuple[tuple, str]]:
    """Each sub-criterion or item of a référentiel file: where it is, and its id."""
    return [
        (("sections", i, "engagements", j, "requirements", k), requirement["id"])
        for i, section in enumerate(doc.data["sections"])
        for j, engagement in enumerate(section["engagements"])
        for k, requirement in enumerate(engagement["requirements"])
    ]


def _cycle_problems(doc: Located) -> Iterator[Problem]:
    decisions = [d["id"] for d in doc.data["decisions"]]
    yield from _unique(doc, "décisions", [(("decisions", i), d) for i, d in enumerate(decisions)])
    audits = doc.data["cycle"]["audits"]
    seen: set[str] = set()
    for i, audit in enumerate(audits):
        if audit["type"] in seen:
            yield doc.problem(
                ("cycle", "audits", i, "type"), f"type d'audit « {audit['type']} » en double"
            )
        seen.add(audit["type"])
        for j, decision in enumerate(audit["decisions"]):
            if decision not in decisions:
                yield doc.problem(
                    ("cycle", "audits", i, "decisions", j),
                    f"décision « {decision} » absente de « decisions »"
                    f"{suggestion(decision, decisions)}",
                )


def _glossary_mark_problems(doc: Located) -> Iterator[Problem]:
    """The glossary a mark sends to has entries of that kind."""
    mark = doc.data.get("glossary_mark")
    kinds = sorted(
        {
            entry.get("kind")
            for entry in doc.data.get("glossary", [])
            if isinstance(entry.get("kind"), str)
        }
    )
    if mark and mark["kind"] not in kinds:
        yield doc.problem(
            ("glossary_mark", "kind"),
            f"aucun terme du glossaire n'a le type « {mark['kind']} »"
            f"{suggestion(mark['kind'], kinds)}",
        )


def drafting_problems(doc: Located) -> Iterator[Problem]:
    """A declared drafting note must be found, word for word, in the text it belongs to."""
    for i, entry in enumerate(doc.data.get("glossary", [])):
        text = " ".join(flatten(blocks(entry["definition"])))
        for j, note in enumerate(entry.get("drafting_notes", [])):
            if note["text"] not in text:
                yield doc.problem(
                    ("glossary", i, "drafting_notes", j, "text"),
                    f"note de rédaction « {note['text']} » introuvable dans la "
                    f"définition de « {entry['term']} »",
                )
