"""Audits: the validated audit with its result, and the public view the site may publish.

An :class:`Audit` holds everything the file says, the confidential detail included (persons
met, evidence, observations, the committee's comment). Public pages never receive it: they
receive a :class:`PublicAudit`, built by :func:`public_audit` with the published fields only,
its results withheld until the certification committee has decided on the audit. The
committee's internal build receives an :class:`InternalAudit` (:func:`internal_audit`): the
whole view plus the :class:`ConfidentialDetail`, a type of its own that no public view has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from ..evaluation import Result, evaluate
from ..intake.source import Located
from ..referentiels.referentiel import Referentiel


@dataclass(frozen=True)
class DecisionScope:
    """The scope a decision grants (``decision.scope``): site names and activities, each
    ``None`` when the decision does not restrict it (then: all the company's)."""

    sites: tuple[str, ...] | None = None
    activities: tuple[str, ...] | None = None

    @classmethod
    def from_data(cls, data: Mapping[str, Any] | None) -> DecisionScope | None:
        if data is None:
            return None
        sites, activities = data.get("sites"), data.get("activities")
        return cls(
            None if sites is None else tuple(sites),
            None if activities is None else tuple(activities),
        )


@dataclass(frozen=True)
class Decision:
    date: dt.date
    outcome: str
    certificate: str | None
    #: the scope the decision states, None when it states none
    scope: DecisionScope | None = None


@dataclass(frozen=True)
class Audit:
    """One validated audit and its computed result; immutable (shared by the live-preview
    cache across rebuilds)."""

    id: str  # file stem, unique within the company
    path: str  # relative to the data root
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
    #: lines of the decision's fields (date, outcome, certificate) and of the audit's date
    #: (``audit_date``), for problems
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_data(cls, stem: str, path: str, ref: Referentiel, doc: Located) -> Audit:
        data = doc.data
        decision = data.get("decision")
        return cls(
            id=stem,
            path=path,
            referentiel=ref,
            type=data["type"],
            date=dt.date.fromisoformat(data["date"]),
            lead_auditor=data["lead_auditor"],
            decision=Decision(
                dt.date.fromisoformat(decision["date"]),
                decision["outcome"],
                decision.get("certificate"),
                DecisionScope.from_data(decision.get("scope")),
            )
            if decision
            else None,
            result=evaluate(ref, data),
            auditors=tuple(data.get("auditors", ())),
            sites=tuple(data.get("sites", ())),
            public_summary=data.get("public_summary"),
            detail=freeze(data),
            lines=MappingProxyType(_decision_lines(doc)),
        )

    @property
    def type_label(self) -> str:
        return self.referentiel.type_label(self.type)

    def line(self, key: str) -> int:
        """The line of a decision field (``outcome``, ``date``, ``certificate``, ``scope``,
        ``scope.sites.0``...)."""
        return self.lines.get(key, 1)


def _decision_lines(doc: Located) -> dict[str, int]:
    """Lines of the decision's fields, of each name of its scope and of the audit's date."""
    lines = {key: doc.line_of(("decision", key))[0] for key in ("date", "outcome", "certificate")}
    lines["audit_date"] = doc.line_of(("date",))[0]
    lines["scope"] = doc.line_of(("decision", "scope"), key=True)[0]
    scope = (doc.data.get("decision") or {}).get("scope") or {}
    for part in ("sites", "activities"):
        for index, _ in enumerate(scope.get(part) or ()):
            lines[f"scope.{part}.{index}"] = doc.line_of(("decision", "scope", part, index))[0]
    return lines


@dataclass(frozen=True)
class PublicAudit:
    """What the site may publish about an audit. While the committee has not decided (as of
    the status date, public build) it is its date and « décision en attente », nothing more:
    ``type``, ``type_label``, ``sites``, ``decision``, ``result`` and ``public_summary`` are
    None or empty. Auditors' names are personal data: ``lead_auditor`` and ``auditors`` are
    only there where the body publishes them (``publish_auditors``) or in the internal build."""

    id: str
    path: str
    referentiel: Referentiel
    type: str | None
    type_label: str | None
    date: dt.date
    lead_auditor: str | None
    auditors: tuple[str, ...]
    sites: tuple[str, ...]
    public_summary: str | None
    decision: Decision | None
    result: Result | None
    #: True while the public may know only the date: no page of its own, « décision en
    #: attente » on the company page
    withheld: bool = False

    @property
    def decision_label(self) -> str | None:
        return self.referentiel.decision_label(self.decision.outcome) if self.decision else None

    @property
    def results_published(self) -> bool:
        return self.result is not None


def public_audit(
    audit: Audit, internal: bool = False, as_of: dt.date | None = None, auditors: bool = False
) -> PublicAudit:
    """The published view of ``audit``: what it was and its results only once the committee
    has decided, by ``as_of`` when given (a decision dated later is not taken yet); the
    auditors' names only when ``auditors`` (the body publishes them); everything for the
    committee's internal build."""
    decision = audit.decision
    shown = internal or (decision is not None and (as_of is None or decision.date <= as_of))
    named = shown and (internal or auditors)
    return PublicAudit(
        id=audit.id,
        path=audit.path,
        referentiel=audit.referentiel,
        type=audit.type if shown else None,
        type_label=audit.type_label if shown else None,
        date=audit.date,
        lead_auditor=audit.lead_auditor if named else None,
        auditors=audit.auditors if named else (),
        sites=audit.sites if shown else (),
        public_summary=audit.public_summary if shown else None,
        decision=decision if shown else None,
        result=audit.result if shown else None,
        withheld=not shown,
    )


@dataclass(frozen=True)
class ConfidentialDetail:
    """What only the certification committee reads about an audit (CONTRACT.md « Audit
    files »): the auditor's observations, the corrective actions, the committee's comment and,
    per sub-criterion or item, the persons met, evidence, observations and justification."""

    observations: str | None = None
    corrective_actions: tuple[str, ...] = ()
    committee_comment: str | None = None
    #: per sub-criterion (radar: ``grades``) or item (levels: ``items``), as the file says
    assessments: Mapping[str, Mapping[str, Any]] = field(
        default_factory=lambda: MappingProxyType({})
    )


def confidential_detail(audit: Audit) -> ConfidentialDetail:
    """The confidential part of ``audit``'s file (opened, when it was sealed, on loading)."""
    detail = audit.detail
    decision = detail.get("decision") or {}
    return ConfidentialDetail(
        observations=detail.get("observations"),
        corrective_actions=tuple(detail.get("corrective_actions") or ()),
        committee_comment=decision.get("comment"),
        assessments=detail.get("grades") or detail.get("items") or MappingProxyType({}),
    )


@dataclass(frozen=True, kw_only=True)
class InternalAudit(PublicAudit):
    """An audit as the committee's internal build shows it: everything, and its confidential
    detail."""

    confidential: ConfidentialDetail


def internal_audit(audit: Audit) -> InternalAudit:
    """The internal view of ``audit``: every field shown, with its confidential detail."""
    view = public_audit(audit, internal=True)
    shown = {f.name: getattr(view, f.name) for f in fields(view)}
    return InternalAudit(**shown, confidential=confidential_detail(audit))


def freeze(value: Any) -> Any:
    """A read-only deep copy of parsed YAML: mappings become mapping proxies, lists tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value
