"""One validation path: what the build would refuse, `refpub validate` reports first, with
its file, in French."""

from __future__ import annotations

import shutil
from pathlib import Path

from refpub.core.repository import load_repository

from conftest import PROJECT


def test_a_mention_without_data_is_reported_by_validate(mini_project: Path):
    target = mini_project / "referentiels/amarc-re-mrc-03.yaml"
    shutil.copy(PROJECT / "referentiels/amarc-re-mrc-03.yaml", target)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('    website: "www.qualicert.fr"\n', "", 1), encoding="utf-8")
    problems = load_repository(mini_project).problems
    assert problems, "la mention sans site web devait être signalée"
    assert {p.path for p in problems} == {"referentiels/amarc-re-mrc-03.yaml"}
    assert all("n'a pas de données (website)" in p.message for p in problems)
    assert not any(p.message.startswith("referentiels/") for p in problems)
