"""Status-list positions of certificates and the W3C Bitstring Status List encoding.

Every certificate owns one position (index) in both lists (suspension, revocation), for
ever: a credential handed out years ago names its index, so an index must never move to
another certificate, nor change when certificates are added, removed or reordered.

Assignment (documented for the body in docs/organisme/attestations.md):

1. A certificate is identified by its *status key*
   ``<référentiel id>:<first certificate number>:<date of the issuing decision>`` — what
   started it, which no later decision, renaming of the company or renumbering at renewal
   changes; a new certification after a withdrawal is a new certificate with a new key.
2. The committed ledger ``attestations/index-statut.yaml`` (:mod:`ledger`) fixes indexes;
   its indexes are reserved, even for certificates no longer in the data.
3. A certificate not in the ledger takes the first free position from
   ``sha256(key) mod LIST_SIZE`` upwards, certificates taken in order of their issuing date
   (then key). Without any ledger, the index depends only on the key and on the rare
   certificates whose hash falls on the same position and that were issued earlier: new
   certificates (issued later) never displace an existing one. ``refpub index-statut
   --ecrire`` writes the ledger so that even those cases are frozen.
4. A certificate replaced by a new certification (after a withdrawal) keeps its index and
   its revocation bit: its credentials are still in the hands of the company's customers.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
from collections.abc import Iterable

from ..audits.company import Company
from ..certification.register import AuditT, Certificate, company_certificates
from ..vocabulary import CERTIFIED, EXPIRED, SUSPENDED, WITHDRAWN

#: Bits per list: the W3C minimum (16 KiB uncompressed), which also gives herd privacy.
LIST_SIZE = 131_072
PURPOSES = ("revocation", "suspension")


def status_key(cert: Certificate) -> str:
    """What identifies a certificate for ever: référentiel, first number, issuing date."""
    issued = cert.history[0]
    return f"{cert.referentiel.id}:{issued.certificate or cert.number}:{issued.date.isoformat()}"


def _issued(cert: Certificate) -> str:
    return cert.history[0].date.isoformat()


def _home(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % LIST_SIZE


def assign_indexes(
    certificates: Iterable[Certificate], ledger: dict[str, int] | None = None
) -> dict[str, int]:
    """Status key → index for every certificate: the ledger's, else the first free position
    from the key's hash, certificates taken by issuing date. Never two keys on one index."""
    ledger = ledger or {}
    used = set(ledger.values())
    indexes: dict[str, int] = {}
    pending: list[tuple[str, str]] = []
    for cert in certificates:
        key = status_key(cert)
        if key in ledger:
            indexes[key] = ledger[key]
        elif key not in indexes:
            pending.append((_issued(cert), key))
    if len(used) + len(pending) > LIST_SIZE:
        raise ValueError(f"plus de {LIST_SIZE} certificats : les listes de statut sont pleines")
    for _, key in sorted(set(pending)):
        slot = _home(key)
        while slot in used:
            slot = (slot + 1) % LIST_SIZE
        used.add(slot)
        indexes[key] = slot
    return indexes


def superseded(
    companies: Iterable[Company[AuditT]], current: Iterable[Certificate]
) -> list[Certificate[AuditT]]:
    """Certificates no longer in the register because a later certification replaced them
    (a new certificate after a withdrawal), as they stood the day before: their credentials
    were handed out, so their index stays taken and their revocation stays published."""
    known = {status_key(cert) for cert in current}
    found: list[Certificate[AuditT]] = []
    for company in companies:
        starts = sorted(
            {
                a.decision.date
                for a in company.audits
                if a.decision is not None and a.decision.outcome == CERTIFIED
            }
        )
        for start in starts:
            for cert in company_certificates(company, start - dt.timedelta(days=1)):
                if status_key(cert) not in known:
                    known.add(status_key(cert))
                    found.append(cert)
    return found


def status_bits(
    current: Iterable[Certificate], indexes: dict[str, int], replaced: Iterable[Certificate] = ()
) -> dict[str, set[int]]:
    """The set bits of each list: suspended certificates; withdrawn ones and replaced ones
    not already expired (a revocation is never lifted)."""
    bits: dict[str, set[int]] = {purpose: set() for purpose in PURPOSES}
    for cert in current:
        if cert.status == SUSPENDED:
            bits["suspension"].add(indexes[status_key(cert)])
        elif cert.status == WITHDRAWN:
            bits["revocation"].add(indexes[status_key(cert)])
    for cert in replaced:
        if cert.status != EXPIRED:
            bits["revocation"].add(indexes[status_key(cert)])
    return bits


def encode_list(bits: Iterable[int], size: int = LIST_SIZE) -> str:
    """``encodedList``: multibase base64url (``u``) of the GZIP of the bitstring, index 0
    being the most significant bit of the first byte; gzip without a timestamp."""
    raw = bytearray(size // 8)
    for index in bits:
        raw[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(raw), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_list(encoded: str) -> bytes:
    """The bitstring of an ``encodedList`` (for checks and tests)."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList doit être en base64url multibase (préfixe « u »)")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def bit_at(bitstring: bytes, index: int) -> bool:
    return bool(bitstring[index // 8] & (0x80 >> (index % 8)))
