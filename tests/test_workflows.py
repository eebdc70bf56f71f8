"""Lint of the GitHub workflows: what runs in them, with which rights, and who sees the key.

The publication signs every certificate's credential and deploys the public register: a
tag moved upstream, a token allowed to write, or a dependency swapped on the package index
would let someone else publish in the body's name. These tests read the workflow files as
GitHub does (YAML, where the key « on » is read as true) and as a reviewer does (the raw
lines, where the version comments are).
"""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
# Every workflow of the repository, today's two and any added later, follows the same rules.
WORKFLOW_FILES = tuple(sorted(p.name for p in WORKFLOWS.glob("*.y*ml")))
LOCK = PROJECT / "requirements" / "publish.lock"
SIGNING_SECRET = "secrets.REFPUB_SIGNING_KEY"

# `uses: owner/repo[/path]@<40 hex> # vX.Y.Z` — the commit runs, the comment tells which release.
PINNED_USES = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^#\s*v\d+(?:\.\d+){0,2}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)\s*(?P<comment>#.*)?$")

# Everything whose change changes what is published (or how it is checked) must trigger the
# pull-request validation.
PUBLISHING_PATHS = {
    "attestations/**",
    "audits/**",
    "referentiels/**",
    "confidentiel/**",
    "docs/**",
    "overrides/**",
    "plugins/**",
    "schemas/**",
    "tests/**",
    ".ci/**",
    ".github/**",
    "requirements/**",
    "mkdocs.yml",
    "pyproject.toml",
    "Makefile",
}
# Top-level entries of the repository that never reach the site.
NOT_PUBLISHED = {"README.md", "CONTRIBUTING.md", ".gitignore", "maintainers", "benchmarks"}


def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key « on » as true


def _steps(workflow: dict) -> list[tuple[str, int, dict]]:
    return [
        (job_id, index, step)
        for job_id, job in workflow["jobs"].items()
        for index, step in enumerate(job.get("steps", []))
    ]


def _run(step: dict) -> str:
    return str(step.get("run", ""))


def _installs(step: dict) -> bool:
    return bool(re.search(r"\bpip install\b|\bmake\b|\buv (?:pip|sync)\b", _run(step)))


def test_the_publication_and_the_pull_request_check_are_both_there():
    assert {"publish.yml", "validate.yml"} <= set(WORKFLOW_FILES)


