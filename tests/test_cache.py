"""Live preview: unchanged files are not re-checked, an edited file is; the checked files
belong to their owner (the plugin instance), never to the process."""

from __future__ import annotations

from pathlib import Path

import pytest

from refpub.core.audits.repository import load_repository
from refpub.core.intake.cache import CheckedFiles


def test_unchanged_audits_are_reused_and_an_edit_is_seen(mini_project: Path):
    checked = CheckedFiles()
    first = load_repository(mini_project, checked)
    audit = first.companies["demo-co"].audits[0]
    again = load_repository(mini_project, checked)
    assert again.companies["demo-co"].audits[0] is audit
    file = mini_project / "audits/demo-co/2026-01-10-initial.yaml"
    file.write_text(file.read_text("utf-8").replace("results: 1\n", "results: 2\n", 1), "utf-8")
    edited = load_repository(mini_project, checked).companies["demo-co"].audits[0]
    assert edited is not audit
    assert edited.result.subcriteria["org-1.1"].grades["results"] == 2


def test_without_an_owner_nothing_is_shared_between_loads(mini_project: Path):
    first = load_repository(mini_project).companies["demo-co"].audits[0]
    assert load_repository(mini_project).companies["demo-co"].audits[0] is not first


def test_cached_audits_are_immutable(mini_project: Path):
    audit = load_repository(mini_project).companies["demo-co"].audits[0]
    with pytest.raises(AttributeError):
        audit.date = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        audit.detail["observations"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        audit.result.subcriteria["org-1.1"] = None  # type: ignore[index]


def test_a_changed_referentiel_rechecks_every_audit(mini_project: Path):
    checked = CheckedFiles()
    audit = load_repository(mini_project, checked).companies["demo-co"].audits[0]
    ref = mini_project / "referentiels/demo-radar.yaml"
    ref.write_text(ref.read_text("utf-8").replace("minimum_note: 50", "minimum_note: 95"), "utf-8")
    repo = load_repository(mini_project, checked)
    assert any("impossible : l'audit n'est pas éligible" in p.message for p in repo.problems)
    assert audit is not None


def test_problems_are_reported_again_from_the_cache(mini_project: Path):
    checked = CheckedFiles()
    file = mini_project / "audits/demo-co/2026-01-10-initial.yaml"
    file.write_text(file.read_text("utf-8").replace("results: 1\n", "results: 9\n", 1), "utf-8")
    assert (
        load_repository(mini_project, checked).problems
        == load_repository(mini_project, checked).problems
    )
    assert len(checked.audits) >= 1
