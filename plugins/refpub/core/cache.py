"""A process-wide cache of checked files keyed by their content, for live preview.

``mkdocs serve`` reloads the plugin on every change; what was parsed, validated and scored
from unchanged files is reused, so an edit to one audit only re-checks that audit.
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

    def get(self, key: tuple) -> T | None:
        return self._entries.get(key)

    def put(self, key: tuple, value: T) -> T:
        if len(self._entries) >= self.limit:
            self._entries.clear()
        self._entries[key] = value
        return value

    def clear(self) -> None:
        self._entries.clear()
