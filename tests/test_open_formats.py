"""Data every platform reads (issue #24): SIREN and SIRET on the page, in the JSON, the CSV
and the credential; the register as CSV, safe to open in a spreadsheet; per-company Atom feed
and iCalendar file, per-référentiel feed; keys and claims a generic JOSE library uses.

One signed build of the credential project (every status), with identifiers, a company name
written like a spreadsheet formula, and an applicant that must get nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import warnings
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
from credential_support import DID, SIGNED_ENV, SITE_URL, make_signed_project
from html_tree import article
from joserfc import jws, jwt
from joserfc.jwk import KeySet

from refpub.core.attestations.credentials import OWN_CONTEXT_URI, SIREN_SCHEME, SIRET_SCHEME
from refpub.site.ical import company_calendar, escape_text, fold
from refpub.site.register_csv import COLUMNS, neutralised

ATOM = "{http://www.w3.org/2005/Atom}"
SIREN = "732829320"
SIRET = "73282932000074"
#: What a spreadsheet would run: the OWASP « CSV Injection » examples' first characters.
FORMULA_NAME = '=HYPERLINK("https://malveillant.example","Cliquez")'
CONTRACT_COLUMNS = [
    "company",
    "name",
    "siren",
    "referentiel",
    "edition",
    "certificate",
    "status",
    "valid_until",
    "url",
]
REFERENCE = Path(__file__).resolve().parents[2] / "shared/reference/credentials"


@pytest.fixture(scope="module")
def formats_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_signed_project(tmp_path_factory.mktemp("formats") / "project")
    company = project / "audits/demo-co/company.yaml"
    company.write_text(
        company.read_text(encoding="utf-8").replace(
            "    address: 1 rue de l'Exemple, 94150 Rungis\n",
            f'    address: 1 rue de l\'Exemple, 94150 Rungis\n    siret: "{SIRET}"\n',
        )
        + f'siren: "{SIREN}"\n',
        encoding="utf-8",
    )
    expired = project / "audits/demo-expire/company.yaml"
    expired.write_text(
        expired.read_text(encoding="utf-8").replace(
            "name: Échéances Passées SAS", f"name: '{FORMULA_NAME}'"
        ),
        encoding="utf-8",
    )
    applicant = project / "audits/demo-candidat"
    applicant.mkdir()
    (applicant / "company.yaml").write_text(
        "name: Candidat Fictif SARL\naddress: 3 rue Fictive, 75002 Paris\n", encoding="utf-8"
    )
    (applicant / "2026-10-01-initial.yaml").write_text(
        (project / "audits/demo-expire/2020-01-10-initial.yaml")
        .read_text(encoding="utf-8")
        .split("decision:")[0]
        .replace("2020-01-10", "2026-10-01"),
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def formats_site(formats_project: Path, site_build) -> Path:
    return site_build(formats_project, SIGNED_ENV)


def register_json(site: Path) -> list[dict]:
    return json.loads((site / "api/certificats.json").read_text(encoding="utf-8"))


def register_rows(site: Path) -> list[dict[str, str]]:
    data = (site / "api/certificats.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # a BOM would rename the first column
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def payload(token: str) -> dict:
    return json.loads(jws.extract_compact(token.strip().encode()).payload)


def credential_of(site: Path, company: str) -> dict:
    return payload(
        (site / f"certificats/{company}/attestation-demo-radar.jwt").read_text(encoding="utf-8")
    )


# --- identifiers ---------------------------------------------------------------------------


def test_the_company_page_shows_its_siren_and_each_sites_siret(formats_site: Path):
    page = article(formats_site / "certificats/demo-co/index.html")
    siren = page.find_all("span", "refpub-siren")
    assert [s.attrs["data-siren"] for s in siren] == [SIREN]
    assert "SIREN 732 829 320" in page.text()
    sirets = page.find_all("span", "refpub-siret")
    assert [s.attrs["data-siret"] for s in sirets] == [SIRET]
    assert "(SIRET 732 829 320 00074)" in sirets[0].text()


def test_a_company_without_siren_shows_none(formats_site: Path):
    page = article(formats_site / "certificats/demo-suspendu/index.html")
    assert page.find_all("span", "refpub-siren") == [] and "SIREN" not in page.text()


def test_the_json_register_carries_siren_and_site_siret(formats_site: Path):
    entries = {e["company"]: e for e in register_json(formats_site)}
    assert entries["demo-co"]["siren"] == SIREN
    assert entries["demo-co"]["scope"]["sites"][0]["siret"] == SIRET
    assert entries["demo-suspendu"]["siren"] is None
    schema = json.loads((formats_site / "api/certificats.schema.json").read_text("utf-8"))
    assert "siren" in schema["items"]["properties"]


def test_the_credential_names_company_and_site_by_their_sirene_numbers(formats_site: Path):
    subject = credential_of(formats_site, "demo-co")["credentialSubject"]
    party = subject["issuedToParty"]
    assert (party["registeredId"], party["idScheme"]) == (SIREN, SIREN_SCHEME)
    assert party["idScheme"]["type"] == ["IdentifierScheme"]
    assessment = subject["assessment"][0]
    assert assessment["assessedOrganisation"]["registeredId"] == SIREN
    facility = assessment["assessedFacility"][0]["facility"]
    assert (facility["registeredId"], facility["idScheme"]) == (SIRET, SIRET_SCHEME)
    # without a number, no empty identifier
    other = credential_of(formats_site, "demo-suspendu")["credentialSubject"]
    assert "registeredId" not in other["issuedToParty"]


def test_identifiers_sit_where_untp_dcc_0_6_0_defines_them():
    """The terms and shapes come from UNTP's own context and sample (local copies)."""
    if not REFERENCE.is_dir():
        pytest.skip("copies of the UNTP files not available")
    context = json.loads((REFERENCE / "dcc-0.6.0-context.jsonld").read_text("utf-8"))
    attestation = context["@context"]["ConformityAttestation"]["@context"]
    for term in ("registeredId", "idScheme"):
        assert term in attestation["issuedToParty"]["@context"]
    sample = json.loads((REFERENCE / "dcc-0.6.0-instance.json").read_text("utf-8"))
    assert set(sample["credentialSubject"]["issuedToParty"]["idScheme"]) == set(SIREN_SCHEME)


