"""Browser tests' shared pieces: Debian's chromium driven by Playwright against the site
built once into a temporary folder and served on 127.0.0.1 (no request may leave it)."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
HOW_TO_ENABLE = (
    "to run them, install Playwright's Python package into the project's "
    "virtualenv (.venv/bin/pip install playwright, or the project's `test` extra) "
    "and Debian's Chromium (apt-get install chromium); `playwright install` is not "
    "needed, the tests drive /usr/bin/chromium"
)


def unavailable(reason: str) -> NoReturn:
    """Skip a browser test with how to enable it; with CI=true the browser tests must run."""
    message = f"browser tests not run: {reason}; {HOW_TO_ENABLE}"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        """Keeps the test output free of one line per request."""


def local_only(route: Any) -> None:
    """Lets requests to 127.0.0.1 through and stops any other (it is recorded all the same)."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser closing a connection it no longer needs (a page left mid-load) is no error:
    without this, http.server prints « Exception occurred during processing of request »
    and a traceback into the test output."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serves ``site`` on a free port of 127.0.0.1 for the duration of the block."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def launch() -> Iterator[Any]:
    """Debian's chromium under Playwright, or a skip (a failure in CI) saying what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not importable")
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Tab:
    """A page of the served site in its own browser context, with every request it made and
    the message of every dialog (alert, confirm...) a script opened: each is dismissed."""

    page: Any
    base: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        """Goes to ``path`` of the site; an address the site lacks fails here, not later on
        an error page."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path} is not in the site"
        return self.page

    def dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@contextmanager
def local_tab(browser: Any, site_url: str, **options: Any) -> Iterator[Tab]:
    """A French-speaking tab that can reach 127.0.0.1 only, closed at the end of the block."""
    context = browser.new_context(locale="fr-FR", **options)
    context.route("**/*", local_only)
    page = context.new_page()
    page.set_default_timeout(10_000)
    opened = Tab(page, site_url)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("dialog", opened.dismiss)
    try:
        yield opened
    finally:
        context.close()
