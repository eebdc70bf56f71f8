"""The auditors' tools: `refpub schema` for their editors, `refpub new-audit` skeletons, CI."""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import datetime as dt
import functools
import io
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from refpub.argparse_fr import FRENCH
from refpub.cli import main
from refpub.core.audits.skeleton import AUDIT_SCHEMA_LINE, audit_skeleton
from refpub.core.checks.problems import Problem
from refpub.core.intake.source import load_yaml, parse_yaml
from refpub.core.referentiels.referentiel import Referentiel, load_referentiel
from refpub.core.vocabulary import PLACEHOLDER

from conftest import FIXTURES, PROJECT, refpub, run

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
            f"schemas/{name} est périmé : lancez « refpub schema »"
        )
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
    grades = {
        sid: {"approach": 2, "deployment": 1, "results": 0, "review": 0}
        for sid in referentiels["cliq-2006"].requirements
    }
    audit = {
        "referentiel": "cliq-2006",
        "type": "initial",
        "date": DATE,
        "lead_auditor": "Jeanne Martin",
        "grades": grades,
    }
    validator = _editor_schema("audit")
    assert list(validator.iter_errors(audit)) == []
    wrong = copy.deepcopy(audit)
    wrong["grades"]["org-1.1"]["approach"] = 3
    paths = [list(error.absolute_path) for error in validator.iter_errors(wrong)]
    assert paths == [["grades", "org-1.1", "approach"]]


def test_audit_schema_requires_every_amarc_item_of_the_level(referentiels):
    amarc = referentiels["amarc-re-mrc-03"]
    items = {r.id: {"result": "conform"} for r in amarc.requirements_for_level("A")}
    audit = {
        "referentiel": "amarc-re-mrc-03",
        "type": "initial",
        "date": DATE,
        "lead_auditor": "Jeanne Martin",
        "level": "A",
        "items": items,
    }
    validator = _editor_schema("audit")
    assert validator.is_valid(audit)
    assert not validator.is_valid({**audit, "level": "B"})


def test_company_schema_accepts_the_contract_example():
    company = {
        "name": "Transports Exemple SAS",
        "address": "12 rue des Halles, 94150 Rungis",
        "sites": [{"name": "Entrepôt de Rungis", "address": "Rungis"}],
        "activities": ["transport"],
        "website": "https://example.org",
    }
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
        f"# yaml-language-server: $schema=../../schemas/{name}.schema.json\n"
    )


def test_schema_of_invalid_referentiels_exits_1_with_lines(project: Path):
    (project / "referentiels/casse.yaml").write_text("id: casse\ntitle: Cassé\n", encoding="utf-8")
    run = refpub("schema", "--root", str(project))
    assert run.returncode == 1
    assert re.search(r"^referentiels/casse\.yaml:\d+:", run.stdout, re.M), run.output
    assert not (project / "schemas").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--stdout", "audit", "--output", "x"],
        ["--stdout", "referentiel"],
        ["--root", "/dossier/absent"],
    ],
)
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
    assert {item["result"] for item in doc.data["items"].values()} == {PLACEHOLDER}


NEW_AUDITS = [
    ("cliq-2006", "initial", []),
    ("cliq-2006", "renouvellement", []),
    ("amarc-re-mrc-03", "initial", ["--level", "A"]),
    ("amarc-re-mrc-03", "surveillance-1", ["--level", "B"]),
]


@pytest.mark.parametrize(
    ("ref", "kind", "extra"), NEW_AUDITS, ids=[f"{r}-{k}" for r, k, _ in NEW_AUDITS]
)
def test_new_audit_validates_once_every_placeholder_is_filled(
    project: Path, ref: str, kind: str, extra: list[str]
):
    run = refpub(
        "new-audit",
        "transports-exemple",
        "--referentiel",
        ref,
        "--type",
        kind,
        "--date",
        DATE,
        *extra,
        cwd=project,
    )
    assert run.returncode == 0, run.output
    folder = project / "audits/transports-exemple"
    assert (folder / f"{DATE}-{kind}.yaml").is_file()
    assert "audits/transports-exemple/company.yaml" in run.stdout
    untouched = refpub("validate", cwd=project)
    assert untouched.returncode == 1
    assert all(f"« {PLACEHOLDER} »" in line for line in untouched.stdout.splitlines())
    for file in folder.glob("*.yaml"):
        text = file.read_text("utf-8").replace(f"result: {PLACEHOLDER}", "result: conform")
        file.write_text(text.replace(PLACEHOLDER, "Jeanne Exemple"), "utf-8")
    validate = refpub("validate", cwd=project)
    assert validate.returncode == 0, validate.output


