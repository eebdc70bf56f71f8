"""The compiled fast validator (fastjsonschema) never accepts what the reference validator
(jsonschema) refuses: it may only skip work, never let a mistake through.

Documents are the project's own company and audit files (those validated with ``many=True``),
mutated one place at a time with the values auditors get wrong (booleans for numbers, 1.0 for
1, dates that do not exist, empty texts, unknown keys, missing keys...). For each, the fast
validator's verdict is compared with jsonschema's on the very schema ``refpub validate``
uses.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from refpub.core.audits.repository import load_repository
from refpub.core.checks import checking
from refpub.core.intake.source import Located, load_yaml
from refpub.core.schemas.audit import COMPANY_SCHEMA, audit_schema

from conftest import PROJECT

hypothesis = pytest.importorskip("hypothesis", reason="pip install hypothesis (extra [test])")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WRONG_VALUES = (
    True,
    False,
    None,
    0,
    1,
    1.0,
    2.5,
    -1,
    3,
    10**6,
    "",
    " ",
    "x",
    "1",
    "true",
    "2026-02-30",
    "2026-13-01",
    "2026-1-5",
    "26-01-05",
    "https://",
    "http:// x",
    "a\nb",
    "A",
    "initial",
    "certified",
    "CLIQ-2026-001",
    [],
    ["x"],
    [1],
    {},
    {"x": 1},
    # values that only look right (issue #20.3)
    "CLIQ-2026-001\n",
    "demo-co\n",
    "org-1.1\n",
    "\u00a0",
    "\u3164",
    "x\ty",
    "https://trusted.fr@evil.example/",
    "https://a.fr\n",
    "javascript:alert(1)",
    "0001-01-01",
    "1989-12-31",
    "2101-01-01",
    "9999-12-31",
    "732829321",
    "732829320\n",
    "73282932000075",
    "73282932000074\n",
)
CASES = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _documents() -> list[tuple[str, Any, dict[str, Any]]]:
    """(name, data, schema) for every data file of the example project."""
    repo = load_repository(PROJECT)
    assert not repo.problems
    found: list[tuple[str, Any, dict[str, Any]]] = []
    # a sealed audit is validated without the committee's key on its public fields
    schemas = {
        (ident, sealed): audit_schema(ref, public_only=sealed)
        for ident, ref in repo.referentiels.items()
        for sealed in (False, True)
    }
    for company in repo.companies.values():
        folder = PROJECT / "audits" / company.id
        found.append((f"{company.id}/company.yaml", _data(folder / "company.yaml"), COMPANY_SCHEMA))
        for audit in company.audits:
            data = _data(PROJECT / audit.path)
            found.append((audit.path, data, schemas[audit.referentiel.id, "sealed" in data]))
    return found


def _data(path: Path) -> Any:
    doc, problems = load_yaml(path, path.name)
    assert doc is not None and not problems
    return doc.data


#: A company with every optional identifier, so that mutations reach them too.
IDENTIFIED_COMPANY = {
    "name": "Transports Identifiés",
    "address": "1 rue, 94150 Rungis",
    "siren": "732829320",
    "website": "https://transports.example/",
    "sites": [{"name": "Rungis", "siret": "73282932000074"}],
    "aliases": ["ancien-nom"],
}
DOCUMENTS = [*_documents(), ("identifiee/company.yaml", IDENTIFIED_COMPANY, COMPANY_SCHEMA)]


def _places(data: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value of ``data`` (the root excluded)."""
    places: list[tuple[Any, ...]] = []
    children = (
        data.items()
        if isinstance(data, dict)
        else (enumerate(data) if isinstance(data, list) else ())
    )
    for key, value in children:
        places.append((*where, key))
        places.extend(_places(value, (*where, key)))
    return places


def _parent(data: Any, place: tuple[Any, ...]) -> Any:
    for step in place[:-1]:
        data = data[step]
    return data


def _mutated(data: Any, choice: st.DataObject) -> Any:
    data = copy.deepcopy(data)
    place = choice.draw(st.sampled_from(_places(data)))
    parent, last = _parent(data, place), place[-1]
    action = choice.draw(st.sampled_from(("replace", "replace", "delete", "add key")))
    if action == "replace":
        parent[last] = choice.draw(st.sampled_from(WRONG_VALUES))
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last][choice.draw(st.sampled_from(("x", "commentaire", "note", "id")))] = "x"
    else:
        parent[last] = {"x": parent[last]}
    return data


def _fast_accepts(data: Any, schema: dict[str, Any]) -> bool:
    return checking._checkers(schema).accepts(data)


def _reference_accepts(data: Any, schema: dict[str, Any]) -> bool:
    return not any(checking._checkers(schema).reference.iter_errors(data))


def test_both_validators_accept_every_example_file() -> None:
    for name, data, schema in DOCUMENTS:
        assert _fast_accepts(data, schema), name
        assert _reference_accepts(data, schema), name


@CASES
@given(st.sampled_from(DOCUMENTS), st.data())
def test_the_fast_validator_never_accepts_what_the_reference_refuses(
    document: tuple[str, Any, dict[str, Any]], choice: st.DataObject
) -> None:
    name, data, schema = document
    mutated = _mutated(data, choice)
    if _fast_accepts(mutated, schema):
        assert _reference_accepts(mutated, schema), f"{name}: {mutated!r}"[:2000]


def test_a_refused_document_is_explained_by_the_reference_in_french() -> None:
    name, data, schema = next(d for d in DOCUMENTS if d[0].endswith("company.yaml"))
    broken = {**data, "website": True, "surprise": 1}
    problems = checking.schema_problems(Located(name, broken), schema)
    messages = " | ".join(p.message for p in problems)
    assert "clé inconnue « surprise »" in messages
    assert "« website » doit être un texte" in messages
