"""One validation path: what the build would refuse, `refpub validate` reports first, with
its file, in French."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from refpub.cli import main
from refpub.core.audits.repository import load_repository

from conftest import PROJECT


def test_a_mention_without_data_is_reported_by_validate(mini_project: Path):
    target = mini_project / "referentiels/amarc-re-mrc-03.yaml"
    shutil.copy(PROJECT / "referentiels/amarc-re-mrc-03.yaml", target)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('    website: "www.qualicert.fr"\n', "", 1), encoding="utf-8")
    problems = load_repository(mini_project).problems
    assert problems, "la mention sans site web devait être signalée"
    assert {p.path for p in problems} == {"referentiels/amarc-re-mrc-03.yaml"}
    assert all("n'a pas de données (website)" in p.message for p in problems)
    assert not any(p.message.startswith("referentiels/") for p in problems)


def test_a_control_character_in_a_company_name_is_refused_with_its_line(mini_project: Path):
    """ "A\\x01B" once made certificats/feed.xml ill-formed for every subscriber."""
    company = mini_project / "audits/demo-co/company.yaml"
    lines = company.read_text(encoding="utf-8").splitlines()
    lines[0] = 'name: "A\\x01B"'
    company.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["validate", str(mini_project)])
    assert status == 1
    assert out.getvalue().splitlines() == [
        "audits/demo-co/company.yaml:1:7: caractère interdit U+0001 (caractère de contrôle) "
        "dans « A\\x01B » : retirez-le (un copier-coller en apporte souvent : retapez le "
        "texte)"
    ]
