"""Signed credentials (issue #15): every certificate as a VC 2.0 ``vc+jwt`` credential signed
with Ed25519, checked with an independent library (joserfc) against the DID document the
site publishes; status lists decoded and compared with the register; keys and modes.

The project is tests/fixtures/mini plus certificates in every status (credential_support).
"""

from __future__ import annotations

import base64
import filecmp
import json
import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest
from credential_support import (
    DID,
    PREVIOUS_TEST_KEY,
    SIGNED_ENV,
    SITE_URL,
    STATUS_DATE,
    TEST_KEY,
    pem,
)
from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey

from refpub.core.attestations import signing
from refpub.core.attestations import status_list as sl
from refpub.core.attestations.credentials import (
    UNTP_DCC_CONTEXT,
    VC_CONTEXT,
    issuer_from_site_url,
    own_context_url,
)
from refpub.core.certification.ledger import LEDGER_PATH, load_ledger

from conftest import mkdocs_build, mkdocs_build_in_new_process

EXPECTED_STATUS = {
    "demo-co": "valid",
    "demo-niveaux": "valid",
    "demo-suspendu": "suspended",
    "demo-retire": "withdrawn",
    "demo-expire": "expired",
}


def decode_part(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def published_keys(site: Path) -> tuple[dict, dict[str, OKPKey]]:
    """The DID document and its assertion keys, by key id, as joserfc keys."""
    document = json.loads((site / "did.json").read_text(encoding="utf-8"))
    keys = {
        m["id"]: OKPKey.import_key(m["publicKeyJwk"])
        for m in document["verificationMethod"]
        if m["id"] in document["assertionMethod"]
    }
    return document, keys


def verify_independently(token: str, site: Path) -> dict:
    """Verify with joserfc (not our code) using the key the header's kid names."""
    document, keys = published_keys(site)
    header = decode_part(token.split(".")[0])
    assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
    assert header["kid"].startswith(document["id"] + "#")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joserfc notes that RFC 9864 prefers "Ed25519"
        verified = jws.deserialize_compact(token, keys[header["kid"]], algorithms=["EdDSA"])
    return json.loads(verified.payload)


def register_entries(site: Path) -> list[dict]:
    return json.loads((site / "api/certificats.json").read_text(encoding="utf-8"))


def token_at(site: Path, url: str) -> str:
    assert url.startswith(SITE_URL), url
    return (site / url[len(SITE_URL) :]).read_text(encoding="utf-8").strip()


def tamper(token: str) -> str:
    """One character of the signed JSON changed, as a forger would: a year of validUntil."""
    header, payload, signature = token.split(".")
    text = signing.b64url_decode(payload).decode("utf-8")
    at = text.index('"validUntil":"') + len('"validUntil":"') + 2
    forged = text[:at] + ("9" if text[at] != "9" else "8") + text[at + 1 :]
    assert len(forged) == len(text) and forged != text
    return ".".join([header, signing.b64url(forged.encode("utf-8")), signature])


def flip(token: str) -> str:
    """One character of the encoded payload changed (still base64url)."""
    header, payload, signature = token.split(".")
    middle = len(payload) // 2
    changed = "B" if payload[middle] != "B" else "C"
    return ".".join([header, payload[:middle] + changed + payload[middle + 1 :], signature])


def test_did_web_follows_the_site_url() -> None:
    issuer = issuer_from_site_url("https://example.org/refpub/")
    assert (issuer.did, issuer.did_document_uri) == ("did:web:example.org:refpub", "did.json")
    root = issuer_from_site_url("https://example.org/")
    assert (root.did, root.did_document_uri) == ("did:web:example.org", ".well-known/did.json")
    assert issuer_from_site_url("http://127.0.0.1:8000/").did == "did:web:127.0.0.1%3A8000"
    deep = issuer_from_site_url("https://example.org/a/b/")
    assert (deep.did, deep.base_url) == ("did:web:example.org:a:b", "https://example.org/a/b/")


def test_every_certificate_links_its_credential(signed_site: Path) -> None:
    entries = register_entries(signed_site)
    assert {e["company"]: e["status"] for e in entries} == EXPECTED_STATUS
    for entry in entries:
        expected = (
            f"{SITE_URL}certificats/{entry['company']}/attestation-{entry['referentiel']}.jwt"
        )
        assert entry["credential"] == expected
        assert token_at(signed_site, entry["credential"]).count(".") == 2
        company = json.loads(
            (signed_site / f"certificats/{entry['company']}/index.json").read_text(encoding="utf-8")
        )
        assert [c["credential"] for c in company["certificates"]] == [expected]


def test_credentials_verify_with_joserfc_against_the_did_document(signed_site: Path) -> None:
    document, _ = published_keys(signed_site)
    assert document["id"] == DID
    current = signing.jwk_thumbprint(signing.public_jwk(TEST_KEY.public_key()))
    for entry in register_entries(signed_site):
        token = token_at(signed_site, entry["credential"])
        assert decode_part(token.split(".")[0])["kid"] == f"{DID}#{current}"
        credential = verify_independently(token, signed_site)
        assert credential["@context"][:2] == [VC_CONTEXT, UNTP_DCC_CONTEXT]
        assert credential["@context"][2] == own_context_url(issuer_from_site_url(SITE_URL))
        assert credential["type"] == ["DigitalConformityCredential", "VerifiableCredential"]
        assert credential["issuer"]["id"] == DID
        subject = credential["credentialSubject"]
        assert subject["certificateNumber"] == entry["certificate"]
        assert subject["issuedToParty"]["name"] == entry["name"]
        assert subject["issuedToParty"]["id"] == entry["url"]
        assert credential["validUntil"] == f"{entry['valid_until']}T23:59:59Z"
        assert subject["referentiel"]["version"] == entry["referentiel_version"]


def test_credential_states_holder_scope_level_and_dates(signed_site: Path) -> None:
    entries = {e["company"]: e for e in register_entries(signed_site)}
    levels = verify_independently(
        token_at(signed_site, entries["demo-niveaux"]["credential"]), signed_site
    )
    subject = levels["credentialSubject"]
    assert subject["level"] == "B"
    assert subject["issuedToParty"]["address"] == "3 avenue Imaginaire, 69001 Lyon"
    assert levels["validFrom"] == "2025-05-20T00:00:00Z"
    assert levels["validUntil"] == "2028-05-19T23:59:59Z"
    # the body configured in mkdocs.yml, not the référentiel's certification_body
    assert levels["issuer"]["name"] == "Certificateur fictif (exemple)"
    assert subject["attestationType"] == "certification"
    assert subject["assessment"][0]["referenceStandard"]["name"].endswith("(version 2)")
    radar = verify_independently(
        token_at(signed_site, entries["demo-co"]["credential"]), signed_site
    )["credentialSubject"]
    assert radar["issuedToParty"]["sites"] == [
        {"name": "Entrepôt de Rungis", "address": "1 rue de l'Exemple, 94150 Rungis"}
    ]
    assert radar["issuedToParty"]["activities"] == ["transport"]
    assert radar["conformityCertificate"]["linkURL"] == entries["demo-co"]["url"]


def status_list_bits(site: Path, url: str, purpose: str) -> bytes:
    listing = verify_independently(token_at(site, url), site)
    assert listing["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listing["issuer"] == DID and listing["id"] == url
    assert listing["validFrom"] == f"{STATUS_DATE}T00:00:00Z"
    assert listing["validUntil"] == "2026-11-30T23:59:59Z"
    assert listing["credentialSubject"]["statusPurpose"] == purpose
    bits = sl.decode_list(listing["credentialSubject"]["encodedList"])
    assert len(bits) * 8 >= 131_072
    return bits


def test_status_bits_decoded_from_the_lists_match_the_register(signed_site: Path) -> None:
    indexes = set()
    for entry in register_entries(signed_site):
        credential = verify_independently(token_at(signed_site, entry["credential"]), signed_site)
        entries = {s["statusPurpose"]: s for s in credential["credentialStatus"]}
        assert set(entries) == {"revocation", "suspension"}
        index = int(entries["revocation"]["statusListIndex"])
        assert int(entries["suspension"]["statusListIndex"]) == index
        indexes.add(index)
        revoked = sl.bit_at(
            status_list_bits(
                signed_site, entries["revocation"]["statusListCredential"], "revocation"
            ),
            index,
        )
        suspended = sl.bit_at(
            status_list_bits(
                signed_site, entries["suspension"]["statusListCredential"], "suspension"
            ),
            index,
        )
        assert revoked == (entry["status"] == "withdrawn"), entry["company"]
        assert suspended == (entry["status"] == "suspended"), entry["company"]
    assert len(indexes) == len(EXPECTED_STATUS)


def test_a_tampered_credential_fails(signed_site: Path) -> None:
    token = token_at(signed_site, register_entries(signed_site)[0]["credential"])
    kid = decode_part(token.split(".")[0])["kid"]
    for forged in (tamper(token), flip(token)):
        assert forged != token
        with pytest.raises(BadSignatureError):
            verify_independently(forged, signed_site)
        with pytest.raises(ValueError):
            signing.verify_compact(forged, TEST_KEY.public_key(), kid)
    assert signing.verify_compact(token, TEST_KEY.public_key(), kid)["credentialSubject"]


def test_previous_keys_stay_listed_and_verify(signed_site: Path) -> None:
    document, keys = published_keys(signed_site)
    previous = signing.jwk_thumbprint(signing.public_jwk(PREVIOUS_TEST_KEY.public_key()))
    assert f"{DID}#{previous}" in keys and len(keys) == 2
    old = signing.sign_compact(
        {"issuer": DID, "type": ["VerifiableCredential"]}, PREVIOUS_TEST_KEY, f"{DID}#{previous}"
    )
    assert verify_independently(old, signed_site)["issuer"] == DID
    jwks = json.loads((signed_site / "attestations/jwks.json").read_text(encoding="utf-8"))
    assert [k["kid"] for k in jwks["keys"]] == [m["id"] for m in document["verificationMethod"]]


def private_material() -> list[str]:
    """Every form the TEST private keys could take in a file."""
    found = []
    for key in (TEST_KEY, PREVIOUS_TEST_KEY):
        raw = key.private_bytes_raw()
        text = pem(key)
        body = "".join(text.strip().splitlines()[1:-1])
        found += [body, body[:40], signing.b64url(raw), base64.b64encode(raw).decode(), raw.hex()]
    return found + ["PRIVATE KEY", '"d":']


def test_no_private_key_material_in_the_site(signed_site: Path) -> None:
    secrets = private_material()
    for file in signed_site.rglob("*"):
        if file.is_file():
            content = file.read_bytes().decode("utf-8", errors="replace")
            leaked = [secret for secret in secrets if secret in content]
            assert not leaked, f"{file}: {leaked}"


def test_two_signed_builds_are_byte_identical(
    signed_project: Path, signed_site: Path, tmp_path: Path
) -> None:
    again = tmp_path / "site"
    result = mkdocs_build_in_new_process(signed_project, again, SIGNED_ENV)
    assert result.returncode == 0, result.output
    comparison = filecmp.dircmp(signed_site, again)

    def differences(cmp: filecmp.dircmp) -> list[str]:
        found = [*cmp.left_only, *cmp.right_only, *cmp.diff_files, *cmp.funny_files]
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    assert not differences(comparison)
    changed = [
        f
        for f in ("did.json", "attestations/statut-retrait.jwt")
        if not filecmp.cmp(signed_site / f, again / f, shallow=False)
    ]
    assert not changed


def test_without_a_key_the_preview_builds_and_says_so_once(
    signed_project: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in SIGNED_ENV.items() if k != "REFPUB_SIGNING_KEY"}
    result = mkdocs_build(signed_project, tmp_path / "site", {**env, "REFPUB_SIGNING_KEY": ""})
    assert result.returncode == 0, result.output
    assert result.output.count("attestations signées non produites") == 1
    entries = register_entries(tmp_path / "site")
    assert entries and all("credential" not in e for e in entries)
    assert not (tmp_path / "site/did.json").exists()
    assert (tmp_path / "site/verification/index.html").is_file()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"REFPUB_SIGNING_KEY": "", "REFPUB_PUBLISH": "1"}, "la publication exige la clé"),
        ({"REFPUB_SIGNING_KEY": "pas une clé"}, "REFPUB_SIGNING_KEY : la clé n'est pas"),
    ],
)
def test_publish_mode_and_bad_keys_stop_the_build(
    signed_project: Path, tmp_path: Path, env: dict[str, str], message: str
) -> None:
    result = mkdocs_build(signed_project, tmp_path / "site", {**SIGNED_ENV, **env})
    assert result.returncode != 0
    assert message in result.output
    assert "Traceback" not in result.output


