"""Jinja rendering of generated page bodies, autoescaped, overridable from the project.

A project may override any template by placing a file of the same name in
``overrides/refpub/`` (the theme's custom_dir); the package's templates are the fallback.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from markupsafe import escape as markupsafe_escape
from mkdocs.structure.toc import TableOfContents, get_toc

from ..core.evaluation.registry import known_names, model_named
from ..core.french import de, fr_number
from ..core.referentiels.referentiel import same_name
from ..core.vocabulary import STATUSES
from . import labels
from .urls import SITE_URIS

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def make_environment(override_dirs: list[Path]) -> jinja2.Environment:
    loaders = [jinja2.FileSystemLoader(str(d)) for d in override_dirs if d.is_dir()]
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    loaders += [jinja2.FileSystemLoader(folder) for folder in _model_template_dirs()]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment per build: no need to stat templates per page
    )
    env.filters["fr_number"] = fr_number
    env.filters["fr_date"] = labels.fr_date
    env.filters["company_number"] = labels.company_number
    env.filters["anchor"] = anchor
    env.filters["de"] = de
    env.filters["xref"] = xref
    env.filters["item_counts"] = labels.item_counts
    env.globals.update(
        statuses=STATUSES,
        status_labels=labels.STATUS_LABELS,
        status_plurals=labels.STATUS_PLURALS,
        status_statement=labels.status_statement,
        decision_labels=labels.DECISION_LABELS,
        status_validity=labels.status_validity,
        evidence_labels=labels.EVIDENCE_LABELS,
        scope_change_text=labels.scope_change_text,
        scope_summary=labels.scope_summary,
        status_meanings=labels.STATUS_MEANINGS,
        issued_verbs=labels.ISSUED_VERBS,
        mark_alt=labels.mark_alt,
        same_name=same_name,
        model_partial=model_partial,
        site_uris=SITE_URIS,
    )
    return env


def model_partial(model: str, place: str) -> str:
    """The template showing ``place`` (audit, company, engagement, referentiel) for an
    evaluation model: templates include it rather than branch on the model's name."""
    return model_named(model).templates[place]


def _model_template_dirs() -> list[str]:
    """The template folders of registered models whose partials are not the package's."""
    folders = (model_named(name).template_dir for name in known_names())
    return [folder for folder in folders if folder]


#: « cf. chapitre 3.1 », « (cf. exemple en 3.2) », « en point 1.7 du présent document ».
_CROSS_REFERENCE = re.compile(r"\b(chapitre|point|en)(\s+)((?:\d+\.)+\d+)\b")


def xref(text: str, targets: Any = None, link: Any = None) -> Markup | str:
    """The text, escaped, with each cross-reference to a numbered part of the référentiel
    (« cf. chapitre 3.1 ») turned into a link to the page and anchor that publish it.

    ``targets``: number -> (page uri, anchor), and a glossary mark (« * ») -> the glossary
    it sends to: each mark after a word becomes a link there; ``link``: the plugin's link
    function."""
    if not targets or not link:
        return text
    escaped = str(markupsafe_escape(text))

    def to_link(match: re.Match[str]) -> str:
        word, space, number = match.groups()
        if number not in targets:
            return match.group(0)
        uri, anchor_id = targets[number]
        return f'{word}{space}<a href="{markupsafe_escape(link(uri, anchor_id))}">{number}</a>'

    linked = _CROSS_REFERENCE.sub(to_link, escaped)
    for mark in (key for key in targets if not key[:1].isalnum()):
        uri, anchor_id = targets[mark]
        href = markupsafe_escape(link(uri, anchor_id))
        linked = re.sub(
            rf"(?<=\w){re.escape(mark)}",
            f'<a class="refpub-glossary-mark" href="{href}" '
            f'title="terme défini au glossaire">{mark}</a>',
            linked,
        )
    return Markup(linked)


def anchor(ident: str) -> str:
    """An HTML id for a requirement or engagement id; ids starting with a digit get a prefix."""
    return ident if ident[:1].isalpha() else f"item-{ident}"


class _Headings(HTMLParser):
    """Collects h2/h3 elements that carry an id, to build the page's table of contents."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: list[dict[str, Any]] = []
        self._current: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag in ("h2", "h3") and ident:
            self._current = {"level": int(tag[1]), "id": ident, "name": "", "children": []}

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current["name"] += data

    def handle_endtag(self, tag: str) -> None:
        if self._current is None or tag != f"h{self._current['level']}":
            return
        token, self._current = self._current, None
        token["name"] = escape(" ".join(token["name"].split()))
        if token["level"] == 3 and self.tokens:
            self.tokens[-1]["children"].append(token)
        else:
            self.tokens.append(token)


# Only the headings and the tags carrying an id are parsed: feeding the whole body to
# HTMLParser was the plugin's largest cost on big registers (see maintainers/performance.md).
# Autoescaped templates never leave a raw ">" inside an attribute value.
_HEADING = re.compile(r"<h([23])\b[^>]*>.*?</h\1\s*>", re.S | re.I)
#: Our autoescaped templates write every attribute value between double quotes.
_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]*)"')


def toc_from_html(html: str) -> TableOfContents:
    parser = _Headings()
    parser.feed("".join(m.group() for m in _HEADING.finditer(html)))
    return get_toc(parser.tokens)  # type: ignore[arg-type]


def anchor_ids(html: str) -> set[str]:
    """The ids of a rendered body, so MkDocs can check links to anchors of generated pages."""
    return {unescape(ident) for ident in _ID.findall(html)}
