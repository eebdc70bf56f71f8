"""The CLIQ® : 2006 référentiel (referentiels/cliq-2006.yaml) checked against its source text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import seed_text

ROOT = Path(__file__).resolve().parents[1]
REFERENTIEL = ROOT / "referentiels" / "cliq-2006.yaml"
SEED = "000_1db1757eefa9b10d.txt"

ORG_IDS = ["org-1.1", "org-1.2", "org-1.3", "org-2.1", "org-2.2", "org-3.1"]
OP_IDS = ["op-1.1", "op-1.2", "op-1.3", "op-1.4", "op-2.1", "op-2.2", "op-3.1", "op-3.2", "op-3.3"]
WEIGHTS = {
    "org-1.1": 2.5,
    "org-1.2": 2.5,
    "org-1.3": 5,
    "org-2.1": 2.5,
    "org-2.2": 2.5,
    "org-3.1": 10,
    "op-1.1": 5,
    "op-1.2": 5,
    "op-1.3": 10,
    "op-1.4": 10,
    "op-2.1": 20,
    "op-2.2": 5,
    "op-3.1": 5,
    "op-3.2": 10,
    "op-3.3": 5,
}


@pytest.fixture(scope="module")
def ref() -> dict:
    with REFERENTIEL.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


@pytest.fixture(scope="module")
def seed() -> str:
    return normalise(seed_text(SEED))


def normalise(text: str) -> str:
    """Drops bullet markers and bold/italic stars, then collapses whitespace."""
    text = text.replace("▶", " ").replace("*", "")
    text = re.sub(r"(?m)^\s*-\s+", "", text)
    return " ".join(text.split())


def paragraphs(blocks) -> list[str]:
    """The strings of a rich text, in order (paragraphs and list items)."""
    if isinstance(blocks, str):
        return [blocks]
    out: list[str] = []
    for block in blocks:
        out.extend([block] if isinstance(block, str) else block["list"])
    return out


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def section(ref: dict, section_id: str) -> dict:
    return next(s for s in ref["sections"] if s["id"] == section_id)


def requirements(sec: dict) -> list[dict]:
    return [r for e in sec["engagements"] for r in e["requirements"]]


def all_requirements(ref: dict) -> list[dict]:
    return [r for s in ref["sections"] for r in requirements(s)]


def test_identity(ref):
    assert ref["id"] == REFERENTIEL.stem == "cliq-2006"
    assert ref["version"] == "2006"
    assert ref["publisher"]["name"] == "GLOBAL sas"
    assert ref["publisher"]["website"] == "https://www.global-conseil.fr"


def test_sections_and_engagements(ref):
    assert [s["id"] for s in ref["sections"]] == ["organisationnels", "operationnels"]
    org, op = section(ref, "organisationnels"), section(ref, "operationnels")
    assert [(e["id"], e["number"], e["title"]) for e in org["engagements"]] == [
        ("org-1", "1", "Responsabilité de pilotage"),
        ("org-2", "2", "Organisation"),
        ("org-3", "3", "Surveillance et amélioration"),
    ]
    assert [(e["id"], e["number"], e["title"]) for e in op["engagements"]] == [
        ("op-1", "1", "L'information et la vente"),
        ("op-2", "2", "La réalisation de la prestation"),
        ("op-3", "3", "L'après vente"),
    ]


def test_requirement_ids(ref):
    org, op = section(ref, "organisationnels"), section(ref, "operationnels")
    assert [r["id"] for r in requirements(org)] == ORG_IDS
    assert [r["id"] for r in requirements(op)] == OP_IDS
    for req in all_requirements(ref):
        assert req["id"].split("-", 1)[1] == req["number"]
        assert req["interlocutors"], req["id"]
        assert req["evidence_examples"], req["id"]


def test_elements_and_grades(ref):
    ev = ref["evaluation"]
    assert ev["model"] == "radar"
    assert [(e["id"], e["coefficient"]) for e in ev["elements"]] == [
        ("approach", 2),
        ("deployment", 2),
        ("results", 1),
        ("review", 1),
    ]
    assert [(g["value"], g["label"]) for g in ev["grades"]] == [
        (0, "Pas encore démarré"),
        (1, "Quelques éléments de preuves"),
        (2, "Preuves manifestes"),
    ]


def test_weights(ref):
    weights = ref["evaluation"]["weights"]
    assert weights == WEIGHTS
    assert sum(weights[i] for i in ORG_IDS) == pytest.approx(25)
    assert sum(weights[i] for i in OP_IDS) == pytest.approx(75)
    assert set(weights) == {r["id"] for r in all_requirements(ref)}


def test_weights_match_seed_table(seed):
    # "Sous-critères 1.1 0% 2,50% 0%" ... in the order of the synthesis table (§3.3)
    found = re.findall(r"Sous-critères (\d\.\d) 0% (\d+,\d+)% 0%", seed)
    expected = [(i.split("-")[1], w) for i, w in WEIGHTS.items()]
    assert [(n, float(w.replace(",", "."))) for n, w in found] == expected


def test_totals_and_thresholds(ref, seed):
    ev = ref["evaluation"]
    totals = {t["section"]: t for t in ev["totals"]}
    assert totals["organisationnels"]["minimum"] == 13
    assert totals["operationnels"]["minimum"] == 38
    assert ev["minimum_note"] == 50
    assert "avoir obtenu au minimum 50% sur chacun des sous critères" in seed
    assert "une note totale minimum de 13%" in seed
    assert "une note totale minimum de 38%" in seed
    for total in ev["totals"]:
        assert total["label"] in seed
        assert any(s["id"] == total["section"] for s in ref["sections"])


def test_cycle(ref, seed):
    cycle = ref["cycle"]
    assert cycle["validity_years"] == 3
    due = {a["type"]: a.get("due_months") for a in cycle["audits"]}
    assert (due["suivi-1"], due["suivi-2"], due["renouvellement"]) == (11, 22, 33)
    for months in (11, 22, 33):
        assert f"{months} mois après la date de certification" in seed
    assert "Un certificat est délivré pour une période de 3 ans." in seed
    decided = {d["id"] for d in ref["decisions"]}
    for audit in cycle["audits"]:
        assert set(audit["decisions"]) <= decided, audit["type"]


@pytest.mark.parametrize("req_id", ORG_IDS + OP_IDS)
def test_statement_word_for_word(ref, seed, req_id):
    req = next(r for r in all_requirements(ref) if r["id"] == req_id)
    texts = paragraphs(req["text"])
    assert normalise(first_sentence(texts[0])) in seed
    for text in texts:
        assert normalise(text) in seed, text
    for item in req["interlocutors"] + req["evidence_examples"]:
        item = item if isinstance(item, str) else item["heading"]
        assert normalise(item) in seed, item
