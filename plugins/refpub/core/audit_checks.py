"""What an audit file must respect beyond its schema, checked before its model is built.

The decision fits the audit (its date, an outcome the cycle provides for), « not-applicable »
only where the référentiel allows it, and one message per mistake: a value already explained
(a placeholder, a not-applicable) is not reported again as a schema error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .confidential import place
from .problems import Problem, suggestion
from .referentiel import Referentiel
from .source import Located
from .vocabulary import NOT_APPLICABLE


def without_lines(problems: list[Problem], explained: list[Problem]) -> list[Problem]:
    """Schema problems minus those on the line of a problem already explained better
    (« À compléter » to fill in, a « not-applicable » not allowed): one message each."""
    places = {place(p) for p in explained}
    return [p for p in problems if place(p) not in places]


def not_applicable_problems(doc: Located, ref: Referentiel) -> Iterator[Problem]:
    """« not-applicable » on an item the référentiel does not make conditional: the audit
    schema refuses it too, this says why and which items may be."""
    items = doc.data.get("items")
    if not isinstance(items, dict):
        return
    allowed = [rid for rid in ref.requirements if ref.may_be_not_applicable(rid)]
    for rid, item in items.items():
        if (isinstance(item, dict) and item.get("result") == NOT_APPLICABLE
                and rid in ref.requirements and not ref.may_be_not_applicable(rid)):
            yield doc.problem(("items", rid, "result"), (
                f"l'item {rid} ne peut pas être « {NOT_APPLICABLE} » : le référentiel ne le "
                "rend pas conditionnel, il doit être « conform » ou « nonconform » "
                f"(items qui peuvent être non applicables : {', '.join(allowed) or 'aucun'})"))


def decision_field_problems(doc: Located, ref: Referentiel) -> Iterator[Problem]:
    """The decision of one audit: not before the audit, and one its type provides for."""
    data = doc.data
    audit_type = ref.audit_type(data["type"])
    decision = data.get("decision")
    if not decision or audit_type is None:
        return
    audit_date = dt.date.fromisoformat(data["date"])
    if dt.date.fromisoformat(decision["date"]) < audit_date:
        yield doc.problem(("decision", "date"), f"la décision ({decision['date']}) ne peut "
                                                f"précéder l'audit ({data['date']})")
    if decision["outcome"] not in audit_type.decisions:
        allowed = ", ".join(audit_type.decisions)
        yield doc.problem(("decision", "outcome"),
                          f"décision « {decision['outcome']} » non prévue après un audit "
                          f"« {audit_type.type} » (décisions possibles : {allowed})"
                          f"{suggestion(decision['outcome'], audit_type.decisions)}")
