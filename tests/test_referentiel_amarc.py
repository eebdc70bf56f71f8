"""The AMARC RE/MRC/03 référentiel file against its source (shared/seeds/002_*.txt).

Plain YAML checks, no project import: the counts, ids and level marks of the 67 items, the
communication rules, and that each item's first sentence is word for word in the seed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import seed_text

ROOT = Path(__file__).resolve().parents[1]
YAML_FILE = ROOT / "referentiels" / "amarc-re-mrc-03.yaml"
SEED = "002_ee3a4d35e1cfd695.txt"

EXPECTED_IDS = (
    [f"1.{i}" for i in range(1, 21)]
    + [f"2.{i}" for i in range(1, 7)]
    + [f"3.{i}" for i in range(1, 11)]
    + ["4.1", "4.2", "4.2.1", "4.2.2", "4.2.3"]
    + [f"4.{i}" for i in range(3, 17)]
    + [f"5.{i}" for i in range(1, 7)]
    + [f"6.{i}" for i in range(1, 7)]
)

# Items marked with a single « X » (column Niv B only) in the seed's tables.
LEVEL_B_ONLY = [
    "1.2",
    "1.7",
    "1.9",
    "1.11",
    "1.14",
    "1.15",
    "1.19",
    "1.20",
    "2.4",
    "4.5",
    "4.7",
    "4.12",
    "5.6",
    "6.4",
    "6.5",
    "6.6",
]

# Items whose first sentence is cut by a page break: the rest of the table row (level
# marks, documents, control methods) sits between the two halves in the extraction.
SPLIT_BY_PAGE_BREAK = {"1.13", "2.6"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def ref() -> dict:
    return yaml.safe_load(YAML_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def items(ref) -> list[dict]:
    return [
        req
        for section in ref["sections"]
        for eng in section["engagements"]
        for req in eng["requirements"]
    ]


@pytest.fixture(scope="module")
def seed() -> str:
    text = seed_text(SEED)
    text = re.sub(r"RE/MRC/03\s+Page \d+ sur \d+", " ", text)  # page footers
    text = re.sub(
        r"Engagement de\s+service\s+Détail de l'engagement\s+Niv\s+A\s+Niv\s+B\s+"
        r"Documents de\s+référence\s+Méthode de\s+contrôle",
        " ",
        text,
    )  # headers
    text = re.sub(r"^\s*>\s*", " ", text, flags=re.MULTILINE)  # sub-point marks
    return _norm(text)


def _blocks(text) -> list[str]:
    """Paragraphs and list entries of a rich text, in order."""
    if isinstance(text, str):
        return [text]
    out: list[str] = []
    for block in text:
        out.extend(block["list"] if isinstance(block, dict) else [block])
    return out


def _first_sentence(text) -> str:
    first = _norm(_blocks(text)[0])
    match = re.search(r"[.!?…](?= [A-ZÀ-ÖØ-Þ])", first)
    return first[: match.end()] if match else first


def test_six_engagements(ref):
    engagements = [e for s in ref["sections"] for e in s["engagements"]]
    assert [e["id"] for e in engagements] == ["1", "2", "3", "4", "5", "6"]
    assert engagements[0]["title"] == (
        "Nous nous engageons à prendre en considération et à "
        "traiter toute forme d'insatisfaction qui nous est "
        "adressée."
    )


def test_67_items_in_order(items):
    assert len(items) == 67
    assert [r["id"] for r in items] == EXPECTED_IDS
    assert [r["number"] for r in items] == EXPECTED_IDS


def test_levels(items):
    b_only = [r["id"] for r in items if r["levels"] == ["B"]]
    both = [r["id"] for r in items if r["levels"] == ["A", "B"]]
    assert b_only == LEVEL_B_ONLY
    assert len(b_only) == 16
    assert len(both) == 51
    assert len(b_only) + len(both) == len(items)


def test_documents_and_control_methods(items):
    for r in items:
        assert r.get("documents"), r["id"]
        assert r.get("control_methods"), r["id"]
        assert all(isinstance(x, str) and x.strip() for x in r["documents"]), r["id"]
        assert all(isinstance(x, str) and x.strip() for x in r["control_methods"]), r["id"]


def test_communicated_engagements(ref):
    com = ref["communication"]
    assert com["communicated_engagements"] == ["2", "4", "6"]
    titles = {e["id"]: e["title"] for s in ref["sections"] for e in s["engagements"]}
    assert _blocks(com["communicated_text"])[1:] == [titles[i] for i in ("2", "4", "6")]


def test_mandatory_support_and_mentions(ref):
    supports = {s["id"]: s for s in ref["communication"]["supports"]}
    doc = supports["document-information"]
    assert doc["mandatory"] is True
    mentions = {m["id"]: m for m in doc["mentions"]}
    assert {
        "beneficiary-name-address",
        "certified-sites",
        "qualicert-mark-logo",
        "referentiel-title-reference",
        "certified-characteristics",
        "certification-body-address",
        "activity-specific",
        "referentiel-availability",
    } <= set(mentions)
    assert "condition" in mentions["certified-sites"]
    assert "condition" in mentions["activity-specific"]
    assert "29 avenue Aristide Briand" in _blocks(mentions["certification-body-address"]["text"])
    assert "obtenu ou consulté auprès de SGS-ICS" in mentions["referentiel-availability"]["text"]
    assert all(
        s["mandatory"] is False
        for s in supports.values()
        if s["id"] not in ("document-information", "certificat-qualicert")
    )


def test_first_sentences_word_for_word(items, seed):
    missing = []
    for r in items:
        sentence = _first_sentence(r["text"])
        if sentence in seed:
            continue
        if r["id"] in SPLIT_BY_PAGE_BREAK and _found_in_two_parts(sentence, seed):
            continue
        missing.append((r["id"], sentence))
    assert not missing


def _found_in_two_parts(sentence: str, seed: str, gap: int = 400) -> bool:
    """The sentence is in the seed as a head and a tail, the tail shortly after the head."""
    words = sentence.split(" ")
    for cut in range(len(words) - 1, 2, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        start = seed.find(head)
        if start >= 0:
            after = seed.find(tail, start + len(head))
            return 0 <= after - (start + len(head)) <= gap
    return False
