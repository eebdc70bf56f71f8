"""Results a reader can read on the company and audit pages: totals with their labels,
sub-criteria named as in the référentiel (tables, radars, simulator), decisions as short
labels, AMARC syntheses counted and with their nonconformities' titles, and what a
certificate covers. Expected values come from the core, never from the templates."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from refpub.core.audits.repository import load_repository
from refpub.core.vocabulary import flatten
from refpub.site.labels import DECISION_LABELS, item_counts

from conftest import PROJECT

CLIQ = "transports-fictifs-durand"
AMARC = "autocars-imaginaires-bourgogne"
AMARC_WITH_NONCONFORMITIES = ("eaux-fictives-du-dauphine", "2026-06-11-surveillance-2")
#: decided as of the shared build's status date (conftest.built_site)
STATUS_DATE = "2026-11-23"


@pytest.fixture(scope="module")
def repo():
    loaded = load_repository(PROJECT)
    assert not loaded.problems
    return loaded


def _page(site: Path, *parts: str) -> str:
    return unescape((site.joinpath("certificats", *parts) / "index.html").read_text("utf-8"))


def _text(html: str) -> str:
    """The visible text: tags (and the SVG titles' markup) removed, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _decided(company):
    return [
        a
        for a in company.audits
        if a.decision is not None and a.decision.date.isoformat() <= STATUS_DATE
    ]


def test_company_page_labels_every_total(built_site: Path, repo) -> None:
    company = repo.companies[CLIQ]
    text = _text(_page(built_site, CLIQ))
    audits = _decided(company)
    assert len(audits) >= 3
    for audit in audits:
        result = audit.result
        overall = f"{result.overall:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        assert f"{result.overall_label} : {overall} %" in text
        for total in result.totals.values():
            value = f"{total.value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            maximum = f"{total.maximum:g}".replace(".", ",")
            assert f"{total.label} : {value} % sur {maximum} %" in text, total.label
    assert not re.search(r"\d+,\d+ % · \d", text)  # no more bare « 72,71 % · 16,88/25 »


def test_amarc_results_are_counted_on_the_company_page(built_site: Path, repo) -> None:
    text = _text(_page(built_site, AMARC))
    for audit in _decided(repo.companies[AMARC]):
        assert item_counts(audit.result) in text
        assert f"{audit.result.satisfied}/{audit.result.required}" not in text


def test_decisions_read_as_short_labels(built_site: Path, repo) -> None:
    html = _page(built_site, CLIQ)
    for audit in _decided(repo.companies[CLIQ]):
        short = DECISION_LABELS[audit.decision.outcome]
        assert f">{short}</span>" in html
        # the référentiel's sentence stays as a tooltip, not as the cell's text
        assert f">{audit.referentiel.decision_label(audit.decision.outcome)}<" not in html
    assert set(DECISION_LABELS) == {
        "certified",
        "maintained",
        "renewed",
        "complementary-action",
        "suspended",
        "withdrawn",
        "not-renewed",
        "refused",
    }


def test_amarc_synthesis_counts_and_names_the_nonconformities(built_site: Path, repo) -> None:
    company_id, audit_id = AMARC_WITH_NONCONFORMITIES
    audit = next(a for a in repo.companies[company_id].audits if a.id == audit_id)
    html = _page(built_site, company_id, "audits", audit_id)
    result = audit.result
    assert result.nonconformity_items
    assert f"<strong>{item_counts(result)}</strong>" in html
    for item in result.nonconformity_items:
        title = flatten(item.requirement.text)[0]
        assert re.search(
            rf'#item-{re.escape(item.id)}">Item {re.escape(item.id)}</a> — ' + re.escape(title),
            html,
        ), item.id
    # the exceptions (nonconformities, items not applicable) after the per-engagement counts,
    # not a table of every item repeating the référentiel's text
    others = html.index(f"Les autres exigences du niveau {result.level_requested} sont satisfaites")
    assert (
        html.index(
            "Exigences satisfaites, non conformes et non applicables, engagement par engagement"
        )
        < others
    )
    assert html.count("refpub-result-nonconform") >= len(result.nonconformity_items)
    for item in result.not_applicable_items:
        assert re.search(
            rf'#item-{re.escape(item.id)}">Item {re.escape(item.id)}</a> — '
            + re.escape(item.title),
            html,
        ), item.id
    assert "refpub-items-detail" not in html


def test_radar_and_tables_name_sub_criteria_as_the_referentiel(built_site: Path) -> None:
    audit = next((built_site / "certificats" / CLIQ / "audits").glob("*/index.html"))
    html = unescape(audit.read_text("utf-8"))
    radars = re.findall(r'<figure class="refpub-radar">(.*?)</figure>', html, re.S)
    assert len(radars) == 2
    assert "Les engagements organisationnels" in radars[0]
    assert "Les engagements opérationnels" in radars[1]
    assert "<title>Les engagements organisationnels, sous-critère 1.1 : " in radars[0]
    axis_labels = re.findall(r"</title>([^<]+)</text>", radars[1])
    assert axis_labels[:3] == ["1.1", "1.2", "1.3"]
    assert "Sous-critère 1.1" in html and "Les engagements opérationnels" in html


def test_no_internal_id_in_the_text_of_public_pages(built_site: Path) -> None:
    pages = [
        *(built_site / "certificats").glob("*/index.html"),
        *(built_site / "certificats").glob("*/audits/*/index.html"),
        built_site / "outils" / "simulateur-cliq" / "index.html",
    ]
    assert len(pages) > 20
    for page in pages:
        text = _text(unescape(page.read_text("utf-8")).split('<script type="application/json"')[0])
        assert not re.search(r"\b(org|op)-\d\.\d", text), page


def test_company_page_says_what_is_certified(built_site: Path, repo) -> None:
    cliq = _page(built_site, CLIQ)
    scope = cliq.split('class="refpub-scope"')[1].split('class="refpub-cert-dates"')[0]
    ref = repo.referentiels["cliq-2006"]
    assert "Les 6 engagements du référentiel" in scope
    for engagement in ref.engagements:
        assert f'engagement-{engagement.id}/">{engagement.title}</a>' in scope
    amarc = _page(built_site, AMARC)
    scope = amarc.split('class="refpub-scope"')[1].split('class="refpub-cert-dates"')[0]
    amarc_ref = repo.referentiels["amarc-re-mrc-03"]
    communicated = amarc_ref.communication.communicated_engagements
    # every engagement is certified; those communicated to customers are marked as such
    assert f"Les {len(amarc_ref.engagements)} engagements du référentiel" in scope
    assert "niveau A" in scope
    for engagement in amarc_ref.engagements:
        link = f'engagement-{engagement.id}/">{engagement.title}</a>'
        marked = f'{link} <span class="refpub-scope-communicated">(communiqué aux clients)'
        assert (marked in scope) == (engagement in communicated), engagement.id
    company = repo.companies[AMARC]
    for site in company.sites:
        assert site.name in scope
    for activity in company.activities:
        assert activity in scope


def test_failed_sub_criteria_are_named(built_site: Path, repo) -> None:
    company = repo.companies["entrepots-illusoires-martin"]
    audit = next(a for a in company.audits if a.id == "2023-09-07-suivi-1")
    failed = audit.result.failed_subcriteria
    assert failed
    html = _page(built_site, company.id, "audits", audit.id)
    for score in failed:
        section = next(
            s.section.title
            for s in audit.result.sections
            if any(score in line.subcriteria for line in s.engagements)
        )
        assert f'class="refpub-ko">{section}, sous-critère {score.requirement.number} : ' in html
    assert "Audit non éligible à la certification" in html


def test_amarc_synthesis_names_the_items_declared_not_applicable(built_site: Path, repo) -> None:
    audits = [
        (company.id, audit)
        for company in repo.companies.values()
        for audit in company.audits
        if audit.result is not None
        and audit.result.model == "levels"
        and audit.result.not_applicable_items
    ]
    assert audits
    for company_id, audit in audits:
        html = _page(built_site, company_id, "audits", audit.id)
        listing = html.split('<ul class="refpub-not-applicable">')[1].split("</ul>")[0]
        for item in audit.result.not_applicable_items:
            assert f"Item {item.id}</a> — {item.title}" in listing, (audit.path, item.id)


def test_counts_say_what_they_count_not_applicable_apart(built_site: Path, repo) -> None:
    """« 45 exigences satisfaites, 2 non applicables sur 47 »: a not-applicable item is
    never counted as satisfied, on the audit page (summary and per engagement) and on the
    company page."""
    audits = [
        (company.id, audit)
        for company in repo.companies.values()
        for audit in _decided(company)
        if audit.result.model == "levels" and audit.result.not_applicable_items
    ]
    assert audits
    for company_id, audit in audits:
        result = audit.result
        conform = sum(1 for item in result.items if item.result == "conform")
        not_applicable = len(result.not_applicable_items)
        expected = f"{conform} exigences satisfaites"
        assert item_counts(result).startswith(expected)
        assert item_counts(result).endswith(
            f"{not_applicable} non applicable{'s' if not_applicable > 1 else ''} "
            f"sur {result.required}"
        )
        page = _text(_page(built_site, company_id, "audits", audit.id))
        assert item_counts(result) in page
        for line in result.engagements:
            assert item_counts(line) in page
        assert f"{result.satisfied}/{result.required}" not in page
        assert item_counts(result) in _text(_page(built_site, company_id))


def test_counts_name_nonconformities_and_agree_in_number() -> None:
    from factories import audit, levels_ref

    ref = levels_ref()
    [first, *rest] = [r.id for r in ref.requirements_for_level("B")]
    result = audit(ref, "a", "initial", "2026-01-10", level="B", items={first: "nonconform"}).result
    assert item_counts(result) == (
        f"{len(rest)} exigence{'s' if len(rest) > 1 else ''} "
        f"satisfaite{'s' if len(rest) > 1 else ''}, 1 non conforme "
        f"sur {len(rest) + 1}"
    )
