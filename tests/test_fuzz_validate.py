"""Property tests: random and mutated audit YAML never breaks ``refpub validate``, and
generated repositories that validate accepts build (see the second half), with and without a
signing key, while the values and names that only look right are refused.

Each example replaces one audit of a copy of the mini fixture (plus the CLIQ® and AMARC
référentiels and two example companies of the project) and loads the whole data root the way
``refpub validate`` does. Whatever the input, the result is either no problem or problems
that are all well formed (relative path of an existing file, line >= 1, French message),
never an exception. How fast a load is belongs to the benchmark (``make bench``), not to a
timed assertion that a busy machine fails; expansion bombs are refused structurally
(``test_source.py``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import os
import re
import shutil
import string
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from credential_support import SIGNED_ENV, SITE_URL

from conftest import FIXTURES, PROJECT, refpub

hypothesis = pytest.importorskip("hypothesis", reason="pip install hypothesis (extra [test])")
from hypothesis import HealthCheck, Phase, event, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from refpub.cli import main as cli_main  # noqa: E402
from refpub.core.audits.repository import load_repository  # noqa: E402
from refpub.core.checks import checking  # noqa: E402
from refpub.core.checks.problems import Problem  # noqa: E402
from refpub.core.intake.cache import CheckedFiles  # noqa: E402
from refpub.core.schemas.audit import audit_schema  # noqa: E402

EXAMPLES = 120
PROJECT_COMPANIES = ("transports-fictifs-durand", "eaux-fictives-du-dauphine")
PROJECT_REFERENTIELS = ("cliq-2006", "amarc-re-mrc-03")
FRENCH = re.compile(
    r"«|\b(?:de|du|des|la|le|les|un|une|doit|est|pas|ne|invalide|manquant|"
    r"inconnue?|fichier|valeur|clé|champ|décision|audit|trop)\b",
    re.I,
)
KEY_LINE = re.compile(r"^(\s*-?\s*)(\"[^\"]*\"|[\w.-]+):(.*)$")

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- the data root -----------------------------------------------------------------------


def _make_root(target: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", target)
    for ident in PROJECT_REFERENTIELS:
        shutil.copy2(PROJECT / "referentiels" / f"{ident}.yaml", target / "referentiels")
    for company in PROJECT_COMPANIES:
        shutil.copytree(PROJECT / "audits" / company, target / "audits" / company)
    # the example audits are sealed: their recipients come along
    shutil.copytree(PROJECT / "confidentiel", target / "confidentiel")
    return target


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = _make_root(tmp_path_factory.mktemp("fuzz") / "mini")
    repo = load_repository(data)
    assert repo.problems == []
    # both audit schemas of each référentiel compiled once, as a long preview has them: the
    # example audits are sealed (public fields only), a mutation may unseal one
    for ref in repo.referentiels.values():
        for public_only in (False, True):
            assert checking._checkers(audit_schema(ref, public_only)).fast is not None
    return data


def _seeds() -> list[Path]:
    """Audit files (relative to the root) that mutations start from."""
    mini = sorted(
        p.relative_to(FIXTURES / "mini")
        for p in (FIXTURES / "mini").glob("audits/*/*.yaml")
        if p.name != "company.yaml"
    )
    project = sorted(
        p.relative_to(PROJECT)
        for c in PROJECT_COMPANIES
        for p in (PROJECT / "audits" / c).glob("*.yaml")
        if p.name != "company.yaml"
    )
    return mini + project[:2] + project[-1:]


SEEDS = _seeds()


# --- mutations of the text ---------------------------------------------------------------

WEIRD_VALUES = [
    "",
    "~",
    "null",
    "[]",
    "{}",
    "true",
    "no",
    "0",
    "-1",
    "3.5",
    "1e400",
    "-.inf",
    ".nan",
    str(10**60),
    "-" + str(10**40),
    "0x_ff",
    "0o777",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "99999-01-01",
    "2026-1-1",
    "2026-01-01T25:61:00",
    "2026-01-01 10:00:00+02:00",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [echo]",
    "!!set {a, b}",
    "!!timestamp 2026-02-30",
    "!!int abc",
    "!!float x",
    "&anchor value",
    "*missing",
    "|\n  bloc",
    ">-\n  plié",
    '"non fermé',
    "'non fermé",
    "{a: 1",
    "[1, 2",
    "@réservé",
    "`backtick",
    "% directive",
    "? complexe",
    "- liste",
    "é" * 500,
    "\u202e\u200b\ufeff",
    "\ud7ff\ue000\U0001f600",
    "\x85\u2028\u2029",
    "\t",
    "x" * 20000,
]
KEYS = [
    "referentiel",
    "type",
    "date",
    "lead_auditor",
    "decision",
    "outcome",
    "certificate",
    "grades",
    "items",
    "level",
    "result",
    "approach",
    "deployment",
    "results",
    "review",
    "org-1.1",
    "op-3.3",
    "1.1",
    "4.2.1",
    "persons_met",
    "evidence",
    "<<",
    "? x",
    "",
    "é",
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _delete_line(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    del lines[draw(st.integers(0, len(lines) - 1))]
    return "\n".join(lines)


def _duplicate_line(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    index = draw(st.integers(0, len(lines) - 1))
    lines.insert(draw(st.integers(0, len(lines))), lines[index])
    return "\n".join(lines)


def _key_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if KEY_LINE.match(line)] or [0]


def _rename_key(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    index = draw(st.sampled_from(_key_lines(lines)))
    new_key = draw(st.sampled_from(KEYS) | st.text(max_size=12))
    lines[index] = KEY_LINE.sub(lambda m: f"{m.group(1)}{new_key}:{m.group(3)}", lines[index])
    return "\n".join(lines)


def _change_value(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    index = draw(st.sampled_from(_key_lines(lines)))
    value = draw(
        st.sampled_from(WEIRD_VALUES)
        | st.text(max_size=30)
        | st.integers().map(str)
        | st.floats().map(repr)
    )
    lines[index] = KEY_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: {value}", lines[index])
    return "\n".join(lines)


def _insert_unicode(text: str, draw: st.DrawFn) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.text(min_size=1, max_size=20)) + text[at:]


def _truncate(text: str, draw: st.DrawFn) -> str:
    return text[: draw(st.integers(0, len(text)))]


def _reindent(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    index = draw(st.integers(0, len(lines) - 1))
    prefix = draw(st.sampled_from(["", " ", "  ", "   ", "\t", "        ", "-  "]))
    lines[index] = prefix + lines[index].lstrip(" ")
    return "\n".join(lines)


def _anchors(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    keyed = _key_lines(lines)
    first, second = draw(st.sampled_from(keyed)), draw(st.sampled_from(keyed))
    lines[first] = KEY_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: &a{m.group(3)}", lines[first])
    alias = draw(st.sampled_from(["*a", "[*a, *a, *a]", "{<<: *a}", "*a *a"]))
    lines[second] = KEY_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: {alias}", lines[second])
    return "\n".join(lines)


def alias_bomb(width: int) -> str:
    """A billion-laughs document: 10 × width**8 values once the aliases are expanded."""
    bomb = ["bomb0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"bomb{i}: &b{i} [{', '.join([f'*b{i - 1}'] * width)}]" for i in range(1, 9)]
    return "\n".join(bomb) + "\n"


def _alias_bomb(text: str, draw: st.DrawFn) -> str:
    return text + "\n" + alias_bomb(draw(st.integers(2, 12)))


def _nesting(text: str, draw: st.DrawFn) -> str:
    depth = draw(st.sampled_from([50, 500, 5000, 50000]))
    opening, closing = draw(st.sampled_from([("[", "]"), ("{a: ", "}")]))
    return text + f"\nobservations: {opening * depth}1{closing * depth}\n"


def _huge_number(text: str, draw: st.DrawFn) -> str:
    lines = _lines(text)
    index = draw(st.sampled_from(_key_lines(lines)))
    number = draw(st.sampled_from([str(10**4000), "9" * 5000 + ".5", "1e99999", "-0"]))
    lines[index] = KEY_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: {number}", lines[index])
    return "\n".join(lines)


Mutation = Callable[[str, st.DrawFn], str]
MUTATIONS: list[Mutation] = [
    _delete_line,
    _duplicate_line,
    _rename_key,
    _change_value,
    _insert_unicode,
    _truncate,
    _reindent,
    _anchors,
    _alias_bomb,
    _nesting,
    _huge_number,
]


@st.composite
def mutated_audits(draw: st.DrawFn) -> tuple[Path, str]:
    seed = draw(st.sampled_from(SEEDS))
    base = FIXTURES / "mini" if (FIXTURES / "mini" / seed).is_file() else PROJECT
    text = (base / seed).read_text(encoding="utf-8")
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4)):
        text = mutation(text, draw)
    return seed, text


# --- random documents --------------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(max_size=20)
    | st.dates().map(str)
    | st.sampled_from(KEYS)
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)


@st.composite
def random_audits(draw: st.DrawFn) -> tuple[Path, str]:
    seed = draw(st.sampled_from(SEEDS))
    document = draw(DOCUMENTS)
    if isinstance(document, dict) and draw(st.booleans()):
        document.setdefault(
            "referentiel",
            draw(st.sampled_from(["demo-radar", "demo-levels", *PROJECT_REFERENTIELS])),
        )
    return seed, yaml.safe_dump(document, allow_unicode=True, default_flow_style=None)


# --- the property ------------------------------------------------------------------------


def malformed(problem: Problem, root: Path) -> Iterator[str]:
    if not isinstance(problem.path, str) or not problem.path:
        yield "chemin vide"
    elif problem.path.startswith("/") or "\\" in problem.path or ".." in problem.path.split("/"):
        yield "chemin non relatif"
    elif not (root / problem.path).exists():
        yield "chemin inexistant"
    if not isinstance(problem.line, int) or problem.line < 1:
        yield "ligne < 1"
    if not isinstance(problem.column, int) or problem.column < 0:
        yield "colonne < 0"
    if not problem.message or not FRENCH.search(problem.message):
        yield "message non français"
    if "Traceback" in problem.message:
        yield "trace Python dans le message"


#: What was checked of the unchanged files (référentiels, the other audits), kept from one
#: example to the next as the live preview keeps it.
CHECKED = CheckedFiles()


def check(root: Path, seed: Path, text: str) -> None:
    target = root / seed
    original = target.read_bytes()
    target.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        repo = load_repository(root, CHECKED)
    finally:
        target.write_bytes(original)
    bad = [f"{p.format_text()} -> {reason}" for p in repo.problems for reason in malformed(p, root)]
    assert not bad, "\n".join(bad) + f"\n--- entrée ---\n{text[:2000]}"


@FUZZ
@given(case=mutated_audits())
def test_mutated_audits_give_clean_problems(root: Path, case: tuple[Path, str]) -> None:
    check(root, *case)


@FUZZ
@given(case=random_audits())
def test_random_audits_give_clean_problems(root: Path, case: tuple[Path, str]) -> None:
    check(root, *case)


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(text=st.text(alphabet=string.printable + "«»éàç\u00a0\u2028", max_size=400))
def test_arbitrary_text_gives_clean_problems(root: Path, text: str) -> None:
    check(root, SEEDS[0], text)


def test_cli_reports_nasty_files_without_traceback(tmp_path: Path) -> None:
    """The real command on a few worst cases at once: exit 1, PATH:LINE: lines only."""
    data = _make_root(tmp_path / "mini")
    folder = data / "audits" / "demo-co"
    nasty = {
        "bomb.yaml": "referentiel: demo-radar\n" + alias_bomb(12),
        "deep.yaml": "grades: " + "[" * 50000 + "]" * 50000,
        "binary.yaml": "referentiel: !!binary aGVsbG8=\ndate: 2026-02-30\n",
        "huge.yaml": f"referentiel: demo-radar\ntype: initial\ndate: {10**4000}\n",
        "latin1.yaml": None,
    }
    for name, text in nasty.items():
        if text is None:
            (folder / name).write_bytes("referentiel: démo\n".encode("latin-1"))
        else:
            (folder / name).write_text(text, encoding="utf-8")
    result = refpub("validate", str(data))
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines and all(re.match(r"^audits/[\w-]+/[\w.-]+:\d+:", line) for line in lines), (
        result.output
    )
    assert {line.split(":")[0] for line in lines} >= {f"audits/demo-co/{n}" for n in nasty}


# --- generated repositories: validate never fails badly, and what it accepts builds ------------
#
# Each example is a copy of the mini project plus companies, audits, decisions and entries
# drawn below: names full of characters that mean something in HTML, XML, JSON, YAML,
# Markdown, Jinja or GitHub's workflow commands, audit file names at the edge of what is
# allowed, certificate numbers that may collide, and (for the validation-only property)
# files in odd places, links and special files. `refpub validate` runs in-process; when it
# accepts, the site is built in-process with `--strict` and every XML and JSON file parses.

HOSTILE_PIECES = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "&",
    '"',
    "'",
    "]]>",
    "-->",
    "<!--",
    "{{ 7*7 }}",
    "{% raw %}",
    "${x}",
    "%",
    "%0A",
    "::error::x",
    "\\",
    "`",
    "*gras*",
    "_x_",
    "# titre",
    "[lien](javascript:alert(1))",
    "|",
    ":",
    ",",
    "- x",
    "? x",
    "\u00a0",
    "😀",
    "é",
    "ß",
    "—",
    " ",
    "  x  ",
    "0",
    "]",
    "<",
    "ĳ",
    "Ω",
    "中文",
    "true",
    "null",
    "2026-01-01",
    "@",
    "!!str",
    "&a",
    "*a",
    "\U0001d400",
    "\u0301",
]
CONTROL_PIECES = ["\x01", "\x1b[31m", "\x7f", "\x85", "\ufffe", "\n", "\r", "\x0b", "\t"]
#: Characters that show a text other than the one stored (bidirectional controls) or hide
#: in it (zero-width, soft hyphen, invisible tags), and the line separators: validate
#: refuses each of them in any value (issue #20.3).
INVISIBLE_PIECES = [
    "\u202e",
    "\u202a",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\U000e0041",
    "\u2028",
    "\u2029",
]
#: Names with nothing visible: refused wherever a text is required.
BLANK_NAMES = ["   ", "\u00a0", "\u200b", "\u3164", "\u2800", " \u00a0 ", "\u0301"]


def _texts(pieces: list[str], alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.sampled_from(pieces) | st.text(alphabet, max_size=6)
    return st.lists(piece, min_size=1, max_size=5).map("".join).filter(_visible)


def _visible(text: str) -> bool:
    """Some letter, digit, punctuation or symbol (a blank name is a twist of its own)."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in "\u3164\u2800" for c in text)


