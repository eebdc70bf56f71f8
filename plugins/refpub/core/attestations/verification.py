"""Verification of a certificate credential against the site that issued it: the same rules
as the verification page (``assets/verification.js``), so that both give one verdict.

Trust comes from the site only: its DID document gives the issuer and its keys, the status
lists are files of the same site (``read`` gives the text of a site file by its path, or
None). Everything the issuer signed is still checked for its form: an unreadable date is
refused (never taken as « no expiry »), ``statusListIndex`` is a canonical decimal string
within its list, a status list is accepted only within its ``validFrom``/``validUntil``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..vocabulary import EXPIRED, SUSPENDED, VALID, WITHDRAWN
from . import signing
from .status_list import bit_at

#: XML Schema dateTimeStamp (VC 2.0 dates): a date, a time and a time zone.
DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?"
    r"(Z|[+-]\d{2}:\d{2})"
)
#: statusListIndex: decimal, no sign, no leading zero, no exponent (at most 10 digits).
INDEX = re.compile(r"0|[1-9][0-9]{0,9}")
PURPOSES = ("revocation", "suspension")


@dataclass(frozen=True)
class Verdict:
    """The page's verdict: ``state`` is its ``data-etat`` (valid, suspended, withdrawn,
    expired, futur, forged, unknown), ``reason`` why a credential is refused."""

    state: str
    reason: str = ""


class Refusal(Exception):
    """Not authentic (``forged``) or not verifiable (``unknown``), with the French reason."""

    def __init__(self, state: str, reason: str) -> None:
        super().__init__(reason)
        self.state, self.reason = state, reason


def _forged(reason: str) -> Refusal:
    return Refusal("forged", reason)


def _unknown(reason: str) -> Refusal:
    return Refusal("unknown", reason)


def instant(value: Any, what: str) -> dt.datetime:
    """A signed date-time, refused when absent, unreadable or impossible (2026-02-30)."""
    match = DATE_TIME.fullmatch(value) if isinstance(value, str) else None
    try:
        if match is None:
            raise ValueError(value)
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        shown = "absente" if value is None else f"« {str(value)[:40]} »"
        raise _unknown(f"{what} est absente ou illisible ({shown})") from None


def status_index(value: Any) -> int:
    if not isinstance(value, str) or not INDEX.fullmatch(value):
        raise _unknown(
            "la position du certificat dans sa liste de statut (statusListIndex) "
            "n'est pas un nombre décimal"
        )
    return int(value)


def site_base(did: str) -> str:
    """did:web:example.org:refpub → https://example.org/refpub/ (the site's address)."""
    parts = [unquote(part) for part in did.split(":")[2:]]
    return "https://" + parts[0] + "/" + "".join(f"{segment}/" for segment in parts[1:])


def _signed(token: str, did: dict[str, Any]) -> dict[str, Any]:
    """The payload of a token signed by a key the DID document asserts, issued by it."""
    try:
        header = signing.compact_header(token)
        for part in token.split("."):
            signing.strict_b64url_decode(part)
    except signing.NotSigned:
        raise _forged(
            "le texte n'est pas une attestation signée (format JWS compact attendu)"
        ) from None
    if header.get("alg") != "EdDSA":
        raise _forged(
            f"l'algorithme de signature « {header.get('alg')} » n'est pas celui de "
            "l'organisme (EdDSA)"
        )
    if header.get("typ") != signing.VC_JWT_TYP or "crit" in header or "b64" in header:
        raise _forged("son en-tête n'est pas celui des attestations de l'organisme (type vc+jwt)")
    named_key = header.get("kid")
    kid = named_key if isinstance(named_key, str) else ""
    if not kid.startswith(f"{did.get('id')}#"):
        raise _forged(f"elle n'est pas signée par l'organisme de ce site ({did.get('id')})")
    methods = [
        m
        for m in did.get("verificationMethod", [])
        if m.get("id") == kid and kid in did.get("assertionMethod", [])
    ]
    if not methods:
        raise _forged("la clé qui l'a signée n'est pas une clé publiée par l'organisme")
    try:
        key = signing.public_key_from_jwk(methods[0].get("publicKeyJwk") or {})
        payload = signing.verify_compact(token, key, kid)
    except (signing.UnusableKey, signing.NotSigned):
        raise _forged(
            "la signature ne correspond pas au contenu : l'attestation a été "
            "modifiée ou n'a pas été émise par l'organisme"
        ) from None
    issuer = payload.get("issuer")
    if (issuer.get("id") if isinstance(issuer, dict) else issuer) != did.get("id"):
        raise _forged("l'émetteur indiqué n'est pas l'organisme de ce site")
    return payload


