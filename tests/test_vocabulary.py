"""One vocabulary (issue #11.2): outcomes, statuses, patterns and the skeleton placeholder are
written once, in core/vocabulary.py; French words and date formats only in the site layer."""

from __future__ import annotations

import re

from refpub.core import vocabulary

from conftest import PROJECT

PLUGINS = PROJECT / "plugins/refpub"
SOURCES = {file: file.read_text("utf-8") for file in sorted(PLUGINS.rglob("*.py"))}


def _files_with(literal: str) -> list[str]:
    return [str(file.relative_to(PLUGINS)) for file, text in SOURCES.items() if literal in text]


def test_outcomes_patterns_and_placeholder_are_defined_once():
    for outcome in vocabulary.OUTCOMES:  # the site keys its French words by status
        owners = [f for f in _files_with(f'"{outcome}"') if f.startswith("core/")]
        assert owners == ["core/vocabulary.py"], outcome
    for literal in (
        '"[A-Z0-9-]{3,40}"',
        "[a-z0-9]+(-[a-z0-9]+)*",
        "$(?!",
        f'"{vocabulary.PLACEHOLDER}"',
    ):
        assert _files_with(literal) == ["core/vocabulary.py"], literal


def test_statuses_are_named_once_in_the_core_and_said_in_french_in_the_site():
    for status in vocabulary.STATUSES:
        owners = [f for f in _files_with(f'"{status}"') if f.startswith("core/")]
        assert owners == ["core/vocabulary.py"], (status, owners)
    french = [f for f in _files_with('"Suspendu"') + _files_with('"Retiré"')]
    assert set(french) <= {"site/labels.py", "site/certificates.py"}


def test_dates_are_formatted_in_the_site_layer_only():
    formats = [
        f
        for f, text in ((str(f.relative_to(PLUGINS)), t) for f, t in SOURCES.items())
        if re.search(r"strftime\(", text)
    ]
    assert all(f.startswith("site/") for f in formats), formats
