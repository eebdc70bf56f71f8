"""Audit files sealed and unsealed in place (``refpub seal``, ``refpub unseal``), their public
text and comments kept as written.

Sealing cuts the lines of each confidential field out of the file (with the comments just
above it, which may speak of it) and appends one ``sealed`` block holding each part's text
encrypted: a pull request's diff shows the public fields as they were and which parts of the
detail changed. A part already sealed is left as it is, byte for byte, unless the recipients
changed (then every part is decrypted with the committee's identity and encrypted again), so
sealing twice changes nothing. Whatever the file's layout, the result is checked by parsing
it again; when the cut cannot keep the text as written, the file is written anew from its
data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..checks.problems import Problem
from ..intake.source import parse_yaml
from ..referentiels.referentiel import Referentiel
from .confidential import (
    ENTRY_TABLES,
    SEALED_KEY,
    Part,
    mapping_at,
    parts_of,
    public_fields,
)
from .sealed import IDENTITY_ENV, Recipients, decrypt, encrypt

ENVELOPE_COMMENT = (
    "# Détail confidentiel chiffré (age) pour confidentiel/destinataires.txt :"
    " refpub unseal le remet en clair."
)


@dataclass(frozen=True)
class Edit:
    """Text ``start:end`` (character offsets) replaced by ``text``."""

    start: int
    end: int
    text: str


class _Layout(Exception):
    """The file's layout does not let a cut keep the text as written."""


class Text:
    """A file's text with the offset of each line, and its composed YAML nodes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        # Built only from an audit file's text, already read as a mapping of fields.
        assert isinstance(root, yaml.MappingNode)
        self.root = root

    def line_span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets of whole lines ``first``..``last`` (0-based, inclusive)."""
        return self.starts[first], self.starts[min(last + 1, len(self.lines))]

    def last_line(self, node: yaml.Node) -> int:
        """The last line holding some of ``node`` (0-based), trailing comments excluded."""
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
            children = (
                [n for pair in node.value for n in pair]
                if isinstance(node, yaml.MappingNode)
                else node.value
            )
            return max((self.last_line(child) for child in children), default=node.start_mark.line)
        written = self.text[node.start_mark.index : node.end_mark.index].rstrip()
        return node.start_mark.line + written.count("\n")

    def pairs(self, where: tuple[str, ...]) -> tuple[yaml.Node | None, yaml.MappingNode]:
        """The key node (None for the document) and mapping node at ``where``."""
        key, node = None, self.root
        for name in where:
            key, node = next((k, v) for k, v in node.value if k.value == name)
        if not isinstance(node, yaml.MappingNode):
            raise _Layout
        return key, node


def seal_text(
    text: str, path: str, ref: Referentiel, recipients: Recipients, identities: tuple = ()
) -> tuple[str, list[Problem]]:
    """``text`` with every confidential part sealed to ``recipients``; unchanged when nothing
    is in plain text and the recipients are those it was sealed to."""
    doc, problems = parse_yaml(text.removeprefix("\ufeff"), path)
    if doc is None or problems:
        return text, problems
    data = doc.data
    existing, line = _existing_blocks(data), doc.line_of((SEALED_KEY,), key=True)[0]
    if existing is None:
        return text, [
            Problem(
                path,
                line,
                0,
                "bloc « sealed » altéré : restaurez-le depuis l'historique (git) avant de sceller",
            )
        ]
    plain = [(part, keys) for part in parts_of(data, ref) if (keys := part.detail_keys(data))]
    stale = bool(existing) and data[SEALED_KEY].get("recipients") != recipients.fingerprint
    reopen = set(existing) if stale else {part.name for part, _ in plain} & set(existing)
    details, problems = _decrypted(existing, reopen, identities, path, line, stale)
    if problems:
        return text, problems
    if not plain and not stale:
        return text, []
    source = Text(text.removeprefix("\ufeff"))
    for part, keys in plain:
        earlier = details.get(part.name, "")
        twice = set(keys) & _keys_of(earlier)
        if twice:
            return text, [
                Problem(
                    path,
                    line,
                    0,
                    f"{', '.join(sorted(twice))} : à la fois en "
                    f"clair et dans le détail scellé de "
                    f"« {part.name} » ; gardez-en un seul",
                )
            ]
        cut = _detail_text(source, data, part, keys)
        details[part.name] = (
            earlier + ("\n" if earlier and not earlier.endswith("\n") else "") + cut
        )
    blocks = {**existing, **{name: encrypt(detail, recipients) for name, detail in details.items()}}
    envelope = {"recipients": recipients.fingerprint, "parts": _ordered(blocks, data, ref)}
    public = public_fields(data, ref)
    try:
        edits = [edit for part, keys in plain for edit in _cuts(source, part, keys)]
        sealed = _with_envelope(source, edits, envelope)
        _check(sealed, {**public, SEALED_KEY: envelope})
    except (_Layout, StopIteration, yaml.YAMLError):
        sealed = _rewritten(source.text, {**public, SEALED_KEY: envelope})
    return sealed, []


