"""Outside the référentiels, the site speaks in its own words: no published page quotes a
sentence of the source documents (shared/seeds) of 12 words or more.

The référentiels themselves are published word for word (their pages, the information
documents whose mentions the référentiel dictates, the pre-audit simulator that grades its
sub-criteria), so they are left out. Every other page of the session build is compared with
every seed: any run of 12 consecutive words shared with a seed fails (case ignored, accents
kept, punctuation and apostrophes ignored; code samples are data, not prose). Whitelisted:
the labels the tools must keep (the livre blanc's 8 themes and 3 level names, the names of
the 10 indicators) and the référentiels' items and engagement titles where a page names them
(an audit's nonconformities and per-engagement counts, what a certificate covers, the
auditors' rules on conditional items), taken from the référentiel files themselves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from html_tree import Node, parse

from refpub.core.audits.repository import load_referentiels
from refpub.core.vocabulary import flatten

from conftest import PROJECT, SEEDS

RUN = 12
#: Published word for word on purpose: the référentiels (and their list), the documents
#: whose mentions they dictate, and the pre-audit simulators, whose labels are the
#: référentiel's own sub-criteria and thresholds.
REFERENTIEL_PAGES = (
    re.compile(r"^referentiels/"),
    re.compile(r"^certificats/[^/]+/document-information/"),
    re.compile(r"^outils/simulateur-[^/]+/"),
)
#: Labels the self-assessment keeps from the livre blanc (its 8 themes, its 3 level names).
WHITELIST = [
    "la formalisation de vos engagements / vos promesses clients",
    "l'identification des points de contact clients",
    "l'animation de vos équipes pour instaurer une prise de conscience généralisée de "
    "l'enjeu de la relation client",
    "la mesure de la satisfaction client",
    "la connaissance de vos prospects / clients",
    "l'efficacité de votre communication auprès de vos prospects / clients",
    "les moyens déployés pour connaître les besoins et les avis de vos clients",
    "les moyens déployés pour fidéliser vos clients",
    "Relation Client à consolider",
    "Relation Client maîtrisée",
    "Excellence en Relation Client",
    # the names of the 10 indicators of 100% Satisfaction, which label their checkboxes
    "Base de données clients",
    "Connaissance des attentes clients",
    "Traitement des réclamations",
    "Un service client (CRM)",
    "Indicateurs internes",
    "Revue de compte client",
    "Baromètres de satisfaction",
    "Plans d'action et équipes projet",
    "Stimulation et récompenses",
    "Communication externe",
]
BLOCK_TAGS = {
    "p",
    "li",
    "td",
    "th",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "caption",
    "figcaption",
    "legend",
    "label",
    "blockquote",
    "div",
    "summary",
    "section",
    "article",
    "ul",
    "ol",
    "table",
    "tr",
    "tbody",
    "thead",
    "dl",
    "figure",
    "fieldset",
    "form",
    "nav",
    "details",
}
#: Not prose: scripts, drawings, and data samples in code blocks (the formats' examples).
SKIPPED = {"script", "style", "svg", "pre", "code"}
WORD = re.compile(r"[0-9a-zà-öø-ÿœæ]+")


def words(text: str) -> list[str]:
    """Words for comparison: lower case, accents kept, punctuation and apostrophes dropped."""
    return WORD.findall(text.replace("’", "'").lower())


def runs(tokens: list[str], size: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    if not SEEDS.is_dir():
        pytest.skip(f"source texts absent: {SEEDS}")
    found: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        found |= runs(words(seed.read_text(encoding="utf-8")))
    return found


def own_text(node: Node) -> str:
    """The text of an element without the text of the blocks nested in it."""
    parts = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag not in BLOCK_TAGS and child.tag not in SKIPPED:
            parts.append(own_text(child))
    return "".join(parts)


def blocks_of(page: Node) -> list[list[str]]:
    """The words of each block of the page's content, whitelisted labels taken out."""
    content = page.find_all("article") or page.find_all("body")
    out = []
    for node in content[0].iter() if content else []:
        if node.tag in BLOCK_TAGS and not any(node.inside(tag) for tag in SKIPPED):
            tokens = words(own_text(node))
            if len(tokens) >= RUN:
                out.append(without_whitelist(tokens))
    return out


