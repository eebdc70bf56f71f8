"""Private key material recognised in a file's bytes, so that no key is ever published.

A signing key or a committee identity copied by mistake under ``docs/`` (or into a page)
would otherwise be copied into ``site/`` and put online. What is recognised: PEM blocks of any
private key (PKCS#8, RSA, EC, DSA, encrypted, OpenSSH, PGP), an Ed25519 key in DER, PuTTY key
files, age secret keys, JSON Web Keys carrying their private part ``d``, and PKCS#12
containers (by name). A public key, a certificate or a page that only names the header line
(documentation) is not key material.
"""

from __future__ import annotations

import re

#: A PEM header of a private key followed by its base64 body (a header alone is prose).
_PEM = re.compile(
    rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
    rb"(?:\s|<br\s*/?>|[A-Za-z0-9+/=:,-])*?[A-Za-z0-9+/=]{32}"
)
_AGE = re.compile(rb"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{50,}")
_PUTTY = re.compile(rb"PuTTY-User-Key-File-\d+:.*?Private-Lines:", re.DOTALL)
#: A JSON object naming a key type and holding a private member "d" (RFC 7517/7518), in any
#: order of its members and with its quotes possibly HTML-escaped in a page.
_QUOTE = rb"(?:\"|&quot;|&#34;)"
_JWK_D = re.compile(_QUOTE + rb"d" + _QUOTE + rb"\s*:\s*" + _QUOTE + rb"[A-Za-z0-9_-]{16,}")
_JWK_KTY = re.compile(_QUOTE + rb"kty" + _QUOTE + rb"\s*:")

#: An Ed25519 private key in DER (PKCS#8), the binary form of the body's signing key.
_ED25519_DER = bytes.fromhex("302e020100300506032b657004220420")
_ED25519_DER_RE = re.compile(re.escape(_ED25519_DER))
#: Quick markers: a file holding none of them holds no key (most files, read once); a page
#: (text) cannot hold the binary one.
_TEXT_MARKERS = ("PRIVATE KEY", "AGE-SECRET-KEY-1", "PuTTY-User-Key-File", "kty")
_MARKERS = (*(m.encode("ascii") for m in _TEXT_MARKERS), _ED25519_DER)
#: Containers of private keys by nature (PKCS#12), recognised by their name.
KEY_CONTAINERS = (".p12", ".pfx")

KINDS = {
    "pem": "clé privée PEM",
    "der": "clé privée Ed25519 (DER)",
    "age": "clé secrète age",
    "putty": "clé privée PuTTY",
    "jwk": "clé JWK avec sa partie privée « d »",
    "pkcs12": "clé privée PKCS#12",
}


def key_kind(content: bytes | str) -> str | None:
    """The kind of private key the content holds (a key of ``KINDS``), None when none."""
    found = find_key(content)
    return found[0] if found else None


def key_line(text: str) -> tuple[str, int] | None:
    """The kind of private key a text holds and the line (1-based) where it starts."""
    found = find_key(text)
    if found is None:
        return None
    kind, offset = found
    return kind, text.encode("utf-8", "surrogateescape")[:offset].count(b"\n") + 1


def find_key(content: bytes | str) -> tuple[str, int] | None:
    """The kind of the first private key found and its byte offset, None when none."""
    if isinstance(content, str):
        # a page is text: looked at as it is, encoded only when a marker is there
        if not any(marker in content for marker in _TEXT_MARKERS):
            return None
        content = content.encode("utf-8", "surrogateescape")
    if not any(marker in content for marker in _MARKERS):
        return None
    for kind, pattern in (
        ("pem", _PEM),
        ("der", _ED25519_DER_RE),
        ("age", _AGE),
        ("putty", _PUTTY),
    ):
        match = pattern.search(content)
        if match:
            return kind, match.start()
    private = _JWK_D.search(content)
    if private and _JWK_KTY.search(content):
        return "jwk", private.start()
    return None


def file_kind(name: str, content: bytes | str) -> str | None:
    """The kind of private key a file holds, by its content or, for a PKCS#12 container
    (``.p12``, ``.pfx``), by its name."""
    if name.lower().endswith(KEY_CONTAINERS):
        return "pkcs12"
    return key_kind(content)


def describe(kind: str) -> str:
    """The French name of a kind of key, for the build's error."""
    return KINDS[kind]
