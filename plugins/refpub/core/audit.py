"""Audits: the validated audit with its result, and the public view the site may publish.

An :class:`Audit` holds everything the file says, the confidential detail included (persons
met, evidence, observations, the committee's comment). Public pages never receive it: they
receive a :class:`PublicAudit`, built by :func:`public_audit` with the published fields only,
its results withheld until the certification committee has decided on the audit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .evaluation import Result, evaluate
from .referentiel import Referentiel
from .source import Located


@dataclass(frozen=True)
class Decision:
    date: dt.date
    outcome: str
    certificate: str | None


@dataclass(frozen=True)
class Audit:
    """One validated audit and its computed result; immutable (shared by the live-preview
    cache across rebuilds)."""

    id: str            # file stem, unique within the company
    path: str          # relative to the data root
    referentiel: Referentiel
    type: str
    date: dt.date
    lead_auditor: str
    decision: Decision | None
    result: Result
    auditors: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    public_summary: str | None = None
    #: the whole file, frozen: the confidential detail is read from here (internal build)
    detail: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    #: lines of the decision's fields (date, outcome, certificate), for problems
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_data(cls, stem: str, path: str, ref: Referentiel, doc: Located) -> Audit:
        data = doc.data
        decision = data.get("decision")
        return cls(
            id=stem, path=path, referentiel=ref, type=data["type"],
            date=dt.date.fromisoformat(data["date"]), lead_auditor=data["lead_auditor"],
            decision=Decision(dt.date.fromisoformat(decision["date"]), decision["outcome"],
                              decision.get("certificate")) if decision else None,
            result=evaluate(ref, data),
            auditors=tuple(data.get("auditors", ())), sites=tuple(data.get("sites", ())),
            public_summary=data.get("public_summary"),
            detail=freeze(data),
            lines=MappingProxyType({key: doc.line_of(("decision", key))[0]
                                    for key in ("date", "outcome", "certificate")}),
        )

    @property
    def type_label(self) -> str:
        return self.referentiel.type_label(self.type)

    def line(self, key: str) -> int:
        """The line of a decision field (``outcome``, ``date``, ``certificate``)."""
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class PublicAudit:
    """What the site may publish about an audit. ``decision``, ``result`` and
    ``public_summary`` are None while the committee has not decided (as of the status date,
    public build): the page then says « décision en attente », nothing more."""

    id: str
    path: str
    referentiel: Referentiel
    type: str
    type_label: str
    date: dt.date
    lead_auditor: str
    auditors: tuple[str, ...]
    sites: tuple[str, ...]
    public_summary: str | None
    decision: Decision | None
    result: Result | None

    @property
    def decision_label(self) -> str | None:
        return self.referentiel.decision_label(self.decision.outcome) if self.decision else None

    @property
    def results_published(self) -> bool:
        return self.result is not None


def public_audit(audit: Audit, internal: bool = False, as_of: dt.date | None = None
                 ) -> PublicAudit:
    """The published view of ``audit``: results only once the committee has decided, by
    ``as_of`` when given (a decision dated later is not taken yet); everything for the
    committee's internal build."""
    decision = audit.decision
    shown = internal or (decision is not None and (as_of is None or decision.date <= as_of))
    return PublicAudit(
        id=audit.id, path=audit.path, referentiel=audit.referentiel, type=audit.type,
        type_label=audit.type_label, date=audit.date, lead_auditor=audit.lead_auditor,
        auditors=audit.auditors, sites=audit.sites,
        public_summary=audit.public_summary if shown else None,
        decision=decision if shown else None, result=audit.result if shown else None)


def freeze(value: Any) -> Any:
    """A read-only deep copy of parsed YAML: mappings become mapping proxies, lists tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value