@pytest.mark.parametrize(
    ("ref", "extra", "items"), [("cliq-2006", [], 0), ("amarc-re-mrc-03", ["--level", "A"], 1)]
)
def test_a_fresh_skeleton_gives_the_problems_contributing_announces(
    project: Path, ref: str, extra: list[str], items: int, referentiels
):
    """CONTRIBUTING.md §3: two per audit, one per item of the level, two for a new company."""
    _in_process(
        "new-audit",
        "transports-exemple",
        "--referentiel",
        ref,
        "--type",
        "initial",
        "--date",
        DATE,
        *extra,
        "--root",
        str(project),
    )
    _, out, _ = _in_process("validate", str(project))
    fields = [
        re.sub(r"^audits/transports-exemple/([^:]+):(\d+):.*", r"\1:\2", line)
        for line in out.splitlines()
    ]
    level = len(referentiels[ref].requirements_for_level("A")) if items else 0
    assert len(fields) == 2 + 2 + level
    assert fields[-2:] == ["company.yaml:2", "company.yaml:3"]
    guide = (PROJECT / "CONTRIBUTING.md").read_text("utf-8")
    assert "déjà valide" not in guide and "`result: À compléter`" in guide


def _filled_audit(project: Path, date: str) -> Path:
    """A valid CLIQ® audit dated ``date``: the skeleton with its placeholders filled."""
    status, _, _ = _in_process(
        "new-audit",
        "transports-exemple",
        "--referentiel",
        "cliq-2006",
        "--type",
        "initial",
        "--date",
        date,
        "--root",
        str(project),
    )
    assert status == 0
    folder = project / "audits/transports-exemple"
    for file in folder.glob("*.yaml"):
        file.write_text(file.read_text("utf-8").replace(PLACEHOLDER, "Jeanne Exemple"), "utf-8")
    return folder / f"{date}-initial.yaml"


def test_validate_warns_of_a_date_typed_years_ahead_without_failing(project: Path, monkeypatch):
    monkeypatch.delenv("REFPUB_TODAY", raising=False)
    audit = _filled_audit(project, "2062-03-10")
    status, out, err = _in_process("validate", str(project))
    assert status == 0 and out == "", out
    today = dt.date.today().isoformat()
    assert err.splitlines()[:1] == [
        "audits/transports-exemple/2062-03-10-initial.yaml:5: attention : date de l'audit "
        f"2062-03-10 plus d'un an après le {today} (date du jour) : année mal saisie ? Le site "
        "la publierait comme à venir (« décision en attente ») jusqu'à cette date"
    ]
    assert audit.read_text("utf-8").splitlines()[4] == "date: 2062-03-10"
    status, out, err = _in_process("validate", "--format", "github", str(project))
    assert status == 0 and err.startswith("::warning file=audits/transports-exemple/")


def test_validate_measures_dates_ahead_from_refpub_today_and_says_so(project: Path, monkeypatch):
    _filled_audit(project, "2027-06-01")
    monkeypatch.setenv("REFPUB_TODAY", "2026-06-01")
    assert "attention" not in _in_process("validate", str(project))[2]  # one year: a plan
    monkeypatch.setenv("REFPUB_TODAY", "2026-05-31")
    status, out, err = _in_process("validate", str(project))
    assert status == 0 and out == ""
    assert "plus d'un an après le 2026-05-31 (REFPUB_TODAY)" in err
    monkeypatch.setenv("REFPUB_TODAY", "2026-13-01")
    status, _, err = _in_process("validate", str(project))
    assert status == 2 and "REFPUB_TODAY='2026-13-01' n'est pas une date valide" in err
    monkeypatch.setenv("REFPUB_TODAY", "9999-01-01")
    status, _, err = _in_process("validate", str(project))
    assert status == 2 and "REFPUB_TODAY='9999-01-01' est hors de la période admise" in err


