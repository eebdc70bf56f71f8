"""The CLIQ® pre-audit simulator (outils/simulateur-cliq/) in Chromium agrees with the scoring
of the core (score_radar) and of `refpub score --json` on random gradings.

Same skip/fail policy as test_browser_tools.py: skipped without Playwright or Chromium,
failed instead when CI=true.
"""

from __future__ import annotations

import copy
import json
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from browser_support import local_tab

from refpub.core.evaluation.radar import score_radar
from refpub.core.referentiels.referentiel import Referentiel, load_referentiel

from conftest import PROJECT, refpub

try:
    from playwright.sync_api import Page, expect
except ImportError:  # reported by the `browser` fixture
    Page = expect = None

PAGE = "outils/simulateur-cliq/"
GRADINGS = 60
CLI_GRADINGS = 4
SAMPLE_AUDIT = PROJECT / "audits/transports-fictifs-durand/2023-02-16-initial.yaml"

# Sets every select of the form from {sub-criterion: {element: grade}} and fires one change.
SET_GRADES = """grades => {
  const selects = document.querySelectorAll('#sim-form select[data-sc]');
  selects.forEach(s => { s.value = String(grades[s.dataset.sc][s.dataset.el]); });
  selects[selects.length - 1].dispatchEvent(new Event('change', {bubbles: true}));
}"""

# Reads the machine-readable results the page shows.
READ_RESULTS = """() => {
  const value = id => document.getElementById(id).dataset.value;
  const out = {notes: {}, results: {}, totals: {}};
  document.querySelectorAll('#sim-form fieldset[data-sc]').forEach(f => {
    out.notes[f.dataset.sc] = value('sim-note-' + f.dataset.sc);
    out.results[f.dataset.sc] = value('sim-resultat-' + f.dataset.sc);
  });
  document.querySelectorAll('[id^="sim-total-"]').forEach(n => {
    out.totals[n.id.slice(10)] = n.dataset.value;
  });
  const status = document.getElementById('sim-statut');
  out.eligible = status.dataset.eligible;
  out.failures = status.dataset.failures;
  out.text = status.innerText;
  return out;
}"""


@pytest.fixture(scope="module")
def cliq() -> Referentiel:
    return load_referentiel(PROJECT / "referentiels/cliq-2006.yaml")


@pytest.fixture(scope="module")
def page(browser: Any, site_url: str) -> Iterator[Page]:
    with local_tab(browser, site_url) as tab:
        yield tab.open(PAGE)


def random_gradings(ref: Referentiel, count: int, seed: int = 2006) -> list[dict]:
    """Seeded gradings, from weak to strong profiles so that both verdicts occur often."""
    rng = random.Random(seed)
    elements = [e.id for e in ref.evaluation.elements]
    values = [g.value for g in ref.evaluation.grades]
    fixed = [{sid: dict.fromkeys(elements, value) for sid in ref.requirements} for value in values]
    gradings = list(fixed)
    while len(gradings) < count:
        profile = [rng.random() for _ in values]
        profile[-1] += 2 * rng.random()  # leans towards the top grade, as a candidate would
        gradings.append(
            {
                sid: {e: rng.choices(values, weights=profile)[0] for e in elements}
                for sid in ref.requirements
            }
        )
    return gradings


def expected(ref: Referentiel, grades: dict) -> dict[str, Any]:
    result = score_radar(ref, grades)
    failures = [sid for sid, s in result.subcriteria.items() if not s.passed]
    failures += [tid for tid, t in result.totals.items() if not t.passed]
    return {
        "notes": {sid: s.note for sid, s in result.subcriteria.items()},
        "results": {sid: s.result for sid, s in result.subcriteria.items()},
        "totals": {**{tid: t.value for tid, t in result.totals.items()}, "overall": result.overall},
        "eligible": "true" if result.eligible else "false",
        "failures": " ".join(failures),
        "json": result.as_json(),
    }


def simulate(page: Page, grades: dict) -> dict[str, Any]:
    page.evaluate(SET_GRADES, grades)
    shown = page.evaluate(READ_RESULTS)
    for key in ("notes", "results", "totals"):
        shown[key] = {k: float(v) for k, v in shown[key].items()}
    return shown


def assert_same(shown: dict[str, Any], wanted: dict[str, Any]) -> None:
    for key in ("notes", "results", "totals"):
        assert shown[key].keys() == wanted[key].keys(), key
        for ident, value in wanted[key].items():
            assert shown[key][ident] == pytest.approx(value, abs=1e-9), (key, ident)
    assert shown["eligible"] == wanted["eligible"]
    assert shown["failures"] == wanted["failures"]


def test_the_rules_in_the_page_are_those_of_the_referentiel(page: Page, cliq: Referentiel) -> None:
    model = json.loads(page.locator("#sim-modele").text_content() or "")
    evaluation = cliq.evaluation
    assert [(e["id"], e["coefficient"]) for e in model["elements"]] == [
        (e.id, e.coefficient) for e in evaluation.elements
    ]
    assert model["grades"] == [{"value": g.value, "label": g.label} for g in evaluation.grades]
    assert {s["id"]: s["weight"] for s in model["subcriteria"]} == dict(evaluation.weights)
    assert [(t["id"], t["minimum"]) for t in model["totals"]] == [
        (t.id, t.minimum) for t in evaluation.totals
    ]
    assert model["minimum_note"] == evaluation.minimum_note


