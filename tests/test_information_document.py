"""The « document d'information sur la Certification de Services » (AMARC §VIII.1) and the
build-time conformity check of the communication rules (§VIII.1 mandatory mentions, §VIII.2
mark on the company page): every mandatory mention is on the document, and removing one,
from the référentiel data or from the template, makes the build fail naming it."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from refpub.core.audits.company import Company, Site
from refpub.core.checks.problems import DataError
from refpub.core.referentiels import communication
from refpub.core.referentiels.referentiel import load_referentiel
from refpub.site import mentions

from conftest import PROJECT, mkdocs_build

TODAY = {"REFPUB_TODAY": "2026-11-23"}
AMARC = PROJECT / "referentiels" / "amarc-re-mrc-03.yaml"
TEMPLATES = PROJECT / "plugins" / "refpub" / "templates" / "refpub"
VALID = "autocars-imaginaires-bourgogne"
SUSPENDED = "eaux-fictives-du-dauphine"
CLIQ_ONLY = "transports-fictifs-durand"
MINI_REF = Path("referentiels") / "demo-levels.yaml"
MINI_COMPANY = Path("audits") / "demo-niveaux" / "company.yaml"
MINI_DOC = "certificats/demo-niveaux/document-information/"


class Mentions(HTMLParser):
    """Text and images of each data-mention element (independent of the core's parser)."""

    VOID = {"img", "br", "hr", "meta", "link", "input", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, str] = {}
        self.images: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        mention = dict(attrs).get("data-mention")
        if mention:
            self.text.setdefault(mention, "")
        if tag == "img":
            self.images.update(m for _, m in self.stack if m)
        if tag not in self.VOID:
            self.stack.append((tag, mention))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, mention in self.stack:
            if mention:
                self.text[mention] += data


def parse(html: str) -> Mentions:
    parser = Mentions()
    parser.feed(html)
    for key, value in parser.text.items():
        parser.text[key] = " ".join(value.split())
    return parser


def lines(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    out: list[str] = []
    for block in value or []:  # type: ignore[union-attr]
        out.extend([block] if isinstance(block, str) else block["list"])
    return out


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def amarc() -> dict:
    return yaml.safe_load(AMARC.read_text(encoding="utf-8"))


def document_support(ref: dict) -> dict:
    return next(s for s in ref["communication"]["supports"] if s["id"] == "document-information")


def company_data(company_id: str) -> dict:
    return yaml.safe_load((PROJECT / "audits" / company_id / "company.yaml").read_text("utf-8"))


def test_valid_amarc_company_has_every_mandatory_mention(site: Path, amarc: dict) -> None:
    html = (site / "certificats" / VALID / "document-information" / "index.html").read_text()
    found = parse(html)
    company = company_data(VALID)
    assert len(company["sites"]) > 1 and len(company["activities"]) > 1
    body = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))[
        "extra"
    ]["organisme"]
    titles = {e["id"]: e["title"] for s in amarc["sections"] for e in s["engagements"]}
    expected = {
        "beneficiary-name-address": [company["name"], company["address"]],
        "certified-sites": [site["name"] for site in company["sites"]],
        "qualicert-mark-logo": ["Qualicert"],
        "referentiel-title-reference": [amarc["title"], amarc["reference"]],
        "certified-characteristics": [
            titles[i] for i in amarc["communication"]["communicated_engagements"]
        ],
        # the body that publishes the site and issues the certificate, not SGS ICS
        "certification-body-address": [body["name"], body["address"]],
        "activity-specific": company["activities"],
        "referentiel-availability": ["obtenu ou consulté auprès de SGS-ICS"],
    }
    mandatory = [
        m for m in document_support(amarc)["mentions"] if m.get("when") != "partial-network"
    ]
    assert {m["id"] for m in mandatory} == set(expected)
    for mention in mandatory:
        text = found.text.get(mention["id"])
        assert text is not None, mention["id"]
        for value in expected[mention["id"]]:
            assert value in text, (mention["id"], value)
        if not mention.get("source"):
            for line in lines(mention.get("document") or mention["text"]):
                assert line in text, (mention["id"], line)
    assert "qualicert-mark-logo" in found.images
    assert "sites-list-availability" not in found.text  # whole network certified
    assert "CERTIFICAT SUSPENDU" not in html


