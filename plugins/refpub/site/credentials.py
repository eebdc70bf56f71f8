"""The signed files of the site: one credential per certificate, the two status lists, the
DID document and the JWKS. Built from the register's Certificate objects, like every other
view, so that register, company page, badge, JSON and status lists always agree.

The private key comes from ``REFPUB_SIGNING_KEY`` only and is never written: what reaches
the site is public keys, payloads and signatures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..core.attestations import credentials as vc
from ..core.attestations import signing
from ..core.attestations.status_list import assign_indexes, status_bits, status_key, superseded
from ..core.audits.company import Company
from ..core.certification.ledger import Ledger, recorded_bits
from ..core.certification.register import Certificate, Register
from .pages import PageSpec
from .urls import VERIFICATION_URI, company_dir, referentiel_dir

SIGNING_KEY_ENV = "REFPUB_SIGNING_KEY"
JWKS_URI = "attestations/jwks.json"
VERIFICATION_SCRIPT_URI = "assets/refpub/verification.js"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
STATUS_URIS = {
    "revocation": "attestations/statut-retrait.jwt",
    "suspension": "attestations/statut-suspension.jwt",
}


def verification_page() -> PageSpec:
    """The page where anyone checks a credential (every site has it, with or without key)."""
    return PageSpec(
        VERIFICATION_URI,
        "Vérifier un certificat",
        "verification.html",
        {"script_uri": VERIFICATION_SCRIPT_URI},
        description="Vérifier l'authenticité et le statut d'une attestation de certificat signée.",
    )


def verification_script() -> tuple[str, Path]:
    return VERIFICATION_SCRIPT_URI, ASSETS / "verification.js"


def credential_uri(company_id: str, referentiel_id: str) -> str:
    return f"{company_dir(company_id)}/attestation-{referentiel_id}.jwt"


def signing_key_from_pem(pem: str) -> Ed25519PrivateKey | None:
    """The body's key from REFPUB_SIGNING_KEY's text, or None when the build has none
    (preview); ValueError if unusable."""
    if not pem.strip():
        return None
    try:
        return signing.load_private_key(pem)
    except signing.UnusableKey as error:
        raise ValueError(f"{SIGNING_KEY_ENV} : {error}") from None


@dataclass
class SignedSite:
    """What the build publishes for credentials, and what pages and JSON link to."""

    files: list[tuple[str, str]] = field(default_factory=list)
    #: (company id, référentiel id) → compact JWS of its credential
    tokens: dict[tuple[str, str], str] = field(default_factory=dict)
    #: (company id, référentiel id) → public URL of its credential
    urls: dict[tuple[str, str], str] = field(default_factory=dict)
    #: status key → index in both lists
    indexes: dict[str, int] = field(default_factory=dict)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def enveloped_uri(credential: str) -> str:
    """``…/attestation-<ref>.jwt`` → ``…/attestation-<ref>.json``, beside it."""
    return credential.removesuffix(".jwt") + ".json"


def signed_site(
    register: Register,
    companies: list[Company],
    site_url: str,
    key: Ed25519PrivateKey,
    previous: list[dict[str, str]],
    ledger: Ledger,
    issuer_name: str = "",
) -> SignedSite:
    """Every credential, both status lists, the DID document and the JWKS. The lists keep
    what the ledger records (a revocation for ever, the status of a certificate no longer
    in the data) besides what the register says today; ``issuer_name``: the body's name
    (extra.organisme.name), the issuer named in every credential."""
    issuer = vc.issuer_from_site_url(site_url)
    current = signing.public_jwk(key.public_key())
    keys = [(signing.jwk_thumbprint(current), current)]
    keys += [
        (signing.jwk_thumbprint(jwk), jwk)
        for jwk in previous
        if signing.jwk_thumbprint(jwk) != keys[0][0]
    ]
    kid = vc.key_id(issuer, keys[0][0])
    lists = vc.StatusLists(**{p: f"{issuer.base_url}{uri}" for p, uri in STATUS_URIS.items()})
    replaced = superseded(companies, register.certificates)
    out = SignedSite(indexes=assign_indexes([*register.certificates, *replaced], ledger.indexes))
    document = _dumps(vc.did_document(issuer, keys))
    out.files.append((issuer.did_document_uri, document))
    if issuer.did_document_uri != "did.json":
        # a copy beside the site's pages, where the verification page finds it
        out.files.append(("did.json", document))
    out.files.append((JWKS_URI, _dumps(vc.jwks(issuer, keys))))
    out.files.append((vc.OWN_CONTEXT_URI, _dumps(vc.own_context(issuer))))
    for cert in register.certificates:
        uri = credential_uri(cert.company.id, cert.referentiel.id)
        token = signing.sign_compact(
            _payload(cert, issuer, site_url, lists, out.indexes, issuer_name), key, kid
        )
        out.files.append((uri, token + "\n"))
        out.files.append((enveloped_uri(uri), _dumps(vc.enveloped(token))))
        out.tokens[(cert.company.id, cert.referentiel.id)] = token
        out.urls[(cert.company.id, cert.referentiel.id)] = f"{site_url}{uri}"
    known = {status_key(cert) for cert in [*register.certificates, *replaced]}
    kept = recorded_bits(ledger, known, register.as_of)
    for purpose, bits in status_bits(register.certificates, out.indexes, replaced).items():
        bits |= kept[purpose]
        payload = vc.status_list_credential(
            issuer, lists.url(purpose), purpose, bits, register.as_of
        )
        out.files.append((STATUS_URIS[purpose], signing.sign_compact(payload, key, kid) + "\n"))
    return out


def _payload(
    cert: Certificate,
    issuer: vc.Issuer,
    site_url: str,
    lists: vc.StatusLists,
    indexes: dict[str, int],
    issuer_name: str,
) -> dict[str, Any]:
    key = status_key(cert)
    return vc.conformity_credential(
        cert,
        issuer,
        key=key,
        company_url=f"{site_url}{company_dir(cert.company.id)}/",
        referentiel_url=f"{site_url}{referentiel_dir(cert.referentiel)}/",
        lists=lists,
        index=indexes[key],
        issuer_name=issuer_name,
    )
