"""Confidential audit detail sealed in the repository with age (issue #25): `refpub seal`,
validation with and without the committee's key, the public and internal builds."""

from __future__ import annotations

import filecmp
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from refpub.core.audits.repository import load_referentiels
from refpub.core.sealing.confidential import mapping_at, parts_of
from refpub.core.sealing.sealed import (
    EXAMPLE_IDENTITY_PATH,
    EXAMPLE_RECIPIENT,
    IDENTITY_ENV,
    RECIPIENTS_PATH,
    new_identity,
)
from refpub.core.vocabulary import PLACEHOLDER

from conftest import EXAMPLE_ENV, FIXTURES, PROJECT, mkdocs_build, refpub

#: Every confidential value of tests/fixtures/mini: none may be read in clear once sealed.
MARKERS = (
    "CONFIDENTIEL-OBS",
    "CONFIDENTIEL-ACTION",
    "CONFIDENTIEL-COMITE",
    "CONFIDENTIEL-EVIDENCE",
    "Paul Secret",
    "CONFIDENTIEL-ITEM",
    "CONFIDENTIEL-JUSTIFICATION",
    "CONFIDENTIEL-PERSONNE",
)
AUDIT = "audits/demo-co/2026-01-10-initial.yaml"


@pytest.fixture(scope="module")
def committee() -> tuple[str, str]:
    """A committee key made for the tests: (secret text, public key)."""
    return new_identity()


def _with_recipients(project: Path, *keys: str) -> Path:
    (project / "confidentiel").mkdir(exist_ok=True)
    (project / RECIPIENTS_PATH).write_text(
        "# Comité de certification\n" + "".join(f"{key}  # membre\n" for key in keys), "utf-8"
    )
    return project


def _audit_texts(project: Path) -> str:
    return "\n".join(
        f.read_text("utf-8") for f in sorted((project / "audits").rglob("*")) if f.is_file()
    )


@pytest.fixture
def sealed_project(mini_project: Path, committee) -> Path:
    _with_recipients(mini_project, committee[1])
    done = refpub("seal", str(mini_project))
    assert done.returncode == 0, done.output
    return mini_project


def test_after_seal_no_confidential_marker_is_in_plain_text_under_audits(mini_project, committee):
    assert all(marker in _audit_texts(mini_project) for marker in MARKERS)
    _with_recipients(mini_project, committee[1])
    done = refpub("seal", str(mini_project))
    assert done.returncode == 0, done.output
    text = _audit_texts(mini_project)
    for marker in MARKERS:
        assert marker not in text
    data = yaml.safe_load((mini_project / AUDIT).read_text("utf-8"))
    assert data["grades"]["org-1.1"] == {"approach": 2, "deployment": 2, "results": 1, "review": 1}
    assert data["decision"]["certificate"] == "DEMO-2026-0001"
    assert set(data["sealed"]["parts"]) == {"audit", "grades/org-1.1", "decision"}
    assert all(
        block.startswith("-----BEGIN AGE ENCRYPTED FILE-----")
        for block in data["sealed"]["parts"].values()
    )


def test_sealing_a_sealed_repository_changes_nothing(sealed_project):
    before = _audit_texts(sealed_project)
    done = refpub("seal", str(sealed_project))
    assert done.returncode == 0, done.output
    assert _audit_texts(sealed_project) == before


def test_seal_keeps_the_public_text_and_its_comments_as_written(mini_project, committee):
    file = mini_project / AUDIT
    original = file.read_text("utf-8")
    file.write_text(
        original.replace("grades:\n", "# Notes du comité technique\ngrades:\n").replace(
            "    persons_met:", "    # entretien du 10/01 : CONFIDENTIEL-NOTE\n    persons_met:"
        ),
        "utf-8",
    )
    _with_recipients(mini_project, committee[1])
    assert refpub("seal", str(mini_project)).returncode == 0
    sealed = file.read_text("utf-8")
    assert "# Notes du comité technique\ngrades:\n  org-1.1:\n    approach: 2\n" in sealed
    assert "  op-1.1: {approach: 2, deployment: 2, results: 2, review: 1}\n" in sealed
    assert "CONFIDENTIEL-NOTE" not in sealed
    env = {IDENTITY_ENV: committee[0]}
    assert refpub("unseal", str(file), env=env).returncode == 0
    assert "    # entretien du 10/01 : CONFIDENTIEL-NOTE\n" in file.read_text("utf-8")


