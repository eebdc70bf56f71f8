"""Schema of a référentiel file (``referentiels/<id>.yaml``); documented in docs/formats."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..checks import values
from ..checks.values import LINE, WEBSITE
from ..vocabulary import ID_PATTERN, OUTCOMES, REQUIREMENT_ID


def closed_object(
    properties: dict[str, Any], required: list[str], description: str = ""
) -> dict[str, Any]:
    """An object schema that refuses unknown keys (every data format of the project does)."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


#: A one-line text (a name, a title, a label): visible, without line break or tab.
TEXT = {"type": "string", "minLength": 1, "format": LINE}
TEXTS = {"type": "array", "items": TEXT}
#: A paragraph of rich text: visible text, line breaks allowed (« | » and « > » in YAML).
PARAGRAPH = {"type": "string", "minLength": 1, "format": values.PARAGRAPH}

#: A sub-heading of the source (« CLIQ® pourquoi ? », « ACTIVITE TRANSPORT »), shown as one.
HEADING = closed_object({"heading": TEXT}, ["heading"], "Un intertitre du texte source.")

#: A note of the site's editors placed inside the référentiel's text, where it belongs.
EDITORIAL_BLOCK = closed_object(
    {"editorial": PARAGRAPH}, ["editorial"], "Une note de la rédaction, à sa place dans le texte."
)

#: Rich text: one paragraph, or a list of paragraphs, bullet lists ({list: [...]}),
#: sub-headings ({heading: ...}) and editorial notes ({editorial: ...}).
BLOCKS: dict[str, Any] = {
    "description": "Un paragraphe, ou une liste de paragraphes, de listes à puces "
    "({list: [...]}) et d'intertitres ({heading: ...}), recopiés mot pour mot, "
    "et de notes de la rédaction ({editorial: ...}).",
    "oneOf": [
        PARAGRAPH,
        {
            "type": "array",
            "minItems": 1,
            "items": {
                "oneOf": [
                    PARAGRAPH,
                    closed_object(
                        {"list": {"type": "array", "minItems": 1, "items": PARAGRAPH}}, ["list"]
                    ),
                    HEADING,
                    EDITORIAL_BLOCK,
                ]
            },
        },
    ],
}

#: What the site adds to the référentiel (explanation, interpretation): published as a
#: « Note de la rédaction », never mixed with the référentiel's own words.
EDITORIAL = {
    **BLOCKS,
    "description": "Note de la rédaction : ce que le site ajoute au référentiel, publié comme tel.",
}

#: A drafting note left in the source (« A définir », « A revoir selon ... »): kept word for
#: word in the data, published only as « note de rédaction du référentiel, en attente ».
DRAFTING_NOTES = {
    "type": "array",
    "minItems": 1,
    "items": closed_object(
        {
            "text": {
                **PARAGRAPH,
                "description": "la note telle qu'elle figure dans le texte, mot "
                "pour mot (retirée du texte publié)",
            },
            "published": {**TEXT, "description": "ce que le site en publie, sans nom de personne"},
        },
        ["text", "published"],
    ),
}

#: Number and title of a part of the source that the site shows on one of its pages.
NUMBERED = closed_object({"number": TEXT, "title": TEXT}, ["number", "title"])

PARTY = closed_object(
    {
        "name": TEXT,
        "role": TEXT,
        "address": TEXT,
        "phone": TEXT,
        "fax": TEXT,
        "email": TEXT,
        "website": {
            "type": "string",
            "format": WEBSITE,
            "description": "adresse web commençant par https:// ou http://",
        },
    },
    ["name"],
)

#: The certification body a référentiel names, and whether it alone may certify.
CERTIFICATION_BODY = closed_object(
    {
        **PARTY["properties"],
        "exclusive": {
            "type": "boolean",
            "description": "true : le référentiel réserve la certification sous sa "
            "marque à cet organisme (et à ceux de « entitled ») ; "
            "un autre organisme qui le publie est averti, et la "
            "publication (REFPUB_PUBLISH=1) refusée",
        },
        "entitled": {
            "type": "array",
            "items": TEXT,
            "uniqueItems": True,
            "description": "autres organismes habilités par le propriétaire de la "
            "marque, sous le nom exact de leur extra.organisme.name",
        },
    },
    ["name"],
    "L'organisme certificateur que nomme le référentiel ; il n'est pas l'émetteur des "
    "certificats publiés (c'est l'organisme qui publie le site).",
)

CHAPTER = closed_object(
    {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "number": TEXT,
        "title": TEXT,
        "text": BLOCKS,
        "editorial": EDITORIAL,
    },
    ["id", "title"],
    "Un chapitre de texte du référentiel (présentation, objet, domaine d'application...) ; "
    "sans texte, un simple titre de partie (1.5).",
)

