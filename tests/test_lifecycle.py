"""Certificate statuses and dates through a whole life, at several status dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from refpub.core.audits.repository import load_repository
from refpub.core.certification.register import add_months, build_register, valid_until

GRADES = "\n".join(
    f"  {sid}: {{approach: 2, deployment: 2, results: 1, review: 1}}"
    for sid in ("org-1.1", "op-1.1", "op-1.2")
)
POOR = "\n".join(
    f"  {sid}: {{approach: 1, deployment: 0, results: 0, review: 0}}"
    for sid in ("org-1.1", "op-1.1", "op-1.2")
)


def _audit(
    folder: Path,
    name: str,
    kind: str,
    day: str,
    outcome: str | None = None,
    decided: str | None = None,
    cert: str | None = None,
    grades: str = GRADES,
) -> None:
    text = (
        f"referentiel: demo-radar\ntype: {kind}\ndate: {day}\nlead_auditor: A. Auditrice\n"
        f"grades:\n{grades}\n"
    )
    if outcome:
        text += f"decision:\n  date: {decided}\n  outcome: {outcome}\n"
        text += f"  certificate: {cert}\n" if cert else ""
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def history(mini_project: Path) -> Path:
    """Certified 2020-02-01, suspended, reinstated, renewed 2022-12-15, withdrawn 2024-06-01."""
    folder = mini_project / "audits/demo-co"
    for file in folder.glob("2026-*.yaml"):
        file.unlink()
    _audit(folder, "a1", "initial", "2020-01-10", "certified", "2020-02-01", "DEMO-1")
    _audit(folder, "a2", "suivi-1", "2020-12-20", "suspended", "2021-01-05", grades=POOR)
    _audit(folder, "a3", "suivi-1", "2021-03-01", "maintained", "2021-03-10")
    _audit(folder, "a4", "renouvellement", "2022-11-20", "renewed", "2022-12-15", "DEMO-2")
    _audit(folder, "a5", "suivi-1", "2024-05-01", "withdrawn", "2024-06-01", grades=POOR)
    return mini_project


def _status(project: Path, day: str):
    repo = load_repository(project)
    assert not repo.problems, repo.problems
    certs = build_register(list(repo.companies.values()), dt.date.fromisoformat(day)).certificates
    return certs[0] if certs else None


def test_valid_until_is_the_day_before_the_third_anniversary():
    assert valid_until(dt.date(2026, 4, 2), 3) == dt.date(2029, 4, 1)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    ("day", "status", "number", "until", "since"),
    [
        ("2020-01-31", None, None, None, None),
        ("2020-02-01", "valid", "DEMO-1", "2023-01-31", "2020-02-01"),
        ("2021-01-05", "suspended", "DEMO-1", "2023-01-31", "2021-01-05"),
        ("2021-03-09", "suspended", "DEMO-1", "2023-01-31", "2021-01-05"),
        ("2021-03-10", "valid", "DEMO-1", "2023-01-31", "2021-03-10"),
        ("2022-12-15", "valid", "DEMO-2", "2025-12-14", "2022-12-15"),
        ("2024-05-31", "valid", "DEMO-2", "2025-12-14", "2022-12-15"),
        ("2024-06-01", "withdrawn", "DEMO-2", "2025-12-14", "2024-06-01"),
        ("2030-01-01", "withdrawn", "DEMO-2", "2025-12-14", "2024-06-01"),
    ],
)
def test_status_follows_the_decisions(history: Path, day, status, number, until, since):
    cert = _status(history, day)
    if status is None:
        assert cert is None
        return
    assert (cert.status, cert.number) == (status, number)
    assert cert.valid_until.isoformat() == until
    assert cert.status_since.isoformat() == since
    assert cert.first_certified == dt.date(2020, 2, 1)


def test_history_lists_decisions_up_to_the_status_date(history: Path):
    cert = _status(history, "2022-12-31")
    assert [e.outcome for e in cert.history] == ["certified", "suspended", "maintained", "renewed"]


def test_certificate_expires_without_renewal(history: Path):
    for name in ("a4", "a5"):
        (history / f"audits/demo-co/{name}.yaml").unlink()
    assert _status(history, "2023-01-31").status == "valid"
    cert = _status(history, "2023-02-01")
    assert cert.status == "expired" and cert.status_since == dt.date(2023, 2, 1)
    assert cert.next_audit is None


def test_next_audit_due_and_overdue(history: Path):
    for name in ("a2", "a3", "a4", "a5"):
        (history / f"audits/demo-co/{name}.yaml").unlink()
    cert = _status(history, "2020-06-01")
    assert (cert.next_audit.type, cert.next_audit.due) == ("suivi-1", dt.date(2021, 1, 1))
    assert not cert.next_audit.overdue
    late = _status(history, "2021-01-02")
    assert late.next_audit.overdue


def test_after_surveillance_the_renewal_is_due_at_33_months(history: Path):
    for name in ("a2", "a4", "a5"):
        (history / f"audits/demo-co/{name}.yaml").unlink()
    cert = _status(history, "2021-06-01")
    assert (cert.next_audit.type, cert.next_audit.due) == ("renouvellement", dt.date(2022, 11, 1))


def test_complementary_action_and_refusal_change_nothing(history: Path):
    folder = history / "audits/demo-co"
    for name in ("a2", "a3", "a4", "a5"):
        (folder / f"{name}.yaml").unlink()
    _audit(folder, "b1", "initial", "2020-06-01", "complementary-action", "2020-06-15", grades=POOR)
    cert = _status(history, "2020-07-01")
    assert cert.status == "valid" and cert.status_since == dt.date(2020, 2, 1)


def test_future_decisions_are_ignored(history: Path):
    cert = _status(history, "2021-01-04")
    assert cert.status == "valid" and len(cert.history) == 1
