"""An axe-core scan of the pages readers use most: the guide, the self-assessment, the CLIQ®
pre-audit simulator, the register and a certificate page. No violation of impact "serious" or
"critical" is allowed.

axe-core comes with the axe-playwright-python package (it bundles axe.min.js); same
skip/fail policy as test_browser_tools.py: skipped without Playwright, axe or Chromium,
failed instead when CI=true.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import local_tab, unavailable

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:  # reported by the `axe` fixture
    Axe = None

PAGES = [
    "guide/",
    "autoevaluation/",
    "outils/simulateur-cliq/",
    "certificats/",
    "certificats/transports-fictifs-durand/",
    "verification/",
    "verification/liste/",
    "outils/indicateurs/",
    "outils/indicateurs/?i=1,2,3,4,5,6,7",
    "guide/reclamations/",
    "referentiels/cliq-2006/",
    "referentiels/cliq-2006/evaluation/",
    "referentiels/cliq-2006/certification/",
    "referentiels/cliq-2006/iso-9001/",
    "referentiels/amarc-re-mrc-03/glossaire/",
    "referentiels/amarc-re-mrc-03/notes-en-attente/",
]
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe() -> Any:
    if Axe is None:
        unavailable(
            "the axe-playwright-python package is not importable "
            "(.venv/bin/pip install axe-playwright-python)"
        )
    return Axe()


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per violation and up to 3 offending elements, for the failure message."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        lines.append(
            f"{violation['impact']} {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])} élément(s) : {', '.join(targets)})"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(browser: Any, axe: Any, site_url: str, path: str) -> None:
    with local_tab(browser, site_url) as tab:
        page = tab.open(path)
        page.wait_for_load_state("networkidle")
        results = axe.run(page)
    violations = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not violations, f"{path}:\n{describe(violations)}"