def certificate(key: str, issued: str) -> SimpleNamespace:
    """What status_key reads of a Certificate: référentiel, first number and date."""
    import datetime as dt

    ref, number = key.split(":")
    return SimpleNamespace(
        referentiel=SimpleNamespace(id=ref),
        number=number,
        history=[SimpleNamespace(certificate=number, date=dt.date.fromisoformat(issued))],
    )


def test_indexes_never_move_when_certificates_come_and_go() -> None:
    base = [certificate(f"cliq-2006:C-{n:04d}", f"2020-01-{n % 28 + 1:02d}") for n in range(300)]
    first = sl.assign_indexes(base)
    assert len(set(first.values())) == len(base)
    later = [certificate(f"amarc:N-{n}", "2027-01-01") for n in range(50)]
    kept = base[::2]
    second = sl.assign_indexes([*reversed(kept), *later])
    assert all(second[key] == first[key] for key in map(sl.status_key, kept))
    assert len(set(second.values())) == len(second)


def test_collisions_are_resolved_by_issuing_date_and_the_ledger_wins(monkeypatch) -> None:
    monkeypatch.setattr(sl, "LIST_SIZE", 4)
    certs = [certificate(f"r:N{n}", f"2020-01-0{n + 1}") for n in range(4)]
    alone = sl.assign_indexes(certs[:1])
    everything = sl.assign_indexes(list(reversed(certs)))
    assert sorted(everything.values()) == [0, 1, 2, 3]
    assert everything[sl.status_key(certs[0])] == alone[sl.status_key(certs[0])]
    ledger = {"r:gone:2019-01-01": 0, sl.status_key(certs[3]): 1}
    with_ledger = sl.assign_indexes(certs[1:], ledger)
    assert with_ledger[sl.status_key(certs[3])] == 1
    assert 0 not in with_ledger.values()
    with pytest.raises(ValueError):
        sl.assign_indexes([*certs, certificate("r:N9", "2021-01-01")])


