"""The ISO 9001 cross-reference grid of CLIQ® (its Annexe 8): data, validation and page."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from refpub.core.audits.repository import load_referentiels, load_repository
from refpub.core.checks.problems import DataError
from refpub.core.referentiels.mapping import (
    Mapping,
    load_mapping,
    subcriteria_without_clause,
    successor_untouched,
    successor_view,
    untouched_clauses,
)
from refpub.core.vocabulary import RELATIONS

from conftest import PROJECT

GRID = PROJECT / "referentiels/mappings/cliq-2006-iso-9001.yaml"
GRID_PATH = "referentiels/mappings/cliq-2006-iso-9001.yaml"
REFERENCE = PROJECT.parent / "shared/reference/iso-9001-clauses.md"
PAGE = "referentiels/cliq-2006/iso-9001/index.html"
CLAUSE_LINE = re.compile(r"^\s*- (\d+(?:\.\d+)*) (.+?) / (.+?)\s*$")


@pytest.fixture(scope="module")
def referentiels() -> dict:
    repo = load_referentiels(PROJECT)
    assert not repo.problems, repo.problems
    return repo.referentiels


@pytest.fixture(scope="module")
def grid(referentiels: dict) -> Mapping:
    return load_mapping(GRID, GRID_PATH, referentiels)


def _reference() -> str:
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} absent")
    return REFERENCE.read_text(encoding="utf-8")


def reference_catalogue(edition: str = "2000") -> dict[str, tuple[str, str]]:
    """ISO 9001 clauses of the reference file: number -> (English title, French title)."""
    text = _reference()
    start = text.index(f"**ISO 9001:{edition}")
    end = text.index("ISO 9001:2008 keeps" if edition == "2000" else "**Public", start)
    catalogue = {}
    for line in text[start:end].splitlines():
        match = CLAUSE_LINE.match(line)
        if match:
            french = re.sub(r"\s*\[[^\]]*\]$", "", match[3])
            catalogue[match[1]] = (match[2], french)
    assert len(catalogue) > 60
    return catalogue


# --- the data ----------------------------------------------------------------------------


def test_grid_loads_in_the_repository():
    repo = load_repository(PROJECT)
    assert not [p for p in repo.problems if p.path.startswith("referentiels/mappings/")]
    assert "cliq-2006-iso-9001" in repo.mappings
    grid = repo.mappings["cliq-2006-iso-9001"]
    assert grid.referentiel.id == "cliq-2006"
    assert grid.standard.id == "iso-9001-2000"
    assert grid.slug == "iso-9001"


def test_every_subcriterion_has_a_clause_with_a_rationale(grid: Mapping):
    requirements = grid.referentiel.requirements
    assert len(requirements) == 15
    assert subcriteria_without_clause(grid) == []
    for rid in requirements:
        links = grid.links_of(rid)
        assert links, rid
        for link in links:
            assert link.relation in RELATIONS
            assert len(link.rationale.split()) >= 8, (rid, link.clause)
            assert link.rationale.endswith("."), (rid, link.clause)


def test_every_cited_clause_exists_in_the_reference(grid: Mapping):
    reference = reference_catalogue()
    for link in grid.links:
        assert link.clause in reference, link


#: Where the grid departs from the reference file, and why: NF EN ISO 9001:2000 titles 8.2
#: « Surveillance et mesurage » (the reference was unsure), and writes the design clauses in
#: full (« C&D » is the reference's abbreviation, not the standard's wording); the English
#: design titles are given in full as well.
CORRECTED_2000 = {
    "7.3.1": (
        "Design and development planning",
        "Planification de la conception et du développement",
    ),
    "7.3.2": (
        "Design and development inputs",
        "Éléments d'entrée de la conception et du développement",
    ),
    "7.3.3": (
        "Design and development outputs",
        "Éléments de sortie de la conception et du développement",
    ),
    "7.3.4": ("Design and development review", "Revue de la conception et du développement"),
    "7.3.5": (
        "Design and development verification",
        "Vérification de la conception et du développement",
    ),
    "7.3.6": (
        "Design and development validation",
        "Validation de la conception et du développement",
    ),
    "7.3.7": (
        "Control of design and development changes",
        "Maîtrise des modifications de la conception et du développement",
    ),
    "8.2": ("Monitoring and measurement", "Surveillance et mesurage"),
}
CORRECTED_2015 = {
    "8.3.2": (
        "Design and development planning",
        "Planification de la conception et du développement",
    ),
    "8.3.3": (
        "Design and development inputs",
        "Éléments d'entrée de la conception et du développement",
    ),
    "8.3.4": ("Design and development controls", "Maîtrise de la conception et du développement"),
    "8.3.5": (
        "Design and development outputs",
        "Éléments de sortie de la conception et du développement",
    ),
    "8.3.6": (
        "Design and development changes",
        "Modifications de la conception et du développement",
    ),
}


def test_catalogue_is_the_reference_word_for_word(grid: Mapping):
    reference = {**reference_catalogue(), **CORRECTED_2000}
    assert [c.number for c in grid.standard.clauses] == list(reference)
    for clause in grid.standard.clauses:
        english, french = reference[clause.number]
        assert clause.title == french, clause.number
        assert clause.title_en == english, clause.number
        assert not clause.uncertain, clause.number


def test_titles_are_the_standards_wording(grid: Mapping, amarc_grid: Mapping):
    for mapping in (grid, amarc_grid):
        titles = [c.title for c in mapping.standard.clauses] + [
            c.title for c in mapping.successor.standard.clauses
        ]
        assert not [t for t in titles if "C&D" in t or "D&D" in t]
        assert mapping.standard.clause("8.2").title == "Surveillance et mesurage"


def test_transport_links_and_example_lists(grid: Mapping):
    # the most natural links of a transport or logistics service
    assert {"7.5.5", "7.5.3"} <= {link.clause for link in grid.links_of("op-2.1")}
    for clause in ("7.5.5", "7.5.3"):
        assert "transport" in grid.link("op-2.1", clause).rationale
    # links resting on the non-exhaustive list of examples are partial overlaps
    assert grid.link("op-1.4", "7.2.2").relation == "intersects"
    assert grid.link("op-3.2", "8.2.1").relation == "intersects"
    for link in grid.links:
        if "liste non exhaustive" in link.rationale:
            assert link.relation == "intersects", link
    # 7.3 is commonly excluded by transport firms (ISO 9001:2000 § 1.2): the grid says so
    note = " ".join(grid.note)
    assert "7.3" in note and "§ 1.2" in note and "excluent couramment" in note
    for link in grid.links_to("7.3"):
        assert "§ 1.2" in link.rationale, link


def test_coverage_helpers(grid: Mapping):
    untouched = {c.number for c in untouched_clauses(grid)}
    cited = {c.number for c in grid.cited_clauses()}
    assert not untouched & cited
    # a link to 4.2 touches its sub-clauses and its chapter; 7.6 is linked to nothing
    assert "4.2.3" not in untouched and "4" not in untouched
    assert "7.6" in untouched


def reference_correspondence() -> dict[str, tuple[set[str], bool]]:
    """The 2008 -> 2015 table of the reference file: old clause -> (new clauses, confirmed).

    « 6.2.1/6.2.2→... » gives a row to each old clause; « 5.6.x→9.3.x » is left out (it is
    checked on its own); « (and 10.3 [unsure]) » is left out of the confirmed targets.
    """
    text = _reference()
    line = next(
        t
        for t in text[text.index("**Public correspondence") :].splitlines()
        if t.startswith("4.1→")
    )
    table = {}
    for token in line.split(" · "):
        confirmed = "✓" in token
        token = re.sub(r"\(.*?\)", "", token.replace("✓", "")).strip().rstrip(".").strip()
        old, new = token.split("→")
        if ".x" in old:
            continue
        for number in old.split("/"):
            table[number] = ({n.strip() for n in new.split(",")}, confirmed)
    assert len(table) > 40
    return table


def test_successor_edition_is_the_reference_word_for_word(grid: Mapping):
    successor = grid.successor
    assert successor is not None and successor.standard.id == "iso-9001-2015"
    reference = {**reference_catalogue("2015"), **CORRECTED_2015}
    assert [c.number for c in successor.standard.clauses] == list(reference)
    for clause in successor.standard.clauses:
        assert (clause.title_en, clause.title) == reference[clause.number], clause.number
    table = reference_correspondence()
    rows = {r.source: r for r in successor.correspondence}
    for old, (new, confirmed) in table.items():
        assert old in rows, old
        assert set(rows[old].targets) == new, old
        assert rows[old].confirmed == confirmed, old
    for old, row in rows.items():
        if old not in table:
            assert old.startswith("5.6") and row.targets == (old.replace("5.6", "9.3", 1),)


def test_successor_view_follows_the_table(grid: Mapping):
    view = successor_view(grid)
    assert set(view) == set(grid.referentiel.requirements)
    assert all(view.values())
    # op-3.3 -> 7.3 (no row of its own): its sub-clauses lead to every 8.3.x, shown as 8.3
    assert "8.3" in [s.clause.number for s in view["op-3.3"]]
    # org-2.2 -> 4.2 (confirmed row 4.2 -> 7.5)
    assert any(s.clause.number == "7.5" and s.confirmed for s in view["org-2.2"])
    assert "7.1.6" in [c.number for c in successor_untouched(grid)]


# --- validation --------------------------------------------------------------------------


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = GRID.read_text(encoding="utf-8")
    assert old in text
    file = tmp_path / GRID.name
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def _line_of(file: Path, fragment: str) -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def _messages(file: Path, referentiels: dict) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_mapping(file, GRID_PATH, referentiels)
    return [p.format_text() for p in caught.value.problems]


def test_link_to_an_unknown_clause_is_rejected(tmp_path: Path, referentiels: dict):
    file = _broken_copy(tmp_path, 'clause: "5.3"', 'clause: "5.33"')
    line = _line_of(file, 'clause: "5.33"')
    messages = _messages(file, referentiels)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{GRID_PATH}:{line}:"), messages
    assert "article « 5.33 » absent du catalogue" in messages[0]
    assert "vouliez-vous dire « 5.3 » ?" in messages[0]


def test_link_to_an_unknown_subcriterion_is_rejected(tmp_path: Path, referentiels: dict):
    file = _broken_copy(tmp_path, "subcriterion: op-2.2", "subcriterion: op-2.22")
    line = _line_of(file, "subcriterion: op-2.22")
    messages = _messages(file, referentiels)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{GRID_PATH}:{line}:"), messages
    assert "sous-critère « op-2.22 » inconnu" in messages[0]
    assert "vouliez-vous dire « op-2.2 » ?" in messages[0]


def test_duplicate_link_names_the_first_line(tmp_path: Path, referentiels: dict):
    # org-1.1 -> 5.3 becomes a second org-1.1 -> 5.1
    file = _broken_copy(tmp_path, 'clause: "5.3"', 'clause: "5.1"')
    messages = _messages(file, referentiels)
    first = _line_of(file, "subcriterion: org-1.1")
    assert len(messages) == 1, messages
    assert "lien « org-1.1 » → « 5.1 » en double" in messages[0]
    assert f"déjà ligne {first}" in messages[0]


def test_schema_errors_are_located(tmp_path: Path, referentiels: dict):
    file = _broken_copy(tmp_path, "relation: intersects", "relation: intersect")
    line = _line_of(file, "relation: intersect")
    messages = _messages(file, referentiels)
    assert any(
        m.startswith(f"{GRID_PATH}:{line}:") and "vouliez-vous dire « intersects »" in m
        for m in messages
    ), messages
    file = _broken_copy(tmp_path, "    rationale:", "    rationnale:")
    messages = _messages(file, referentiels)
    assert any("clé inconnue « rationnale »" in m for m in messages), messages


def test_successor_table_is_checked(tmp_path: Path, referentiels: dict):
    file = _broken_copy(tmp_path, '{from: "7.2.3", to: ["8.2.1"]', '{from: "7.2.3", to: ["8.21"]')
    line = _line_of(file, '{from: "7.2.3", to: ["8.21"]')
    messages = _messages(file, referentiels)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"{GRID_PATH}:{line}:"), messages
    assert "article « 8.21 » absent du catalogue de la nouvelle édition" in messages[0]


def test_unknown_referentiel_is_rejected(tmp_path: Path, referentiels: dict):
    file = _broken_copy(tmp_path, "referentiel: cliq-2006", "referentiel: cliq-2007")
    messages = _messages(file, referentiels)
    assert len(messages) == 1
    assert messages[0].startswith(f"{GRID_PATH}:{_line_of(file, 'referentiel: cliq')}:")
    assert "vouliez-vous dire « cliq-2006 » ?" in messages[0]


def test_repository_collects_mapping_problems(mini_project: Path):
    folder = mini_project / "referentiels/mappings"
    folder.mkdir()
    (folder / "demo-radar-iso-9001.yaml").write_text(
        "referentiel: demo-radar\n"
        "title: Trame\n"
        "standard: {id: iso-9001-2000, title: ISO 9001}\n"
        "clauses:\n"
        '  - {number: "5", title: Responsabilité de la direction}\n'
        '  - {number: "5.1", title: Engagement de la direction}\n'
        "links:\n"
        '  - {subcriterion: org-1.1, clause: "5.1", relation: subset,\n'
        "     rationale: Une justification assez longue.}\n"
        '  - {subcriterion: org-1.9, clause: "5.1", relation: subset,\n'
        "     rationale: Une justification assez longue.}\n",
        encoding="utf-8",
    )
    repo = load_repository(mini_project)
    texts = [p.format_text() for p in repo.problems]
    assert texts == [
        "referentiels/mappings/demo-radar-iso-9001.yaml:10:20: sous-critère "
        "« org-1.9 » inconnu dans « demo-radar » ; vouliez-vous dire « org-1.1 » ?"
    ]
    assert repo.mappings == {}


# --- the page ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def page(site: Path) -> str:
    file = site / PAGE
    assert file.is_file()
    return file.read_text(encoding="utf-8")


def _text(raw: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


#: The grid's title says it is the site's work, not the référentiel's Annexe 8.
CLIQ_TITLE = (
    "Trame croisée ISO 9001 : 2000 & CLIQ® : 2006, établie par la rédaction du "
    "site (à défaut de l'Annexe 8 du référentiel)"
)


def test_page_shows_every_subcriterion(page: str, grid: Mapping):
    text = _text(page)
    assert CLIQ_TITLE in text
    for rid in grid.referentiel.requirements:
        assert f'id="sc-{rid}"' in page, rid
        for link in grid.links_of(rid):
            assert link.rationale in text, (rid, link.clause)


def test_page_matrix_and_reverse_list(page: str, grid: Mapping):
    for clause in grid.cited_clauses():
        assert f'id="clause-{clause.number}"' in page, clause.number
        assert f'id="ligne-{clause.number}"' in page, clause.number
    row = page.split('id="ligne-7.2.2"')[1].split("</tr>")[0]
    assert "Sous-critère 1.4 (les engagements opérationnels)</a> : recouvrement partiel" in row
    # the legend and every link say the relation in words, never as a set symbol alone
    assert not re.search("[∩⊂⊃≡]", page)
    legend = _text(page.split('id="legende"')[1].split("</dl>")[0])
    for label in ("Équivalent", "Inclus", "Plus exigeant", "Recouvrement partiel"):
        assert label in legend
    assert 'href="../engagement-op-1/#op-1.4"' in page
    for anchor in ("presentation", "matrice", "par-sous-critere", "par-article", "couverture"):
        assert f'id="{anchor}"' in page
    assert "Articles de la norme qu" in _text(page)


def test_page_gives_the_2015_reading(page: str, grid: Mapping):
    assert 'id="iso-9001-2015"' in page
    for rid in grid.referentiel.requirements:
        assert f'id="iso-9001-2015-{rid}"' in page, rid
    text = _text(page)
    assert "Lecture selon ISO 9001 : 2015" in text and "(déduite)" in text


def test_overview_links_to_its_grid(site: Path):
    overview = (site / "referentiels/cliq-2006/index.html").read_text(encoding="utf-8")
    assert 'href="iso-9001/"' in overview
    assert CLIQ_TITLE in _text(overview)


# --- the AMARC grid ----------------------------------------------------------------------

AMARC_GRID = PROJECT / "referentiels/mappings/amarc-re-mrc-03-iso-9001.yaml"
AMARC_GRID_PATH = "referentiels/mappings/amarc-re-mrc-03-iso-9001.yaml"
AMARC_PAGE = "referentiels/amarc-re-mrc-03/iso-9001/index.html"
AMARC_TITLE = "Trame croisée ISO 9001 : 2000 & AMARC RE/MRC/03"


@pytest.fixture(scope="module")
def amarc_grid(referentiels: dict) -> Mapping:
    return load_mapping(AMARC_GRID, AMARC_GRID_PATH, referentiels)


def test_amarc_grid_loads_in_the_repository():
    repo = load_repository(PROJECT)
    assert "amarc-re-mrc-03-iso-9001" in repo.mappings
    grid = repo.mappings["amarc-re-mrc-03-iso-9001"]
    assert grid.referentiel.id == "amarc-re-mrc-03"
    assert grid.standard.id == "iso-9001-2000"
    assert grid.slug == "iso-9001"
    assert grid.title == AMARC_TITLE and grid.annex == ""
    assert len(grid.links) >= 40


def test_amarc_every_engagement_has_a_linked_item_with_a_rationale(amarc_grid: Mapping):
    ref = amarc_grid.referentiel
    assert len(ref.engagements) == 6
    assert len(ref.requirements) == 67
    for engagement in ref.engagements:
        links = [k for r in engagement.requirements for k in amarc_grid.links_of(r.id)]
        assert links, engagement.id
    for link in amarc_grid.links:
        assert link.relation in RELATIONS
        assert len(link.rationale.split()) >= 8, (link.subcriterion, link.clause)
        assert link.rationale.endswith("."), (link.subcriterion, link.clause)
    # the complaint-handling core of ISO 9001:2000 is covered
    cited = {c.number for c in amarc_grid.cited_clauses()}
    assert {"5.2", "7.2.3", "8.2.1", "8.3", "8.4", "8.5.1", "8.5.2", "8.5.3", "6.2.2"} <= cited


def test_amarc_cited_clauses_exist_in_the_reference(amarc_grid: Mapping):
    reference = {**reference_catalogue(), **CORRECTED_2000}
    for link in amarc_grid.links:
        assert link.clause in reference, link
    for clause in amarc_grid.cited_clauses():
        assert clause.title == reference[clause.number][1], clause.number


def test_amarc_catalogue_and_successor_are_the_cliq_ones(amarc_grid: Mapping, grid: Mapping):
    assert amarc_grid.standard.clauses == grid.standard.clauses
    assert amarc_grid.successor == grid.successor
    view = successor_view(amarc_grid)
    assert any(s.clause.number == "8.2.1" for s in view["2.1"])  # 7.2.3 -> 8.2.1


def test_amarc_unknown_item_uses_the_referentiel_label(tmp_path: Path, referentiels: dict):
    text = AMARC_GRID.read_text(encoding="utf-8")
    file = tmp_path / AMARC_GRID.name
    file.write_text(
        text.replace('subcriterion: "6.6"', 'subcriterion: "6.66"', 1), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_mapping(file, AMARC_GRID_PATH, referentiels)
    messages = [p.format_text() for p in caught.value.problems]
    assert len(messages) == 1, messages
    assert "item « 6.66 » inconnu dans « amarc-re-mrc-03 »" in messages[0]


def test_amarc_page_lists_the_linked_items(site: Path, amarc_grid: Mapping):
    file = site / AMARC_PAGE
    assert file.is_file()
    raw = file.read_text(encoding="utf-8")
    article = raw[raw.index("<article") : raw.index("</article>")]
    text = _text(article)
    assert AMARC_TITLE in text and "Annexe" not in text and "CLIQ" not in text
    assert "Par item" in text and "sous-critère" not in text.lower()
    for link in amarc_grid.links:
        assert f'id="sc-{link.subcriterion}"' in raw, link.subcriterion
        assert link.rationale in text, (link.subcriterion, link.clause)
    for clause in amarc_grid.cited_clauses():
        assert f'id="clause-{clause.number}"' in raw, clause.number
    assert 'href="../engagement-1/#' in raw
    overview = (site / "referentiels/amarc-re-mrc-03/index.html").read_text(encoding="utf-8")
    assert 'href="iso-9001/"' in overview and AMARC_TITLE in _text(overview)


def test_no_published_page_says_a_title_is_to_be_confirmed(site: Path):
    """What remains to check is said once, in each grid's note, not « (à confirmer) » on
    every line."""
    pages = [
        f.relative_to(site).as_posix()
        for f in site.rglob("*.html")
        if "à confirmer" in f.read_text("utf-8")
    ]
    assert pages == []
    for grid_page in (PAGE, AMARC_PAGE):
        assert "reste à vérifier sur un exemplaire de la norme le seul titre français" in _text(
            (site / grid_page).read_text("utf-8")
        )


@pytest.mark.parametrize(
    ("grid_file", "grid_path", "page_path"),
    [(GRID, GRID_PATH, PAGE), (AMARC_GRID, AMARC_GRID_PATH, AMARC_PAGE)],
)
def test_link_counts_count_what_is_linked(
    site: Path, referentiels: dict, grid_file: Path, grid_path: str, page_path: str
):
    mapping = load_mapping(grid_file, grid_path, referentiels)
    total = len(mapping.referentiel.requirements)
    linked = {link.subcriterion for link in mapping.links}
    text = _text((site / page_path).read_text("utf-8"))
    label = mapping.referentiel.label("requirements", "exigences").lower()
    assert (
        f"{len(mapping.links)} liens entre {len(linked)} des {total} {label} et "
        f"{len(mapping.cited_clauses())} articles de la norme"
    ) in text
    if len(linked) < total:
        assert f"; {total - len(linked)} " in text and "sans lien" in text


def test_the_grids_say_they_are_the_sites_work(site: Path):
    for grid_page in (PAGE, AMARC_PAGE):
        text = _text((site / grid_page).read_text("utf-8"))
        assert "établie par la rédaction du site" in text
    home = _text((site / "index.html").read_text("utf-8"))
    assert (
        "établie par la rédaction du site (l'Annexe 8 du référentiel n'est pas reproduite)" in home
    )


def test_natural_links_are_in_the_grid(grid: Mapping):
    pairs = {(link.subcriterion, link.clause): link for link in grid.links}
    assert ("op-2.1", "8.3") in pairs and "avaries" in pairs[("op-2.1", "8.3")].rationale
    assert ("org-3.1", "8.2.1") in pairs
    assert "enquêtes de satisfaction" in pairs[("org-3.1", "8.2.1")].rationale
    op32 = pairs[("op-3.2", "8.2.1")].rationale
    assert "liste non exhaustive" not in op32 and "sans intitulé" in op32