def test_characteristics_are_word_for_word(site: Path, amarc: dict) -> None:
    html = (site / "certificats" / VALID / "document-information" / "index.html").read_text()
    text = parse(html).text["certified-characteristics"]
    assert (
        "Nous favorisons toute expression d'insatisfaction et facilitons l’accès au bon "
        "interlocuteur." in text
    )
    assert (
        "Nous prenons en compte vos suggestions, remarques et insatisfactions pour "
        "améliorer nos produits et services." in text
    )


def test_document_is_printable_and_linked(site: Path) -> None:
    html = (site / "certificats" / VALID / "document-information" / "index.html").read_text()
    assert "@media print" in html and "size: A4" in html
    # the mark logo is the body's configured file (here the example one), never a stand-in
    assert "organisme/exemple/marque-qualicert-exemple.svg" in html
    assert "mark-placeholder" not in html
    assert (site / "organisme" / "exemple" / "marque-qualicert-exemple.svg").is_file()
    company = (site / "certificats" / VALID / "index.html").read_text()
    assert 'href="document-information/"' in company
    marks = parse(company)
    assert "www.qualicert.fr" in marks.text["amarc-re-mrc-03/qualicert-website"]
    assert "Qualicert" in marks.text["amarc-re-mrc-03/qualicert-mark-logo"]


def test_suspended_certificate_document_carries_a_warning(site: Path) -> None:
    html = (site / "certificats" / SUSPENDED / "document-information" / "index.html").read_text()
    assert "CERTIFICAT SUSPENDU" in html
    company = (site / "certificats" / SUSPENDED / "index.html").read_text()
    assert "à ne pas remettre aux clients" in company
    assert "amarc-re-mrc-03/qualicert-mark-logo" not in company  # no mark while suspended


def test_no_document_for_a_cliq_only_company(site: Path) -> None:
    assert (site / "certificats" / CLIQ_ONLY / "index.html").is_file()
    assert not (site / "certificats" / CLIQ_ONLY / "document-information").exists()
    assert (
        "document-information" not in (site / "certificats" / CLIQ_ONLY / "index.html").read_text()
    )


# --- the conformity check, on a copy of the mini project ------------------------------------


def _multi_site(project: Path) -> None:
    """Two sites and two activities, so that the conditional mentions are required."""
    file = project / MINI_COMPANY
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    data["sites"] = [
        {"name": "Site Nord", "address": "1 rue du Nord, 59000 Lille"},
        {"name": "Site Sud", "address": "2 rue du Sud, 13001 Marseille"},
    ]
    data["activities"] = ["activité une", "activité deux"]
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _mini_ref(project: Path) -> dict:
    return yaml.safe_load((project / MINI_REF).read_text(encoding="utf-8"))


def _mini_mentions(support_id: str) -> list[tuple[str, str]]:
    ref = yaml.safe_load(
        (Path(__file__).parent / "fixtures" / "mini" / MINI_REF).read_text(encoding="utf-8")
    )
    support = next(s for s in ref["communication"]["supports"] if s["id"] == support_id)
    return [(m["id"], m["label"]) for m in support["mentions"] if not m.get("optional")]


def test_mini_project_builds_with_every_mention(mini_project: Path, tmp_path: Path) -> None:
    _multi_site(mini_project)
    result = mkdocs_build(mini_project, tmp_path / "site", TODAY)
    assert result.returncode == 0, result.output
    html = (tmp_path / "site" / MINI_DOC / "index.html").read_text()
    found = parse(html)
    assert {
        "beneficiary",
        "sites",
        "mark-logo",
        "title",
        "characteristics",
        "body-address",
        "activities",
        "availability",
    } <= set(found.text)
    assert "Site Sud" in found.text["sites"] and "activité deux" in found.text["activities"]