#: The source's own lead-in of a list (« Interlocuteur(s) potentiel(s) : » and its italics).
LEAD_IN = closed_object(
    {"text": TEXT, "emphasis": TEXT},
    ["text"],
    "L'intitulé d'une liste, mot pour mot, et sa partie en italique.",
)

REQUIREMENT = closed_object(
    {
        "id": {
            "type": "string",
            "pattern": REQUIREMENT_ID,
            "description": "identifiant unique dans le référentiel (org-1.1, 4.2.1...)",
        },
        "number": TEXT,
        "text": BLOCKS,
        "interlocutors": TEXTS,
        "evidence_examples": {
            "type": "array",
            "items": {"oneOf": [TEXT, HEADING]},
            "description": "exemples de preuves, avec les intertitres du "
            "texte source ({heading: ...})",
        },
        "evidence_lead_in": {
            "type": "boolean",
            "description": "false : le texte source ne donne pas à cette "
            "liste d'exemples l'intitulé de « lead_ins »",
        },
        "levels": {"type": "array", "minItems": 1, "uniqueItems": True, "items": TEXT},
        "documents": TEXTS,
        "control_methods": TEXTS,
        "note": BLOCKS,
        "editorial": {
            **EDITORIAL,
            "description": "note de la rédaction sur l'item : ce que "
            "l'extraction du texte a pu perdre ou couper",
        },
    },
    ["id", "number", "text"],
    "Un sous-critère (CLIQ®) ou un item (AMARC) : l'unité évaluée à l'audit.",
)

ENGAGEMENT = closed_object(
    {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "number": TEXT,
        "title": TEXT,
        "text": BLOCKS,
        "requirements": {"type": "array", "minItems": 1, "items": REQUIREMENT},
    },
    ["id", "number", "title", "requirements"],
)

SECTION = closed_object(
    {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "number": {**TEXT, "description": "numéro de la partie dans le texte source (2.2)"},
        "title": TEXT,
        "text": BLOCKS,
        "engagements": {"type": "array", "minItems": 1, "items": ENGAGEMENT},
    },
    ["id", "title", "engagements"],
)

CYCLE = closed_object(
    {
        "validity_years": {"type": "integer", "minimum": 1},
        "audits": {
            "type": "array",
            "minItems": 1,
            "items": closed_object(
                {
                    "type": {"type": "string", "pattern": ID_PATTERN},
                    "label": TEXT,
                    "due_months": {
                        "type": "integer",
                        "minimum": 1,
                        "description": "mois après la certification",
                    },
                    "decisions": {"type": "array", "items": TEXT},
                    "due_editorial": {
                        **TEXT,
                        "description": "où le référentiel ne donne pas "
                        "l'échéance en mois : comment le "
                        "site la tire de ses mots (publié "
                        "comme note de la rédaction)",
                    },
                    "reference": {
                        **TEXT,
                        "description": "la partie du référentiel qui décrit cet audit",
                    },
                    "description": BLOCKS,
                    "editorial": EDITORIAL,
                },
                ["type", "label", "decisions"],
            ),
        },
        "text": BLOCKS,
    },
    ["validity_years", "audits"],
)

DECISION = closed_object(
    {
        "id": {"enum": list(OUTCOMES)},
        "label": {**TEXT, "description": "intitulé court affiché par le site"},
        "text": {
            **BLOCKS,
            "description": "les mots du référentiel pour cette décision, mot pour mot",
        },
        "reference": {**TEXT, "description": "partie du référentiel qui la prévoit (1.6)"},
        "editorial": EDITORIAL,
    },
    ["id", "label"],
)

MENTION = closed_object(
    {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "label": TEXT,
        "text": BLOCKS,
        "condition": TEXT,
        "when": {
            "enum": ["multi-site", "multi-activity", "partial-network"],
            "description": "la condition, vérifiable : plusieurs sites, plusieurs "
            "activités, réseau partiellement certifié",
        },
        "source": {
            "enum": [
                "beneficiary",
                "sites",
                "mark",
                "website",
                "referentiel",
                "engagements",
                "activities",
                "body",
            ],
            "description": "données qui remplissent la mention (entreprise, marque, "
            "référentiel, « body » : l'organisme qui publie le site et "
            "délivre les certificats) ; sans source, le texte est "
            "recopié",
        },
        "document": {
            **BLOCKS,
            "description": "texte imprimé sur le support, s'il diffère de « text »",
        },
        "optional": {"type": "boolean", "description": "simple possibilité, non exigée"},
    },
    ["id", "label"],
)

SUPPORT = closed_object(
    {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "label": TEXT,
        "mandatory": {"type": "boolean"},
        "reference": {**TEXT, "description": "paragraphe du référentiel (VIII.1...)"},
        "published_on": {
            "type": "array",
            "items": {"enum": ["company-page", "badge"]},
            "description": "ce que le site publie avec la marque et qui doit "
            "respecter ce support : la page du certificat "
            "(company-page), le badge que l'entreprise place sur "
            "son site Internet (badge)",
        },
        "text": BLOCKS,
        "editorial": EDITORIAL,
        "mentions": {"type": "array", "items": MENTION},
    },
    ["id", "label", "mandatory"],
)