def referentiel_items() -> list[str]:
    """The référentiels' own items and the wording that makes an item conditional: pages
    that refer to an item (an audit's nonconformities, the auditors' rules) quote it as the
    référentiel's, word for word."""
    texts: list[str] = []
    for ref in load_referentiels(PROJECT).referentiels.values():
        # an engagement is named by its title (what a certificate covers, an audit's counts)
        texts += [engagement.title for engagement in ref.engagements]
        for requirement in ref.requirements.values():
            texts += flatten(requirement.text)
        for condition in getattr(ref.evaluation, "not_applicable", {}).values():
            texts += [condition, *re.findall(r"«\s*(.*?)\s*»", condition)]
    return texts


def _index(phrases: list[str]) -> dict[str, list[list[str]]]:
    """Allowed phrases by first word, longest first."""
    index: dict[str, list[list[str]]] = {}
    for phrase in sorted((words(p) for p in phrases), key=len, reverse=True):
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return index


_ALLOWED = _index(WHITELIST + referentiel_items())


def without_whitelist(tokens: list[str]) -> list[str]:
    """Whitelisted labels and quoted items replaced by a marker no source run can contain."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase in _ALLOWED.get(tokens[i], ()):
            if tokens[i : i + len(phrase)] == phrase:
                out.append("§")
                i += len(phrase)
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def quoted_runs(tokens: list[str], source: set[tuple[str, ...]]) -> list[str]:
    """Maximal runs of 12 words or more of ``tokens`` shared with a source."""
    hits = [i for i in range(len(tokens) - RUN + 1) if tuple(tokens[i : i + RUN]) in source]
    found, start, end = [], None, -1
    for i in hits:
        if start is not None and i <= end:
            end = i + RUN
            continue
        if start is not None:
            found.append(" ".join(tokens[start:end]))
        start, end = i, i + RUN
    if start is not None:
        found.append(" ".join(tokens[start:end]))
    return found


def is_referentiel_page(path: str) -> bool:
    return any(pattern.match(path) for pattern in REFERENTIEL_PAGES)


def test_no_page_outside_the_referentiels_quotes_the_sources(
    built_site: Path, seed_runs: set[tuple[str, ...]]
) -> None:
    quoted = []
    pages = 0
    for file in sorted(built_site.rglob("*.html")):
        path = file.relative_to(built_site).as_posix()
        if is_referentiel_page(path):
            continue
        pages += 1
        for tokens in blocks_of(parse(file)):
            quoted += [f"{path}: « {run} »" for run in quoted_runs(tokens, seed_runs)]
    assert pages > 30
    assert not quoted, f"{len(quoted)} citation(s) de 12 mots ou plus :\n" + "\n".join(quoted)


def test_the_guide_pages_are_checked(built_site: Path) -> None:
    """Guards the walk: the guide, the tools and the new complaint-handling page are in it."""
    for path in (
        "guide/index.html",
        "guide/reclamations/index.html",
        "autoevaluation/index.html",
        "outils/indicateurs/index.html",
    ):
        assert (built_site / path).is_file(), path
        assert not is_referentiel_page(path)
    assert is_referentiel_page("referentiels/cliq-2006/evaluation/index.html")


def test_a_copied_sentence_is_found() -> None:
    source = runs(
        words(
            "Le taux de satisfaction est une mesure globale de la satisfaction des "
            "clients. Il peut être calculé en fonction du nombre de réponses."
        )
    )
    page = parse(
        "<article><p>Chez nous, le taux de satisfaction est une mesure globale de la "
        "satisfaction des clients ; il peut être calculé autrement.</p>"
        "<p>La mesure de la satisfaction client</p></article>"
    )
    found = [run for tokens in blocks_of(page) for run in quoted_runs(tokens, source)]
    assert found == [
        "le taux de satisfaction est une mesure globale de la satisfaction des "
        "clients il peut être calculé"
    ]
    whitelisted = parse(
        "<article><p>Notez l'animation de vos équipes pour instaurer une prise "
        "de conscience généralisée de l'enjeu de la relation client.</p>"
        "</article>"
    )
    theme = runs(words(WHITELIST[2]))
    assert [quoted_runs(t, theme) for t in blocks_of(whitelisted)] == [[]]
