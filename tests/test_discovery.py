"""Nothing under audits/ or referentiels/ is ignored without a word, and no link is followed.

Each case puts one odd entry into a copy of the mini project and expects `refpub validate`
to name it (`PATH:1:` with a French reason), exit 1, and never read a device or follow a
link out of the repository.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from refpub.cli import main
from refpub.core.audits.repository import load_repository
from refpub.core.intake.discovery import discover_audits, discover_referentiels
from refpub.core.intake.source import MAX_FILE_BYTES, read_data_file

from conftest import PROJECT

AUDIT = "audits/demo-co/2026-01-10-initial.yaml"


def validate(root: Path, *options: str) -> tuple[int, str, str]:
    """`refpub validate ROOT` in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate", *options, str(root)])
    return status, out.getvalue(), err.getvalue()


def reported(root: Path) -> dict[str, str]:
    """Problems of ``root`` by path (one message per path is enough here)."""
    status, out, err = validate(root)
    assert "Traceback" not in out + err
    lines = out.splitlines()
    assert all(re.match(r"^[^\s].*?:\d+:", line) for line in lines), out
    problems = {}
    for problem in load_repository(root).problems:
        problems.setdefault(problem.path, problem.message)
    assert (status == 1) == bool(problems), out
    return problems


def copy_audit(root: Path, target: str) -> Path:
    file = root / target
    file.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / AUDIT, file)
    return file


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("audits/demo-co/retrait.YAML", "renommez le fichier « retrait.yaml »"),
        ("audits/demo-co/retrait.yml", "seule l'extension « .yaml »"),
        ("audits/demo-co/archives/x.yaml", "sous-dossier non lu"),
        ("audits/x.yaml", "dossiers d'entreprise"),
        ("audits/demo-co/.retrait.yaml", "caché"),
        ("audits/demo-co/notes.txt", "seuls les fichiers « .yaml »"),
        ("audits/demo-co/audit du 3 mai.yaml", "non admis"),
        ("audits/demo-co/Company.yaml", "renommez-le « company.yaml »"),
        ("referentiels/brouillons/x.yaml", "sous-dossier non lu"),
        ("referentiels/LISEZMOI.md", "seuls les fichiers « .yaml »"),
        ("referentiels/mappings/x.yml", "seule l'extension « .yaml »"),
        ("referentiels/mappings/vieux/x.yaml", "sous-dossier non lu"),
    ],
)
def test_every_odd_entry_is_reported_with_its_path(mini_project: Path, target: str, words: str):
    copy_audit(mini_project, target)
    entry = (
        target
        if "/archives/" not in target and "/brouillons/" not in target and "/vieux/" not in target
        else target.rsplit("/", 1)[0]
    )
    problems = reported(mini_project)
    assert entry in problems, problems
    assert words in problems[entry]


def test_a_yml_beside_its_yaml_says_both_exist(mini_project: Path):
    copy_audit(mini_project, AUDIT.replace(".yaml", ".yml"))
    problems = reported(mini_project)
    message = problems[AUDIT.replace(".yaml", ".yml")]
    assert "existe déjà" in message and ".yaml" in message


def test_a_company_folder_linked_outside_is_not_published(mini_project: Path, tmp_path: Path):
    outside = tmp_path / "ailleurs"
    shutil.copytree(mini_project / "audits/demo-co", outside)
    shutil.rmtree(mini_project / "audits/demo-co")
    (mini_project / "audits/demo-co").symlink_to(outside, target_is_directory=True)
    problems = reported(mini_project)
    assert "lien symbolique" in problems["audits/demo-co"]
    assert "demo-co" not in load_repository(mini_project).companies


def test_a_link_to_dev_zero_is_reported_without_reading_it(mini_project: Path):
    (mini_project / "audits/demo-co/zero.yaml").symlink_to("/dev/zero")
    start = time.perf_counter()
    problems = reported(mini_project)
    assert time.perf_counter() - start < 5
    assert "lien symbolique" in problems["audits/demo-co/zero.yaml"]


def test_links_inside_referentiels_are_not_followed(mini_project: Path):
    link = mini_project / "referentiels/copie.yaml"
    link.symlink_to(mini_project / "referentiels/demo-radar.yaml")
    assert "lien symbolique" in reported(mini_project)["referentiels/copie.yaml"]


def test_a_linked_audits_folder_is_refused(mini_project: Path, tmp_path: Path):
    shutil.move(mini_project / "audits", tmp_path / "audits")
    (mini_project / "audits").symlink_to(tmp_path / "audits", target_is_directory=True)
    assert "lien symbolique" in reported(mini_project)["audits"]


def test_a_non_utf8_file_name_is_reported_printably(mini_project: Path):
    folder = os.fsencode(mini_project / "audits/demo-co")
    with open(os.path.join(folder, b"retrait-\xe9.yaml"), "wb") as handle:
        handle.write((mini_project / AUDIT).read_bytes())
    status, out, _ = validate(mini_project)
    assert status == 1
    assert "audits/demo-co/retrait-\\xe9.yaml:1: nom de fichier illisible" in out


def test_a_file_name_with_a_line_break_stays_on_one_line(mini_project: Path):
    copy_audit(mini_project, "audits/demo-co/a\nb.yaml")
    status, out, _ = validate(mini_project)
    assert status == 1
    assert out.splitlines() == [
        "audits/demo-co/a\\nb.yaml:1: nom de fichier illisible (octet non UTF-8 ou caractère "
        "de contrôle) : renommez-le en lettres, chiffres et tirets"
    ]


def test_a_fifo_is_reported_not_opened(mini_project: Path):
    os.mkfifo(mini_project / "audits/demo-co/tube.yaml")
    assert "ni fichier ni dossier" in reported(mini_project)["audits/demo-co/tube.yaml"]


def test_devices_and_links_are_never_read(tmp_path: Path):
    raw, reason = read_data_file(Path("/dev/zero"))
    assert raw is None and "fichier ordinaire" in reason
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    raw, reason = read_data_file(link)
    assert raw is None and "lien symbolique" in reason


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path):
    big = tmp_path / "gros.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES * 50)  # sparse: large on paper, nothing to read
    raw, reason = read_data_file(big)
    assert raw is None and "trop volumineux" in reason


def test_the_shipped_project_has_nothing_stray_and_keeps_its_grids():
    referentiels = discover_referentiels(PROJECT)
    audits = discover_audits(PROJECT)
    assert referentiels.problems == [] and audits.problems == []
    assert {f.name for f in referentiels.mapping_files} == {
        "cliq-2006-iso-9001.yaml",
        "amarc-re-mrc-03-iso-9001.yaml",
    }
    assert len(load_repository(PROJECT).mappings) == 2
    assert all(c.company_file is not None for c in audits.companies)
