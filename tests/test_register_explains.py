"""The register explains itself (issue #19, item 8): a legend of the four statuses and what
each means for a buyer; a suspended certificate says what lifts the suspension instead of
announcing the next regular audit."""

from __future__ import annotations

from pathlib import Path

import pytest
from html_tree import article

from refpub.core.audits.repository import load_repository
from refpub.site.labels import STATUS_LABELS, lifting_audit

from conftest import PROJECT

SUSPENDED = {
    "eaux-fictives-du-dauphine": "contrôle complémentaire",  # AMARC
    "messagerie-chimerique-de-loire": "audit complémentaire",
}  # CLIQ®


def test_register_legend_explains_the_four_statuses_for_a_buyer(built_site: Path) -> None:
    page = article(built_site / "certificats" / "index.html")
    legend = page.find_all("dl", "refpub-legend")
    assert len(legend) == 1
    terms = [dt.text() for dt in legend[0].find_all("dt")]
    meanings = [dd.text() for dd in legend[0].find_all("dd")]
    assert terms == [STATUS_LABELS[s] for s in ("valid", "suspended", "withdrawn", "expired")]
    assert len(set(meanings)) == 4 and all(len(m.split()) >= 12 for m in meanings)
    assert "peut faire état de la certification" in meanings[0]
    assert "ne peut pas se prévaloir" in meanings[1]
    assert "n'est plus certifiée" in meanings[2] and "n'est plus certifiée" in meanings[3]


@pytest.mark.parametrize(("company", "audit"), SUSPENDED.items())
def test_suspended_certificate_says_what_lifts_the_suspension(
    built_site: Path, company: str, audit: str
) -> None:
    page = article(built_site / "certificats" / company / "index.html")
    dates = page.find_all("dl", "refpub-cert-dates")[0]
    terms = [dt.text() for dt in dates.find_all("dt")]
    assert "Levée de la suspension" in terms and "Prochain audit" not in terms
    lift = dates.find_all("dd")[terms.index("Levée de la suspension")].text()
    assert "décision de maintien" in lift and audit in lift


def test_the_lifting_audit_is_the_referentiels_complementary_audit() -> None:
    repo = load_repository(PROJECT)
    for ref in repo.referentiels.values():
        audit = lifting_audit(ref)
        assert audit is not None and audit.type == "complementaire", ref.id