#: Everything validate should accept: no control, format, separator or surrogate character.
ACCEPTABLE_TEXT = _texts(
    HOSTILE_PIECES, st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))
)
ANY_TEXT = _texts(HOSTILE_PIECES + CONTROL_PIECES + INVISIBLE_PIECES, st.characters())
COMPANY_IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
AUDIT_STEMS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,12}", fullmatch=True).filter(
    lambda s: s.lower() != "company"
)
NUMBERS = (
    st.from_regex(r"[A-Z0-9][A-Z0-9-]{2,20}", fullmatch=True)
    | st.from_regex(r"[A-Z]{2,6}-[0-9]{4}-[0-9]{4}", fullmatch=True)
    | st.just("DEMO-2026-0001")
)
ODD_NAMES = st.sampled_from(
    [
        "retrait.YAML",
        "x.yml",
        ".cache.yaml",
        "notes.txt",
        "a b.yaml",
        "a:b,c.yaml",
        "x\n::warning::y.yaml",
        "é.yaml",
        "Company.yaml",
        "archives/x.yaml",
        "sans-extension",
        "%0A.yaml",
        "-x.yaml",
    ]
)
ODD_PLACES = st.sampled_from(
    ["audits", "audits/demo-co", "referentiels", "referentiels/mappings", "audits/demo-co/archives"]
)
ODD_KINDS = st.sampled_from(
    ["audit", "empty", "folder", "link-out", "link-zero", "fifo", "bad-bytes"]
)
DAYS = st.integers(0, 900)
FIRST_DAY = dt.date(2024, 1, 1)
#: Dates at the edges of the accepted period (1990-01-01 to 2100-12-31) and far beyond.
EDGE_DAYS = {
    dt.date(1989, 12, 31): False,
    dt.date(1990, 1, 1): True,
    dt.date(2100, 12, 31): True,
    dt.date(2101, 1, 1): False,
    dt.date(9999, 12, 31): False,
    dt.date(1, 1, 1): False,
}


