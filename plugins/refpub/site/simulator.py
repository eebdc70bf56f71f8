"""The pre-audit simulator of the radar model: one page per référentiel scored by RADAR.

The page carries the scoring rules (element coefficients, grade scale, sub-criterion weights,
totals, minimums, tolerance) as a JSON document built here from the référentiel, so the
script in the page computes exactly what ``core/evaluation/radar.py`` computes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.evaluation.radar import EPSILON
from ..core.referentiels.referentiel import RadarModel, Referentiel
from .labels import subcriterion_label
from .pages import PageSpec
from .urls import engagement_uri, referentiel_uris

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SCRIPT_URI = "assets/refpub/simulateur.js"
STYLE_URI = "assets/refpub/simulateur.css"
#: The script every offline tool shares (text paragraphs, page controls): the simulator and
#: the tools written in docs/ load this one copy.
TOOLS_SCRIPT_URI = "assets/refpub/outils.js"


def asset_files() -> list[tuple[str, Path]]:
    """The simulator's script and stylesheet and the tools' shared script: site URI and
    packaged file."""
    return [
        (TOOLS_SCRIPT_URI, ASSETS / "outils.js"),
        (SCRIPT_URI, ASSETS / "simulateur.js"),
        (STYLE_URI, ASSETS / "simulateur.css"),
    ]


def simulator_slug(ref: Referentiel, taken: set[str]) -> str:
    """The short name in the address: the id's first word (cliq-2006 -> cliq), else the id."""
    short = ref.id.split("-")[0]
    return short if short not in taken else ref.id


def simulator_uri(slug: str) -> str:
    return f"outils/simulateur-{slug}.md"


def simulator_model(ref: Referentiel) -> dict[str, Any]:
    """The scoring rules of a radar référentiel, as the page's script reads them."""
    evaluation = ref.evaluation
    assert isinstance(evaluation, RadarModel)
    subcriteria: list[dict[str, Any]] = []
    totals: list[dict[str, Any]] = []
    for section in ref.sections:
        for engagement in section.engagements:
            for requirement in engagement.requirements:
                subcriteria.append(
                    {
                        "id": requirement.id,
                        "label": subcriterion_label(ref, section.title, requirement.number),
                        "section": section.id,
                        "weight": ref.weight(requirement.id),
                    }
                )
    for total in evaluation.totals:
        totals.append(
            {
                "id": total.id,
                "label": total.label,
                "section": total.section,
                "subcriteria": list(ref.section(total.section).requirement_ids),
                "maximum": total.maximum,
                "minimum": total.minimum,
            }
        )
    return {
        "referentiel": ref.id,
        "overall_label": evaluation.overall_label,
        "requirement_label": ref.label("requirement", "Exigence"),
        "minimum_note": evaluation.minimum_note,
        "epsilon": EPSILON,
        "elements": [
            {"id": e.id, "label": e.label, "coefficient": _number(e.coefficient)}
            for e in evaluation.elements
        ],
        "grades": [{"value": g.value, "label": g.label} for g in evaluation.grades],
        "subcriteria": subcriteria,
        "totals": totals,
    }


def simulator_uris(referentiels: list[Referentiel]) -> dict[str, str]:
    """The simulator page of each référentiel evaluated with the radar model, by id."""
    uris: dict[str, str] = {}
    taken: set[str] = set()
    for ref in sorted(referentiels, key=lambda r: r.id):
        if isinstance(ref.evaluation, RadarModel):
            slug = simulator_slug(ref, taken)
            taken.add(slug)
            uris[ref.id] = simulator_uri(slug)
    return uris


def simulator_pages(referentiels: list[Referentiel]) -> list[PageSpec]:
    """One simulator page per référentiel evaluated with the radar model (not in the nav)."""
    pages: list[PageSpec] = []
    by_id = {ref.id: ref for ref in referentiels}
    for ref_id, uri in simulator_uris(referentiels).items():
        ref = by_id[ref_id]
        context = {
            "ref": ref,
            "model": simulator_model(ref),
            "uris": referentiel_uris(ref),
            "engagement_uris": {e.id: engagement_uri(ref, e) for e in ref.engagements},
            "script_uris": (TOOLS_SCRIPT_URI, SCRIPT_URI),
            "style_uri": STYLE_URI,
        }
        pages.append(
            PageSpec(
                uri,
                f"Simulateur de pré-audit {ref.short_title}",
                "simulator.html",
                context,
                description=(
                    f"Notez votre entreprise sur la grille RADAR du référentiel "
                    f"{ref.short_title} et voyez si elle atteindrait les seuils de "
                    "certification."
                ),
            )
        )
    return pages


def _number(value: float) -> int | float:
    """A whole coefficient stays an integer in the page's JSON (2, not 2.0)."""
    return int(value) if value == int(value) else value
