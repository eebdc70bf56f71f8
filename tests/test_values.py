"""Values are what they look like (issue #20.3): a pattern matches the whole value, texts show
visible characters, no control, bidirectional or zero-width character gets through, dates
are plausible, a website leads where it says, SIREN and SIRET numbers hold their checksum,
and no two data files would publish one page over the other.

Each case breaks a copy of the mini project the way a careless clerk or an attacker would and
runs ``refpub validate`` in-process: the problem is on its line, in French, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from credential_support import SIGNED_ENV, audit_yaml, make_signed_project

from refpub.cli import main
from refpub.core import vocabulary
from refpub.core.audits.repository import load_repository
from refpub.core.checks import checking, values
from refpub.core.intake.source import FORBIDDEN_CHARACTERS, load_yaml, parse_yaml
from refpub.core.schemas.audit import COMPANY_SCHEMA, audit_schema

from conftest import PROJECT, mkdocs_build

COMPANY = "audits/demo-co/company.yaml"
AUDIT = "audits/demo-co/2026-01-10-initial.yaml"
OTHER_COMPANY = "audits/demo-niveaux/company.yaml"


def validate(root: Path) -> list[str]:
    """The problem lines of `refpub validate ROOT`, checked to be clean (no traceback)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["validate", str(root)])
    lines = out.getvalue().splitlines()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert all(re.match(r"^[^\s].*?:\d+:", line) for line in lines), lines
    assert (status == 1) == bool(lines), (status, lines)
    return lines


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, path: str, fragment: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def reported(lines: list[str], path: str, line: int, *words: str) -> bool:
    return any(out.startswith(f"{path}:{line}:") and all(w in out for w in words) for out in lines)


def second_company_with(root: Path, number: str) -> str:
    """A copy of demo-co's certified audit in another company, with ``number`` written as
    YAML text (the literal block of the attack included)."""
    target = "audits/demo-niveaux/2026-01-10-copie.yaml"
    text = (root / AUDIT).read_text(encoding="utf-8")
    (root / target).write_text(
        text.replace("certificate: DEMO-2026-0001", number), encoding="utf-8"
    )
    return target


# --- patterns match whole values -----------------------------------------------------------


def test_a_certificate_number_with_a_trailing_newline_is_refused(mini_project: Path):
    """`certificate: |` + newline once made a number two companies published."""
    target = second_company_with(mini_project, "certificate: |\n    DEMO-2026-0001\n")
    lines = validate(mini_project)
    assert reported(
        lines,
        target,
        line_of(mini_project, target, "certificate:"),
        "« certificate »",
        "forme attendue",
    ), lines


def test_an_alias_with_a_trailing_newline_is_refused(mini_project: Path):
    """An alias "<real-id>\\n" once passed the collision check and made a folder whose name
    holds a newline."""
    edit(mini_project, OTHER_COMPANY, "aliases: [ancien-nom]", 'aliases: ["demo-co\\n"]')
    lines = validate(mini_project)
    assert reported(lines, OTHER_COMPANY, 3, "forme attendue"), lines


@pytest.mark.parametrize(
    "pattern",
    [
        vocabulary.ID_PATTERN,
        vocabulary.REQUIREMENT_ID,
        vocabulary.CERTIFICATE_PATTERN,
        vocabulary.CLAUSE_NUMBER,
        vocabulary.SIREN_PATTERN,
        vocabulary.SIRET_PATTERN,
    ],
)
def test_every_pattern_of_the_vocabulary_refuses_a_final_newline(pattern: str):
    sample = {
        vocabulary.ID_PATTERN: "demo-co",
        vocabulary.REQUIREMENT_ID: "org-1.1",
        vocabulary.CERTIFICATE_PATTERN: "CLIQ-2026-0042",
        vocabulary.CLAUSE_NUMBER: "7.2",
        vocabulary.SIREN_PATTERN: "732829320",
        vocabulary.SIRET_PATTERN: "73282932000074",
    }[pattern]
    assert re.search(pattern, sample)
    for broken in (f"{sample}\n", f"\n{sample}", f"{sample}\n\n", f"{sample} "):
        assert not re.search(pattern, broken), repr(broken)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("aliases", 0), "demo-co\n"),
        (("sites", 0, "name"), "Entrepôt\n"),
        (("siren",), "732829320\n"),
        (("website",), "https://demo.example\n"),
        (("name",), "\u00a0"),
        (("name",), "   "),
    ],
)
def test_both_validators_refuse_a_company_value_with_a_newline_or_nothing_visible(
    where: tuple, value: str
):
    """The fast path (fastjsonschema) and the reference (jsonschema) agree, value by value."""
    data: dict = {
        "name": "Démo",
        "address": "1 rue",
        "sites": [{"name": "Rungis"}],
        "aliases": ["ancien"],
    }
    target = data
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = value
    checkers = checking._checkers(COMPANY_SCHEMA)
    assert not checkers.accepts(data)
    assert any(checkers.reference.iter_errors(data))


