"""Live preview: unchanged files are not re-checked, an edited file is."""

from __future__ import annotations

from pathlib import Path

from refpub.core import repository
from refpub.core.repository import load_repository


def test_unchanged_audits_are_reused_and_an_edit_is_seen(mini_project: Path):
    first = load_repository(mini_project)
    audit = first.companies["demo-co"].audits[0]
    again = load_repository(mini_project)
    assert again.companies["demo-co"].audits[0] is audit
    file = mini_project / "audits/demo-co/2026-01-10-initial.yaml"
    file.write_text(file.read_text("utf-8").replace("results: 1\n", "results: 2\n", 1), "utf-8")
    edited = load_repository(mini_project).companies["demo-co"].audits[0]
    assert edited is not audit
    assert edited.result.subcriteria["org-1.1"].grades["results"] == 2


def test_a_changed_referentiel_rechecks_every_audit(mini_project: Path):
    audit = load_repository(mini_project).companies["demo-co"].audits[0]
    ref = mini_project / "referentiels/demo-radar.yaml"
    ref.write_text(ref.read_text("utf-8").replace("minimum_note: 50", "minimum_note: 95"),
                   "utf-8")
    repo = load_repository(mini_project)
    assert any("impossible : l'audit n'est pas éligible" in p.message for p in repo.problems)
    assert audit is not None


def test_problems_are_reported_again_from_the_cache(mini_project: Path):
    file = mini_project / "audits/demo-co/2026-01-10-initial.yaml"
    file.write_text(file.read_text("utf-8").replace("results: 1\n", "results: 9\n", 1), "utf-8")
    assert load_repository(mini_project).problems == load_repository(mini_project).problems
    assert len(repository.AUDIT_CACHE._entries) >= 1
