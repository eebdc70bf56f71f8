"""Every committee decision takes effect or is reported (issue #10.4, #10.6): unit tests on
in-memory companies and audits, no files."""

from __future__ import annotations

import datetime as dt

from factories import POOR, audit, company, levels_ref, radar_ref

from refpub.core.certification.decisions import decision_problems
from refpub.core.certification.register import company_certificates

TODAY = dt.date(2026, 11, 23)


def test_a_certification_on_a_non_eligible_audit_is_reported_on_its_outcome():
    ref = radar_ref()
    poor = audit(
        ref, "a1", "initial", "2026-01-10", "certified", "2026-02-01", "DEMO-1", grades=POOR
    )
    problems = decision_problems([company(poor)])
    assert [p.path for p in problems] == [poor.path]
    assert "décision « certified » impossible : l'audit n'est pas éligible" in problems[0].message
    assert "inférieure au minimum de 50 %" in problems[0].message


def test_a_refusal_on_a_non_eligible_audit_is_fine():
    ref = levels_ref()
    failed = audit(
        ref, "a1", "initial", "2026-01-10", "refused", "2026-02-01", items={"1.1": "nonconform"}
    )
    assert decision_problems([company(failed)]) == []


def test_certification_after_a_withdrawal_needs_a_new_initial_audit():
    ref = radar_ref()
    first = audit(ref, "a1", "initial", "2020-01-10", "certified", "2020-02-01", "DEMO-1")
    withdrawn = audit(ref, "a2", "suivi-1", "2021-01-10", "withdrawn", "2021-02-01")
    # a certification decided after the withdrawal, on an audit performed before it
    late = audit(ref, "a0", "initial", "2020-12-20", "certified", "2021-03-01", "DEMO-2")
    problems = decision_problems([company(first, withdrawn, late)])
    assert len(problems) == 1 and problems[0].path == late.path
    assert "nouvel audit initial réalisé après le retrait" in problems[0].message


def test_a_new_initial_audit_after_a_withdrawal_starts_a_new_certificate():
    ref = radar_ref()
    first = audit(ref, "a1", "initial", "2020-01-10", "certified", "2020-02-01", "DEMO-1")
    withdrawn = audit(ref, "a2", "suivi-1", "2021-01-10", "withdrawn", "2021-02-01")
    again = audit(ref, "a3", "initial", "2022-05-10", "certified", "2022-06-01", "DEMO-2")
    holder = company(first, withdrawn, again)
    assert decision_problems([holder]) == []
    [cert] = company_certificates(holder, dt.date(2023, 1, 1))
    assert (cert.status, cert.number) == ("valid", "DEMO-2")
    assert cert.first_certified == dt.date(2022, 6, 1)
    assert [e.outcome for e in cert.history] == ["certified"]  # a new certificate


def test_a_decision_on_a_withdrawn_certificate_is_reported():
    ref = radar_ref()
    first = audit(ref, "a1", "initial", "2020-01-10", "certified", "2020-02-01", "DEMO-1")
    withdrawn = audit(ref, "a2", "suivi-1", "2021-01-10", "withdrawn", "2021-02-01")
    maintained = audit(ref, "a3", "suivi-2", "2021-06-10", "maintained", "2021-07-01")
    problems = decision_problems([company(first, withdrawn, maintained)])
    assert [p.path for p in problems] == [maintained.path]
    assert "sans effet : le certificat a été retiré le 2021-02-01" in problems[0].message


def test_a_decision_before_any_certificate_is_reported():
    ref = radar_ref()
    suspended = audit(ref, "a1", "suivi-1", "2020-01-10", "suspended", "2020-02-01")
    problems = decision_problems([company(suspended)])
    assert "aucun certificat n'a encore été délivré" in problems[0].message


def test_conflicting_decisions_on_the_same_day_are_an_error():
    ref = radar_ref()
    first = audit(ref, "a1", "initial", "2020-01-10", "certified", "2020-02-01", "DEMO-1")
    suspended = audit(ref, "a2", "suivi-1", "2020-12-01", "suspended", "2021-01-05", grades=POOR)
    maintained = audit(ref, "a3", "complementaire", "2020-12-20", "maintained", "2021-01-05")
    problems = decision_problems([company(first, suspended, maintained)])
    assert [p.path for p in problems] == [maintained.path]
    assert "deux décisions contradictoires le 2021-01-05" in problems[0].message
    assert suspended.path in problems[0].message


def test_same_day_decisions_that_agree_or_change_nothing_are_fine():
    ref = radar_ref()
    first = audit(ref, "a1", "initial", "2020-01-10", "certified", "2020-02-01", "DEMO-1")
    one = audit(ref, "a2", "suivi-1", "2020-12-01", "maintained", "2021-01-05")
    two = audit(ref, "a3", "complementaire", "2020-12-20", "maintained", "2021-01-05")
    action = audit(ref, "a4", "complementaire", "2020-12-21", "complementary-action", "2021-01-05")
    assert decision_problems([company(first, one, two, action)]) == []


def test_may_use_mark_and_distribute_information_follow_one_rule():
    ref = levels_ref()
    issued = audit(ref, "a1", "initial", "2025-01-10", "certified", "2025-02-01", "DEMO-L-1")
    suspended = audit(
        ref,
        "a2",
        "surveillance-1",
        "2026-01-10",
        "suspended",
        "2026-02-01",
        items={"1.1": "nonconform"},
    )
    [valid] = company_certificates(company(issued), TODAY)
    assert valid.may_use_mark and valid.may_distribute_information
    assert valid.has_information_document and valid.level == "A"
    [cert] = company_certificates(company(issued, suspended), TODAY)
    assert not cert.may_use_mark and not cert.may_distribute_information
    assert cert.has_information_document  # still online, flagged not to be handed out
