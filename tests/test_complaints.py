"""Complaints and appeals (issue #19, item 4; ISO/IEC 17065 §7.13): the reclamations/ page is
made from the body's configuration, every certificate page, the register and the verification
page lead to it, and publish mode refuses a site without a procedure."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from body_support import (
    COMPLAINTS,
    ORGANISME,
    configure_body,
    make_body_project,
    publish_build,
    publish_refusal,
)
from credential_support import SIGNED_ENV
from html_tree import article, parse

from refpub.site import complaints

from conftest import mkdocs_build

PAGE = Path("reclamations") / "index.html"


@pytest.fixture(scope="module")
def body_site(tmp_path_factory: pytest.TempPathFactory, site_build) -> Path:
    return site_build(make_body_project(tmp_path_factory.mktemp("body") / "project"), SIGNED_ENV)


def links_to_complaints(site: Path, page: Path) -> bool:
    """Whether the page's content links to reclamations/ (relative links resolved)."""
    base = "https://site.test/" + page.relative_to(site).as_posix()
    return any(
        urljoin(base, a.attrs.get("href", "")).rstrip("/").endswith("/reclamations")
        or urljoin(base, a.attrs.get("href", "")).endswith("/reclamations/index.html")
        for a in article(page).find_all("a")
    )


def test_complaints_page_says_how_where_within_which_delays_and_how_to_appeal(
    body_site: Path,
) -> None:
    page = article(body_site / PAGE)
    text = page.text()
    hrefs = {a.attrs.get("href") for a in page.find_all("a")}
    assert f"mailto:{COMPLAINTS['email']}" in hrefs and COMPLAINTS["form"] in hrefs
    assert "sous 3 jours ouvrés" in text and "sous 21 jours après la réception" in text
    for step in COMPLAINTS["steps"]:
        assert step in text
    appeal = COMPLAINTS["appeal"]
    assert appeal["handled_by"] in text
    assert "45 jours à compter de la notification de la décision" in text
    assert "sous 50 jours après la réception de l'appel" in text
    assert appeal["address"] in text and appeal["steps"][0] in text
    assert ORGANISME["name"] in text
    assert "Valeurs d'exemple" not in text  # not the example identity


def test_complaints_page_is_linked_from_every_certificate_page_register_and_verification(
    body_site: Path,
) -> None:
    companies = [
        p
        for p in (body_site / "certificats").glob("*/index.html")
        if (p.parent / "index.json").is_file()
    ]
    assert len(companies) == 5
    for page in [
        *companies,
        body_site / "certificats" / "index.html",
        body_site / "verification" / "index.html",
    ]:
        assert links_to_complaints(body_site, page), page


def test_complaints_page_is_in_the_navigation(built_site: Path) -> None:
    home = parse(built_site / "index.html")
    nav = [a for a in home.find_all("a") if a.inside("nav")]
    assert any(a.attrs.get("href", "").rstrip("/").endswith("reclamations") for a in nav)
    assert (built_site / PAGE).is_file()


def test_shipped_example_procedure_is_named_as_an_example(built_site: Path) -> None:
    text = article(built_site / PAGE).text()
    assert "Valeurs d'exemple" in text and "(exemple)" in text


def test_without_a_procedure_the_page_says_it_is_not_published(tmp_path: Path) -> None:
    project = make_body_project(
        tmp_path / "project", {k: v for k, v in ORGANISME.items() if k != "complaints"}
    )
    result = mkdocs_build(project, tmp_path / "out", SIGNED_ENV)
    assert result.returncode == 0, result.output
    text = article(tmp_path / "out" / PAGE).text()
    assert "Procédure non publiée" in text and ORGANISME["email"] in text


def test_publish_mode_refuses_a_site_without_a_complaints_procedure(tmp_path: Path) -> None:
    project = make_body_project(
        tmp_path / "project", {k: v for k, v in ORGANISME.items() if k != "complaints"}
    )
    assert "extra.organisme.complaints" in publish_refusal(project, tmp_path / "out")


def test_publish_mode_accepts_the_configured_procedure(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    result = publish_build(project, tmp_path / "out")
    # the procedure is there: publish mode does not call it missing (the test body's
    # example addresses are refused on their own)
    assert (
        "extra.organisme.complaints dans mkdocs.yml) n'est pas configurée" not in result.output
    ), result.output


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"acknowledgement_days": "cinq"}, "complaints.acknowledgement_days : nombre de jours"),
        ({"answer_days": 0}, "complaints.answer_days : nombre de jours"),
        ({"steps": []}, "complaints.steps : liste de phrases"),
        ({"delai": 3}, "complaints : clé(s) inconnue(s) delai"),
        ({"form": "http://plainte.example.fr/"}, "complaints.form : adresse https://"),
        ({"email": None, "form": None}, "donnez au moins un moyen de déposer une réclamation"),
        (
            {"appeal": {"filing_days": 30, "answer_days": 30}},
            "complaints.appeal.handled_by manquant",
        ),
    ],
)
def test_malformed_procedure_is_named_with_its_key(change: dict, message: str) -> None:
    data = {**COMPLAINTS, **change}
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(complaints.ComplaintsError, match=".*") as error:
        complaints.load(data)
    assert message in str(error.value)


def test_malformed_procedure_stops_the_build_with_a_french_message(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    configure_body(project, {**ORGANISME, "complaints": {**COMPLAINTS, "answer_days": -1}})
    result = mkdocs_build(project, tmp_path / "out", SIGNED_ENV)
    assert result.returncode != 0
    assert "extra.organisme.complaints.answer_days : nombre de jours attendu" in result.output
    assert "Traceback" not in result.output


def test_appeal_uses_the_complaint_channels_unless_it_names_its_own() -> None:
    appeal = {k: v for k, v in COMPLAINTS["appeal"].items() if k != "address"}
    loaded = complaints.load({**COMPLAINTS, "appeal": appeal})
    assert loaded.appeal.channels == loaded.channels
    own = complaints.load(COMPLAINTS)
    assert own.appeal.channels.address == COMPLAINTS["appeal"]["address"]
    assert own.appeal.channels.email == ""
