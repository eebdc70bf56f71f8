"""The published référentiels as a reader gets them (issue #14): CLIQ® 3.2 example and 3.3
template, section numbers that links lead to, sub-headings, no extraction leftover, the
référentiel's words apart from the site's editorial notes, drafting notes only as pending.

Walks the session build of the shipped project (``built_site``)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from html_tree import Node, article

from refpub.core.referentiels.referentiel import load_referentiel
from refpub.site.pages import worked_example

from conftest import PROJECT

SEEDS = PROJECT.parent / "shared" / "seeds"
SEED_OF = {"cliq-2006": "000_1db1757eefa9b10d.txt", "amarc-re-mrc-03": "002_ee3a4d35e1cfd695.txt"}
REFERENTIELS = list(SEED_OF)
#: Pages of a référentiel written by the site itself, labelled as such as a whole.
OWN_PAGES = ("iso-9001", "notes-en-attente")


def in_source(text: str, source: str) -> bool:
    """Whether ``text`` is in the normalised source word for word; where the extraction
    interleaved table columns (or a page break repeated the table header), its words must
    still come in order, each within a few words of the previous one."""
    wanted = normalise(text)
    if wanted in source:
        return True
    words, tokens = wanted.split(), _tokens(source)
    for start in (i for i, token in enumerate(tokens) if token == words[0]):
        position, matched = start, 1
        for word in words[1:]:
            window = tokens[position + 1 : position + 1 + MAX_GAP]
            if word not in window:
                break
            position += 1 + window.index(word)
            matched += 1
        if matched == len(words):
            return True
    return False


MAX_GAP = 40
_TOKENS: dict[str, list[str]] = {}


def _tokens(source: str) -> list[str]:
    """The source's words, split once per source text (keyed by the text itself: an id
    could be reused by another text once the first is freed)."""
    if source not in _TOKENS:
        _TOKENS[source] = source.split()
    return _TOKENS[source]


def normalise(text: str) -> str:
    """For comparing with a source text: bullets, bold stars and typographic apostrophes
    dropped, whitespace folded, case ignored."""
    text = text.replace("’", "'").replace("▶", " ").replace("•", " ").replace("*", "")
    text = re.sub(r"(?m)^\s*-\s+", " ", text)
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"source texts absent: {SEEDS}")
    return {
        ref: normalise((SEEDS / name).read_text(encoding="utf-8")) for ref, name in SEED_OF.items()
    }


def pages_of(site: Path, ref_id: str, own: bool = False) -> dict[str, Node]:
    """Every published page of a référentiel, by path (its own pages left out unless asked)."""
    folder = site / "referentiels" / ref_id
    return {
        file.relative_to(site).as_posix(): article(file)
        for file in sorted(folder.rglob("index.html"))
        if own or not any(part in file.parts for part in OWN_PAGES)
    }


def cliq_page(site: Path, name: str) -> Node:
    return article(site / "referentiels" / "cliq-2006" / name / "index.html")


# --- CLIQ® 3.2 example and 3.3 template --------------------------------------------------


def test_the_3_2_example_is_published_with_its_note(built_site: Path) -> None:
    page = cliq_page(built_site, "evaluation")
    example = page.find_all("div", "refpub-example")
    assert len(example) == 1
    text = example[0].text()
    assert text.startswith("Exemple :")
    table = example[0].find_all("table")[0]
    assert [th.text() for th in table.find_all("thead")[0].find_all("th")][:3] == [
        "Engagements",
        "Sous-critères",
        "Éléments d'évaluation",
    ]
    first = table.find_all("tbody")[0].find_all("tr")[0].find_all("td")
    assert first[0].text() == "1 Responsabilité de pilotage"
    assert first[1].text().startswith("1.1 Je m'engage à mettre en œuvre")
    rows = {
        row.find_all("th")[0].text(): [c.text() for c in row.find_all("td")][-3:]
        for row in table.find_all("tbody")[0].find_all("tr")
    }
    assert rows == {
        "Approche": ["", "", "2"],
        "Déploiement": ["", "1", ""],
        "Résultats": ["0", "", ""],
        "Évaluation et revue": ["0", "", ""],
    }
    assert table.find_all("tfoot")[0].find_all("th")[0].text() == "Note"
    assert example[0].find_all("td", "refpub-example-note")[0].text() == "50 %"


def test_the_example_note_is_computed_by_the_scoring_code() -> None:
    ref = load_referentiel(PROJECT / "referentiels" / "cliq-2006.yaml")
    assert worked_example(ref)["note"] == pytest.approx(50.0)
    other = dataclasses.replace(
        ref.evaluation.example, grades={"approach": 2, "deployment": 2, "results": 1, "review": 0}
    )
    changed = dataclasses.replace(
        ref, evaluation=dataclasses.replace(ref.evaluation, example=other)
    )
    assert worked_example(changed)["note"] == pytest.approx(75.0)


def test_the_3_3_detailed_report_template_follows_its_announcement(built_site: Path) -> None:
    page = cliq_page(built_site, "evaluation")
    template = page.find_all("figure", "refpub-report-template")
    assert len(template) == 1
    tables = {
        t.find_all("caption")[0].text(): [th.text() for th in t.find_all("th")]
        for t in template[0].find_all("table")
    }
    assert tables == {
        "Personnes rencontrées": ["Nom", "Prénom", "Fonction"],
        "Preuves recueillies": ["Type (1)", "Référence", "Intitulé", "Observations"],
    }
    assert (
        template[0].find_all("figcaption")[0].text()
        == "(1) Document ; Enregistrement ; Déclaration"
    )
    announcing = [li for li in page.find_all("li") if li.text().endswith("exemple ci-dessous :")]
    assert len(announcing) == 1
    assert next_block(announcing[0]) is template[0]


# --- section numbers, sub-headings, leftovers ----------------------------------------------


EXPECTED_NUMBERS = (
    [f"1.{i}" for i in range(1, 12)] + ["2.1", "2.2", "2.3"] + ["3.1", "3.2", "3.3", "3.4"]
)


def test_every_section_number_is_shown_and_links_to_its_part(built_site: Path) -> None:
    summary = cliq_page(built_site, "").find_all("nav", "refpub-parts")
    assert summary, "no table of contents on the CLIQ® overview"
    links = {a.text().split(" ", 1)[0]: a.attrs["href"] for a in summary[0].find_all("a")}
    assert set(EXPECTED_NUMBERS) <= set(links), sorted(set(EXPECTED_NUMBERS) - set(links))
    base = built_site / "referentiels" / "cliq-2006"
    for number in EXPECTED_NUMBERS:
        path, _, anchor = links[number].partition("#")
        target = (base / path / "index.html").resolve()
        heading = [n for n in article(target).iter() if n.attrs.get("id") == anchor]
        assert heading and heading[0].tag in ("h2", "h3"), (number, links[number])
        assert heading[0].text().startswith(number + " "), (number, heading[0].text())


def test_cross_references_to_a_chapter_are_links(built_site: Path) -> None:
    page = cliq_page(built_site, "engagement-org-1")
    notes = page.find_all("div", "refpub-requirement-note")
    assert len(notes) == 3
    for note in notes:
        assert note.text() == "Mesure – cf. chapitre 3.1"
        assert [a.attrs["href"] for a in note.find_all("a")] == ["../evaluation/#chapitre-3-1"]
    thresholds = cliq_page(built_site, "evaluation")
    assert any(
        a.attrs.get("href", "").endswith("#chapitre-3-2")
        and "exemple en" in (a.parent.text() if a.parent else "")
        for a in thresholds.find_all("a")
    )


@pytest.mark.parametrize(
    ("page", "headings"),
    [
        (
            "",
            [
                "CLIQ® pourquoi ?",
                "CLIQ® avec qui ?",
                "CLIQ® c'est quoi ?",
                "CLIQ® comment ?",
                "CLIQ® où ?",
                "1.1.1 Intérêts du « référentiel Métier CLIQ® »",
            ],
        ),
        ("engagement-op-2", ["ACTIVITE TRANSPORT", "ACTIVITE LOGISTIQUE"]),
        ("engagement-org-2", ["METHODES", "MOYENS MATERIELS", "INFORMATION/FORMATION"]),
    ],
)
def test_sub_headings_of_the_source_are_headings(
    built_site: Path, page: str, headings: list[str]
) -> None:
    content = cliq_page(built_site, page)
    shown = [n.text() for n in content.iter() if n.tag in ("h2", "h3", "h4")]
    for heading in headings:
        assert heading in shown, heading
        assert not [
            n for n in content.find_all("li") + content.find_all("p") if n.text() == heading
        ], f"{heading} is still a list item or paragraph"


#: Endings that announce something (a list, a table, a picture) that must follow.
ANNOUNCING = re.compile(r"((ci-dessous|ci-après)\s*:?|(suivante?s?|exemple)\s*:)\s*$", re.I)
#: What may follow an announcing sentence: the announced list, table, figure or grid, or a
#: note of the site saying what the source shows there.
ANNOUNCED = {"ul", "ol", "table", "figure", "dl"}
ANNOUNCED_DIVS = {
    "refpub-table-wrap",
    "refpub-editorial",
    "refpub-example",
    "refpub-evidence-groups",
}
LEFTOVER = re.compile(r"\bM Mesure\b|^M$")
BLOCKS = {
    "p",
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "div",
    "ul",
    "ol",
    "table",
    "figure",
    "dl",
    "section",
    "blockquote",
    "nav",
    "caption",
    "figcaption",
}


def next_block(node: Node) -> Node | None:
    """The next block element after ``node`` in document order (outside it)."""
    while node.parent is not None:
        siblings = node.parent.children
        position = next(i for i, sibling in enumerate(siblings) if sibling is node)
        for sibling in siblings[position + 1 :]:
            if isinstance(sibling, Node) and sibling.tag in BLOCKS:
                return sibling
            if isinstance(sibling, str) and sibling.strip():
                return None
        node = node.parent
        if node.tag == "article":
            return None
    return None


def suspicious(content: Node) -> list[str]:
    found = []
    for node in content.iter():
        if node.tag not in ("p", "li", "dd", "td"):
            continue
        text = node.text()
        if LEFTOVER.search(text):
            found.append(f"reste d'extraction : « {text} »")
        if not ANNOUNCING.search(text):
            continue
        after = next_block(node)
        if after is None or not (
            after.tag in ANNOUNCED or (after.tag == "div" and after.classes & ANNOUNCED_DIVS)
        ):
            found.append(
                f"« …{text[-60:]} » suivi de {'rien' if after is None else '<' + after.tag + '>'}"
            )
    return found


@pytest.mark.parametrize("ref_id", REFERENTIELS)
def test_no_extraction_leftover_on_any_page(built_site: Path, ref_id: str) -> None:
    problems = [
        f"{path}: {p}"
        for path, content in pages_of(built_site, ref_id, own=True).items()
        for p in suspicious(content)
    ]
    assert not problems, "\n".join(problems)


def test_the_leftover_check_sees_an_announcement_followed_by_nothing() -> None:
    page = article(
        "<article><p>Les modalités sont les suivantes :</p><p>Autre.</p>"
        "<p>M Mesure – cf. chapitre 3.1</p><p>Voir ci-dessous :</p>"
        "<ul><li>un</li></ul></article>"
    )
    assert suspicious(page) == [
        "« …Les modalités sont les suivantes : » suivi de <p>",
        "reste d'extraction : « M Mesure – cf. chapitre 3.1 »",
    ]


# --- the référentiel's words and the site's --------------------------------------------------


def editorial_texts(value) -> list[str]:
    """Every editorial note of a référentiel file, wherever it is."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "editorial":
                found += (
                    [item] if isinstance(item, str) else [b for b in item if isinstance(b, str)]
                )
            else:
                found += editorial_texts(item)
    elif isinstance(value, list):
        for item in value:
            found += editorial_texts(item)
    return found


