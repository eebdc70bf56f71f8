"""Property tests: random and mutated audit YAML never breaks ``refpub validate``.

Each example replaces one audit of a copy of the mini fixture (plus the CLIQ® and AMARC
référentiels and two example companies of the project) and loads the whole data root the way
``refpub validate`` does. Whatever the input, the result is either no problem or problems
that are all well formed (relative path of an existing file, line >= 1, French message),
never an exception, and each load stays under a time bound.
"""

from __future__ import annotations

import re
import shutil
import string
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, PROJECT, refpub

hypothesis = pytest.importorskip("hypothesis", reason="pip install hypothesis (extra [test])")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from refpub.core.problems import Problem  # noqa: E402
from refpub.core.repository import load_repository  # noqa: E402

TIME_BOUND = 2.0  # seconds for one load of the data root
EXAMPLES = 120
PROJECT_COMPANIES = ("transports-fictifs-durand", "eaux-fictives-du-dauphine")
PROJECT_REFERENTIELS = ("cliq-2006", "amarc-re-mrc-03")
FRENCH = re.compile(r"«|\b(?:de|du|des|la|le|les|un|une|doit|est|pas|ne|invalide|manquant|"
                    r"inconnue?|fichier|valeur|clé|champ|décision|audit|trop)\b", re.I)
KEY_LINE = re.compile(r"^(\s*-?\s*)(\"[^\"]*\"|[\w.-]+):(.*)$")

FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- the data root -----------------------------------------------------------------------

def _make_root(target: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", target)
    for ident in PROJECT_REFERENTIELS:
        shutil.copy2(PROJECT / "referentiels" / f"{ident}.yaml", target / "referentiels")
    for company in PROJECT_COMPANIES:
        shutil.copytree(PROJECT / "audits" / company, target / "audits" / company)
    return target


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = _make_root(tmp_path_factory.mktemp("fuzz") / "mini")
    assert load_repository(data).problems == []
    return data


def _seeds() -> list[Path]:
    """Audit files (relative to the root) that mutations start from."""
    mini = sorted(p.relative_to(FIXTURES / "mini") for p in (FIXTURES / "mini").glob(
        "audits/*/*.yaml") if p.name != "company.yaml")
    project = sorted(p.relative_to(PROJECT) for c in PROJECT_COMPANIES
                     for p in (PROJECT / "audits" / c).glob("*.yaml") if p.name != "company.yaml")
    return mini + project[:2] + project[-1:]


SEEDS = _seeds()


# --- mutations of the text ---------------------------------------------------------------

WEIRD_VALUES = [
    "", "~", "null", "[]", "{}", "true", "no", "0", "-1", "3.5", "1e400", "-.inf", ".nan",
    str(10**60), "-" + str(10**40), "0x_ff", "0o777", "2026-02-30", "2026-13-01", "0000-00-00",
    "99999-01-01", "2026-1-1", "2026-01-01T25:61:00", "2026-01-01 10:00:00+02:00",
    "!!binary aGVsbG8=", "!!python/object/apply:os.system [echo]", "!!set {a, b}",
    "!!timestamp 2026-02-30", "!!int abc", "!!float x", "&anchor value", "*missing",
    "|\n  bloc", ">-\n  plié", "\"non fermé", "'non fermé", "{a: 1", "[1, 2", "@réservé",
    "`backtick", "% directive", "? complexe", "- liste", "é" * 500, "\u202e\u200b\ufeff",
    "\ud7ff\ue000\U0001f600", "\x85\u2028\u2029", "\t", "x" * 20000,
]
KEYS = ["referentiel", "type", "date", "lead_auditor", "decision", "outcome", "certificate",
        "grades", "items", "level", "result", "approach", "deployment", "results", "review",
        "org-1.1", "op-3.3", "1.1", "4.2.1", "persons_met", "evidence", "<<", "? x", "", "é"]


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
    value = draw(st.sampled_from(WEIRD_VALUES) | st.text(max_size=30)
                 | st.integers().map(str) | st.floats().map(repr))
    lines[index] = KEY_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: {value}", lines[index])
    return "\n".join(lines)


def _insert_unicode(text: str, draw: st.DrawFn) -> str:
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.text(min_size=1, max_size=20)) + text[at:]


def _truncate(text: str, draw: st.DrawFn) -> str:
    return text[:draw(st.integers(0, len(text)))]


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
    lines[first] = KEY_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: &a{m.group(3)}",
                                lines[first])
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
MUTATIONS: list[Mutation] = [_delete_line, _duplicate_line, _rename_key, _change_value,
                             _insert_unicode, _truncate, _reindent, _anchors, _alias_bomb,
                             _nesting, _huge_number]


@st.composite
def mutated_audits(draw: st.DrawFn) -> tuple[Path, str]:
    seed = draw(st.sampled_from(SEEDS))
    base = FIXTURES / "mini" if (FIXTURES / "mini" / seed).is_file() else PROJECT
    text = (base / seed).read_text(encoding="utf-8")
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4)):
        text = mutation(text, draw)
    return seed, text


# --- random documents --------------------------------------------------------------------

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text(max_size=20) | st.dates().map(str) | st.sampled_from(KEYS))
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                         | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner,
                                           max_size=6), max_leaves=40)


@st.composite
def random_audits(draw: st.DrawFn) -> tuple[Path, str]:
    seed = draw(st.sampled_from(SEEDS))
    document = draw(DOCUMENTS)
    if isinstance(document, dict) and draw(st.booleans()):
        document.setdefault("referentiel", draw(st.sampled_from(
            ["demo-radar", "demo-levels", *PROJECT_REFERENTIELS])))
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


def check(root: Path, seed: Path, text: str) -> None:
    target = root / seed
    original = target.read_bytes()
    target.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        start = time.perf_counter()
        repo = load_repository(root)
        elapsed = time.perf_counter() - start
    finally:
        target.write_bytes(original)
    assert elapsed < TIME_BOUND, f"{seed} : {elapsed:.2f} s (borne {TIME_BOUND} s)\n{text[:500]}"
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
    assert lines and all(re.match(r"^audits/demo-co/[\w.-]+:\d+:", line) for line in lines), \
        result.output
    assert {line.split(":")[0] for line in lines} >= {f"audits/demo-co/{n}" for n in nasty}
