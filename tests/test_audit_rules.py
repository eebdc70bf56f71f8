"""Not applicable only where the référentiel says so, with a justification; skeleton
placeholders are errors (issue #10.2 and #10.3). ``refpub validate`` run in-process."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from refpub import cli
from refpub.core.audits.repository import load_referentiels, load_repository
from refpub.core.audits.skeleton import audit_skeleton
from refpub.core.schemas.audit import audit_schema
from refpub.core.vocabulary import PLACEHOLDER

LEVELS_AUDIT = "audits/demo-niveaux/2025-05-01-initial.yaml"
PROJECT = Path(__file__).resolve().parents[1]


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = cli.main(["validate", str(root)])
    return code, capsys.readouterr().out.splitlines()


def _line(file: Path, fragment: str) -> int:
    lines = file.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), "utf-8")


def test_not_applicable_on_an_unconditional_item_is_an_error_with_its_line(
    mini_project: Path, capsys
):
    file = mini_project / LEVELS_AUDIT
    _edit(file, '"1.1": {result: conform,', '"1.1": {result: not-applicable, justification: x,')
    code, lines = _validate(mini_project, capsys)
    assert code == 1
    line = _line(file, '"1.1"')
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{LEVELS_AUDIT}:{line}:")
    assert "l'item 1.1 ne peut pas être « not-applicable »" in lines[0]
    assert "items qui peuvent être non applicables : 1.2" in lines[0]


@pytest.mark.parametrize(
    "new",
    [
        "{result: not-applicable}",
        '{result: not-applicable, justification: ""}',
        '{result: not-applicable, justification: "   "}',
    ],
)
def test_not_applicable_needs_a_justification(mini_project: Path, capsys, new):
    file = mini_project / LEVELS_AUDIT
    _edit(file, "{result: not-applicable, justification: CONFIDENTIEL-JUSTIFICATION}", new)
    code, lines = _validate(mini_project, capsys)
    assert code == 1
    assert lines and all(x.startswith(f"{LEVELS_AUDIT}:{_line(file, '1.2')}:") for x in lines)
    assert "justification" in lines[0]


def test_an_allowed_and_justified_not_applicable_satisfies_the_level(mini_project: Path):
    repo = load_repository(mini_project)
    assert repo.problems == []
    [audit] = repo.companies["demo-niveaux"].audits
    assert audit.result.level_achieved == "B" and audit.result.satisfied == 3


def test_the_referentiel_declares_only_existing_items(mini_project: Path, capsys):
    file = mini_project / "referentiels/demo-levels.yaml"
    _edit(file, '- {item: "1.2",', '- {item: "9.9",')
    code, lines = _validate(mini_project, capsys)
    assert code == 1
    assert any(
        x.startswith(f"referentiels/demo-levels.yaml:{_line(file, '9.9')}:")
        and "item « 9.9 » inconnu" in x
        for x in lines
    )


def test_amarc_declares_its_conditional_items_from_its_own_wording():
    amarc = load_referentiels(PROJECT).referentiels["amarc-re-mrc-03"]
    allowed = amarc.evaluation.not_applicable
    assert {"3.6", "6.5", "3.2"} <= set(allowed)
    assert not {"1.1", "1.3", "4.4"} & set(allowed)  # never a way round a requirement
    for item, condition in allowed.items():
        quoted = condition.split("»")[0].strip("« ").rstrip("*")
        text = " ".join(b for b in amarc.requirements[item].text if isinstance(b, str))
        assert quoted.split("*")[0] in text, (item, quoted)


def test_editor_schema_allows_not_applicable_only_on_declared_items():
    amarc = load_referentiels(PROJECT).referentiels["amarc-re-mrc-03"]
    items = audit_schema(amarc)["properties"]["items"]["properties"]
    assert "not-applicable" in items["3.6"]["properties"]["result"]["enum"]
    assert items["3.6"]["then"] == {"required": ["justification"]}
    assert "not-applicable" not in items["1.1"]["properties"]["result"]["enum"]
    published = json.loads((PROJECT / "schemas/audit.schema.json").read_text("utf-8"))
    assert json.dumps(published, sort_keys=True).count('"justification"') > 0
    assert cli.schema_texts(list(load_referentiels(PROJECT).referentiels.values()))["audit"] == (
        PROJECT / "schemas/audit.schema.json"
    ).read_text("utf-8")


def test_an_untouched_skeleton_is_reported_line_by_line(mini_project: Path, capsys):
    ref = load_referentiels(mini_project).referentiels["demo-levels"]
    text = audit_skeleton(ref, "initial", dt.date(2026, 3, 1), "B")
    file = mini_project / "audits/demo-niveaux/2026-03-01-initial.yaml"
    file.write_text(text, "utf-8")
    assert "conform}" not in text  # no result is given in advance
    code, lines = _validate(mini_project, capsys)
    assert code == 1
    expected = [
        i
        for i, line in enumerate(text.splitlines(), 1)
        if PLACEHOLDER in line and not line.lstrip().startswith("#")
    ]
    reported = sorted(int(x.split(":")[1]) for x in lines)
    assert reported == expected  # lead auditor, summary, each of the 3 items: once each
    assert all(f"« {PLACEHOLDER} »" in x for x in lines)


def test_a_placeholder_left_in_company_yaml_is_an_error(mini_project: Path, capsys):
    file = mini_project / "audits/demo-co/company.yaml"
    _edit(file, "name: Démo Transports Fictifs SAS", f"name: {PLACEHOLDER}")
    code, lines = _validate(mini_project, capsys)
    assert code == 1 and lines == [
        f"audits/demo-co/company.yaml:1:7: « {PLACEHOLDER} » : valeur laissée par « refpub "
        "new-audit », à remplacer par la vraie valeur"
    ]


def test_a_completed_skeleton_validates(mini_project: Path, capsys):
    ref = load_referentiels(mini_project).referentiels["demo-levels"]
    text = audit_skeleton(ref, "initial", dt.date(2026, 3, 1), "A")
    data = yaml.safe_load(text)
    data.update(lead_auditor="Jeanne Exemple", public_summary="Audit satisfaisant.")
    data["items"] = {rid: {"result": "conform"} for rid in data["items"]}
    (mini_project / "audits/demo-niveaux/2026-03-01-initial.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), "utf-8"
    )
    code, lines = _validate(mini_project, capsys)
    assert (code, lines) == (0, [])


def test_the_auditors_page_explains_both_rules_and_lists_the_declared_items():
    page = (PROJECT / "docs/auditeurs/regles.md").read_text("utf-8")
    assert "décision en attente" in page and "REFPUB_INTERNAL=1" in page
    assert "À compléter" in page and "justification" in page
    amarc = load_referentiels(PROJECT).referentiels["amarc-re-mrc-03"]
    table = [line for line in page.splitlines() if line.startswith("| ")]
    listed = {item.strip() for line in table[1:] for item in line.split("|")[1].split(",")}
    assert listed == set(amarc.evaluation.not_applicable)
    assert "auditeurs/regles.md" in (PROJECT / "mkdocs.yml").read_text("utf-8")


def test_score_refuses_a_certification_of_a_non_eligible_audit(mini_project: Path, capsys):
    file = mini_project / "audits/demo-co/2026-01-10-initial.yaml"
    _edit(
        file,
        "  op-1.1: {approach: 2, deployment: 2, results: 2, review: 1}",
        "  op-1.1: {approach: 0, deployment: 0, results: 0, review: 0}",
    )
    code = cli.main(["score", str(file), "--json"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith(f"audits/demo-co/2026-01-10-initial.yaml:{_line(file, 'outcome:')}:")
    assert "décision « certified » impossible : l'audit n'est pas éligible" in out


def _amarc_project(tmp_path: Path, results: dict[str, str]) -> tuple[Path, Path]:
    """A project with the shipped AMARC référentiel and one level B audit: every item
    conform except ``results`` (item -> result; not-applicable ones justified)."""
    (tmp_path / "referentiels").mkdir()
    (tmp_path / "referentiels/amarc-re-mrc-03.yaml").write_bytes(
        (PROJECT / "referentiels/amarc-re-mrc-03.yaml").read_bytes()
    )
    folder = tmp_path / "audits/canaux"
    folder.mkdir(parents=True)
    (folder / "company.yaml").write_text(
        "name: Canaux Exemple SAS\naddress: 1 rue des Canaux, 75001 Paris\n", "utf-8"
    )
    amarc = load_referentiels(tmp_path).referentiels["amarc-re-mrc-03"]
    items = {}
    for requirement in amarc.requirements_for_level("B"):
        result = results.get(requirement.id, "conform")
        items[requirement.id] = (
            {"result": result, "justification": "canal non offert"}
            if result == "not-applicable"
            else {"result": result}
        )
    audit = {
        "referentiel": "amarc-re-mrc-03",
        "type": "initial",
        "date": "2026-03-02",
        "lead_auditor": "Jeanne Exemple",
        "level": "B",
        "items": items,
    }
    file = folder / "2026-03-02-initial.yaml"
    file.write_text(yaml.safe_dump(audit, allow_unicode=True, sort_keys=False), "utf-8")
    return tmp_path, file


def test_amarc_applies_one_rule_to_every_item_about_a_channel():
    """The rule is written once and covers each item that names a channel: 3.1 (« Les
    appels ») like 3.3, 4.6 and 4.7 like 3.5 and 4.2.1; situations that may occur at any time
    (3.7, 4.2, 4.4) stay required."""
    model = load_referentiels(PROJECT).referentiels["amarc-re-mrc-03"].evaluation
    assert model.not_applicable_rule
    assert {"3.1", "3.3", "3.4", "3.5", "4.2.1", "4.6", "4.7", "4.11", "4.12"} <= set(
        model.not_applicable
    )
    assert not {"3.7", "4.2", "4.4", "1.20"} & set(model.not_applicable)
    assert {c.id for c in model.channels} == {
        "telephone",
        "face-a-face",
        "courrier",
        "courriel",
        "digital",
    }
    assert model.item_channels["4.6"] == ("courrier", "courriel")
    assert model.item_channels["4.7"] == ("telephone", "face-a-face")


def test_an_audit_that_declares_no_channel_at_all_is_refused(tmp_path: Path, capsys):
    model = load_referentiels(PROJECT).referentiels["amarc-re-mrc-03"].evaluation
    every_channel_item = {rid: "not-applicable" for rid in model.item_channels}
    root, file = _amarc_project(tmp_path, every_channel_item)
    code, lines = _validate(root, capsys)
    assert code == 1
    assert len(lines) == 1, lines
    where = f"audits/canaux/{file.name}:{_line(file, 'items:')}:"
    assert lines[0].startswith(where)
    assert "aucun canal d'expression ne reste" in lines[0]
    assert "ne peut pas être certifiée" in lines[0]


def test_one_channel_left_is_enough(tmp_path: Path, capsys):
    model = load_referentiels(PROJECT).referentiels["amarc-re-mrc-03"].evaluation
    no_phone_nor_counter = {
        rid: "not-applicable"
        for rid, channels in model.item_channels.items()
        if set(channels) <= {"telephone", "face-a-face", "digital"}
    }
    assert "4.2.1" in no_phone_nor_counter and "3.5" not in no_phone_nor_counter
    root, _ = _amarc_project(tmp_path, no_phone_nor_counter)
    assert _validate(root, capsys) == (0, [])


def test_an_item_judged_on_a_channel_declared_absent_is_refused(tmp_path: Path, capsys):
    root, file = _amarc_project(tmp_path, {"3.3": "not-applicable"})
    code, lines = _validate(root, capsys)
    assert code == 1
    reported = {int(line.split(":")[1]) for line in lines}
    assert reported == {_line(file, f"'{rid}':") + 1 for rid in ("3.1", "4.11", "4.12")}
    assert all(
        "porte sur un canal que l'audit déclare absent : téléphone (item 3.3)" in line
        for line in lines
    )


def test_the_auditors_page_lists_the_channels_each_item_names():
    """The published list is the référentiel file's: each row's channels are the item's."""
    model = load_referentiels(PROJECT).referentiels["amarc-re-mrc-03"].evaluation
    page = (PROJECT / "docs/auditeurs/regles.md").read_text("utf-8")
    rows = [
        line.split("|")[1:4]
        for line in page.splitlines()
        if line.startswith("| ") and line.split("|")[1].strip()[:1].isdigit()
    ]
    assert rows
    for items, _, channels in rows:
        for item in (i.strip() for i in items.split(",")):
            named = [model.channel_label(c) for c in model.item_channels.get(item, ())]
            shown = (
                [] if channels.strip().startswith("—") else [c.strip() for c in channels.split(",")]
            )
            assert shown == named, (item, shown, named)
    assert "Un item de canal jugé non applicable déclare que l'entreprise n'offre" in page