@st.composite
def company_data(draw: st.DrawFn, text: st.SearchStrategy[str]) -> dict[str, object]:
    data: dict[str, object] = {"name": draw(text), "address": draw(text)}
    if draw(st.booleans()):
        data["sites"] = [{"name": draw(text), "address": draw(text)}]
    if draw(st.booleans()):
        data["activities"] = draw(st.lists(text, min_size=1, max_size=3, unique=True))
    return data


@st.composite
def audit_chain(draw: st.DrawFn, text: st.SearchStrategy[str]) -> list[tuple[str, dict]]:
    """An initial audit of the mini radar référentiel, maybe decided, maybe followed."""
    base = yaml.safe_load(
        (FIXTURES / "mini" / "audits/demo-co/2026-01-10-initial.yaml").read_text(encoding="utf-8")
    )
    day = FIRST_DAY + dt.timedelta(days=draw(DAYS))
    initial = {
        **base,
        "date": day,
        "lead_auditor": draw(text),
        "public_summary": draw(text),
        "observations": draw(text),
    }
    initial.pop("decision")
    stems = draw(st.lists(AUDIT_STEMS, min_size=3, max_size=3, unique=True))
    chain = [(f"{stems[0]}.yaml", initial)]
    if draw(st.booleans()):
        decided = day + dt.timedelta(days=draw(st.integers(0, 60)))
        initial["decision"] = {
            "date": decided,
            "outcome": "certified",
            "certificate": draw(NUMBERS),
        }
        for stem in stems[1 : draw(st.integers(1, len(stems)))]:
            # follow-ups, possibly on the same day as another decision, or after a withdrawal
            later = decided + dt.timedelta(days=draw(st.integers(0, 400)))
            follow = {
                **initial,
                "type": "suivi-1",
                "date": later,
                "decision": {
                    "date": later + dt.timedelta(days=draw(st.integers(0, 30))),
                    "outcome": draw(st.sampled_from(["maintained", "suspended", "withdrawn"])),
                },
            }
            chain.append((f"{stem}.yaml", follow))
    return chain


