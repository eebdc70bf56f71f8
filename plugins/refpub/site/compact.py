"""Smaller HTML for every page: the indentation and blank lines Material's templates leave.

A run of whitespace that holds a line break renders as one space in HTML, so each such run is
cut down to the line break alone, except inside the elements where whitespace is content or
code (pre, textarea, code, script, style). At 1000 companies this is about a third of
every generated page (maintainers/performance.md).
"""

from __future__ import annotations

import re

_VERBATIM = re.compile(r"(<(pre|textarea|code|script|style)\b.*?</\2\s*>)", re.S | re.I)
_INDENTED_BREAK = re.compile(r"[ \t\r]*\n\s*")


def collapse_whitespace(html: str) -> str:
    """``html`` with each whitespace run that holds a line break reduced to ``\\n``."""
    parts = _VERBATIM.split(html)
    # split() gives: text, verbatim element, its tag name, text, ...
    out = []
    for index in range(0, len(parts), 3):
        out.append(_INDENTED_BREAK.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
