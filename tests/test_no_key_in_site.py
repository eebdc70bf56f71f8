"""No private key reaches site/: every build (preview or publication) refuses a file or a page
that holds one and names it, before it is written; .gitignore keeps key files out of git."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from cli_support import run_mkdocs
from credential_support import TEST_KEY, pem
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from refpub.core.attestations.signing import public_jwk
from refpub.core.intake.private_keys import file_kind, key_kind

from conftest import PROJECT, refpub

BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".upper()


def _openssh() -> str:
    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
        .decode("ascii")
    )


def _encrypted_ec() -> str:
    return (
        generate_private_key(SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"mot de passe"),
        )
        .decode("ascii")
    )


def _jwk() -> str:
    jwk = public_jwk(TEST_KEY.public_key())
    seed = TEST_KEY.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    import base64

    return json.dumps({**jwk, "d": base64.urlsafe_b64encode(seed).decode().rstrip("=")})


def _age() -> str:
    return "AGE-SECRET-KEY-1" + "".join(secrets.choice(BECH32) for _ in range(58))


KEYS = {
    "pkcs8": pem(TEST_KEY),
    "openssh": _openssh(),
    "encrypted-ec": _encrypted_ec(),
    "jwk": _jwk(),
    "age": _age(),
}


@pytest.mark.parametrize("name", sorted(KEYS))
def test_every_kind_of_private_key_is_recognised(name: str) -> None:
    assert key_kind(KEYS[name]) is not None
    assert key_kind(KEYS[name].encode()) is not None


@pytest.mark.parametrize(
    "text",
    [
        "générez la clé : openssl genpkey -algorithm ed25519 (-----BEGIN PRIVATE KEY-----)",
        TEST_KEY.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode(),
        json.dumps({"keys": [public_jwk(TEST_KEY.public_key())]}),
        '<path d="M1 1L95 95"/> {"kty": "OKP"}',
    ],
)
def test_public_keys_and_prose_are_not_key_material(text: str) -> None:
    assert key_kind(text) is None


def test_the_shipped_sources_hold_no_key() -> None:
    for path in [*(PROJECT / "docs").rglob("*"), *(PROJECT / "overrides").rglob("*")]:
        if path.is_file():
            assert key_kind(path.read_bytes()) is None, path


def _build(project: Path, env: dict[str, str] | None = None):
    args = ["build", "--strict", "-d", str(project / "out")]
    return run_mkdocs(args, cwd=project, env={"REFPUB_TODAY": "2026-11-23", **(env or {})})


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("pkcs8", "cle-signature.pem"),
        ("openssh", "assets/id_ed25519"),
        ("jwk", "attestations/cle.json"),
        ("age", "comite.txt"),
    ],
)
def test_a_private_key_under_docs_stops_the_build_and_is_named(
    mini_project: Path, name: str, file: str
) -> None:
    target = mini_project / "docs" / file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(KEYS[name], encoding="ascii")
    result = _build(mini_project)
    assert result.returncode != 0
    assert f"docs/{file} contient une clé" in result.output, result.output
    assert "Traceback" not in result.output
    assert not (mini_project / "out" / file).exists()


def test_a_key_pasted_into_the_data_is_a_validation_error_with_its_line(mini_project: Path) -> None:
    audit = mini_project / "audits" / "demo-co" / "2026-01-10-initial.yaml"
    body = "".join(KEYS["pkcs8"].splitlines()[1:-1])
    audit.write_text(
        audit.read_text(encoding="utf-8").replace(
            "public_summary: Audit initial satisfaisant.",
            f'public_summary: "Clé : -----BEGIN PRIVATE KEY----- {body} -----END PRIVATE KEY-----"',
        ),
        encoding="utf-8",
    )
    expected = "audits/demo-co/2026-01-10-initial.yaml:5: clé privée PEM dans le fichier"
    validated = refpub("validate", str(mini_project))
    assert validated.returncode == 1 and expected in validated.output, validated.output
    result = _build(mini_project)
    assert result.returncode != 0 and expected in result.output
    assert "Traceback" not in result.output


def test_a_template_that_prints_a_key_stops_the_page(mini_project: Path) -> None:
    overrides = mini_project / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ super() }}<pre>'
        + KEYS["pkcs8"]
        + "</pre>{% endblock %}",
        encoding="ascii",
    )
    config = mini_project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  language: fr\n", "  language: fr\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    result = _build(mini_project)
    assert result.returncode != 0
    assert "contient une clé privée PEM ; elle n'est jamais publiée" in result.output, result.output
    written = [f for f in (mini_project / "out").rglob("*") if f.is_file()]
    assert not [f for f in written if b"PRIVATE KEY" in f.read_bytes()]


def test_binary_keys_and_key_containers_are_recognised() -> None:
    der = TEST_KEY.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    assert key_kind(b"\x89PNG" + der + b"\x00") == "der"
    assert file_kind("assets/cle.P12", b"\x30\x82") == "pkcs12"
    assert file_kind("assets/logo.png", b"\x89PNG\r\n") is None


def test_gitignore_keeps_key_files_out_of_git() -> None:
    ignored = (PROJECT / ".gitignore").read_text(encoding="utf-8").split()
    for pattern in (
        "*.pem",
        "*.key",
        "*.p12",
        "*.pfx",
        "*.jwk",
        "id_rsa*",
        "id_ed25519*",
        "*.age-identity",
    ):
        assert pattern in ignored, pattern