def unseal_text(
    text: str, path: str, ref: Referentiel, identities: tuple
) -> tuple[str, list[Problem]]:
    """``text`` with every sealed part decrypted back into place, in plain text."""
    doc, problems = parse_yaml(text.removeprefix("\ufeff"), path)
    if doc is None or problems:
        return text, problems
    data = doc.data
    existing, line = _existing_blocks(data), doc.line_of((SEALED_KEY,), key=True)[0]
    if not existing:
        return text, [] if existing is not None else [
            Problem(path, line, 0, "bloc « sealed » altéré : restaurez-le depuis l'historique")
        ]
    details, problems = _decrypted(existing, set(existing), identities, path, line, False)
    if problems:
        return text, problems
    merged = {k: v for k, v in data.items() if k != SEALED_KEY}
    by_name = {part.name: part for part in parts_of(data, ref)}
    for name, detail in details.items():
        target = mapping_at(merged, by_name[name].where) if name in by_name else None
        if target is None:
            return text, [Problem(path, line, 0, f"partie scellée « {name} » inconnue")]
        try:
            target.update(_read(detail) or {})
        except (_Layout, TypeError, ValueError):
            return text, [
                Problem(
                    path,
                    line,
                    0,
                    f"partie scellée « {name} » : le détail "
                    "déchiffré n'est pas un ensemble de clés",
                )
            ]
    source = Text(text.removeprefix("\ufeff"))
    try:
        edits = [
            _insertion(source, by_name[name], detail, data) for name, detail in details.items()
        ]
        unsealed = _with_envelope(source, edits, None)
        _check(unsealed, merged)
    except (_Layout, StopIteration, yaml.YAMLError):
        unsealed = _rewritten(source.text, merged)
    return unsealed, []


def _existing_blocks(data: dict[str, Any]) -> dict[str, str] | None:
    """The sealed blocks by part name (empty without envelope), None when it is altered."""
    envelope = data.get(SEALED_KEY)
    if SEALED_KEY not in data:
        return {}
    if (
        not isinstance(envelope, dict)
        or not isinstance(envelope.get("parts"), dict)
        or not all(isinstance(v, str) for v in envelope["parts"].values())
    ):
        return None
    return dict(envelope["parts"])


def _decrypted(
    blocks: dict[str, str], names: set[str], identities: tuple, path: str, line: int, stale: bool
) -> tuple[dict[str, str], list[Problem]]:
    """The texts of the blocks ``names``, or why they cannot be read."""
    if names and not identities:
        why = (
            "les destinataires ont changé : le détail déjà scellé doit être déchiffré pour "
            "être chiffré de nouveau"
            if stale
            else f"{', '.join(sorted(names))} : détail déjà scellé, à compléter"
        )
        return {}, [
            Problem(
                path,
                line,
                0,
                f"{why} ; définissez {IDENTITY_ENV} (clé du comité) et relancez refpub seal",
            )
        ]
    texts, problems = {}, []
    for name in sorted(names):
        try:
            texts[name] = decrypt(blocks[name], identities)
        except ValueError as error:
            problems.append(Problem(path, line, 0, f"bloc scellé « {name} » {error}"))
    return texts, problems


