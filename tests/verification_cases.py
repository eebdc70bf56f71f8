"""Forged inputs for the strict verification tests (issue #20): credentials and status lists
signed with the TEST key of the signed mini project — what only the issuer could sign, but
malformed — each with the verdict the page and the Python verifier must both give.

``forged_site`` copies the signed site and adds the forged status lists under
``attestations/forge-*.jwt``; each forged credential names its own list.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from credential_support import SITE_URL, TEST_KEY

from refpub.core.attestations import signing

#: The browser's clock and the Python verifier's time: the day after the status date.
NOW = "2026-11-24T12:00:00Z"
NOW_TIME = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Case:
    token: str
    state: str
    reason: str


def parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _ = token.split(".")
    return (json.loads(signing.b64url_decode(header)), json.loads(signing.b64url_decode(payload)))


def sign(header: dict[str, Any], payload: dict[str, Any]) -> str:
    """A compact JWS over any header, signed with the site's TEST key."""
    head = signing.b64url(signing.canonical_json(header))
    body = signing.b64url(signing.canonical_json(payload))
    signature = TEST_KEY.sign(f"{head}.{body}".encode("ascii"))
    return f"{head}.{body}.{signing.b64url(signature)}"


def credential_of(site: Path, company: str) -> str:
    entries = json.loads((site / "api/certificats.json").read_text(encoding="utf-8"))
    url = next(e["credential"] for e in entries if e["company"] == company)
    return (site / url[len(SITE_URL) :]).read_text(encoding="utf-8").strip()


def _with(payload: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    copy = json.loads(json.dumps(payload))
    change(copy)
    return copy


def _index(value: Any) -> Callable[[dict[str, Any]], None]:
    def change(payload: dict[str, Any]) -> None:
        for entry in payload["credentialStatus"]:
            entry["statusListIndex"] = value

    return change


def _field(name: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(payload: dict[str, Any]) -> None:
        if value is None:
            payload.pop(name)
        else:
            payload[name] = value

    return change


def _respelled(token: str) -> str:
    """The same signature bytes spelled otherwise: unused bits of its last character set."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(token[-1])
    return token[:-1] + alphabet[last | 0b0001]


def forged_site(signed_site: Path, target: Path) -> tuple[Path, dict[str, Case]]:
    """A copy of the signed site with forged status lists, and every forged case."""
    shutil.copytree(signed_site, target)
    genuine = credential_of(signed_site, "demo-co")
    header, payload = parts(genuine)
    wrong = "la date de fin de validité de l'attestation est absente ou illisible"
    cases = {
        "re-signed unchanged": Case(sign(header, payload), "valid", "authentique et valide"),
        "validUntil unreadable": Case(
            sign(header, _with(payload, _field("validUntil", "bientôt"))), "unknown", wrong
        ),
        "validUntil impossible": Case(
            sign(header, _with(payload, _field("validUntil", "2029-02-30T23:59:59Z"))),
            "unknown",
            wrong,
        ),
        "validUntil absent": Case(
            sign(header, _with(payload, _field("validUntil", None))), "unknown", wrong
        ),
        "validFrom unreadable": Case(
            sign(header, _with(payload, _field("validFrom", "2026-02-01"))),
            "unknown",
            "la date de début de validité de l'attestation est absente ou illisible",
        ),
        "validUntil before validFrom": Case(
            sign(header, _with(payload, _field("validUntil", "2025-01-01T00:00:00Z"))),
            "unknown",
            "la fin de validité de l'attestation précède son début",
        ),
    }
    for value in ("", "0x10", "1e3", "-1", " 1", "01", "+1", "1.0", 16):
        cases[f"statusListIndex {value!r}"] = Case(
            sign(header, _with(payload, _index(value))), "unknown", "statusListIndex"
        )
    cases["statusListIndex beyond the list"] = Case(
        sign(header, _with(payload, _index("131072"))), "unknown", "hors de la liste de statut"
    )
    cases["alg HS256"] = Case(
        sign({**header, "alg": "HS256"}, payload), "forged", "l'algorithme de signature « HS256 »"
    )
    cases["kid of another issuer"] = Case(
        sign({**header, "kid": "did:web:ailleurs.example#cle"}, payload),
        "forged",
        "pas signée par l'organisme de ce site",
    )
    cases["kid not published"] = Case(
        sign({**header, "kid": header["kid"] + "x"}, payload),
        "forged",
        "n'est pas une clé publiée par l'organisme",
    )
    cases["typ JWT"] = Case(sign({**header, "typ": "JWT"}, payload), "forged", "type vc+jwt")
    cases["crit header"] = Case(sign({**header, "crit": ["exp"]}, payload), "forged", "type vc+jwt")
    cases["junk after the signature"] = Case(
        genuine + ".AAAA", "forged", "format JWS compact attendu"
    )
    cases["signature respelled"] = Case(_respelled(genuine), "forged", "format JWS compact attendu")
    for name, change, reason in _list_forgeries():
        cases[name] = Case(_forged_list(target, header, payload, name, change), "unknown", reason)
    return target, cases


def _list_forgeries() -> list[tuple[str, Callable[[dict[str, Any]], None], str]]:
    start = "la date de début de la liste de statut est absente ou illisible"
    end = "la date de fin de la liste de statut est absente ou illisible"
    return [
        ("status list without validUntil", _field("validUntil", None), end),
        ("status list validUntil unreadable", _field("validUntil", "2026-11-31T23:59:59Z"), end),
        ("status list without validFrom", _field("validFrom", None), start),
        (
            "status list not yet in force",
            _field("validFrom", "2026-11-25T00:00:00Z"),
            "n'est pas encore en vigueur",
        ),
        ("status list expired", _field("validUntil", "2026-11-24T00:00:00Z"), "n'est plus à jour"),
    ]


def _forged_list(
    site: Path,
    header: dict[str, Any],
    payload: dict[str, Any],
    name: str,
    change: Callable[[dict[str, Any]], None],
) -> str:
    """Writes a forged revocation list into ``site``; the credential that names it."""
    [entry] = [e for e in payload["credentialStatus"] if e["statusPurpose"] == "revocation"]
    listing = parts(
        (site / entry["statusListCredential"][len(SITE_URL) :]).read_text(encoding="utf-8").strip()
    )[1]
    uri = f"attestations/forge-{name.replace(' ', '-')}.jwt"
    listing = _with(listing, change)
    listing["id"] = SITE_URL + uri
    (site / uri).write_text(sign(header, listing) + "\n", encoding="utf-8")

    def point(credential: dict[str, Any]) -> None:
        for status in credential["credentialStatus"]:
            if status["statusPurpose"] == "revocation":
                status["statusListCredential"] = SITE_URL + uri

    return sign(header, _with(payload, point))


def python_verdict(site: Path, token: str, now: dt.datetime = NOW_TIME) -> Any:
    """The Python verifier's verdict, reading the DID document and lists from ``site``."""
    from refpub.core.attestations.verification import verify_credential

    did = json.loads((site / "did.json").read_text(encoding="utf-8"))

    def read(path: str) -> str | None:
        file = site / path
        return file.read_text(encoding="utf-8") if file.is_file() else None

    return verify_credential(token, did, read, now)
