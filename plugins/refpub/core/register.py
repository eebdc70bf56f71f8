"""The certificate lifecycle: from a company's decisions, the certificates it holds today.

Rules (CONTRACT.md, CLIQ® §1.5–1.6, AMARC §III): decisions are applied in date order,
ignoring those dated after the status date. ``certified``/``renewed`` issue the certificate
for ``validity_years`` (valid until the day before the anniversary); ``suspended`` suspends
it until a later ``maintained``; ``withdrawn`` ends it for good; ``complementary-action``
and ``refused`` change nothing; past ``valid_until`` the certificate is expired. The audit
cycle (due months after the certification date) comes from the référentiel.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from .audit import Audit
from .company import Company
from .referentiel import Referentiel

STATUSES = ("valid", "suspended", "withdrawn", "expired")
STATUS_LABELS = {"valid": "Valide", "suspended": "Suspendu", "withdrawn": "Retiré",
                 "expired": "Expiré"}
ISSUING = ("certified", "renewed")


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
    audit: Audit
    certificate: str | None


@dataclass(frozen=True)
class DueAudit:
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

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def audits(self) -> list[Audit]:
        return [a for a in self.company.audits if a.referentiel.id == self.referentiel.id]

    @property
    def level(self) -> str | None:
        """For a levels référentiel: the level of the audit that issued the current cycle."""
        issuing = [e.audit for e in self.history if e.outcome in ISSUING]
        return issuing[-1].data.get("level") if issuing else None


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


def build_register(companies: list[Company], as_of: dt.date) -> Register:
    certificates = [cert for company in sorted(companies, key=lambda c: (c.name.lower(), c.id))
                    for cert in company_certificates(company, as_of)]
    return Register(as_of, certificates)


def company_certificates(company: Company, as_of: dt.date) -> list[Certificate]:
    """The certificates (at most one per référentiel) a company holds as of ``as_of``."""
    by_referentiel: dict[str, list[Audit]] = {}
    for audit in company.audits:
        by_referentiel.setdefault(audit.referentiel.id, []).append(audit)
    certificates = []
    for audits in by_referentiel.values():
        cert = _lifecycle(company, audits, as_of)
        if cert is not None:
            certificates.append(cert)
    return sorted(certificates, key=lambda c: c.referentiel.id)


def decided(audits: list[Audit], as_of: dt.date) -> list[Audit]:
    """Audits whose decision is taken by ``as_of``, in decision-date order."""
    done = [a for a in audits if a.decision is not None and a.decision.date <= as_of]
    return sorted(done, key=lambda a: (a.decision.date, a.date, a.id))  # type: ignore[union-attr]


def _lifecycle(company: Company, audits: list[Audit], as_of: dt.date) -> Certificate | None:
    cert: Certificate | None = None
    for audit in decided(audits, as_of):
        decision = audit.decision
        assert decision is not None
        ref = audit.referentiel
        event = Event(decision.date, decision.outcome, ref.decision_label(decision.outcome),
                      audit, decision.certificate)
        if cert is None:
            if decision.outcome in ISSUING:
                cert = _issue(company, audit, as_of)
                cert.history.append(event)
            continue
        cert.history.append(event)
        if cert.status == "withdrawn":
            continue
        _apply(cert, audit)
    if cert is None:
        return None
    if cert.status != "withdrawn" and as_of > cert.valid_until:
        cert.status, cert.status_since = "expired", cert.valid_until + dt.timedelta(days=1)
    cert.next_audit = _next_audit(cert)
    return cert


def _issue(company: Company, audit: Audit, as_of: dt.date) -> Certificate:
    decision = audit.decision
    assert decision is not None and decision.certificate
    ref = audit.referentiel
    return Certificate(
        company=company, referentiel=ref, number=decision.certificate, status="valid",
        first_certified=decision.date, cycle_start=decision.date,
        valid_until=valid_until(decision.date, ref.validity_years),
        status_since=decision.date, as_of=as_of)


def _apply(cert: Certificate, audit: Audit) -> None:
    decision = audit.decision
    assert decision is not None
    outcome, day = decision.outcome, decision.date
    if outcome in ISSUING:
        expired_meanwhile = day > cert.valid_until
        cert.number = decision.certificate or cert.number
        cert.cycle_start, cert.renewal_refused = day, False
        cert.valid_until = valid_until(day, cert.referentiel.validity_years)
        if expired_meanwhile:
            cert.first_certified = day
        cert.status, cert.status_since = "valid", day
    elif outcome == "suspended":
        cert.status, cert.status_since = "suspended", day
    elif outcome == "maintained" and cert.status == "suspended":
        cert.status, cert.status_since = "valid", day
    elif outcome == "withdrawn":
        cert.status, cert.status_since = "withdrawn", day
    elif outcome == "not-renewed":
        cert.renewal_refused = True


def _next_audit(cert: Certificate) -> DueAudit | None:
    """The first audit of the cycle not yet performed since the certification date."""
    if cert.status in ("withdrawn", "expired"):
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
    return "renewed" in decisions and "certified" not in decisions
