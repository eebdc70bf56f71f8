"""The verification page (verification/) in Debian's Chromium: a buyer with only a credential
and a browser learns whether it is authentic and its status. The signed mini project
(credential_support) is served on 127.0.0.1; every other request is aborted, so the page
works with the network off. The browser's clock is fixed the day after the status date.

Same skip/fail policy as test_browser_tools.py (skipped without Playwright or Chromium,
failed instead when CI=true).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from browser_support import local_tab, serve
from credential_support import DID, PREVIOUS_TEST_KEY, SITE_URL
from test_credentials import flip, tamper

from refpub.core.attestations import signing

try:
    from playwright.sync_api import Page, expect
except ImportError:  # reported by the `browser` fixture
    Page = expect = None

NOW = "2026-11-24T12:00:00Z"
VERDICTS = {
    "valid": "Attestation authentique et valide",
    "suspended": "Attestation authentique, mais certificat SUSPENDU",
    "withdrawn": "Attestation authentique, mais certificat RETIRÉ",
    "expired": "Attestation authentique, mais certificat EXPIRÉ",
    "forged": "Attestation NON AUTHENTIQUE",
}
COMPANY_OF = {
    "valid": "demo-co",
    "suspended": "demo-suspendu",
    "withdrawn": "demo-retire",
    "expired": "demo-expire",
}


@pytest.fixture(scope="module")
def signed_url(signed_site: Path) -> Iterator[str]:
    with serve(signed_site) as url:
        yield url


@pytest.fixture
def page(browser: Any, signed_url: str) -> Iterator[Page]:
    with local_tab(browser, signed_url) as tab:
        tab.page.clock.set_fixed_time(NOW)
        tab.page.requests = tab.requests  # type: ignore[attr-defined]
        yield tab.page
    outside = [url for url in tab.requests if urlsplit(url).hostname != "127.0.0.1"]
    assert not outside, outside


def credential_of(site: Path, company: str) -> str:
    entries = json.loads((site / "api/certificats.json").read_text(encoding="utf-8"))
    url = next(e["credential"] for e in entries if e["company"] == company)
    return (site / url[len(SITE_URL) :]).read_text(encoding="utf-8").strip()


def paste_and_verify(page: Page, base: str, token: str) -> Any:
    page.goto(base + "verification/")
    page.get_by_label("Attestation signée à vérifier").fill(token)
    page.get_by_role("button", name="Vérifier").click()
    status = page.get_by_role("status")
    expect(status).not_to_contain_text("Vérification en cours")
    return status


@pytest.mark.parametrize("state", ["valid", "suspended", "withdrawn", "expired"])
def test_a_pasted_credential_gets_its_status(
    page: Page, signed_url: str, signed_site: Path, state: str
) -> None:
    status = paste_and_verify(page, signed_url, credential_of(signed_site, COMPANY_OF[state]))
    expect(status).to_have_attribute("data-etat", state)
    expect(status).to_contain_text(VERDICTS[state])
    for other, verdict in VERDICTS.items():
        if other != state:
            expect(status).not_to_contain_text(verdict)
    assert page.requests, "no request was recorded"  # type: ignore[attr-defined]


def test_a_credential_wrapped_over_lines_still_verifies(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    token = credential_of(signed_site, "demo-co")
    wrapped = "\n".join(token[i : i + 76] for i in range(0, len(token), 76))
    status = paste_and_verify(page, signed_url, f"  {wrapped}\n")
    expect(status).to_contain_text(VERDICTS["valid"])


def test_a_tampered_credential_is_not_authentic(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    forged = tamper(credential_of(signed_site, "demo-co"))
    status = paste_and_verify(page, signed_url, forged)
    expect(status).to_have_attribute("data-etat", "forged")
    expect(status).to_contain_text("la signature ne correspond pas au contenu")
    expect(status).not_to_contain_text("authentique et valide")
    status = paste_and_verify(page, signed_url, flip(credential_of(signed_site, "demo-co")))
    expect(status).to_have_attribute("data-etat", "forged")
    expect(status).to_contain_text(VERDICTS["forged"])


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("n'importe quoi", "format JWS compact attendu"),
        ("eyJhbGciOiJub25lIn0.eyJ9.", "le contenu de l'attestation est illisible"),
    ],
)
def test_garbage_is_not_authentic(page: Page, signed_url: str, token: str, reason: str) -> None:
    status = paste_and_verify(page, signed_url, token)
    expect(status).to_contain_text(VERDICTS["forged"])
    expect(status).to_contain_text(reason)


def test_a_credential_signed_with_a_foreign_key_is_not_authentic(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    genuine = credential_of(signed_site, "demo-co")
    header = json.loads(signing.b64url_decode(genuine.split(".")[0]))
    payload = json.loads(signing.b64url_decode(genuine.split(".")[1]))
    foreign = signing.sign_compact(
        payload,
        signing.load_private_key(
            __import__("credential_support").pem(
                __import__("credential_support").fixed_test_key("intruder")
            )
        ),
        header["kid"],
    )
    status = paste_and_verify(page, signed_url, foreign)
    expect(status).to_contain_text(VERDICTS["forged"])


def test_a_credential_signed_before_a_key_rotation_still_verifies(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    genuine = credential_of(signed_site, "demo-co")
    payload = json.loads(signing.b64url_decode(genuine.split(".")[1]))
    previous = signing.jwk_thumbprint(signing.public_jwk(PREVIOUS_TEST_KEY.public_key()))
    old = signing.sign_compact(payload, PREVIOUS_TEST_KEY, f"{DID}#{previous}")
    status = paste_and_verify(page, signed_url, old)
    expect(status).to_contain_text(VERDICTS["valid"])


def test_the_company_page_link_carries_the_credential(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    page.goto(signed_url + "certificats/demo-suspendu/")
    link = page.get_by_role("link", name="Vérifier ce certificat")
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(
        f"{signed_url}verification/#vc={credential_of(signed_site, 'demo-suspendu')}"
    )
    status = page.get_by_role("status")
    expect(status).to_contain_text(VERDICTS["suspended"])
    expect(page.get_by_label("Attestation signée à vérifier")).to_have_value(
        credential_of(signed_site, "demo-suspendu")
    )


def test_a_stale_status_list_gives_no_verdict(
    browser: Any, signed_url: str, signed_site: Path
) -> None:
    with local_tab(browser, signed_url) as opened:
        tab = opened.page
        tab.clock.set_fixed_time("2026-12-15T12:00:00Z")
        status = paste_and_verify(tab, signed_url, credential_of(signed_site, "demo-co"))
        expect(status).to_contain_text("Vérification impossible")
        expect(status).to_contain_text("n'est plus à jour")


def test_verification_and_company_link_have_no_serious_accessibility_violation(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.skip("axe-playwright-python is not installed")
    paste_and_verify(page, signed_url, credential_of(signed_site, "demo-retire"))
    for where in ("verification (verdict shown)", "company page with its link"):
        results = Axe().run(page)
        blocking = [
            (v["id"], [n["target"] for n in v["nodes"]])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not blocking, f"{where}: {blocking}"
        page.goto(signed_url + "certificats/demo-co/")


def test_a_site_without_keys_says_it_cannot_verify(
    browser: Any, site_url: str, signed_site: Path
) -> None:
    """The example site is built without a signing key: its page exists but cannot vouch."""
    with local_tab(browser, site_url) as opened:
        tab = opened.page
        status = paste_and_verify(tab, site_url, credential_of(signed_site, "demo-co"))
        expect(status).to_contain_text("Vérification impossible")
        expect(status).to_contain_text("did.json")
        expect(status).not_to_contain_text("authentique et valide")


def test_a_credential_before_its_start_date_is_not_yet_valid(
    browser: Any, signed_url: str, signed_site: Path
) -> None:
    with local_tab(browser, signed_url) as opened:
        tab = opened.page
        tab.clock.set_fixed_time("2026-01-15T12:00:00Z")  # demo-co is certified 2026-02-01
        status = paste_and_verify(tab, signed_url, credential_of(signed_site, "demo-co"))
        expect(status).to_contain_text("Attestation authentique, mais pas encore valide")
        expect(status).to_contain_text("Valide à partir du 01/02/2026")


def test_the_verdict_names_the_body_as_issuer_and_the_publisher_as_owner(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    status = paste_and_verify(page, signed_url, credential_of(signed_site, "demo-co"))
    # mini's body (extra.organisme.name), then demo-radar's publisher in its own role
    expect(status).to_contain_text("délivré par Certificateur fictif (exemple) selon")
    expect(status).to_contain_text("(propriétaire du référentiel : Organisme fictif)")


# --- edge cases: where the verdict appears, a stale list past expiry, an encoded path -------

#: After the status lists' end (published for STATUS_LIST_DAYS days from the status date).
STALE = "2026-12-15T12:00:00Z"


def test_the_verdict_takes_the_focus_and_comes_into_view(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    paste_and_verify(page, signed_url, credential_of(signed_site, "demo-co"))
    heading = page.locator("#verdict")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()


def test_an_expired_credential_with_a_stale_list_is_expired_from_its_signed_dates(
    page: Page, signed_url: str, signed_site: Path
) -> None:
    page.clock.set_fixed_time(STALE)
    status = paste_and_verify(page, signed_url, credential_of(signed_site, "demo-expire"))
    expect(status).to_have_attribute("data-etat", "expired")
    expect(status).to_contain_text(VERDICTS["expired"])
    # a credential still within its dates cannot be judged on a stale list
    status = paste_and_verify(page, signed_url, credential_of(signed_site, "demo-co"))
    expect(status).to_have_attribute("data-etat", "unknown")
    expect(status).to_contain_text("n'est plus à jour")


#: A site whose address has a space and a non-ASCII letter in its path: the DID writes the
#: segments percent-encoded, the status lists' addresses too.
ENCODED_SITE_URL = "https://certification.example/registre%20public/caf%C3%A9/"


@pytest.fixture(scope="module")
def encoded_site(tmp_path_factory: pytest.TempPathFactory, site_build) -> Path:
    from credential_support import SIGNED_ENV, make_signed_project

    project = make_signed_project(tmp_path_factory.mktemp("encoded") / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(SITE_URL, ENCODED_SITE_URL), encoding="utf-8"
    )
    return site_build(project, SIGNED_ENV)


@pytest.mark.parametrize("state", ["valid", "suspended"])
def test_a_site_under_a_percent_encoded_path_verifies_its_credentials(
    browser: Any, encoded_site: Path, state: str
) -> None:
    with serve(encoded_site) as url, local_tab(browser, url) as tab:
        tab.page.clock.set_fixed_time(NOW)
        status = paste_and_verify(tab.page, url, credential_of_site(encoded_site, state))
        expect(status).to_have_attribute("data-etat", state)
        expect(status).to_contain_text(VERDICTS[state])


def credential_of_site(site: Path, state: str) -> str:
    entries = json.loads((site / "api/certificats.json").read_text(encoding="utf-8"))
    url = next(e["credential"] for e in entries if e["company"] == COMPANY_OF[state])
    assert url.startswith(ENCODED_SITE_URL)
    return (site / url[len(ENCODED_SITE_URL) :]).read_text(encoding="utf-8").strip()