#: One value or name that only looks right, put into the first generated company (see
#: ``_twist``), and whether validate may accept the repository with it.
TWISTS = (
    st.tuples(st.just("invisible"), st.sampled_from(INVISIBLE_PIECES))
    | st.tuples(st.just("blank-name"), st.sampled_from(BLANK_NAMES))
    | st.tuples(st.just("line-break"), st.sampled_from(["name", "certificate", "alias"]))
    | st.tuples(st.just("date"), st.sampled_from(sorted(EDGE_DAYS)))
    | st.tuples(st.just("collision"), st.sampled_from(["README", "case", "folder"]))
)


def accepted_twist(twist: tuple[str, object] | None) -> bool:
    """Whether a repository with ``twist`` may validate: only dates inside the period."""
    return twist is None or (twist[0] == "date" and EDGE_DAYS[twist[1]])


@st.composite
def repositories(draw: st.DrawFn, odd_entries: bool) -> dict[str, object]:
    """A plan of what to add to the mini project (printed by Hypothesis when it fails)."""
    text = ANY_TEXT if odd_entries else ACCEPTABLE_TEXT
    companies = draw(
        st.dictionaries(
            COMPANY_IDS.filter(lambda c: c not in ("demo-co", "demo-niveaux", "ancien-nom")),
            st.tuples(company_data(text), audit_chain(text)),
            min_size=1,
            max_size=3,
        )
    )
    plan: dict[str, object] = {
        "demo-co": draw(company_data(text)),
        "companies": companies,
        "twist": draw(TWISTS) if draw(st.integers(0, 2)) == 0 else None,
        "signed": draw(st.booleans()),
    }
    if odd_entries:
        plan["odd"] = draw(st.lists(st.tuples(ODD_PLACES, ODD_NAMES, ODD_KINDS), max_size=3))
    return plan


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _odd_entry(root: Path, place: str, name: str, kind: str) -> None:
    target = root / place / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        return
    if kind == "audit":
        shutil.copy(root / "audits/demo-co/2026-01-10-initial.yaml", target)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "folder":
        target.mkdir()
    elif kind == "link-out":
        target.symlink_to(root.parent, target_is_directory=True)
    elif kind == "link-zero":
        target.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.write_bytes(b"name: caf\xe9\n")


