"""Marks and badges (issue #19, item 5): the mark's logo wherever the mark is used, CLIQ®
included; the rules of mark use beside the embed code; the AMARC embed code carries VIII.2's
mentions, checked like a page; no embed code nor mark for a certificate that is not valid;
tenses that fit the status; copied snippets escaped for where they are pasted."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from body_support import BODY, make_body_project
from credential_support import SIGNED_ENV
from html_tree import Node, article

from refpub.core.audits.repository import load_repository
from refpub.core.french import de
from refpub.core.referentiels import communication
from refpub.core.referentiels.referentiel import BADGE
from refpub.site import mentions

from conftest import PROJECT, mkdocs_build

AUTOCARS = "autocars-imaginaires-bourgogne"  # AMARC, valid
EAUX = "eaux-fictives-du-dauphine"  # AMARC, suspended
DISTRIBUTION = "distribution-inventee-provence"  # CLIQ®, valid
MESSAGERIE = "messagerie-chimerique-de-loire"  # CLIQ®, suspended
WITHDRAWN = "entrepots-illusoires-martin"  # CLIQ®, withdrawn
EXPIRED = "affretement-fantome-bretagne"  # CLIQ®, expired
NASTY = 'Transports "Le Rapide" <script>alert(1)</script>'
BRACKET = "A ] B [c](d) \\ *e*"


class Elements(HTMLParser):
    """Every start tag of a fragment with its attributes, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(fragment: str) -> Elements:
    parser = Elements()
    parser.feed(fragment)
    parser.close()
    return parser


def company_page(site: Path, company: str) -> Node:
    return article(site / "certificats" / company / "index.html")


def copied(page: Node, ident: str) -> str | None:
    """What the copy button copies: the text of the snippet's <code> element."""
    found = [n for n in page.iter() if n.attrs.get("id") == ident]
    return found[0].raw_text() if found else None


def mark_images(page: Node, name: str) -> list[Node]:
    return [n for n in page.find_all("img") if name in n.attrs.get("src", "")]


# --- escaping of the copied snippets -------------------------------------------------------


@pytest.fixture(scope="module")
def nasty_site(tmp_path_factory: pytest.TempPathFactory, site_build) -> Path:
    project = make_body_project(tmp_path_factory.mktemp("nasty") / "project")
    for company, name in (("demo-niveaux", NASTY), ("demo-co", BRACKET)):
        path = project / "audits" / company / "company.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["name"] = name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return site_build(project, SIGNED_ENV)


@pytest.mark.parametrize(("company", "name"), [("demo-niveaux", NASTY), ("demo-co", BRACKET)])
def test_html_snippet_keeps_the_company_name_inside_its_attribute(
    nasty_site: Path, company: str, name: str
) -> None:
    snippet = copied(company_page(nasty_site, company), "extrait-html-code")
    assert snippet is not None
    found = elements(snippet)
    assert [tag for tag, _ in found.tags if tag == "script"] == []
    badge = next(
        attrs for tag, attrs in found.tags if tag == "img" and attrs["src"].endswith("/badge.svg")
    )
    assert badge["alt"] == f"Statut du certificat {de(name)}"
    assert name not in "".join(found.text)  # never text (nor markup) outside the attribute


@pytest.mark.parametrize(("company", "name"), [("demo-niveaux", NASTY), ("demo-co", BRACKET)])
def test_markdown_snippet_keeps_the_company_name_as_link_text(
    nasty_site: Path, company: str, name: str
) -> None:
    snippet = copied(company_page(nasty_site, company), "extrait-md-code")
    assert snippet is not None
    found = elements(markdown.markdown(snippet))
    assert [tag for tag, _ in found.tags if tag == "script"] == []
    links = [attrs for tag, attrs in found.tags if tag == "a"]
    images = [attrs for tag, attrs in found.tags if tag == "img"]
    assert links[0]["href"] == f"https://certification.example/registre/certificats/{company}/"
    assert images[0]["alt"] == f"Statut du certificat {de(name)}"
    assert images[0]["src"].endswith(f"/certificats/{company}/badge.svg")


# --- the mark where it is used --------------------------------------------------------------


def test_cliq_mark_logo_is_shown_on_a_valid_certificate_and_in_its_embed_code(
    built_site: Path,
) -> None:
    page = company_page(built_site, DISTRIBUTION)
    shown = mark_images(page, "marque-cliq-exemple.svg")
    assert any(img.inside(cls="refpub-mark") for img in shown)
    snippet = copied(page, "extrait-html-code")
    assert snippet is not None and "marque-cliq-exemple.svg" in snippet
    assert "CLIQ®" in snippet


