"""The certificate lifecycle: from a company's decisions, the certificates it holds today.

Rules (CONTRACT.md, CLIQ® §1.5–1.6, AMARC §III): decisions are applied in date order,
ignoring those dated after the status date. ``certified``/``renewed`` issue the certificate
for ``validity_years`` (valid until the day before the anniversary); ``suspended`` suspends
it until a later ``maintained``; ``withdrawn`` ends it: only a ``certified`` decision on a
new initial audit, performed after the withdrawal, starts a new certificate;
``complementary-action`` and ``refused`` change nothing; past ``valid_until`` the
certificate is expired. ``certified`` follows an initial audit (or a complementary audit
completing one) and never lands on a valid or suspended certificate; ``renewed`` follows a
renewal audit, before ``valid_until``; ``maintained`` needs an audit at the certificate's
level at least (levels in the référentiel's order). The audit cycle (due months after the
certification date) comes from the référentiel. A decision that cannot take effect is kept
as :class:`Ignored`, with the reason: :mod:`decisions` reports it as a validation problem.

Each certificate has its own scope (sites, activities): that of the latest decision that
issued or maintained it and stated one (``decision.scope``), else the company's; each
change is kept in ``scope_history``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Generic, TypeVar

from ..audits.audit import Audit, DecisionScope, PublicAudit
from ..audits.company import Company, Site
from ..referentiels.referentiel import Engagement, Referentiel
from ..vocabulary import (
    CERTIFIED,
    EXPIRED,
    ISSUING,
    MAINTAINED,
    MARK_STATUSES,
    NOT_RENEWED,
    RENEWED,
    STATUSES,
    SUSPENDED,
    SUSPENDED_OUTCOME,
    VALID,
    WITHDRAWN,
    WITHDRAWN_OUTCOME,
    WITHOUT_EFFECT,
)

AuditLike = Audit | PublicAudit
#: validated audits (checks) or their public views (site): what a function returns is what
#: it was given
AuditT = TypeVar("AuditT", bound=AuditLike)
#: public or internal views of audits
PublicT = TypeVar("PublicT", bound=PublicAudit)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; the day is clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def valid_until(issued: dt.date, years: int) -> dt.date:
    """The day before the anniversary: 2026-04-02 issued for 3 years → 2029-04-01."""
    return add_months(issued, 12 * years) - dt.timedelta(days=1)


#: Decisions that set the certificate's scope (CONTRACT.md « Audit files »).
SCOPING = (CERTIFIED, MAINTAINED, RENEWED)
#: Statuses under which the company holds its certificate: no new certification over it.
HELD = (VALID, SUSPENDED)


@dataclass(frozen=True)
class ScopeChange(Generic[AuditT]):
    """The scope a decision gave a certificate, and what it added or removed: the first
    scope of a certification, or a change (a reduction says so)."""

    date: dt.date
    outcome: str
    audit: AuditT
    sites: tuple[Site, ...]
    activities: tuple[str, ...]
    added_sites: tuple[str, ...] = ()
    removed_sites: tuple[str, ...] = ()
    added_activities: tuple[str, ...] = ()
    removed_activities: tuple[str, ...] = ()
    first: bool = False

    @property
    def reduced(self) -> bool:
        """Whether the decision takes sites or activities out of the certified scope."""
        return bool(self.removed_sites or self.removed_activities)

    @property
    def extended(self) -> bool:
        return bool(self.added_sites or self.added_activities)

    def as_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "outcome": self.outcome,
            "sites": [s.name for s in self.sites],
            "activities": list(self.activities),
            "added_sites": list(self.added_sites),
            "removed_sites": list(self.removed_sites),
            "added_activities": list(self.added_activities),
            "removed_activities": list(self.removed_activities),
            "reduced": self.reduced,
        }


@dataclass(frozen=True)
class Event(Generic[AuditT]):
    """One committee decision in a certificate's history, with the scope change it made."""

    date: dt.date
    outcome: str
    label: str
    audit: AuditT
    certificate: str | None
    scope_change: ScopeChange[AuditT] | None = None


