"""The référentiels to the letter (issue #22): on every published page of a référentiel,
each text is the source's own words, or sits inside a visible editorial mark, or is the
site's chrome (navigation, page title, short labels). The built HTML is diffed against the
source document (shared/seeds), so that no word of the site passes for the référentiel's.

Walks the session build of the shipped project (``built_site``)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from html_tree import INLINE, Node, article, parse
from test_referentiel_publication import (
    REFERENTIELS,
    SEED_OF,
    SEEDS,
    next_block,
    normalise,
    pages_of,
)
from test_referentiel_publication import in_source as in_normalised_source

from conftest import PROJECT, seed_text

#: The site's chrome: navigation, the page's own title, scripts and drawings.
CHROME_TAGS = frozenset({"nav", "h1", "script", "style", "svg"})
#: Editorial marks (block « Note de la rédaction » and inline marks) and navigation links.
EDITORIAL_CLASSES = frozenset(
    {"refpub-editorial", "refpub-drafting", "refpub-more", "refpub-breadcrumb"}
)
#: Short labels of the site (« Item 1.1 », « niveaux A et B », « Version »): never prose.
LABEL_CLASSES = frozenset(
    {"refpub-label", "refpub-visually-hidden", "refpub-drafting-label", "headerlink"}
)
LABEL_MAX_WORDS = 8


def fold(text: str) -> str:
    """Accents dropped: the extraction writes chapter titles in capitals without them
    (« CARACTERISTIQUES CERTIFIEES »)."""
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def in_source(text: str, source: tuple[str, ...]) -> bool:
    """Whether ``text`` is in one reading of the source (see ``source_text``)."""
    return any(in_normalised_source(fold(text), reading) for reading in source)


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, ...]]:
    if not SEEDS.is_dir():
        pytest.skip(f"source texts absent: {SEEDS}")
    return {ref: source_text(name) for ref, name in SEED_OF.items()}


def source_text(name: str) -> tuple[str, ...]:
    """A seed for comparison, normalised and folded, in two readings: as extracted, and with
    the words the extraction hyphenated across two lines joined again (« non-\\ncouverture »,
    « SGS-\\nICS »; a line may also end on a dash of the text: « suffisante- »)."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    joined = re.sub(r"(\w)-[ \t]*\n[ \t]*(\w)", r"\1-\2", text)
    return fold(normalise(text)), fold(normalise(joined))


