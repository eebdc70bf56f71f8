"""Drafting notes of a référentiel's source text and the points left pending with its owner.

A source may carry its authors' working notes (« A définir », « A revoir selon ... ») or miss
a piece (no cover page, hence no full title). The data keeps the text word for word and
declares each note; the site publishes a declared note only as « note de rédaction du
référentiel, en attente », in the wording the data gives (no person's name), and lists every
pending point on one page for the certification body to settle with the référentiel's owner.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..vocabulary import Blocks

if TYPE_CHECKING:
    from .referentiel import DraftingNote, GlossaryEntry, Referentiel


@dataclass(frozen=True)
class Pending:
    """One point to settle with the référentiel's owner, and where the site shows it."""

    subject: str  # « Glossaire : Digital », « Titre complet du référentiel »
    note: Blocks  # what the site publishes about it (never a person's name)
    page: str  # role of the page showing it: "glossary" or "index"
    anchor: str


@dataclass(frozen=True)
class PublishedEntry:
    """A glossary entry as published: its definition without the drafting notes, which the
    site shows apart, as pending. Derived from the entry alone, so the two cannot disagree."""

    entry: GlossaryEntry

    @property
    def anchor(self) -> str:
        return term_anchor(self.entry.term)

    @property
    def definition(self) -> Blocks:
        return without_notes(self.entry.definition, self.entry.drafting_notes)

    @property
    def pending(self) -> tuple[str, ...]:
        """The published wording of each drafting note (never a person's name)."""
        return tuple(n.published for n in self.entry.drafting_notes)


def slug(text: str) -> str:
    """An HTML id from a term: accents dropped, lower case, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "terme"


def term_anchor(term: str) -> str:
    return f"terme-{slug(term)}"


def without_notes(value: Blocks, notes: tuple[DraftingNote, ...]) -> Blocks:
    """Rich text with the declared drafting notes taken out (they are published apart);
    a paragraph left empty disappears."""
    cleaned: list[Any] = []
    for block in value:
        if isinstance(block, str):
            block = _strip(block, notes)
            if block:
                cleaned.append(block)
        elif "list" in block:
            items = [t for t in (_strip(i, notes) for i in block["list"]) if t]
            if items:
                cleaned.append({"list": items})
        else:
            cleaned.append(block)
    return tuple(cleaned)


def _strip(text: str, notes: tuple[DraftingNote, ...]) -> str:
    for note in notes:
        text = text.replace(note.text, " ")
    return " ".join(text.split())


def glossary_entries(ref: Referentiel) -> list[PublishedEntry]:
    """The glossary as published: definitions without their drafting notes, each entry with
    its anchor and the notes to show as pending."""
    return [PublishedEntry(entry) for entry in ref.glossary]


def pending_notes(ref: Referentiel) -> list[Pending]:
    """Every point of the référentiel waiting for its owner: the declared pending notes and
    the drafting notes of the glossary, in the order of the file."""
    notes = [Pending(n.subject, n.note, "index", f"en-attente-{n.id}") for n in ref.pending_notes]
    for published in glossary_entries(ref):
        for note in published.pending:
            notes.append(
                Pending(
                    f"Glossaire : {published.entry.term}", (note,), "glossary", published.anchor
                )
            )
    return notes
