"""Shared pieces of the credential tests: fixed TEST keys (derived from fixed seeds here, never
a key file) and a small project, made from tests/fixtures/mini, whose certificates are valid,
suspended, withdrawn and expired as of ``STATUS_DATE``."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from refpub.core.attestations.signing import public_jwk

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROJECT = Path(__file__).resolve().parents[1]
SITE_URL = "https://certification.example/registre/"
DID = "did:web:certification.example:registre"
STATUS_DATE = "2026-11-23"


def fixed_test_key(name: str) -> Ed25519PrivateKey:
    """A TEST-ONLY Ed25519 key, the same at every run (its seed is its name)."""
    seed = hashlib.sha256(f"refpub TEST key {name}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


TEST_KEY = fixed_test_key("current")
#: The body's key before a rotation: its public key stays listed in the DID document.
PREVIOUS_TEST_KEY = fixed_test_key("previous")
SIGNED_ENV = {
    "REFPUB_SIGNING_KEY": pem(TEST_KEY),
    "REFPUB_TODAY": STATUS_DATE,
    "SOURCE_DATE_EPOCH": "1763856000",
}

_GRADES = """grades:
  org-1.1: {approach: 2, deployment: 2, results: 1, review: 1}
  op-1.1: {approach: 2, deployment: 2, results: 2, review: 1}
  op-1.2: {approach: 2, deployment: 1, results: 1, review: 1}
"""

#: company id → (name, [(audit file, type, date, decision date, outcome, number)])
COMPANIES = {
    "demo-suspendu": (
        "Suspensions Fictives SARL",
        [
            (
                "2025-01-15-initial.yaml",
                "initial",
                "2025-01-15",
                "2025-02-03",
                "certified",
                "DEMO-2025-0002",
            ),
            ("2026-01-08-suivi-1.yaml", "suivi-1", "2026-01-08", "2026-02-10", "suspended", None),
        ],
    ),
    "demo-retire": (
        "Retraits Imaginaires SA",
        [
            (
                "2024-03-01-initial.yaml",
                "initial",
                "2024-03-01",
                "2024-03-20",
                "certified",
                "DEMO-2024-0003",
            ),
            ("2025-02-01-suivi-1.yaml", "suivi-1", "2025-02-01", "2025-03-05", "withdrawn", None),
        ],
    ),
    "demo-expire": (
        "Échéances Passées SAS",
        [
            (
                "2020-01-10-initial.yaml",
                "initial",
                "2020-01-10",
                "2020-02-01",
                "certified",
                "DEMO-2020-0004",
            )
        ],
    ),
}


def audit_yaml(kind: str, day: str, decided: str, outcome: str, number: str | None) -> str:
    certificate = f", certificate: {number}" if number else ""
    return (
        f"referentiel: demo-radar\ntype: {kind}\ndate: {day}\nlead_auditor: Test Exemple\n"
        f"{_GRADES}decision: {{date: {decided}, outcome: {outcome}{certificate}}}\n"
    )


def make_signed_project(target: Path) -> Path:
    """mini + site_url + one company per status + the previous key listed for rotation."""
    assert "  language: fr\n" in (FIXTURES / "mini/mkdocs.yml").read_text(encoding="utf-8")
    shutil.copytree(FIXTURES / "mini", target)
    config = target / "mkdocs.yml"
    # a public site_url (the did:web derives from it) and no web font: nothing from elsewhere
    # and the project's theme overrides (accessible chrome), as the published site has them
    shutil.copytree(PROJECT / "overrides", target / "overrides")
    text = config.read_text(encoding="utf-8").replace(
        "  language: fr\n", "  language: fr\n  font: false\n  custom_dir: overrides\n"
    )
    config.write_text(f"site_url: {SITE_URL}\n{text}", encoding="utf-8")
    for company, (name, audits) in COMPANIES.items():
        folder = target / "audits" / company
        folder.mkdir()
        (folder / "company.yaml").write_text(
            f"name: {name}\naddress: 2 place Fictive, 75001 Paris\n", encoding="utf-8"
        )
        for file, kind, day, decided, outcome, number in audits:
            (folder / file).write_text(
                audit_yaml(kind, day, decided, outcome, number), encoding="utf-8"
            )
    keys = target / "attestations" / "cles-precedentes.json"
    keys.parent.mkdir()
    keys.write_text(
        json.dumps({"keys": [public_jwk(PREVIOUS_TEST_KEY.public_key())]}), encoding="utf-8"
    )
    return target
