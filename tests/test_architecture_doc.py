"""The maintainers' architecture page stays true to the code: every module is named there,
and the core never imports the site layer or MkDocs (the one-way flow it describes)."""

from __future__ import annotations

import ast

from conftest import PROJECT

PACKAGE = PROJECT / "plugins/refpub"
DOC = PROJECT / "maintainers/architecture.md"


def _modules() -> list[str]:
    return sorted(
        f.relative_to(PACKAGE).as_posix() for f in PACKAGE.rglob("*.py") if f.name != "__init__.py"
    )


def test_every_module_is_described_in_the_architecture_page():
    text = DOC.read_text("utf-8")
    assert [m for m in _modules() if f"`{m}`" not in text] == []


def test_the_core_imports_neither_the_site_nor_mkdocs():
    offenders = []
    for file in sorted((PACKAGE / "core").rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text("utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            level = getattr(node, "level", 0)
            for name in names:
                if (
                    name.split(".")[0] == "mkdocs"
                    or (level >= 2 and name.startswith("site"))
                    or name.startswith("refpub.site")
                ):
                    offenders.append(f"{file.relative_to(PROJECT)}: {name}")
    assert offenders == []