@dataclass(frozen=True)
class Ignored(Generic[AuditT]):
    """A decision that could not take effect, and why (French, for the auditor); the audit
    in the form replayed (validated, for :mod:`decisions`)."""

    audit: AuditT
    reason: str


@dataclass(frozen=True)
class DueAudit:
    """The next audit of a certificate's cycle and whether it is overdue."""

    type: str
    label: str
    due: dt.date
    overdue: bool


@dataclass
class Certificate(Generic[AuditT]):
    """A company's certificate for one référentiel, as of ``as_of``: the single source of the
    register, the company page, the badge and the JSON."""

    company: Company[AuditT]
    referentiel: Referentiel
    number: str
    status: str
    first_certified: dt.date
    cycle_start: dt.date
    valid_until: dt.date
    status_since: dt.date
    as_of: dt.date
    history: list[Event[AuditT]] = field(default_factory=list)
    next_audit: DueAudit | None = None
    renewal_refused: bool = False
    level: str | None = None
    #: the certified scope: sites (empty when the company declares none: its address) and
    #: activities (empty when it declares none)
    sites: tuple[Site, ...] = ()
    activities: tuple[str, ...] = ()
    scope_history: list[ScopeChange[AuditT]] = field(default_factory=list)

    @property
    def audits(self) -> list[AuditT]:
        return [a for a in self.company.audits if a.referentiel.id == self.referentiel.id]

    @property
    def decided_audits(self) -> list[AuditT]:
        """The audits of this référentiel whose decision the view may show."""
        return [a for a in self.audits if a.decision is not None]

    @property
    def partial_scope(self) -> bool:
        """Whether some of the company's sites or activities are outside the certificate."""
        return bool(self.excluded_sites or self.excluded_activities)

    @property
    def excluded_sites(self) -> tuple[Site, ...]:
        """The company's sites outside the certificate."""
        names = {site.name for site in self.sites}
        return tuple(site for site in self.company.sites if site.name not in names)

    @property
    def excluded_activities(self) -> tuple[str, ...]:
        return tuple(a for a in self.company.activities if a not in self.activities)

    @property
    def engagements(self) -> tuple[tuple[Engagement, bool], ...]:
        """Every engagement of the référentiel (a certificate covers them all), each with
        whether the référentiel has it communicated to customers (AMARC §VIII.3)."""
        communication = self.referentiel.communication
        told = {e.id for e in communication.communicated_engagements} if communication else set()
        return tuple((e, e.id in told) for e in self.referentiel.engagements)

    @property
    def covered_company(self) -> Company[AuditT]:
        """The company as far as this certificate covers it: its certified sites and
        activities only (what the information document lists); some of its sites left out
        make a partially certified network."""
        partial = self.company.partial_network or bool(self.excluded_sites)
        return replace(
            self.company, sites=self.sites, activities=self.activities, partial_network=partial
        )

    @property
    def may_use_mark(self) -> bool:
        """Whether the company may show the mark and claim the certification (valid only)."""
        return self.status in MARK_STATUSES

    @property
    def has_information_document(self) -> bool:
        """Whether its « document d'information » is published (valid, or suspended and
        flagged as not to be handed out)."""
        return self.referentiel.has_information_document(self.status)

    @property
    def may_distribute_information(self) -> bool:
        """Whether the company may hand its information document to customers: the same rule
        as the mark, for pages, the document itself and the company page alike."""
        return self.has_information_document and self.may_use_mark


