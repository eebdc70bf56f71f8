"""A broken référentiel is reported with file and line, by the CLI and by the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from refpub.core.checks.problems import DataError
from refpub.core.referentiels.referentiel import load_referentiel

from conftest import mkdocs_build, refpub


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(file: Path, fragment: str) -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def _messages(file: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_referentiel(file, file.name)
    return [p.format_text() for p in caught.value.problems]


def test_valid_fixture_loads(mini_project: Path):
    ref = load_referentiel(mini_project / "referentiels/demo-radar.yaml")
    assert list(ref.requirements) == ["org-1.1", "op-1.1", "op-1.2"]
    assert ref.engagement_weight(ref.engagements[1]) == 75


def test_unknown_key_is_reported_with_line_and_suggestion(mini_project: Path):
    file = mini_project / "referentiels/demo-radar.yaml"
    _replace(file, "            interlocutors:", "            interlocutor:")
    line = _line_of(file, "interlocutor:")
    assert _messages(file) == [
        f"demo-radar.yaml:{line}:13: clé inconnue « interlocutor » ; vouliez-vous dire "
        "« interlocutors » ? (clés possibles : « id », « number », « text », "
        "« interlocutors », « evidence_examples », « evidence_lead_in », « levels », "
        "« documents », « control_methods », « note », « editorial »)"
    ]


def test_duplicate_requirement_id_names_both_lines(mini_project: Path):
    file = mini_project / "referentiels/demo-radar.yaml"
    _replace(file, "{id: op-1.2,", "{id: op-1.1,")
    first, second = _line_of(file, '{id: op-1.1, number: "1.1"'), _line_of(file, '"1.2"')
    messages = _messages(file)
    assert (
        f"demo-radar.yaml:{second}:18: identifiant « op-1.1 » en double parmi les "
        f"sous-critères ou items (déjà utilisé ligne {first})" in messages
    )


def test_wrong_indentation_is_reported_on_its_line(mini_project: Path):
    file = mini_project / "referentiels/demo-radar.yaml"
    _replace(
        file,
        "    title: Les engagements organisationnels",
        "   title: Les engagements organisationnels",
    )
    messages = _messages(file)
    assert len(messages) == 1
    assert messages[0].startswith(f"demo-radar.yaml:{_line_of(file, '   title: Les')}:")


def test_weights_must_cover_every_sub_criterion(mini_project: Path):
    file = mini_project / "referentiels/demo-radar.yaml"
    _replace(file, "op-1.2: 25}", "op-1.3: 25}")
    messages = "\n".join(_messages(file))
    assert (
        "poids donné au sous-critère inconnu « op-1.3 » ; vouliez-vous dire « op-1.1 » ?"
        in messages
        or "« op-1.2 » ?" in messages
    )
    assert "le sous-critère « op-1.2 » n'a pas de poids" in messages


def test_unknown_level_is_reported(mini_project: Path):
    file = mini_project / "referentiels/demo-levels.yaml"
    _replace(file, "levels: [B], documents: [Bilan]", "levels: [C], documents: [Bilan]")
    assert any("niveau « C » inconnu" in m for m in _messages(file))


def test_every_problem_of_the_run_is_reported_at_once(mini_project: Path):
    _replace(mini_project / "referentiels/demo-radar.yaml", "short_title:", "shorttitle:")
    _replace(
        mini_project / "referentiels/demo-levels.yaml", 'version: "2"', 'version: "2"\nversion: "3"'
    )
    result = refpub("validate", str(mini_project))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("referentiels/demo-radar.yaml:") and "shorttitle" in line for line in lines
    )
    assert any(
        line.startswith("referentiels/demo-levels.yaml:5:") and "en double" in line
        for line in lines
    )
    assert "Traceback" not in result.output


def test_validate_github_format_prints_annotations(mini_project: Path):
    _replace(mini_project / "referentiels/demo-radar.yaml", "short_title:", "shorttitle:")
    result = refpub("validate", "--format", "github", str(mini_project))
    assert result.returncode == 1
    expected = (
        "::error file=referentiels/demo-radar.yaml,line=3,col=1::clé inconnue "
        "« shorttitle » ; vouliez-vous dire « short_title » ?"
    )
    assert expected in result.stdout


def test_validate_exit_codes(mini_project: Path, tmp_path: Path):
    assert refpub("validate", str(mini_project)).returncode == 0
    assert refpub("validate", str(tmp_path / "absent")).returncode == 2
    assert refpub("validate", "--bogus").returncode == 2


def test_build_stops_with_the_message_not_a_traceback(mini_project: Path, tmp_path: Path):
    file = mini_project / "referentiels/demo-radar.yaml"
    _replace(file, "            interlocutors:", "            interlocutor:")
    result = mkdocs_build(mini_project, tmp_path / "site")
    assert result.returncode != 0
    assert "referentiels/demo-radar.yaml:" in result.output
    assert "clé inconnue « interlocutor »" in result.output
    assert "Traceback" not in result.output
