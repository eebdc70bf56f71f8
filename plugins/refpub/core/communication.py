"""Communication rules of a référentiel (AMARC chapter VIII: informing customers).

Which mentions a support (the « document d'information », a web page carrying the mark...)
must carry for a given company, and a check that a rendered document carries each of them.
Pure: no MkDocs; the site renders the documents and calls :func:`missing_mentions`.

A rendered mention is an element with ``data-mention="<id>"`` (``<scope><id>`` when a page
carries several référentiels); it must contain the mention's data (company name, mark...)
or, for a mention without data source, its printed wording word for word.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from .company import Company
from .referentiel import Blocks, Referentiel, blocks

INFORMATION_SUPPORT = "document-information"
COMPANY_PAGE = "company-page"
#: Certificate statuses for which a company may show the mark and its information document.
PUBLISHED_STATUSES = ("valid", "suspended")
REFERENTIEL_SOURCES = ("mark", "website", "referentiel", "engagements")
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "source", "track", "wbr"})


@dataclass(frozen=True)
class Mention:
    """One mention a support must carry (VIII.1), with what fills it on a document."""

    id: str
    label: str
    text: Blocks
    wording: Blocks
    condition: str = ""
    when: str | None = None
    source: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Support:
    """A communication support and the mentions it must carry."""

    id: str
    label: str
    mandatory: bool
    reference: str
    mentions: tuple[Mention, ...]
    published_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """What one rendered page must contain: the required mentions of one support."""

    support: Support
    mentions: tuple[Mention, ...]
    expected: dict[str, tuple[str, ...]]
    scope: str = ""

    def missing(self, html: str) -> list[Mention]:
        """The required mentions absent from ``html`` (or present without their content)."""
        found = rendered_mentions(html)
        return [m for m in self.mentions
                if not _carries(found.get(self.scope + m.id), self.expected[m.id], m)]

    def message(self, where: str, missing: list[Mention]) -> str:
        """The French build error naming each missing mention."""
        ref = f" ({self.support.reference})" if self.support.reference else ""
        return "\n".join(f"{where} : mention obligatoire manquante « {m.label} »{ref}"
                         for m in missing)


def _mention(data: dict[str, Any]) -> Mention:
    text = blocks(data.get("text"))
    return Mention(id=data["id"], label=data["label"], text=text,
                   wording=blocks(data.get("document")) or text,
                   condition=data.get("condition", ""), when=data.get("when"),
                   source=data.get("source"), optional=bool(data.get("optional")))


def supports(ref: Referentiel) -> list[Support]:
    """Every communication support the référentiel declares, in file order."""
    return [Support(id=s["id"], label=s["label"], mandatory=bool(s["mandatory"]),
                    reference=s.get("reference", ""),
                    mentions=tuple(_mention(m) for m in s.get("mentions", [])),
                    published_on=tuple(s.get("published_on", [])))
            for s in ref.data.get("communication", {}).get("supports", [])]


def information_support(ref: Referentiel) -> Support | None:
    """The mandatory « document d'information » support, when the référentiel declares one."""
    return next((s for s in supports(ref) if s.id == INFORMATION_SUPPORT and s.mandatory),
                None)


def page_supports(ref: Referentiel, page: str) -> list[Support]:
    """The supports a site page (``company-page``) carrying the mark must respect."""
    return [s for s in supports(ref) if page in s.published_on]


def applies(mention: Mention, company: Company) -> bool:
    """Whether the mention's condition holds for the company (no condition: always)."""
    multi_site = len(company.sites) > 1
    if mention.when == "multi-site":
        return multi_site
    if mention.when == "multi-activity":
        return len(company.activities) > 1
    if mention.when == "partial-network":
        return multi_site and bool(company.data.get("partial_network"))
    return True


def required_mentions(support: Support, company: Company) -> list[Mention]:
    """The mentions the support must carry for this company: not optional, condition met."""
    return [m for m in support.mentions if not m.optional and applies(m, company)]


