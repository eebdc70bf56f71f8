"""What the reader gets of each certificate's scope (issue #19.2) and what nobody gets of an
applicant, an undecided audit or an auditor (issue #19.3): built sites, their JSON, feed,
sitemap, search inputs and signed credentials."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from credential_support import SIGNED_ENV, make_signed_project
from test_credentials import decode_part

from conftest import EXAMPLE_ENV

#: A company certified under both référentiels of the mini project, each with its own scope.
BOTH = "double-perimetre"
BOTH_COMPANY = """name: Double Périmètre SAS
address: 5 rue du Double, 69001 Lyon
sites:
  - {name: Plateforme Nord, address: "1 rue Nord, 59000 Lille"}
  - {name: Plateforme Sud, address: "2 rue Sud, 13001 Marseille"}
activities: [transport frigorifique, entreposage, déménagement]
"""
RADAR_GRADES = """grades:
  org-1.1: {approach: 2, deployment: 2, results: 1, review: 1}
  op-1.1: {approach: 2, deployment: 2, results: 2, review: 1}
  op-1.2: {approach: 2, deployment: 1, results: 1, review: 1}
"""
LEVELS_ITEMS = """level: A
items:
  "1.1": {result: conform}
  "2.1": {result: conform}
"""
#: A company with only an undecided audit: an applicant.
APPLICANT = "candidate-secrete"
APPLICANT_NAME = "Candidature Discrète SARL"
AUDITOR = "Hortense Vérificatrice"
PENDING_AUDITOR = "Gaspard Enattente"


def _audit(
    referentiel: str,
    kind: str,
    day: str,
    body: str,
    decision: str = "",
    auditor: str = AUDITOR,
    extra: str = "",
) -> str:
    return (
        f"referentiel: {referentiel}\ntype: {kind}\ndate: {day}\nlead_auditor: {auditor}\n"
        f"{extra}{body}{decision}"
    )


def make_scope_project(target: Path) -> Path:
    """The signed mini project plus: a company with a CLIQ-like and an AMARC-like
    certificate of different scopes (and a later reduction, and an audit awaiting its
    decision), an applicant, and a home page linking to the applicant's address."""
    make_signed_project(target)
    folder = target / "audits" / BOTH
    folder.mkdir()
    (folder / "company.yaml").write_text(BOTH_COMPANY, encoding="utf-8")
    (folder / "2025-01-10-initial.yaml").write_text(
        _audit(
            "demo-radar",
            "initial",
            "2025-01-10",
            RADAR_GRADES,
            "decision:\n  date: 2025-02-01\n  outcome: certified\n  certificate: DBL-R-1\n"
            "  scope:\n    sites: [Plateforme Nord]\n    activities: [transport frigorifique, "
            "entreposage]\n",
        ),
        encoding="utf-8",
    )
    (folder / "2025-12-10-suivi-1.yaml").write_text(
        _audit(
            "demo-radar",
            "suivi-1",
            "2025-12-10",
            RADAR_GRADES,
            "decision:\n  date: 2026-01-05\n  outcome: maintained\n"
            "  scope:\n    sites: [Plateforme Nord]\n    activities: [transport frigorifique]\n",
        ),
        encoding="utf-8",
    )
    (folder / "2025-03-10-initial-niveaux.yaml").write_text(
        _audit(
            "demo-levels",
            "initial",
            "2025-03-10",
            LEVELS_ITEMS,
            "decision:\n  date: 2025-04-01\n  outcome: certified\n  certificate: DBL-L-1\n"
            "  scope:\n    activities: [déménagement]\n",
        ),
        encoding="utf-8",
    )
    (folder / "2026-10-20-surveillance-1.yaml").write_text(
        _audit(
            "demo-levels",
            "surveillance-1",
            "2026-10-20",
            LEVELS_ITEMS,
            auditor=PENDING_AUDITOR,
            extra="auditors: [Équipière Cachée]\nsites: [Site Audité Caché]\n",
        ),
        encoding="utf-8",
    )
    applicant = target / "audits" / APPLICANT
    applicant.mkdir()
    (applicant / "company.yaml").write_text(
        f"name: {APPLICANT_NAME}\naddress: 9 impasse Secrète, 31000 Toulouse\n"
        "aliases: [ancienne-candidate]\n",
        encoding="utf-8",
    )
    (applicant / "2026-10-01-initial.yaml").write_text(
        _audit("demo-radar", "initial", "2026-10-01", RADAR_GRADES, auditor=PENDING_AUDITOR),
        encoding="utf-8",
    )
    index = target / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + f"\nVoir [la candidate](certificats/{APPLICANT}/index.md).\n",
        encoding="utf-8",
    )
    return target


@pytest.fixture(scope="session")
def scope_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_scope_project(tmp_path_factory.mktemp("scope") / "project")