def test_every_select_has_a_label_and_the_grades_of_the_referentiel(
    page: Page, cliq: Referentiel
) -> None:
    selects = page.locator("#sim-form select")
    assert selects.count() == len(cliq.requirements) * len(cliq.evaluation.elements)
    field = page.get_by_label("Les engagements opérationnels, sous-critère 3.2 : Approche")
    expect(field).to_have_count(1)
    for grade in cliq.evaluation.grades:
        expect(field.locator("option", has_text=grade.label)).to_have_count(1)
    expect(page.locator("#sim-statut")).to_have_attribute("role", "status")


def test_keyboard_grading_shows_the_note_live(page: Page) -> None:
    page.reload()
    page.get_by_label("Les engagements organisationnels, sous-critère 1.1 : Approche").focus()
    for key in ("ArrowDown", "ArrowDown", "ArrowDown", "Tab"):  # Approche: 2
        page.keyboard.press(key)
    for key in ("ArrowDown", "ArrowDown", "Tab", "ArrowDown", "Tab", "ArrowDown"):
        page.keyboard.press(key)  # Déploiement: 1, Résultats: 0, Évaluation et revue: 0
    expect(page.locator("#sim-note-org-1\\.1")).to_have_text("50 %")
    expect(page.locator("#sim-resultat-org-1\\.1")).to_have_text("1,25 %")
    expect(page.locator("#sim-statut")).to_contain_text("1 sous-critère entièrement noté sur 15")


def test_random_gradings_match_score_radar(page: Page, cliq: Referentiel) -> None:
    verdicts = set()
    for grades in random_gradings(cliq, GRADINGS):
        wanted = expected(cliq, grades)
        shown = simulate(page, grades)
        assert_same(shown, wanted)
        verdicts.add(wanted["eligible"])
        if wanted["eligible"] == "true":
            assert "Seuils de certification atteints" in shown["text"]
        else:
            assert "Seuils de certification non atteints" in shown["text"]
    assert verdicts == {"true", "false"}, "the gradings should give both verdicts"


def test_gradings_match_refpub_score_json(page: Page, cliq: Referentiel, tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "referentiels", tmp_path / "referentiels")
    sample = yaml.safe_load(SAMPLE_AUDIT.read_text(encoding="utf-8"))
    sample.pop("sealed", None)  # its sealed detail is of other grades, and not needed here
    gradings = random_gradings(cliq, CLI_GRADINGS, seed=38)
    for index, grades in enumerate(gradings):
        audit = copy.deepcopy(sample)
        audit["grades"] = grades
        audit["decision"] = {**audit["decision"], "outcome": "complementary-action"}
        audit["decision"].pop("certificate", None)
        folder = tmp_path / "audits" / f"simulation-{index}"
        folder.mkdir(parents=True)
        file = folder / f"{audit['date']}-{audit['type']}.yaml"
        file.write_text(yaml.safe_dump(audit, allow_unicode=True), encoding="utf-8")
        done = refpub("score", str(file), "--json", "--root", str(tmp_path))
        assert done.returncode == 0, done.output
        cli = json.loads(done.stdout)
        assert cli == expected(cliq, grades)["json"]
        shown = simulate(page, grades)
        for sid, item in cli["subcriteria"].items():
            assert round(shown["notes"][sid], 4) == item["note"]
            assert round(shown["results"][sid], 4) == item["result"]
        assert {k: round(v, 4) for k, v in shown["totals"].items()} == cli["totals"]
        assert (shown["eligible"] == "true") == cli["eligible"]
        assert len(shown["failures"].split()) == len(cli["failures"])


def test_the_grading_is_kept_in_the_address(
    browser: Any, site_url: str, page: Page, cliq: Referentiel
) -> None:
    grades = random_gradings(cliq, 5)[4]
    shown = simulate(page, grades)
    address = page.url
    assert "?g=" in address
    with local_tab(browser, site_url) as tab:
        reopened = tab.open(address.removeprefix(site_url))
        again = reopened.evaluate(READ_RESULTS)
        assert again["eligible"] == shown["eligible"]
        assert {k: float(v) for k, v in again["totals"].items()} == shown["totals"]


TOOL_PAGES = [PAGE, "autoevaluation/", "outils/indicateurs/", "outils/nps/"]


def test_every_offline_tool_loads_the_one_shared_script(built_site: Path) -> None:
    """The simulator and the tools of docs/ build their text with the same published script:
    one copy of the text-paragraph helper on the site, loaded by each tool before its own."""
    shared = "assets/refpub/outils.js"
    for path in TOOL_PAGES:
        html = (built_site / path / "index.html").read_text("utf-8")
        scripts = [urljoin(path, src) for src in re.findall(r'<script src="([^"]+)"', html)]
        own = [
            s
            for s in scripts
            if s != shared
            and "/assets/" in f"/{s}"
            and s.rsplit("/", 1)[-1] not in ("search.js", "copy.js")
        ]
        assert shared in scripts and own, (path, scripts)
        assert scripts.index(shared) < scripts.index(own[-1]), (path, scripts)
    # the helper writes strings as text nodes and {strong: ...} parts in bold
    helpers = [
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.js")
        if "part.strong" in p.read_text("utf-8")
    ]
    assert helpers == [shared]
