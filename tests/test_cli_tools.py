"""The auditors' tools: `refpub schema` for their editors, `refpub new-audit` skeletons, CI."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from refpub.core.referentiel import Referentiel, load_referentiel
from refpub.core.skeleton import AUDIT_SCHEMA_LINE, audit_skeleton
from refpub.core.source import load_yaml, parse_yaml

from conftest import PROJECT, refpub

REFERENTIELS = ("cliq-2006", "amarc-re-mrc-03")
DATE = "2026-03-10"


@pytest.fixture(scope="module")
def referentiels() -> dict[str, Referentiel]:
    return {rid: load_referentiel(PROJECT / f"referentiels/{rid}.yaml") for rid in REFERENTIELS}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A data root holding only the real référentiels, and no company yet."""
    (tmp_path / "referentiels").mkdir()
    for rid in REFERENTIELS:
        shutil.copy(PROJECT / f"referentiels/{rid}.yaml", tmp_path / "referentiels")
    return tmp_path


@functools.cache
def _editor_schema(name: str) -> Draft202012Validator:
    schema = json.loads((PROJECT / f"schemas/{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


# refpub schema

def test_committed_schemas_are_what_refpub_schema_generates(tmp_path: Path):
    run = refpub("schema", "--output", str(tmp_path))
    assert run.returncode == 0, run.output
    for name in ("company.schema.json", "audit.schema.json"):
        expected = (tmp_path / name).read_bytes()
        assert (PROJECT / "schemas" / name).read_bytes() == expected, (
            f"schemas/{name} est périmé : lancez « refpub schema »")
        assert expected.endswith(b"}\n") and b"\\u00" not in expected


def test_stdout_prints_one_schema():
    run = refpub("schema", "--stdout", "company")
    assert run.returncode == 0, run.output
    assert run.stdout == (PROJECT / "schemas/company.schema.json").read_text(encoding="utf-8")


def test_schema_is_written_under_the_root_by_default(project: Path):
    run = refpub("schema", "--root", str(project))
    assert run.returncode == 0, run.output
    audit = json.loads((project / "schemas/audit.schema.json").read_text(encoding="utf-8"))
    assert audit["properties"]["referentiel"]["enum"] == sorted(REFERENTIELS)


def test_audit_schema_accepts_a_valid_cliq_audit_and_rejects_a_grade_of_3(referentiels):
    grades = {sid: {"approach": 2, "deployment": 1, "results": 0, "review": 0}
              for sid in referentiels["cliq-2006"].requirements}
    audit = {"referentiel": "cliq-2006", "type": "initial", "date": DATE,
             "lead_auditor": "Jeanne Martin", "grades": grades}
    validator = _editor_schema("audit")
    assert list(validator.iter_errors(audit)) == []
    wrong = copy.deepcopy(audit)
    wrong["grades"]["org-1.1"]["approach"] = 3
    paths = [list(error.absolute_path) for error in validator.iter_errors(wrong)]
    assert paths == [["grades", "org-1.1", "approach"]]


def test_audit_schema_requires_every_amarc_item_of_the_level(referentiels):
    amarc = referentiels["amarc-re-mrc-03"]
    items = {r.id: {"result": "conform"} for r in amarc.requirements_for_level("A")}
    audit = {"referentiel": "amarc-re-mrc-03", "type": "initial", "date": DATE,
             "lead_auditor": "Jeanne Martin", "level": "A", "items": items}
    validator = _editor_schema("audit")
    assert validator.is_valid(audit)
    assert not validator.is_valid({**audit, "level": "B"})


def test_company_schema_accepts_the_contract_example():
    company = {"name": "Transports Exemple SAS", "address": "12 rue des Halles, 94150 Rungis",
               "sites": [{"name": "Entrepôt de Rungis", "address": "Rungis"}],
               "activities": ["transport"], "website": "https://example.org"}
    validator = _editor_schema("company")
    assert validator.is_valid(company)
    assert not validator.is_valid({"name": "Sans adresse"})


EXAMPLES = sorted((PROJECT / "audits").glob("*/*.yaml"))


@pytest.mark.parametrize("file", EXAMPLES, ids=[f"{f.parent.name}/{f.name}" for f in EXAMPLES])
def test_editors_accept_every_example_file(file: Path):
    doc, problems = load_yaml(file, file.name)
    assert problems == [] and doc is not None
    name = "company" if file.name == "company.yaml" else "audit"
    assert list(_editor_schema(name).iter_errors(doc.data)) == []
    assert file.read_text(encoding="utf-8").startswith(
        f"# yaml-language-server: $schema=../../schemas/{name}.schema.json\n")


def test_schema_of_invalid_referentiels_exits_1_with_lines(project: Path):
    (project / "referentiels/casse.yaml").write_text("id: casse\ntitle: Cassé\n",
                                                      encoding="utf-8")
    run = refpub("schema", "--root", str(project))
    assert run.returncode == 1
    assert re.search(r"^referentiels/casse\.yaml:\d+:", run.stdout, re.M), run.output
    assert not (project / "schemas").exists()


@pytest.mark.parametrize("args", [["--stdout", "audit", "--output", "x"],
                                  ["--stdout", "referentiel"],
                                  ["--root", "/dossier/absent"]])
def test_schema_usage_errors_exit_2(args: list[str]):
    assert refpub("schema", *args).returncode == 2


# audit skeletons

def _located(text: str):
    doc, problems = parse_yaml(text, "squelette.yaml")
    assert problems == [] and doc is not None
    return doc


def test_cliq_skeleton_grades_every_sub_criterion_at_0_under_its_text(referentiels):
    cliq = referentiels["cliq-2006"]
    text = audit_skeleton(cliq, "initial", dt.date(2026, 3, 10))
    doc = _located(text)
    assert text.splitlines()[0] == AUDIT_SCHEMA_LINE
    assert doc.data["date"] == DATE and doc.data["lead_auditor"]
    assert list(doc.data["grades"]) == list(cliq.requirements)
    zero = {"approach": 0, "deployment": 0, "results": 0, "review": 0}
    assert all(grades == zero for grades in doc.data["grades"].values())
    lines = text.splitlines()
    requirement = cliq.requirements["op-2.1"]
    line = doc.line_of(("grades", "op-2.1"), key=True)[0]
    comment = lines[line - 2].strip()
    assert comment.startswith(f"# {requirement.number} {requirement.text[0][:40]}")
    assert len(comment) < 100


@pytest.mark.parametrize("level", ["A", "B"])
def test_amarc_skeleton_lists_the_items_of_the_level(referentiels, level: str):
    amarc = referentiels["amarc-re-mrc-03"]
    doc = _located(audit_skeleton(amarc, "initial", dt.date(2026, 3, 10), level))
    expected = [r.id for r in amarc.requirements_for_level(level)]
    assert doc.data["level"] == level
    assert list(doc.data["items"]) == expected
    assert {item["result"] for item in doc.data["items"].values()} == {"conform"}


NEW_AUDITS = [("cliq-2006", "initial", []), ("cliq-2006", "renouvellement", []),
              ("amarc-re-mrc-03", "initial", ["--level", "A"]),
              ("amarc-re-mrc-03", "surveillance-1", ["--level", "B"])]


@pytest.mark.parametrize(("ref", "kind", "extra"), NEW_AUDITS,
                         ids=[f"{r}-{k}" for r, k, _ in NEW_AUDITS])
def test_new_audit_passes_validate_as_written(project: Path, ref: str, kind: str,
                                              extra: list[str]):
    run = refpub("new-audit", "transports-exemple", "--referentiel", ref, "--type", kind,
                 "--date", DATE, *extra, cwd=project)
    assert run.returncode == 0, run.output
    folder = project / "audits/transports-exemple"
    assert (folder / f"{DATE}-{kind}.yaml").is_file()
    assert "audits/transports-exemple/company.yaml" in run.stdout
    validate = refpub("validate", cwd=project)
    assert validate.returncode == 0, validate.output


def test_new_audit_keeps_an_existing_company_and_defaults_to_today(project: Path):
    company = project / "audits/transports-exemple/company.yaml"
    company.parent.mkdir(parents=True)
    company.write_text("name: Transports Exemple\naddress: 1 rue X, Lyon\n", encoding="utf-8")
    run = refpub("new-audit", "transports-exemple", "--referentiel", "cliq-2006",
                 "--type", "initial", "--root", str(project))
    assert run.returncode == 0, run.output
    assert "company.yaml" not in run.stdout
    assert company.read_text(encoding="utf-8").startswith("name: Transports Exemple\n")
    assert (company.parent / f"{dt.date.today().isoformat()}-initial.yaml").is_file()


def test_new_audit_refuses_to_overwrite_without_force(project: Path):
    args = ["new-audit", "transports-exemple", "--referentiel", "cliq-2006", "--type",
            "initial", "--date", DATE]
    assert refpub(*args, cwd=project).returncode == 0
    audit = project / f"audits/transports-exemple/{DATE}-initial.yaml"
    audit.write_text("modifié\n", encoding="utf-8")
    refused = refpub(*args, cwd=project)
    assert refused.returncode == 2 and "existe déjà" in refused.stderr
    assert audit.read_text(encoding="utf-8") == "modifié\n"
    assert refpub(*args, "--force", cwd=project).returncode == 0
    assert audit.read_text(encoding="utf-8").startswith(AUDIT_SCHEMA_LINE)


USAGE_ERRORS = [
    (["Transports_Exemple", "--referentiel", "cliq-2006", "--type", "initial"],
     "identifiant d'entreprise « Transports_Exemple » invalide"),
    (["acme", "--referentiel", "cliq-2007", "--type", "initial"],
     "référentiel « cliq-2007 » inconnu ; vouliez-vous dire « cliq-2006 » ?"),
    (["acme", "--referentiel", "cliq-2006", "--type", "suivi1"],
     "type d'audit « suivi1 » inconnu ; vouliez-vous dire « suivi-1 » ?"),
    (["acme", "--referentiel", "amarc-re-mrc-03", "--type", "initial"],
     "--level est obligatoire"),
    (["acme", "--referentiel", "amarc-re-mrc-03", "--type", "initial", "--level", "C"],
     "niveau « C » inconnu"),
    (["acme", "--referentiel", "cliq-2006", "--type", "initial", "--level", "A"],
     "--level ne s'applique pas"),
    (["acme", "--referentiel", "cliq-2006", "--type", "initial", "--date", "2026-02-30"],
     "date invalide « 2026-02-30 »"),
    (["acme", "--referentiel", "cliq-2006"], "--type"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=[m for _, m in USAGE_ERRORS])
def test_new_audit_usage_errors_exit_2(project: Path, args: list[str], message: str):
    run = refpub("new-audit", *args, cwd=project)
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.output
    assert not (project / "audits").exists()


# continuous integration

def test_pull_requests_on_data_are_validated_with_annotations():
    workflow = yaml.safe_load((PROJECT / ".github/workflows/validate.yml").read_text(
        encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as true
    assert {"audits/**", "referentiels/**"} <= set(triggers["pull_request"]["paths"])
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "refpub validate --format github" in steps
