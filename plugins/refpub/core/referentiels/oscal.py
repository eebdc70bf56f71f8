"""A référentiel as an OSCAL 1.1 catalog (``referentiels/<id>/oscal.json``), the format
compliance tools read: pure data, built from the same model as the pages.

Sections of engagements are groups, each engagement a group within, each requirement (a
CLIQ® sub-criterion, an AMARC item) a control, its text a ``statement`` part; what the
audit weighs or requires of it (RADAR weight, levels, a condition for « non applicable »)
are properties in refpub's namespace. The source's words only: the site's editorial notes
are not the référentiel's text and stay out. Identifiers are stable (UUID v5 of the
published address), so that a tool diffing two publications sees only real changes.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from ..vocabulary import Blocks
from .referentiel import Engagement, LevelsModel, Referentiel, Requirement, Section

#: The OSCAL release whose catalog model this follows (NIST, 1.1.x line).
OSCAL_VERSION = "1.1.3"
#: Namespace of refpub's own property names (OSCAL: names outside NIST's set carry one)
#: when the site has no address to name it by (a preview build): a reserved domain.
PREVIEW_NS = "https://refpub.invalid/ns/oscal"
#: What an OSCAL token (ids, names) must look like (NCName): a letter or "_" first.
_TOKEN_START = re.compile(r"[_A-Za-z]")
#: Characters that Markdown, OSCAL's prose syntax, would read as markup.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#])")


def token(identifier: str, prefix: str) -> str:
    """``identifier`` as an OSCAL token: kept when it starts with a letter, else prefixed
    (AMARC's item « 1.1 » becomes « item-1.1 »)."""
    return identifier if _TOKEN_START.match(identifier) else f"{prefix}-{identifier}"


def _escaped(text: str) -> str:
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


def prose(text: Blocks) -> str:
    """The source's rich text as OSCAL prose (Markdown): paragraphs, bullet lists and the
    source's sub-headings; the site's editorial notes left out."""
    out: list[str] = []
    for block in text:
        if isinstance(block, str):
            out.append(_escaped(block))
        elif "list" in block:
            out.append("\n".join(f"- {_escaped(str(item))}" for item in block["list"]))
        elif "heading" in block:
            out.append(f"**{_escaped(str(block['heading']))}**")
    return "\n\n".join(part for part in out if part)


def _prop(name: str, value: str, ns: str | None = None) -> dict[str, str]:
    """A property: NIST's own names (``label``) without ``ns``, refpub's with it."""
    return {"name": name, **({"ns": ns} if ns else {}), "value": value}


def _part(name: str, part_id: str, text: Blocks) -> list[dict[str, Any]]:
    written = prose(text)
    return [{"id": part_id, "name": name, "prose": written}] if written else []


def requirement_control(ref: Referentiel, requirement: Requirement, ns: str) -> dict[str, Any]:
    """One requirement as a control: number (``label``), text (``statement``), what an
    auditor may look at (``guidance``), its weight or levels, and its condition."""
    control_id = token(requirement.id, "item")
    props = [_prop("label", requirement.number), _prop("requirement-id", requirement.id, ns)]
    weight = ref.weight(requirement.id)
    if weight:
        props.append(_prop("weight", f"{weight:g}", ns))  # % of the overall note
    props += [_prop("level", level, ns) for level in requirement.levels]
    model = ref.evaluation
    if isinstance(model, LevelsModel) and requirement.id in model.not_applicable:
        props.append(
            _prop("not-applicable-when", " ".join(model.not_applicable[requirement.id].split()), ns)
        )
    parts = _part("statement", f"{control_id}_smt", requirement.text)
    examples = [item for item in requirement.evidence_examples if isinstance(item, str)]
    if examples:
        parts.append(
            {
                "id": f"{control_id}_gdn",
                "name": "guidance",
                "title": "Exemples de preuves",
                "prose": prose(({"list": examples},)),
            }
        )
    return {
        "id": control_id,
        "class": "requirement",
        "title": f"{requirement.number} {_first_words(requirement)}".strip(),
        "props": props,
        **({"parts": parts} if parts else {}),
    }


def _first_words(requirement: Requirement, words: int = 12) -> str:
    """A short title for tools that list controls: the text's first words (OSCAL wants
    a title; the source gives a number and a text)."""
    flat = next((b for b in requirement.text if isinstance(b, str)), "")
    head = flat.split()
    return " ".join(head[:words]) + (" …" if len(head) > words else "")


def engagement_group(ref: Referentiel, engagement: Engagement, ns: str) -> dict[str, Any]:
    group_id = token(engagement.id, "engagement")
    return {
        "id": group_id,
        "class": "engagement",
        "title": engagement.title,
        "props": [_prop("label", engagement.number)] if engagement.number else [],
        **({"parts": p} if (p := _part("overview", f"{group_id}_ovw", engagement.text)) else {}),
        "controls": [requirement_control(ref, r, ns) for r in engagement.requirements],
    }


def section_group(ref: Referentiel, section: Section, ns: str) -> dict[str, Any]:
    group_id = token(section.id, "section")
    return {
        "id": group_id,
        "class": "section",
        "title": section.title,
        **({"props": [_prop("label", section.number)]} if section.number else {}),
        **({"parts": p} if (p := _part("overview", f"{group_id}_ovw", section.text)) else {}),
        "groups": [engagement_group(ref, e, ns) for e in section.engagements],
    }


def _without_empty_props(node: dict[str, Any]) -> dict[str, Any]:
    """OSCAL lists hold at least one item: an empty ``props`` is left out."""
    cleaned = {k: v for k, v in node.items() if not (k == "props" and not v)}
    for key in ("groups", "controls"):
        if key in cleaned:
            cleaned[key] = [_without_empty_props(child) for child in cleaned[key]]
    return cleaned


def catalog(ref: Referentiel, url: str, modified: dt.date, ns: str = PREVIEW_NS) -> dict[str, Any]:
    """The OSCAL document of one référentiel edition published at ``url`` (its page);
    ``modified``: the date it is published at (``last-modified``), not the clock; ``ns``:
    the address that documents refpub's property names."""
    owner = uuid.uuid5(uuid.NAMESPACE_URL, f"{url}#publisher")
    publisher = ref.publisher
    party: dict[str, Any] = {"uuid": str(owner), "type": "organization", "name": publisher.name}
    if publisher.website:
        party["links"] = [{"href": publisher.website, "text": publisher.name}]
    metadata: dict[str, Any] = {
        "title": ref.title,
        "last-modified": f"{modified.isoformat()}T00:00:00Z",
        "version": ref.version,
        "oscal-version": OSCAL_VERSION,
        "props": [_prop("evaluation-model", ref.model, ns)],
        "links": [
            {
                "href": url,
                "rel": "alternate",
                "media-type": "text/html",
                "text": f"{ref.title} (version {ref.version}), publié mot pour mot",
            }
        ],
        "roles": [{"id": "creator", "title": "Propriétaire du référentiel"}],
        "parties": [party],
        "responsible-parties": [{"role-id": "creator", "party-uuids": [str(owner)]}],
    }
    return {
        "catalog": _without_empty_props(
            {
                "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{url}oscal.json|{ref.version}")),
                "metadata": metadata,
                "groups": [section_group(ref, section, ns) for section in ref.sections],
            }
        )
    }
