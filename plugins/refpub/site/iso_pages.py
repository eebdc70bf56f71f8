"""Pages of the cross-reference grids (référentiel × standard): one page per mapping file.

Pure, like :mod:`pages`: it maps the validated mappings to page specifications.
"""

from __future__ import annotations

from ..core.referentiels.mapping import (
    Mapping,
    subcriteria_without_clause,
    successor_untouched,
    successor_view,
    untouched_clauses,
)
from ..core.referentiels.referentiel import Requirement
from .labels import RELATIONS
from .pages import PageSpec
from .urls import engagement_uri, referentiel_dir, referentiel_uris


def mapping_uri(mapping: Mapping) -> str:
    """``referentiels/<référentiel>/<slug>.md``, e.g. referentiels/cliq-2006/iso-9001.md."""
    return f"{referentiel_dir(mapping.referentiel)}/{mapping.slug}.md"


def mapping_title(mapping: Mapping) -> str:
    """The grid's title says whose work it is: the site's, never the référentiel's annex
    (which the source announces without reproducing it)."""
    author = f"{mapping.title}, établie par la rédaction du site"
    return f"{author} (à défaut de l'{mapping.annex} du référentiel)" if mapping.annex else author


def short_text(requirement: Requirement) -> str:
    """The commitment itself: the first paragraph in the first person (« Je ... », « J'... »),
    else the first paragraph; bullet lists are left out."""
    paragraphs = [b for b in requirement.text if isinstance(b, str)]
    first_person = [p for p in paragraphs if p.startswith(("Je ", "J'", "J’"))]
    return (first_person or paragraphs or [requirement.id])[0]


def coverage(mapping: Mapping) -> dict[str, object]:
    """The coverage summary's figures, computed here so that the template only displays them."""
    total = len(mapping.referentiel.requirements)
    return {
        "mapped": total - len(subcriteria_without_clause(mapping)),
        "total": total,
        "links_by_relation": {
            relation: sum(1 for link in mapping.links if link.relation == relation)
            for relation in RELATIONS
        },
    }


def mapping_pages(mappings: list[Mapping]) -> list[PageSpec]:
    """One page per grid: explanation, matrix, both directions and the coverage summary."""
    specs = []
    for mapping in sorted(mappings, key=lambda m: m.id):
        ref = mapping.referentiel
        requirement_uris = {
            r.id: engagement_uri(ref, e) for e in ref.engagements for r in e.requirements
        }
        context = {
            "mapping": mapping,
            "ref": ref,
            "uris": referentiel_uris(ref),
            "requirement_uris": requirement_uris,
            "short_texts": {rid: short_text(r) for rid, r in ref.requirements.items()},
            # the section names a requirement when its number alone is ambiguous (CLIQ® 1.1)
            "section_titles": {
                r.id: s.title if len(ref.sections) > 1 else ""
                for s in ref.sections
                for e in s.engagements
                for r in e.requirements
            },
            "relations": RELATIONS,
            "columns": mapping.cited_clauses(),
            "untouched": untouched_clauses(mapping),
            "unmapped": subcriteria_without_clause(mapping),
            "coverage": coverage(mapping),
            "successor": mapping.successor,
            "successor_view": successor_view(mapping),
            "successor_untouched": successor_untouched(mapping),
        }
        specs.append(
            PageSpec(
                mapping_uri(mapping),
                mapping_title(mapping),
                "iso.html",
                context,
                description=f"Correspondances entre {ref.short_title} et {mapping.standard.title}",
            )
        )
    return specs
