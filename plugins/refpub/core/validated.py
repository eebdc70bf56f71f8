"""Documents already found valid against a schema, keyed by their content: JSON-Schema
validation of thousands of unchanged audits is the largest part of loading a repository.

A key is the digest of the schema and of the document's data, so a changed file, a changed
schema or another jsonschema version validates afresh. Kept in memory for ``mkdocs serve``;
with ``REFPUB_CACHE_DIR`` set (``make site``, the publish workflow restores the folder from
its previous run) it is also a file, read once and rewritten at exit, so a cold CI build
skips what an earlier build already validated. Only successes are kept: a document with
problems is always validated again, so its messages are always complete.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_ENV = "REFPUB_CACHE_DIR"

_schema_digests: dict[int, tuple[Any, str]] = {}
_known: set[str] | None = None
_added: set[str] = set()


def key(data: Any, schema: dict[str, Any]) -> str:
    """The content key of ``data`` validated against ``schema``."""
    text = json.dumps(data, ensure_ascii=False, default=repr)
    return hashlib.sha256(f"{_schema_digest(schema)}\0{text}".encode()).hexdigest()


def is_known(content_key: str) -> bool:
    return content_key in _store()


def remember(content_key: str) -> None:
    store = _store()
    if content_key not in store:
        store.add(content_key)
        _added.add(content_key)


def _schema_digest(schema: dict[str, Any]) -> str:
    """Computed once per schema object (the object is kept, so its id is never reused)."""
    cached = _schema_digests.get(id(schema))
    if cached is None or cached[0] is not schema:
        text = json.dumps(schema, sort_keys=True, default=repr)
        version = metadata.version("jsonschema")
        cached = (schema, hashlib.sha256(f"{version}\0{text}".encode()).hexdigest())
        _schema_digests[id(schema)] = cached
    return cached[1]


def _path() -> Path | None:
    folder = os.environ.get(CACHE_ENV, "").strip()
    return Path(folder) / "validated.txt" if folder else None


def _store() -> set[str]:
    global _known
    if _known is None:
        _known = set()
        path = _path()
        if path is not None and path.is_file():
            _known.update(path.read_text("ascii").split())
        if path is not None:
            atexit.register(_save, path)
    return _known


def _save(path: Path) -> None:
    """Adds this run's new keys to the file (sorted: the same keys give the same file)."""
    if not _added:
        return
    previous = set(path.read_text("ascii").split()) if path.is_file() else set()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(sorted(previous | _added)) + "\n", "ascii")
    temporary.replace(path)
