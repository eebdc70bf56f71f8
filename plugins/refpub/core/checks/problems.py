"""Problems found in the data, reported as ``PATH:LINE: message`` for the auditors.

A problem is always exactly one line: file names and data quoted in messages may hold line
breaks, control characters or bytes that are not UTF-8, so both are made printable when the
problem is created, and ``--format github`` escapes what GitHub's workflow commands require.
"""

from __future__ import annotations

import difflib
import errno
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .values import FORMAT_CHARACTERS

#: Characters that would split a line, steer a terminal or hide text: C0/C1 controls, line and
#: paragraph separators, format characters (bidirectional overrides, zero-width characters,
#: BOM...), non-characters and lone surrogates (a byte of a non-UTF-8 file name arrives as
#: U+DC80..U+DCFF).
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff" + FORMAT_CHARACTERS + "]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """``text`` on one line, every invisible or line-breaking character written as an escape."""
    return _UNPRINTABLE.sub(_escape_char, text)


def github_data(text: str) -> str:
    """Escape the message of a workflow command (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a property of a workflow command such as ``file=`` (``escapeProperty``)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located by line (1-based) and column (1-based, 0 if unknown).

    ``path`` and ``message`` are stored printable (see :func:`printable`)."""

    path: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(str(self.path)))
        object.__setattr__(self, "message", printable(str(self.message)))

    def format_text(self) -> str:
        column = f"{self.column}:" if self.column else ""
        return f"{self.path}:{self.line}:{column} {self.message}"

    def format_github(self, level: str = "error") -> str:
        """A workflow annotation: ``level`` is ``error`` or ``warning``."""
        column = f",col={self.column}" if self.column else ""
        return (
            f"::{level} file={github_property(self.path)},line={self.line}{column}::"
            f"{github_data(self.message)}"
        )


_OS_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ELOOP: "lien symbolique non suivi",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EIO: "erreur d'entrée-sortie",
    errno.EMFILE: "trop de fichiers ouverts",
}


def os_reason(error: OSError) -> str:
    """Why the system refused, in French (the C library's text is English)."""
    return _OS_REASONS.get(error.errno or 0, f"erreur système {error.errno or ''}".strip())


class DataError(Exception):
    """Raised when data cannot be used; carries every problem found, never a partial list."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.format_text() for p in self.problems))


#: How a problem inside sealed detail names its place: the part and the decrypted text's line.
_SEALED_PLACE = re.compile(r"\(détail scellé « (.+?) », ligne (\d+)\) ")


def place(problem: Problem) -> tuple[str, int, str]:
    """Where a problem is: its file and line, and inside sealed detail the part and line of
    the decrypted text (every problem of a part is reported on the line of its block)."""
    found = _SEALED_PLACE.match(problem.message)
    return problem.path, problem.line, f"{found.group(1)}:{found.group(2)}" if found else ""


def without_lines(problems: list[Problem], explained: list[Problem]) -> list[Problem]:
    """Schema problems minus those on the line of a problem already explained better (a
    forbidden character, « À compléter » to fill in, a « not-applicable » not allowed): one
    message per mistake."""
    places = {place(p) for p in explained}
    return [p for p in problems if place(p) not in places]


def suggestion(word: str, choices: Iterable[str]) -> str:
    """A French hint naming the closest valid choice, or an empty string when none is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" ; vouliez-vous dire « {close[0]} » ?" if close else ""


def quoted_list(choices: Iterable[str]) -> str:
    """Choices as a French enumeration for messages: « a », « b », « c »."""
    return ", ".join(f"« {c} »" for c in choices)
