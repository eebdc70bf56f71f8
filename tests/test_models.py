"""Evaluation models are registered objects: a toy third model (tests/fixtures/toy_model), one
module and its templates, passes validate, score, new-audit and a build through the
registry alone; an unknown model is an error with its line, never the levels model."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.toy_model import checklist
from mkdocs.commands.build import build
from mkdocs.config import load_config

from refpub.cli import main
from refpub.core.evaluation.registry import register, unregister

from conftest import EXAMPLE_ENV, FIXTURES

TOY = FIXTURES / "toy_model" / "project"
AUDIT = "audits/demo-liste/2026-02-01-initial.yaml"


@pytest.fixture
def toy_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The mini project plus a référentiel, a company and an audit of the checklist model,
    the model registered for the test only."""
    for name, value in EXAMPLE_ENV.items():
        monkeypatch.setenv(name, value)
    root = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", root)
    shutil.copytree(TOY, root, dirs_exist_ok=True)
    register(checklist.MODEL)
    yield root
    unregister(checklist.NAME)


def test_a_registered_toy_model_passes_validate(toy_project, capsys):
    assert main(["validate", str(toy_project)]) == 0, capsys.readouterr()


def test_a_registered_toy_model_scores_its_audits(toy_project, capsys):
    assert main(["score", str(toy_project / AUDIT), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"] == "checklist"
    assert result["eligible"] is True


def test_a_registered_toy_model_writes_its_audit_skeleton(toy_project, capsys):
    target = toy_project / "audits" / "demo-liste"
    code = main(
        [
            "new-audit",
            "demo-liste",
            "--referentiel",
            "demo-checklist",
            "--type",
            "surveillance-1",
            "--date",
            "2026-10-01",
            "--root",
            str(toy_project),
        ]
    )
    assert code == 0, capsys.readouterr()
    written = (target / "2026-10-01-surveillance-1.yaml").read_text("utf-8")
    assert '"2.1": non conforme' in written


def test_a_registered_toy_model_shows_its_result_on_the_audit_page(toy_project, tmp_path):
    site = tmp_path / "site"
    config = load_config(
        config_file=str(toy_project / "mkdocs.yml"), site_dir=str(site), strict=True
    )
    build(config)
    page = (site / "certificats/demo-liste/audits/2026-02-01-initial/index.html").read_text()
    assert "Liste de contrôle" in page
    assert "Item 2.1 : conforme" in page
    assert "Toutes les cases sont conformes." in page
    company = (site / "certificats/demo-liste/index.html").read_text("utf-8")
    assert "Liste conforme" in company


def test_an_unknown_model_is_reported_with_its_line_and_the_known_models(mini_project, capsys):
    path = mini_project / "referentiels" / "demo-levels.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("  model: levels", "  model: checklist"), "utf-8")
    line = text.splitlines().index("  model: levels") + 1
    assert main(["validate", str(mini_project)]) == 1
    output = capsys.readouterr()
    report = output.out + output.err
    assert f"referentiels/demo-levels.yaml:{line}:" in report
    assert "« radar », « levels »" in report
