"""A warning is told once per command: a ``mkdocs serve`` rebuild does not repeat it, and a
second ``mkdocs build`` in the same process (MkDocs keeps the plugin instance) tells it again."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

MISSING_MARK = "marque-fictive-exemple.svg"


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFPUB_TODAY", "2026-11-23")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def _mark_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    found = [r.getMessage() for r in caplog.records if MISSING_MARK in r.getMessage()]
    caplog.clear()
    return found


def test_each_build_in_one_process_tells_its_warnings(
    mini_project: Path, tmp_path: Path, env, caplog: pytest.LogCaptureFixture
) -> None:
    (mini_project / "docs" / MISSING_MARK).unlink()
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.refpub")
    for run in ("first", "second"):
        config = load_config(
            str(mini_project / "mkdocs.yml"), site_dir=str(tmp_path / run), strict=False
        )
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        assert len(_mark_warnings(caplog)) == 1, run


def test_a_rebuild_by_the_same_instance_does_not_repeat_a_warning(
    mini_project: Path, tmp_path: Path, env, caplog: pytest.LogCaptureFixture
) -> None:
    (mini_project / "docs" / MISSING_MARK).unlink()
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.refpub")
    config = load_config(
        str(mini_project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False
    )
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    assert len(_mark_warnings(caplog)) == 1
    build(config)
    assert _mark_warnings(caplog) == []