@pytest.fixture(scope="session")
def scope_site(scope_project: Path, site_build) -> Path:
    """Signed public build: a strict build that succeeds despite the link to the applicant."""
    return site_build(scope_project, SIGNED_ENV)


def text_of(page: Path) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))))


def section(text: str, start: str, end: str) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


def entries(site: Path) -> dict[str, dict]:
    return {
        item["referentiel"]: item
        for item in json.loads((site / "api/certificats.json").read_text("utf-8"))
        if item["company"] == BOTH
    }


# --- scope per certificate ------------------------------------------------------------------


def test_each_certificate_of_a_company_shows_its_own_scope_on_the_page(scope_site: Path):
    text = text_of(scope_site / "certificats" / BOTH / "index.html")
    radar = section(text, "n° DBL-R-1", "Utilisation de la marque")
    levels = section(text, "n° DBL-L-1", "Utilisation de la marque")
    assert "Activités transport frigorifique Sites Plateforme Nord" in radar
    assert "Sites hors périmètre Plateforme Sud" in radar
    assert "Activités hors périmètre entreposage, déménagement" in radar
    assert "Activités déménagement Sites Plateforme Nord" in levels
    assert "Plateforme Sud — 2 rue Sud" in levels
    assert "niveau A" in levels


def test_a_scope_reduction_says_so_and_shows_in_the_history(scope_site: Path):
    text = text_of(scope_site / "certificats" / BOTH / "index.html")
    radar = section(text, "n° DBL-R-1", "Utilisation de la marque")
    assert "Maintien — réduction du périmètre" in radar
    assert "Réduction du périmètre : retrait de l'activité « entreposage »" in radar
    assert "activités : transport frigorifique, entreposage" in radar  # the first scope


def test_the_engagements_covered_are_all_with_the_communicated_ones_marked(built_site: Path):
    """AMARC: the six engagements, the three the référentiel communicates to customers
    marked (from its data: communicated_engagements)."""
    text = text_of(built_site / "certificats/autocars-imaginaires-bourgogne/index.html")
    covered = section(text, "Ce que couvre le certificat", "Périmètre certifié")
    assert "Les 6 engagements du référentiel, au niveau A" in covered
    assert covered.count("(communiqué aux clients)") == 3
    assert (
        "Nous favorisons toute expression d'insatisfaction et facilitons l’accès au bon "
        "interlocuteur. (communiqué aux clients)"
    ) in covered


def test_the_json_carries_each_certificate_scope(scope_site: Path):
    radar, levels = entries(scope_site)["demo-radar"], entries(scope_site)["demo-levels"]
    assert [s["name"] for s in radar["scope"]["sites"]] == ["Plateforme Nord"]
    assert radar["scope"]["activities"] == ["transport frigorifique"]
    assert radar["scope"]["partial"] is True
    assert [h["reduced"] for h in radar["scope"]["history"]] == [False, True]
    assert radar["scope"]["history"][1]["removed_activities"] == ["entreposage"]
    assert [s["name"] for s in levels["scope"]["sites"]] == ["Plateforme Nord", "Plateforme Sud"]
    assert levels["scope"]["activities"] == ["déménagement"]
    assert [e["communicated"] for e in levels["scope"]["engagements"]] == [True, True]


def test_each_credential_subject_carries_its_certificate_scope(scope_site: Path):
    folder = scope_site / "certificats" / BOTH
    subjects = {}
    for referentiel in ("demo-radar", "demo-levels"):
        token = (folder / f"attestation-{referentiel}.jwt").read_text("utf-8").strip()
        subjects[referentiel] = decode_part(token.split(".")[1])["credentialSubject"]
    radar, levels = (
        subjects["demo-radar"]["issuedToParty"],
        subjects["demo-levels"]["issuedToParty"],
    )
    assert ([s["name"] for s in radar["sites"]], radar["activities"]) == (
        ["Plateforme Nord"],
        ["transport frigorifique"],
    )
    assert levels["activities"] == ["déménagement"]
    assert len(levels["sites"]) == 2
    facilities = subjects["demo-radar"]["assessment"][0]["assessedFacility"]
    assert [f["facility"]["name"] for f in facilities] == ["Plateforme Nord"]


def test_the_information_document_lists_only_the_certified_activities(
    mini_project: Path, site_build
):
    folder = mini_project / "audits" / "demo-niveaux"
    (folder / "company.yaml").write_text(
        "name: Niveaux Fictifs SA\naddress: 3 avenue Imaginaire, 69001 Lyon\n"
        "activities: [accueil, réparation, livraison]\n",
        encoding="utf-8",
    )
    initial = folder / "2025-05-01-initial.yaml"
    initial.write_text(
        initial.read_text("utf-8").replace(
            "certificate: DEMO-L-0001}",
            "certificate: DEMO-L-0001, scope: {activities: [accueil, livraison]}}",
        ),
        encoding="utf-8",
    )
    site = site_build(mini_project, EXAMPLE_ENV)
    text = text_of(site / "certificats/demo-niveaux/document-information/index.html")
    activities = section(text, "Mentions spécifiques à l'activité", "Certificat n°")
    assert "accueil" in activities and "livraison" in activities
    assert "réparation" not in activities