def test_resealing_to_a_changed_recipient_list_reencrypts_everything(sealed_project, committee):
    before = yaml.safe_load((sealed_project / AUDIT).read_text("utf-8"))["sealed"]
    newcomer = new_identity()
    _with_recipients(sealed_project, committee[1], newcomer[1])
    refused = refpub("seal", str(sealed_project))
    assert refused.returncode == 1 and IDENTITY_ENV in refused.output
    assert f"{AUDIT}:" in refused.output
    done = refpub("seal", str(sealed_project), env={IDENTITY_ENV: committee[0]})
    assert done.returncode == 0, done.output
    after = yaml.safe_load((sealed_project / AUDIT).read_text("utf-8"))["sealed"]
    assert after["recipients"] != before["recipients"]
    assert set(after["parts"]) == set(before["parts"])
    assert all(after["parts"][name] != block for name, block in before["parts"].items())
    # the new member reads every part alone
    full = refpub("validate", str(sealed_project), env={IDENTITY_ENV: newcomer[0]})
    assert full.returncode == 0, full.output


def test_the_public_site_is_identical_before_and_after_sealing(tmp_path, mini_project, committee):
    plain_site, sealed_site = tmp_path / "avant", tmp_path / "apres"
    _with_recipients(mini_project, committee[1])
    built = mkdocs_build(mini_project, plain_site, EXAMPLE_ENV)
    assert built.returncode == 0, built.output
    assert refpub("seal", str(mini_project)).returncode == 0
    built = mkdocs_build(mini_project, sealed_site, {**EXAMPLE_ENV, IDENTITY_ENV: ""})
    assert built.returncode == 0, built.output
    comparison = filecmp.dircmp(plain_site, sealed_site)
    assert _differences(comparison) == []


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
    found += [
        name
        for name in comparison.common_files
        if (Path(comparison.left) / name).read_bytes()
        != (Path(comparison.right) / name).read_bytes()
    ]
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


def test_the_internal_build_with_the_identity_holds_every_marker(
    tmp_path, sealed_project, committee
):
    site = tmp_path / "interne"
    built = mkdocs_build(
        sealed_project, site, {**EXAMPLE_ENV, "REFPUB_INTERNAL": "1", IDENTITY_ENV: committee[0]}
    )
    assert built.returncode == 0, built.output
    text = "\n".join(f.read_text("utf-8", "replace") for f in site.rglob("*.html"))
    for marker in MARKERS:
        assert marker in text


def test_the_internal_build_without_the_identity_refuses_naming_the_variable(
    tmp_path, sealed_project
):
    built = mkdocs_build(
        sealed_project,
        tmp_path / "interne",
        {**EXAMPLE_ENV, "REFPUB_INTERNAL": "1", IDENTITY_ENV: ""},
    )
    assert built.returncode != 0
    assert "scellé" in built.output and IDENTITY_ENV in built.output


def test_validate_without_identity_passes_a_sealed_repository(sealed_project):
    done = refpub("validate", str(sealed_project), "--exiger-scelle", env={IDENTITY_ENV: ""})
    assert done.returncode == 0, done.output
    assert "attention" not in done.output


def test_validate_with_identity_reports_a_wrong_field_inside_sealed_detail_with_its_line(
    mini_project, committee
):
    file = mini_project / AUDIT
    file.write_text(file.read_text("utf-8").replace("type: document", "type: documnet"), "utf-8")
    _with_recipients(mini_project, committee[1])
    assert refpub("seal", str(mini_project)).returncode == 0
    sealed = file.read_text("utf-8")
    block_line = sealed.splitlines().index("    grades/org-1.1: |") + 1
    keyless = refpub("validate", str(mini_project), env={IDENTITY_ENV: ""})
    assert keyless.returncode == 0, keyless.output
    full = refpub("validate", str(mini_project), env={IDENTITY_ENV: committee[0]})
    assert full.returncode == 1
    # line 4 of the part's text: persons_met (2 lines), evidence:, then the wrong type
    assert (
        f"{AUDIT}:{block_line}: (détail scellé « grades/org-1.1 », ligne 4) "
        "valeur « documnet » non admise"
    ) in full.stdout


def test_every_problem_inside_one_sealed_part_is_reported(mini_project, committee):
    file = mini_project / AUDIT
    file.write_text(
        file.read_text("utf-8")
        .replace("type: document", "type: documnet")
        .replace("function: Responsable", f"function: {PLACEHOLDER}"),
        "utf-8",
    )
    _with_recipients(mini_project, committee[1])
    assert refpub("seal", str(mini_project)).returncode == 0
    full = refpub("validate", str(mini_project), env={IDENTITY_ENV: committee[0]})
    assert full.returncode == 1
    assert "(détail scellé « grades/org-1.1 », ligne 2)" in full.stdout  # the placeholder
    assert "(détail scellé « grades/org-1.1 », ligne 4)" in full.stdout  # the wrong type


