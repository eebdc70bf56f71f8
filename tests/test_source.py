"""YAML loading: every kind of broken file gives PATH:LINE problems, never an exception."""

from __future__ import annotations

from pathlib import Path

from refpub.core.source import MAX_FILE_BYTES, load_yaml, parse_yaml


def test_values_and_keys_keep_their_lines():
    doc, problems = parse_yaml("a: 1\nb:\n  c: [x, y]\n", "f.yaml")
    assert not problems
    assert doc.data == {"a": 1, "b": {"c": ["x", "y"]}}
    assert doc.line_of(("b", "c", 1))[0] == 3
    assert doc.line_of(("b",), key=True)[0] == 2


def test_duplicate_key_is_reported_with_both_lines():
    _, problems = parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.line, p.message) for p in problems] == [
        (3, "clé « a » en double (déjà définie ligne 1)")]


def test_bad_indentation_is_a_syntax_error_on_its_line():
    doc, problems = parse_yaml("a:\n  b: 1\n c: 2\n", "f.yaml")
    assert doc is None
    assert problems[0].line == 3
    assert problems[0].message.startswith("YAML invalide")


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