def test_both_validators_refuse_a_certificate_number_with_a_trailing_newline():
    repo = load_repository(PROJECT)
    audit = next(
        a
        for c in repo.companies.values()
        for a in c.audits
        if a.decision and a.decision.certificate
    )
    doc, problems = load_yaml(PROJECT / audit.path, audit.path)
    assert doc is not None and not problems
    doc.data["decision"]["certificate"] += "\n"
    checkers = checking._checkers(audit_schema(audit.referentiel))
    assert not checkers.accepts(doc.data)
    assert any(e.validator == "pattern" for e in checkers.reference.iter_errors(doc.data))


def _patterns(schema: object) -> set[str]:
    if isinstance(schema, dict):
        found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_patterns(v) for v in schema))
    return set()


def test_the_published_schemas_patterns_are_valid_ecma_and_refuse_a_final_newline():
    """Editors read schemas/ with ECMA regular expressions (``u`` flag, as JSON Schema
    requires): every pattern compiles there and means what Python reads."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node absent")
    patterns = set().union(
        *(
            _patterns(json.loads(f.read_text(encoding="utf-8")))
            for f in (PROJECT / "schemas").glob("*.json")
        )
    )
    assert vocabulary.CERTIFICATE_PATTERN in patterns
    samples = [
        "demo-co",
        "demo-co\n",
        "CLIQ-2026-0042",
        "CLIQ-2026-0042\n",
        "732829320",
        "732829320\n",
        "org-1.1",
        "org-1.1\n",
        "",
    ]
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(patterns.map(p => samples.map("
        "s => new RegExp(p, 'u').test(s)))));"
    )
    done = subprocess.run(
        [node, "-e", script],
        input=json.dumps([sorted(patterns), samples]),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    ecma = json.loads(done.stdout)
    python = [[bool(re.search(p, s)) for s in samples] for p in sorted(patterns)]
    assert ecma == python


# --- visible text, no control, bidirectional or zero-width character ----------------------


@pytest.mark.parametrize("name", ["'   '", '"\\u00a0"', '"\\u3164"', '" \\t "'])
def test_a_blank_company_name_is_refused(mini_project: Path, name: str):
    edit(mini_project, COMPANY, "name: Démo Transports Fictifs SAS", f"name: {name}")
    lines = validate(mini_project)
    assert reported(lines, COMPANY, 1, "« name »"), lines
    assert len([line for line in lines if line.startswith(f"{COMPANY}:1:")]) == 1, lines


@pytest.mark.parametrize(
    ("name", "stranger"),
    [
        ("Trаnsports Martin", "а"),  # Cyrillic a
        ("Transports Μartin", "Μ"),  # Greek capital mu
        ("Ｔransports Martin", "Ｔ"),  # fullwidth T
        ("𝐓ransports Martin", "𝐓"),  # mathematical bold T
    ],
)
def test_a_name_mixing_latin_with_look_alike_letters_is_refused(
    mini_project: Path, name: str, stranger: str
):
    """A name that reads like another company's is not the same text: search, uniqueness
    and a buyer comparing names on the register all take it for what it looks like."""
    edit(mini_project, COMPANY, "name: Démo Transports Fictifs SAS", f"name: {name}")
    lines = validate(mini_project)
    assert reported(lines, COMPANY, 1, f"« {stranger} »"), lines


@pytest.mark.parametrize("name", ["Transports Αθήνα Logistique", "Société Ελλάς", "Café Œuvre"])
def test_words_of_one_alphabet_each_are_accepted(mini_project: Path, name: str):
    edit(mini_project, COMPANY, "name: Démo Transports Fictifs SAS", f"name: {name}")
    assert validate(mini_project) == []


@pytest.mark.parametrize(
    "char",
    [
        "\u202e",
        "\u202a",
        "\u2066",
        "\u2069",
        "\u200e",
        "\u200f",
        "\u061c",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u2028",
    ],
)
def test_bidirectional_and_zero_width_characters_are_refused_with_their_line(
    mini_project: Path, char: str
):
    code = f"U+{ord(char):04X}"
    escaped = f"\\u{ord(char):04x}"
    edit(mini_project, COMPANY, "name: Entrepôt de Rungis", f'name: "Entrepôt{escaped} Rungis"')
    edit(mini_project, AUDIT, "lead_auditor: Jeanne Exemple", f'lead_auditor: "Jeanne{escaped}"')
    edit(
        mini_project,
        "referentiels/demo-radar.yaml",
        "title: Pilotage",
        f'title: "Pilo{escaped}tage"',
    )
    lines = validate(mini_project)
    for path, fragment in [
        (COMPANY, "Entrepôt"),
        (AUDIT, "lead_auditor"),
        ("referentiels/demo-radar.yaml", "Pilo"),
    ]:
        assert reported(lines, path, line_of(mini_project, path, fragment), code, "retirez-le"), (
            path,
            lines,
        )
    assert all(char not in line for line in lines)  # quoted escaped, never raw


def test_the_invisible_characters_of_a_key_are_refused_too(mini_project: Path):
    edit(mini_project, COMPANY, "activities:", '"activit\\u200bies":')
    lines = validate(mini_project)
    assert reported(lines, COMPANY, line_of(mini_project, COMPANY, "activit"), "U+200B"), lines


def test_every_unicode_format_character_is_refused_by_the_loader():
    """Cf: bidirectional controls, zero-width characters, soft hyphen, invisible tags (the
    « ASCII smuggling » of U+E0000..U+E007F), whatever Unicode version Python has."""
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not FORBIDDEN_CHARACTERS.match(chr(code))
    ]
    assert missing == []


def test_a_one_line_field_refuses_a_line_break_and_a_paragraph_keeps_it(mini_project: Path):
    edit(
        mini_project,
        COMPANY,
        "name: Démo Transports Fictifs SAS",
        "name: |\n  Démo Transports\n  Fictifs SAS",
    )
    edit(
        mini_project,
        AUDIT,
        "public_summary: Audit initial satisfaisant.",
        "public_summary: |\n  Audit initial satisfaisant.\n  Deux points à suivre.",
    )
    lines = validate(mini_project)
    assert reported(lines, COMPANY, 1, "« name »", "une ligne"), lines
    assert not [line for line in lines if line.startswith(AUDIT)], lines


def test_a_blank_paragraph_of_a_referentiel_is_refused_in_french(mini_project: Path):
    path = "referentiels/demo-radar.yaml"
    edit(mini_project, path, '- "Je nomme une personne pour :"', '- "\\u00a0"')
    lines = validate(mini_project)
    assert reported(
        lines, path, line_of(mini_project, path, '"\\u00a0"'), "aucun caractère visible"
    ), lines


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "accepted"),
    [
        ("1989-12-31", False),
        ("1990-01-01", True),
        ("2100-12-31", True),
        ("2101-01-01", False),
        ("9997-01-01", False),
        ("9999-12-31", False),
        ("0001-01-01", False),
    ],
)
def test_decision_dates_outside_1990_to_2100_are_refused_without_traceback(
    mini_project: Path, day: str, accepted: bool
):
    """Decisions dated 9997 and later once raised ValueError in validate."""
    edit(mini_project, AUDIT, "date: 2026-01-10", f"date: {min(day, '2026-01-10')}")
    edit(mini_project, AUDIT, "date: 2026-02-01", f"date: {day}")
    lines = validate(mini_project)
    audit_lines = [line for line in lines if line.startswith(AUDIT)]
    if accepted:
        assert audit_lines == [], lines
    else:
        assert reported(
            lines,
            AUDIT,
            line_of(mini_project, AUDIT, f"date: {day}"),
            "hors de la période admise",
            "1990-01-01",
            "2100-12-31",
        ), lines


def test_an_audit_dated_0001_01_01_is_refused(mini_project: Path):
    """An audit and decision dated 0001-01-01 once validated, then failed the signed build."""
    edit(mini_project, AUDIT, "date: 2026-01-10", "date: 0001-01-01")
    edit(mini_project, AUDIT, "date: 2026-02-01", "date: 0001-01-01")
    lines = validate(mini_project)
    assert reported(lines, AUDIT, 3, "hors de la période admise"), lines
    assert reported(
        lines, AUDIT, line_of(mini_project, AUDIT, "  date: 0001"), "hors de la période admise"
    ), lines


def test_the_edge_dates_that_validate_build_with_a_signing_key(tmp_path: Path):
    """1990-01-01 and 2100-12-31, the first and last days accepted, build signed: the
    credentials hold them (0001-01-01 once failed the signed build with OverflowError)."""
    project = make_signed_project(tmp_path / "project")
    for company, day in (("demo-premier-jour", "1990-01-01"), ("demo-dernier-jour", "2100-12-31")):
        folder = project / "audits" / company
        folder.mkdir()
        (folder / "company.yaml").write_text(
            "name: Bords Fictifs\naddress: 1 rue, 75001 Paris\n", encoding="utf-8"
        )
        (folder / f"{day}-initial.yaml").write_text(
            audit_yaml("initial", day, day, "certified", f"BORD-{day[:4]}-0001"), encoding="utf-8"
        )
    assert validate(project) == []
    result = mkdocs_build(project, tmp_path / "site", SIGNED_ENV)
    assert result.returncode == 0, result.output
    register = json.loads((tmp_path / "site/api/certificats.json").read_text(encoding="utf-8"))
    assert "BORD-1990-0001" in json.dumps(register)


# --- websites -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "website",
    [
        "https://trusted.fr@evil.example/",
        "https://user:pass@evil.example/",
        "javascript:alert(1)",
        "ftp://demo.example",
        "https://",
        "https://localhost/",
        "https://demo.example/a b",
        "https://demo.example:99999/",
        "https://demo.example\\@evil.example",
        "HTTPS://demo.example",
        "https://-x.example/",
        "//demo.example",
        'https://demo.example/"onmouseover=alert(1)',
        "https://dеmo.example/",  # Cyrillic « е »: another domain that reads the same
    ],
)
def test_a_website_that_is_not_a_plain_http_address_is_refused(mini_project: Path, website: str):
    edit(mini_project, COMPANY, "website: https://demo.example", f"website: {json.dumps(website)}")
    lines = validate(mini_project)
    assert reported(lines, COMPANY, line_of(mini_project, COMPANY, "website:"), "« website »"), (
        lines
    )


@pytest.mark.parametrize(
    "website",
    [
        "https://demo.example",
        "http://www.demo.example/",
        "https://transports-café.fr/contact?x=1#carte",
        "https://demo.example:8443/a%20b",
    ],
)
def test_a_plain_website_is_accepted(mini_project: Path, website: str):
    edit(mini_project, COMPANY, "website: https://demo.example", f"website: {json.dumps(website)}")
    assert validate(mini_project) == []


# --- SIREN and SIRET ------------------------------------------------------------------------


def with_identifiers(root: Path, siren: str | None, *sirets: str) -> None:
    lines = ["name: Démo Transports Fictifs SAS", "address: 1 rue de l'Exemple, 94150 Rungis"]
    if siren is not None:
        lines.append(f'siren: "{siren}"')
    lines += ["sites:"] if sirets else []
    for index, siret in enumerate(sirets):
        lines += [f"  - name: Site {index + 1}", f'    siret: "{siret}"']
    (root / COMPANY).write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("siren", "sirets"),
    [
        ("732829320", ["73282932000074"]),
        ("356000000", ["35600000049837", "35600000000048"]),
        ("552081317", []),
    ],
)
def test_a_siren_and_sirets_with_their_checksums_are_accepted(
    mini_project: Path, siren: str, sirets: list[str]
):
    with_identifiers(mini_project, siren, *sirets)
    assert validate(mini_project) == []


@pytest.mark.parametrize(
    ("siren", "sirets", "line", "words"),
    [
        ("732829321", [], 3, "clé de contrôle incorrecte"),
        ("73282932", [], 3, "9 chiffres"),
        ("732 829 320", [], 3, "9 chiffres"),
        ("732829320", ["73282932000075"], 6, "clé de contrôle incorrecte"),
        ("732829320", ["7328293200007"], 6, "14 chiffres"),
        ("356000000", ["35600000049838"], 6, "clé de contrôle incorrecte"),
        ("552081317", ["73282932000074"], 6, "n'est pas un établissement du SIREN « 552081317 »"),
        (None, ["73282932000074"], 5, "sans SIREN"),
        ("732829320", ["73282932000074", "73282932000074"], 8, "déjà donné à un autre site"),
    ],
)
def test_a_wrong_siren_or_siret_is_refused_on_its_line(
    mini_project: Path, siren: str | None, sirets: list[str], line: int, words: str
):
    with_identifiers(mini_project, siren, *sirets)
    lines = validate(mini_project)
    assert reported(lines, COMPANY, line, words), lines


def test_two_company_folders_with_one_siren_are_refused(mini_project: Path):
    with_identifiers(mini_project, "732829320")
    (mini_project / OTHER_COMPANY).write_text(
        (mini_project / OTHER_COMPANY).read_text(encoding="utf-8") + 'siren: "732829320"\n',
        encoding="utf-8",
    )
    lines = validate(mini_project)
    assert reported(lines, OTHER_COMPANY, 1, "SIREN « 732829320 »", "« demo-co »", "aliases"), lines


# --- names the site cannot hold -------------------------------------------------------------


def test_readme_and_index_in_one_company_folder_are_refused_naming_both(mini_project: Path):
    """MkDocs publishes README.md as index.md: one audit page silently replaced the other."""
    for name in ("README.yaml", "index.yaml"):
        (mini_project / f"audits/demo-co/{name}").write_text(
            (mini_project / AUDIT).read_text(encoding="utf-8"), encoding="utf-8"
        )
    lines = validate(mini_project)
    assert reported(
        lines, "audits/demo-co/index.yaml", 1, "« index.yaml »", "« README.yaml »", "même page"
    ), lines


def test_audit_files_differing_only_by_case_are_refused_naming_both(mini_project: Path):
    for name in ("Suivi.yaml", "suivi.yaml"):
        (mini_project / f"audits/demo-co/{name}").write_text(
            (mini_project / AUDIT).read_text(encoding="utf-8"), encoding="utf-8"
        )
    lines = validate(mini_project)
    assert reported(
        lines, "audits/demo-co/suivi.yaml", 1, "« suivi.yaml »", "« Suivi.yaml »", "majuscules"
    ), lines


def test_company_folders_differing_only_by_case_are_refused_naming_both(mini_project: Path):
    twin = mini_project / "audits/Demo-co"
    twin.mkdir()
    (twin / "company.yaml").write_text(
        (mini_project / COMPANY).read_text(encoding="utf-8"), encoding="utf-8"
    )
    lines = validate(mini_project)
    assert reported(lines, "audits/demo-co", 1, "« demo-co »", "« Demo-co »", "majuscules"), lines


def test_the_auditors_page_states_the_rules_validate_applies():
    page = (PROJECT / "docs/auditeurs/valeurs.md").read_text(encoding="utf-8")
    assert "auditeurs/valeurs.md" in (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    for said in (
        values.EARLIEST_DATE.isoformat(),
        values.LATEST_DATE.isoformat(),
        values.LA_POSTE_SIREN,
        "siren:",
        "siret:",
        "U+202E",
        "U+200B",
        "README.yaml",
        "Suivi.yaml",
        "https://entreprise.fr@autre.example/",
        "Trаnsports",
    ):
        assert said in page, said
    schema = json.loads((PROJECT / "schemas/company.schema.json").read_text(encoding="utf-8"))
    example = re.search(r"```yaml\n(.*?)```", page, re.S).group(1)
    doc, problems = parse_yaml(example, "valeurs.md")
    assert doc is not None and not problems
    assert checking.schema_problems(doc, schema) == []


@pytest.mark.parametrize("day", ["0001-01-01", "2101-01-01", "2026-02-30"])
def test_new_audit_refuses_a_date_the_skeleton_could_not_hold(mini_project: Path, day: str):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exit_:
        main(
            [
                "new-audit",
                "demo-co",
                "--referentiel",
                "demo-radar",
                "--type",
                "initial",
                "--date",
                day,
                "--root",
                str(mini_project),
            ]
        )
    assert exit_.value.code == 2
    assert f"« {day} »" in err.getvalue() and "Traceback" not in err.getvalue()
    assert not list((mini_project / "audits/demo-co").glob(f"{day}-*.yaml"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("observations: CONFIDENTIEL-OBS", 'observations: "\\u00a0\\u00a0"'),
        ("comment: CONFIDENTIEL-COMITE", "comment: '   '"),
        ("title: Plan qualité", "title: '  '"),
    ],
)
def test_confidential_texts_need_visible_characters_too(mini_project: Path, old: str, new: str):
    edit(mini_project, AUDIT, old, new)
    lines = validate(mini_project)
    fragment = new.split(":")[0].strip()
    assert reported(
        lines,
        AUDIT,
        line_of(mini_project, AUDIT, new.split(": ")[-1]),
        f"« {fragment} »",
        "aucun caractère visible",
    ), lines
