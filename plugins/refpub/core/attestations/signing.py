"""Ed25519 keys and compact JWS (RFC 7515, alg EdDSA per RFC 8037) over canonical JSON.

Ed25519 signatures are deterministic and the JSON is serialised canonically (sorted keys, no
spaces, UTF-8), so the same payload and key always give the same bytes: builds stay
reproducible. Only public key material ever leaves this module as data.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from ..checks.problems import Problem
from ..intake.source import load_yaml

#: Public keys of earlier signing keys (JWKS), committed by the body when it rotates its key.
PREVIOUS_KEYS_PATH = "attestations/cles-precedentes.json"
#: JOSE header ``typ`` of a credential secured with JOSE (VC-JOSE-COSE §3.1.1).
VC_JWT_TYP = "vc+jwt"


class UnusableKey(ValueError):
    """A key that cannot be used, with a message in French for the body."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical_json(data: Any) -> bytes:
    """One byte sequence per value: sorted keys, no insignificant space, UTF-8."""
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def load_private_key(pem: str) -> Ed25519PrivateKey:
    """An unencrypted Ed25519 private key in PEM PKCS#8 (``-----BEGIN PRIVATE KEY-----``)."""
    try:
        key = serialization.load_pem_private_key(pem.encode("utf-8"), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise UnusableKey(
            "la clé n'est pas une clé privée PEM PKCS#8 non chiffrée (-----BEGIN PRIVATE KEY-----)"
        ) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise UnusableKey(
            "la clé n'est pas une clé Ed25519 (générez-la avec "
            "« openssl genpkey -algorithm ed25519 »)"
        )
    return key


def public_jwk(key: Ed25519PublicKey) -> dict[str, str]:
    """The public key as a JWK (RFC 8037 OKP), members in thumbprint order."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}


def public_key_from_jwk(jwk: dict[str, Any]) -> Ed25519PublicKey:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or "d" in jwk:
        raise UnusableKey(
            "seules les clés publiques Ed25519 (kty OKP, crv Ed25519, sans « d ») sont acceptées"
        )
    try:
        return Ed25519PublicKey.from_public_bytes(b64url_decode(str(jwk.get("x", ""))))
    except ValueError as error:
        raise UnusableKey("la valeur « x » n'est pas une clé publique Ed25519") from error


def jwk_thumbprint(jwk: dict[str, Any]) -> str:
    """RFC 7638 thumbprint (SHA-256): a key id that depends on the key alone."""
    members = {name: jwk[name] for name in ("crv", "kty", "x")}
    return b64url(hashlib.sha256(canonical_json(members)).digest())


def sign_compact(
    payload: dict[str, Any], key: Ed25519PrivateKey, kid: str, typ: str = VC_JWT_TYP
) -> str:
    """Compact JWS of the canonical JSON of ``payload``: header.payload.signature."""
    header = {"alg": "EdDSA", "kid": kid, "typ": typ}
    signing_input = f"{b64url(canonical_json(header))}.{b64url(canonical_json(payload))}"
    signature = key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{b64url(signature)}"


#: A compact JWS part: base64url without padding (RFC 7515 §2).
_PART = re.compile(r"[A-Za-z0-9_-]+")


class NotSigned(ValueError):
    """A token that is not a compact JWS of this site's form, or whose signature fails."""


def strict_b64url_decode(part: str) -> bytes:
    """The bytes of a base64url part in its one canonical spelling: another spelling of the
    same bytes (unused bits set, padding, any other character) is junk the signature does
    not cover, and is refused."""
    if not _PART.fullmatch(part) or len(part) % 4 == 1:
        raise NotSigned("partie base64url invalide")
    data = b64url_decode(part)
    if b64url(data) != part:
        raise NotSigned("partie base64url non canonique")
    return data


def compact_header(token: str) -> dict[str, Any]:
    """The JOSE header of a compact JWS (three base64url parts), before any trust in it."""
    parts = token.split(".")
    if len(parts) != 3:
        raise NotSigned("format JWS compact attendu (trois parties séparées par des points)")
    return _json_object(strict_b64url_decode(parts[0]), "en-tête")


def _json_object(data: bytes, what: str) -> dict[str, Any]:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise NotSigned(f"{what} illisible") from error
    if not isinstance(value, dict):
        raise NotSigned(f"{what} illisible")
    return value


def verify_compact(
    token: str, key: Ed25519PublicKey, kid: str, typ: str = VC_JWT_TYP
) -> dict[str, Any]:
    """The payload of a compact JWS of this site: header ``alg`` EdDSA, ``kid`` the expected
    DID URL, ``typ`` the expected type, no ``crit``, and an Ed25519 signature by ``key``
    over exactly the two first parts (nothing after them); raises NotSigned otherwise."""
    header = compact_header(token)
    if header.get("alg") != "EdDSA":
        raise NotSigned(f"algorithme « {header.get('alg')} » refusé (EdDSA attendu)")
    if header.get("kid") != kid:
        raise NotSigned(f"clé « {header.get('kid')} » inattendue ({kid} attendue)")
    if header.get("typ") != typ or "crit" in header or "b64" in header:
        raise NotSigned(f"en-tête inattendu (typ {typ} attendu, sans crit ni b64)")
    header_part, payload_part, signature_part = token.split(".")
    signature = strict_b64url_decode(signature_part)
    payload = strict_b64url_decode(payload_part)
    try:
        key.verify(signature, f"{header_part}.{payload_part}".encode("ascii"))
    except InvalidSignature as error:
        raise NotSigned("signature invalide") from error
    return _json_object(payload, "contenu")


def load_previous_keys(root: Path) -> tuple[list[dict[str, str]], list[Problem]]:
    """The previous public keys listed in ``attestations/cles-precedentes.json`` (a JWKS,
    read as YAML to locate problems by line); absent file: none."""
    file = root / PREVIOUS_KEYS_PATH
    if not file.is_file():
        return [], []
    doc, problems = load_yaml(file, PREVIOUS_KEYS_PATH)
    if doc is None:
        return [], problems
    entries = doc.data.get("keys") if isinstance(doc.data, dict) else None
    if not isinstance(entries, list):
        return [], [*problems, doc.problem((), 'attendu : {"keys": [clé publique JWK, ...]}')]
    keys = []
    for number, jwk in enumerate(entries):
        try:
            public = public_key_from_jwk(jwk if isinstance(jwk, dict) else {})
        except UnusableKey as error:
            problems.append(doc.problem(("keys", number), f"clé n° {number + 1} : {error}"))
            continue
        keys.append(public_jwk(public))
    return keys, problems