@dataclass
class Register(Generic[AuditT]):
    """Every certificate of every company as of one date, with the counts the register shows."""

    as_of: dt.date
    certificates: list[Certificate[AuditT]]
    _by_company: dict[str, list[Certificate[AuditT]]] = field(init=False, repr=False, compare=False)
    _by_referentiel: dict[str, list[Certificate[AuditT]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Index the certificates once: the site looks them up per company and per
        référentiel in loops, and a scan each time made the build quadratic."""
        self._by_company, self._by_referentiel = {}, {}
        for cert in self.certificates:
            self._by_company.setdefault(cert.company.id, []).append(cert)
            self._by_referentiel.setdefault(cert.referentiel.id, []).append(cert)

    def for_company(self, company_id: str) -> list[Certificate[AuditT]]:
        return list(self._by_company.get(company_id, ()))

    def for_referentiel(self, referentiel_id: str) -> list[Certificate[AuditT]]:
        return list(self._by_referentiel.get(referentiel_id, ()))

    def holders(self) -> set[str]:
        """Ids of the companies holding at least one certificate in the register."""
        return set(self._by_company)

    def counts(self) -> dict[str, Counter[str]]:
        """Number of certificates per référentiel id and per status."""
        counts: dict[str, Counter[str]] = {}
        for cert in self.certificates:
            counts.setdefault(cert.referentiel.id, Counter())[cert.status] += 1
        return counts

    def status_counts(self) -> Counter[str]:
        return Counter(c.status for c in self.certificates)

    def count_table(
        self, referentiels: Sequence[Referentiel]
    ) -> list[tuple[Referentiel, list[int], int]]:
        """Per référentiel: the count of each status (in :data:`STATUSES` order), the total."""
        counts = self.counts()
        rows = []
        for ref in referentiels:
            row = counts.get(ref.id, Counter())
            rows.append((ref, [row.get(s, 0) for s in STATUSES], sum(row.values())))
        return rows

    def status_totals(self) -> list[int]:
        totals = self.status_counts()
        return [totals.get(s, 0) for s in STATUSES]


def build_register(companies: Sequence[Company[AuditT]], as_of: dt.date) -> Register[AuditT]:
    certificates = [
        cert
        for company in sorted(companies, key=lambda c: (c.name.lower(), c.id))
        for cert in company_certificates(company, as_of)
    ]
    return Register(as_of, certificates)


def published_register(
    register: Register[Audit], companies: Mapping[str, Company[PublicT]]
) -> Register[PublicT]:
    """The register as the site shows it: each certificate replayed from the full audits (an
    audit awaiting its decision still counts as performed for the next one due), then
    pointing at the published company and the public views of its audits."""
    return Register(
        register.as_of,
        [_published(cert, companies[cert.company.id]) for cert in register.certificates],
    )


def _published(cert: Certificate[Audit], company: Company[PublicT]) -> Certificate[PublicT]:
    views = {a.id: a for a in company.audits if a.referentiel.id == cert.referentiel.id}
    changes = {id(change): _viewed(change, views) for change in cert.scope_history}
    history = [
        Event(
            e.date,
            e.outcome,
            e.label,
            views[e.audit.id],
            e.certificate,
            changes.get(id(e.scope_change)),
        )
        for e in cert.history
    ]
    kept = {f.name: getattr(cert, f.name) for f in fields(cert)}
    return Certificate(
        **{
            **kept,
            "company": company,
            "history": history,
            "scope_history": [changes[id(c)] for c in cert.scope_history],
        }
    )


def _viewed(change: ScopeChange[Audit], views: Mapping[str, PublicT]) -> ScopeChange[PublicT]:
    """The same scope change, made by the view of its audit."""
    kept = {f.name: getattr(change, f.name) for f in fields(change)}
    return ScopeChange(**{**kept, "audit": views[change.audit.id]})


def never_certified(companies: Sequence[Company[Audit]], register: Register[Audit]) -> set[str]:
    """Ids of the companies that never held a certificate as of the register's date (only
    applicants: not public, CONTRACT.md « Publication »)."""
    holders = register.holders()
    return {company.id for company in companies if company.id not in holders}


def by_referentiel(company: Company[AuditT]) -> dict[str, list[AuditT]]:
    """A company's audits grouped per référentiel (one certificate each)."""
    groups: dict[str, list[AuditT]] = {}
    for audit in company.audits:
        groups.setdefault(audit.referentiel.id, []).append(audit)
    return groups


def company_certificates(company: Company[AuditT], as_of: dt.date) -> list[Certificate[AuditT]]:
    """The certificates (at most one per référentiel) a company holds as of ``as_of``."""
    certificates = []
    for audits in by_referentiel(company).values():
        cert, _ = replay(company, audits, as_of)
        if cert is not None:
            certificates.append(cert)
    return sorted(certificates, key=lambda c: c.referentiel.id)


def decided(audits: Sequence[AuditT], as_of: dt.date) -> list[AuditT]:
    """Audits whose decision is taken by ``as_of``, in decision-date order."""
    done = [a for a in audits if a.decision is not None and a.decision.date <= as_of]
    return sorted(done, key=lambda a: (a.decision.date, a.date, a.id))  # type: ignore[union-attr]


def replay(
    company: Company[AuditT], audits: Sequence[AuditT], as_of: dt.date
) -> tuple[Certificate[AuditT] | None, list[Ignored[AuditT]]]:
    """Apply the decisions on one référentiel in order: the certificate as of ``as_of``, and
    the decisions that could not take effect."""
    cert: Certificate[AuditT] | None = None
    ignored: list[Ignored[AuditT]] = []
    for audit in decided(audits, as_of):
        decision = audit.decision
        assert decision is not None
        event = Event(
            decision.date,
            decision.outcome,
            audit.referentiel.decision_label(decision.outcome),
            audit,
            decision.certificate,
        )
        reason = _why_without_effect(cert, audit, audits)
        if reason:
            ignored.append(Ignored(audit, reason))
            continue
        if decision.outcome in ISSUING and (cert is None or cert.status == WITHDRAWN):
            cert = _issue(company, audit, as_of)  # after a withdrawal: a new certificate
        elif cert is not None:
            _apply(cert, audit)
        if cert is not None:
            change = _rescope(cert, company, audit)
            if change is not None:
                cert.scope_history.append(change)
            cert.history.append(replace(event, scope_change=change))
    if cert is None:
        return None, ignored
    if cert.status != WITHDRAWN and as_of > cert.valid_until:
        cert.status, cert.status_since = EXPIRED, cert.valid_until + dt.timedelta(days=1)
    cert.next_audit = _next_audit(cert)
    return cert, ignored


def _why_without_effect(
    cert: Certificate | None, audit: AuditLike, audits: Sequence[AuditLike]
) -> str:
    """Why a decision cannot take effect on ``cert`` ("" when it can)."""
    decision = audit.decision
    assert decision is not None
    outcome = decision.outcome
    if outcome in WITHOUT_EFFECT:
        return ""
    if outcome == CERTIFIED:
        return _why_not_certified(cert, audit, audits)
    label = audit.referentiel.decision_label(outcome)
    if cert is None:
        return f"décision « {label} » sans effet : aucun certificat n'a encore été délivré"
    if cert.status == WITHDRAWN:
        return (
            f"décision « {label} » sans effet : le certificat a été retiré le "
            f"{cert.status_since.isoformat()} (une nouvelle certification exige un "
            "nouvel audit initial)"
        )
    if outcome == RENEWED:
        return _why_not_renewed(cert, audit)
    if outcome == MAINTAINED:
        return _why_not_maintained(cert, audit)
    return ""


def _why_not_certified(
    cert: Certificate | None, audit: AuditLike, audits: Sequence[AuditLike]
) -> str:
    """A certification follows an initial audit, and never replaces a certificate the
    company still holds (its old credential would stay valid beside the new one)."""
    ref, decision = audit.referentiel, audit.decision
    assert decision is not None
    initial = ref.cycle.initial_type
    if not _follows_initial(audit, audits):
        return (
            f"décision « {CERTIFIED} » impossible après un audit « {audit.type} » : une "
            f"certification suit un audit initial (« {initial} »), ou le contrôle "
            "complémentaire qui le complète ; pour prolonger un certificat : décision "
            f"« {RENEWED} » après un audit « {ref.cycle.renewal_type} »"
        )
    if cert is None:
        return ""
    day = decision.date
    if cert.status in HELD and day <= cert.valid_until:
        return (
            f"certification impossible : le {day.isoformat()}, l'entreprise détient déjà "
            f"le certificat n° {cert.number} de ce référentiel ({cert.status}, valable "
            f"jusqu'au {cert.valid_until.isoformat()}) ; pour le prolonger : décision "
            f"« {RENEWED} » après un audit « {ref.cycle.renewal_type} » ; pour le "
            f"remplacer : retirez-le d'abord (décision « {WITHDRAWN_OUTCOME} »)"
        )
    withdrawn = cert.status_since
    if cert.status == WITHDRAWN and not _initial_audit_after(audit, audits, withdrawn):
        return (
            f"nouvelle certification impossible : le certificat a été retiré le "
            f"{withdrawn.isoformat()} et une nouvelle certification exige un nouvel audit "
            "initial réalisé après le retrait"
        )
    return ""


def _why_not_renewed(cert: Certificate, audit: AuditLike) -> str:
    """A renewal follows the renewal audit, while the certificate is still in force."""
    ref, decision = audit.referentiel, audit.decision
    assert decision is not None
    renewal = ref.cycle.renewal_type
    if audit.type != renewal:
        return (
            f"décision « {RENEWED} » impossible après un audit « {audit.type} » : seul "
            f"l'audit de renouvellement (« {renewal} ») renouvelle un certificat ; "
            "portez la décision sur cet audit"
        )
    if decision.date > cert.valid_until:
        return (
            f"renouvellement impossible : le certificat n° {cert.number} a expiré le "
            f"{(cert.valid_until + dt.timedelta(days=1)).isoformat()} (valable jusqu'au "
            f"{cert.valid_until.isoformat()}), avant cette décision du "
            f"{decision.date.isoformat()} ; après l'échéance, l'entreprise doit repasser "
            f"un audit initial (« {ref.cycle.initial_type} », décision « {CERTIFIED} »)"
        )
    return ""


def _why_not_maintained(cert: Certificate, audit: AuditLike) -> str:
    """A certificate is maintained at its level only by an audit of that level or above
    (levels in the order the référentiel lists them, lowest first)."""
    order = audit.referentiel.level_ids()
    audited = _level_of(audit)
    if cert.level not in order or audited not in order:
        return ""
    if order.index(audited) >= order.index(cert.level):
        return ""
    return (
        f"maintien impossible : l'audit est réalisé au niveau {audited}, inférieur au "
        f"niveau {cert.level} du certificat n° {cert.number} ; le maintien au niveau "
        f"{cert.level} exige un audit de ce niveau (« level: {cert.level} »), sinon le "
        f"comité décide autrement (« complementary-action », « suspended », "
        f"« {WITHDRAWN_OUTCOME} »)"
    )


def _follows_initial(audit: AuditLike, audits: Sequence[AuditLike]) -> bool:
    """Whether ``audit`` is an initial audit, or a complementary audit completing one: the
    last earlier decided audit of another type is the initial audit."""
    initial = audit.referentiel.cycle.initial_type
    if audit.type == initial:
        return True
    earlier = [
        a
        for a in audits
        if a.decision is not None and a.type != audit.type and a.date <= audit.date
    ]
    return bool(earlier) and max(earlier, key=lambda a: (a.date, a.id)).type == initial


def _initial_audit_after(audit: AuditLike, audits: Sequence[AuditLike], day: dt.date) -> bool:
    """Whether an initial audit performed after ``day`` leads to ``audit`` (itself, or the
    initial audit a complementary audit completes)."""
    initial = audit.referentiel.cycle.initial_type
    return any(a.type == initial and day < a.date <= audit.date for a in audits)


def _issue(company: Company[AuditT], audit: AuditT, as_of: dt.date) -> Certificate[AuditT]:
    decision = audit.decision
    assert decision is not None and decision.certificate
    ref = audit.referentiel
    return Certificate(
        company=company,
        referentiel=ref,
        number=decision.certificate,
        status=VALID,
        first_certified=decision.date,
        cycle_start=decision.date,
        valid_until=valid_until(decision.date, ref.validity_years),
        status_since=decision.date,
        as_of=as_of,
        level=_level_of(audit),
    )


def _rescope(
    cert: Certificate[AuditT], company: Company[AuditT], audit: AuditT
) -> ScopeChange[AuditT] | None:
    """Apply the scope of a decision that certifies, renews or maintains: the one it states,
    else the scope kept (a certification starts from the company's whole scope). Returns
    the change, None when the scope stays as it was."""
    decision = audit.decision
    assert decision is not None
    if decision.outcome not in SCOPING:
        return None
    first = decision.outcome == CERTIFIED
    before_sites = () if first else tuple(s.name for s in cert.sites)
    before_activities = () if first else cert.activities
    sites, activities = _scope(company, decision.scope, None if first else cert)
    names = tuple(s.name for s in sites)
    if not first and names == before_sites and activities == before_activities:
        return None
    cert.sites, cert.activities = sites, activities
    return ScopeChange(
        decision.date,
        decision.outcome,
        audit,
        sites,
        activities,
        added_sites=_missing(names, before_sites),
        removed_sites=_missing(before_sites, names),
        added_activities=_missing(activities, before_activities),
        removed_activities=_missing(before_activities, activities),
        first=first,
    )


def _scope(
    company: Company, stated: DecisionScope | None, kept: Certificate | None
) -> tuple[tuple[Site, ...], tuple[str, ...]]:
    """The sites and activities a decision grants: each part it states, else the kept
    scope (maintained, renewed), else all the company's."""
    if stated is None:
        if kept is not None:
            return kept.sites, kept.activities
        return company.sites, company.activities
    sites = (
        company.sites
        if stated.sites is None
        else tuple(company.site_named(name) or Site(name) for name in stated.sites)
    )
    activities = company.activities if stated.activities is None else stated.activities
    return sites, activities


def _missing(names: tuple[str, ...], of: tuple[str, ...]) -> tuple[str, ...]:
    """The names of ``names`` that ``of`` lacks, in order."""
    return tuple(name for name in names if name not in of)


def _level_of(audit: AuditLike) -> str | None:
    """For a levels référentiel: the level the issuing audit requested (and reached)."""
    return getattr(audit.result, "level_requested", None)


def _apply(cert: Certificate, audit: AuditLike) -> None:
    decision = audit.decision
    assert decision is not None
    outcome, day = decision.outcome, decision.date
    if outcome in ISSUING:
        expired_meanwhile = day > cert.valid_until
        cert.number = decision.certificate or cert.number
        cert.cycle_start, cert.renewal_refused = day, False
        cert.valid_until = valid_until(day, cert.referentiel.validity_years)
        cert.level = _level_of(audit) or cert.level
        if expired_meanwhile:
            cert.first_certified = day
        cert.status, cert.status_since = VALID, day
    elif outcome == SUSPENDED_OUTCOME:
        cert.status, cert.status_since = SUSPENDED, day
    elif outcome == MAINTAINED and cert.status == SUSPENDED:
        cert.status, cert.status_since = VALID, day
    elif outcome == WITHDRAWN_OUTCOME:
        cert.status, cert.status_since = WITHDRAWN, day
    elif outcome == NOT_RENEWED:
        cert.renewal_refused = True


def _next_audit(cert: Certificate) -> DueAudit | None:
    """The first audit of the cycle not yet performed since the certification date."""
    if cert.status in (WITHDRAWN, EXPIRED):
        return None
    done = {a.type for a in cert.audits if a.date > cert.cycle_start}
    for audit_type in cert.referentiel.audit_types:
        if audit_type.type in done:
            continue
        if audit_type.due_months:
            due = add_months(cert.cycle_start, audit_type.due_months)
        elif _is_renewal(audit_type.decisions) and not cert.renewal_refused:
            due = cert.valid_until
        else:
            continue
        return DueAudit(audit_type.type, audit_type.label, due, cert.as_of > due)
    return None


def _is_renewal(decisions: tuple[str, ...]) -> bool:
    """The renewal audit: the one that may renew but not first certify (not a complementary)."""
    return RENEWED in decisions and CERTIFIED not in decisions
