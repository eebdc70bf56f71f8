"""Templates only display what the model computed (issue #11.1–3): no raw référentiel data,
no status comparisons, no arithmetic or filtering over results; no branch on the evaluation
model (each model has its partials), no read by position, no site path written by hand."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT

TEMPLATE_ROOT = PROJECT / "plugins/refpub/templates/refpub"
TEMPLATES = sorted(TEMPLATE_ROOT.rglob("*.html"))
IDS = [str(t.relative_to(TEMPLATE_ROOT)) for t in TEMPLATES]
#: The first folders of the site's generated pages and files (site/urls.py names them).
SITE_FOLDERS = "referentiels|certificats|registre|verification|api|attestations|reclamations"

EXPRESSION = re.compile(r"{[{%](.*?)[%}]}", re.S)


def _expressions(template) -> list[str]:
    return EXPRESSION.findall(template.read_text("utf-8"))


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_no_raw_data_and_no_status_comparison(template):
    for expression in _expressions(template):
        assert not re.search(r"\.data\b|evaluation\[|\.get\(\"(grades|weights)", expression), (
            expression
        )
        assert not re.search(r"status\s*(==|!=)|status\s+in\s+[([]", expression), expression
        assert "namespace(" not in expression and "rejectattr" not in expression, expression


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_no_arithmetic_nor_selection(template):
    for expression in _expressions(template):
        code = re.sub(r"\"[^\"]*\"|'[^']*'", "", expression)  # strings may hold any sign
        assert not re.search(r"[\w)\]]\s*[-+*/]\s*[\w(]", code.replace("depth + 1", "")), expression
        assert "selectattr" not in code and "|sum" not in code, expression


def _code(expression: str) -> str:
    """An expression without its string literals."""
    return re.sub(r"\"[^\"]*\"|'[^']*'", "", expression)


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_no_branch_on_the_evaluation_model(template):
    for expression in _expressions(template):
        assert not re.search(r"\.model\s*(==|!=)|(==|!=)\s*[\"'](radar|levels)[\"']", expression), (
            expression
        )


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_no_positional_read_of_data(template):
    for expression in _expressions(template):
        assert not re.search(r"[\w\]]\s*\[\s*-?\d+\s*\]", _code(expression)), expression


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_no_hard_coded_site_path(template):
    text = template.read_text("utf-8")
    literal = re.compile(rf"[\"'](/?(?:{SITE_FOLDERS})/)")
    for expression in _expressions(template):
        assert not literal.search(expression), expression
    attribute = re.compile(rf"(?:href|src)=[\"']/?(?:{SITE_FOLDERS})/")
    assert not attribute.search(EXPRESSION.sub("", text)), template


PYTHON = sorted((PROJECT / "plugins/refpub").rglob("*.py"))


def test_no_raw_referentiel_data_outside_the_loader():
    pattern = re.compile(r"(ref|referentiel)\.(data|evaluation)\[|(ref|referentiel)\.data\b")
    offenders = [
        f"{file.relative_to(PROJECT)}:{i}"
        for file in PYTHON
        for i, line in enumerate(file.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_refpub_internal_is_read_in_one_place():
    readers = [
        file.name
        for file in PYTHON
        if "REFPUB_INTERNAL" in file.read_text("utf-8").replace('"REFPUB_INTERNAL=1"', "")
    ]
    assert readers == ["settings.py"]
