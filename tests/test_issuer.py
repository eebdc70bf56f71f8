"""The body that publishes the site is the one issuer of every certificate (issue #19, item 1):
certificate sheet, printed certificate, information document and its PDF, every credential,
the feed, the verification page. The référentiel's owner and the body it names appear in
those roles only; a référentiel that reserves its mark to named bodies warns another body,
and publish mode refuses it."""

from __future__ import annotations

import base64
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from body_support import (
    BODY,
    BODY_ADDRESS,
    configure_body,
    edit_referentiel,
    make_body_project,
    publish_refusal,
)
from credential_support import SIGNED_ENV
from html_tree import article

from refpub.core.referentiels.referentiel import CertificationBody

from conftest import mkdocs_build

PUBLISHER = "Association fictive"  # demo-levels' publisher
NAMED_BODY = "Certificateur fictif"  # demo-levels' certification_body
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def body_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_body_project(tmp_path_factory.mktemp("body") / "project")


@pytest.fixture(scope="module")
def body_site(body_project: Path, site_build) -> Path:
    return site_build(body_project, SIGNED_ENV)


def payload(token: str) -> dict:
    part = token.strip().split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_certificate_sheet_names_the_body_as_issuer_and_the_publisher_as_owner(
    body_site: Path,
) -> None:
    page = article(body_site / "certificats" / "demo-niveaux" / "index.html")
    sheet = page.find_all("div", "refpub-cert-sheet")[0]
    issuer = next(n for n in sheet.iter() if "data-issuer" in n.attrs)
    assert issuer.text() == BODY
    text = sheet.text()
    assert f"est délivré par {BODY} à" in text
    assert f"Référentiel DEMO-L d'{PUBLISHER}, son propriétaire" in text
    assert f"organisme certificateur désigné par le référentiel : {NAMED_BODY}" in text
    assert PUBLISHER not in issuer.text() and NAMED_BODY not in issuer.text()


def test_printed_certificate_names_the_body(body_site: Path) -> None:
    page = article(body_site / "certificats" / "demo-niveaux" / "index.html")
    printed = page.find_all(cls="refpub-print-only")[0].text()
    assert f"imprimé depuis le registre public d'{BODY}" in printed
    # the sheet itself is not screen-only: it is what the print shows
    sheet = page.find_all("div", "refpub-cert-sheet")[0]
    assert not sheet.inside(cls="refpub-screen-only")


def test_information_document_names_the_configured_body(body_site: Path) -> None:
    page = article(
        body_site / "certificats" / "demo-niveaux" / "document-information" / "index.html"
    )
    mention = next(n for n in page.iter() if n.attrs.get("data-mention") == "body-address")
    text = mention.text()
    assert BODY in text and BODY_ADDRESS in text
    assert NAMED_BODY not in text  # the référentiel's own text names another body


def test_information_document_pdf_names_the_configured_body(body_site: Path) -> None:
    pytest.importorskip("weasyprint")
    pypdf = pytest.importorskip("pypdf")
    pdf = (
        body_site
        / "certificats"
        / "demo-niveaux"
        / "document-information"
        / "document-information.pdf"
    )
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert BODY in text and BODY_ADDRESS in text


def test_every_credential_names_the_body_as_issuer(body_site: Path) -> None:
    tokens = sorted((body_site / "certificats").glob("*/attestation-*.jwt"))
    assert len(tokens) == 5
    for token in tokens:
        data = payload(token.read_text(encoding="utf-8"))
        assert data["issuer"]["name"] == BODY, token
        assert data["issuer"]["id"] == "did:web:certification.example:registre"
        subject = data["credentialSubject"]
        assert f"délivrée par {BODY}" in subject["description"]
        # the référentiel's owner is the standard's issuing party, not the issuer
        assert subject["scope"]["issuingParty"]["name"] != BODY


def test_feed_author_is_the_body(body_site: Path) -> None:
    feed = ET.fromstring((body_site / "certificats" / "feed.xml").read_bytes())
    authors = {e.findtext(f"{ATOM}author/{ATOM}name") for e in feed.iter(f"{ATOM}entry")}
    assert authors == {BODY}


