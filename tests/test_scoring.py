"""Scores computed exactly as the référentiels define them (CLIQ® §3.2–3.4, AMARC levels)."""

from __future__ import annotations

import itertools
import random

import pytest

from refpub.core.evaluation.levels import score_levels
from refpub.core.evaluation.radar import note, score_radar
from refpub.core.referentiels.referentiel import load_referentiel

from conftest import FIXTURES, PROJECT


@pytest.fixture(scope="module")
def cliq():
    return load_referentiel(PROJECT / "referentiels/cliq-2006.yaml")


@pytest.fixture(scope="module")
def amarc():
    return load_referentiel(PROJECT / "referentiels/amarc-re-mrc-03.yaml")


def _all(cliq, approach, deployment, results, review):
    element = {"approach": approach, "deployment": deployment, "results": results, "review": review}
    return {sid: dict(element) for sid in cliq.requirements}


def test_seed_example_2_1_0_0_gives_50_percent(cliq):
    assert note(cliq, {"approach": 2, "deployment": 1, "results": 0, "review": 0}) == 50.0


def test_every_sub_criterion_at_50_percent_is_not_certifiable(cliq):
    result = score_radar(cliq, _all(cliq, 2, 1, 0, 0))
    assert result.totals["management"].value == pytest.approx(12.5)
    assert result.totals["operational"].value == pytest.approx(37.5)
    assert result.overall == pytest.approx(50.0)
    assert not result.eligible
    assert list(result.failures) == [
        "MANAGEMENT DU SYSTEME CLIQ® : total 12,5 % inférieur au minimum de 13 %",
        "ENGAGEMENTS OPERATIONNELS CLIQ® : total 37,5 % inférieur au minimum de 38 %",
    ]


def test_full_marks_give_100(cliq):
    result = score_radar(cliq, _all(cliq, 2, 2, 2, 2))
    assert result.overall == pytest.approx(100.0) and result.eligible
    assert result.as_json()["subcriteria"]["op-2.1"] == {
        "note": 100.0,
        "weight": 20.0,
        "result": 20.0,
    }


def test_one_sub_criterion_under_50_fails_even_with_good_totals(cliq):
    grades = _all(cliq, 2, 2, 2, 2)
    grades["op-3.3"] = {"approach": 1, "deployment": 1, "results": 0, "review": 0}
    result = score_radar(cliq, grades)
    assert result.totals["operational"].value >= 38
    assert not result.all_subcriteria_passed
    assert [s.id for s in result.failed_subcriteria] == ["op-3.3"]
    assert list(result.failures) == [
        "sous-critère op-3.3 : note 33,33 % inférieure au minimum de 50 %"
    ]


def test_raising_the_heaviest_organisational_sub_criterion_passes_management(cliq):
    # five sub-criteria at 50 % give 7.5 of their 15 points; org-3.1 (weight 10) at 75 %
    # adds 7.5: management 15 >= 13, while operational stays at 37.5 < 38.
    grades = _all(cliq, 2, 1, 0, 0)
    grades["org-3.1"] = {"approach": 2, "deployment": 2, "results": 1, "review": 0}
    result = score_radar(cliq, grades)
    assert result.subcriteria["org-3.1"].note == pytest.approx(75.0)
    assert result.totals["management"].value == pytest.approx(15.0)
    assert result.totals["management"].passed
    assert not result.totals["operational"].passed


def test_notes_follow_the_formula_for_every_grading(cliq):
    for grades in itertools.product(range(3), repeat=4):
        graded = dict(zip(["approach", "deployment", "results", "review"], grades, strict=True))
        expected = (2 * grades[0] + 2 * grades[1] + grades[2] + grades[3]) / 12 * 100
        assert note(cliq, graded) == pytest.approx(expected)