def test_new_audit_keeps_an_existing_company_and_defaults_to_today(project: Path):
    company = project / "audits/transports-exemple/company.yaml"
    company.parent.mkdir(parents=True)
    company.write_text("name: Transports Exemple\naddress: 1 rue X, Lyon\n", encoding="utf-8")
    run = refpub(
        "new-audit",
        "transports-exemple",
        "--referentiel",
        "cliq-2006",
        "--type",
        "initial",
        "--root",
        str(project),
    )
    assert run.returncode == 0, run.output
    assert "company.yaml" not in run.stdout
    assert company.read_text(encoding="utf-8").startswith("name: Transports Exemple\n")
    assert (company.parent / f"{dt.date.today().isoformat()}-initial.yaml").is_file()


def test_new_audit_refuses_to_overwrite_without_force(project: Path):
    args = [
        "new-audit",
        "transports-exemple",
        "--referentiel",
        "cliq-2006",
        "--type",
        "initial",
        "--date",
        DATE,
    ]
    assert refpub(*args, cwd=project).returncode == 0
    audit = project / f"audits/transports-exemple/{DATE}-initial.yaml"
    audit.write_text("modifié\n", encoding="utf-8")
    refused = refpub(*args, cwd=project)
    assert refused.returncode == 2 and "existe déjà" in refused.stderr
    assert audit.read_text(encoding="utf-8") == "modifié\n"
    assert refpub(*args, "--force", cwd=project).returncode == 0
    assert audit.read_text(encoding="utf-8").startswith(AUDIT_SCHEMA_LINE)


