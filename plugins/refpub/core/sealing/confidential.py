"""Which parts of an audit are confidential, and sealed audits opened for validation.

The public site shows of an audit its identification (référentiel, type, date, auditors,
sites), its public summary, the decision (date, outcome, certificate, scope) and the results
(each sub-criterion's grades, each item's result, the level). Everything else is the
confidential detail: persons met, evidence, observations, justifications, corrective
actions, the committee's comment, and any field added later. The detail is grouped in
parts — the audit's own (``audit``), the decision's (``decision``) and one per graded
sub-criterion or item (``grades/org-1.1``, ``items/1.1``) — and ``refpub seal`` encrypts
each part into the file's ``sealed`` block, so that a diff shows which part changed.

:func:`open_sealed` is the loader's one hook: without identity it checks the sealed block
and validates the public fields alone; with the committee's identity it decrypts every part
and merges it back, and every problem found inside sealed detail names the part and the line
of its decrypted text.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..checks.problems import Problem
from ..intake.source import Located, Path_, parse_yaml
from ..referentiels.referentiel import RadarModel, Referentiel
from .sealed import IDENTITY_ENV, RECIPIENTS_PATH, SealContext, decrypt, header_problem

SEALED_KEY = "sealed"
AUDIT_PART, DECISION_PART = "audit", "decision"
ENTRY_TABLES = ("grades", "items")
#: The audit's fields the public site shows (``sealed`` holds the rest, encrypted).
PUBLIC_FIELDS = frozenset(
    {
        "$schema",
        "referentiel",
        "type",
        "date",
        "lead_auditor",
        "auditors",
        "sites",
        "public_summary",
        "level",
        "decision",
        *ENTRY_TABLES,
        SEALED_KEY,
    }
)
PUBLIC_DECISION_FIELDS = frozenset({"date", "outcome", "certificate", "scope"})
PLAIN_DETAIL = "détail confidentiel en clair : lancez `refpub seal`"
#: Lines of sealed detail are told apart from the file's by this offset (one per part).
PART_LINES = 10_000_000


def entry_public_fields(ref: Referentiel) -> frozenset[str]:
    """The published fields of a graded sub-criterion (its RADAR grades) or of an item (its
    result)."""
    if isinstance(ref.evaluation, RadarModel):
        return frozenset(element.id for element in ref.evaluation.elements)
    return frozenset({"result"})


@dataclass(frozen=True)
class Part:
    """One confidential part of an audit: its name, where its mapping is in the file, and
    the fields of that mapping that the public site shows."""

    name: str
    where: tuple[str, ...]
    public: frozenset[str]

    def detail_keys(self, data: Any) -> list[str]:
        """The confidential fields this part holds in plain text in ``data``."""
        mapping = mapping_at(data, self.where)
        return [k for k in mapping if k not in self.public] if mapping is not None else []


def parts_of(data: Any, ref: Referentiel) -> Iterator[Part]:
    """Every part an audit's data can hold detail in: the audit's, each sub-criterion's or
    item's (file order), the decision's."""
    yield Part(AUDIT_PART, (), PUBLIC_FIELDS)
    public = entry_public_fields(ref)
    for table in ENTRY_TABLES:
        entries = data.get(table) if isinstance(data, dict) else None
        if isinstance(entries, dict):
            for ident, entry in entries.items():
                if isinstance(entry, dict):
                    yield Part(f"{table}/{ident}", (table, str(ident)), public)
    yield Part(DECISION_PART, ("decision",), PUBLIC_DECISION_FIELDS)


def mapping_at(data: Any, where: tuple[str, ...]) -> dict[str, Any] | None:
    for key in where:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, dict) else None


def public_fields(data: dict[str, Any], ref: Referentiel) -> dict[str, Any]:
    """``data`` without its confidential detail nor its sealed block: what the public site
    may be built from, the same whether the detail is sealed or not."""
    public = _copy({k: v for k, v in data.items() if k != SEALED_KEY})
    for part in parts_of(data, ref):
        target = mapping_at(public, part.where)
        if target is None:  # the part is absent: it holds no detail
            continue
        for key in part.detail_keys(data):
            del target[key]
    return public


def public_digest(data: dict[str, Any], ref: Referentiel) -> str:
    """sha256 of the public fields as canonical JSON: the published fingerprint of an audit,
    which neither changes when its detail is sealed nor lets anyone test a guess of it."""
    text = json.dumps(
        public_fields(data, ref),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plain_detail(doc: Located, ref: Referentiel) -> list[Problem]:
    """One problem per part whose confidential detail is in plain text, on its first line."""
    return [
        doc.problem((*part.where, keys[0]), PLAIN_DETAIL, key=True)
        for part in parts_of(doc.data, ref)
        if (keys := part.detail_keys(doc.data))
    ]


@dataclass
class UnsealedDocument(Located):
    """An audit document with its sealed detail merged back: a problem found inside sealed
    detail is reported on the line of the file's sealed block, naming the part and the
    line of its decrypted text."""

    #: (part name, line of its sealed block in the file), by part number (from 1)
    parts: list[tuple[str, int]] = field(default_factory=list)

    def problem(self, where: Path_, message: str, *, key: bool = False) -> Problem:
        line, column = self.line_of(where, key=key)
        if line < PART_LINES:
            return Problem(self.path, line, column, message)
        number, inner = divmod(line, PART_LINES)
        name, block_line = self.parts[number - 1]
        return sealed_problem(self.path, block_line, name, inner, message)


def sealed_problem(path: str, block_line: int, part: str, line: int, message: str) -> Problem:
    return Problem(path, block_line, 0, f"(détail scellé « {part} », ligne {line}) {message}")


@dataclass
class Opened:
    """An audit document ready for validation, and what the sealed block told."""

    doc: Located
    problems: list[Problem]
    #: the parts still in plain text (a warning, or an error where sealing is required)
    plain: list[Problem]
    sealed: bool


def open_sealed(doc: Located, ref: Referentiel, context: SealContext) -> Opened:
    """The document to validate: without ``sealed`` block unchanged; with one, checked
    (recipients current, well-formed age) and, given identities, decrypted and merged."""
    plain = plain_detail(doc, ref)
    envelope = doc.data.get(SEALED_KEY)
    if SEALED_KEY not in doc.data:
        return Opened(doc, [], plain, False)
    public = Located(
        doc.path, {k: v for k, v in doc.data.items() if k != SEALED_KEY}, doc.values, doc.keys
    )
    blocks, problems = _envelope_parts(doc, ref, envelope, context)
    if problems or not context.identities:
        return Opened(public, problems, plain, True)
    merged, problems = _merged(public, ref, blocks, context)
    return Opened(merged, problems, plain, True)


def _envelope_parts(
    doc: Located, ref: Referentiel, envelope: Any, context: SealContext
) -> tuple[dict[str, str], list[Problem]]:
    """The sealed blocks by part name, and every problem of the envelope (no key needed)."""
    at = (SEALED_KEY,)
    if (
        not isinstance(envelope, dict)
        or not isinstance(envelope.get("parts"), dict)
        or not isinstance(envelope.get("recipients"), str)
        or set(envelope) != {"recipients", "parts"}
    ):
        return {}, [
            doc.problem(
                at,
                "bloc « sealed » altéré : il contient « recipients » "
                "(empreinte des destinataires) et « parts » (un bloc "
                "chiffré par partie), tels que refpub seal les écrit",
            )
        ]
    recipients = context.recipients
    if recipients is None:
        return {}, [
            doc.problem(
                at,
                f"détail scellé, mais {RECIPIENTS_PATH} est absent ou "
                "invalide : le comité ne peut pas le vérifier",
                key=True,
            )
        ]
    problems = []
    if envelope["recipients"] != recipients.fingerprint:
        problems.append(
            doc.problem(
                (*at, "recipients"),
                (
                    f"détail scellé pour d'autres destinataires que ceux de {RECIPIENTS_PATH} : "
                    f"lancez `refpub seal` avec {IDENTITY_ENV} pour le chiffrer de nouveau"
                ),
            )
        )
    known = {
        part.name
        for part in parts_of(doc.data, ref)
        if mapping_at(doc.data, part.where) is not None
    }
    blocks = envelope["parts"]
    for name, block in blocks.items():
        where = (*at, "parts", name)
        if name not in known:
            problems.append(
                doc.problem(
                    where,
                    f"partie scellée « {name} » inconnue : aucun "
                    "sous-critère ou item de ce nom dans l'audit",
                    key=True,
                )
            )
            continue
        reason = header_problem(block, len(recipients.keys))
        if reason:
            problems.append(doc.problem(where, f"bloc scellé « {name} » : {reason}"))
    return blocks, problems


def _merged(
    public: Located, ref: Referentiel, blocks: Mapping[str, str], context: SealContext
) -> tuple[Located, list[Problem]]:
    """The public document with each decrypted part merged back, lines remembered."""
    merged = UnsealedDocument(
        public.path, _copy(public.data), dict(public.values), dict(public.keys)
    )
    problems: list[Problem] = []
    by_name = {part.name: part for part in parts_of(public.data, ref)}
    for number, (name, block) in enumerate(blocks.items(), start=1):
        block_line = public.line_of((SEALED_KEY, "parts", name))[0]
        merged.parts.append((name, block_line))
        part = by_name[name]
        try:
            text = decrypt(block, context.identities)
        except ValueError as error:
            problems.append(Problem(public.path, block_line, 0, f"bloc scellé « {name} » {error}"))
            continue
        detail, found = parse_yaml(text, public.path)
        if detail is None or found or not isinstance(detail.data, dict):
            problems.extend(
                sealed_problem(public.path, block_line, name, p.line, p.message) for p in found
            )
            if detail is not None and not isinstance(detail.data, dict):
                problems.append(
                    sealed_problem(
                        public.path,
                        block_line,
                        name,
                        1,
                        "le détail d'une partie est un ensemble de clés",
                    )
                )
            continue
        problems.extend(_merge_part(merged, part, number, detail, block_line))
    return merged, problems


def _merge_part(
    merged: UnsealedDocument, part: Part, number: int, detail: Located, block_line: int
) -> Iterator[Problem]:
    target = mapping_at(merged.data, part.where)
    if target is None:
        return
    offset = number * PART_LINES
    for key, value in detail.data.items():
        line = detail.line_of((key,), key=True)[0]
        if key in part.public:
            yield sealed_problem(
                merged.path,
                block_line,
                part.name,
                line,
                f"« {key} » est publié : il s'écrit en clair, hors du détail scellé",
            )
            continue
        if key in target:
            yield sealed_problem(
                merged.path,
                block_line,
                part.name,
                line,
                f"« {key} » est à la fois en clair et dans le détail scellé",
            )
            continue
        target[key] = value
    for table, source in ((merged.values, detail.values), (merged.keys, detail.keys)):
        for where, (line, column) in source.items():
            if where:
                table[(*part.where, *where)] = (offset + line, column)


def _copy(value: Any) -> Any:
    """A copy of parsed YAML's mappings and lists (scalars are immutable)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
