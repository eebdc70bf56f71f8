"""What an audit file must respect beyond its schema, checked before its model is built.

The decision fits the audit (its date, an outcome the cycle provides for), « not-applicable »
only where the référentiel allows it and never on every alternative channel, explained once
(``problems.without_lines``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..checks.problems import Problem, suggestion
from ..intake.source import Located
from ..referentiels.referentiel import LevelsModel, Referentiel
from ..vocabulary import CONFORM, NONCONFORM, NOT_APPLICABLE


def not_applicable_problems(doc: Located, ref: Referentiel) -> Iterator[Problem]:
    """« not-applicable » on an item the référentiel does not make conditional: the audit
    schema refuses it too, this says why and which items may be."""
    items = doc.data.get("items")
    if not isinstance(items, dict):
        return
    allowed = [rid for rid in ref.requirements if ref.may_be_not_applicable(rid)]
    for rid, item in items.items():
        if (
            isinstance(item, dict)
            and item.get("result") == NOT_APPLICABLE
            and rid in ref.requirements
            and not ref.may_be_not_applicable(rid)
        ):
            yield doc.problem(
                ("items", rid, "result"),
                (
                    f"l'item {rid} ne peut pas être « {NOT_APPLICABLE} » : le référentiel ne le "
                    "rend pas conditionnel, il doit être « conform » ou « nonconform » "
                    f"(items qui peuvent être non applicables : {', '.join(allowed) or 'aucun'})"
                ),
            )


def channel_problems(doc: Located, ref: Referentiel) -> Iterator[Problem]:
    """The channels the référentiel makes alternatives (AMARC VII.2): an item about channels
    judged not applicable says the company offers none of them. At least one channel must
    remain, and no item may be judged on a channel the audit declares absent."""
    model = ref.evaluation
    items = doc.data.get("items")
    if not isinstance(model, LevelsModel) or not model.channels or not isinstance(items, dict):
        return
    absent: dict[str, str] = {}  # channel -> the not-applicable item that excludes it
    for rid, item in items.items():
        if isinstance(item, dict) and item.get("result") == NOT_APPLICABLE:
            for channel in model.item_channels.get(rid, ()):
                absent.setdefault(channel, rid)
    if all(channel.id in absent for channel in model.channels):
        excluded = ", ".join(f"{c.label} (item {absent[c.id]})" for c in model.channels)
        yield doc.problem(
            ("items",),
            (
                "aucun canal d'expression ne reste : les items déclarés « not-applicable » "
                f"excluent tous les canaux ({excluded}) ; le référentiel "
                f"({model.channels_reference}) "
                "en fait des alternatives dont l'entreprise offre au moins une : corrigez les "
                "résultats, une entreprise sans canal ne peut pas être certifiée"
            ),
            key=True,
        )
        return
    for rid, item in items.items():
        channels = model.item_channels.get(rid, ())
        if (
            isinstance(item, dict)
            and item.get("result") in (CONFORM, NONCONFORM)
            and channels
            and all(c in absent for c in channels)
        ):
            why = ", ".join(f"{model.channel_label(c)} (item {absent[c]})" for c in channels)
            yield doc.problem(
                ("items", rid, "result"),
                (
                    f"l'item {rid} porte sur un canal que l'audit déclare absent : {why} ; "
                    "jugez-le « not-applicable », ou corrigez l'item qui exclut ce canal"
                ),
            )


def decision_field_problems(doc: Located, ref: Referentiel) -> Iterator[Problem]:
    """The decision of one audit: not before the audit, and one its type provides for."""
    data = doc.data
    audit_type = ref.audit_type(data["type"])
    decision = data.get("decision")
    if not decision or audit_type is None:
        return
    audit_date = dt.date.fromisoformat(data["date"])
    if dt.date.fromisoformat(decision["date"]) < audit_date:
        yield doc.problem(
            ("decision", "date"),
            f"la décision ({decision['date']}) ne peut précéder l'audit ({data['date']})",
        )
    if decision["outcome"] not in audit_type.decisions:
        allowed = ", ".join(audit_type.decisions)
        yield doc.problem(
            ("decision", "outcome"),
            f"décision « {decision['outcome']} » non prévue après un audit "
            f"« {audit_type.type} » (décisions possibles : {allowed})"
            f"{suggestion(decision['outcome'], audit_type.decisions)}",
        )