def _twist(
    companies: dict[str, tuple[dict, list]], twist: tuple[str, object] | None
) -> dict[str, tuple[dict, list]]:
    """The generated companies with ``twist`` applied to the first one (a copy)."""
    companies = copy.deepcopy(companies)
    if twist is None:
        return companies
    kind, value = twist
    data, chain = next(iter(companies.values()))
    first = chain[0][1]
    if kind == "invisible":
        data["name"] = f"Transports{value}Fictifs"
    elif kind == "blank-name":
        data["name"] = value
    elif kind == "line-break" and value == "name":
        data["name"] += "\n"
    elif kind == "line-break" and value == "alias":
        data["aliases"] = ["demo-co\n"]
    elif kind == "line-break":
        first["decision"] = {
            "date": first["date"],
            "outcome": "certified",
            "certificate": "DEMO-2026-0001\n",
        }
    elif kind == "date":
        first["date"] = value
        if "decision" in first:
            first["decision"]["date"] = value
        del chain[1:]  # follow-ups would precede the decision
    return companies


def _colliding_names(root: Path, company: str, how: str) -> None:
    """Two data files, or two company folders, the site cannot hold apart."""
    folder = root / "audits" / company
    audit = next(f for f in sorted(folder.glob("*.yaml")) if f.name != "company.yaml")
    if how == "folder" and company.upper() != company:
        shutil.copytree(folder, folder.with_name(company.upper()))
    elif how == "case" and audit.stem.swapcase() != audit.stem:
        shutil.copy(audit, folder / f"{audit.stem.swapcase()}{audit.suffix}")
    else:  # README and index, or names without letters to change the case of
        shutil.copy(audit, folder / "README.yaml")
        shutil.copy(audit, folder / "index.yaml")


