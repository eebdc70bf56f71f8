"""Live preview (`make serve`, a dirty rebuild): an edited audit is republished, the pages of
untouched companies are not rebuilt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config


def _serve_build(project: Path, site: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFPUB_TODAY", "2026-11-23")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


def test_edit_to_one_audit_rebuilds_only_its_company(mini_project: Path, tmp_path: Path, env):
    site = tmp_path / "site"
    _serve_build(mini_project, site)
    edited = site / "certificats/demo-co/audits/2026-01-10-initial/index.html"
    other = site / "certificats/demo-niveaux/index.html"
    assert "Audit initial satisfaisant." in edited.read_text("utf-8")
    os.utime(other, (1_000_000_000, 1_000_000_000))
    audit = mini_project / "audits/demo-co/2026-01-10-initial.yaml"
    audit.write_text(
        audit.read_text("utf-8").replace("Audit initial satisfaisant.", "Synthèse corrigée."),
        "utf-8",
    )
    _serve_build(mini_project, site)
    assert "Synthèse corrigée." in edited.read_text("utf-8")
    assert other.stat().st_mtime == 1_000_000_000


def test_a_new_status_date_rebuilds_every_company(
    mini_project: Path, tmp_path: Path, env, monkeypatch: pytest.MonkeyPatch
):
    site = tmp_path / "site"
    _serve_build(mini_project, site)
    monkeypatch.setenv("REFPUB_TODAY", "2029-02-01")
    _serve_build(mini_project, site)
    assert "Certificat expiré" in (site / "certificats/demo-co/index.html").read_text("utf-8")


def test_a_new_body_name_rebuilds_every_company(mini_project: Path, tmp_path: Path, env):
    site = tmp_path / "site"
    _serve_build(mini_project, site)
    config = mini_project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "name: Certificateur fictif (exemple)", "name: Organisme renommé (exemple)"
        ),
        "utf-8",
    )
    _serve_build(mini_project, site)
    page = (site / "certificats/demo-niveaux/index.html").read_text("utf-8")
    assert "Organisme renommé (exemple)" in page.split('class="refpub-cert-sheet"')[1]
