"""The guide pages say what the sources and the référentiels say (issue #14): the RADAR
weight of « évaluation et revue », the complaint-handling page walking seed 004's six phases
against the AMARC engagements. Reads the session build (``built_site``)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from html_tree import article

from conftest import PROJECT, seed_text

SEED_004 = "004_8b07e6ce278dd91d.txt"
PHASES = ["Recueil", "Enregistrement", "Résolution", "Clôture", "Suivi", "Exploitation"]


def test_pilotage_gives_the_review_its_real_weight(built_site: Path) -> None:
    data = yaml.safe_load((PROJECT / "referentiels/cliq-2006.yaml").read_text("utf-8"))
    coefficients = {e["label"]: e["coefficient"] for e in data["evaluation"]["elements"]}
    review = coefficients["Évaluation et revue"]
    assert review == min(coefficients.values())
    text = article(built_site / "guide/pilotage/index.html").text()
    assert "récompense justement" not in text
    assert (
        f"l'évaluation et la revue ne pèsent que le coefficient {review:g} sur "
        f"{sum(coefficients.values()):g}"
    ) in text
    assert f"l'approche et le déploiement comptent chacun {coefficients['Approche']:g}" in text


def test_the_six_phases_of_complaint_handling_are_those_of_the_course() -> None:
    source = seed_text(SEED_004)
    assert "Le traitement d'une réclamation comprend six phases" in source
    for letter, phase in zip("abcdef", PHASES, strict=True):
        assert re.search(rf"(?m)^{letter}- (le )?{phase.lower()}", source.lower()), phase
    for step in ("Organiser", "Segmenter", "Interagir", "Collecter", "Alimenter", "Mesurer"):
        assert f"**{step}**" in source


def test_the_complaint_page_walks_the_phases_against_every_engagement(built_site: Path) -> None:
    page = article(built_site / "guide/reclamations/index.html")
    rows = [tr for tr in page.find_all("tr") if tr.find_all("td")]
    assert [tr.find_all("td")[0].text() for tr in rows] == [
        f"{i}. {phase}" for i, phase in enumerate(PHASES, start=1)
    ]
    linked = {
        a.attrs["href"].split("#")[0]
        for a in page.find_all("a")
        if "amarc-re-mrc-03/engagement-" in a.attrs.get("href", "")
    }
    assert linked == {f"../../referentiels/amarc-re-mrc-03/engagement-{n}/" for n in range(1, 7)}
    text = page.text()
    assert "est notre lecture" in text
    assert "OSICAM" in text and "45 ÷ 60 = 75 %" in text
    guide = article(built_site / "guide/index.html")
    assert "reclamations/" in [a.attrs.get("href") for a in guide.find_all("a")]


def test_the_communication_plan_lists_ten_items_numbered_one_each(built_site: Path) -> None:
    page = article(built_site / "guide/communication/index.html")
    plan = next(ol for ol in page.find_all("ol") if "périodicité" in ol.text())
    items = [li.text() for li in plan.children if not isinstance(li, str) and li.tag == "li"]
    assert len(items) == 10
    assert items[5].startswith("la durée") and items[6].startswith("sa périodicité")
    assert not any(re.search(r"\b\d+\. ", item) for item in items), items


def test_the_complaint_page_says_what_item_1_4_says_and_who_certifies(built_site: Path) -> None:
    amarc = yaml.safe_load((PROJECT / "referentiels/amarc-re-mrc-03.yaml").read_text("utf-8"))
    item = next(
        r
        for e in amarc["sections"][0]["engagements"]
        for r in e["requirements"]
        if r["id"] == "1.4"
    )
    assert "délai" not in str(item["text"])  # the policy chooses channels, not delays
    text = article(built_site / "guide/reclamations/index.html").text()
    policy = text[text.index("une politique dit") :][:200]
    assert "délais" not in policy and "canaux d'expression" in policy
    assert "certifie la marque" not in text
    assert "délivrée par un organisme certificateur, donne droit à la marque Qualicert" in text


def test_public_pages_speak_of_a_certification_decision_not_a_committee(built_site: Path) -> None:
    """AMARC's decisions are the certification body's (III.1.3, III.2.2): the pages every
    référentiel shares never hand them to a committee."""
    from refpub.site.labels import STATUS_TEXTS

    assert all("comité" not in " ".join(texts).lower() for texts in STATUS_TEXTS.values())
    pages = sorted(built_site.glob("certificats/*/**/index.html"))
    assert pages
    for page in pages:
        assert "décision du comité" not in page.read_text("utf-8"), page