@pytest.mark.parametrize(
    ("company", "mark"),
    [
        (EAUX, "marque-qualicert-exemple.svg"),
        (MESSAGERIE, "marque-cliq-exemple.svg"),
        (WITHDRAWN, "marque-cliq-exemple.svg"),
        (EXPIRED, "marque-cliq-exemple.svg"),
    ],
)
def test_no_mark_nor_embed_code_for_a_certificate_that_is_not_valid(
    built_site: Path, company: str, mark: str
) -> None:
    page = company_page(built_site, company)
    assert mark_images(page, mark) == []
    assert copied(page, "extrait-html-code") is None and copied(page, "extrait-md-code") is None
    assert "Aucun code d'intégration ni marque" in page.text()
    # the status badge (without the mark) stays published for badges already placed
    badge = (built_site / "certificats" / company / "badge.svg").read_text(encoding="utf-8")
    assert "marque" not in badge


def test_communication_page_of_the_referentiel_shows_the_mark_logo(built_site: Path) -> None:
    page = article(built_site / "referentiels" / "cliq-2006" / "communication" / "index.html")
    assert mark_images(page, "marque-cliq-exemple.svg")


# --- VIII.2 on the embed code ---------------------------------------------------------------


def test_amarc_embed_code_carries_the_mentions_of_a_website(built_site: Path) -> None:
    snippet = copied(company_page(built_site, AUTOCARS), "extrait-html-code")
    assert snippet is not None
    repo = load_repository(PROJECT)
    ref = repo.referentiels["amarc-re-mrc-03"]
    checks = communication.company_page_mentions(ref, repo.companies[AUTOCARS], BADGE)
    assert {m.id for c in checks for m in c.mentions} == {
        "qualicert-mark-logo",
        "qualicert-website",
    }
    for check in checks:
        assert mentions.missing(check, snippet) == []
    found = elements(snippet)
    assert any(
        tag == "img" and "marque-qualicert-exemple.svg" in attrs["src"] for tag, attrs in found.tags
    )
    assert "www.qualicert.fr" in "".join(found.text) and "Qualicert" in "".join(found.text)


def test_a_badge_mention_the_embed_code_cannot_carry_stops_the_build(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    path = project / "referentiels" / "demo-levels.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["communication"]["supports"].append(
        {
            "id": "badge-seul",
            "label": "Badge",
            "mandatory": False,
            "reference": "VIII.2",
            "published_on": ["badge"],
            "mentions": [
                {
                    "id": "titre",
                    "label": "Titre du référentiel",
                    "source": "referentiel",
                    "text": "Le titre du référentiel.",
                }
            ],
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out", SIGNED_ENV)
    assert result.returncode != 0
    assert (
        "(code HTML du badge) : mention obligatoire manquante « Titre du référentiel »"
        in result.output
    )
    assert "Traceback" not in result.output


# --- rules of mark use beside the embed code -----------------------------------------------


def test_amarc_rules_of_mark_use_name_the_mentions_and_link_the_rules(built_site: Path) -> None:
    page = company_page(built_site, AUTOCARS)
    rules = next(n for n in page.iter() if n.attrs.get("id") == "regles-amarc-re-mrc-03")
    text = rules.text()
    assert "Marque Qualicert et logotype" in text and "Adresse Internet" in text
    assert "La marque appartient à SGS ICS" in text
    assert any(
        a.attrs["href"].endswith("referentiels/amarc-re-mrc-03/communication/")
        for a in rules.find_all("a")
    )


def test_cliq_rules_of_mark_use_name_part_1_7(built_site: Path) -> None:
    rules = next(
        n
        for n in company_page(built_site, DISTRIBUTION).iter()
        if n.attrs.get("id") == "regles-cliq-2006"
    )
    assert "1.7 Utilisation de la marque CLIQ®" in rules.text()


def test_without_rules_in_the_referentiel_the_page_points_to_the_body(
    tmp_path: Path, site_build
) -> None:
    site = site_build(make_body_project(tmp_path / "project"), SIGNED_ENV)
    rules = next(
        n for n in company_page(site, "demo-co").iter() if n.attrs.get("id") == "regles-demo-radar"
    )
    assert "ne publie pas de règle d'usage de la marque" in rules.text()
    assert BODY in rules.text()


# --- tenses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("company", "verb"),
    [
        (DISTRIBUTION, "est délivré par"),
        (MESSAGERIE, "a été délivré par"),
        (WITHDRAWN, "avait été délivré par"),
        (EXPIRED, "avait été délivré par"),
    ],
)
def test_certificate_sheet_tense_fits_the_status(built_site: Path, company: str, verb: str) -> None:
    sheet = company_page(built_site, company).find_all("div", "refpub-cert-sheet")[0].text()
    assert verb in sheet
    if verb != "est délivré par":
        assert "est délivré" not in sheet
