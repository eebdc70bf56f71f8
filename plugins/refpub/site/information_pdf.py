"""PDF of the « document d'information » (one A4 page), when WeasyPrint is installed.

Optional: without WeasyPrint (or its Pango libraries) the site has no PDF and the page
offers printing only. The PDF is the page's rendered body (its own print stylesheet, A4),
written after the build so that the logo it links to is already in ``site/``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

PDF_NAME = "document-information.pdf"


def available() -> bool:
    """Whether WeasyPrint and its system libraries load here."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def standalone(body: str, title: str) -> str:
    """The rendered page body as a complete HTML document for the PDF."""
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>"
            "<style>body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }</style>"
            f"</head><body>{body}</body></html>")


def write_pdf(body: str, title: str, page_dir: Path) -> Path:
    """Writes ``page_dir/document-information.pdf``; relative links resolve from page_dir."""
    import weasyprint

    target = page_dir / PDF_NAME
    html = weasyprint.HTML(string=standalone(body, title), base_url=f"{page_dir.as_uri()}/")
    html.write_pdf(target)
    return target