def test_verification_page_names_the_body(body_site: Path) -> None:
    # the verdict itself (« délivré par … ») is read in a browser: test_browser_verification
    page = article(body_site / "verification" / "index.html")
    assert f"signé par l'organisme, {BODY}," in page.text()


def test_certification_body_entitles_itself_and_the_bodies_listed() -> None:
    body = CertificationBody("SGS ICS", exclusive=True, entitled=("Organisme Ouest",))
    assert body.entitles("SGS-ICS") and body.entitles("sgs  ics")
    assert body.entitles("ORGANISME OUEST")
    assert not body.entitles("Organisme Est")
    assert CertificationBody("SGS ICS").entitles("Organisme Est")  # not exclusive


def _exclusive(data: dict) -> None:
    data["certification_body"]["exclusive"] = True


def test_exclusive_referentiel_warns_another_body(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    edit_referentiel(project, "demo-levels", _exclusive)
    result = mkdocs_build(project, tmp_path / "out", SIGNED_ENV)
    assert result.returncode != 0  # strict: true
    assert "WARNING" in result.output and "réserve la certification sous sa marque" in result.output
    assert f"« {NAMED_BODY} »" in result.output and f"« {BODY} »" in result.output
    assert "certification_body.entitled" in result.output
    assert "Traceback" not in result.output


def test_exclusive_referentiel_listing_the_body_builds(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")

    def entitle(data: dict) -> None:
        _exclusive(data)
        data["certification_body"]["entitled"] = [BODY]

    edit_referentiel(project, "demo-levels", entitle)
    result = mkdocs_build(project, tmp_path / "out", SIGNED_ENV)
    assert result.returncode == 0, result.output
    assert "réserve la certification" not in result.output


def test_publish_mode_refuses_a_body_the_referentiel_does_not_entitle(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    edit_referentiel(project, "demo-levels", _exclusive)
    assert "réserve la certification sous sa marque" in publish_refusal(project, tmp_path / "out")


def test_example_identity_is_told_not_warned_about_an_exclusive_referentiel(tmp_path: Path) -> None:
    project = make_body_project(tmp_path / "project")
    configure_body(
        project,
        {
            "example": True,
            "name": "Exemple (fictif)",
            "marks": {"demo-levels": "marque-fictive-exemple.svg"},
        },
    )
    edit_referentiel(project, "demo-levels", _exclusive)
    result = mkdocs_build(project, tmp_path / "out", SIGNED_ENV)
    assert result.returncode == 0, result.output
    assert "INFO" in result.output.split("réserve la certification")[0].splitlines()[-1]


def test_the_shipped_amarc_referentiel_reserves_its_mark_to_sgs_ics() -> None:
    from refpub.core.referentiels.referentiel import load_referentiel

    from conftest import PROJECT

    ref = load_referentiel(PROJECT / "referentiels" / "amarc-re-mrc-03.yaml")
    assert ref.certification_body is not None and ref.certification_body.exclusive
    assert ref.certification_body.entitles("SGS ICS")
    assert not ref.certification_body.entitles("Organisme certificateur Exemple (fictif)")


def test_referentiel_page_names_each_role(built_site: Path) -> None:
    meta = article(built_site / "referentiels" / "amarc-re-mrc-03" / "index.html")
    terms = {dt.text(): dt for dt in meta.find_all("dt")}
    assert "Éditeur (propriétaire du référentiel)" in terms
    text = meta.text()
    assert (
        "Organisme certificateur désigné par le référentiel SGS ICS" in text
        and "la certification sous la marque du référentiel lui est réservée" in text
    )
    assert "Certificats publiés ici délivrés par Organisme certificateur Exemple (fictif)" in text


def test_the_body_the_referentiel_names_is_not_repeated_when_it_publishes(
    tmp_path: Path, site_build
) -> None:
    from body_support import ORGANISME

    project = make_body_project(tmp_path / "project", {**ORGANISME, "name": "CERTIFICATEUR-fictif"})
    site = site_build(project, SIGNED_ENV)
    sheet = (
        article(site / "certificats" / "demo-niveaux" / "index.html")
        .find_all("div", "refpub-cert-sheet")[0]
        .text()
    )
    assert "est délivré par CERTIFICATEUR-fictif à" in sheet
    assert "désigné par le référentiel" not in sheet
