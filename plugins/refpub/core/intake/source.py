"""YAML files read with PyYAML's safe loader, keeping the line of every key and value.

Data files come from pull requests: they may be malformed, hostile or huge. Loading never
raises on bad input; it returns the problems instead, each with its file and line.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..checks.problems import Problem, os_reason
from ..checks.values import FORMAT_CHARACTERS
from .private_keys import describe, key_line
from .workers import fork_pool
from .yaml_errors import describe_syntax_error

MAX_FILE_BYTES = 2 * 1024 * 1024
#: libyaml's composer when PyYAML has it (5× faster), with the same safe resolver and marks.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Beyond this nesting libyaml's recursive C code could overflow the stack: such files go to
#: the pure-Python composer, which fails cleanly with RecursionError instead.
MAX_FAST_DEPTH = 200
#: No data file nests deeper than a dozen levels; past this a file is refused whatever the
#: interpreter's recursion limit (a tool in the same process may have raised it).
MAX_DEPTH = 100
MAX_NODES = 200_000

#: Characters no value or key may hold, whatever the field: those XML 1.0 forbids (they make
#: the Atom feed and SVG files unreadable), DEL and the C1 controls, which no real text
#: holds; the line and paragraph separators (line breaks that YAML, JSON and scripts read
#: differently); and every format character (Unicode « Cf »): bidirectional overrides,
#: embeddings, isolates and marks, which show a text other than the one stored, and
#: zero-width characters, which make two equal-looking names differ.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
    "\ufffe\uffff\u2028\u2029" + FORMAT_CHARACTERS + "]"
)

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
            self._report(
                node,
                "les ancres et alias YAML (& et *) ne sont pas acceptés : "
                "écrivez la valeur en entier",
            )
            return None
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _TooBig
        self.doc.values[where] = self._at(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, where)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*where, i)) for i, item in enumerate(node.value)]
        # PyYAML's composer makes only mapping, sequence and scalar nodes (aliases are resolved).
        assert isinstance(node, yaml.ScalarNode)
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
            self._check_characters(key_node, key)
            if key in result:
                first = self.doc.keys.get((*where, key), (0, 0))[0]
                self._report(key_node, f"clé « {key} » en double (déjà définie ligne {first})")
                continue
            self.doc.keys[(*where, key)] = self._at(key_node)
            result[key] = self.build(value_node, (*where, key))
        return result

    def _check_characters(self, node: yaml.Node, text: str) -> None:
        """Refuse the characters no published file may hold, naming each one."""
        found = sorted(set(FORBIDDEN_CHARACTERS.findall(text)))
        if found:
            named = ", ".join(f"U+{ord(char):04X} ({_kind(char)})" for char in found[:5])
            what, remove = (
                ("caractères interdits", "retirez-les")
                if len(found) > 1
                else ("caractère interdit", "retirez-le")
            )
            self._report(
                node,
                f"{what} {named} dans « {text} » : {remove} (un copier-coller "
                "en apporte souvent : retapez le texte)",
            )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag in _AS_WRITTEN:
            self._check_characters(node, node.value)
            return node.value
        if node.tag == "tag:yaml.org,2002:int" and _DECIMAL.fullmatch(node.value):
            return int(node.value)  # grades: the common case, without the constructor
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            tag = node.tag.rsplit(":", 1)[-1]
            self._report(node, f"valeur illisible « {node.value} » (type YAML « {tag} »)")
            return node.value
        if isinstance(value, str):
            self._check_characters(node, value)
        return value


#: Bidirectional controls: overrides, embeddings, isolates and marks (Unicode UAX #9).
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _kind(char: str) -> str:
    """What a forbidden character is, in French, for the message."""
    if char in _BIDI:
        return "contrôle de direction d'écriture, qui change l'ordre affiché du texte"
    if unicodedata.category(char) == "Cf":
        return "caractère invisible, sans largeur"
    if char in "\u2028\u2029":
        return "séparateur de ligne ou de paragraphe"
    if 0xD800 <= ord(char) <= 0xDFFF or char in "\ufffe\uffff":
        return "caractère qui n'existe pas en Unicode"
    return "caractère de contrôle"


#: Scalars kept as the text written: strings (most values; the safe constructor would return
#: the same text, more slowly) and timestamps (dates are checked and parsed by the schema).
_AS_WRITTEN = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})

_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")


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


def _deeper_than(root: yaml.Node, limit: int) -> bool:
    """Whether the node tree nests deeper than ``limit``, walked without recursion, each node
    once (an alias is the same node: a « billion laughs » file is not walked a billion times;
    the builder refuses its aliases)."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
    return False