def test_random_gradings_match_an_independent_computation(cliq):
    weights = cliq.evaluation.weights
    rng = random.Random(2006)
    for _ in range(200):
        grades = {
            sid: {k: rng.randint(0, 2) for k in ("approach", "deployment", "results", "review")}
            for sid in cliq.requirements
        }
        notes = {
            sid: (2 * g["approach"] + 2 * g["deployment"] + g["results"] + g["review"]) / 12 * 100
            for sid, g in grades.items()
        }
        management = sum(notes[s] * weights[s] / 100 for s in notes if s.startswith("org"))
        operational = sum(notes[s] * weights[s] / 100 for s in notes if s.startswith("op-"))
        eligible = min(notes.values()) >= 50 and management >= 13 and operational >= 38
        result = score_radar(cliq, grades)
        assert result.totals["management"].value == pytest.approx(management)
        assert result.totals["operational"].value == pytest.approx(operational)
        assert result.eligible == eligible
        for section in result.sections:
            subtotals = sum(line.subtotal for line in section.engagements)
            total = next(t for t in result.totals.values() if t.section == section.section.id)
            assert subtotals == pytest.approx(total.value)
            for line in section.engagements:
                assert line.subtotal == pytest.approx(sum(s.result for s in line.subcriteria))


def _items(ref, level, overrides=None):
    items = {r.id: {"result": "conform"} for r in ref.requirements_for_level(level)}
    items.update({k: {"result": v} for k, v in (overrides or {}).items()})
    return items


def test_amarc_level_a_audit_reaches_a(amarc):
    result = score_levels(amarc, "A", _items(amarc, "A"))
    assert result.as_json() == {
        "referentiel": "amarc-re-mrc-03",
        "level_requested": "A",
        "level_achieved": "A",
        "nonconformities": [],
        "eligible": True,
    }


def test_amarc_b_only_nonconformity_gives_a_on_a_level_b_audit(amarc):
    result = score_levels(amarc, "B", _items(amarc, "B", {"1.2": "nonconform"}))
    assert (result.level_achieved, result.eligible) == ("A", False)
    assert result.nonconformities == ["1.2"]


def test_amarc_nonconformity_at_a_reaches_no_level(amarc):
    result = score_levels(
        amarc, "B", _items(amarc, "B", {"4.4": "nonconform", "3.6": "not-applicable"})
    )
    assert result.level_achieved is None and not result.eligible
    assert result.nonconformities == ["4.4"]


def test_amarc_not_applicable_counts_as_satisfied(amarc):
    result = score_levels(amarc, "B", _items(amarc, "B", {"3.6": "not-applicable"}))
    assert result.level_achieved == "B" and result.eligible


def test_level_b_requires_all_67_items_and_a_51(amarc):
    assert len(amarc.requirements_for_level("B")) == 67
    assert len(amarc.requirements_for_level("A")) == 51


def test_fixture_levels_model_is_generic():
    ref = load_referentiel(FIXTURES / "mini/referentiels/demo-levels.yaml")
    assert score_levels(ref, "B", _items(ref, "B", {"1.2": "nonconform"})).level_achieved == "A"


def test_engagement_lines_carry_their_weight_and_subtotal(cliq):
    result = score_radar(cliq, _all(cliq, 2, 1, 0, 0))
    lines = [line for section in result.sections for line in section.engagements]
    assert [line.engagement.id for line in lines] == [e.id for e in cliq.engagements]
    assert sum(line.weight for line in lines) == pytest.approx(100.0)
    assert all(line.subtotal == pytest.approx(line.weight / 2) for line in lines)
    assert result.overall_label == "NOTE CLIQ®" and result.overall_maximum == 100.0
    assert [t.id for t in result.totals_with_minimum] == ["management", "operational"]


def test_levels_result_counts_and_names_its_nonconformities(amarc):
    result = score_levels(
        amarc, "B", _items(amarc, "B", {"4.4": "nonconform", "3.6": "not-applicable"})
    )
    assert result.required == len(amarc.requirements_for_level("B"))
    assert result.satisfied == result.required - 1
    [item] = result.nonconformity_items
    assert item.id == "4.4" and item.title.startswith("Si le délai de réponse annoncé")
    assert item.label == "Non conforme"