@pytest.mark.parametrize("ref_id", REFERENTIELS)
def test_every_editorial_note_is_published_as_one(built_site: Path, ref_id: str) -> None:
    data = yaml.safe_load((PROJECT / "referentiels" / f"{ref_id}.yaml").read_text("utf-8"))
    notes = editorial_texts(data)
    assert notes
    boxes = [
        box
        for content in pages_of(built_site, ref_id).values()
        for box in content.find_all("div", "refpub-editorial")
    ]
    for box in boxes:
        assert box.find_all("p", "admonition-title")[0].text() == "Note de la rédaction"
    marked = " ".join(box.text() for box in boxes)
    for note in notes:
        assert " ".join(note.split()) in marked, note


def test_cliq_decisions_quote_1_6_and_mark_the_sites_additions(
    built_site: Path, seeds: dict[str, str]
) -> None:
    page = cliq_page(built_site, "certification")
    decisions = {s.attrs["id"]: s for s in page.find_all("section", "refpub-decision")}
    quotes = {
        key: [q.text() for q in s.find_all("blockquote", "refpub-quote")]
        for key, s in decisions.items()
    }
    assert quotes["decision-refused"] == []
    assert decisions["decision-refused"].find_all("div", "refpub-editorial")
    sanction = "Une sanction éventuelle en cas de dérive (suspension voir retrait du certificat)"
    for split in ("decision-suspended", "decision-withdrawn"):
        assert quotes[split] == [f"{sanction} Référentiel, 1.6"], quotes[split]
        assert decisions[split].find_all("div", "refpub-editorial"), split
    for quoted in (q for qs in quotes.values() for q in qs):
        assert "Refus" not in quoted and "Suspension du" not in quoted
    for decision in decisions.values():
        for quote in decision.find_all("blockquote", "refpub-quote"):
            for paragraph in quote.find_all("p"):
                assert in_source(paragraph.text(), seeds["cliq-2006"]), paragraph.text()


