"""`refpub validate` reports every mistake of the auditors' files, with the right line, at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import refpub

GOOD = (Path(__file__).parent / "fixtures/mini/audits/demo-co/2026-01-10-initial.yaml").read_text(
    encoding="utf-8"
)


def _write(project: Path, relative: str, text: str | bytes) -> None:
    file = project / relative
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        file.write_bytes(text)
    else:
        file.write_text(text, encoding="utf-8")


def _company(project: Path, company: str, extra: str = "") -> None:
    _write(
        project,
        f"audits/{company}/company.yaml",
        f"name: {company} SA\naddress: 2 place Fictive, 69001 Lyon\n{extra}",
    )


def _audit(project: Path, company: str, name: str, old: str = "", new: str = "") -> None:
    assert old in GOOD
    _write(project, f"audits/{company}/{name}.yaml", GOOD.replace(old, new, 1))


def _line(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


CASES = [
    # (company, file, old, new, fragment of the bad line, expected message fragment)
    (
        "typo",
        "deploiment",
        "    deployment: 2\n",
        "    deploiment: 2\n",
        "deploiment",
        "clé inconnue « deploiment » ; vouliez-vous dire « deployment » ?",
    ),
    (
        "grade",
        "grade",
        "    results: 1\n",
        "    results: 3\n",
        "results: 3",
        "« results » vaut 3 : la valeur doit être entre 0 et 2",
    ),
    (
        "grade-type",
        "grade-type",
        "    review: 1\n",
        "    review: beaucoup\n",
        "review: beaucoup",
        "« review » doit être un nombre entier",
    ),
    (
        "missing",
        "missing",
        "  op-1.2: {approach: 2, deployment: 1, results: 1, review: 1}\n",
        "",
        "grades:",
        "champ obligatoire « op-1.2 » manquant dans « grades »",
    ),
    (
        "unknown-sc",
        "unknown-sc",
        "  op-1.2:",
        "  op-1.3:",
        "op-1.3",
        "clé inconnue « op-1.3 » ; vouliez-vous dire",
    ),
    (
        "bad-date",
        "bad-date",
        "date: 2026-01-10",
        "date: 2026-02-30",
        "2026-02-30",
        "« 2026-02-30 » n'est pas une date valide",
    ),
    (
        "bad-type",
        "bad-type",
        "type: initial",
        "type: suivi-3",
        "type: suivi-3",
        "valeur « suivi-3 » non admise pour « type » ; vouliez-vous dire « suivi-1 » ?",
    ),
    (
        "bad-ref",
        "bad-ref",
        "referentiel: demo-radar",
        "referentiel: demo-radr",
        "referentiel:",
        "référentiel « demo-radr » inconnu ; vouliez-vous dire « demo-radar » ?",
    ),
    (
        "no-cert",
        "no-cert",
        "  certificate: DEMO-2026-0001\n",
        "",
        "decision:",
        "champ obligatoire « certificate » manquant dans « decision »",
    ),
    (
        "bad-cert",
        "bad-cert",
        "DEMO-2026-0001",
        "demo 1",
        "certificate:",
        "« certificate » : « demo 1 » n'a pas la forme attendue",
    ),
    (
        "early",
        "early",
        "  date: 2026-02-01",
        "  date: 2025-12-01",
        "2025-12-01",
        "la décision (2025-12-01) ne peut précéder l'audit (2026-01-10)",
    ),
    (
        "outcome",
        "outcome",
        "outcome: certified",
        "outcome: maintained",
        "outcome:",
        "décision « maintained » non prévue après un audit « initial »",
    ),
    (
        "ineligible",
        "ineligible",
        "  op-1.1: {approach: 2, deployment: 2, results: 2, review: 1}",
        "  op-1.1: {approach: 0, deployment: 0, results: 0, review: 0}",
        "outcome:",
        "décision « certified » impossible : l'audit n'est pas éligible",
    ),
]


@pytest.fixture
def broken(mini_project: Path) -> tuple[Path, list[str]]:
    for company, name, old, new, _, _ in CASES:
        _company(mini_project, company)
        _audit(mini_project, company, name, old, new)
    result = refpub("validate", str(mini_project))
    assert result.returncode == 1
    assert "Traceback" not in result.output
    return mini_project, result.stdout.splitlines()


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_each_mistake_is_reported_on_its_line(broken, case):
    project, lines = broken
    company, name, _, _, fragment, message = case
    path = f"audits/{company}/{name}.yaml"
    text = (project / path).read_text(encoding="utf-8")
    line = _line(text, fragment)
    assert any(out.startswith(f"{path}:{line}:") and message in out for out in lines), (
        path,
        line,
        message,
        [out for out in lines if out.startswith(path)],
    )


def test_certificate_number_used_by_two_companies(mini_project: Path):
    _company(mini_project, "autre")
    _audit(mini_project, "autre", "2026-01-10-initial")
    result = refpub("validate", str(mini_project))
    assert result.returncode == 1
    assert "numéro de certificat « DEMO-2026-0001 » déjà attribué à l'entreprise" in result.stdout
    line = _line(GOOD, "certificate:")
    assert result.stdout.startswith(f"audits/demo-co/2026-01-10-initial.yaml:{line}:")


def test_bad_folder_name_and_bad_url_and_missing_company(mini_project: Path):
    _company(mini_project, "Mauvais_Nom")
    _company(mini_project, "ftp-site", "website: ftp://example.org\n")
    _audit(mini_project, "sans-fiche", "2026-01-10-initial")
    lines = refpub("validate", str(mini_project)).stdout.splitlines()
    assert any(
        line.startswith("audits/Mauvais_Nom:1:") and "« mauvais-nom »" in line for line in lines
    )
    assert any(
        line.startswith("audits/ftp-site/company.yaml:3:") and "http://" in line for line in lines
    )
    assert any(
        line.startswith("audits/sans-fiche/company.yaml:1:") and "manquant" in line
        for line in lines
    )


def test_non_utf8_empty_and_alias_bomb_files(mini_project: Path):
    _company(mini_project, "pieges")
    _write(
        mini_project,
        "audits/pieges/latin1.yaml",
        "referentiel: demo-radar\nlead_auditor: Jos\xe9\n".encode("latin-1"),
    )
    _write(mini_project, "audits/pieges/vide.yaml", "")
    bomb = ["a: &a [x, x, x, x, x, x, x, x]"] + [
        f"{c}: &{c} [{', '.join(['*' + p] * 8)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    _write(mini_project, "audits/pieges/bombe.yaml", "\n".join(bomb) + "\n")
    result = refpub("validate", str(mini_project))
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("audits/pieges/latin1.yaml:2:") and "UTF-8" in line for line in lines
    )
    assert "audits/pieges/vide.yaml:1: fichier vide" in lines
    assert any(line.startswith("audits/pieges/bombe.yaml:2:") and "alias" in line for line in lines)


def test_github_annotations_point_at_the_right_line(mini_project: Path):
    _audit(mini_project, "demo-co", "2026-05-01-suivi", "    results: 1\n", "    results: 5\n")
    text = (mini_project / "audits/demo-co/2026-05-01-suivi.yaml").read_text(encoding="utf-8")
    result = refpub("validate", "--format", "github", str(mini_project))
    line = _line(text, "results: 5")
    assert result.stdout.startswith(
        f"::error file=audits/demo-co/2026-05-01-suivi.yaml,line={line},col=14::"
    )


def test_score_json_of_an_invalid_audit_exits_1_with_lines(mini_project: Path):
    _audit(mini_project, "demo-co", "bad", "    results: 1\n", "    results: 5\n")
    result = refpub("score", str(mini_project / "audits/demo-co/bad.yaml"), "--json")
    assert result.returncode == 1
    assert result.stdout.startswith("audits/demo-co/bad.yaml:")
