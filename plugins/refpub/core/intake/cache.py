"""Checked files kept by their content, for the lifetime of their owner.

``mkdocs serve`` keeps the plugin instance across rebuilds (it has ``on_startup``), and the
plugin owns one :class:`CheckedFiles`: what was parsed, validated and scored from unchanged
files is reused, so an edit to one audit only re-checks that audit. The CLI makes a fresh
one per command. Cached values are immutable (frozen models), so sharing them is safe.
"""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class ContentCache(Generic[T]):
    """A dict with a size bound: past ``limit`` entries it starts afresh (old versions of
    edited files would otherwise pile up during a long preview session)."""

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit
        self._entries: dict[tuple, T] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: tuple) -> T | None:
        return self._entries.get(key)

    def put(self, key: tuple, value: T) -> T:
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[key] = value
        return value


class CheckedFiles:
    """The référentiels and audits checked so far, by (file, content, what it depends on)."""

    def __init__(self) -> None:
        self.referentiels: ContentCache = ContentCache()
        self.audits: ContentCache = ContentCache()
