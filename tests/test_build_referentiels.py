"""The plugin publishes référentiels from the YAML alone: build into a temp folder, read files."""

from __future__ import annotations

import gzip
from pathlib import Path


def _page(site: Path, uri: str) -> str:
    return (site / uri / "index.html").read_text(encoding="utf-8")


def test_each_referentiel_gets_its_pages(mini_site: Path):
    for uri in (
        "referentiels",
        "referentiels/demo-radar",
        "referentiels/demo-radar/engagement-org-1",
        "referentiels/demo-radar/engagement-op-1",
        "referentiels/demo-radar/evaluation",
        "referentiels/demo-radar/certification",
        "referentiels/demo-radar/glossaire",
        "referentiels/demo-levels/engagement-1",
        "referentiels/demo-levels/communication",
    ):
        assert (mini_site / uri / "index.html").is_file(), uri


def test_text_is_published_escaped_and_verbatim(mini_site: Path):
    html = _page(mini_site, "referentiels/demo-radar")
    assert "Gérer le &lt;référentiel&gt; &amp; ses *outils*" in html
    assert "<référentiel>" not in html


def test_engagement_page_lists_interlocutors_and_evidence(mini_site: Path):
    html = _page(mini_site, "referentiels/demo-radar/engagement-org-1")
    assert "Chef d&#39;entreprise" in html or "Chef d'entreprise" in html
    assert "Organigramme" in html
    assert 'id="org-1.1"' in html


def test_levels_table_marks_each_level(mini_site: Path):
    html = _page(mini_site, "referentiels/demo-levels/engagement-1")
    row = html.split('id="item-1.2"')[1].split("</tr>")[0]
    assert "non exigé au Niveau A" in row and "exigé au Niveau B" in row
    assert "Bilan" in row and "Entretiens" in row


def test_evaluation_page_shows_weights_and_thresholds(mini_site: Path):
    html = _page(mini_site, "referentiels/demo-radar/evaluation")
    assert "au moins 13 %" in html and "au moins 38 %" in html
    assert "/75%" in html and "/100%" in html


def test_generated_pages_are_searchable(mini_site: Path):
    fragments = [
        gzip.decompress(f.read_bytes()).decode("utf-8")
        for f in (mini_site / "pagefind/fragment").iterdir()
    ]
    assert any("Je réponds au besoin" in fragment for fragment in fragments)


def test_table_of_contents_lists_engagements(mini_site: Path):
    html = _page(mini_site, "referentiels/demo-radar")
    assert 'href="#engagement-org-1"' in html
