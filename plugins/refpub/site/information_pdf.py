"""PDF of the « document d'information » (one A4 page), when WeasyPrint is installed.

Optional: without WeasyPrint (or its Pango libraries) the site has no PDF and the page
offers printing only. The PDF is the page's rendered body (its own print stylesheet, A4),
made once the logo it links to is in ``site/`` (from the first page MkDocs writes).

WeasyPrint takes a tenth of a second or more per document: a PDF is made again only when
its inputs change (the document, the images it shows, WeasyPrint's version), from a cache
keyed by their content, kept by the plugin for ``mkdocs serve`` and, when ``REFPUB_CACHE_DIR``
is set (``make site``, the publish workflow), on disk, so that a cold build restored with its
cache directory makes only the documents that changed; those are made on every core, while
the build writes the other pages (:class:`PdfWriter`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from html import escape
from pathlib import Path

from ..core.intake.workers import fork_pool

PDF_NAME = "document-information.pdf"
CACHE_ENV = "REFPUB_CACHE_DIR"
#: fewer documents than this are made in this process (starting workers costs more)
PARALLEL_FROM = 8
_SOURCES = re.compile(r'\ssrc="([^"#?:]+)"')


def available() -> bool:
    """Whether WeasyPrint and its system libraries load here."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def standalone(body: str, title: str) -> str:
    """The rendered page body as a complete HTML document for the PDF."""
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        "<style>body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }</style>"
        f"</head><body>{body}</body></html>"
    )


class PdfWriter:
    """The PDFs of one build. Started as soon as their bodies are rendered and the images
    they show are in ``site/`` (the plugin starts it with the first page written), the PDFs
    to make are made by worker processes on every core while the build goes on writing the
    other pages; :meth:`finish` waits for them (at the end of the build)."""

    def __init__(self, documents: list[tuple[str, str, Path]], made: dict[str, bytes]):
        """``made``: the PDFs made before by their content key, kept by the caller as long as
        it lives (the plugin, across the rebuilds of ``mkdocs serve``); completed here."""
        self.documents = documents
        self.made = made
        self.cache_dir = _cache_dir()
        self.to_make: list[tuple[str, str, str]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[tuple[str, bytes]]] = []

    def start(self) -> None:
        for body, title, page_dir in self.documents:
            document = standalone(body, title)
            key = content_key(document, page_dir)
            target = page_dir / PDF_NAME
            target.parent.mkdir(parents=True, exist_ok=True)
            if key in self.made:
                target.write_bytes(self.made[key])
            elif self.cache_dir and (self.cache_dir / f"{key}.pdf").is_file():
                shutil.copyfile(self.cache_dir / f"{key}.pdf", target)
                self.made[key] = target.read_bytes()
            else:
                self.to_make.append((document, str(page_dir), key))
        self.pool = fork_pool(len(self.to_make), PARALLEL_FROM)
        if self.pool is not None:
            self.futures = [self.pool.submit(_make, job) for job in self.to_make]

    def abandon(self) -> None:
        """The build failed: the PDFs not yet made are not made."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
            self.to_make = []

    def finish(self) -> None:
        if self.pool is None:
            made = [_make(job) for job in self.to_make]
        else:
            with self.pool:
                made = [future.result() for future in self.futures]
        for key, pdf in made:
            self.made[key] = pdf
            if self.cache_dir:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                (self.cache_dir / f"{key}.pdf").write_bytes(pdf)


def content_key(document: str, page_dir: Path) -> str:
    """What the PDF is made of: the HTML, the local files it shows, WeasyPrint's version."""
    import weasyprint

    digest = hashlib.sha256(f"{weasyprint.__version__}\0{document}".encode())
    for source in sorted(set(_SOURCES.findall(document))):
        path = page_dir / source
        if path.is_file():
            digest.update(f"\0{source}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def _cache_dir() -> Path | None:
    value = os.environ.get(CACHE_ENV, "").strip()
    return Path(value) / "pdf" if value else None


def _make(job: tuple[str, str, str]) -> tuple[str, bytes]:
    import weasyprint

    document, page_dir, key = job
    pdf = weasyprint.HTML(string=document, base_url=f"{Path(page_dir).as_uri()}/").write_pdf()
    target = Path(page_dir) / PDF_NAME
    target.write_bytes(pdf)
    return key, pdf