# --- applicants, undecided audits, auditors ----------------------------------------------------


def test_an_applicant_has_no_file_under_its_address(scope_site: Path):
    assert not (scope_site / "certificats" / APPLICANT).exists()
    assert not (scope_site / "certificats" / "ancienne-candidate").exists()


def test_an_applicant_is_in_no_output_of_the_public_site(scope_site: Path):
    """Register pages, JSON, feeds, sitemap and every page Pagefind indexes: nowhere."""
    leaks = [
        path.relative_to(scope_site).as_posix()
        for path in scope_site.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".json", ".xml", ".csv", ".svg", ".txt", ".js", ".jwt", ".ics"}
        and any(
            word in path.read_text("utf-8", errors="replace")
            for word in (APPLICANT_NAME, f"certificats/{APPLICANT}/")
        )
    ]
    assert leaks == []
    assert APPLICANT not in (scope_site / "sitemap.xml").read_text("utf-8")
    assert APPLICANT not in json.dumps(
        json.loads((scope_site / "api/certificats.json").read_text("utf-8"))
    )


def test_a_link_to_an_applicant_page_leaves_the_text_and_builds_strictly(scope_site: Path):
    home = (scope_site / "index.html").read_text("utf-8")
    assert "Voir la candidate." in text_of(scope_site / "index.html")
    assert APPLICANT not in home


def test_the_internal_build_shows_the_applicant(scope_project: Path, site_build):
    site = site_build(scope_project, {**SIGNED_ENV, "REFPUB_INTERNAL": "1"})
    page = text_of(site / "certificats" / APPLICANT / "index.html")
    assert APPLICANT_NAME in page
    audit = text_of(site / "certificats" / APPLICANT / "audits/2026-10-01-initial/index.html")
    assert PENDING_AUDITOR in audit


def test_an_undecided_audit_shows_only_its_date_and_decision_pending(scope_site: Path):
    folder = scope_site / "certificats" / BOTH
    assert not (folder / "audits" / "2026-10-20-surveillance-1").exists()
    text = text_of(folder / "index.html")
    row = section(text, "20/10/2026", "Page officielle")
    assert row == (
        "20/10/2026 Audit décision en attente : résultats publiés après la "
        "décision de certification en attente "
    )
    for secret in ("Surveillance 1", PENDING_AUDITOR, "Équipière Cachée", "Site Audité Caché"):
        assert secret not in text
    leaks = [
        path.name
        for path in scope_site.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".json", ".xml"}
        and "2026-10-20-surveillance-1" in path.read_text("utf-8", errors="replace")
    ]
    assert leaks == []


def test_auditors_names_are_not_published_by_default(scope_site: Path):
    leaks = [
        path.relative_to(scope_site).as_posix()
        for path in scope_site.rglob("*.html")
        if AUDITOR in path.read_text("utf-8")
    ]
    assert leaks == []


def test_auditors_names_are_published_with_publish_auditors(tmp_path: Path, site_build):
    project = make_scope_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "    example: true\n", "    example: true\n    publish_auditors: true\n"
        ),
        encoding="utf-8",
    )
    site = site_build(project, SIGNED_ENV)
    audit = text_of(site / "certificats" / BOTH / "audits/2025-01-10-initial/index.html")
    assert f"Responsable d'audit {AUDITOR}" in audit
    # an undecided audit stays date-only, whoever the body publishes
    assert PENDING_AUDITOR not in text_of(site / "certificats" / BOTH / "index.html")


def test_publish_auditors_must_be_true_or_false(tmp_path: Path):
    from conftest import mkdocs_build

    project = make_scope_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "    example: true\n", "    example: true\n    publish_auditors: oui\n"
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site", EXAMPLE_ENV)
    assert result.returncode != 0
    assert "extra.organisme.publish_auditors : true ou false attendu" in result.output


def test_the_register_says_when_a_certificate_covers_part_of_the_company(scope_site: Path):
    text = text_of(scope_site / "certificats/index.html")
    assert "périmètre : transport frigorifique ; Plateforme Nord" in text
    data = json.loads((scope_site / "certificats/registre.json").read_text("utf-8"))
    at = {name: index for index, name in enumerate(data["columns"])}
    scopes = {row[at["certificate"]]: row[at["scope"]] for row in data["rows"]}
    assert scopes["DBL-L-1"] == "périmètre : déménagement ; Plateforme Nord, Plateforme Sud"
    assert scopes["DEMO-2026-0001"] is None  # the whole company
