"""Rendering helpers of generated page bodies."""

from __future__ import annotations

from refpub.site.render import anchor_ids


def test_anchor_ids_are_every_id_of_the_body_unescaped() -> None:
    body = (
        '<h2 id="synthese">Synthèse</h2><p>texte id="faux"</p>'
        '<section class="x" id="a&amp;b" data-y="1"><svg id="radar-1-caption"></svg>'
    )
    assert anchor_ids(body) == {"synthese", "a&b", "radar-1-caption"}
