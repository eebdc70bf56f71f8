"""Warnings told once per command (one ``mkdocs build``, or one ``mkdocs serve`` and all its
rebuilds), and not once per process: MkDocs keeps one plugin instance for the process."""

from __future__ import annotations

import logging


class OnceLog:
    """The warnings already shown, kept by their owner and not by the process."""

    def __init__(self, log: logging.Logger) -> None:
        self.log = log
        self.shown: set[str] = set()

    def warn(self, message: str) -> None:
        if message not in self.shown:
            self.shown.add(message)
            self.log.warning(message)
