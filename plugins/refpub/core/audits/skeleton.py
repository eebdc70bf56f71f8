"""Skeletons of audit and company files for auditors to fill in (``refpub new-audit``),
and the check that nothing of a skeleton is left unfilled.

A skeleton lists every sub-criterion or item the audit must grade, each under a comment
quoting the start of its text. What the auditor must supply (names, summary, each item's
result) reads « À compléter »: ``validate`` reports every such value with its line, so an
untouched skeleton is never published.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import yaml

from ..checks.problems import Problem
from ..evaluation.registry import model_named
from ..intake.source import Located
from ..referentiels.referentiel import Referentiel, Requirement
from ..vocabulary import PLACEHOLDER, Blocks, flatten

AUDIT_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/audit.schema.json"
COMPANY_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/company.schema.json"
EXCERPT_LENGTH = 80


def audit_skeleton(
    ref: Referentiel, audit_type: str, date: dt.date, level: str | None = None
) -> str:
    """The YAML text of a new audit against ``ref``; ``level`` is required by levels models."""
    lines = [
        AUDIT_SCHEMA_LINE,
        f"# Audit {ref.short_title} : remplacez « {PLACEHOLDER} » et saisissez les résultats.",
        f"referentiel: {scalar(ref.id)}",
        f"type: {scalar(audit_type)}",
        f"date: {date.isoformat()}",
        f"lead_auditor: {PLACEHOLDER}",
        f"public_summary: {PLACEHOLDER}",
    ]
    lines += model_named(ref.model).skeleton(ref, level)
    return "\n".join(lines) + "\n"


def company_skeleton() -> str:
    """The YAML text of a new company.yaml, optional fields left as comments."""
    return (
        "\n".join(
            [
                COMPANY_SCHEMA_LINE,
                f"name: {PLACEHOLDER}",
                f"address: {PLACEHOLDER}",
                "# sites:",
                "#   - name: Nom du site",
                "#     address: Adresse du site",
                "# activities: [activité 1, activité 2]",
                "# website: https://exemple.fr",
            ]
        )
        + "\n"
    )


def comment(requirement: Requirement) -> str:
    return f"  # {requirement.number} {_excerpt(requirement.text)}"


def _excerpt(text: Blocks) -> str:
    """The first characters of a rich text, on one line."""
    flat = re.sub(r"\s+", " ", " ".join(flatten(text))).strip()
    if len(flat) <= EXCERPT_LENGTH:
        return flat
    return flat[:EXCERPT_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when it reads back as the same string, else quoted."""
    try:
        plain = yaml.safe_load(f"{text}: x") == {text: "x"}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def placeholder_problems(doc: Located) -> list[Problem]:
    """Every value of a data file still reading « À compléter », with its line."""
    return [
        doc.problem(
            where,
            f"« {PLACEHOLDER} » : valeur laissée par « refpub new-audit », "
            "à remplacer par la vraie valeur",
        )
        for where in _placeholders(doc.data, ())
    ]


def _placeholders(value: Any, where: tuple) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _placeholders(item, (*where, i))
    elif isinstance(value, str) and PLACEHOLDER.casefold() in value.casefold():
        yield where