def _alter(file: Path, offset: int, column: int) -> str:
    """Changes one character of the decision's sealed block; returns the original text."""
    text = file.read_text("utf-8")
    lines = text.splitlines(keepends=True)
    index = lines.index("    decision: |\n") + offset
    swapped = "A" if lines[index][column] != "A" else "B"
    lines[index] = lines[index][:column] + swapped + lines[index][column + 1 :]
    file.write_text("".join(lines), "utf-8")
    return text


def test_validate_refuses_a_stale_or_altered_envelope_without_the_key(sealed_project, committee):
    file = sealed_project / AUDIT
    text = _alter(file, 2, 6)  # the age header's first bytes
    altered = refpub("validate", str(sealed_project), env={IDENTITY_ENV: ""})
    assert altered.returncode == 1, altered.output
    assert f"{AUDIT}:" in altered.stdout and "bloc scellé « decision »" in altered.stdout
    file.write_text(text, "utf-8")
    _with_recipients(sealed_project, committee[1], new_identity()[1])
    stale = refpub("validate", str(sealed_project), env={IDENTITY_ENV: ""})
    assert stale.returncode == 1
    assert "d'autres destinataires" in stale.stdout and f"{AUDIT}:" in stale.stdout


def test_validate_with_identity_refuses_altered_ciphertext(sealed_project, committee):
    file = sealed_project / AUDIT
    lines = file.read_text("utf-8").splitlines()
    last = lines.index("    decision: |") + 1
    while not lines[last + 1].strip().startswith("-----END"):
        last += 1
    _alter(file, last - lines.index("    decision: |"), 8)  # inside the payload
    done = refpub("validate", str(sealed_project), env={IDENTITY_ENV: committee[0]})
    assert done.returncode == 1
    assert "bloc scellé « decision » illisible" in done.stdout


def test_validate_warns_on_plain_detail_once_recipients_exist(mini_project, committee):
    assert "attention" not in refpub("validate", str(mini_project)).output
    _with_recipients(mini_project, committee[1])
    done = refpub("validate", str(mini_project))
    assert done.returncode == 0, done.output
    assert (
        f"{AUDIT}:6:1: attention : détail confidentiel en clair : lancez `refpub seal`"
        in done.stderr
    )  # the standard output holds the problems only


def test_the_required_sealing_flag_refuses_an_unsealed_audit(mini_project, committee):
    _with_recipients(mini_project, committee[1])
    done = refpub("validate", str(mini_project), "--exiger-scelle", "--format", "github")
    assert done.returncode == 1
    assert (
        f"::error file={AUDIT},line=6,col=1::détail confidentiel en clair : lancez `refpub seal`"
    ) in done.stdout


def test_the_pull_request_workflow_requires_sealed_detail():
    workflow = yaml.safe_load((PROJECT / ".github/workflows/validate.yml").read_text("utf-8"))
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("refpub validate" in run and "--exiger-scelle" in run for run in runs)


def test_unseal_puts_the_detail_back_for_the_committee(sealed_project, committee):
    file = sealed_project / AUDIT
    refused = refpub("unseal", str(file), env={IDENTITY_ENV: ""})
    assert refused.returncode == 2 and IDENTITY_ENV in refused.output
    done = refpub("unseal", str(file), env={IDENTITY_ENV: committee[0]})
    assert done.returncode == 0, done.output
    assert yaml.safe_load(file.read_text("utf-8")) == yaml.safe_load(
        (FIXTURES / "mini" / AUDIT).read_text("utf-8")
    )


def test_publish_mode_refuses_recipients_whose_secret_key_is_in_the_repository(
    tmp_path, sealed_project, committee
):
    (sealed_project / EXAMPLE_IDENTITY_PATH).write_text(committee[0], "utf-8")
    built = mkdocs_build(sealed_project, tmp_path / "site", {**EXAMPLE_ENV, "REFPUB_PUBLISH": "1"})
    assert built.returncode != 0
    assert "clé d'exemple" in built.output and committee[1] in built.output


#: An age secret key (Bech32 upper case, as age-keygen writes it), not its mere prefix.
SECRET_KEY = "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{50,}"


def test_publish_mode_refuses_the_example_recipient_even_without_its_identity_file(
    tmp_path, mini_project
):
    _with_recipients(mini_project, EXAMPLE_RECIPIENT)
    assert not (mini_project / EXAMPLE_IDENTITY_PATH).exists()
    built = mkdocs_build(mini_project, tmp_path / "site", {**EXAMPLE_ENV, "REFPUB_PUBLISH": "1"})
    assert built.returncode != 0 and EXAMPLE_RECIPIENT in built.output
    shipped = (PROJECT / EXAMPLE_IDENTITY_PATH).read_text("utf-8")
    assert f"# public key: {EXAMPLE_RECIPIENT}\n" in shipped


