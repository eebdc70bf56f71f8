"""Private key material recognised in a file's bytes, so that no key is ever published.

A signing key or a committee identity copied by mistake under ``docs/`` (or into a page)
would otherwise be copied into ``site/`` and put online. What is recognised: PEM blocks of any
private key (PKCS#8, RSA, EC, DSA, encrypted, OpenSSH, PGP), PuTTY key files, age secret keys
and JSON Web Keys carrying their private part ``d``. A public key, a certificate or a page
that only names the header line (documentation) is not key material.
"""

from __future__ import annotations

import re

#: A PEM header of a private key followed by its base64 body (a header alone is prose).
_PEM = re.compile(rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
                  rb"(?:\s|<br\s*/?>|[A-Za-z0-9+/=:,-])*?[A-Za-z0-9+/=]{32}")
_AGE = re.compile(rb"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{50,}")
_PUTTY = re.compile(rb"PuTTY-User-Key-File-\d+:.*?Private-Lines:", re.DOTALL)
#: A JSON object naming a key type and holding a private member "d" (RFC 7517/7518), in any
#: order of its members and with its quotes possibly HTML-escaped in a page.
_QUOTE = rb"(?:\"|&quot;|&#34;)"
_JWK_D = re.compile(_QUOTE + rb"d" + _QUOTE + rb"\s*:\s*" + _QUOTE + rb"[A-Za-z0-9_-]{16,}")
_JWK_KTY = re.compile(_QUOTE + rb"kty" + _QUOTE + rb"\s*:")

#: Quick markers: a file holding none of them holds no key (most files, read once).
_MARKERS = (b"PRIVATE KEY", b"AGE-SECRET-KEY-1", b"PuTTY-User-Key-File", b"kty")

KINDS = {"pem": "clé privée PEM", "age": "clé secrète age", "putty": "clé privée PuTTY",
         "jwk": "clé JWK avec sa partie privée « d »"}


def key_kind(content: bytes | str) -> str | None:
    """The kind of private key the content holds (a key of ``KINDS``), None when none."""
    data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
    if not any(marker in data for marker in _MARKERS):
        return None
    if _PEM.search(data):
        return "pem"
    if _AGE.search(data):
        return "age"
    if _PUTTY.search(data):
        return "putty"
    if _JWK_KTY.search(data) and _JWK_D.search(data):
        return "jwk"
    return None


def describe(kind: str) -> str:
    """The French name of a kind of key, for the build's error."""
    return KINDS[kind]
