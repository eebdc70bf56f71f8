"""Schema of a cross-reference grid (``referentiels/mappings/*.yaml``): the standard and its
catalogue of clauses, the links, and optionally the standard's next edition."""

from __future__ import annotations

from typing import Any

from ..vocabulary import CLAUSE_NUMBER, ID_PATTERN, RELATIONS
from .referentiel import PARAGRAPH, TEXT, closed_object

#: The grid's note: one paragraph or a list of paragraphs.
PARAGRAPHS = {
    "oneOf": [
        PARAGRAPH,
        {"type": "array", "minItems": 1, "items": PARAGRAPH},
    ],
}


def clause_number(description: str) -> dict[str, Any]:
    """A clause number, quoted in YAML so that 7.10 is not read as the number 7.1."""
    return {"type": "string", "pattern": CLAUSE_NUMBER, "description": description}


#: A clause of the grid's own catalogue, as cited by a link.
CLAUSE_REF = clause_number('numéro d\'article entre guillemets, par exemple "7.2.3"')

CLAUSE_SCHEMA = closed_object(
    {"number": CLAUSE_REF, "title": TEXT, "title_en": TEXT, "uncertain": TEXT},
    ["number", "title"],
    "un article de la norme : numéro et titre, recopiés mot pour mot",
)

#: The clauses of one edition of the standard, parents before their sub-clauses.
CATALOGUE = {"type": "array", "minItems": 1, "items": CLAUSE_SCHEMA}

LINK_SCHEMA = closed_object(
    {
        "subcriterion": TEXT,
        "clause": CLAUSE_REF,
        "relation": {"enum": list(RELATIONS)},
        "rationale": {**PARAGRAPH, "minLength": 10},
    },
    ["subcriterion", "clause", "relation", "rationale"],
    "une correspondance entre un sous-critère et un article, justifiée",
)

STANDARD_SCHEMA = closed_object(
    {"id": {"type": "string", "pattern": ID_PATTERN}, "title": TEXT, "short_title": TEXT},
    ["id", "title"],
)

CORRESPONDENCE_SCHEMA = closed_object(
    {
        "from": clause_number("article de la norme de la grille, entre guillemets"),
        "to": {
            "type": "array",
            "minItems": 1,
            "items": clause_number("article de la nouvelle édition, entre guillemets"),
        },
        "confirmed": {"type": "boolean"},
        "note": TEXT,
    },
    ["from", "to", "confirmed"],
    "une ligne de la table de correspondance entre les deux éditions de la norme",
)

SUCCESSOR_SCHEMA = closed_object(
    {
        "standard": STANDARD_SCHEMA,
        "source": TEXT,
        "clauses": CATALOGUE,
        "correspondence": {"type": "array", "minItems": 1, "items": CORRESPONDENCE_SCHEMA},
    },
    ["standard", "source", "clauses", "correspondence"],
    "la nouvelle édition de la norme et la table de correspondance publiée",
)

MAPPING_SCHEMA: dict[str, Any] = closed_object(
    {
        "referentiel": {"type": "string", "pattern": ID_PATTERN},
        "title": TEXT,
        "annex": TEXT,
        "standard": STANDARD_SCHEMA,
        "note": PARAGRAPHS,
        "clauses": CATALOGUE,
        "links": {"type": "array", "minItems": 1, "items": LINK_SCHEMA},
        "successor": SUCCESSOR_SCHEMA,
    },
    ["referentiel", "title", "standard", "clauses", "links"],
    "Trame croisée entre un référentiel et une norme (referentiels/mappings/*.yaml)",
)
