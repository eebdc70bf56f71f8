"""The project's vocabulary: the words the data formats, the rules and the site share.

One definition each (outcomes, statuses, item results, identifier patterns, rich text), so a
rule never drifts between the schema, the lifecycle and the pages. French labels, symbols and
number or date formatting are presentation: they live in the site layer (``site/labels.py``).
"""

from __future__ import annotations

import re
from typing import Any

#: Committee decisions an audit may carry (CONTRACT.md « Audit files »). ``certified`` first
#: certifies (after a withdrawal, only on a new initial audit); ``maintained`` keeps the
#: certificate, or makes a suspended one valid again.
CERTIFIED, MAINTAINED, RENEWED = "certified", "maintained", "renewed"
COMPLEMENTARY_ACTION, SUSPENDED_OUTCOME, WITHDRAWN_OUTCOME = (
    "complementary-action",
    "suspended",
    "withdrawn",
)
NOT_RENEWED, REFUSED = "not-renewed", "refused"
OUTCOMES = (
    CERTIFIED,
    MAINTAINED,
    RENEWED,
    COMPLEMENTARY_ACTION,
    SUSPENDED_OUTCOME,
    WITHDRAWN_OUTCOME,
    NOT_RENEWED,
    REFUSED,
)
#: Decisions that issue a certificate (and need its number).
ISSUING = (CERTIFIED, RENEWED)
#: Decisions that need an eligible audit (CLIQ® 3.4 thresholds, AMARC level reached).
REQUIRES_ELIGIBLE = (CERTIFIED, MAINTAINED, RENEWED)
#: Decisions that change nothing that was issued before.
WITHOUT_EFFECT = (COMPLEMENTARY_ACTION, REFUSED)

#: Certificate statuses, in the order the register lists them.
VALID, SUSPENDED, WITHDRAWN, EXPIRED = "valid", "suspended", "withdrawn", "expired"
STATUSES = (VALID, SUSPENDED, WITHDRAWN, EXPIRED)
#: Statuses under which the company may show the mark and hand out its information document.
MARK_STATUSES = (VALID,)
#: Statuses under which the information document stays published (flagged when suspended).
INFORMATION_STATUSES = (VALID, SUSPENDED)

#: Results of a levels item; the first two satisfy a level.
CONFORM, NONCONFORM, NOT_APPLICABLE = "conform", "nonconform", "not-applicable"
ITEM_RESULTS = (CONFORM, NONCONFORM, NOT_APPLICABLE)
SATISFIED = (CONFORM, NOT_APPLICABLE)

#: Evaluation models a référentiel may declare.
RADAR, LEVELS = "radar", "levels"


def whole(pattern: str) -> str:
    """``pattern`` anchored to match the whole value, in Python and in editors alike.

    JSON Schema patterns are searched (``re.search`` in jsonschema and fastjsonschema,
    ``RegExp.test`` in editors), and Python's ``$`` also matches before a final newline:
    ``"ID\\n"`` would pass ``^ID$`` and two numbers that look the same would differ. The
    lookahead ``(?!\\n)`` after ``$`` refuses that newline; in ECMA regular expressions ``$``
    is already the end of the value, so the pattern means the same for the editors. (``\\Z``
    would do in Python, but ECMA has no such anchor.)"""
    return f"^(?:{pattern})$(?!\\n)"


#: Ids of référentiels, companies (folder names), sections, engagements.
ID_PATTERN = whole("[a-z0-9]+(-[a-z0-9]+)*")
COMPANY_ID = re.compile(ID_PATTERN)
#: Ids of sub-criteria and items (org-1.1, 4.2.1).
REQUIREMENT_ID = whole("[a-z0-9]+([.-][a-z0-9]+)*")
#: Certificate numbers: capital letters, digits and hyphens, 3 to 40 characters.
CERTIFICATE_PATTERN = whole("[A-Z0-9-]{3,40}")
#: Clause numbers of a standard (7.2.3), in cross-reference grids.
CLAUSE_NUMBER = whole(r"[0-9]+(\.[0-9]+)*")
#: French company numbers (INSEE): SIREN of the company, SIRET of one of its sites.
SIREN_PATTERN = whole("[0-9]{9}")
SIRET_PATTERN = whole("[0-9]{14}")

#: Relations between a requirement and a clause, in the order of the legend (their symbols
#: and French labels are the site's: ``site/labels.py``).
RELATIONS = ("equivalent", "subset", "superset", "intersects")

#: What ``refpub new-audit`` leaves for the auditor to replace; never valid data.
PLACEHOLDER = "À compléter"

#: Rich text: paragraphs (str), bullet lists ({"list": [...]}), sub-headings of the source
#: ({"heading": ...}) and notes of the site's editors ({"editorial": ...}).
Blocks = tuple[Any, ...]


def blocks(value: Any) -> Blocks:
    """Rich text normalised to a tuple of paragraphs (str) and bullet lists ({'list': [...]})."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def flatten(value: Blocks) -> list[str]:
    """Paragraphs and list items of rich text, in order."""
    out: list[str] = []
    for block in value:
        if isinstance(block, str):
            out.append(block)
        elif "list" in block:  # sub-headings and editorial notes are not the text's words
            out.extend(block["list"])
    return out
