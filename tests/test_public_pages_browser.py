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
from browser_support import local_only

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


@pytest.fixture(scope="module")
def context(browser: Any, site_url: str) -> Iterator[Any]:
    opened = browser.new_context(locale="fr-FR")
    opened.route("**/*", local_only)
    opened.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def tab(context: Any) -> Iterator[Any]:
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        page.close()


def _open(tab: Any, site_url: str, path: str, width: int) -> None:
    tab.set_viewport_size({"width": width, "height": 900})
    response = tab.goto(site_url + path)
    assert response is not None and response.ok, path


def _decode(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))]


def _in_view(tab: Any, selector: str, width: int) -> None:
    boxes = tab.evaluate(BOXES, selector)
    assert boxes, selector
    for box in boxes:
        assert box["visible"], (selector, box)
        assert box["left"] >= 0 and box["right"] <= width + 0.5, (selector, box)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [CLIQ_COMPANY, AMARC_COMPANY, WITHDRAWN])
def test_company_page_fits_and_shows_its_status(tab: Any, site_url: str, path: str,
                                                width: int, tmp_path: Path) -> None:
    _open(tab, site_url, path, width)
    tab.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    assert tab.evaluate(OVERFLOW) <= 0
    _in_view(tab, ".refpub-banner", width)
    _in_view(tab, ".refpub-cert-dates .refpub-status", width)
    _in_view(tab, ".refpub-snippet pre", width)
    banner = tab.inner_text(".refpub-banner")
    assert re.search(r"Certificat (valide|suspendu|retiré|expiré)", banner), banner
    assert f"statut au {STATUS_DATE}" in banner
    # what the certificate covers, and labelled results
    _in_view(tab, ".refpub-scope", width)
    assert "Ce que couvre le certificat" in tab.inner_text(".refpub-scope")
    results = tab.inner_text(".refpub-audit-results tbody")
    assert re.search(r"NOTE CLIQ® : [\d,]+ %|\d+/\d+ exigences satisfaites", results), results


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [CLIQ_AUDIT, AMARC_AUDIT])
def test_audit_synthesis_fits(tab: Any, site_url: str, path: str, width: int,
                              tmp_path: Path) -> None:
    _open(tab, site_url, path, width)
    tab.screenshot(path=str(tmp_path / "audit.png"), full_page=True)
    assert tab.evaluate(OVERFLOW) <= 0
    article = tab.inner_text("article")
    assert re.search(r"Décision\s+(Certification|Maintien|Renouvellement)", article), article
    if path == CLIQ_AUDIT:
        _in_view(tab, ".refpub-result-summary", width)
        summary = tab.inner_text(".refpub-result-summary")
        assert "NOTE CLIQ®" in summary and "MANAGEMENT DU SYSTEME CLIQ®" in summary
        _in_view(tab, ".refpub-radar svg", width)
    else:
        _in_view(tab, ".refpub-levels-summary", width)
        assert re.search(r"\d+/\d+ exigences satisfaites",
                         tab.inner_text(".refpub-levels-summary"))
        assert not tab.locator(".refpub-items-detail table").is_visible()  # folded
        if width == 1280:  # the synthesis, not a 3,000 px table of item numbers
            assert tab.evaluate("() => document.documentElement.scrollHeight") < 2000


def test_withdrawn_certificate_says_when_and_what_it_means(tab: Any, site_url: str) -> None:
    _open(tab, site_url, WITHDRAWN, 390)
    sheet = tab.inner_text(".refpub-certificate")
    assert "Retiré le" in sheet and "n'est plus certifiée" in sheet
    assert "Valide jusqu" not in sheet


def test_qr_code_decodes_to_the_page_address(tab: Any, site_url: str) -> None:
    _open(tab, site_url, CLIQ_COMPANY, 1280)
    png = tab.locator('.refpub-kit img[src="qr.svg"]').screenshot()
    assert _decode(png) == [PUBLIC_BASE + CLIQ_COMPANY]


def test_printed_page_carries_url_qr_code_and_status_date(tab: Any, site_url: str) -> None:
    from pypdf import PdfReader

    _open(tab, site_url, CLIQ_COMPANY, 1280)
    tab.emulate_media(media="print")
    try:
        assert tab.locator(".refpub-print-ref").is_visible()
        assert not tab.locator(".refpub-kit").is_visible()
        assert _decode(tab.locator(".refpub-print-ref img").screenshot()) == [
            PUBLIC_BASE + CLIQ_COMPANY]
        pdf = tab.pdf(format="A4", print_background=True)
    finally:
        tab.emulate_media(media="screen")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = re.sub(r"\s+", "", text)
    assert PUBLIC_BASE + CLIQ_COMPANY in flat
    assert STATUS_DATE in text
    assert "Certificat CLIQ" in text


def test_snippets_wrap_and_copy_without_network(tab: Any, site_url: str) -> None:
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    _open(tab, site_url, AMARC_COMPANY, 390)
    for box in tab.evaluate("""() => [...document.querySelectorAll('.refpub-snippet pre')]
        .map(p => p.scrollWidth - p.clientWidth)"""):
        assert box <= 0
    button = tab.locator("button.refpub-copy").first
    assert button.is_visible()
    button.click()
    status = tab.locator(".refpub-copy-status").first
    status.filter(has_text="Copié").wait_for()
    copied = tab.evaluate("() => navigator.clipboard.readText()")
    assert copied == tab.inner_text("#extrait-html-code")
    assert copied.startswith(f'<a href="{PUBLIC_BASE}{AMARC_COMPANY}">')
    assert "Statut du certificat d'Autocars" in copied
    assert all(url.startswith(site_url) for url in requests), requests