def materialise(root: Path, plan: dict[str, object]) -> None:
    shutil.copytree(FIXTURES / "mini", root)
    if plan.get("signed"):  # the did:web of the credentials derives from the site_url
        config = root / "mkdocs.yml"
        config.write_text(
            f"site_url: {SITE_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8"
        )
    (root / "audits/demo-co/company.yaml").write_text(_dump(plan["demo-co"]), encoding="utf-8")
    twist = plan.get("twist")
    for company, (data, chain) in _twist(plan["companies"], twist).items():
        folder = root / "audits" / company
        folder.mkdir()
        (folder / "company.yaml").write_text(_dump(data), encoding="utf-8")
        for name, audit in chain:
            (folder / name).write_text(_dump(audit), encoding="utf-8")
    if twist and twist[0] == "collision":
        _colliding_names(root, next(iter(plan["companies"])), twist[1])
    for place, name, kind in plan.get("odd", []):
        _odd_entry(root, place, name, kind)


PROBLEM_LINE = re.compile(r"^[^\s].*?:\d+:(\d+:)? \S")


def validate_in_process(root: Path) -> tuple[int, list[str]]:
    """`refpub validate ROOT` as the CLI runs it: exit status and stdout lines, checked to be
    one well-formed problem per line (an exception here fails the property)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli_main(["validate", str(root)])
    lines = out.getvalue().splitlines()
    assert status in (0, 1), err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    bad = [line for line in lines if not PROBLEM_LINE.match(line)]
    assert not bad, bad
    counted = re.search(r"(\d+) problèmes? trouvés?", err.getvalue())
    assert len(lines) == (int(counted.group(1)) if counted else 0), out.getvalue()
    assert (status == 0) == (lines == [])
    return status, lines


def build_in_process(root: Path, signed: bool = False) -> Path:
    """`mkdocs build --strict` of ``root`` in this process (no interpreter start-up); with
    ``signed``, with the TEST signing key, as the publish workflow builds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = root.parent / "site"
    with pytest.MonkeyPatch.context() as patch:
        if signed:
            patch.setenv("REFPUB_SIGNING_KEY", SIGNED_ENV["REFPUB_SIGNING_KEY"])
        else:
            patch.delenv("REFPUB_SIGNING_KEY", raising=False)
        build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=True))
    assert (site / "attestations/jwks.json").is_file() == signed
    return site


