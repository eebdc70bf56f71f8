"""Problems found in the data, reported as ``PATH:LINE: message`` for the auditors."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located by line (1-based) and column (1-based, 0 if unknown)."""

    path: str
    line: int
    column: int
    message: str

    def format_text(self) -> str:
        column = f"{self.column}:" if self.column else ""
        return f"{self.path}:{self.line}:{column} {self.message}"

    def format_github(self) -> str:
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        column = f",col={self.column}" if self.column else ""
        return f"::error file={self.path},line={self.line}{column}::{message}"


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found, never a partial list."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.format_text() for p in self.problems))


def suggestion(word: str, choices: Iterable[str]) -> str:
    """A French hint naming the closest valid choice, or an empty string when none is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def quoted_list(choices: Iterable[str]) -> str:
    """Choices as a French enumeration for messages: « a », « b », « c »."""
    return ", ".join(f"« {c} »" for c in choices)