def test_the_ledger_is_checked_with_lines(tmp_path: Path) -> None:
    ledger = tmp_path / LEDGER_PATH
    ledger.parent.mkdir()
    ledger.write_text(
        '"a:AAA:2020-01-01": 5\n"b:BBB:2020-01-01": 5\n"c:CCC:2020-01-01": -1\n', encoding="utf-8"
    )
    found, problems = load_ledger(tmp_path)
    assert found.indexes == {"a:AAA:2020-01-01": 5}
    assert [(p.path, p.line) for p in problems] == [(LEDGER_PATH, 2), (LEDGER_PATH, 3)]
    assert "déjà attribué" in problems[0].message


def test_validate_reports_the_credential_files_with_lines(mini_project: Path, capsys) -> None:
    from refpub.cli import main

    (mini_project / "attestations").mkdir()
    (mini_project / LEDGER_PATH).write_text(
        '"a:AAA:2020-01-01": 7\n"b:BBB:2020-01-01": 7\n', encoding="utf-8"
    )
    (mini_project / signing.PREVIOUS_KEYS_PATH).write_text(
        '{"keys": [\n  {"kty": "OKP", "crv": "Ed25519", "x": "AA", "d": "secret"}\n]}\n',
        encoding="utf-8",
    )
    assert main(["validate", str(mini_project)]) == 1
    out = capsys.readouterr().out
    assert f"{LEDGER_PATH}:2:" in out and "déjà attribué" in out
    assert f"{signing.PREVIOUS_KEYS_PATH}:2:" in out and "clés publiques Ed25519" in out