# --- pinned actions --------------------------------------------------------------------------


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_every_action_is_pinned_by_commit_sha_with_its_version_in_a_comment(name: str):
    lines = (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
    raw = [m for m in map(USES_LINE.match, lines) if m]
    loose = [
        m.group(0).strip()
        for m in raw
        if not m.group("ref").startswith("./")
        and not (
            PINNED_USES.match(m.group("ref")) and VERSION_COMMENT.match(m.group("comment") or "")
        )
    ]
    assert loose == []
    workflow = _load(name)
    steps_and_reusable_jobs = [s for _, _, s in _steps(workflow)] + list(workflow["jobs"].values())
    parsed = [str(spec["uses"]) for spec in steps_and_reusable_jobs if "uses" in spec]
    assert sorted(parsed) == sorted(m.group("ref") for m in raw), "uses: hors d'une ligne seule"


def test_an_action_is_pinned_to_one_commit_and_one_version_across_workflows():
    releases: dict[str, set[tuple[str, str]]] = {}
    for name in WORKFLOW_FILES:
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
            if (m := USES_LINE.match(line)) and "@" in m.group("ref"):
                action, commit = m.group("ref").split("@")
                releases.setdefault(action, set()).add((commit, m.group("comment") or ""))
    assert {a: r for a, r in releases.items() if len(r) != 1} == {}


# --- permissions -----------------------------------------------------------------------------


def _writes(permissions: object) -> set[str]:
    """The scopes a permissions block (mapping, `write-all` or `read-all`) lets write."""
    if permissions == "write-all":
        return {"*"}
    if not isinstance(permissions, dict):
        return set()
    return {scope for scope, level in permissions.items() if level == "write"}


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_workflows_grant_nothing_beyond_read_by_default(name: str):
    workflow = _load(name)
    assert "permissions" in workflow
    assert _writes(workflow["permissions"]) == set()
    assert workflow["permissions"] in ({}, "read-all") or set(workflow["permissions"].values()) <= {
        "read",
        "none",
    }


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_every_job_states_its_own_permissions(name: str):
    assert [job for job, spec in _load(name)["jobs"].items() if "permissions" not in spec] == []


def test_only_the_deploy_job_writes_and_only_to_pages():
    writers = {
        (name, job): _writes(spec.get("permissions"))
        for name in WORKFLOW_FILES
        for job, spec in _load(name)["jobs"].items()
    }
    assert {k: v for k, v in writers.items() if v} == {
        ("publish.yml", "deploy"): {"pages", "id-token"}
    }
    deploy = _load("publish.yml")["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [step.get("uses", "").split("@")[0] for step in deploy["steps"]] == [
        "actions/deploy-pages"
    ], "le job de déploiement n'exécute que le déploiement"


def test_the_job_that_holds_the_key_only_reads_the_repository():
    assert _load("publish.yml")["jobs"]["build"]["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_checkout_does_not_leave_the_token_in_the_working_copy(name: str):
    checkouts = [
        step
        for _, _, step in _steps(_load(name))
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    assert [s for s in checkouts if s.get("with", {}).get("persist-credentials") is not False] == []


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_every_job_has_a_timeout(name: str):
    timeouts = {job: spec.get("timeout-minutes") for job, spec in _load(name)["jobs"].items()}
    assert {job: t for job, t in timeouts.items() if not (isinstance(t, int) and 0 < t <= 60)} == {}


def test_the_pages_artifact_keeps_the_hidden_did_document():
    """At the root of a domain the body's DID document is .well-known/did.json, which the
    Pages upload leaves out unless told to keep hidden files."""
    steps = [
        step
        for _, _, step in _steps(_load("publish.yml"))
        if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")
    ]
    assert len(steps) == 1 and steps[0]["with"]["include-hidden-files"] is True


# --- the signing key -------------------------------------------------------------------------


def test_the_signing_key_secret_reaches_only_the_step_that_signs():
    workflow = _load("publish.yml")
    holders = [
        (job, index, step) for job, index, step in _steps(workflow) if SIGNING_SECRET in str(step)
    ]
    assert len(holders) == 1
    job, index, step = holders[0]
    assert step["env"]["REFPUB_SIGNING_KEY"] == "${{ secrets.REFPUB_SIGNING_KEY }}"
    assert SIGNING_SECRET not in str({k: v for k, v in step.items() if k != "env"})
    assert "mkdocs build --strict" in _run(step) and "uses" not in step
    assert "GITHUB_ENV" not in _run(step) and "GITHUB_OUTPUT" not in _run(step)
    assert SIGNING_SECRET not in str({k: v for k, v in workflow.items() if k != "jobs"})
    assert SIGNING_SECRET not in str(
        {k: v for k, v in workflow["jobs"][job].items() if k != "steps"}
    ), "jamais dans l'env du job"
    assert workflow["jobs"][job]["environment"] == "publication"
    steps = workflow["jobs"][job]["steps"]
    assert any(_installs(s) for s in steps[:index]), "les dépendances s'installent avant"
    assert [s for s in steps[index:] if _installs(s)] == [], "rien ne s'installe avec la clé"


def test_the_workflow_that_holds_the_key_never_runs_for_a_pull_request():
    triggers = _triggers(_load("publish.yml"))
    assert set(triggers) <= {"push", "schedule", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}


def test_pull_requests_never_receive_a_secret():
    text = (WORKFLOWS / "validate.yml").read_text(encoding="utf-8")
    assert "secrets." not in text
    assert "pull_request_target" not in str(_triggers(_load("validate.yml")))


# --- installation from the lock file ---------------------------------------------------------


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_the_install_comes_from_the_hashed_lock_file_without_test_extras(name: str):
    runs = [_run(step) for _, _, step in _steps(_load(name))]
    installs = [line.strip() for run in runs for line in run.splitlines() if "pip install" in line]
    if name in ("publish.yml", "validate.yml"):
        assert "python -m pip install --require-hashes -r requirements/publish.lock" in installs
        assert "python -m pip install --no-deps --no-build-isolation ." in installs
    assert [
        line for line in installs if "--require-hashes" not in line and "--no-deps" not in line
    ] == []
    assert not any("[test" in run or "make " in run for run in runs)


def _declared_requirements() -> list[Requirement]:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]
    return [
        Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["pdf"]
    ]


def _locked() -> dict[str, Version]:
    pins = re.findall(
        r"^([A-Za-z0-9][\w.-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", LOCK.read_text("utf-8"), re.M
    )
    return {canonicalize_name(name): Version(version) for name, version in pins}


def test_the_lock_pins_every_runtime_dependency_within_its_declared_range():
    locked = _locked()
    missing = [str(r) for r in _declared_requirements() if canonicalize_name(r.name) not in locked]
    assert missing == []
    outside = [
        f"{r} (verrouillé : {locked[canonicalize_name(r.name)]})"
        for r in _declared_requirements()
        if not r.specifier.contains(locked[canonicalize_name(r.name)], prereleases=True)
    ]
    assert outside == [], "make lock"


def test_every_locked_package_carries_its_sha256_hashes():
    text = LOCK.read_text("utf-8")
    entries = re.split(r"\n(?=\S)", text)
    packages = [e for e in entries if e.strip() and not e.startswith("#")]
    assert len(packages) == len(_locked()) >= len(_declared_requirements())
    assert [
        e.split()[0] for e in packages if "--hash=sha256:" not in e or "==" not in e.split()[0]
    ] == []
    hashes = re.findall(r"--hash=(\S+)", text)
    assert [h for h in hashes if not re.fullmatch(r"sha256:[0-9a-f]{64}", h)] == []


def test_the_lock_is_computed_for_the_python_of_the_workflows():
    header = LOCK.read_text("utf-8").split("\n\n")[0]
    assert "autogenerated by pip-compile with Python 3.11" in header
    versions = {
        str(step["with"]["python-version"])
        for name in WORKFLOW_FILES
        for _, _, step in _steps(_load(name))
        if str(step.get("uses", "")).startswith("actions/setup-python@")
    }
    assert versions == {"3.11"}
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nlock:") :].split("\n\n")[0]
    assert "(3, 11)" in recipe and "Linux" in recipe, "make lock refuse un autre Python"


def test_the_lock_holds_no_test_tool_of_its_own():
    """A test extra may be locked only as what a runtime package needs (pillow for weasyprint),
    never as a requirement of refpub itself."""
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]
    test_only = {
        canonicalize_name(Requirement(r).name) for r in project["optional-dependencies"]["test"]
    }
    runtime = {canonicalize_name(r.name) for r in _declared_requirements()}
    entries = re.split(r"\n(?=\S)", LOCK.read_text("utf-8"))
    wanted_by_refpub = {
        canonicalize_name(e.split("==")[0])
        for e in entries
        if re.search(r"#\s+(?:via\s+)?refpub\b", e)
    }
    assert sorted((test_only - runtime) & wanted_by_refpub) == []
    assert wanted_by_refpub >= runtime


def test_make_lock_regenerates_the_lock_with_hashes():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("\nlock:") :].split("\n\n")[0]
    assert "--generate-hashes" in recipe and "requirements/publish.lock" in recipe
    assert "--extra pdf" in recipe and "pip-compile" in recipe
    assert re.search(r"^PIP_TOOLS := pip-tools==[\d.]+$", makefile, re.M)
    assert "$(BIN)/python -m pip install --quiet '$(PIP_TOOLS)'" in recipe, "dans le venv"
    assert "make lock" in LOCK.read_text("utf-8").split("\n\n")[0]


