"""A reused certificate number is blamed on the later decision, naming the first holder."""

from __future__ import annotations

import shutil
from pathlib import Path

from refpub.core.audits.repository import load_repository

AUDIT = "audits/demo-co/2026-01-10-initial.yaml"  # certified 2026-02-01, DEMO-2026-0001


def _second_company(root: Path, company_id: str, decision_date: str) -> str:
    """A copy of demo-co under another id whose decision reuses DEMO-2026-0001."""
    shutil.copytree(root / "audits/demo-co", root / f"audits/{company_id}")
    path = f"audits/{company_id}/2026-01-10-initial.yaml"
    file = root / path
    file.write_text(
        file.read_text(encoding="utf-8").replace("date: 2026-02-01", f"date: {decision_date}"),
        encoding="utf-8",
    )
    return path


def _certificate_line(root: Path, path: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "certificate:" in line)


def test_the_later_decision_is_reported_even_when_its_folder_comes_first(mini_project: Path):
    later = _second_company(mini_project, "aaa-co", "2026-03-01")
    problems = load_repository(mini_project).problems
    assert [(p.path, p.line) for p in problems] == [(later, _certificate_line(mini_project, later))]
    message = problems[0].message
    assert "DEMO-2026-0001" in message and "« demo-co »" in message and AUDIT in message


def test_an_earlier_decision_keeps_the_number_and_the_holder_is_blamed(mini_project: Path):
    earlier = _second_company(mini_project, "zzz-co", "2026-01-20")
    problems = load_repository(mini_project).problems
    assert [p.path for p in problems] == [AUDIT]
    assert "« zzz-co »" in problems[0].message and earlier in problems[0].message


def test_same_day_decisions_are_ordered_by_path(mini_project: Path):
    _second_company(mini_project, "zzz-co", "2026-02-01")
    problems = load_repository(mini_project).problems
    assert [p.path for p in problems] == ["audits/zzz-co/2026-01-10-initial.yaml"]