@pytest.mark.parametrize(
    ("support_id", "mention_id", "label"),
    [("document-information", *m) for m in _mini_mentions("document-information")]
    + [("site-internet", *m) for m in _mini_mentions("site-internet")],
)
def test_removing_a_mention_text_from_the_data_fails(
    mini_project: Path, support_id: str, mention_id: str, label: str
) -> None:
    """Refused when the référentiel loads (so by validate and the build alike)."""
    ref = _mini_ref(mini_project)
    support = next(s for s in ref["communication"]["supports"] if s["id"] == support_id)
    mention = next(m for m in support["mentions"] if m["id"] == mention_id)
    mention.pop("text")
    mention.pop("document", None)
    (mini_project / MINI_REF).write_text(yaml.safe_dump(ref, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_referentiel(mini_project / MINI_REF, str(MINI_REF))
    [problem] = error.value.problems
    assert problem.path == str(MINI_REF) and problem.line > 1
    assert f"« {label} » ({mention_id})" in problem.message
    assert "n'a pas de texte" in problem.message


def _override(project: Path, name: str, old: str, new: str) -> None:
    """The project overrides a package template (theme custom_dir/refpub/), edited."""
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    target = project / "overrides" / "refpub" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    assert old in source
    target.write_text(source.replace(old, new), encoding="utf-8")


DOCUMENT_MENTIONS = [m for m in _mini_mentions("document-information") if m[0] != "network"]


@pytest.mark.parametrize(("mention_id", "label"), DOCUMENT_MENTIONS)
def test_a_template_missing_a_mention_fails(
    mini_project: Path, tmp_path: Path, mention_id: str, label: str
) -> None:
    _multi_site(mini_project)
    _override(
        mini_project,
        "information.html",
        "{% for mention in mentions %}",
        f'{{% for mention in mentions if mention.id != "{mention_id}" %}}',
    )
    result = mkdocs_build(mini_project, tmp_path / "site", TODAY)
    assert result.returncode != 0
    assert f"{MINI_DOC} : mention obligatoire manquante « {label} » (VIII.1)" in result.output


def test_a_mention_without_its_data_fails(mini_project: Path, tmp_path: Path) -> None:
    _multi_site(mini_project)
    _override(mini_project, "information.html", "<br>{{ company.address }}", "")
    result = mkdocs_build(mini_project, tmp_path / "site", TODAY)
    assert result.returncode != 0
    assert "mention obligatoire manquante « Coordonnées du bénéficiaire »" in result.output


def test_company_page_without_the_mark_website_fails(mini_project: Path, tmp_path: Path) -> None:
    _override(mini_project, "company.html", "{% if web_id %} data-mention", "{% if 0 %}x")
    result = mkdocs_build(mini_project, tmp_path / "site", TODAY)
    assert result.returncode != 0
    assert (
        "certificats/demo-niveaux/ : mention obligatoire manquante « Adresse Internet » (VIII.2)"
    ) in result.output


def test_no_document_for_a_withdrawn_certificate(mini_project: Path, tmp_path: Path) -> None:
    folder = mini_project / "audits" / "demo-niveaux"
    audit = yaml.safe_load((folder / "2025-05-01-initial.yaml").read_text(encoding="utf-8"))
    audit.update(
        type="surveillance-1",
        date="2026-05-01",
        decision={"date": "2026-05-20", "outcome": "withdrawn"},
    )
    (folder / "2026-05-01-surveillance-1.yaml").write_text(
        yaml.safe_dump(audit, allow_unicode=True), encoding="utf-8"
    )
    result = mkdocs_build(mini_project, tmp_path / "site", TODAY)
    assert result.returncode == 0, result.output
    assert (tmp_path / "site" / "certificats" / "demo-niveaux" / "index.html").is_file()
    assert not (tmp_path / "site" / MINI_DOC).exists()


# --- the core check alone ---------------------------------------------------------------------


def test_conditions_follow_the_company() -> None:
    ref = load_referentiel(AMARC)
    support = ref.information_support
    assert support is not None
    one = Company(id="a", path="", name="A", address="1 rue A")
    many = Company(
        id="b",
        path="",
        name="B",
        address="1 rue B",
        activities=("x", "y"),
        sites=(Site("S1"), Site("S2")),
        partial_network=True,
    )
    ids = {m.id for m in communication.required_mentions(support, one)}
    assert "certified-sites" not in ids and "activity-specific" not in ids
    assert "sites-list-availability" not in ids
    ids = {m.id for m in communication.required_mentions(support, many)}
    assert {"certified-sites", "activity-specific", "sites-list-availability"} <= ids


def test_missing_mentions_in_a_rendered_document() -> None:
    ref = load_referentiel(AMARC)
    support = ref.information_support
    assert support is not None
    company = Company(id="a", path="", name="Société A", address="1 rue A, 75001 Paris")
    page = communication.page_mentions(support, ref, company)
    beneficiary = next(m for m in page.mentions if m.id == "beneficiary-name-address")
    assert beneficiary.values == ("Société A", "1 rue A, 75001 Paris")
    missing = mentions.missing(
        page, '<p data-mention="beneficiary-name-address">Société A<br>1 rue A, 75001 Paris</p>'
    )
    ids = [m.id for m in missing]
    assert "beneficiary-name-address" not in ids
    assert "certification-body-address" in ids and "qualicert-mark-logo" in ids


def test_a_mention_whose_data_the_referentiel_lacks_is_refused_with_its_line(
    mini_project: Path,
) -> None:
    ref = _mini_ref(mini_project)
    del ref["communication"]["mark"]["website"]
    (mini_project / MINI_REF).write_text(yaml.safe_dump(ref, allow_unicode=True), "utf-8")
    with pytest.raises(DataError) as error:
        load_referentiel(mini_project / MINI_REF, str(MINI_REF))
    [problem] = error.value.problems
    assert "« Adresse Internet » (website)" in problem.message
    assert "n'a pas de données (website)" in problem.message and problem.line > 1


def test_example_marks_are_named_as_examples() -> None:
    """The example project's mark files say they are examples, and are not the trademark."""
    for svg in (PROJECT / "docs" / "organisme" / "exemple").glob("marque-*-exemple.svg"):
        text = svg.read_text(encoding="utf-8")
        assert text.startswith("<svg") and "EXEMPLE" in text and "à remplacer" in text


def test_pdf_is_one_a4_page_when_weasyprint_is_installed(site: Path) -> None:
    from refpub.site import information_pdf

    if not information_pdf.available():
        pytest.skip("WeasyPrint ou ses bibliothèques Pango absents : pas de PDF")
    pdf = site / "certificats" / VALID / "document-information" / "document-information.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    html = (site / "certificats" / VALID / "document-information" / "index.html").read_text()
    assert 'href="document-information.pdf"' in html
    import weasyprint

    body = html[html.index("<style>\n.refpub-info-doc") : html.index("</article>") + 10]
    document = weasyprint.HTML(
        string=information_pdf.standalone(body, "x"), base_url=f"{pdf.parent.as_uri()}/"
    ).render()
    assert len(document.pages) == 1
    assert round(document.pages[0].width) == 794 and round(document.pages[0].height) == 1123


def test_printed_document_carries_the_status_date_and_the_way_back_to_the_register(
    site: Path,
) -> None:
    folder = site / "certificats" / VALID / "document-information"
    html = (folder / "index.html").read_text(encoding="utf-8")
    article = html[html.index('<article class="refpub-info-doc"') : html.index("</article>")]
    assert "Statut du certificat à la date du 23/11/2026" in article
    url = json.loads((site / "certificats" / VALID / "index.json").read_text("utf-8"))["url"]
    assert f'<span class="refpub-url">{url}</span>' in article
    qr = re.search(r'<img src="([^"]+)" alt="QR code[^"]*"', article)
    assert qr and (folder / qr.group(1)).resolve() == (folder.parent / "qr.svg").resolve()
    assert (folder.parent / "qr.svg").is_file()
    from refpub.site import information_pdf

    if information_pdf.available():  # and the PDF, still one page, says the same
        pypdf = pytest.importorskip("pypdf")
        reader = pypdf.PdfReader(folder / "document-information.pdf")
        text = " ".join(reader.pages[0].extract_text().split())
        assert len(reader.pages) == 1
        assert "23/11/2026" in text and url in text.replace(" ", "")


def test_validate_reports_a_mention_without_text_with_its_line(mini_project: Path) -> None:
    from conftest import refpub

    ref = _mini_ref(mini_project)
    support = next(s for s in ref["communication"]["supports"] if s["mandatory"])
    mention = support["mentions"][0]
    mention.pop("text")
    mention.pop("document", None)
    (mini_project / MINI_REF).write_text(yaml.safe_dump(ref, allow_unicode=True), encoding="utf-8")
    result = refpub("validate", str(mini_project))
    assert result.returncode == 1
    line = next(out for out in result.stdout.splitlines() if "n'a pas de texte" in out)
    assert line.startswith(f"{MINI_REF}:")
    assert f"« {mention['label']} » ({mention['id']})" in line
