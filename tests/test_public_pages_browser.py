"""Company pages and audit syntheses as a buyer, a phone and a printer get them (Chromium):
no horizontal overflow at 1280 px and 390 px, the status in view, labelled results; the
printed page carries its URL, QR code and status date; the QR code decodes (zxing-cpp) to the
page's address; embed snippets wrap and their copy button works without any network.

Same skip/fail policy as the other browser tests (tests/browser_support.py)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import Tab, local_tab

CLIQ_COMPANY = "certificats/transports-fictifs-durand/"
AMARC_COMPANY = "certificats/autocars-imaginaires-bourgogne/"
CLIQ_AUDIT = CLIQ_COMPANY + "audits/2025-12-11-renouvellement/"
AMARC_AUDIT = AMARC_COMPANY + "audits/2026-03-26-surveillance-1/"
WITHDRAWN = "certificats/entrepots-illusoires-martin/"
PUBLIC_BASE = "https://example.org/refpub/"  # site_url of the example project
STATUS_DATE = "23/11/2026"  # REFPUB_TODAY of the shared build (conftest.built_site)
WIDTHS = (1280, 390)

# Horizontal overflow of the page, and the box of every element matching a selector.
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
BOXES = """selector => [...document.querySelectorAll(selector)].map(e => {
  const r = e.getBoundingClientRect();
  return {left: r.left, right: r.right, width: r.width, height: r.height,
          visible: getComputedStyle(e).visibility !== 'hidden' && r.width > 0 && r.height > 0};
})"""


@pytest.fixture
def tab(browser: Any, site_url: str) -> Iterator[Tab]:
    """A local-only page whose scripts may use the clipboard (the copy buttons)."""
    with local_tab(browser, site_url) as opened:
        opened.page.context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/")
        )
        yield opened


def _open(tab: Tab, path: str, width: int) -> Any:
    """The page at ``path``, ``width`` pixels wide."""
    tab.page.set_viewport_size({"width": width, "height": 900})
    return tab.open(path)


def _decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))]


def _in_view(page: Any, selector: str, width: int) -> None:
    boxes = page.evaluate(BOXES, selector)
    assert boxes, selector
    for box in boxes:
        assert box["visible"], (selector, box)
        assert box["left"] >= 0 and box["right"] <= width + 0.5, (selector, box)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [CLIQ_COMPANY, AMARC_COMPANY, WITHDRAWN])
def test_company_page_fits_and_shows_its_status(
    tab: Tab, path: str, width: int, tmp_path: Path
) -> None:
    page = _open(tab, path, width)
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert page.evaluate(OVERFLOW) <= 0
    _in_view(page, ".refpub-banner", width)
    _in_view(page, ".refpub-cert-dates .refpub-status", width)
    # the embed code while the certificate is valid, else the sentence saying there is none
    _in_view(page, ".refpub-no-kit" if path == WITHDRAWN else ".refpub-snippet pre", width)
    banner = page.inner_text(".refpub-banner")
    assert re.search(r"Certificat (valide|suspendu|retiré|expiré)", banner), banner
    assert f"statut au {STATUS_DATE}" in banner
    # what the certificate covers, and labelled results
    _in_view(page, ".refpub-scope", width)
    assert "Ce que couvre le certificat" in page.inner_text(".refpub-scope")
    results = page.inner_text(".refpub-audit-results tbody")
    counted = r"NOTE CLIQ® : [\d,]+ %|\d+ exigences? satisfaites?.* sur \d+"
    assert re.search(counted, results), results


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [CLIQ_AUDIT, AMARC_AUDIT])
def test_audit_synthesis_fits(tab: Tab, path: str, width: int, tmp_path: Path) -> None:
    page = _open(tab, path, width)
    page.screenshot(path=str(tmp_path / "audit.png"), full_page=True)
    assert page.evaluate(OVERFLOW) <= 0
    article = page.inner_text("article")
    assert re.search(r"Décision\s+(Certification|Maintien|Renouvellement)", article), article
    if path == CLIQ_AUDIT:
        _in_view(page, ".refpub-result-summary", width)
        summary = page.inner_text(".refpub-result-summary")
        assert "NOTE CLIQ®" in summary and "MANAGEMENT DU SYSTEME CLIQ®" in summary
        _in_view(page, ".refpub-radar svg", width)
    else:
        _in_view(page, ".refpub-levels-summary", width)
        assert re.search(
            r"\d+ exigences? satisfaites?.* sur \d+", page.inner_text(".refpub-levels-summary")
        )
        assert "Les autres exigences du niveau" in article  # the exceptions, not every item
        if width == 1280:  # the synthesis, not a 3,000 px table of item numbers
            assert page.evaluate("() => document.documentElement.scrollHeight") < 2000


def test_withdrawn_certificate_says_when_and_what_it_means(tab: Tab) -> None:
    page = _open(tab, WITHDRAWN, 390)
    sheet = page.inner_text(".refpub-certificate")
    assert "Retiré le" in sheet and "n'est plus certifiée" in sheet
    assert "Valide jusqu" not in sheet


def test_qr_code_decodes_to_the_page_address(tab: Tab) -> None:
    page = _open(tab, CLIQ_COMPANY, 1280)
    png = page.locator('.refpub-kit img[src="qr.svg"]').screenshot()
    assert _decode(png) == [PUBLIC_BASE + CLIQ_COMPANY]


def test_printed_page_carries_url_qr_code_and_status_date(tab: Tab) -> None:
    from pypdf import PdfReader

    page = _open(tab, CLIQ_COMPANY, 1280)
    page.emulate_media(media="print")
    try:
        assert page.locator(".refpub-print-ref").is_visible()
        assert not page.locator(".refpub-kit").is_visible()
        assert _decode(page.locator(".refpub-print-ref img").screenshot()) == [
            PUBLIC_BASE + CLIQ_COMPANY
        ]
        pdf = page.pdf(format="A4", print_background=True)
    finally:
        page.emulate_media(media="screen")
    text = "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages)
    flat = re.sub(r"\s+", "", text)
    assert PUBLIC_BASE + CLIQ_COMPANY in flat
    assert STATUS_DATE in text
    assert "Certificat CLIQ" in text


def test_snippets_wrap_and_copy_without_network(tab: Tab) -> None:
    page = _open(tab, AMARC_COMPANY, 390)
    for box in page.evaluate("""() => [...document.querySelectorAll('.refpub-snippet pre')]
        .map(p => p.scrollWidth - p.clientWidth)"""):
        assert box <= 0
    button = page.locator("button.refpub-copy").first
    assert button.is_visible()
    button.click()
    status = page.locator(".refpub-copy-status").first
    status.filter(has_text="Copié").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == page.inner_text("#extrait-html-code")
    assert copied.startswith(f'<a href="{PUBLIC_BASE}{AMARC_COMPANY}">')
    assert "Statut du certificat d'Autocars" in copied
    assert all(url.startswith(tab.base) for url in tab.requests), tab.requests