COMMUNICATION = closed_object(
    {
        "mark": closed_object(
            {"name": TEXT, "owner": TEXT, "website": TEXT, "logo": TEXT}, ["name"]
        ),
        "text": BLOCKS,
        "supports": {"type": "array", "items": SUPPORT},
        "communicated_engagements": {
            "type": "array",
            "items": TEXT,
            "description": "ids des engagements communiqués aux clients",
        },
        "communicated_text": BLOCKS,
        "editorial": EDITORIAL,
    },
    ["text"],
)

#: Parts of the source shown on the site's pages, by role (see « headings »).
PAGE_PARTS = (
    "glossary",
    "cycle",
    "communication",
    "measure",
    "tool",
    "report",
    "result",
    "communicated",
)


def referentiel_schema(evaluations: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema of a référentiel file, its ``evaluation`` block being one of ``evaluations``
    (each model's schema part, by model name)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://refpub.example/schemas/referentiel.schema.json",
        "title": "Référentiel de certification de services",
        **closed_object(
            {
                "id": {
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "description": "identique au nom du fichier, sans .yaml",
                },
                "title": TEXT,
                "short_title": TEXT,
                "reference": TEXT,
                "version": {"type": ["string", "number"]},
                "subtitle": TEXT,
                "summary": TEXT,
                "publisher": PARTY,
                "certification_body": CERTIFICATION_BODY,
                "labels": closed_object(
                    {
                        "section": TEXT,
                        "engagement": TEXT,
                        "requirement": TEXT,
                        "requirements": TEXT,
                    },
                    [],
                ),
                "chapters": {"type": "array", "items": CHAPTER},
                "sections": {"type": "array", "minItems": 1, "items": SECTION},
                "evaluation": {
                    "type": "object",
                    "required": ["model"],
                    "properties": {"model": {"enum": list(evaluations)}},
                    "allOf": [
                        {"if": {"properties": {"model": {"const": name}}}, "then": part}
                        for name, part in evaluations.items()
                    ],
                },
                "cycle": CYCLE,
                "decisions": {"type": "array", "minItems": 1, "items": DECISION},
                "full_title": {
                    **TEXT,
                    "description": "titre complet du référentiel (page de "
                    "garde) ; absent : le site dit qu'il manque",
                },
                "pending_notes": {
                    "type": "array",
                    "items": closed_object(
                        {
                            "id": {"type": "string", "pattern": ID_PATTERN},
                            "subject": TEXT,
                            "note": BLOCKS,
                        },
                        ["id", "subject", "note"],
                    ),
                    "description": "points du texte source à régler avec le propriétaire du "
                    "référentiel (titre manquant...)",
                },
                "headings": closed_object(
                    {part: NUMBERED for part in PAGE_PARTS},
                    [],
                    "numéro et titre, dans le texte source, des parties publiées sur les pages "
                    "du site (glossaire, cycle, communication, évaluation)",
                ),
                "glossary_kinds": {
                    "type": "object",
                    "additionalProperties": NUMBERED,
                    "description": "numéro et titre de chaque partie du glossaire",
                },
                "glossary": {
                    "type": "array",
                    "items": closed_object(
                        {
                            "term": TEXT,
                            "definition": BLOCKS,
                            "kind": TEXT,
                            "editorial": EDITORIAL,
                            "drafting_notes": DRAFTING_NOTES,
                        },
                        ["term", "definition"],
                    ),
                },
                "communication": COMMUNICATION,
                "annexes": {
                    **BLOCKS,
                    "description": "la liste des annexes du texte source, "
                    "avec ses intertitres (groupes d'annexes)",
                },
                "annexes_editorial": {
                    **EDITORIAL,
                    "description": "ce que le site dit des annexes (contenu non reproduit)",
                },
                "glossary_mark": closed_object(
                    {"symbol": TEXT, "kind": TEXT, "note": EDITORIAL},
                    ["symbol", "kind", "note"],
                    "le signe qui, dans le texte, renvoie aux termes d'un glossaire (AMARC : « * » "
                    "vers le lexique VII.2) ; chaque signe mène à ce glossaire, la note l'explique",
                ),
                "lead_ins": closed_object(
                    {"interlocutors": LEAD_IN, "evidence": LEAD_IN},
                    [],
                    "intitulés, mot pour mot, des listes d'interlocuteurs et d'exemples de "
                    "preuves de chaque sous-critère",
                ),
                "source": TEXT,
            },
            [
                "id",
                "title",
                "short_title",
                "version",
                "publisher",
                "sections",
                "evaluation",
                "cycle",
                "decisions",
            ],
        ),
    }
