"""Skeletons of audit and company files for auditors to fill in (``refpub new-audit``).

A skeleton lists every sub-criterion or item the audit must grade, each under a comment
quoting the start of its text, and passes validation as written: the auditor only
replaces placeholders and grades.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import yaml

from .referentiel import Blocks, Referentiel, Requirement

PLACEHOLDER = "À compléter"
AUDIT_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/audit.schema.json"
COMPANY_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/company.schema.json"
EXCERPT_LENGTH = 80
DEFAULT_RESULT = "conform"


def audit_skeleton(ref: Referentiel, audit_type: str, date: dt.date,
                   level: str | None = None) -> str:
    """The YAML text of a new audit against ``ref``; ``level`` is required by levels models."""
    lines = [
        AUDIT_SCHEMA_LINE,
        f"# Audit {ref.short_title} : remplacez « {PLACEHOLDER} » et saisissez les résultats.",
        f"referentiel: {_scalar(ref.id)}",
        f"type: {_scalar(audit_type)}",
        f"date: {date.isoformat()}",
        f"lead_auditor: {PLACEHOLDER}",
        f"public_summary: {PLACEHOLDER}",
    ]
    if ref.model == "radar":
        lines += _radar_lines(ref)
    else:
        if level is None:
            raise ValueError(f"{ref.id} : un niveau est nécessaire")
        lines += _levels_lines(ref, level)
    return "\n".join(lines) + "\n"


def company_skeleton() -> str:
    """The YAML text of a new company.yaml, optional fields left as comments."""
    return "\n".join([
        COMPANY_SCHEMA_LINE,
        f"name: {PLACEHOLDER}",
        f"address: {PLACEHOLDER}",
        "# sites:",
        "#   - name: Nom du site",
        "#     address: Adresse du site",
        "# activities: [activité 1, activité 2]",
        "# website: https://exemple.fr",
    ]) + "\n"


def _radar_lines(ref: Referentiel) -> list[str]:
    grades = ref.evaluation["grades"]
    lowest = min(g["value"] for g in grades)
    scale = ", ".join(f"{g['value']} = {g['label']}" for g in grades)
    notes = ", ".join(f"{_scalar(e['id'])}: {lowest}" for e in ref.evaluation["elements"])
    lines = ["grades:", f"  # Notes : {scale}"]
    for requirement in ref.requirements.values():
        lines += [_comment(requirement), f"  {_scalar(requirement.id)}: {{{notes}}}"]
    return lines


def _levels_lines(ref: Referentiel, level: str) -> list[str]:
    results = [r["id"] for r in ref.evaluation["results"]]
    placeholder = DEFAULT_RESULT if DEFAULT_RESULT in results else results[0]
    lines = [f"level: {_scalar(level)}", "items:",
             f"  # Résultats : {' | '.join(results)} (not-applicable : ajoutez une justification)"]
    for requirement in ref.requirements_for_level(level):
        lines += [_comment(requirement),
                  f"  {_scalar(requirement.id)}: {{result: {_scalar(placeholder)}}}"]
    return lines


def _comment(requirement: Requirement) -> str:
    return f"  # {requirement.number} {_excerpt(requirement.text)}"


def _excerpt(text: Blocks) -> str:
    """The first characters of a rich text, on one line."""
    words: list[str] = []
    for block in text:
        words += [block] if isinstance(block, str) else block["list"]
    flat = re.sub(r"\s+", " ", " ".join(words)).strip()
    if len(flat) <= EXCERPT_LENGTH:
        return flat
    return flat[:EXCERPT_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back as the same string, else quoted."""
    try:
        plain = yaml.safe_load(f"{text}: x") == {text: "x"}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)
