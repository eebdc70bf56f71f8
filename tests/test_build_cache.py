"""The build redoes only what changed: schema validation and information-document PDFs are
keyed by their content, in memory and, with REFPUB_CACHE_DIR, on disk for a cold CI build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from refpub.core import checking, validated
from refpub.core.source import Located
from refpub.site import information_pdf

SCHEMA = {"type": "object", "properties": {"date": {"type": "string", "format": "date"},
                                           "n": {"type": "integer"}},
          "required": ["n"], "additionalProperties": False}


@pytest.fixture
def fresh_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty validation store backed by a cache folder, as a new process would have."""
    monkeypatch.setenv(validated.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(validated, "_known", None)
    monkeypatch.setattr(validated, "_added", set())
    monkeypatch.setattr(validated.atexit, "register", lambda *args: None)
    return tmp_path


def doc(data: dict[str, Any]) -> Located:
    return Located("audits/x/a.yaml", data)


def forbid_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(schema: Any) -> Any:
        raise AssertionError("validated again")
    monkeypatch.setattr(checking, "_validator", fail)


def test_valid_content_is_not_validated_twice(fresh_store: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert checking.schema_problems(doc({"n": 1}), SCHEMA) == []
    forbid_validation(monkeypatch)
    assert checking.schema_problems(doc({"n": 1}), SCHEMA) == []


def test_changed_content_or_schema_is_validated_again(fresh_store: Path) -> None:
    assert checking.schema_problems(doc({"n": 1}), SCHEMA) == []
    assert checking.schema_problems(doc({"n": "1"}), SCHEMA) != []
    assert checking.schema_problems(doc({"n": 1, "date": dt.date(2026, 1, 2)}), SCHEMA) != []
    stricter = {**SCHEMA, "properties": {"n": {"type": "integer", "minimum": 2}}}
    assert checking.schema_problems(doc({"n": 1}), stricter) != []


def test_problems_are_reported_every_time(fresh_store: Path) -> None:
    for _ in range(2):
        assert checking.schema_problems(doc({"n": "x"}), SCHEMA) != []


def test_a_restored_cache_folder_serves_a_cold_build(fresh_store: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert checking.schema_problems(doc({"n": 7}), SCHEMA) == []
    validated._save(fresh_store / "validated.txt")
    monkeypatch.setattr(validated, "_known", None)  # a new process, the folder restored
    forbid_validation(monkeypatch)
    assert checking.schema_problems(doc({"n": 7}), SCHEMA) == []


# --- PDFs ---------------------------------------------------------------------------------

needs_weasyprint = pytest.mark.skipif(not information_pdf.available(),
                                      reason="WeasyPrint ou ses bibliothèques Pango absents")
BODY = "<h1>Document d'information</h1><p>Entreprise {n}</p>"


@pytest.fixture
def pdf_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv(information_pdf.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(information_pdf, "_MEMORY", {})
    return tmp_path / "cache"


def documents(root: Path, count: int) -> list[tuple[str, str, Path]]:
    jobs = []
    for n in range(count):
        folder = root / f"co-{n}"
        folder.mkdir(parents=True, exist_ok=True)
        jobs.append((BODY.format(n=n), f"Entreprise {n}", folder))
    return jobs


@needs_weasyprint
def test_an_unchanged_document_is_not_made_again(pdf_cache: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    information_pdf.write_pdfs(documents(tmp_path / "one", 1))
    first = (tmp_path / "one/co-0" / information_pdf.PDF_NAME).read_bytes()
    assert first.startswith(b"%PDF") and len(list(pdf_cache.glob("pdf/*.pdf"))) == 1
    monkeypatch.setattr(information_pdf, "_MEMORY", {})  # a cold build, cache folder restored
    monkeypatch.setattr(information_pdf, "_make", lambda job: pytest.fail("made again"))
    information_pdf.write_pdfs(documents(tmp_path / "two", 1))
    assert (tmp_path / "two/co-0" / information_pdf.PDF_NAME).read_bytes() == first


@needs_weasyprint
def test_many_documents_are_made_in_parallel_as_in_sequence(pdf_cache: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setattr(information_pdf, "PARALLEL_FROM", 2)
    information_pdf.write_pdfs(documents(tmp_path / "parallel", 3))
    monkeypatch.setattr(information_pdf, "_MEMORY", {})
    monkeypatch.delenv(information_pdf.CACHE_ENV)
    monkeypatch.setattr(information_pdf, "PARALLEL_FROM", 100)
    information_pdf.write_pdfs(documents(tmp_path / "sequence", 3))
    for n in range(3):
        name = f"co-{n}/{information_pdf.PDF_NAME}"
        assert (tmp_path / "parallel" / name).read_bytes() == \
            (tmp_path / "sequence" / name).read_bytes()
