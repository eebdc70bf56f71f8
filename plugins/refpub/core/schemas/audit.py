"""Schemas of company.yaml and audit files, built from the référentiels they refer to.

An audit's allowed keys depend on its référentiel (its sub-criteria or items, its audit types,
its grade scale), so the audit schema is generated from the référentiel models: the same
function serves validation and the schema file published for the auditors' editors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..checks import values
from ..checks.values import EARLIEST_DATE, LATEST_DATE, WEBSITE
from ..evaluation.registry import model_named
from ..vocabulary import (
    CERTIFICATE_PATTERN,
    ID_PATTERN,
    ISSUING,
    OUTCOMES,
    SIREN_PATTERN,
    SIRET_PATTERN,
)
from .referentiel import PARAGRAPH, TEXT, closed_object

if TYPE_CHECKING:
    from ..referentiels.referentiel import Referentiel

SCHEMA_BASE = "https://refpub.example/schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

DATE = {
    "type": "string",
    "format": values.DATE,
    "description": f"date AAAA-MM-JJ, du {EARLIEST_DATE.isoformat()} au {LATEST_DATE.isoformat()}",
}
URL = {
    "type": "string",
    "format": WEBSITE,
    "description": "adresse web commençant par https:// ou http://, sans « @ »",
}
CERTIFICATE = {
    "type": "string",
    "pattern": CERTIFICATE_PATTERN,
    "description": "3 à 40 lettres capitales, chiffres ou tirets",
}
#: A justification: some visible text.
JUSTIFICATION = {
    **PARAGRAPH,
    "description": "un texte non vide qui dit pourquoi l'item est non applicable "
    "(obligatoire pour « not-applicable », confidentiel)",
}
SIREN = {
    "type": "string",
    "pattern": SIREN_PATTERN,
    "format": values.SIREN,
    "description": "SIREN de l'entreprise : 9 chiffres, clé de contrôle INSEE (Luhn)",
}
SIRET = {
    "type": "string",
    "pattern": SIRET_PATTERN,
    "format": values.SIRET,
    "description": "SIRET du site : 14 chiffres, le SIREN de l'entreprise puis 5 chiffres, "
    "clé de contrôle INSEE",
}

SITE = closed_object({"name": TEXT, "address": TEXT, "siret": SIRET}, ["name"])

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
            "siren": SIREN,
            "partial_network": {
                "type": "boolean",
                "description": "multi-sites : seule une partie du réseau est "
                "certifiée (mention du document d'information)",
            },
            "aliases": {
                "type": "array",
                "uniqueItems": True,
                "items": {
                    "type": "string",
                    "pattern": ID_PATTERN,
                    "description": "ancien identifiant (nom de dossier)",
                },
                "description": "anciens identifiants : leurs adresses redirigent ici",
            },
        },
        ["name", "address"],
    ),
}

PERSON = closed_object({"name": TEXT, "function": TEXT}, ["name"])
EVIDENCE = closed_object(
    {
        "type": {"enum": ["document", "record", "statement"]},
        "reference": TEXT,
        "title": TEXT,
        "observations": TEXT,
    },
    ["type"],
)
CONFIDENTIAL_DETAIL = {
    "persons_met": {
        "type": "array",
        "items": PERSON,
        "description": "confidentiel : personnes rencontrées",
    },
    "evidence": {
        "type": "array",
        "items": EVIDENCE,
        "description": "confidentiel : preuves recueillies",
    },
    "observations": {**PARAGRAPH, "description": "confidentiel"},
}

#: The certified scope a decision grants: names of the company's sites and activities.
NAMES = {"type": "array", "items": TEXT, "minItems": 1, "uniqueItems": True}
SCOPE = closed_object(
    {
        "sites": {**NAMES, "description": "noms de sites de company.yaml (par défaut : tous)"},
        "activities": {**NAMES, "description": "activités de company.yaml (par défaut : toutes)"},
    },
    [],
    "périmètre certifié par la décision (par défaut : celui de l'entreprise)",
)
#: The confidential detail once sealed (``refpub seal``): one age block per part.
SEALED = closed_object(
    {
        "recipients": {
            "type": "string",
            "pattern": "^sha256:[0-9a-f]{64}$",
            "description": "empreinte des destinataires (confidentiel/destinataires.txt)",
        },
        "parts": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "par partie (audit, decision, grades/<id>, items/<id>) : le "
            "détail chiffré avec age (armure ASCII)",
        },
    },
    ["recipients", "parts"],
    "détail confidentiel chiffré par refpub seal (ne pas modifier)",
)

DECISION = {
    **closed_object(
        {
            "date": DATE,
            "outcome": {"enum": list(OUTCOMES)},
            "certificate": CERTIFICATE,
            "scope": SCOPE,
            "comment": {**PARAGRAPH, "description": "confidentiel"},
        },
        ["date", "outcome"],
    ),
    "if": {"properties": {"outcome": {"enum": list(ISSUING)}}, "required": ["outcome"]},
    "then": {"required": ["certificate"]},
}


def common_properties(ref: Referentiel) -> dict[str, Any]:
    return {
        "$schema": {"type": "string"},
        "referentiel": {"const": ref.id},
        "type": {"enum": [t.type for t in ref.audit_types]},
        "date": DATE,
        "lead_auditor": TEXT,
        "auditors": {"type": "array", "items": TEXT},
        "sites": {"type": "array", "items": TEXT},
        "public_summary": {**PARAGRAPH, "description": "synthèse publique"},
        "observations": {**PARAGRAPH, "description": "confidentiel"},
        "corrective_actions": {"type": "array", "items": TEXT, "description": "confidentiel"},
        "decision": DECISION,
        "sealed": SEALED,
    }


def audit_schema(ref: Referentiel, public_only: bool = False) -> dict[str, Any]:
    """The schema of an audit against ``ref``; ``public_only``: of its public fields alone,
    for an audit whose sealed detail is not read (no committee key)."""
    return model_named(ref.model).audit_schema(ref, public_only)


def _editor_schema(ref: Referentiel) -> dict[str, Any]:
    """What an editor checks: a sealed file (``refpub seal``) holds its detail encrypted, so
    the rules on that detail apply to plain files only (``refpub validate`` checks them in
    sealed files with the committee's key)."""
    public = audit_schema(ref, public_only=True)
    full = audit_schema(ref)
    if public == full:
        return full
    return {"if": {"required": ["sealed"]}, "then": public, "else": full}


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
            {
                "if": {
                    "properties": {"referentiel": {"const": ref.id}},
                    "required": ["referentiel"],
                },
                "then": _editor_schema(ref),
            }
            for ref in referentiels
        ],
    }