# --- what the pull-request validation covers -------------------------------------------------


def _tracked_top_level() -> set[str]:
    files = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    return {f.split("/")[0] for f in files}


def test_pull_request_validation_covers_every_path_that_changes_the_site():
    pull_request = _triggers(_load("validate.yml"))["pull_request"]
    paths = set(pull_request["paths"])
    assert "paths-ignore" not in pull_request
    assert sorted(PUBLISHING_PATHS - paths) == []
    uncovered = [
        entry
        for entry in sorted(_tracked_top_level() - NOT_PUBLISHED)
        if entry not in paths and f"{entry}/**" not in paths
    ]
    assert uncovered == []


def test_pull_requests_build_signed_in_publish_mode_with_a_throwaway_key():
    steps = [step for _, _, step in _steps(_load("validate.yml"))]
    signed = [s for s in steps if "REFPUB_SIGNING_KEY" in str(s)]
    assert len(signed) == 1
    step = signed[0]
    assert "openssl genpkey -algorithm ed25519" in _run(step)
    assert "GITHUB_ENV" not in _run(step) and "GITHUB_OUTPUT" not in _run(step), "reste à l'étape"
    workflow = _load("validate.yml")
    assert "REFPUB_SIGNING_KEY" not in str({k: v for k, v in workflow.items() if k != "jobs"})
    assert "REFPUB_SIGNING_KEY" not in str(
        [{k: v for k, v in job.items() if k != "steps"} for job in workflow["jobs"].values()]
    )
    assert "mkdocs build --strict" in _run(step)
    assert step["env"]["REFPUB_PUBLISH"] == "1"
    assert "REFPUB_SITE_URL" in step["env"]
    assert steps.index(step) > max(i for i, s in enumerate(steps) if _installs(s))
    unsigned = [s for s in steps if "mkdocs build --strict" in _run(s) and s is not step]
    assert any("REFPUB_PUBLISH" not in str(s) for s in unsigned), "et la construction sans clé"


