"""Publish mode (REFPUB_PUBLISH=1) refuses every leftover of the example or of a preview, all
reasons in one error and before anything is written; a clean configuration publishes. The
internal build is never published, and `refpub validate` (the pull-request check) refuses a
configuration that would build it."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from cli_support import run_mkdocs
from credential_support import SIGNED_ENV, TEST_KEY, pem
from factories import levels_ref

from refpub.cli import main
from refpub.core.intake.site_config import config_problems
from refpub.core.referentiels.referentiel import Referentiel
from refpub.site import complaints, identity
from refpub.site import publication as pub

from conftest import BODY_COMPLAINTS, FIXTURES, PROJECT, refpub

PUBLIC_URL = "https://registre.certification-durand.fr/"
CLEAN_MARK = """<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" role="img" \
aria-label="Marque fictive"><title>Marque fictive</title><rect width="96" height="96" \
fill="#1a237e"/></svg>
"""
REFUSED = "publication (REFPUB_PUBLISH=1) refusée"


def _build(project: Path, env: dict[str, str]):
    args = ["build", "--strict", "-d", str(project / "out")]
    return run_mkdocs(args, cwd=project, env=env)


def _edit_config(project: Path, change) -> None:
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(config)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def clean_project(tmp_path: Path) -> Path:
    """tests/fixtures/mini as a body would publish it: its own identity, an https public
    address, its mark file, a référentiel with its full title, nothing named as an example."""
    project = tmp_path / "clean"
    shutil.copytree(FIXTURES / "mini", project)
    (project / "docs" / "marque-fictive-exemple.svg").unlink()
    (project / "docs" / "marques").mkdir()
    (project / "docs" / "marques" / "marque-fictive.svg").write_text(CLEAN_MARK, encoding="utf-8")
    ref = project / "referentiels" / "demo-levels.yaml"
    ref.write_text(
        ref.read_text(encoding="utf-8").replace(
            "short_title: DEMO-L\n",
            "short_title: DEMO-L\nfull_title: Référentiel de démonstration par niveaux, "
            "version 2\n",
        ),
        encoding="utf-8",
    )

    def clean(config: dict) -> None:
        config["site_url"] = PUBLIC_URL
        config["extra"]["organisme"] = {
            "name": "Certification Durand SAS",
            "email": "contact@certification-durand.fr",
            "website": "https://www.certification-durand.fr/",
            "marks": {"demo-levels": "marques/marque-fictive.svg"},
            "complaints": BODY_COMPLAINTS,
        }

    _edit_config(project, clean)
    assert main(["index-statut", str(project), "--ecrire"]) == 0  # the committed ledger
    return project


PUBLISH_ENV = {**SIGNED_ENV, "REFPUB_PUBLISH": "1"}


def test_a_clean_configuration_publishes(clean_project: Path) -> None:
    result = _build(clean_project, PUBLISH_ENV)
    assert result.returncode == 0, result.output
    out = clean_project / "out"
    assert (out / "certificats" / "demo-niveaux" / "index.html").is_file()
    assert list(out.glob("certificats/*/attestation-*.jwt"))
    assert not list(out.rglob("*exemple*"))
    document = (
        out / "certificats" / "demo-niveaux" / "document-information" / "index.html"
    ).read_text(encoding="utf-8")
    assert "Référentiel de démonstration par niveaux, version 2" in document
    assert "en attente" not in document


def test_publish_mode_refuses_the_shipped_example_with_every_reason(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(
        PROJECT,
        project,
        ignore=shutil.ignore_patterns(
            ".venv", "site", "site-interne", ".git", ".cache", "__pycache__", "*.egg-info"
        ),
    )
    (project / "docs" / "cle-signature.pem").write_text(pem(TEST_KEY), encoding="ascii")
    result = _build(
        project,
        {
            "REFPUB_TODAY": "2026-11-23",
            "REFPUB_PUBLISH": "1",
            "REFPUB_INTERNAL": "1",
            "REFPUB_SIGNING_KEY": "",
        },
    )
    assert result.returncode != 0
    assert "Traceback" not in result.output
    error = result.output[result.output.index(REFUSED) :]
    for reason in (
        "REFPUB_INTERNAL=1 : c'est la version interne",  # internal build
        "extra.organisme.example: true",  # example identity
        "docs/organisme/exemple/marque-cliq-exemple.svg",  # example marks
        "docs/organisme/exemple/marque-qualicert-exemple.svg",
        "docs/organisme/exemple/logo-organisme-exemple.svg",
        "la mention « Titre complet du référentiel » est « en attente »",  # pending mention
        "site_url 'https://example.org/refpub/' est une adresse d'exemple",
        "'contact@organisme-exemple.invalid' a un domaine d'exemple",  # placeholder e-mail
        "la publication exige la clé de signature",  # no signing key
        "docs/cle-signature.pem contient une clé privée PEM",  # key material
        "extra.organisme.complaints.email : l'adresse électronique "  # complaints route
        "'reclamations@organisme-exemple.invalid'",
        "« Organisme certificateur Exemple (fictif) » n'y figure pas",  # reserved mark
    ):
        assert reason in error, reason
    assert not (project / "out").exists()  # refused before anything is written


def _internal_config(config: dict) -> None:
    config["plugins"] = [{"refpub": {"internal": True}}]


def _http_website(config: dict) -> None:
    config["extra"]["organisme"]["website"] = "http://www.certification-durand.fr/"


def _http_site_url(config: dict) -> None:
    config["site_url"] = "http://registre.certification-durand.fr/"


def _invalid_email(config: dict) -> None:
    config["extra"]["organisme"]["email"] = "contact@certification-durand.invalid"


def _example_identity(config: dict) -> None:
    config["extra"]["organisme"]["example"] = True


def _example_name(config: dict) -> None:
    config["extra"]["organisme"]["name"] = "Organisme certificateur (nom d'exemple)"


def _placeholder_in_legal_notice(config: dict) -> None:
    config["extra"]["organisme"]["legal"] = {"personal_data": "https://localhost/dpo"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (_internal_config, "internal: true sous le plugin refpub"),
        (
            _http_website,
            "extra.organisme.website : 'http://www.certification-durand.fr/' est une "
            "adresse http://",
        ),
        (_http_site_url, "est une adresse http://"),
        (_invalid_email, "a un domaine d'exemple ou réservé (certification-durand.invalid)"),
        (_example_identity, "extra.organisme.example: true"),
        (_example_name, "extra.organisme.name se présente comme une valeur d'exemple"),
        (
            _placeholder_in_legal_notice,
            "extra.organisme.legal.personal_data : "
            "'https://localhost/dpo' est une adresse d'exemple",
        ),
    ],
)
def test_publish_mode_refuses_each_leftover_of_the_configuration(
    clean_project: Path, change, reason: str
) -> None:
    _edit_config(clean_project, change)
    result = _build(clean_project, PUBLISH_ENV)
    assert result.returncode != 0
    assert REFUSED in result.output and reason in result.output, result.output
    assert "Traceback" not in result.output


def test_publish_mode_never_publishes_the_internal_build_whatever_the_variable_says(
    clean_project: Path,
) -> None:
    for value in ("1", "true", "oui"):
        result = _build(clean_project, {**PUBLISH_ENV, "REFPUB_INTERNAL": value})
        assert result.returncode != 0
        assert f"REFPUB_INTERNAL={value} : c'est la version interne" in result.output


def test_publish_mode_refuses_example_and_pending_files(clean_project: Path) -> None:
    (clean_project / "docs" / "img").mkdir()
    (clean_project / "docs" / "img" / "photo-example.png").write_bytes(b"\x89PNG\r\n")
    mark = clean_project / "docs" / "marques" / "marque-fictive.svg"
    mark.write_text(
        CLEAN_MARK.replace("<title>Marque fictive</title>", "<title>EXEMPLE à remplacer</title>"),
        encoding="utf-8",
    )
    ref = clean_project / "referentiels" / "demo-levels.yaml"
    ref.write_text(
        "\n".join(
            line
            for line in ref.read_text(encoding="utf-8").splitlines()
            if not line.startswith("full_title:")
        )
        + "\n",
        encoding="utf-8",
    )
    result = _build(clean_project, PUBLISH_ENV)
    assert result.returncode != 0
    for reason in (
        "docs/img/photo-example.png (son nom le désigne comme exemple)",
        "docs/marques/marque-fictive.svg (son contenu le désigne comme exemple)",
        "Document d'information fictif (DEMO-L) : la mention « Titre complet du "
        "référentiel » est « en attente »",
    ):
        assert reason in result.output, reason


# --- the rules, one by one (pure functions over the settings) --------------------------------


def _settings(**fields) -> pub.PublishSettings:
    body = identity.Organisme(
        name="Certification Durand SAS",
        email="contact@certification-durand.fr",
        complaints=complaints.load(BODY_COMPLAINTS, "complaints"),
    )
    return pub.PublishSettings(**{"site_url": PUBLIC_URL, "organisme": body, **fields})


def _reserved(ref: Referentiel) -> Referentiel:
    """``ref`` with a mark its certification body alone may certify under."""
    assert ref.certification_body is not None
    return replace(ref, certification_body=replace(ref.certification_body, exclusive=True))


def test_clean_settings_have_no_refusal() -> None:
    assert pub.refusals(_settings()) == []


def test_every_rule_is_listed_by_the_collector() -> None:
    settings = _settings(
        internal_env="REFPUB_INTERNAL=1",
        internal_config=True,
        signing_problem="pas de clé",
        missing_files=("logo absent",),
        example_files=("docs/x-exemple.svg",),
        referentiels=(levels_ref(),),
        key_files=("docs/k.pem",),
        addresses=(("repo_url", "http://forge.certification-durand.fr/"),),
        organisme=identity.Organisme(name="Certification Durand SAS", example=True),
        all_referentiels=(_reserved(levels_ref()),),
        sealing_problems=("clé d'exemple parmi les destinataires",),
    )
    reasons = pub.refusals(settings)
    assert len(reasons) == 12
    for rule in pub.RULES:
        assert rule(settings), rule.__name__


def test_a_mention_filled_from_a_missing_full_title_is_pending() -> None:

    from refpub.core.referentiels.communication import pending_mentions

    ref = levels_ref()
    assert ref.full_title is None
    assert pending_mentions(ref) == [
        "Document d'information fictif (DEMO-L) : la mention « Titre complet du référentiel » "
        "est « en attente », le référentiel demo-levels ne donne pas son titre complet "
        "(full_title) ; obtenez-le de son propriétaire"
    ]
    assert pending_mentions(replace(ref, full_title="Titre complet")) == []


def test_private_and_reserved_hosts_are_placeholders() -> None:
    from refpub.site.mode import placeholder_host

    for host in (
        "localhost",
        "intranet",
        "10.0.0.4",
        "192.168.1.2",
        "[::1]",
        "site.local",
        "x.home.arpa",
        "dpo.example.com",
    ):
        assert placeholder_host(host), host
    for host in ("www.certification-durand.fr", "8.8.8.8"):
        assert not placeholder_host(host), host


# --- the pull-request check: the internal build is never configured --------------------------


@pytest.mark.parametrize("option", ["true", "yes", "!ENV [REFPUB_X, true]", "!ENV REFPUB_X"])
def test_validate_refuses_a_configuration_that_builds_the_internal_site(
    mini_project: Path, option: str
) -> None:
    config = mini_project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - refpub\n", f"  - search\n  - refpub:\n      internal: {option}\n"
        ),
        encoding="utf-8",
    )
    result = refpub("validate", str(mini_project))
    assert result.returncode == 1
    assert (
        "mkdocs.yml:10:17: internal: la configuration publiée construirait la version "
        "interne" in result.output
    ), result.output
    github = refpub("validate", "--format", "github", str(mini_project))
    assert "::error file=mkdocs.yml,line=10" in github.output


def test_validate_follows_the_inherited_configuration(tmp_path: Path) -> None:
    (tmp_path / "base.yml").write_text(
        "site_name: X\nplugins:\n  - refpub:\n      internal: true\n", encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n", encoding="utf-8")
    problems = config_problems(tmp_path)
    assert [(p.path, p.line) for p in problems] == [("base.yml", 4)]


def test_validate_accepts_internal_false_and_the_shipped_configuration(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "plugins:\n  refpub: {internal: false}\n", encoding="utf-8"
    )
    assert config_problems(tmp_path) == []
    assert config_problems(PROJECT) == []


def test_pull_request_workflow_runs_the_check_of_the_configuration() -> None:
    workflow = yaml.safe_load(
        (PROJECT / ".github/workflows/validate.yml").read_text(encoding="utf-8")
    )
    assert "mkdocs.yml" in workflow[True]["pull_request"]["paths"]
    runs = [step.get("run", "") for step in workflow["jobs"]["validate"]["steps"]]
    assert any(
        line.strip().startswith("refpub validate") for run in runs for line in run.splitlines()
    )


def test_the_body_documentation_says_what_publish_mode_refuses() -> None:
    page = (PROJECT / "docs" / "organisme" / "publication.md").read_text(encoding="utf-8")
    for fact in (
        "REFPUB_PUBLISH=1",
        "REFPUB_INTERNAL",
        "internal: true",
        "extra.organisme.example: true",
        "docs/organisme/exemple/",
        "Titre complet : en attente",
        "http://",
        "*.invalid",
        "REFPUB_SIGNING_KEY",
        "AGE-SECRET-KEY-1",
        "`*.pem`",
        "javascript:",
        "refpub validate",
        "## Aucune clé privée dans le site",
        "## Les valeurs de `mkdocs.yml` sont des données",
    ):
        assert fact in page, fact