def test_no_committee_secret_key_is_tracked_but_the_example_one():
    listed = subprocess.run(
        ["git", "grep", "-l", "-E", SECRET_KEY, "--", "."],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert listed.stdout.split() == [EXAMPLE_IDENTITY_PATH]
    example = (PROJECT / EXAMPLE_IDENTITY_PATH).read_text("utf-8")
    assert example.startswith("# EXEMPLE")


def _confidential_values(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _confidential_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _confidential_values(item)
    elif isinstance(value, str):
        yield value


def test_the_example_data_ships_sealed_to_the_example_committee(tmp_path):
    identity = (PROJECT / EXAMPLE_IDENTITY_PATH).read_text("utf-8")
    keyless = refpub("validate", str(PROJECT), "--exiger-scelle", env={IDENTITY_ENV: ""})
    assert keyless.returncode == 0, keyless.output
    full = refpub("validate", str(PROJECT), "--exiger-scelle", env={IDENTITY_ENV: identity})
    assert full.returncode == 0, full.output
    copy = tmp_path / "exemple"
    for folder in ("audits", "referentiels", "confidentiel"):
        shutil.copytree(PROJECT / folder, copy / folder)
    repo = load_referentiels(copy)
    secrets: set[str] = set()
    for file in sorted((copy / "audits").glob("*/*-*.yaml")):
        done = refpub("unseal", str(file), env={IDENTITY_ENV: identity})
        assert done.returncode == 0, done.output
        data = yaml.safe_load(file.read_text("utf-8"))
        ref = repo.referentiels[data["referentiel"]]
        for part in parts_of(data, ref):
            detail = {k: mapping_at(data, part.where)[k] for k in part.detail_keys(data)}
            secrets.update(v for v in _confidential_values(detail) if len(v) >= 12)
    assert len(secrets) > 100  # persons met, evidence, observations of every audit
    texts = _audit_texts(PROJECT)
    assert [value for value in secrets if value in texts] == []


def test_make_site_internal_reads_the_example_data_with_the_example_key(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").symlink_to(sys.executable)
    (fake / "mkdocs").write_text(
        '#!/bin/sh\necho "interne=$REFPUB_INTERNAL cle=${REFPUB_COMMITTEE_IDENTITY:+fournie}"\n',
        "utf-8",
    )
    (fake / "mkdocs").chmod(0o755)
    own = tmp_path / "organisme"
    (own / "confidentiel").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", EXAMPLE_IDENTITY_PATH):
        shutil.copy(PROJECT / name, own / name)
    _with_recipients(own, new_identity()[1])
    (fake / "stamp").touch()  # newer than pyproject.toml: nothing is installed
    env = {**os.environ, "REFPUB_COMMITTEE_IDENTITY": ""}
    args = ["make", "-s", "site-internal", f"BIN={fake}", f"STAMP={fake / 'stamp'}"]
    example = subprocess.run(
        args, cwd=PROJECT, env=env, capture_output=True, text=True, check=False
    )
    assert "interne=1 cle=fournie" in example.stdout, example.stdout + example.stderr
    theirs = subprocess.run(args, cwd=own, env=env, capture_output=True, text=True, check=False)
    assert "interne=1 cle=\n" in theirs.stdout, theirs.stdout + theirs.stderr


def test_cle_comite_writes_a_secret_key_only_its_owner_reads(tmp_path):
    target = tmp_path / "ma-cle.txt"
    done = refpub("cle-comite", "--sortie", str(target))
    assert done.returncode == 0, done.output
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    text = target.read_text("utf-8")
    public = text.split("# public key: ")[1].split()[0]
    assert public in done.stderr and "AGE-SECRET-KEY-1" not in done.output
    again = refpub("cle-comite", "--sortie", str(target))
    assert again.returncode == 2 and target.read_text("utf-8") == text


def test_new_audit_writes_the_detail_to_fill_in_plain_text(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini", project)
    done = refpub(
        "new-audit",
        "demo-co",
        "--referentiel",
        "demo-radar",
        "--type",
        "suivi-1",
        "--date",
        "2026-06-01",
        "--root",
        str(project),
    )
    assert done.returncode == 0, done.output
    text = (project / "audits/demo-co/2026-06-01-suivi-1.yaml").read_text("utf-8")
    assert "sealed:" not in text and "-----BEGIN AGE" not in text
