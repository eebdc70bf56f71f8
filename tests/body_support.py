"""A project whose certification body is configured by the test: tests/fixtures/mini with a
public site_url, certificates in every status (credential_support) and an ``extra.organisme``
of the test's choosing, not the example one."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from credential_support import SIGNED_ENV, SITE_URL, make_signed_project

from conftest import Run, mkdocs_build

BODY = "Organisme Xénon Certification"
BODY_ADDRESS = "7 rue du Xénon, 31000 Toulouse"
BODY_WEBSITE = "https://xenon-certification.example.fr/"
COMPLAINTS: dict[str, Any] = {
    "email": "plaintes@xenon-certification.example.fr",
    "form": "https://xenon-certification.example.fr/plainte",
    "acknowledgement_days": 3,
    "answer_days": 21,
    "steps": [
        "Le service qualité de Xénon instruit la réclamation.",
        "Xénon répond par écrit avec les suites données.",
    ],
    "appeal": {
        "handled_by": "Commission d'appel de Xénon",
        "filing_days": 45,
        "answer_days": 50,
        "address": "Commission d'appel, 7 rue du Xénon",
        "steps": ["La commission entend l'entreprise."],
    },
}
ORGANISME: dict[str, Any] = {
    "name": BODY,
    "address": BODY_ADDRESS,
    "website": BODY_WEBSITE,
    "email": "contact@xenon-certification.example.fr",
    "marks": {"demo-levels": "marque-fictive-exemple.svg"},
    "complaints": COMPLAINTS,
}


def configure_body(project: Path, organisme: dict[str, Any] | None) -> None:
    """Replace ``extra.organisme`` of the project's mkdocs.yml (None: remove it)."""
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    if organisme is None:
        config["extra"].pop("organisme", None)
    else:
        config["extra"]["organisme"] = copy.deepcopy(organisme)
    config_file.write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def edit_referentiel(project: Path, ref_id: str, change) -> None:
    """Apply ``change`` to the parsed référentiel file and write it back."""
    path = project / "referentiels" / f"{ref_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_body_project(target: Path, organisme: dict[str, Any] | None = None) -> Path:
    """The signed mini project (every status) published by the body ``organisme``."""
    make_signed_project(target)
    configure_body(target, ORGANISME if organisme is None else organisme)
    return target


def publish_build(project: Path, out: Path) -> Run:
    """``project`` built as the publish workflow builds it: signed, at its public address."""
    return mkdocs_build(
        project, out, {**SIGNED_ENV, "REFPUB_PUBLISH": "1", "REFPUB_SITE_URL": SITE_URL}
    )


def publish_refusal(project: Path, out: Path) -> str:
    """The reasons publish mode lists for ``project``, once it is known to refuse cleanly."""
    result = publish_build(project, out)
    assert result.returncode != 0
    assert "Traceback" not in result.output
    return result.output.split("publication (REFPUB_PUBLISH=1) refusée")[1]
