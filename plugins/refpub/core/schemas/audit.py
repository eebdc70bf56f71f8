"""Schemas of company.yaml and audit files, built from the référentiels they refer to.

An audit's allowed keys depend on its référentiel (its sub-criteria or items, its audit types,
its grade scale), so the audit schema is generated from the référentiel models: the same
function serves validation and the schema file published for the auditors' editors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .referentiel import ID_PATTERN, closed_object

if TYPE_CHECKING:
    from ..referentiel import Referentiel

SCHEMA_BASE = "https://refpub.example/schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

TEXT = {"type": "string", "minLength": 1}
DATE = {"type": "string", "format": "date", "description": "date AAAA-MM-JJ"}
URL = {"type": "string", "pattern": "^https?://[^\\s/$.?#][^\\s]*$",
       "description": "adresse web commençant par http:// ou https://"}
CERTIFICATE = {"type": "string", "pattern": "^[A-Z0-9-]{3,40}$",
               "description": "3 à 40 lettres capitales, chiffres ou tirets"}
OUTCOMES = ["certified", "maintained", "renewed", "complementary-action", "suspended",
            "withdrawn", "not-renewed", "refused"]
ISSUING = ["certified", "renewed"]

#: The keys of an audit that the public site may show; everything else is confidential.
PUBLIC_AUDIT_KEYS = ("referentiel", "type", "date", "lead_auditor", "auditors", "sites",
                     "public_summary", "decision", "grades", "level", "items")
PUBLIC_DECISION_KEYS = ("date", "outcome", "certificate")

SITE = closed_object({"name": TEXT, "address": TEXT}, ["name"])

COMPANY_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": f"{SCHEMA_BASE}/company.schema.json",
    "title": "Entreprise (company.yaml)",
    **closed_object(
        {
            "name": TEXT,
            "address": TEXT,
            "city": TEXT,
            "sites": {"type": "array", "items": SITE},
            "activities": {"type": "array", "items": TEXT},
            "website": URL,
            "partial_network": {"type": "boolean",
                                "description": "multi-sites : seule une partie du réseau est "
                                               "certifiée (mention du document d'information)"},
            "aliases": {"type": "array", "uniqueItems": True,
                        "items": {"type": "string", "pattern": ID_PATTERN,
                                  "description": "ancien identifiant (nom de dossier)"},
                        "description": "anciens identifiants : leurs adresses redirigent ici"},
        },
        ["name", "address"],
    ),
}

PERSON = closed_object({"name": TEXT, "function": TEXT}, ["name"])
EVIDENCE = closed_object({"type": {"enum": ["document", "record", "statement"]},
                    "reference": TEXT, "title": TEXT, "observations": TEXT}, ["type"])
CONFIDENTIAL_DETAIL = {
    "persons_met": {"type": "array", "items": PERSON,
                    "description": "confidentiel : personnes rencontrées"},
    "evidence": {"type": "array", "items": EVIDENCE,
                 "description": "confidentiel : preuves recueillies"},
    "observations": {"type": "string", "description": "confidentiel"},
}

DECISION = {
    **closed_object({"date": DATE, "outcome": {"enum": OUTCOMES}, "certificate": CERTIFICATE,
               "comment": {"type": "string", "description": "confidentiel"}},
              ["date", "outcome"]),
    "if": {"properties": {"outcome": {"enum": ISSUING}}, "required": ["outcome"]},
    "then": {"required": ["certificate"]},
}


def _common(ref: Referentiel) -> dict[str, Any]:
    return {
        "$schema": {"type": "string"},
        "referentiel": {"const": ref.id},
        "type": {"enum": [t.type for t in ref.audit_types]},
        "date": DATE,
        "lead_auditor": TEXT,
        "auditors": {"type": "array", "items": TEXT},
        "sites": {"type": "array", "items": TEXT},
        "public_summary": {"type": "string", "description": "synthèse publique"},
        "observations": {"type": "string", "description": "confidentiel"},
        "corrective_actions": {"type": "array", "items": TEXT,
                               "description": "confidentiel"},
        "decision": DECISION,
    }


def _radar_audit(ref: Referentiel) -> dict[str, Any]:
    grades = [g["value"] for g in ref.evaluation["grades"]]
    grade = {"type": "integer", "minimum": min(grades), "maximum": max(grades)}
    elements = {e["id"]: {**grade, "description": e["label"]}
                for e in ref.evaluation["elements"]}
    subcriterion = closed_object({**elements, **CONFIDENTIAL_DETAIL}, list(elements))
    ids = list(ref.requirements)
    grades_schema = {**closed_object({rid: subcriterion for rid in ids}, ids),
                     "description": "chaque sous-critère noté sur chaque élément RADAR"}
    return closed_object({**_common(ref), "grades": grades_schema},
                   ["referentiel", "type", "date", "lead_auditor", "grades"])


def _levels_audit(ref: Referentiel) -> dict[str, Any]:
    results = [r["id"] for r in ref.evaluation["results"]]
    justification = {**TEXT, "description": "confidentiel : pourquoi l'item est non "
                                             "applicable (recommandé)"}
    item = closed_object({"result": {"enum": results}, "justification": justification,
                    **CONFIDENTIAL_DETAIL}, ["result"])
    ids = list(ref.requirements)
    per_level = []
    for level in ref.level_ids():
        required = [r.id for r in ref.requirements_for_level(level)]
        per_level.append({
            "if": {"properties": {"level": {"const": level}}, "required": ["level"]},
            "then": {"properties": {"items": {"required": required, "propertyNames": {
                "enum": required}}}},
        })
    schema = closed_object({**_common(ref), "level": {"enum": ref.level_ids()},
                      "items": closed_object({rid: item for rid in ids}, [])},
                     ["referentiel", "type", "date", "lead_auditor", "level", "items"])
    schema["allOf"] = per_level
    return schema


def audit_schema(ref: Referentiel) -> dict[str, Any]:
    """The schema of an audit against ``ref``."""
    return _radar_audit(ref) if ref.model == "radar" else _levels_audit(ref)


_SCHEMAS: dict[int, tuple[Referentiel, dict[str, Any]]] = {}


def audit_schema_of(ref: Referentiel) -> dict[str, Any]:
    """``audit_schema(ref)`` built once per référentiel object (thousands of audits share it)."""
    cached = _SCHEMAS.get(id(ref))
    if cached is None or cached[0] is not ref:
        cached = _SCHEMAS[id(ref)] = (ref, audit_schema(ref))
    return cached[1]


def audit_schema_all(referentiels: list[Referentiel]) -> dict[str, Any]:
    """One schema for every audit file, dispatching on ``referentiel`` (for editors)."""
    ids = [ref.id for ref in referentiels]
    return {
        "$schema": DRAFT,
        "$id": f"{SCHEMA_BASE}/audit.schema.json",
        "title": "Audit",
        "type": "object",
        "required": ["referentiel"],
        "properties": {"referentiel": {"enum": ids}},
        "allOf": [
            {"if": {"properties": {"referentiel": {"const": ref.id}},
                    "required": ["referentiel"]},
             "then": audit_schema(ref)}
            for ref in referentiels
        ],
    }