#: Elements whose text is the site's (presentation, navigation, editorial notes, data).
SITE_ZONES = ("nav", "table", "figure")
SITE_CLASSES = (
    "refpub-editorial",
    "refpub-drafting",
    "refpub-pending",
    "refpub-identity",
    "refpub-mention",
    "refpub-results",
)


@pytest.mark.parametrize("ref_id", REFERENTIELS)
def test_plain_paragraphs_and_quotes_are_the_referentiels_words(
    built_site: Path, seeds: dict[str, str], ref_id: str
) -> None:
    """A paragraph or list item without a class of the site, quotations included, is the
    référentiel's text: it is found word for word in the source. The site's words carry a
    class (links, navigation, labels) or sit in a « Note de la rédaction »."""
    not_found = []
    for path, content in pages_of(built_site, ref_id).items():
        for node in content.iter():
            if node.tag not in ("p", "li") or node.classes:
                continue
            if any(node.inside(tag) for tag in SITE_ZONES) or any(
                node.inside(cls=cls) for cls in SITE_CLASSES
            ):
                continue
            text = node.text()
            if text and not in_source(text, seeds[ref_id]):
                not_found.append(f"{path}: « {text[:100]} »")
    assert not not_found, f"{len(not_found)} texte(s) absent(s) de la source :\n" + "\n".join(
        not_found
    )