def test_a_credential_with_identifiers_still_validates_against_untp_dcc_0_6_0(formats_site: Path):
    import jsonschema

    if not REFERENCE.is_dir():
        pytest.skip("copies of the UNTP files not available")
    schema = json.loads((REFERENCE / "dcc-0.6.0-schema.json").read_text("utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [
        f"{e.json_path}: {e.message}"
        for e in validator.iter_errors(credential_of(formats_site, "demo-co"))
    ]
    assert errors == []


def expansion_faults(document: dict, site: Path | None = None) -> list[str]:
    """What a JSON-LD processor in safe mode refuses: a property no context defines (dropped
    on expansion) or a type that stays a relative IRI. Contexts from the local copies."""
    from pyld import jsonld

    contexts = {
        "https://www.w3.org/ns/credentials/v2": REFERENCE / "vc-v2.jsonld",
        "https://test.uncefact.org/vocabulary/untp/dcc/0.6.0/": REFERENCE
        / "dcc-0.6.0-context.jsonld",
    }

    if site is not None:
        contexts[f"{SITE_URL}{OWN_CONTEXT_URI}"] = site / OWN_CONTEXT_URI

    def load(url: str, options: object = None) -> dict:
        document = json.loads(contexts[url].read_text("utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}

    faults: list[str] = []
    expanded = jsonld.expand(
        document,
        {"documentLoader": load},
        on_property_dropped=lambda term: faults.append(f"terme non défini : {term}"),
    )

    def types(node: object) -> None:
        if isinstance(node, dict):
            found = node.get("@type", [])
            if "@value" not in node:
                faults.extend(f"type non défini : {t}" for t in found if ":" not in t)
            for value in node.values():
                types(value)
        elif isinstance(node, list):
            for value in node:
                types(value)

    types(expanded)
    return faults


def test_every_term_of_the_credentials_is_defined_for_json_ld_safe_mode(formats_site: Path):
    """UNTP's playground and JSON-LD signature suites expand in safe mode: an undefined term
    (``certificateNumber``, ``issuedToParty.sites``, the ``FacilityVerification`` type...)
    fails the credential there. UNTP's own sample passes the same check."""
    if not REFERENCE.is_dir():
        pytest.skip("copies of the W3C and UNTP contexts not available")
    sample = json.loads((REFERENCE / "dcc-0.6.0-instance.json").read_text("utf-8"))
    assert expansion_faults(sample) == []
    tokens = sorted(formats_site.glob("certificats/*/attestation-*.jwt"))
    tokens += sorted(formats_site.glob("attestations/statut-*.jwt"))
    credentials = [payload(token.read_text(encoding="utf-8")) for token in tokens]
    assert any(c["credentialSubject"]["issuedToParty"].get("sites") for c in credentials[:-2])
    faults = {
        path.relative_to(formats_site).as_posix(): expansion_faults(credential, formats_site)
        for path, credential in zip(tokens, credentials, strict=True)
    }
    assert faults == dict.fromkeys(faults, [])
    spoiled = credential_of(formats_site, "demo-co")
    spoiled["credentialSubject"]["nonDefini"] = 1
    assert expansion_faults(spoiled, formats_site) == ["terme non défini : nonDefini"]


def test_each_term_of_our_context_is_an_anchor_of_the_integrators_page(built_site: Path):
    """The IRI of each of our terms leads to its explanation (a reader following it from a
    credential lands on the row that says what it means)."""
    from refpub.core.attestations.credentials import OWN_TERMS

    page = (built_site / "integrateurs/index.html").read_text(encoding="utf-8")
    assert [term for term in OWN_TERMS if f'id="{term}"' not in page] == []


#: Our context as first published: a published JSON-LD context never changes (credentials
#: already issued point to it); a new term means a new version at a new URL.
CONTEXT_V1_TERMS = {
    "certificateNumber", "firstCertified", "issueDate", "validUntil", "level", "referentiel",
    "title", "sites", "siret", "activities", "FacilityVerification", "address", "version",
    "identifier",
}  # fmt: skip


def test_the_published_context_v1_keeps_its_terms(formats_site: Path):
    context = json.loads((formats_site / OWN_CONTEXT_URI).read_text("utf-8"))["@context"]
    assert set(context) == CONTEXT_V1_TERMS
    assert OWN_CONTEXT_URI.endswith("-v1.jsonld")
    assert context["address"] == "https://schema.org/address"
    assert context["certificateNumber"] == f"{SITE_URL}integrateurs/#certificateNumber"


def test_beside_each_jwt_the_same_credential_is_an_enveloped_json_credential(formats_site: Path):
    """VCDM 2.0 §4.13: platforms that take JSON get the signed credential as a data: URL."""
    import jsonschema

    tokens = sorted(formats_site.glob("certificats/*/attestation-*.jwt"))
    assert tokens
    schema = json.loads((REFERENCE / "vcdm2-schema.json").read_text("utf-8"))
    for token in tokens:
        envelope = json.loads(token.with_suffix(".json").read_text("utf-8"))
        assert envelope["type"] == "EnvelopedVerifiableCredential"
        assert envelope["@context"] == ["https://www.w3.org/ns/credentials/v2"]
        media, _, inner = envelope["id"].partition(",")
        assert media == "data:application/vc+jwt"
        assert inner == token.read_text("utf-8").strip()
        if REFERENCE.is_dir():
            assert payload(inner)["type"][-1] == "VerifiableCredential"
            jsonschema.validate(payload(inner), schema)


def test_the_referentiel_of_a_credential_is_named_by_its_page_url(formats_site: Path):
    """VCDM 2.0 §4.4: an ``id`` is a URL; the référentiel's short identifier is apart."""
    subject = credential_of(formats_site, "demo-co")["credentialSubject"]
    assert subject["referentiel"]["id"] == f"{SITE_URL}referentiels/demo-radar/"
    assert subject["referentiel"]["identifier"] == "demo-radar"
    assert (formats_site / "referentiels/demo-radar/index.html").is_file()


# --- CSV -----------------------------------------------------------------------------------


def test_the_csv_register_has_the_contract_columns_and_every_certificate(formats_site: Path):
    rows = register_rows(formats_site)
    assert list(rows[0])[: len(CONTRACT_COLUMNS)] == CONTRACT_COLUMNS
    assert list(rows[0]) == list(COLUMNS)
    entries = register_json(formats_site)
    assert [
        (
            r["company"],
            r["referentiel"],
            r["certificate"],
            r["status"],
            r["valid_until"],
            r["url"],
            r["credential"],
        )
        for r in rows
    ] == [
        (
            e["company"],
            e["referentiel"],
            e["certificate"],
            e["status"],
            e["valid_until"],
            e["url"],
            e["credential"],
        )
        for e in entries
    ]
    demo = next(r for r in rows if r["company"] == "demo-co")
    assert (demo["siren"], demo["siret"], demo["edition"]) == (
        SIREN,
        SIRET,
        entries[0]["referentiel_version"],
    )
    assert demo["name"] == "Démo Transports Fictifs SAS"  # UTF-8
    assert next(r for r in rows if r["company"] == "demo-suspendu")["siren"] == ""


def test_the_csv_has_crlf_line_ends(formats_site: Path):
    data = (formats_site / "api/certificats.csv").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") == len(register_rows(formats_site)) + 1


def test_a_cell_written_like_a_formula_is_neutralised(formats_site: Path):
    row = next(r for r in register_rows(formats_site) if r["company"] == "demo-expire")
    assert row["name"] == "'" + FORMULA_NAME
    assert not any(
        value.startswith(("=", "+", "-", "@"))
        for r in register_rows(formats_site)
        for value in r.values()
    )


@pytest.mark.parametrize("value", ["=1+1", "+33 1 02 03 04 05", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_of_owasp_gets_a_quote(value: str):
    assert neutralised(value) == "'" + value


@pytest.mark.parametrize("value", ["Démo SAS", "12 rue", "", "a=b", "L'Étoile"])
def test_plain_cells_are_left_as_they_are(value: str):
    assert neutralised(value) == value


# --- feeds ---------------------------------------------------------------------------------


def atom(path: Path) -> ET.Element:
    feed = ET.fromstring(path.read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    return feed


def test_a_company_feed_carries_its_own_status_changes(formats_site: Path):
    feed = atom(formats_site / "certificats/demo-suspendu/feed.xml")
    url = f"{SITE_URL}certificats/demo-suspendu/"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{url}feed.xml"
    assert feed.findtext(f"{ATOM}title").startswith("Suspensions Fictives SARL")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2  # certified, then suspended: the whole history
    assert all(e.find(f"{ATOM}link").get("href") == url for e in entries)
    assert "Suspen" in entries[0].findtext(f"{ATOM}title")
    assert all(e.findtext(f"{ATOM}author/{ATOM}name") for e in entries)


def test_a_referentiel_feed_carries_the_changes_of_its_certificates(formats_site: Path):
    radar = atom(formats_site / "referentiels/demo-radar/feed.xml")
    companies = {
        e.find(f"{ATOM}link").get("href").split("/")[-2] for e in radar.findall(f"{ATOM}entry")
    }
    assert companies == {"demo-co", "demo-suspendu", "demo-retire", "demo-expire"}
    levels = atom(formats_site / "referentiels/demo-levels/feed.xml")
    assert {
        e.find(f"{ATOM}link").get("href").split("/")[-2] for e in levels.findall(f"{ATOM}entry")
    } == {"demo-niveaux"}


def test_the_company_page_links_its_feed_and_calendar(formats_site: Path):
    page = article(formats_site / "certificats/demo-co/index.html")
    links = {a.attrs["href"]: a.attrs.get("type") for a in page.find_all("a")}
    assert links["feed.xml"] == "application/atom+xml"
    assert links["echeances.ics"] == "text/calendar"
    explanation = page.find_all("p", "refpub-subscriptions")[0].text()
    assert "changement de statut" in explanation and "agenda" in explanation


def test_an_applicant_gets_no_feed_calendar_or_csv_row(formats_site: Path):
    folder = formats_site / "certificats/demo-candidat"
    assert not (folder / "feed.xml").exists() and not (folder / "echeances.ics").exists()
    assert "demo-candidat" not in {r["company"] for r in register_rows(formats_site)}


# --- iCalendar -----------------------------------------------------------------------------


def calendar(site: Path, company: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(
        (site / f"certificats/{company}/echeances.ics").read_bytes()
    )


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def test_the_calendar_has_the_next_audit_and_the_end_of_validity(formats_site: Path):
    entry = next(e for e in register_json(formats_site) if e["company"] == "demo-co")
    cal = calendar(formats_site, "demo-co")
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    found = events(cal)
    uid = f"demo-co-demo-radar-{entry['certificate'].lower()}"
    assert set(found) == {f"{uid}-prochain-audit", f"{uid}-fin-de-validite"}
    due = found[f"{uid}-prochain-audit"]
    assert due.decoded("DTSTART") == dt.date.fromisoformat(entry["next_audit"]["due"])
    assert due.decoded("DTEND") - due.decoded("DTSTART") == dt.timedelta(days=1)
    end = found[f"{uid}-fin-de-validite"]
    assert end.decoded("DTSTART") == dt.date.fromisoformat(entry["valid_until"])
    assert str(end["URL"]) == entry["url"]
    assert str(end["STATUS"]) == "CONFIRMED"


def test_calendar_stamps_come_from_source_date_epoch(formats_site: Path):
    stamp = dt.datetime.fromtimestamp(int(SIGNED_ENV["SOURCE_DATE_EPOCH"]), dt.UTC)
    for event in calendar(formats_site, "demo-co").walk("VEVENT"):
        assert event.decoded("DTSTAMP") == stamp


def test_a_withdrawn_certificate_has_its_end_cancelled_and_no_audit_due(formats_site: Path):
    found = events(calendar(formats_site, "demo-retire"))
    assert [uid.rsplit("-", 3)[-3:] for uid in found] == [["fin", "de", "validite"]]
    assert str(next(iter(found.values()))["STATUS"]) == "CANCELLED"


def test_every_calendar_line_ends_in_crlf_within_75_octets(formats_site: Path):
    for path in (formats_site / "certificats").glob("*/echeances.ics"):
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_folding_never_splits_a_character_and_unfolds_to_the_line():
    line = "DESCRIPTION:" + "Échéance « é » ; " * 20
    folded = fold(line).encode("utf-8")
    pieces = folded.split(b"\r\n")[:-1]
    assert all(len(p) <= 75 for p in pieces) and all(p.startswith(b" ") for p in pieces[1:])
    for piece in pieces:
        piece.decode("utf-8")  # each line is whole characters
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line + "\r\n"


def test_text_values_are_escaped():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_a_hostile_company_name_reads_back_whole_from_the_calendar(formats_site: Path):
    import factories

    from refpub.core.certification.register import build_register

    ref = factories.radar_ref()
    name = "Virgules, points; barres \\ et « guillemets »\nligne"
    company = factories.company(
        factories.audit(
            ref, "initial", "initial", "2026-01-06", "certified", "2026-02-01", "DEMO-2026-0009"
        )
    )
    company = replace(company, name=name)
    register = build_register([company], dt.date(2026, 11, 1))
    text = company_calendar(
        company, register.certificates, "https://example.org/c/x/", "20261101T000000Z"
    )
    cal = icalendar.Calendar.from_ical(text)
    assert all(
        name in str(e["DESCRIPTION"]) and name in str(e["SUMMARY"]) for e in cal.walk("VEVENT")
    )


def test_without_source_date_epoch_calendars_are_stamped_at_the_status_date(monkeypatch):
    from refpub.site.ical import build_stamp

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_stamp(dt.date(2026, 11, 23)) == "20261123T000000Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763856000")
    assert build_stamp(dt.date(2026, 11, 23)) == "20251123T000000Z"


# --- keys and claims -----------------------------------------------------------------------


def jwks(site: Path) -> KeySet:
    return KeySet.import_key_set(
        json.loads((site / "attestations/jwks.json").read_text(encoding="utf-8"))
    )


def test_a_credential_verifies_with_joserfc_from_jwks_and_its_header_only(formats_site: Path):
    token = (
        (formats_site / "certificats/demo-co/attestation-demo-radar.jwt")
        .read_text(encoding="utf-8")
        .strip()
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joserfc notes that RFC 9864 prefers "Ed25519"
        decoded = jwt.decode(token, jwks(formats_site), algorithms=["EdDSA"])
    assert decoded.header["kid"].startswith(f"{DID}#")
    assert decoded.claims["credentialSubject"]["issuedToParty"]["registeredId"] == SIREN


def test_jwks_keys_are_named_by_the_did_url_of_the_document(formats_site: Path):
    document = json.loads((formats_site / "did.json").read_text(encoding="utf-8"))
    published = json.loads((formats_site / "attestations/jwks.json").read_text("utf-8"))
    assert [k["kid"] for k in published["keys"]] == [
        m["id"] for m in document["verificationMethod"]
    ]


def test_credentials_carry_iss_and_iat(formats_site: Path):
    status_date = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    for path in (formats_site / "certificats").glob("*/attestation-*.jwt"):
        claims = payload(path.read_text(encoding="utf-8"))
        assert claims["iss"] == claims["issuer"]["id"] == DID
        assert claims["iat"] == int(status_date.timestamp())


def test_status_lists_expire_with_their_valid_until(formats_site: Path):
    for name in ("statut-retrait.jwt", "statut-suspension.jwt"):
        token = (formats_site / "attestations" / name).read_text(encoding="utf-8").strip()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            claims = jwt.decode(token, jwks(formats_site), algorithms=["EdDSA"]).claims
        until = dt.datetime.fromisoformat(claims["validUntil"].replace("Z", "+00:00"))
        assert claims["exp"] == int(until.timestamp())
        assert claims["iss"] == claims["issuer"] == DID
        # a generic verifier checking exp refuses the list once stale
        registry = jwt.JWTClaimsRegistry(now=claims["exp"] + 1, leeway=0)
        with pytest.raises(Exception, match="expired"):
            registry.validate(claims)


# --- OSCAL ---------------------------------------------------------------------------------


def oscal_catalog(site: Path, ref_id: str):
    """The published file read by compliance-trestle's OSCAL 1.1 models, which refuse any
    field OSCAL does not define and check every token, UUID and date."""
    from trestle.oscal import OSCAL_VERSION
    from trestle.oscal.catalog import Catalog

    assert OSCAL_VERSION.startswith("1.1.")
    document = json.loads((site / f"referentiels/{ref_id}/oscal.json").read_text("utf-8"))
    return Catalog.parse_obj(document["catalog"]), document


def controls_of(catalog) -> list:
    return [c for section in catalog.groups for e in section.groups for c in e.controls]


def props(node, name: str) -> list[str]:
    return [p.value for p in node.props or [] if p.name == name]


def test_each_referentiel_is_an_oscal_1_1_catalog_of_its_requirements(
    formats_project: Path, formats_site: Path
):
    from refpub.core.audits.repository import load_repository

    referentiels = load_repository(formats_project).referentiels.values()
    assert {ref.id for ref in referentiels} == {"demo-radar", "demo-levels"}
    for ref in referentiels:
        catalog, document = oscal_catalog(formats_site, ref.id)
        assert document["catalog"]["metadata"]["oscal-version"].startswith("1.1.")
        assert catalog.metadata.title == ref.title and catalog.metadata.version == ref.version
        assert [g.title for g in catalog.groups] == [s.title for s in ref.sections]
        assert [g.title for s in catalog.groups for g in s.groups] == [
            e.title for e in ref.engagements
        ]
        controls = controls_of(catalog)
        assert [props(c, "requirement-id") for c in controls] == [[r] for r in ref.requirements]
        assert [props(c, "label") for c in controls] == [
            [r.number] for r in ref.requirements.values()
        ]


def test_oscal_controls_carry_weights_levels_and_their_statement(formats_site: Path):
    radar, _ = oscal_catalog(formats_site, "demo-radar")
    weights = [float(w) for c in controls_of(radar) for w in props(c, "weight")]
    assert weights and len(weights) == len(controls_of(radar))
    for control in controls_of(radar):
        statement = next(p for p in control.parts if p.name == "statement")
        assert statement.prose and control.title.startswith(props(control, "label")[0])
    levels, _ = oscal_catalog(formats_site, "demo-levels")
    assert all(props(c, "level") for c in controls_of(levels))
    assert all(
        p.ns and str(p.ns).startswith(SITE_URL)
        for c in controls_of(levels)
        for p in c.props
        if p.name == "level"
    )


def test_the_shipped_referentiels_make_valid_oscal_catalogs():
    """CLIQ® and AMARC, every requirement; AMARC's numeric item ids become OSCAL tokens."""
    from trestle.oscal.catalog import Catalog

    from refpub.core.audits.repository import load_repository
    from refpub.core.referentiels import oscal

    referentiels = load_repository(Path(__file__).resolve().parents[1]).referentiels.values()
    assert {"cliq-2006", "amarc-re-mrc-03"} <= {ref.id for ref in referentiels}
    for ref in referentiels:
        document = oscal.catalog(
            ref,
            f"{SITE_URL}referentiels/{ref.id}/",
            dt.date(2026, 11, 23),
            f"{SITE_URL}integrateurs/#proprietes-oscal",
        )
        catalog = Catalog.parse_obj(document["catalog"])
        assert len(controls_of(catalog)) == len(ref.requirements)
        if ref.model == "radar":
            total = sum(float(w) for c in controls_of(catalog) for w in props(c, "weight"))
            assert total == pytest.approx(sum(ref.evaluation.weights.values()))


def test_oscal_prose_escapes_markdown_and_leaves_editorial_notes_out():
    from refpub.core.referentiels.oscal import prose

    assert prose(("Les *clients* [1]", {"list": ["a_b"]}, {"editorial": "note"})) == (
        "Les \\*clients\\* \\[1\\]\n\n- a\\_b"
    )