def test_index_statut_freezes_the_indexes_the_build_uses(
    signed_project: Path, signed_site: Path, tmp_path: Path, capsys
) -> None:
    import shutil

    from refpub.cli import main

    project = tmp_path / "project"
    shutil.copytree(signed_project, project)
    assert main(["index-statut", str(project), "--ecrire"]) == 0
    found, problems = load_ledger(project)
    ledger = found.indexes
    assert not problems and len(ledger) == len(EXPECTED_STATUS)
    for entry in register_entries(signed_site):
        credential = verify_independently(token_at(signed_site, entry["credential"]), signed_site)
        index = int(credential["credentialStatus"][0]["statusListIndex"])
        number = credential["credentialSubject"]["certificateNumber"]
        assert [k for k, v in ledger.items() if v == index][0].split(":")[1] == number
    assert main(["index-statut", str(project), "--ecrire"]) == 0
    assert load_ledger(project)[0].indexes == ledger


PROJECT_ROOT = Path(__file__).resolve().parents[1]


def test_the_publish_workflow_gives_the_key_to_the_build_step_only() -> None:
    import yaml

    workflows = PROJECT_ROOT / ".github/workflows"
    publish = yaml.safe_load((workflows / "publish.yml").read_text(encoding="utf-8"))
    build = publish["jobs"]["build"]
    assert build["environment"] == "publication"
    holders = [step for step in build["steps"] if "REFPUB_SIGNING_KEY" in str(step.get("env", {}))]
    assert len(holders) == 1
    env = holders[0]["env"]
    assert {k: env[k] for k in ("REFPUB_PUBLISH", "REFPUB_SIGNING_KEY")} == {
        "REFPUB_PUBLISH": "1",
        "REFPUB_SIGNING_KEY": "${{ secrets.REFPUB_SIGNING_KEY }}",
    }
    assert set(env) <= {"REFPUB_PUBLISH", "REFPUB_SIGNING_KEY", "REFPUB_SITE_URL"}
    assert "mkdocs build --strict" in holders[0]["run"]
    assert "REFPUB_SIGNING_KEY" not in str(
        {k: v for k, v in publish["jobs"].items() if k != "build"}
    )
    for other in workflows.glob("*.yml"):
        if other.name != "publish.yml":
            assert "secrets.REFPUB_SIGNING_KEY" not in other.read_text(encoding="utf-8"), other