def assert_outputs_parse(site: Path) -> None:
    """Every XML (feed, SVG badges and QR codes, sitemap) and JSON file of the site parses."""
    checked = 0
    for file in sorted(site.rglob("*")):
        if file.suffix in (".xml", ".svg"):
            ET.parse(file)
        elif file.suffix == ".json":
            json.loads(file.read_text(encoding="utf-8"))
        else:
            continue
        checked += 1
    assert checked and (site / "certificats/feed.xml").is_file()


@pytest.fixture(scope="module")
def build_environment() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setenv("REFPUB_TODAY", "2026-11-01")
        patch.delenv("REFPUB_INTERNAL", raising=False)
        yield


#: No shrinking: a repository is slow to shrink; Hypothesis prints the failing plan as drawn.
REPOSITORIES = dict(
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@settings(max_examples=40, **REPOSITORIES)
@given(plan=repositories(odd_entries=True))
def test_validate_reports_generated_repositories_line_by_line(plan: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "depot"
        materialise(root, plan)
        status, _ = validate_in_process(root)
        assert status == 1 or accepted_twist(plan["twist"]), plan["twist"]


@settings(max_examples=12, **REPOSITORIES)
@given(plan=repositories(odd_entries=False))
def test_what_validate_accepts_builds_strictly_with_parsable_outputs(
    build_environment: None, plan: dict[str, object]
) -> None:
    """Unusual characters, dates at the edges and colliding names included: what must be
    refused is, and what is accepted builds, with and without a signing key."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "depot"
        materialise(root, plan)
        status, lines = validate_in_process(root)
        twist = plan["twist"][0] if plan["twist"] else "none"
        event(f"{twist}: " + ("accepted and built" if status == 0 else "refused"))
        assert status == 1 or accepted_twist(plan["twist"]), (plan["twist"], lines)
        if status == 0:
            assert_outputs_parse(build_in_process(root, signed=bool(plan["signed"])))


def test_a_hostile_but_valid_repository_is_accepted_and_builds(
    build_environment: None, tmp_path: Path
) -> None:
    """One fixed example of the property above that must reach the build."""
    name = "".join(HOSTILE_PIECES[:20])
    chain = [
        (
            "2026-01-10-initial.yaml",
            {
                **yaml.safe_load(
                    (FIXTURES / "mini" / "audits/demo-co/2026-01-10-initial.yaml").read_text(
                        encoding="utf-8"
                    )
                ),
                "lead_auditor": name,
                "decision": {
                    "date": dt.date(2026, 2, 2),
                    "outcome": "certified",
                    "certificate": "HOSTILE-0001",
                },
            },
        )
    ]
    plan = {
        "demo-co": {"name": name, "address": name, "activities": [name]},
        "companies": {"x-1": ({"name": name, "address": name}, chain)},
    }
    root = tmp_path / "depot"
    materialise(root, plan)
    assert validate_in_process(root) == (0, [])
    site = build_in_process(root)
    assert_outputs_parse(site)
    feed = ET.parse(site / "certificats/feed.xml").getroot()
    assert any(name in (t.text or "") for t in feed.iter("{http://www.w3.org/2005/Atom}title"))