def mark(ref: Referentiel) -> dict[str, Any]:
    """The collective mark (name, owner, website, logo) of the référentiel, or {}."""
    return ref.data.get("communication", {}).get("mark", {})


def communicated_titles(ref: Referentiel) -> list[str]:
    """Titles, word for word, of the engagements communicated to customers (VIII.3)."""
    ids = ref.data.get("communication", {}).get("communicated_engagements", [])
    titles = {e.id: e.title for e in ref.engagements}
    return [titles[i] for i in ids if i in titles]


def referentiel_values(source: str | None, ref: Referentiel) -> list[str]:
    """The référentiel's data a mention shows (mark, website, title, engagements)."""
    if source == "mark":
        return [mark(ref).get("name", "")]
    if source == "website":
        return [mark(ref).get("website", "")]
    if source == "referentiel":
        return [ref.title, ref.data.get("reference", ref.version)]
    if source == "engagements":
        return communicated_titles(ref)
    return []


def company_values(source: str | None, company: Company) -> list[str]:
    """The company's data a mention shows (beneficiary, sites, activities)."""
    if source == "beneficiary":
        return [company.name, company.address]
    if source == "sites":
        return [v for site in company.sites for v in (site.get("name"), site.get("address"))
                if v]
    if source == "activities":
        return list(company.activities)
    return []


def flatten(value: Blocks) -> list[str]:
    """Paragraphs and list items of rich text, in order."""
    out: list[str] = []
    for block in value:
        out.extend([block] if isinstance(block, str) else block["list"])
    return out


def expected_texts(mention: Mention, ref: Referentiel, company: Company) -> tuple[str, ...]:
    """What the rendered mention must contain: its data, or else its wording."""
    values = referentiel_values(mention.source, ref) + company_values(mention.source, company)
    return tuple(values or flatten(mention.wording))


def make_check(support: Support, ref: Referentiel, company: Company, scope: str = "") -> Check:
    """The check of one page for one support, the company's conditions evaluated."""
    mentions = tuple(required_mentions(support, company))
    return Check(support, mentions, {m.id: expected_texts(m, ref, company) for m in mentions},
                 scope)


def data_problems(ref: Referentiel) -> list[str]:
    """Mentions a checked support requires but the référentiel's data cannot fill (French
    messages); a mention without text is already refused when the référentiel loads."""
    problems = []
    for support in supports(ref):
        if not (support.mandatory or support.published_on):
            continue
        for mention in support.mentions:
            if mention.optional:
                continue
            where = (f"{ref.path} : la mention « {mention.label} » ({mention.id}) du support "
                     f"« {support.label} »")
            if mention.source in REFERENTIEL_SOURCES and not all(
                    referentiel_values(mention.source, ref) or [""]):
                problems.append(f"{where} n'a pas de données ({mention.source})")
    return problems


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


@dataclass(frozen=True)
class Rendered:
    """A mention as found in a rendered page: its text and whether it shows an image."""

    text: str
    image: bool


def normalise(text: str) -> str:
    """Whitespace collapsed, so that line breaks in the HTML do not matter."""
    return " ".join(text.split())


def rendered_mentions(html: str) -> dict[str, Rendered]:
    """Every ``data-mention`` element of the page, by mention id."""
    first = html.find("data-mention")
    if first < 0:
        return {}
    parser = _MentionParser()
    parser.feed(html[html.rfind("<", 0, first):])  # what precedes cannot hold a mention
    parser.close()
    return {k: Rendered(normalise("".join(v)), k in parser.images)
            for k, v in parser.text.items()}


def _carries(found: Rendered | None, expected: tuple[str, ...], mention: Mention) -> bool:
    if found is None:
        return False
    if mention.source == "mark" and not found.image:
        return False
    return all(normalise(e) in found.text for e in expected)


def missing_mentions(support: Support, ref: Referentiel, company: Company, html: str
                     ) -> list[Mention]:
    """The mentions ``support`` requires for ``company`` that the rendered ``html`` lacks."""
    return make_check(support, ref, company).missing(html)
