"""The check that a rendered page carries the mentions the core requires of it.

Why HTML and not only the model: the « document d'information » and the company page are
what customers read, and their templates may be overridden by the project
(``overrides/refpub/``); the core says which mentions with which values a page must carry
(:func:`refpub.core.referentiels.communication.page_mentions`), this checks the page really does. A
rendered mention is an element with ``data-mention="<scope><id>"``; it must contain each
value (the mark also as an image).
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from ..core.referentiels.communication import PageMentions, RequiredMention

VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


@dataclass(frozen=True)
class Rendered:
    """A mention as found in a rendered page: its text and whether it shows an image."""

    text: str
    image: bool


class _MentionParser(HTMLParser):
    """Collects the text (whitespace collapsed) and images of each data-mention element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}
        self.images: set[str] = set()

    def _open(self) -> list[str]:
        return [m for _, m in self.stack if m is not None]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        mention = dict(attrs).get("data-mention")
        if tag == "img":
            self.images.update(self._open())
            if mention:
                self.images.add(mention)
        if mention is not None:
            self.text.setdefault(mention, [])
        if tag not in VOID_TAGS:
            self.stack.append((tag, mention))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for mention in self._open():
            self.text[mention].append(data)


def normalise(text: str) -> str:
    """Whitespace collapsed, so that line breaks in the HTML do not matter."""
    return " ".join(text.split())


def rendered_mentions(html: str) -> dict[str, Rendered]:
    """Every ``data-mention`` element of the page, by mention id."""
    first = html.find("data-mention")
    if first < 0:
        return {}
    parser = _MentionParser()
    parser.feed(html[html.rfind("<", 0, first) :])  # what precedes cannot hold a mention
    parser.close()
    return {k: Rendered(normalise("".join(v)), k in parser.images) for k, v in parser.text.items()}


def _carries(found: Rendered | None, required: RequiredMention) -> bool:
    if found is None or (required.needs_image and not found.image):
        return False
    return all(normalise(value) in found.text for value in required.values)


def missing(page: PageMentions, html: str) -> list[RequiredMention]:
    """The required mentions absent from ``html`` (or present without their content)."""
    found = rendered_mentions(html)
    return [m for m in page.mentions if not _carries(found.get(page.scope + m.id), m)]


def message(page: PageMentions, where: str, absent: list[RequiredMention]) -> str:
    """The French build error naming each missing mention."""
    reference = f" ({page.support.reference})" if page.support.reference else ""
    return "\n".join(
        f"{where} : mention obligatoire manquante « {m.label} »{reference}" for m in absent
    )