USAGE_ERRORS = [
    (
        ["Transports_Exemple", "--referentiel", "cliq-2006", "--type", "initial"],
        "identifiant d'entreprise « Transports_Exemple » invalide",
    ),
    (
        ["acme", "--referentiel", "cliq-2007", "--type", "initial"],
        "référentiel « cliq-2007 » inconnu ; vouliez-vous dire « cliq-2006 » ?",
    ),
    (
        ["acme", "--referentiel", "cliq-2006", "--type", "suivi1"],
        "type d'audit « suivi1 » inconnu ; vouliez-vous dire « suivi-1 » ?",
    ),
    (["acme", "--referentiel", "amarc-re-mrc-03", "--type", "initial"], "--level est obligatoire"),
    (
        ["acme", "--referentiel", "amarc-re-mrc-03", "--type", "initial", "--level", "C"],
        "niveau « C » inconnu",
    ),
    (
        ["acme", "--referentiel", "cliq-2006", "--type", "initial", "--level", "A"],
        "--level ne s'applique pas",
    ),
    (
        ["acme", "--referentiel", "cliq-2006", "--type", "initial", "--date", "2026-02-30"],
        "date invalide « 2026-02-30 »",
    ),
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
    workflow = yaml.safe_load(
        (PROJECT / ".github/workflows/validate.yml").read_text(encoding="utf-8")
    )
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as true
    assert {"audits/**", "referentiels/**"} <= set(triggers["pull_request"]["paths"])
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("refpub validate --format github --exiger-scelle" in run for run in steps)


def test_pull_requests_also_build_the_public_site():
    workflow = yaml.safe_load(
        (PROJECT / ".github/workflows/validate.yml").read_text(encoding="utf-8")
    )
    paths = set(workflow[True]["pull_request"]["paths"])
    assert {"plugins/**", "mkdocs.yml", "docs/**", "pyproject.toml"} <= paths
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    build = next(run for run in runs if "mkdocs build" in run)
    assert "--strict" in build and "REFPUB_INTERNAL" not in build


# the command line in French


def _in_process(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as leaving:
            status = leaving.code
    return status, out.getvalue(), err.getvalue()


ARGPARSE_ENGLISH = re.compile(
    r"usage:|error:|show this help|positional arguments|"
    r"the following arguments|invalid choice|unrecognized|"
    r"expected one argument|not allowed with|choose from"
)


@pytest.mark.parametrize(
    "args",
    [
        ["-h"],
        ["validate", "-h"],
        ["score", "--help"],
        ["schema", "-h"],
        ["new-audit", "-h"],
        ["render", "-h"],
    ],
)
def test_help_is_in_french(args: list[str]):
    status, out, err = _in_process(*args)
    assert status == 0
    assert out.startswith("usage : refpub") and "affiche cette aide et quitte" in out
    assert not ARGPARSE_ENGLISH.search(out + err), out


@pytest.mark.parametrize(
    ("args", "french"),
    [
        ([], "arguments obligatoires manquants : COMMANDE"),
        (["valider"], "choix invalide : 'valider'"),
        (["validate", "--format", "xml"], "argument --format : choix invalide"),
        (["validate", "--inconnue"], "arguments non reconnus : --inconnue"),
        (["score"], "arguments obligatoires manquants : AUDIT"),
        (["schema", "--stdout", "audit", "--output", "x"], "incompatible avec l'argument"),
        (["new-audit", "x", "--referentiel"], "une valeur attendue"),
    ],
)
def test_usage_errors_are_in_french_and_exit_2(args: list[str], french: str):
    status, out, err = _in_process(*args)
    assert status == 2
    assert err.startswith("usage : refpub") and "refpub" in err and " : erreur : " in err
    assert french in err, err
    assert not ARGPARSE_ENGLISH.search(out + err), err


def test_every_argparse_message_has_a_french_text():
    """Read argparse's own source: every text it translates is in the catalogue."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    messages = {
        arg.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "ngettext")
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }
    assert messages and messages <= set(FRENCH), sorted(messages - set(FRENCH))


def test_argparse_is_english_again_after_the_command():
    _in_process("-h")
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_score_prints_french_numbers():
    audit = next((PROJECT / "audits/transports-fictifs-durand").glob("*initial*.yaml"))
    status, out, _ = _in_process("score", str(audit))
    assert status == 0
    assert re.search(r"note +\d+,\d\d\u00a0%", out) and "Note globale : " in out
    assert not re.search(r"\d\.\d\d", out), out


def test_validate_never_prints_a_dot_decimal_or_english_on_bad_yaml(project: Path):
    folder = project / "audits/transports-exemple"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text("name: X\naddress: Y\n", encoding="utf-8")
    (folder / "a.yaml").write_text("referentiel: cliq-2006\ntype: initial: x\n", encoding="utf-8")
    status, out, _ = _in_process("validate", str(project))
    assert status == 1
    assert out.splitlines() == [
        "audits/transports-exemple/a.yaml:2:14: YAML invalide : « : » "
        "inattendu : un texte qui contient « : » doit être entre "
        "guillemets, sinon vérifiez l'indentation de la ligne"
    ]


# --format github


def test_github_annotations_escape_the_path_and_the_message():
    problem = Problem("audits/a,b:c%0A::error file=x::y.yaml", 3, 2, "50 % de\nx")
    assert problem.format_github() == (
        "::error file=audits/a%2Cb%3Ac%250A%3A%3Aerror file=x%3A%3Ay.yaml,line=3,col=2::"
        "50 %25 de\\nx"
    )


def test_a_crafted_file_name_cannot_inject_a_workflow_command(project: Path):
    folder = project / "audits/transports-exemple"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text("name: X\naddress: Y\n", encoding="utf-8")
    (folder / "x\n::warning file=y::pwned.yaml").write_text("a: 1\n", encoding="utf-8")
    status, out, _ = _in_process("validate", "--format", "github", str(project))
    assert status == 1
    lines = out.splitlines()
    assert lines and all(line.startswith("::error file=audits/") for line in lines), out
    assert not any(line.startswith("::warning") for line in lines)


def test_system_errors_are_explained_in_french(tmp_path: Path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    status, _, err = _in_process("schema", "--output", str(blocker / "schemas"))
    assert status == 2
    assert "écriture impossible" in err and "n'est pas un dossier" in err, err
    assert "Not a directory" not in err


def test_the_installed_refpub_command_validates_a_project() -> None:
    """The entry point installed beside the interpreter, in its own process: the one call that
    proves ``refpub`` is wired as a command (every other test calls ``refpub.cli.main``)."""
    command = Path(sys.executable).parent / "refpub"
    done = run([str(command), "validate", str(FIXTURES / "mini")], cwd=FIXTURES / "mini")
    assert done.returncode == 0, done.output
