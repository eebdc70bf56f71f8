"""The committee's decisions checked as a whole: each takes effect, or is reported.

Rules across audits, so not the loader's: a decision that certifies, maintains or renews
needs an eligible audit; the scope it states names sites and activities of its company; two
decisions of the same day on the same certificate must not
conflict (their order would be arbitrary); a decision the lifecycle cannot apply (a new
certification after a withdrawal without a new initial audit or over a certificate still
held, a renewal after expiry or after another audit than the renewal audit, a maintenance
below the certificate's level, a decision on a withdrawn or never issued certificate) is
reported on its file and line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from ..audits.audit import Audit, Decision
from ..audits.company import Company
from ..checks.problems import Problem, quoted_list, suggestion
from ..vocabulary import REQUIRES_ELIGIBLE, WITHOUT_EFFECT
from .register import SCOPING, by_referentiel, replay


def decision_problems(companies: Iterable[Company[Audit]]) -> list[Problem]:
    """Every decision problem of every company (all decisions, whatever the status date)."""
    problems: list[Problem] = []
    for company in companies:
        for audits in by_referentiel(company).values():
            problems.extend(eligibility_problems(audits))
            problems.extend(scope_problems(company, audits))
            conflicts = list(_same_day_conflicts(audits))
            problems.extend(conflicts)
            if not conflicts:
                _, ignored = replay(company, audits, dt.date.max)
                problems.extend(
                    Problem(i.audit.path, i.audit.line("outcome"), 0, i.reason) for i in ignored
                )
    return problems


def eligibility_problems(audits: Iterable[Audit]) -> Iterator[Problem]:
    """A certified, maintained or renewed decision on a non-eligible audit (CONTRACT.md)."""
    for audit in audits:
        decision = audit.decision
        if decision and decision.outcome in REQUIRES_ELIGIBLE and not audit.result.eligible:
            yield Problem(
                audit.path,
                audit.line("outcome"),
                0,
                f"décision « {decision.outcome} » impossible : l'audit n'est pas "
                f"éligible ({' ; '.join(audit.result.failures)})",
            )


def scope_problems(company: Company, audits: Iterable[Audit]) -> Iterator[Problem]:
    """Names in a decision's scope that the company's company.yaml does not declare: each on
    its line, with the names it may use."""
    declared = {
        "sites": [site.name for site in company.sites],
        "activities": list(company.activities),
    }
    words = {
        "sites": ("site", "sites", "inconnu"),
        "activities": ("activité", "activities", "inconnue"),
    }
    for audit in audits:
        decision = audit.decision
        if decision is None or decision.scope is None:
            continue
        scope = decision.scope
        if decision.outcome not in SCOPING:
            yield Problem(
                audit.path,
                audit.line("scope"),
                0,
                f"« scope » sans effet sur une décision « {decision.outcome} » "
                f": seules les décisions {quoted_list(SCOPING)} fixent le périmètre "
                "du certificat ; retirez « scope » ou portez-le sur l'une d'elles",
            )
            continue
        for part, names in (("sites", scope.sites), ("activities", scope.activities)):
            known = declared[part]
            word, key, unknown = words[part]
            for index, name in enumerate(names or ()):
                if name in known:
                    continue
                choices = (
                    f"« {key} » de company.yaml : {quoted_list(known)}"
                    if known
                    else f"company.yaml ne déclare aucun champ « {key} »"
                )
                yield Problem(
                    audit.path,
                    audit.line(f"scope.{part}.{index}"),
                    0,
                    f"périmètre de la décision : {word} « {name} » {unknown} de "
                    f"l'entreprise {company.id} ({choices}){suggestion(name, known)}",
                )


def _same_day_conflicts(audits: list[Audit]) -> Iterator[Problem]:
    """Two decisions of the same day that change the certificate differently."""
    by_day: dict[dt.date, list[tuple[Audit, Decision]]] = {}
    for audit in audits:
        if audit.decision and audit.decision.outcome not in WITHOUT_EFFECT:
            by_day.setdefault(audit.decision.date, []).append((audit, audit.decision))
    for day, same in sorted(by_day.items()):
        effects = {(decision.outcome, decision.certificate) for _, decision in same}
        if len(effects) < 2:
            continue
        same.sort(key=lambda pair: (pair[0].date, pair[0].id))
        first, first_decision = same[0]
        for audit, decision in same[1:]:
            yield Problem(
                audit.path,
                audit.line("date"),
                0,
                f"deux décisions contradictoires le {day.isoformat()} pour le même "
                f"certificat : « {decision.outcome} » ici et "
                f"« {first_decision.outcome} » dans {first.path} ; l'ordre des "
                "décisions d'un même jour n'est pas défini : datez-les",
            )