def _ordered(blocks: dict[str, str], data: dict[str, Any], ref: Referentiel) -> dict[str, str]:
    """The blocks in the file's order of parts (the audit's, each entry's, the decision's)."""
    order = [part.name for part in parts_of(data, ref)]
    return {
        name: blocks[name]
        for name in sorted(blocks, key=lambda n: order.index(n) if n in order else len(order))
    }


def _detail_text(source: Text, data: dict[str, Any], part: Part, keys: list[str]) -> str:
    """The YAML text of a part's confidential fields: their lines as written (comments
    included) when they read back as the same data, else written anew."""
    fields = mapping_at(data, part.where)
    assert fields is not None  # ``keys`` are the part's detail keys, read from this mapping
    detail = {key: fields[key] for key in keys}
    try:
        _, node = source.pairs(part.where)
        text = "".join(_pair_text(source, node, key) for key in keys)
        if _read(text) == detail:
            return text
    except (_Layout, StopIteration, yaml.YAMLError):
        pass
    return yaml.safe_dump(detail, allow_unicode=True, sort_keys=False, width=100)


def _pair_text(source: Text, node: yaml.MappingNode, key: str) -> str:
    key_node, value = next((k, v) for k, v in node.value if k.value == key)
    if node.flow_style:
        return source.text[key_node.start_mark.index : value.end_mark.index] + "\n"
    first, last = _pair_lines(source, key_node, value)
    column = key_node.start_mark.column
    return "".join(
        line[column:] if line[:column].isspace() else line.lstrip()
        for line in source.lines[first : last + 1]
    )


def _pair_lines(source: Text, key: yaml.Node, value: yaml.Node) -> tuple[int, int]:
    """The lines of a block mapping's pair, with the comment lines just above its key."""
    first, column = key.start_mark.line, key.start_mark.column
    if source.lines[first][:column].strip():
        raise _Layout  # the key does not start its line (e.g. after « - »)
    last = source.last_line(value)
    after = (
        source.text[value.end_mark.index : source.starts[last + 1]].strip()
        if value.end_mark.line == last
        else ""
    )
    if after and not after.startswith("#"):
        raise _Layout
    while (
        first > 0
        and source.lines[first - 1].strip().startswith("#")
        and len(source.lines[first - 1]) - len(source.lines[first - 1].lstrip()) == column
    ):
        first -= 1
    return first, last


def _cuts(source: Text, part: Part, keys: list[str]) -> Iterator[Edit]:
    """The edits that take a part's confidential fields out of the text."""
    _, node = source.pairs(part.where)
    if node.flow_style:
        kept = [
            source.text[k.start_mark.index : v.end_mark.index]
            for k, v in node.value
            if k.value not in keys
        ]
        yield Edit(node.start_mark.index, node.end_mark.index, "{" + ", ".join(kept) + "}")
        return
    for key_node, value in node.value:
        if key_node.value in keys:
            first, last = _pair_lines(source, key_node, value)
            yield Edit(*source.line_span(first, last), "")


def _insertion(source: Text, part: Part, detail: str, data: dict[str, Any]) -> Edit:
    """The edit that puts a part's decrypted detail back into its mapping."""
    key, node = source.pairs(part.where)
    if key is None:  # the document itself: the audit's own part
        return _top_insertion(source, detail, data)
    if node.flow_style:
        indent = " " * (key.start_mark.column + 2)
        pairs = [source.text[k.start_mark.index : v.end_mark.index] for k, v in node.value]
        body = "".join(f"{indent}{pair}\n" for pair in pairs) + _indented(detail, indent)
        start = source.text.rfind(":", 0, node.start_mark.index) + 1
        end = source.starts[source.last_line(node) + 1]
        if source.text[node.end_mark.index : end].strip():
            raise _Layout
        return Edit(start, end, "\n" + body)
    indent = " " * node.value[0][0].start_mark.column
    at = source.starts[source.last_line(node) + 1]
    return Edit(at, at, _indented(detail, indent))