def test_pull_requests_compare_the_ledger_with_the_target_branch():
    """Deleting a certificate's data and its ledger line in one pull request is refused only
    against the ledger already published: the check reads it from the target branch."""
    steps = [step for _, _, step in _steps(_load("validate.yml"))]
    target = [s for s in steps if s.get("with", {}).get("ref") == "${{ github.base_ref }}"]
    assert len(target) == 1 and target[0]["with"]["persist-credentials"] is False
    folder = target[0]["with"]["path"]
    validate = next(s for s in steps if s.get("id") == "validate")
    assert '--registre-precedent "$previous"' in _run(validate)
    assert f"previous={folder}/attestations/index-statut.yaml" in _run(validate)
    assert steps.index(target[0]) < steps.index(validate)


# --- keeping the pins current ----------------------------------------------------------------


def test_dependabot_proposes_updates_of_actions_and_python_dependencies():
    config = yaml.safe_load((PROJECT / ".github" / "dependabot.yml").read_text("utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert {"github-actions", "pip"} <= ecosystems
    assert all(update["schedule"]["interval"] for update in config["updates"])


def test_the_body_documentation_says_how_to_keep_the_pins_current():
    page = (PROJECT / "docs" / "organisme" / "publication.md").read_text(encoding="utf-8")
    assert "## Garder les versions à jour" in page
    for fact in (
        "make lock",
        "requirements/publish.lock",
        "--require-hashes",
        "Dependabot",
        "git ls-remote",
        "# v",
        "persist-credentials",
        "pages: write",
        "openssl genpkey -algorithm ed25519",
        "REFPUB_PUBLISH=1",
    ):
        assert fact in page, fact
