"""MkDocs' English notices that a refpub preview does not need, kept off the terminal.

``make serve`` asks for ``--dirty`` so that a change rebuilds only what it touches; MkDocs
then warns, in English, on every rebuild that navigation may be inaccurate. refpub tracks
its generated pages itself (their fingerprints), so the warning says nothing to the user.
"""

from __future__ import annotations

import logging

#: The start of MkDocs 1.6's warning about ``--dirty`` builds (mkdocs/commands/build.py).
DIRTY_WARNING = "A 'dirty' build is being performed"
BUILD_LOGGER = "mkdocs.commands.build"


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


_FILTER = _DropDirtyWarning()


def silence_dirty_warning() -> None:
    """Drop MkDocs' ``--dirty`` warning from its build logger (once, however often called)."""
    logging.getLogger(BUILD_LOGGER).addFilter(_FILTER)