def _top_insertion(source: Text, detail: str, data: dict[str, Any]) -> Edit:
    """The audit's own detail goes back before its grades or items (else at the end)."""
    for key_node, _ in source.root.value:
        if key_node.value in (*ENTRY_TABLES, "decision", SEALED_KEY):
            line = key_node.start_mark.line
            while line > 0 and source.lines[line - 1].startswith("#"):
                line -= 1
            return Edit(source.starts[line], source.starts[line], detail)
    end = len(source.text)
    return Edit(end, end, detail)


def _indented(text: str, indent: str) -> str:
    return "".join(
        f"{indent}{line}" if line.strip() else line for line in text.splitlines(keepends=True)
    )


def _with_envelope(source: Text, edits: list[Edit], envelope: dict[str, Any] | None) -> str:
    """The text with ``edits`` applied, its old envelope removed and the new one (if any)
    appended."""
    edits = list(edits)
    for key_node, value in source.root.value:
        if key_node.value == SEALED_KEY:
            first = key_node.start_mark.line
            if first > 0 and source.lines[first - 1].strip() == ENVELOPE_COMMENT:
                first -= 1
            edits.append(Edit(*source.line_span(first, source.last_line(value)), ""))
    text = source.text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    if text and not text.endswith("\n"):
        text += "\n"
    return text + (_envelope_text(envelope) if envelope else "")


def _envelope_text(envelope: dict[str, Any]) -> str:
    lines = [
        ENVELOPE_COMMENT,
        f"{SEALED_KEY}:",
        f"  recipients: {envelope['recipients']}",
        "  parts:",
    ]
    for name, block in envelope["parts"].items():
        lines.append(f"    {_key(name)}: |")
        lines.extend(f"      {line}" for line in block.strip().splitlines())
    return "\n".join(lines) + "\n"


def _key(name: str) -> str:
    """A part name as a YAML key (quoted when YAML would read it otherwise)."""
    return name if yaml.safe_load(f"{name}: x") == {name: "x"} else _quoted(name)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read(text: str) -> Any:
    """YAML text read as the loader reads it (dates kept as written)."""
    doc, problems = parse_yaml(text, "")
    if doc is None or problems:
        raise _Layout
    return doc.data


def _keys_of(text: str) -> set[str]:
    try:
        data = _read(text) if text.strip() else {}
    except _Layout:
        return set()
    return set(data) if isinstance(data, dict) else set()


def _check(text: str, expected: dict[str, Any]) -> None:
    """The written text must read back as exactly the intended data."""
    if _read(text) != expected:
        raise _Layout


def _rewritten(original: str, data: dict[str, Any]) -> str:
    """The file written anew from its data, its leading comments kept."""
    header = []
    for line in original.splitlines(keepends=True):
        if not line.startswith("#"):
            break
        header.append(line)
    envelope = data.get(SEALED_KEY)
    body = yaml.safe_dump(
        {k: v for k, v in data.items() if k != SEALED_KEY},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return "".join(header) + body + (_envelope_text(envelope) if envelope else "")


def seal_file(
    file: Path, path: str, ref: Referentiel, recipients: Recipients, identities: tuple = ()
) -> tuple[bool, list[Problem]]:
    """Seal one audit file in place; whether it changed, and its problems."""
    text = file.read_text(encoding="utf-8")
    sealed, problems = seal_text(text, path, ref, recipients, identities)
    if problems or sealed == text:
        return False, problems
    file.write_text(sealed, encoding="utf-8", newline="\n")
    return True, []
