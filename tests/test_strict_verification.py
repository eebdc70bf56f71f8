"""Strict verification (issue #20): what the issuer's key signed is still checked for its
form. The same forged cases (verification_cases) go to the Python verifier and to the
verification page in Debian's Chromium, and both give the same verdict: an unreadable date,
an index that is not a canonical decimal string within its list, a status list outside its
validFrom/validUntil, another algorithm, key or type, junk after the signature.

Browser tests follow test_browser_verification.py's skip/fail policy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import local_tab, serve
from credential_support import TEST_KEY
from verification_cases import NOW, Case, credential_of, forged_site, parts, python_verdict

from refpub.core.attestations import signing

try:
    from playwright.sync_api import expect
except ImportError:  # reported by the `browser` fixture
    expect = None

#: The case names, known before the site is built (parametrisation).
CASE_NAMES = [
    "re-signed unchanged",
    "validUntil unreadable",
    "validUntil impossible",
    "validUntil absent",
    "validFrom unreadable",
    "validUntil before validFrom",
    *(
        f"statusListIndex {value!r}"
        for value in ("", "0x10", "1e3", "-1", " 1", "01", "+1", "1.0", 16)
    ),
    "statusListIndex beyond the list",
    "alg HS256",
    "kid of another issuer",
    "kid not published",
    "typ JWT",
    "crit header",
    "junk after the signature",
    "signature respelled",
    "status list without validUntil",
    "status list validUntil unreadable",
    "status list without validFrom",
    "status list not yet in force",
    "status list expired",
]


@pytest.fixture(scope="module")
def forged(
    signed_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Case]]:
    site, cases = forged_site(signed_site, tmp_path_factory.mktemp("forged") / "site")
    assert sorted(cases) == sorted(CASE_NAMES)
    return site, cases


@pytest.mark.parametrize("name", CASE_NAMES)
def test_the_python_verifier_refuses_malformed_signed_input(forged, name: str) -> None:
    site, cases = forged
    case = cases[name]
    verdict = python_verdict(site, case.token)
    assert verdict.state == case.state, verdict
    if case.state != "valid":
        assert case.reason in verdict.reason, verdict


@pytest.mark.parametrize(
    ("company", "state"),
    [
        ("demo-co", "valid"),
        ("demo-suspendu", "suspended"),
        ("demo-retire", "withdrawn"),
        ("demo-expire", "expired"),
    ],
)
def test_the_python_verifier_gives_each_status(signed_site: Path, company: str, state: str) -> None:
    assert python_verdict(signed_site, credential_of(signed_site, company)).state == state


def test_verify_compact_checks_alg_kid_typ_and_nothing_after_the_signature(
    signed_site: Path,
) -> None:
    from verification_cases import _respelled, sign

    genuine = credential_of(signed_site, "demo-co")
    header, payload = parts(genuine)
    key, kid = TEST_KEY.public_key(), header["kid"]
    assert signing.verify_compact(genuine, key, kid) == payload
    refused = [
        genuine + ".",
        genuine + "AA",
        genuine + "!",
        f" {genuine}",
        _respelled(genuine),
        sign({**header, "alg": "none"}, payload),
        sign({**header, "typ": "JWT"}, payload),
        sign({**header, "crit": ["b64"]}, payload),
        sign({**header, "kid": kid + "x"}, payload),
    ]
    for token in refused:
        with pytest.raises(signing.NotSigned):
            signing.verify_compact(token, key, kid)
    with pytest.raises(signing.NotSigned, match="inattendue"):
        signing.verify_compact(genuine, key, kid.replace("#", "#autre"))


@pytest.fixture(scope="module")
def forged_url(forged) -> Iterator[str]:
    with serve(forged[0]) as url:
        yield url


@pytest.mark.parametrize("name", CASE_NAMES)
def test_the_page_refuses_malformed_signed_input(
    browser: Any, forged, forged_url: str, name: str
) -> None:
    case = forged[1][name]
    with local_tab(browser, forged_url) as tab:
        tab.page.clock.set_fixed_time(NOW)
        tab.page.goto(forged_url + "verification/")
        tab.page.get_by_label("Attestation signée à vérifier").fill(case.token)
        tab.page.get_by_role("button", name="Vérifier").click()
        status = tab.page.get_by_role("status")
        expect(status).not_to_contain_text("Vérification en cours")
        expect(status).to_have_attribute("data-etat", case.state)
        expect(status).to_contain_text(case.reason)
        if case.state == "unknown":
            expect(status).to_contain_text("Vérification impossible")


@pytest.mark.parametrize(
    ("company", "code", "verdict"),
    [
        ("demo-co", 0, "Attestation authentique et valide."),
        ("demo-retire", 1, "Attestation authentique, mais certificat RETIRÉ."),
    ],
)
def test_refpub_verifier_gives_the_page_verdict(
    signed_site: Path, tmp_path: Path, capsys, company: str, code: int, verdict: str
) -> None:
    from refpub.cli import main

    file = tmp_path / "attestation.jwt"
    file.write_text(credential_of(signed_site, company) + "\n", encoding="utf-8")
    assert main(["verifier", str(file), "--site", str(signed_site), "--date", NOW]) == code
    assert capsys.readouterr().out.strip() == verdict


def test_refpub_verifier_refuses_a_malformed_credential_with_its_reason(
    forged, tmp_path: Path, capsys
) -> None:
    from refpub.cli import main

    site, cases = forged
    file = tmp_path / "attestation.jwt"
    file.write_text(cases["status list without validUntil"].token, encoding="utf-8")
    assert main(["verifier", str(file), "--site", str(site), "--date", NOW]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Vérification impossible : la date de fin de la liste de statut")
    assert main(["verifier", str(file), "--site", str(site), "--date", "2026-11-24"]) == 2