def _status_set(
    entry: dict[str, Any], did: dict[str, Any], read: Callable[[str], str | None], now: dt.datetime
) -> bool:
    """Whether the certificate's bit is set in the status list the entry names."""
    url = entry.get("statusListCredential")
    base = site_base(str(did.get("id")))
    if not isinstance(url, str) or not url.startswith(base):
        raise _unknown("sa liste de statut n'est pas publiée par ce site")
    text = read(url[len(base) :])
    if text is None:
        raise _unknown(
            f"la liste de statut ({entry.get('statusPurpose')}) n'est pas publiée sur ce site"
        )
    try:
        listing = _signed(text.strip(), did)
    except Refusal as refusal:
        if refusal.state == "forged":
            raise _unknown("la liste de statut publiée n'est pas authentique") from None
        raise
    subject = listing.get("credentialSubject") or {}
    if subject.get("statusPurpose") != entry.get("statusPurpose") or listing.get("id") != url:
        raise _unknown("la liste de statut publiée ne correspond pas à l'attestation")
    start = instant(listing.get("validFrom"), "la date de début de la liste de statut")
    end = instant(listing.get("validUntil"), "la date de fin de la liste de statut")
    if now < start:
        raise _unknown("la liste de statut publiée n'est pas encore en vigueur")
    if end < now:
        raise _unknown(
            "la liste de statut publiée n'est plus à jour : le site n'a pas été republié"
        )
    index = status_index(entry.get("statusListIndex"))
    encoded = subject.get("encodedList")
    try:
        if not isinstance(encoded, str) or not encoded.startswith("u"):
            raise ValueError(encoded)
        bits = gzip.decompress(signing.b64url_decode(encoded[1:]))
    except (ValueError, OSError, EOFError):
        raise _unknown("la liste de statut est illisible") from None
    if index >= len(bits) * 8:
        raise _unknown("la position du certificat est hors de la liste de statut")
    return bit_at(bits, index)


def verify_credential(
    token: str, did: dict[str, Any], read: Callable[[str], str | None], now: dt.datetime
) -> Verdict:
    """The verdict the verification page gives ``token`` at ``now`` (aware datetime)."""
    try:
        return _verdict("".join(token.split()), did, read, now)
    except Refusal as refusal:
        return Verdict(refusal.state, refusal.reason)


def _verdict(
    token: str, did: dict[str, Any], read: Callable[[str], str | None], now: dt.datetime
) -> Verdict:
    payload = _signed(token, did)
    if "VerifiableCredential" not in (payload.get("type") or []) or not payload.get(
        "credentialSubject"
    ):
        raise _forged("ce n'est pas une attestation de certificat")
    start = instant(payload.get("validFrom"), "la date de début de validité de l'attestation")
    end = instant(payload.get("validUntil"), "la date de fin de validité de l'attestation")
    if end < start:
        raise _unknown("la fin de validité de l'attestation précède son début")
    if start > now:
        return Verdict("futur")
    entries = payload.get("credentialStatus") or []
    status = {}
    for entry in entries if isinstance(entries, list) else [entries]:
        if not isinstance(entry, dict):
            raise _unknown("l'attestation ne nomme pas ses listes de statut")
        status[entry.get("statusPurpose")] = _status_set(entry, did, read, now)
    if status.get("revocation"):
        return Verdict(WITHDRAWN)
    if end < now:
        return Verdict(EXPIRED)
    if status.get("suspension"):
        return Verdict(SUSPENDED)
    if not all(purpose in status for purpose in PURPOSES):
        raise _unknown("l'attestation ne nomme pas ses listes de statut")
    return Verdict(VALID)
