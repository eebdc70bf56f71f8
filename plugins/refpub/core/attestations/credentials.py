"""The certificates as W3C Verifiable Credentials 2.0: payloads only (pure data).

Each certificate becomes a UNTP Digital Conformity Credential, vocabulary version pinned in
``UNTP_DCC_CONTEXT`` (0.6.0). Secured as ``vc+jwt`` the signature covers the JSON bytes, so
neither the build nor a verifier ever fetches a JSON-LD context. The issuer is the site's
``did:web`` identifier; suspension and withdrawal are two Bitstring Status Lists, re-issued
by every build with a short validity; expiry is ``validUntil``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from ..certification.register import Certificate
from ..french import de
from ..referentiels.referentiel import Referentiel
from ..vocabulary import ISSUING
from .status_list import encode_list

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
#: UN Transparency Protocol, Digital Conformity Credential vocabulary, version 0.6.0.
UNTP_DCC_CONTEXT = "https://test.uncefact.org/vocabulary/untp/dcc/0.6.0/"
DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"]
#: UNTP conformity topic of a service certification against a published référentiel.
CONFORMITY_TOPIC = "governance.compliance"
#: Days a status list stays valid after its status date: the daily rebuild renews it.
STATUS_LIST_DAYS = 7
#: UNTP ``idScheme`` of French company numbers: INSEE's SIRENE register, which gives each
#: company its SIREN and each of its establishments a SIRET.
SIREN_SCHEME = {
    "type": ["IdentifierScheme"],
    "id": "https://www.sirene.fr/",
    "name": "Répertoire SIRENE (INSEE) : numéro SIREN",
}
SIRET_SCHEME = {
    "type": ["IdentifierScheme"],
    "id": "https://www.sirene.fr/",
    "name": "Répertoire SIRENE (INSEE) : numéro SIRET",
}


@dataclass(frozen=True)
class Issuer:
    """The site's identity: its did:web and the public base URL it resolves to."""

    did: str
    base_url: str

    @property
    def did_document_uri(self) -> str:
        """Where did:web puts the DID document in the site: ``<path>/did.json`` when the site
        lives under a path, ``.well-known/did.json`` at a host's root."""
        return "did.json" if urlsplit(self.base_url).path.strip("/") else ".well-known/did.json"


