"""Audit and decision dates more than a year after the real date: a mistyped year, most often.

The build publishes an audit dated later than the status date as « décision en attente »
(CONTRACT.md): that is right for an audit recorded ahead of its decision, wrong for « 2062 »
typed for « 2026 ». ``refpub validate`` warns about the latter without refusing it, since a
planned date is not an error; the build keeps the contract's rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..checks.problems import Problem
from .audit import Audit

#: How far after the real date a date is taken as a typing mistake rather than a plan.
HORIZON_YEARS = 1


def horizon(today: dt.date) -> dt.date:
    """The same day one year later (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year + HORIZON_YEARS)
    except ValueError:
        return today.replace(year=today.year + HORIZON_YEARS, day=28)


def far_future_dates(audits: Iterable[Audit], today: dt.date, source: str) -> list[Problem]:
    """A warning for each audit or decision date past :func:`horizon`; ``source`` says where
    the real date comes from (« date du jour » or REFPUB_TODAY), for the message."""
    limit = horizon(today)
    found = []
    for audit in audits:
        dates = [("de l'audit", audit.date, audit.line("audit_date"))]
        if audit.decision is not None:
            dates.append(("de la décision", audit.decision.date, audit.line("date")))
        for what, date, line in dates:
            if date > limit:
                found.append(Problem(audit.path, line, 0, _message(what, date, today, source)))
    return found


def _message(what: str, date: dt.date, today: dt.date, source: str) -> str:
    return (
        f"attention : date {what} {date.isoformat()} plus d'un an après le "
        f"{today.isoformat()} ({source}) : année mal saisie ? Le site la publierait comme "
        "à venir (« décision en attente ») jusqu'à cette date"
    )