def test_the_body_documentation_explains_credentials_in_french() -> None:
    import yaml

    page = (PROJECT_ROOT / "docs/organisme/attestations.md").read_text(encoding="utf-8")
    for heading in (
        "## Ce qu'est une attestation signée",
        "## Comment l'entreprise la partage",
        "## Comment un acheteur la vérifie",
        "## Comment l'organisme gère sa clé",
        "### Changer de clé (rotation)",
        "## Listes de statut et index",
    ):
        assert heading in page, heading
    for fact in (
        "REFPUB_SIGNING_KEY",
        "openssl genpkey -algorithm ed25519",
        "cles-precedentes.json",
        "refpub index-statut --ecrire",
        "trois ans",
    ):
        assert fact in page, fact
    config = yaml.load(
        (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    assert "organisme/attestations.md" in str(config["nav"])
    assert "verification/index.md" in str(config["nav"])


def test_a_certificate_replaced_after_withdrawal_stays_revoked(mini_project: Path) -> None:
    """Withdrawn, then certified again on a new initial audit: whatever the register keeps,
    the first certificate's index never moves and its revocation bit stays set."""
    import datetime as dt

    from credential_support import audit_yaml

    from refpub.core.audits.repository import load_repository
    from refpub.core.certification.register import build_register

    folder = mini_project / "audits/demo-recertifie"
    folder.mkdir()
    (folder / "company.yaml").write_text(
        "name: Recertifiée SA\naddress: 1 rue Test, 75001 Paris\n", encoding="utf-8"
    )
    for name, args in {
        "2023-01-10-initial.yaml": (
            "initial",
            "2023-01-10",
            "2023-02-01",
            "certified",
            "DEMO-2023-0009",
        ),
        "2023-12-01-suivi-1.yaml": ("suivi-1", "2023-12-01", "2024-01-05", "withdrawn", None),
        "2024-06-01-initial.yaml": (
            "initial",
            "2024-06-01",
            "2024-06-20",
            "certified",
            "DEMO-2024-0010",
        ),
    }.items():
        (folder / name).write_text(audit_yaml(*args), encoding="utf-8")
    repo = load_repository(mini_project)
    assert not repo.problems, repo.problems
    companies = list(repo.companies.values())

    def state(day: str) -> tuple[dict[str, int], dict[str, set[int]]]:
        register = build_register(companies, dt.date.fromisoformat(day))
        replaced = sl.superseded(companies, register.certificates)
        everything = [*register.certificates, *replaced]
        indexes = sl.assign_indexes(everything)
        return indexes, sl.status_bits(register.certificates, indexes, replaced)

    old_key = "demo-radar:DEMO-2023-0009:2023-02-01"
    new_key = "demo-radar:DEMO-2024-0010:2024-06-20"
    before, before_bits = state("2024-03-01")
    after, after_bits = state("2026-11-23")
    today = build_register(companies, dt.date(2026, 11, 23))
    [recertified] = [c for c in today.certificates if c.company.id == "demo-recertifie"]
    assert (sl.status_key(recertified), recertified.status) == (new_key, "valid")
    assert [sl.status_key(c) for c in sl.superseded(companies, today.certificates)] == [old_key]
    assert set(after) >= {old_key, new_key} and old_key not in before_bits["suspension"]
    assert after[new_key] not in after_bits["revocation"]
    assert before[old_key] == after[old_key]
    assert after[old_key] in before_bits["revocation"]
    assert after[old_key] in after_bits["revocation"]
    assert len(set(after.values())) == len(after)


def test_a_site_at_a_host_root_publishes_its_did_document_under_well_known(
    signed_project: Path, tmp_path: Path
) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(signed_project, project)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            f"site_url: {SITE_URL}", "site_url: https://registre.example/"
        ),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site", SIGNED_ENV)
    assert result.returncode == 0, result.output
    document = json.loads((tmp_path / "site/.well-known/did.json").read_text(encoding="utf-8"))
    assert document["id"] == "did:web:registre.example"
    assert (tmp_path / "site/did.json").read_text(encoding="utf-8") == (
        tmp_path / "site/.well-known/did.json"
    ).read_text(encoding="utf-8")


def test_company_page_json_and_status_lists_agree(signed_site: Path) -> None:
    """The company page shows the register's status and links the very credential whose
    status-list bits say the same."""
    import html as html_module
    import re

    for entry in register_entries(signed_site):
        page = (signed_site / f"certificats/{entry['company']}/index.html").read_text(
            encoding="utf-8"
        )
        sections = re.findall(r'class="refpub-certificate refpub-certificate-(\w+)"', page)
        assert sections == [entry["status"]], entry["company"]
        token = token_at(signed_site, entry["credential"])
        links = re.findall(r'href="([^"]*verification/#vc=[^"]*)"', page)
        assert [html_module.unescape(link).split("#vc=")[1] for link in links] == [token]
        credential = verify_independently(token, signed_site)
        index = int(credential["credentialStatus"][0]["statusListIndex"])
        lists = {
            s["statusPurpose"]: status_list_bits(
                signed_site, s["statusListCredential"], s["statusPurpose"]
            )
            for s in credential["credentialStatus"]
        }
        shown = (
            "withdrawn"
            if sl.bit_at(lists["revocation"], index)
            else "suspended"
            if sl.bit_at(lists["suspension"], index)
            else "in force"
        )
        expected = {"withdrawn": "withdrawn", "suspended": "suspended"}.get(
            entry["status"], "in force"
        )
        assert shown == expected, entry["company"]