def load_yaml(file: Path, display_path: str) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file; returns the located data (None if unusable) and the problems."""
    raw, problem = read_data_file(file)
    if raw is None:
        return None, [Problem(display_path, 1, 0, problem)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(
                display_path,
                line,
                0,
                "le fichier n'est pas encodé en UTF-8 "
                f"(octet invalide 0x{raw[error.start]:02x}) : enregistrez-le en "
                "UTF-8",
            )
        ]
    doc, problems = parse_yaml(text, display_path)
    return doc, [*_key_problems(text, display_path), *problems]


def _key_problems(text: str, display_path: str) -> list[Problem]:
    """A private key pasted into a data file: the file is in git, and its texts are
    published; the key is to be removed, and replaced (it is no longer secret)."""
    found = key_line(text)
    if found is None:
        return []
    kind, line = found
    return [
        Problem(
            display_path,
            line,
            0,
            f"{describe(kind)} dans le fichier : une clé privée "
            "n'a rien à faire dans les données, qui sont publiées ; retirez-la et "
            "remplacez la clé, qui n'est plus secrète",
        )
    ]


#: files per job handed to a worker by :func:`load_yaml_files`
FILES_PER_JOB = 250


def load_yaml_files(
    files: list[tuple[Path, str]],
) -> dict[str, tuple[Located | None, list[Problem]]]:
    """Many (file, display path) read at once, by worker processes on every core, keyed by
    display path: what :func:`load_yaml` gives for each. Empty when there are too few files
    or forking is unsafe (``mkdocs serve``): each file is then read when needed."""
    jobs = [files[start : start + FILES_PER_JOB] for start in range(0, len(files), FILES_PER_JOB)]
    pool = fork_pool(len(jobs), 2)
    if pool is None:
        return {}
    with pool:
        return {path: loaded for chunk in pool.map(_load_all, jobs) for path, loaded in chunk}


def _load_all(
    files: list[tuple[Path, str]],
) -> list[tuple[str, tuple[Located | None, list[Problem]]]]:
    return [(path, load_yaml(file, path)) for file, path in files]


def read_data_file(file: Path) -> tuple[bytes | None, str]:
    """The bytes of a regular file, or None and the French reason.

    The size is checked on the open file before reading, and at most one byte past the
    limit is read: a symbolic link is never followed (O_NOFOLLOW), a device, a pipe or a
    file that grows while being read is refused without filling the memory."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(file, flags)
    except OSError as error:
        if os.path.islink(file):
            return None, "lien symbolique non suivi : remplacez-le par le fichier lui-même"
        return None, f"lecture impossible ({os_reason(error)})"
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return None, "ce n'est pas un fichier ordinaire : il n'est pas lu"
        if info.st_size > MAX_FILE_BYTES:
            return None, _too_big(info.st_size)
        try:
            raw = handle.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            return None, f"lecture impossible ({os_reason(error)})"
    if len(raw) > MAX_FILE_BYTES:
        return None, _too_big(len(raw))
    return raw, ""


def _too_big(size: int) -> str:
    return f"fichier trop volumineux ({size} octets, maximum {MAX_FILE_BYTES})"


def parse_yaml(text: str, display_path: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML text; see :func:`load_yaml`."""
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [Problem(display_path, 1, 0, "fichier vide")]
    try:
        nodes = list(yaml.compose_all(text, Loader=_loader_for(text)))
    except yaml.YAMLError as error:
        return None, syntax_problems(error, text, display_path)
    except RecursionError:
        return None, [Problem(display_path, 1, 0, "document trop profondément imbriqué")]
    if len(nodes) != 1 or nodes[0] is None:
        line = nodes[1].start_mark.line + 1 if len(nodes) > 1 else 1
        return None, [
            Problem(
                display_path, line, 0, "un seul document YAML par fichier (retirez les « --- »)"
            )
        ]
    if _deeper_than(nodes[0], MAX_DEPTH):
        return None, [Problem(display_path, 1, 0, "document trop profondément imbriqué")]
    doc = Located(display_path, None)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(nodes[0], ())
    except _TooBig:
        return None, [
            Problem(display_path, 1, 0, f"document trop complexe (plus de {MAX_NODES} valeurs)")
        ]
    except RecursionError:
        return None, [Problem(display_path, 1, 0, "document trop profondément imbriqué")]
    return doc, builder.problems


#: A line at column 0 that starts a top-level key of a block mapping (not a comment, a list
#: item, a document marker or a continuation of a flow collection).
_TOP_LEVEL_KEY = re.compile(r"[^\s#\-\[\]{},'\"|>%@`!&*?.][^\n]*:(\s|$)")


def syntax_problems(error: yaml.YAMLError, text: str, display_path: str) -> list[Problem]:
    """The first syntax error of ``text``, and the first one of each top-level key after it.

    PyYAML stops at the first error. In a block mapping, a line at column 0 that starts a
    key begins a new entry whatever came before, unless a quote or a bracket left open
    carries on across it; so when the block holding the first error fails on its own too
    (the error is local to it), each later block is parsed on its own, at its own lines,
    and its first error is reported as well. Otherwise only the first error is certain."""
    line, column, message = describe_syntax_error(error, text)
    problems = [Problem(display_path, line, column, message)]
    blocks = _top_level_blocks(text)
    failing = [start for start, end in blocks if start <= line <= end]
    if not failing or _block_error(text, blocks, failing[0]) is None:
        return problems
    for start, _end in blocks:
        if start > line:
            found = _block_error(text, blocks, start)
            if found is not None:
                problems.append(Problem(display_path, *found))
    return problems


def _top_level_blocks(text: str) -> list[tuple[int, int]]:
    """(first line, last line), 1-based, of each top-level key and the lines under it."""
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines, 1) if _TOP_LEVEL_KEY.match(line)]
    return [
        (start, (starts[i + 1] - 1) if i + 1 < len(starts) else len(lines))
        for i, start in enumerate(starts)
    ]


def _block_error(
    text: str, blocks: list[tuple[int, int]], start: int
) -> tuple[int, int, str] | None:
    """The first syntax error of the block starting at ``start``, parsed alone at its own
    line numbers (earlier lines blanked), or None if it reads."""
    end = next(last for first, last in blocks if first == start)
    lines = text.splitlines()
    alone = "\n" * (start - 1) + "\n".join(lines[start - 1 : end]) + "\n"
    try:
        yaml.compose(alone, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        return describe_syntax_error(error, alone)
    except RecursionError:
        return None
    return None
