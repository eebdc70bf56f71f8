"""YAML loading: every kind of broken file gives PATH:LINE problems, never an exception."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from refpub.core.checks.problems import Problem
from refpub.core.intake import source
from refpub.core.intake.source import MAX_FILE_BYTES, load_yaml, parse_yaml
from refpub.core.intake.yaml_errors import translate_problem


def test_values_and_keys_keep_their_lines():
    doc, problems = parse_yaml("a: 1\nb:\n  c: [x, y]\n", "f.yaml")
    assert not problems
    assert doc.data == {"a": 1, "b": {"c": ["x", "y"]}}
    assert doc.line_of(("b", "c", 1))[0] == 3
    assert doc.line_of(("b",), key=True)[0] == 2


def test_duplicate_key_is_reported_with_both_lines():
    _, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.line, p.message) for p in problems] == [
        (3, "clé « a » en double (déjà définie ligne 1)")
    ]


def test_bad_indentation_is_a_syntax_error_on_its_line():
    doc, problems = parse_yaml("a:\n  b: 1\n c: 2\n", "f.yaml")
    assert doc is None
    assert problems[0].line == 3
    assert problems[0].message.startswith("YAML invalide")


def test_each_top_level_key_after_a_syntax_error_reports_its_own_first_error():
    text = (
        "referentiel: cliq-2006\ntype: initial: x\ndate: 2026-01-01\n"
        "lead_auditor: Paul: Durand\ngrades:\n  a: {x: 1\n  b: 2\npublic_summary: ok\n"
    )
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is None
    assert [p.line for p in problems] == [2, 4, 7]
    assert all(p.message.startswith("YAML invalide") for p in problems)


def test_a_quote_left_open_reports_only_the_error_it_causes():
    # the open quote swallows the later lines: what follows it cannot be read honestly
    _, problems = parse_yaml('a: "x\nb: 1\nc: x: y\n', "f.yaml")
    assert len(problems) == 1 and "guillemet" in problems[0].message


def test_empty_and_comment_only_files_are_reported():
    for text in ("", "   \n", "# rien\n"):
        doc, problems = parse_yaml(text, "f.yaml")
        assert doc is None and problems[0].message == "fichier vide"


def test_non_utf8_file_names_the_line_of_the_bad_byte(tmp_path: Path):
    file = tmp_path / "f.yaml"
    file.write_bytes(b"a: 1\nb: caf" + b"\xe9\n")
    doc, problems = load_yaml(file, "f.yaml")
    assert doc is None
    assert problems[0].line == 2 and "UTF-8" in problems[0].message


def test_alias_bomb_is_refused_without_expanding():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 30)]
    _, problems = parse_yaml("\n".join(lines), "bomb.yaml")
    assert problems and all("alias" in p.message for p in problems)


def test_huge_file_is_refused_before_reading(tmp_path: Path):
    file = tmp_path / "big.yaml"
    file.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1))
    doc, problems = load_yaml(file, "big.yaml")
    assert doc is None and "trop volumineux" in problems[0].message


def test_deep_nesting_is_reported_not_crashing():
    doc, problems = parse_yaml("[" * 5000 + "]" * 5000, "deep.yaml")
    assert doc is None and problems


def test_deep_nesting_is_refused_whatever_the_recursion_limit(monkeypatch):
    """A tool run in the same process (a type checker, for one) may raise the limit."""
    monkeypatch.setattr(sys, "getrecursionlimit", sys.getrecursionlimit)  # restored after
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)
    try:
        doc, problems = parse_yaml("[" * 300 + "]" * 300, "deep.yaml")
    finally:
        sys.setrecursionlimit(limit)
    assert doc is None and [p.message for p in problems] == ["document trop profondément imbriqué"]


def test_several_documents_are_refused():
    _, problems = parse_yaml("a: 1\n---\nb: 2\n", "f.yaml")
    assert problems[0].line == 3


def test_dates_stay_text_for_the_schema_to_check():
    doc, problems = parse_yaml("d: 2026-02-30\ne: 2026-03-10\n", "f.yaml")
    assert not problems
    assert doc.data == {"d": "2026-02-30", "e": "2026-03-10"}


def test_extreme_nesting_never_crashes_the_fast_parser():
    for text in ("[" * 300_000 + "]" * 300_000, "{a: " * 100_000 + "}" * 100_000):
        doc, problems = parse_yaml(text, "deep.yaml")
        assert doc is None and problems


# characters no published file may hold


@pytest.mark.parametrize(
    "escape", ["\\x01", "\\x1b", "\\x7f", "\\x85", "\\ufffe", "\\x0b", "\\ud800"]
)
def test_control_characters_in_data_are_refused_with_their_line(escape: str):
    doc, problems = parse_yaml(f'a: 1\nname: "A{escape}B"\n', "f.yaml")
    assert [p.line for p in problems] == [2], problems
    assert re.search("caractère interdit|séquence d'échappement", problems[0].message)
    assert problems[0].message.isprintable()


def test_control_characters_in_keys_are_refused():
    _, problems = parse_yaml('"k\\x02": 1\n', "f.yaml")
    assert problems and "caractère interdit U+0002" in problems[0].message


@pytest.mark.parametrize("first", ["a", "éèà"])
def test_a_raw_control_character_gives_its_line_and_column(first: str):
    _, problems = parse_yaml(f"{first}: 1\nb: x\x01y\n", "f.yaml")
    assert [(p.line, p.column) for p in problems] == [(2, 5)]
    assert "U+0001" in problems[0].message and "\n" not in problems[0].message


def test_ordinary_text_passes():
    doc, problems = parse_yaml('name: "Café & Fils <SARL> \\"quoted\\"\\tx — ok 😀"\n', "f.yaml")
    assert problems == [] and doc.data["name"].startswith("Café & Fils")


# YAML syntax errors in French, on one line

SYNTAX_ERRORS = [
    ("a: b: c\n", "« : » inattendu"),
    ("key with: colon: x\n", "entre guillemets"),
    ("a: b\nc\n", "« : » attendu"),
    ("a: 1\n\tb: 2\n", "tabulation interdite"),
    ("\tb: 2\n", "tabulation interdite"),
    ("a:\n  b: 1\n c: 2\n", "indentation"),
    ("a: [1, 2\n", "« ] » attendu"),
    ("a: {x: 1\n", "« } » attendu"),
    ("a: 'x\n", "guillemet n'est pas fermé"),
    ('a: "\\q"\n', "séquence d'échappement inconnue"),
    ("- a\nb: 1\n", "indentation"),
    ("a: - b\n", "élément de liste « - » inattendu"),
    ("a: @x\n", "ne peut pas commencer"),
    ("%YAML 2.0\n---\na: 1\n", "version de YAML"),
    ("{a: 1}}\n", "après la fin du document"),
]
ENGLISH = re.compile(
    r"\b(found|expected|while|allowed|could not|mapping|scanning|"
    r"unicode string|line \d)\b",
    re.I,
)


@pytest.mark.parametrize(
    "loader",
    [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)],
    ids=["python", "libyaml"],
)
@pytest.mark.parametrize(("text", "words"), SYNTAX_ERRORS, ids=[t for t, _ in SYNTAX_ERRORS])
def test_yaml_syntax_errors_read_in_french(monkeypatch, loader, text: str, words: str):
    monkeypatch.setattr(source, "_loader_for", lambda _text: loader)
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is None and len(problems) == 1
    message = problems[0].message
    assert message.startswith("YAML invalide : ") and words in message, message
    assert not ENGLISH.search(message), message
    assert "\n" not in message and problems[0].line >= 1


def test_an_unknown_yaml_problem_keeps_a_french_lead_and_one_line():
    assert translate_problem('something new\n  in "<unicode string>"').startswith(
        "erreur de syntaxe YAML (« something new in"
    )


def test_problem_messages_and_paths_are_always_one_line():
    problem = Problem("a\nb.yaml", 1, 0, "valeur « x\ny\u2028z\x1b[31m » illisible")
    assert problem.format_text() == "a\\nb.yaml:1: valeur « x\\ny\\u2028z\\x1b[31m » illisible"


def test_many_files_read_by_workers_give_what_each_read_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from refpub.core.intake import workers
    from refpub.core.intake.source import FILES_PER_JOB, load_yaml_files

    # workers whatever the machine and the other tests' server threads
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(workers.threading, "active_count", lambda: 1)

    files = []
    for number in range(2 * FILES_PER_JOB + 7):
        file = tmp_path / f"f{number}.yaml"
        broken = number % 100 == 0
        file.write_text(
            "a: [1\n" if broken else f"n: {number}\nnom: « {number} »\nd: 2026-01-02\n",
            encoding="utf-8",
        )
        files.append((file, f"audits/x/f{number}.yaml"))
    read = load_yaml_files(files)
    assert len(read) == len(files)
    for file, path in files:
        doc, problems = read[path]
        expected_doc, expected_problems = load_yaml(file, path)
        assert problems == expected_problems, path
        assert (doc is None) == (expected_doc is None), path
        if doc is not None:
            assert (doc.data, doc.values, doc.keys) == (
                expected_doc.data,
                expected_doc.values,
                expected_doc.keys,
            )
