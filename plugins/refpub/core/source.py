"""YAML files read with PyYAML's safe loader, keeping the line of every key and value.

Data files come from pull requests: they may be malformed, hostile or huge. Loading never
raises on bad input; it returns the problems instead, each with its file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
#: libyaml's composer when PyYAML has it (5× faster), with the same safe resolver and marks.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Beyond this nesting libyaml's recursive C code could overflow the stack: such files go to
#: the pure-Python composer, which fails cleanly with RecursionError instead.
MAX_FAST_DEPTH = 200
MAX_NODES = 200_000

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A parsed document plus the (line, column) of every value and mapping key in it."""

    path: str
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def line_of(self, where: Path_, *, key: bool = False) -> tuple[int, int]:
        """The closest known position of ``where``, walking up to its parents when unknown."""
        table = self.keys if key else self.values
        probe = tuple(where)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, where: Path_, message: str, *, key: bool = False) -> Problem:
        line, column = self.line_of(where, key=key)
        return Problem(self.path, line, column, message)


class _Builder:
    """Turns a composed YAML node tree into plain Python data, recording node marks."""

    def __init__(self, doc: Located):
        self.doc = doc
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def _at(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _report(self, node: yaml.Node, message: str) -> None:
        line, column = self._at(node)
        self.problems.append(Problem(self.doc.path, line, column, message))

    def build(self, node: yaml.Node, where: Path_) -> Any:
        if id(node) in self.seen:
            self._report(node, "les ancres et alias YAML (& et *) ne sont pas acceptés : "
                               "écrivez la valeur en entier")
            return None
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _TooBig
        self.doc.values[where] = self._at(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, where: Path_) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._report(key_node, "les clés de fusion YAML (<<) ne sont pas acceptées")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._report(key_node, "une clé doit être un simple texte")
                continue
            key = key_node.value
            if key in result:
                first = self.doc.keys.get((*where, key), (0, 0))[0]
                self._report(key_node, f"clé « {key} » en double (déjà définie ligne {first})")
                continue
            self.doc.keys[(*where, key)] = self._at(key_node)
            result[key] = self.build(value_node, (*where, key))
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # kept as text: dates are checked (and parsed) by the schema
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as error:
            self._report(node, f"valeur illisible « {node.value} » ({error})")
            return node.value


class _TooBig(Exception):
    pass


def _loader_for(text: str) -> type:
    """The fast C composer for ordinary files, the Python one for deeply nested input."""
    depth = deepest = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
    indent = max((len(m.group()) for m in re.finditer(r"(?m)^[ \t-]+", text)), default=0)
    shallow = deepest < MAX_FAST_DEPTH and indent < 2 * MAX_FAST_DEPTH
    return FAST_LOADER if shallow else yaml.SafeLoader


def load_yaml(file: Path, display_path: str) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file; returns the located data (None if unusable) and the problems."""
    def fail(message: str, line: int = 1, column: int = 0) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, line, column, message)]

    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return fail(f"fichier trop volumineux ({size} octets, maximum {MAX_FILE_BYTES})")
        raw = file.read_bytes()
    except OSError as error:
        return fail(f"lecture impossible : {error.strerror}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail("le fichier n'est pas encodé en UTF-8 (octet invalide "
                    f"0x{raw[error.start]:02x}) : enregistrez-le en UTF-8", line)
    return parse_yaml(text, display_path)


def parse_yaml(text: str, display_path: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text; see :func:`load_yaml`."""
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(display_path, 1, 0, "fichier vide")]
    try:
        nodes = list(yaml.compose_all(text, Loader=_loader_for(text)))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        detail = error.problem or str(error)
        return None, [Problem(display_path, line, column,
                              f"YAML invalide : {detail} (vérifiez l'indentation et les "
                              "deux-points)")]
    except yaml.YAMLError as error:
        return None, [Problem(display_path, 1, 0, f"YAML invalide : {error}")]
    except RecursionError:
        return None, [Problem(display_path, 1, 0, "document trop profondément imbriqué")]
    if len(nodes) != 1 or nodes[0] is None:
        line = nodes[1].start_mark.line + 1 if len(nodes) > 1 else 1
        return None, [Problem(display_path, line, 0,
                              "un seul document YAML par fichier (retirez les « --- »)")]
    doc = Located(display_path, None)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(nodes[0], ())
    except _TooBig:
        return None, [Problem(display_path, 1, 0, "document trop complexe (plus de "
                              f"{MAX_NODES} valeurs)")]
    except RecursionError:
        return None, [Problem(display_path, 1, 0, "document trop profondément imbriqué")]
    return doc, builder.problems
