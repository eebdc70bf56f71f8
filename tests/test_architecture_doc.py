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


def _module_name(file) -> str:
    parts = list(file.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(file, known: set[str]) -> set[str]:
    """The project modules a file imports, type-checking imports included (a cycle hidden
    behind ``TYPE_CHECKING`` still ties the two modules together for a reader)."""
    name = _module_name(file)
    package = name.split(".") if file.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            bases = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            prefix = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join(prefix + ([node.module] if node.module else []))
            bases = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        found.update(b for b in bases if b in known)
    found.discard(name)
    return found


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state, path = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(path[path.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def test_no_module_of_the_package_imports_itself_back():
    files = [f for f in PACKAGE.rglob("*.py")]
    known = {_module_name(f) for f in files}
    graph = {_module_name(f): _imported_modules(f, known) for f in files}
    # a package's __init__ is not a module of its own job: its submodules may import it
    graph = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()}
    assert _cycles(graph) == []


def test_the_core_is_grouped_by_job():
    loose = sorted(f.name for f in (PACKAGE / "core").glob("*.py") if f.name != "__init__.py")
    assert loose == ["french.py", "vocabulary.py"]
    for folder in (PACKAGE / "core").iterdir():
        if folder.is_dir() and folder.name != "__pycache__":
            assert (folder / "__init__.py").read_text("utf-8").startswith('"""'), folder
