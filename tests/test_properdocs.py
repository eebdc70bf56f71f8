"""The site also builds with ProperDocs, the MkDocs 1.x fork (``pip install properdocs``).

ProperDocs loads the ``mkdocs.plugins`` entry points and redirects ``mkdocs.*`` imports to
its own modules, so Material and refpub run unchanged. The build must pass ``--strict`` and
give the same files as MkDocs, except for the ``generator`` meta tag.
Skipped when ProperDocs is not installed in the test interpreter and ``PROPERDOCS`` (path
of a ``properdocs`` executable) is not set.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_ENV, PROJECT, run

ENV = EXAMPLE_ENV
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs_command() -> list[str] | None:
    executable = os.environ.get("PROPERDOCS")
    if executable:
        return [executable]
    if importlib.util.find_spec("properdocs") is not None:
        return [sys.executable, "-m", "properdocs"]
    return None


COMMAND = properdocs_command()
pytestmark = pytest.mark.skipif(
    COMMAND is None and os.environ.get("CI") != "true",
    reason="ProperDocs absent : « .venv/bin/pip install properdocs » (ou PROPERDOCS=chemin "
    "de l'exécutable properdocs)",
)


def tree(site: Path) -> dict[str, bytes]:
    return {
        f.relative_to(site).as_posix(): GENERATOR.sub(b"", f.read_bytes())
        for f in sorted(site.rglob("*"))
        if f.is_file()
    }


def test_site_builds_with_properdocs_like_with_mkdocs(tmp_path: Path, built_site: Path) -> None:
    assert COMMAND is not None, "CI : ProperDocs doit être installé (extra [test])"
    proper_site = tmp_path / "properdocs"
    result = run(
        [*COMMAND, "build", "--strict", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(proper_site)],
        cwd=PROJECT,
        env=ENV,
    )
    assert result.returncode == 0, result.output
    assert (proper_site / "certificats" / "index.html").is_file()
    assert "ProperDocs" in (proper_site / "index.html").read_text(encoding="utf-8")

    ours, theirs = tree(proper_site), tree(built_site)
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert not different, f"fichiers différents entre ProperDocs et MkDocs : {different[:20]}"
