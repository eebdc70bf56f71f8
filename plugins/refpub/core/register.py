"""The certificate lifecycle: from a company's decisions, the certificates it holds today.

Rules (CONTRACT.md, CLIQ® §1.5–1.6, AMARC §III): decisions are applied in date order,
ignoring those dated after the status date. ``certified``/``renewed`` issue the certificate
for ``validity_years`` (valid until the day before the anniversary); ``suspended`` suspends
it until a later ``maintained``; ``withdrawn`` ends it: only a ``certified`` decision on a
new initial audit, performed after the withdrawal, starts a new certificate;
``complementary-action`` and ``refused`` change nothing; past ``valid_until`` the
certificate is expired. The audit cycle (due months after the certification date) comes
from the référentiel. A decision that cannot take effect is kept as :class:`Ignored`, with
the reason: :mod:`decisions` reports it as a validation problem.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .audit import Audit, PublicAudit
from .company import Company
from .referentiel import Referentiel
from .vocabulary import (
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


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; the day is clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def valid_until(issued: dt.date, years: int) -> dt.date:
    """The day before the anniversary: 2026-04-02 issued for 3 years → 2029-04-01."""
    return add_months(issued, 12 * years) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Event:
    """One committee decision in a certificate's history."""

    date: dt.date
    outcome: str
    label: str
    audit: AuditLike
    certificate: str | None


@dataclass(frozen=True)
class Ignored:
    """A decision that could not take effect, and why (French, for the auditor)."""

    audit: AuditLike
    reason: str


@dataclass(frozen=True)
class DueAudit:
    """The next audit of a certificate's cycle and whether it is overdue."""

    type: str
    label: str
    due: dt.date
    overdue: bool


@dataclass
class Certificate:
    """A company's certificate for one référentiel, as of ``as_of``: the single source of the
    register, the company page, the badge and the JSON."""

    company: Company
    referentiel: Referentiel
    number: str
    status: str
    first_certified: dt.date
    cycle_start: dt.date
    valid_until: dt.date
    status_since: dt.date
    as_of: dt.date
    history: list[Event] = field(default_factory=list)
    next_audit: DueAudit | None = None
    renewal_refused: bool = False
    level: str | None = None

    @property
    def audits(self) -> list[AuditLike]:
        return [a for a in self.company.audits if a.referentiel.id == self.referentiel.id]

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
class Register:
    """Every certificate of every company as of one date, with the counts the register shows."""

    as_of: dt.date
    certificates: list[Certificate]

    def for_company(self, company_id: str) -> list[Certificate]:
        return [c for c in self.certificates if c.company.id == company_id]

    def counts(self) -> dict[str, Counter[str]]:
        """Number of certificates per référentiel id and per status."""
        counts: dict[str, Counter[str]] = {}
        for cert in self.certificates:
            counts.setdefault(cert.referentiel.id, Counter())[cert.status] += 1
        return counts

    def status_counts(self) -> Counter[str]:
        return Counter(c.status for c in self.certificates)

    def count_table(self, referentiels: Sequence[Referentiel]
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


def build_register(companies: Sequence[Company], as_of: dt.date) -> Register:
    certificates = [cert for company in sorted(companies, key=lambda c: (c.name.lower(), c.id))
                    for cert in company_certificates(company, as_of)]
    return Register(as_of, certificates)


def by_referentiel(company: Company) -> dict[str, list[AuditLike]]:
    """A company's audits grouped per référentiel (one certificate each)."""
    groups: dict[str, list[AuditLike]] = {}
    for audit in company.audits:
        groups.setdefault(audit.referentiel.id, []).append(audit)
    return groups


def company_certificates(company: Company, as_of: dt.date) -> list[Certificate]:
    """The certificates (at most one per référentiel) a company holds as of ``as_of``."""
    certificates = []
    for audits in by_referentiel(company).values():
        cert, _ = replay(company, audits, as_of)
        if cert is not None:
            certificates.append(cert)
    return sorted(certificates, key=lambda c: c.referentiel.id)


def decided(audits: Sequence[AuditLike], as_of: dt.date) -> list[AuditLike]:
    """Audits whose decision is taken by ``as_of``, in decision-date order."""
    done = [a for a in audits if a.decision is not None and a.decision.date <= as_of]
    return sorted(done, key=lambda a: (a.decision.date, a.date, a.id))  # type: ignore[union-attr]


def replay(company: Company, audits: Sequence[AuditLike], as_of: dt.date
           ) -> tuple[Certificate | None, list[Ignored]]:
    """Apply the decisions on one référentiel in order: the certificate as of ``as_of``, and
    the decisions that could not take effect."""
    cert: Certificate | None = None
    ignored: list[Ignored] = []
    for audit in decided(audits, as_of):
        decision = audit.decision
        assert decision is not None
        event = Event(decision.date, decision.outcome,
                      audit.referentiel.decision_label(decision.outcome), audit,
                      decision.certificate)
        reason = _why_without_effect(cert, audit, audits)
        if reason:
            ignored.append(Ignored(audit, reason))
            continue
        if decision.outcome in ISSUING and (cert is None or cert.status == WITHDRAWN):
            cert = _issue(company, audit, as_of)  # after a withdrawal: a new certificate
        elif cert is not None:
            _apply(cert, audit)
        if cert is not None:
            cert.history.append(event)
    if cert is None:
        return None, ignored
    if cert.status != WITHDRAWN and as_of > cert.valid_until:
        cert.status, cert.status_since = EXPIRED, cert.valid_until + dt.timedelta(days=1)
    cert.next_audit = _next_audit(cert)
    return cert, ignored


def _why_without_effect(cert: Certificate | None, audit: AuditLike,
                        audits: Sequence[AuditLike]) -> str:
    """Why a decision cannot take effect on ``cert`` ("" when it can)."""
    decision = audit.decision
    assert decision is not None
    outcome = decision.outcome
    if outcome in WITHOUT_EFFECT:
        return ""
    label = audit.referentiel.decision_label(outcome)
    if cert is None:
        if outcome in ISSUING:
            return ""
        return f"décision « {label} » sans effet : aucun certificat n'a encore été délivré"
    if cert.status != WITHDRAWN:
        return ""
    withdrawn = cert.status_since
    if outcome == CERTIFIED and _initial_audit_after(audit, audits, withdrawn):
        return ""
    if outcome == CERTIFIED:
        return (f"nouvelle certification impossible : le certificat a été retiré le "
                f"{withdrawn.isoformat()} et une nouvelle certification exige un nouvel audit "
                "initial réalisé après le retrait")
    return (f"décision « {label} » sans effet : le certificat a été retiré le "
            f"{withdrawn.isoformat()} (une nouvelle certification exige un nouvel audit "
            "initial)")


def _initial_audit_after(audit: AuditLike, audits: Sequence[AuditLike], day: dt.date) -> bool:
    """Whether an initial audit performed after ``day`` leads to ``audit`` (itself, or the
    initial audit a complementary audit completes)."""
    initial = audit.referentiel.cycle.initial_type
    return any(a.type == initial and day < a.date <= audit.date for a in audits)


def _issue(company: Company, audit: AuditLike, as_of: dt.date) -> Certificate:
    decision = audit.decision
    assert decision is not None and decision.certificate
    ref = audit.referentiel
    return Certificate(
        company=company, referentiel=ref, number=decision.certificate, status=VALID,
        first_certified=decision.date, cycle_start=decision.date,
        valid_until=valid_until(decision.date, ref.validity_years),
        status_since=decision.date, as_of=as_of, level=_level_of(audit))


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