def _text(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def segments(node: Node, found: list[str], labels: list[str]) -> None:
    """The runs of text of ``node`` claimed as the référentiel's: a block's text up to the
    next block, editorial mark or label (inline elements join the run they are in)."""
    run: list[str] = []

    def flush() -> None:
        text = _text(run)
        if any(ch.isalnum() for ch in text):
            found.append(text)
        run.clear()

    def walk(parent: Node) -> None:
        for child in parent.children:
            if isinstance(child, str):
                run.append(child)
            elif child.tag in CHROME_TAGS or child.classes & EDITORIAL_CLASSES:
                flush()
            elif child.classes & LABEL_CLASSES:
                flush()
                labels.append(child.text())
            elif child.tag in INLINE:
                walk(child)
            else:
                flush()
                walk(child)
                flush()

    walk(node)
    flush()


def claimed_texts(content: Node) -> tuple[list[str], list[str]]:
    found: list[str] = []
    labels: list[str] = []
    segments(content, found, labels)
    return found, labels


@pytest.mark.parametrize("ref_id", REFERENTIELS)
def test_every_text_of_a_referentiel_page_is_the_source_or_marked_editorial(
    built_site: Path, seeds: dict[str, tuple[str, ...]], ref_id: str
) -> None:
    not_found = []
    for path, content in pages_of(built_site, ref_id).items():
        texts, _ = claimed_texts(content)
        not_found += [
            f"{path}: « {text[:160]} »" for text in texts if not in_source(text, seeds[ref_id])
        ]
    assert not not_found, (
        f"{len(not_found)} texte(s) ni du référentiel ni marqué(s) :\n" + "\n".join(not_found)
    )


@pytest.mark.parametrize("ref_id", REFERENTIELS)
def test_site_labels_on_referentiel_pages_stay_labels(built_site: Path, ref_id: str) -> None:
    long = [
        f"{path}: « {label} »"
        for path, content in pages_of(built_site, ref_id).items()
        for label in claimed_texts(content)[1]
        if len(label.split()) > LABEL_MAX_WORDS
    ]
    assert not long, "\n".join(long)


def test_a_word_added_to_the_source_is_caught() -> None:
    source = "les appels sont pris en charge dans un délai maximum de 30 secondes."
    page = parse(
        "<article><p>Les appels sont pris en charge <span class='refpub-label'>"
        "Item 3.1</span> dans un délai garanti de 30 secondes.</p>"
        "<div class='refpub-editorial'><p>Une note de la rédaction.</p></div>"
        "</article>"
    ).find_all("article")[0]
    texts, labels = claimed_texts(page)
    assert texts == ["Les appels sont pris en charge", "dans un délai garanti de 30 secondes."]
    assert labels == ["Item 3.1"]
    assert [in_source(t, (source,)) for t in texts] == [True, False]


def _page(site: Path, ref_id: str, name: str = "") -> Node:
    return article(site / "referentiels" / ref_id / name / "index.html")


def test_amarc_decision_lists_are_the_sources_own(built_site: Path) -> None:
    """Under « Les décisions pouvant être prises par SGC ICS sont les suivantes : » comes
    the list of III.1.3 or of III.2.2, never one the site merged from both."""
    source = seed_text(SEED_OF["amarc-re-mrc-03"])
    page = _page(built_site, "amarc-re-mrc-03", "certification")
    lead = "Les décisions pouvant être prises par SGC ICS sont les suivantes :"
    leads = [
        p
        for p in page.find_all("p")
        if p.text() == lead and not any(a.classes & EDITORIAL_CLASSES for a in p.ancestors())
    ]
    assert len(leads) == source.count(lead) == 2
    first, second = (source.split(lead)[i].split("\n\n\n")[0] for i in (1, 2))
    for paragraph, expected in zip(leads, (first, second), strict=True):
        items = [li.text() for li in next_block(paragraph).find_all("li")]
        assert items and all(f" {item}" in expected for item in items), items


def test_amarc_surveillance_due_months_are_marked_as_the_sites_reading(built_site: Path) -> None:
    page = _page(built_site, "amarc-re-mrc-03", "certification")
    for audit in ("surveillance-1", "surveillance-2"):
        due = next(n for n in page.iter() if n.attrs.get("id") == f"audit-{audit}").find_all("td")[
            0
        ]
        assert "mois après la date de certification" in due.text()
        assert due.find_all("span", "refpub-editorial"), due.text()
        assert "III.2.1" in due.text() and "Soit un contrôle chaque année" in due.text()


def test_cliq_lead_ins_are_written_as_in_the_source(built_site: Path) -> None:
    for engagement in ("org-1", "org-2", "org-3", "op-1", "op-2", "op-3"):
        page = _page(built_site, "cliq-2006", f"engagement-{engagement}")
        titles = page.find_all("p", "refpub-list-title")
        leads = [
            (p.find_all("strong")[0].text(), p.find_all("em")[0].text())
            for p in titles
            if p.find_all("em")
        ]
        assert ("Interlocuteur(s) potentiel(s) :", "Identification non exhaustive") in leads
        assert all("(identification non exhaustive)" not in p.text() for p in titles)
    op3 = _page(built_site, "cliq-2006", "engagement-op-3")
    sections = op3.text().split("Sous-critère 3.")
    assert "Il peut inclure" not in sections[2], "3.2 has no such lead-in in the source"
    assert "Il peut inclure les éléments suivants : Liste non exhaustive" in sections[3]
    assert "sans intitulé" in sections[2]


def test_cliq_3_2_and_3_3_tables_keep_their_columns_and_rows(built_site: Path) -> None:
    page = _page(built_site, "cliq-2006", "evaluation")
    heads = [
        [th.text() for th in table.find_all("thead")[0].find_all("th")]
        for table in page.find_all("table")
        if table.find_all("thead")
    ]
    assert heads[0][:3] == ["Engagements", "Sous Critères", "Éléments d'évaluation"]
    assert heads[0][-1] == "coefficient"
    assert [
        "Engagements",
        "NOTE ATTRIBUEE",
        "Facteur sous critères",
        "Facteur engagement",
        "RESULTAT",
    ] in heads
    grid = page.find_all("table")[0]
    assert grid.find_all("tfoot")[0].find_all("th")[0].text() == "Note"
    assert "minimum 13" not in " ".join(t.text() for t in page.find_all("table"))


def test_amarc_chapters_come_in_the_sources_order_with_their_numbers(built_site: Path) -> None:
    page = _page(built_site, "amarc-re-mrc-03")
    numbers = [
        h.text().split(" ", 1)[0]
        for h in page.find_all("h2")
        if re.match(r"[IVX]+(\.\d+)* ", h.text())
    ]
    assert numbers == [
        "I",
        "I.1",
        "I.2",
        "II",
        "II.1",
        "II.1.1",
        "II.1.2",
        "II.2",
        "IV",
        "V",
        "V.1",
        "V.2",
        "VI",
        "VI.1",
        "VI.2",
        "VI.3",
        "VI.4",
    ]
    subheadings = [h.text() for h in page.find_all("h3", "refpub-subheading")]
    assert subheadings[:2] == [
        "IV.1 Sommaire des caractéristiques certifiées",
        "IV.2 Détails de chaque caractéristique certifiée et moyens mis en œuvre",
    ]
    cycle = _page(built_site, "amarc-re-mrc-03", "certification")
    shown = [h.text() for h in cycle.iter() if h.tag in ("h2", "h3")]
    for part in (
        "III Conditions",
        "III.1 ",
        "III.1.1 ",
        "III.1.2 ",
        "III.1.3 ",
        "III.2 ",
        "III.2.1 ",
        "III.2.2 ",
    ):
        assert any(h.startswith(part) for h in shown), part
    assert not [p for p in cycle.find_all("p") if re.match(r"III\.\d", p.text())]


def test_amarc_viii_3_list_appears_once(built_site: Path) -> None:
    page = _page(built_site, "amarc-re-mrc-03", "communication")
    title = "Nous mobilisons nos équipes pour vous apporter une réponse qui puisse vous satisfaire."
    assert [li.text() for li in page.find_all("li")].count(title) == 1
    assert not page.find_all("ol")
    assert any(
        h.text() == "VIII.3 Caractéristiques essentielles communiquées" for h in page.find_all("h2")
    )


def test_cliq_publisher_contacts_are_shown(built_site: Path) -> None:
    data = yaml.safe_load((PROJECT / "referentiels/cliq-2006.yaml").read_text("utf-8"))
    card = _page(built_site, "cliq-2006").find_all("aside", "refpub-identity")[0].text()
    for key in ("phone", "fax", "email", "address"):
        assert data["publisher"][key] in card, key


def test_amarc_asterisks_lead_to_the_lexicon_and_are_explained(built_site: Path) -> None:
    for name in ("", "engagement-1"):
        page = _page(built_site, "amarc-re-mrc-03", name)
        marks = page.find_all("a", "refpub-glossary-mark")
        assert marks and all(a.text() == "*" for a in marks)
        assert {a.attrs["href"] for a in marks} == {
            "glossaire/#lexique" if not name else "../glossaire/#lexique"
        }
        notes = " ".join(box.text() for box in page.find_all("div", "refpub-editorial"))
        assert (
            "Un astérisque (*) après un mot du référentiel signale un terme défini au "
            "lexique (VII.2)" in notes
        )
    glossary = _page(built_site, "amarc-re-mrc-03", "glossaire")
    assert any(n.attrs.get("id") == "lexique" for n in glossary.iter())


@pytest.mark.parametrize(
    ("item", "words"),
    [
        ("3.1", "La liste s’arrête sur « ou »"),
        ("1.15", "« Contrat d’objectifs: »"),
        ("2.6", "un saut de page coupe le texte de l’item"),
        ("4.10", "« Formations » et « sensibilisation » occupent deux lignes"),
    ],
)
def test_amarc_extraction_artefacts_carry_a_note(built_site: Path, item: str, words: str) -> None:
    engagement = item.split(".")[0]
    row = next(
        n
        for n in _page(built_site, "amarc-re-mrc-03", f"engagement-{engagement}").iter()
        if n.attrs.get("id") == f"item-{item}"
    )
    notes = [box.text() for box in row.find_all("div", "refpub-editorial")]
    assert notes and words in notes[0] and f"À propos du référentiel, {item}" in notes[0]


def test_cliq_annexes_keep_their_groups_and_say_what_is_not_reproduced(built_site: Path) -> None:
    page = _page(built_site, "cliq-2006")
    text = page.text()
    annexes = text[text.index("ANNEXES Les annexes opérationnelles") :]
    for group in (
        "Les annexes opérationnelles spécifiques à CLIQ®",
        "Les annexes administratives et commerciales spécifiques à CLIQ®",
        "Les annexes diverses",
        "Les documents communs avec les autres systèmes de management",
        "Les documents à usage interne pour GLOBAL",
    ):
        assert group in [h.text() for h in page.find_all("h3", "refpub-subheading")], group
    internal = annexes.split("Les documents à usage interne pour GLOBAL")[1]
    assert "ANNEXE 10" in internal and "ANNEXE 11" in internal
    common = annexes.split("Les documents communs avec les autres systèmes de management")[1]
    assert common.split("Les documents à usage interne")[0].count("GLOBAL") == 2
    assert "ni le modèle de certificat CLIQ® (Annexe 7)" in annexes


def test_cliq_actors_of_1_4_are_numbered_headings(built_site: Path) -> None:
    page = _page(built_site, "cliq-2006")
    headings = [h.text() for h in page.find_all("h3", "refpub-subheading")]
    for number in range(1, 6):
        assert any(
            h.startswith(f"{number} ")
            for h in headings
            if h.startswith(
                ("1 Demandeur", "2 Concepteur", "3 Personnes", "4 Personnes", "5 Personnes")
            )
        ), number
