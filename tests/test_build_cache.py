"""The build redoes only what changed: information-document PDFs are keyed by their content,
in memory and, with REFPUB_CACHE_DIR, on disk for a cold CI build."""

from __future__ import annotations

from pathlib import Path

import pytest

from refpub.site import information_pdf

# --- PDFs ---------------------------------------------------------------------------------

needs_weasyprint = pytest.mark.skipif(
    not information_pdf.available(), reason="WeasyPrint ou ses bibliothèques Pango absents"
)
BODY = "<h1>Document d'information</h1><p>Entreprise {n}</p>"


@pytest.fixture
def pdf_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv(information_pdf.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def write_pdfs(
    documents: list[tuple[str, str, Path]], made: dict[str, bytes] | None = None
) -> None:
    """What a build does: start the writer once the bodies are known, finish at the end;
    ``made``: what this process made before (none: a new process)."""
    writer = information_pdf.PdfWriter(documents, {} if made is None else made)
    writer.start()
    writer.finish()


def documents(root: Path, count: int) -> list[tuple[str, str, Path]]:
    jobs = []
    for n in range(count):
        folder = root / f"co-{n}"
        folder.mkdir(parents=True, exist_ok=True)
        jobs.append((BODY.format(n=n), f"Entreprise {n}", folder))
    return jobs


@needs_weasyprint
def test_an_unchanged_document_is_not_made_again(
    pdf_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_pdfs(documents(tmp_path / "one", 1))
    first = (tmp_path / "one/co-0" / information_pdf.PDF_NAME).read_bytes()
    assert first.startswith(b"%PDF") and len(list(pdf_cache.glob("pdf/*.pdf"))) == 1
    monkeypatch.setattr(information_pdf, "_make", lambda job: pytest.fail("made again"))
    write_pdfs(documents(tmp_path / "two", 1))  # a cold build, cache folder restored
    assert (tmp_path / "two/co-0" / information_pdf.PDF_NAME).read_bytes() == first


@needs_weasyprint
def test_a_live_preview_makes_an_unchanged_document_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(information_pdf.CACHE_ENV, raising=False)
    made: dict[str, bytes] = {}
    write_pdfs(documents(tmp_path / "one", 1), made)
    assert len(made) == 1
    monkeypatch.setattr(information_pdf, "_make", lambda job: pytest.fail("made again"))
    write_pdfs(documents(tmp_path / "two", 1), made)  # the next rebuild of mkdocs serve
    assert (tmp_path / "two/co-0" / information_pdf.PDF_NAME).read_bytes() == made.popitem()[1]


@needs_weasyprint
def test_many_documents_are_made_in_parallel_as_in_sequence(
    pdf_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(information_pdf, "PARALLEL_FROM", 2)
    write_pdfs(documents(tmp_path / "parallel", 3))
    monkeypatch.delenv(information_pdf.CACHE_ENV)
    monkeypatch.setattr(information_pdf, "PARALLEL_FROM", 100)
    write_pdfs(documents(tmp_path / "sequence", 3))
    for n in range(3):
        name = f"co-{n}/{information_pdf.PDF_NAME}"
        assert (tmp_path / "parallel" / name).read_bytes() == (
            tmp_path / "sequence" / name
        ).read_bytes()