# --- drafting notes and what is missing ------------------------------------------------------


def test_drafting_notes_are_published_only_as_pending(built_site: Path) -> None:
    for file in built_site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".js", ".xml", ".txt"):
            text = file.read_text(encoding="utf-8", errors="ignore")
            assert "Elizabeth" not in text, file
            assert "A revoir selon" not in text, file
    glossary = article(built_site / "referentiels/amarc-re-mrc-03/glossaire/index.html")
    terms = {dt.text(): dt for dt in glossary.find_all("dt")}
    for term, note in (("Digital", "A définir"), ("Système de management", "A revoir")):
        definition = next_block(terms[term])
        assert definition is not None and definition.tag == "dd"
        pending = definition.find_all("p", "refpub-drafting")
        assert [p.text().split(" — ")[0] for p in pending] == [
            f"Note de rédaction du référentiel, en attente : « {note} »"
        ]
    digital = next_block(terms["Digital"])
    assert [p.text() for p in digital.find_all("p") if not p.classes] == [
        "Canaux ou espaces numériques tels que forum / T’Chat / blog / réseaux / sites "
        "spécialisés / presse en ligne…"
    ]


def test_the_pending_page_lists_every_note_and_is_linked(built_site: Path) -> None:
    base = built_site / "referentiels/amarc-re-mrc-03"
    page = article(base / "notes-en-attente/index.html")
    rows = [tr for tr in page.find_all("tr") if tr.find_all("td")]
    subjects = {tr.find_all("th")[0].text(): tr for tr in rows}
    assert set(subjects) == {
        "Titre complet du référentiel",
        "Glossaire : Digital",
        "Glossaire : Système de management",
    }
    assert all(tr.find_all("td")[-1].text() == "En attente" for tr in rows)
    assert (
        subjects["Glossaire : Digital"].find_all("a")[0].attrs["href"]
        == "../glossaire/#terme-digital"
    )
    overview = article(base / "index.html")
    assert "notes-en-attente/" in [a.attrs.get("href") for a in overview.find_all("a")]
    assert not (built_site / "referentiels/cliq-2006/notes-en-attente").exists()


def test_a_missing_full_title_is_said_missing(built_site: Path) -> None:
    overview = article(built_site / "referentiels/amarc-re-mrc-03/index.html")
    identity = overview.find_all("aside", "refpub-identity")[0].text()
    assert "Titre complet Non disponible" in identity
    documents = sorted(built_site.glob("certificats/*/document-information/index.html"))
    assert documents
    for document in documents:
        mention = [
            n
            for n in article(document).iter()
            if n.attrs.get("data-mention") == "referentiel-title-reference"
        ][0]
        assert "Titre complet : en attente." in mention.text(), document


def _problems(tmp_path: Path, old: str, new: str) -> list[str]:
    source = (PROJECT / "referentiels" / "amarc-re-mrc-03.yaml").read_text("utf-8")
    assert old in source
    file = tmp_path / "amarc-re-mrc-03.yaml"
    file.write_text(source.replace(old, new), encoding="utf-8")
    from refpub.core.checks.problems import DataError

    with pytest.raises(DataError) as error:
        load_referentiel(file)
    return [p.format_text() for p in error.value.problems]


def test_a_drafting_note_absent_from_its_text_is_reported(tmp_path: Path) -> None:
    messages = _problems(
        tmp_path, '{text: "A revoir selon Elizabeth"', '{text: "A revoir selon Personne"'
    )
    assert len(messages) == 1
    assert (
        "note de rédaction « A revoir selon Personne » introuvable dans la définition de "
        "« Système de management »" in messages[0]
    )
    assert re.match(r"amarc-re-mrc-03\.yaml:\d+:", messages[0])
