"""Shared helpers: build a site into a temporary folder the way MkDocs does, run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import BASE_ENV, Run, run_cli, run_mkdocs

PROJECT = Path(__file__).resolve().parents[1]
#: The source documents, beside the checkout (../shared/seeds), as in CI.
SEEDS = PROJECT.parent / "shared" / "seeds"


def seed_text(name: str) -> str:
    """The text of one source document; the test is skipped where the sources are absent."""
    path = SEEDS / name
    if not path.is_file():
        pytest.skip(f"source text absent: {path}")
    return path.read_text(encoding="utf-8")


FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The status date and timestamp of every shared build: one build per configuration and run.
EXAMPLE_ENV = {"REFPUB_TODAY": "2026-11-23", "SOURCE_DATE_EPOCH": "1790000000"}


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> Run:
    """A real subprocess, for the tests whose point is one (a fresh interpreter, the installed
    entry point, another program); everything else runs in-process (``cli_support``)."""
    full_env = {**os.environ, **BASE_ENV, **(env or {})}
    done = subprocess.run(
        args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return Run(done.returncode, done.stdout, done.stderr)


def mkdocs_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> Run:
    return run_mkdocs(["build", "--strict", "-d", str(site_dir)], cwd=project, env=env)


def mkdocs_build_in_new_process(
    project: Path, site_dir: Path, env: dict[str, str] | None = None
) -> Run:
    """The same build in a fresh interpreter: a reproducibility test compares it with an
    in-process one, so that nothing (hash seed, set order, a cache) is shared between them."""
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)]
    return run(args, cwd=project, env=env)


def refpub(*args: str, cwd: Path = PROJECT, env: dict[str, str] | None = None) -> Run:
    return run_cli(args, cwd=cwd, env=env)


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A writable copy of the small fictional project, for tests that break its data."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The shipped project built once per run (statuses as of 2026-11-23), for every test that
    reads the example site: pages, links, browser tests."""
    return site_build(PROJECT, EXAMPLE_ENV)


@pytest.fixture(scope="session")
def mini_site(site_build) -> Path:
    """The small fixture project's public site, built once per run."""
    return site_build(FIXTURES / "mini", EXAMPLE_ENV)


@pytest.fixture(scope="session")
def mini_internal_site(site_build) -> Path:
    """The small fixture project's internal (certification committee) site."""
    return site_build(FIXTURES / "mini", {**EXAMPLE_ENV, "REFPUB_INTERNAL": "1"})


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    from browser_support import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from browser_support import launch

    with launch() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory):
    """Builds each distinct (project, environment) once per test run: ``site_build(project,
    env)`` returns the built site folder, shared by every test that asks for the same build
    (tests must not modify it)."""
    cache: dict[tuple, Path] = {}

    def build(project: Path, env: dict[str, str] | None = None) -> Path:
        key = (str(project), tuple(sorted((env or {}).items())))
        if key not in cache:
            site = tmp_path_factory.mktemp("site") / "site"
            result = mkdocs_build(project, site, env)
            assert result.returncode == 0, result.output
            assert "WARNING" not in result.output, result.output
            cache[key] = site
        return cache[key]

    return build


@pytest.fixture(scope="session")
def signed_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/mini with a site_url and certificates in every status (credentials)."""
    from credential_support import make_signed_project

    return make_signed_project(tmp_path_factory.mktemp("signed") / "project")


@pytest.fixture(scope="session")
def signed_site(signed_project: Path, site_build) -> Path:
    """``signed_project`` built once with the TEST signing key."""
    from credential_support import SIGNED_ENV

    return site_build(signed_project, SIGNED_ENV)


#: A mark or logo file as a body supplies it: nothing in it says « exemple ».
BODY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" role="img" '
    'aria-label="{0}"><title>{0}</title><rect width="96" height="96" fill="#1a237e"/>'
    "</svg>\n"
)


#: A body's complaints and appeals procedure (extra.organisme.complaints), as published.
BODY_COMPLAINTS = {
    "email": "reclamations@certification-durand.fr",
    "address": "Service réclamations, 4 rue des Tanneurs, 21000 Dijon",
    "acknowledgement_days": 5,
    "answer_days": 30,
    "steps": ["L'organisme enregistre la réclamation et l'instruit."],
    "appeal": {
        "email": "appels@certification-durand.fr",
        "handled_by": "Comité d'appel indépendant de la décision contestée",
        "filing_days": 30,
        "answer_days": 60,
    },
}


@pytest.fixture(scope="session")
def publishable_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the shipped project as a body publishes it (what docs/organisme/ tells it to
    replace, replaced): its own identity and mark files, the référentiels' full titles."""
    import yaml

    project = tmp_path_factory.mktemp("publishable") / "project"
    shutil.copytree(
        PROJECT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv",
            "site",
            "site-interne",
            ".git",
            ".cache",
            "__pycache__",
            "*.egg-info",
            ".pytest_cache",
            ".ruff_cache",
            ".hypothesis",
        ),
    )
    shutil.rmtree(project / "docs" / "organisme" / "exemple")
    marks = project / "docs" / "organisme" / "marques"
    marks.mkdir()
    for name, label in (
        ("cliq.svg", "CLIQ"),
        ("qualicert.svg", "Qualicert"),
        ("logo.svg", "Certification Durand"),
    ):
        (marks / name).write_text(BODY_SVG.format(label), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extra = text.index("extra:\n")
    body = {
        "organisme": {
            "name": "Certification Durand SAS",
            "logo": "organisme/marques/logo.svg",
            "address": "4 rue des Tanneurs, 21000 Dijon",
            "email": "contact@certification-durand.fr",
            "website": "https://www.certification-durand.fr/",
            "marks": {
                "cliq-2006": "organisme/marques/cliq.svg",
                "amarc-re-mrc-03": "organisme/marques/qualicert.svg",
            },
            "complaints": BODY_COMPLAINTS,
        }
    }
    nav = text.index("\nnav:\n")
    config.write_text(
        text[:extra] + yaml.safe_dump({"extra": body}, allow_unicode=True) + text[nav:],
        encoding="utf-8",
    )
    for ref in (project / "referentiels").glob("*.yaml"):
        source = ref.read_text(encoding="utf-8").replace(  # a reserved mark lists the body
            "  entitled: []\n", '  entitled: ["Certification Durand SAS"]\n'
        )
        if "\nfull_title:" not in source:
            source = source.replace(
                "\nshort_title:",
                "\nfull_title: Titre complet obtenu du propriétaire\nshort_title:",
                1,
            )
        ref.write_text(source, encoding="utf-8")
    _seal_to_own_committee(project)
    return project


def _seal_to_own_committee(project: Path) -> None:
    """Reseals the example audits to a committee of the body's own: publish mode refuses the
    example committee, whose secret key the repository holds."""
    from refpub.cli import main
    from refpub.core.sealing.sealed import (
        EXAMPLE_IDENTITY_PATH,
        IDENTITY_ENV,
        RECIPIENTS_PATH,
        new_identity,
    )

    (project / RECIPIENTS_PATH).write_text(new_identity()[1] + "\n", encoding="utf-8")
    (project / EXAMPLE_IDENTITY_PATH).unlink()
    saved = os.environ.get(IDENTITY_ENV)
    os.environ[IDENTITY_ENV] = (PROJECT / EXAMPLE_IDENTITY_PATH).read_text(encoding="utf-8")
    try:
        assert main(["seal", str(project)]) == 0
    finally:
        if saved is None:
            del os.environ[IDENTITY_ENV]
        else:
            os.environ[IDENTITY_ENV] = saved