def issuer_from_site_url(site_url: str) -> Issuer:
    """``https://example.org/refpub/`` → ``did:web:example.org:refpub`` (path form)."""
    parts = urlsplit(site_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(
            f"site_url « {site_url} » n'est pas une adresse http(s) : "
            "l'identifiant did:web de l'organisme en dérive"
        )
    host = quote(parts.netloc.rsplit("@", 1)[-1], safe="")
    segments = [quote(unquote(s), safe="") for s in parts.path.split("/") if s]
    base = f"{parts.scheme}://{parts.netloc}/{''.join(s + '/' for s in segments)}"
    return Issuer(":".join(["did:web", host, *segments]), base)


def registered(number: str | None, scheme: dict[str, Any]) -> dict[str, Any]:
    """UNTP ``registeredId`` and ``idScheme`` of a party or facility, when it has a number:
    what links the credential to the supplier a platform knows by its SIREN or SIRET."""
    return {"registeredId": number, "idScheme": scheme} if number else {}


def key_id(issuer: Issuer, thumbprint: str) -> str:
    return f"{issuer.did}#{thumbprint}"


def did_document(issuer: Issuer, keys: list[tuple[str, dict[str, str]]]) -> dict[str, Any]:
    """The DID document: every listed public key (current first, then previous ones) may
    assert credentials, so credentials signed before a rotation keep verifying."""
    methods = [
        {
            "id": key_id(issuer, kid),
            "type": "JsonWebKey2020",
            "controller": issuer.did,
            "publicKeyJwk": jwk,
        }
        for kid, jwk in keys
    ]
    return {
        "@context": DID_CONTEXTS,
        "id": issuer.did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def jwks(issuer: Issuer, keys: list[tuple[str, dict[str, str]]]) -> dict[str, Any]:
    """The public keys as a JWK Set, each named (``kid``) by the DID URL that the JWS
    headers carry: a generic JOSE library picks the key by the header's ``kid`` alone."""
    return {
        "keys": [
            {**jwk, "kid": key_id(issuer, thumbprint), "use": "sig", "alg": "EdDSA"}
            for thumbprint, jwk in keys
        ]
    }


def _start(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _end(day: dt.date) -> str:
    return f"{day.isoformat()}T23:59:59Z"


def numeric_date(day: dt.date, end_of_day: bool = False) -> int:
    """A JWT NumericDate (RFC 7519 §2): seconds since the epoch at the start (or the last
    second) of ``day`` in UTC, the instants ``_start`` and ``_end`` write."""
    moment = dt.datetime.combine(day, dt.time(23, 59, 59) if end_of_day else dt.time(), dt.UTC)
    return int(moment.timestamp())


def jwt_claims(issuer: Issuer, status_date: dt.date) -> dict[str, Any]:
    """The JWT claims generic verifiers look for (VC-JOSE-COSE §3.1.1, terms of the VC 2.0
    context): ``iss`` the credential's issuer, ``iat`` the status date the build signed at
    (not the clock: two builds of the same data give the same bytes)."""
    return {"iss": issuer.did, "iat": numeric_date(status_date)}


@dataclass(frozen=True)
class StatusLists:
    """The URLs of the two lists; a certificate's entries point into both."""

    revocation: str
    suspension: str

    def url(self, purpose: str) -> str:
        return getattr(self, purpose)


def status_entries(lists: StatusLists, index: int) -> list[dict[str, str]]:
    return [
        {
            "id": f"{lists.url(purpose)}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(index),
            "statusListCredential": lists.url(purpose),
        }
        for purpose in ("revocation", "suspension")
    ]


def party(ref: Referentiel, role: str) -> dict[str, str] | None:
    """Name and website of the référentiel's ``publisher`` or ``certification_body``."""
    found = getattr(ref, role)
    return {"name": found.name, "website": found.website or ""} if found else None


def _publisher(ref: Referentiel, fallback_url: str) -> dict[str, str]:
    found = party(ref, "publisher") or {}
    return {
        "id": found.get("website") or fallback_url,
        "name": found.get("name") or ref.short_title,
    }


def _issuing_audit_date(cert: Certificate) -> dt.date:
    issuing = [e.audit for e in cert.history if e.outcome in ISSUING]
    return issuing[-1].date if issuing else cert.cycle_start


#: Where the terms of our credentials that neither VCDM 2.0 nor UNTP DCC 0.6.0 define are
#: described, under the issuer's site: each term is an anchor of the integrators' page.
VOCABULARY_PAGE = "integrateurs/#"
#: The JSON-LD context defining them, published by the site (UNTP wants URLs in ``@context``).
OWN_CONTEXT_URI = "attestations/contexte-v1.jsonld"

#: The terms of our credentials beyond VCDM 2.0 and UNTP DCC 0.6.0, each with its IRI (a
#: JSON-LD processor in safe mode refuses an undefined term; UNTP forbids ``@vocab``). Where
#: schema.org has the meaning, its IRI is used.
OWN_TERMS = (
    "certificateNumber",
    "firstCertified",
    "issueDate",
    "validUntil",
    "level",
    "referentiel",
    "title",
    "sites",
    "siret",
    "activities",
    "FacilityVerification",
)
SCHEMA_ORG_TERMS = {"address": "address", "version": "version", "identifier": "identifier"}


def own_context(issuer: Issuer) -> dict[str, Any]:
    """The document at ``OWN_CONTEXT_URI``, the third ``@context`` of every credential: our
    terms, named under the issuer's own site."""
    vocabulary = f"{issuer.base_url}{VOCABULARY_PAGE}"
    return {
        "@context": {
            **{term: f"{vocabulary}{term}" for term in OWN_TERMS},
            **{term: f"https://schema.org/{name}" for term, name in SCHEMA_ORG_TERMS.items()},
        }
    }


def enveloped(token: str) -> dict[str, Any]:
    """The same credential as a JSON ``EnvelopedVerifiableCredential`` (VCDM 2.0 §4.13,
    VC-JOSE-COSE §3.1.2): the JWS in a ``data:`` URL, for the platforms that take JSON in."""
    return {
        "@context": [VC_CONTEXT],
        "id": f"data:application/vc+jwt,{token}",
        "type": "EnvelopedVerifiableCredential",
    }


def own_context_url(issuer: Issuer) -> str:
    return f"{issuer.base_url}{OWN_CONTEXT_URI}"


def credential_id(issuer: Issuer, key: str, cert: Certificate) -> str:
    """A stable identifier per certificate cycle (same data, same id)."""
    name = f"{issuer.did}|{key}|{cert.number}|{cert.cycle_start.isoformat()}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def conformity_credential(
    cert: Certificate,
    issuer: Issuer,
    *,
    key: str,
    company_url: str,
    referentiel_url: str,
    lists: StatusLists,
    index: int,
    issuer_name: str = "",
) -> dict[str, Any]:
    """The UNTP DCC of one certificate: holder, référentiel and version, level, number,
    issue date, validity, issuer and the company page; no status (the lists carry it).

    ``issuer_name``: the body that publishes the site and signs with the did:web key, the
    issuer of the certificate; the référentiel's publisher is the standard's issuing party."""
    company, ref = cert.company, cert.referentiel
    anchor = f"{company_url}#certificat-{ref.id}"
    holder = {
        "id": company_url,
        "name": company.name,
        **registered(company.siren, SIREN_SCHEME),
        "address": company.address,
    }
    # the certificate's own scope, not the company's: each certificate attests what it covers
    if cert.sites:
        holder["sites"] = [site.as_json() for site in cert.sites]
    if cert.activities:
        holder["activities"] = list(cert.activities)
    publisher = _publisher(ref, referentiel_url)
    title = f"Certificat {ref.short_title} n° {cert.number}"
    level = f", niveau {cert.level}" if cert.level else ""
    assessment: dict[str, Any] = {
        "type": ["ConformityAssessment", "Declaration"],
        "id": f"{anchor}-{cert.cycle_start.isoformat()}",
        "name": f"{ref.title} (version {ref.version}){level}",
        "assessmentDate": _issuing_audit_date(cert).isoformat(),
        "referenceStandard": {
            "type": ["Standard"],
            "id": referentiel_url,
            "name": f"{ref.title} (version {ref.version})",
            "issuingParty": publisher,
        },
        "conformityTopic": CONFORMITY_TOPIC,
        "conformance": True,
        "assessedOrganisation": {
            "id": company_url,
            "name": company.name,
            **registered(company.siren, SIREN_SCHEME),
        },
    }
    if cert.sites:
        assessment["assessedFacility"] = [
            {
                "type": ["FacilityVerification"],
                "facility": {
                    "id": f"{company_url}#site-{i}",
                    "name": site.name,
                    **registered(site.siret, SIRET_SCHEME),
                    "address": site.address or "",
                },
                "IDverifiedByCAB": True,
            }
            for i, site in enumerate(cert.sites, start=1)
        ]
    subject = {
        "type": ["ConformityAttestation", "Attestation"],
        "id": anchor,
        "name": title,
        "assessorLevel": "3rdParty",
        "assessmentLevel": "Unspecified",
        "attestationType": "certification",
        "description": f"Certification de services {de(company.name)}"
        f"{f', délivrée par {issuer_name},' if issuer_name else ''} selon le "
        f"référentiel « {ref.title} » (version {ref.version}) "
        f"{de(publisher['name'])}{level}, certificat n° {cert.number}.",
        "issuedToParty": holder,
        "certificateNumber": cert.number,
        "referentiel": {
            "id": referentiel_url,
            "identifier": ref.id,
            "title": ref.title,
            "version": ref.version,
        },
        "level": cert.level,
        "issueDate": cert.cycle_start.isoformat(),
        "firstCertified": cert.first_certified.isoformat(),
        "validUntil": cert.valid_until.isoformat(),
        "conformityCertificate": {
            "linkURL": company_url,
            "linkName": title,
            "linkType": "text/html",
        },
        "scope": {
            "type": ["ConformityAssessmentScheme", "Standard"],
            "id": referentiel_url,
            "name": ref.title,
            "version": ref.version,
            "issuingParty": publisher,
        },
        "assessment": [assessment],
    }
    return {
        "@context": [VC_CONTEXT, UNTP_DCC_CONTEXT, own_context_url(issuer)],
        "type": ["DigitalConformityCredential", "VerifiableCredential"],
        "id": credential_id(issuer, key, cert),
        "name": title,
        "issuer": {
            "type": ["CredentialIssuer"],
            "id": issuer.did,
            **({"name": issuer_name} if issuer_name else {}),
        },
        "validFrom": _start(cert.cycle_start),
        "validUntil": _end(cert.valid_until),
        "credentialSubject": subject,
        "credentialStatus": status_entries(lists, index),
        **jwt_claims(issuer, cert.as_of),
    }


def status_list_credential(
    issuer: Issuer,
    url: str,
    purpose: str,
    bits: set[int],
    status_date: dt.date,
    days: int = STATUS_LIST_DAYS,
) -> dict[str, Any]:
    """A BitstringStatusListCredential valid from the status date for ``days`` days: a
    verifier seeing it past ``validUntil`` knows the published status is stale, and so does
    a generic JWT library, from ``exp``, the same instant."""
    end = status_date + dt.timedelta(days=days)
    return {
        "@context": [VC_CONTEXT],
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "id": url,
        "issuer": issuer.did,
        "validFrom": _start(status_date),
        "validUntil": _end(end),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_list(bits),
        },
        **jwt_claims(issuer, status_date),
        "exp": numeric_date(end, end_of_day=True),
    }
