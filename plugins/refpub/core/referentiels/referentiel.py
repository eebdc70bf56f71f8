"""The référentiel model: what a référentiel declares, typed and built once when it loads.

Everything the code and the templates read about a référentiel is an attribute of these
frozen objects (engagements, evaluation model, cycle, decisions, communication, parties):
no raw dictionary of the file survives the loader. The checks a schema cannot express live
in :mod:`referentiel_checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from ..checks.checking import schema_problems
from ..checks.problems import DataError, without_lines
from ..evaluation.registry import known_names, model_named
from ..intake.source import Located, load_yaml
from ..schemas.referentiel import referentiel_schema
from ..vocabulary import (
    CERTIFIED,
    INFORMATION_STATUSES,
    LEVELS,
    MAINTAINED,
    RADAR,
    RENEWED,
    Blocks,
    blocks,
)
from .referentiel_checks import cross_reference_problems

#: Where a support may be published: the company's certificate page on the site, and the
#: badge the company places on its own website (embed snippet).
COMPANY_PAGE = "company-page"
BADGE = "badge"
#: The support of AMARC §VIII.1 that the site publishes for each certificate.
INFORMATION_SUPPORT = "document-information"


@dataclass(frozen=True)
class Labelled:
    """A value the référentiel declares under an id (the word its data files use) and shows
    under a label: an element, a level, a result, a decision, a support..."""

    id: str
    label: str


def label_of(values: Iterable[Labelled], value_id: str) -> str:
    """The label of ``value_id`` among ``values``; the id itself when none declares it."""
    return next((v.label for v in values if v.id == value_id), value_id)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman(numeral: str) -> int | None:
    """The value of a Roman chapter number (« VIII »), None if it is not one."""
    if not numeral or any(ch not in _ROMAN for ch in numeral):
        return None
    values = [_ROMAN[ch] for ch in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def source_order(number: str) -> tuple:
    """The place of a numbered part in its source: 1.2 before 1.10, IV before V.1."""
    key = []
    for part in number.split("."):
        roman = _roman(part)
        key.append(
            (0, int(part), "")
            if part.isdigit()
            else (0, roman, "")
            if roman is not None
            else (1, 0, part)
        )
    return tuple(key)


@dataclass(frozen=True)
class NumberedPart:
    """The number and title of a part of the source (« 3.1 Les éléments de mesure »); the
    number is "" where the source numbers none."""

    number: str
    title: str


@dataclass(frozen=True)
class SourcePart(NumberedPart):
    """A part of the source published word for word under its own heading, with its id on
    the page: a chapter, a section of engagements, an engagement."""

    id: str
    text: Blocks


@dataclass(frozen=True)
class GlossaryMark:
    """A sign of the source after the words its glossary defines (« insatisfactions* »):
    the kind of glossary entry it sends to, and the site's note explaining it."""

    symbol: str
    kind: str
    note: Blocks


@dataclass(frozen=True)
class LeadIn:
    """The lead-in of a list as the source writes it: its words, then its italic part
    (« Interlocuteur(s) potentiel(s) : *Identification non exhaustive* »)."""

    text: str
    emphasis: str = ""


@dataclass(frozen=True)
class Requirement:
    """A sub-criterion (CLIQ®) or an item (AMARC): the unit an audit grades."""

    id: str
    number: str
    text: Blocks
    engagement_id: str
    interlocutors: tuple[str, ...] = ()
    evidence_examples: tuple[Any, ...] = ()  # examples (str) and sub-headings ({heading})
    levels: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    control_methods: tuple[str, ...] = ()
    note: Blocks = ()
    #: False where the source gives this list of examples no lead-in (CLIQ® op-3.2)
    evidence_lead_in: bool = True
    #: the site's note on what the text extraction may have lost or split in the item
    editorial: Blocks = ()

    @property
    def summary(self) -> str:
        """The requirement's first paragraph when it is plain text (a form's legend), else
        nothing."""
        first = self.text[0] if self.text else None
        return first if isinstance(first, str) else ""

    @property
    def evidence_groups(self) -> tuple[tuple[str | None, tuple[str, ...]], ...]:
        """The evidence examples under the source's sub-headings (« ACTIVITE TRANSPORT »):
        (heading or None, examples) in order."""
        groups: list[tuple[str | None, list[str]]] = []
        for item in self.evidence_examples:
            if isinstance(item, str):
                if not groups:
                    groups.append((None, []))
                groups[-1][1].append(item)
            else:
                groups.append((item["heading"], []))
        return tuple((heading, tuple(items)) for heading, items in groups)


@dataclass(frozen=True)
class Engagement(SourcePart):
    """A commitment of the référentiel and the requirements an audit grades under it."""

    requirements: tuple[Requirement, ...]


@dataclass(frozen=True)
class Section(SourcePart):
    """A group of engagements (CLIQ®: organisational, operational) with its own total."""

    engagements: tuple[Engagement, ...]

    @property
    def requirement_ids(self) -> tuple[str, ...]:
        return tuple(r.id for e in self.engagements for r in e.requirements)


@dataclass(frozen=True)
class Chapter(SourcePart):
    """A chapter of text of the référentiel (presentation, scope...), published word for word;
    without text, a part's title only (CLIQ® 1.5)."""

    editorial: Blocks = ()  # the site's note, published as « Note de la rédaction »


@dataclass(frozen=True)
class Named:
    """Someone or something a référentiel presents by name, with its website: a party
    (publisher, certification body) or a collective mark."""

    name: str
    website: str | None = None


@dataclass(frozen=True)
class Party(Named):
    """The publisher or the certification body of a référentiel."""

    role: str | None = None
    address: str | None = None
    phone: str | None = None
    fax: str | None = None
    email: str | None = None


def same_name(a: str, b: str) -> bool:
    """Two names of one body: case, spacing and hyphens do not matter (« SGS-ICS »)."""

    def key(name: str) -> str:
        return " ".join(name.replace("-", " ").casefold().split())

    return key(a) == key(b)


@dataclass(frozen=True)
class CertificationBody(Party):
    """The certification body a référentiel names. ``exclusive``: only it, and the bodies the
    file lists in ``entitled``, may certify under the référentiel's mark (AMARC: SGS ICS,
    owner of the Qualicert mark); another body publishing it is not the issuer it claims."""

    exclusive: bool = False
    entitled: tuple[str, ...] = ()

    def entitles(self, body_name: str) -> bool:
        """Whether the body named ``body_name`` may issue certificates of this référentiel."""
        if not self.exclusive:
            return True
        return any(same_name(body_name, name) for name in (self.name, *self.entitled))


@dataclass(frozen=True)
class DraftingNote:
    """A note of the référentiel's authors left in its text (« A revoir selon ... »): kept
    word for word in ``text``, published only as ``published`` (no person's name)."""

    text: str
    published: str


@dataclass(frozen=True)
class GlossaryEntry:
    """A term of the référentiel's glossary, word for word, with our notes apart."""

    term: str
    definition: Blocks
    kind: str = ""
    editorial: Blocks = ()
    drafting_notes: tuple[DraftingNote, ...] = ()


@dataclass(frozen=True)
class PendingNote:
    """A point of the source to settle with the référentiel's owner (a missing title...)."""

    id: str
    subject: str
    note: Blocks


# --- evaluation models ------------------------------------------------------------------


@dataclass(frozen=True)
class Element(Labelled):
    """A RADAR element (approach, deployment...) and its coefficient in a note."""

    coefficient: float
    description: Blocks = ()


@dataclass(frozen=True)
class Grade:
    """A value of the grading scale (0, 1, 2) and its label in the référentiel."""

    value: int
    label: str


@dataclass(frozen=True)
class TotalRule(Labelled):
    """A weighted total over one section, its maximum (the section's weights) and minimum."""

    section: str
    maximum: float
    minimum: float | None = None


@dataclass(frozen=True)
class WorkedExample:
    """The référentiel's example of grading (CLIQ® 3.2): its note is computed, never copied."""

    requirement: str
    grades: Mapping[str, int]
    text: Blocks = ()


@dataclass(frozen=True)
class ReportTable:
    """A table of the detailed-report template (3.3), as the référentiel draws it."""

    title: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class ReportTemplate:
    """The detailed evaluation report's template (CLIQ® 3.3)."""

    tables: tuple[ReportTable, ...]
    text: Blocks = ()
    heading: Blocks = ()
    footnote: Blocks = ()


@dataclass(frozen=True)
class RadarModel:
    """The weighted RADAR model (CLIQ® 3.2–3.4)."""

    elements: tuple[Element, ...]
    grades: tuple[Grade, ...]
    weights: Mapping[str, float]
    totals: tuple[TotalRule, ...]
    minimum_note: float
    overall_label: str = "Note globale"
    text: Blocks = ()
    thresholds_text: Blocks = ()
    synthesis_text: Blocks = ()
    tool_text: Blocks = ()
    grading_text: Blocks = ()
    example: WorkedExample | None = None
    report_template: ReportTemplate | None = None
    editorial: Blocks = ()
    kind: str = RADAR

    @property
    def top_grade(self) -> int:
        return max(g.value for g in self.grades)

    @property
    def lowest_grade(self) -> int:
        return min(g.value for g in self.grades)

    @property
    def coefficient_sum(self) -> float:
        return sum(e.coefficient for e in self.elements)

    @property
    def maximum_points(self) -> float:
        """The points of a perfect sub-criterion: top grade on every element."""
        return self.top_grade * self.coefficient_sum

    @property
    def overall_maximum(self) -> float:
        return sum(self.weights.values())

    def weight(self, requirement_id: str) -> float:
        """Weight of a sub-criterion in the overall note, in %."""
        return self.weights.get(requirement_id, 0.0)

    @property
    def totals_with_minimum(self) -> tuple[TotalRule, ...]:
        return tuple(t for t in self.totals if t.minimum is not None)


@dataclass(frozen=True)
class Level(Labelled):
    """A certification level (A, B), lowest first in the model's order."""

    description: Blocks = ()


@dataclass(frozen=True)
class ResultOption(Labelled):
    """A result an item may receive (conform, nonconform, not-applicable) and its label."""


@dataclass(frozen=True)
class LevelsModel:
    """Conformity by levels (AMARC): each item is required at one or more levels.

    ``not_applicable``: the items that may be judged not applicable, with the référentiel's
    own wording that makes them conditional (« s'il existe », a channel...)."""

    levels: tuple[Level, ...]
    results: tuple[ResultOption, ...]
    not_applicable: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    text: Blocks = ()
    editorial: Blocks = ()
    kind: str = LEVELS
    #: the one written rule that makes an item conditional (the site's words)
    not_applicable_rule: Blocks = ()
    #: the channels the référentiel makes alternatives (at least one applies), and its part
    channels: tuple[Labelled, ...] = ()
    channels_reference: str = ""
    #: item id -> the channels a conditional item is about (situation items have none)
    item_channels: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def channel_label(self, channel: str) -> str:
        return label_of(self.channels, channel)

    @property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    @property
    def result_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.results)

    def result_label(self, result: str) -> str:
        return label_of(self.results, result)

    @property
    def higher_levels(self) -> tuple[Level, ...]:
        """The levels above the first, each listing the items only it requires."""
        return self.levels[1:]


class Evaluation(Protocol):
    """The typed ``evaluation`` block of a référentiel (``RadarModel``, ``LevelsModel`` or a
    registered model's own); ``kind`` names its model."""

    @property
    def kind(self) -> str: ...


# --- cycle, decisions, communication ----------------------------------------------------


@dataclass(frozen=True)
class AuditType:
    """An audit of the cycle: which decisions may follow it and when it falls due."""

    type: str
    label: str
    decisions: tuple[str, ...]
    due_months: int | None = None
    description: Blocks = ()
    editorial: Blocks = ()
    #: how the site reads the due date where the source states none in months (editorial)
    due_editorial: str | None = None
    #: the part of the source that describes this audit
    reference: str | None = None


@dataclass(frozen=True)
class Cycle:
    """How long a certificate lasts and which audits keep it alive."""

    validity_years: int
    audits: tuple[AuditType, ...]
    text: Blocks = ()

    @property
    def initial_type(self) -> str | None:
        """The initial audit: it may first certify, and never maintain (unlike a
        complementary audit)."""
        return next(
            (
                a.type
                for a in self.audits
                if CERTIFIED in a.decisions and MAINTAINED not in a.decisions
            ),
            None,
        )

    @property
    def renewal_type(self) -> str | None:
        """The renewal audit: it may renew but never first certify (unlike a complementary
        audit); the only audit a ``renewed`` decision may follow."""
        return next(
            (
                a.type
                for a in self.audits
                if RENEWED in a.decisions and CERTIFIED not in a.decisions
            ),
            None,
        )


@dataclass(frozen=True)
class DecisionRule(Labelled):
    """A committee decision the site records: its short label, the référentiel's own words
    for it (``text``, word for word, from part ``reference``) and the site's note."""

    text: Blocks = ()
    reference: str | None = None
    editorial: Blocks = ()


@dataclass(frozen=True)
class Mention(Labelled):
    """One mention a support must carry (VIII.1), with what fills it on a document."""

    text: Blocks
    wording: Blocks
    condition: str = ""
    when: str | None = None
    source: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Support(Labelled):
    """A communication support and the mentions it must carry."""

    mandatory: bool
    reference: str
    mentions: tuple[Mention, ...]
    text: Blocks = ()
    published_on: tuple[str, ...] = ()
    editorial: Blocks = ()

    @property
    def checked(self) -> bool:
        """Whether the site must prove its mentions: mandatory or published on a page."""
        return self.mandatory or bool(self.published_on)


@dataclass(frozen=True)
class Mark(Named):
    """The collective mark a certified company may show, and where its logo lives."""

    owner: str | None = None
    logo: str | None = None


@dataclass(frozen=True)
class Communication:
    """Chapter VIII: the mark, the supports and the engagements communicated to customers."""

    text: Blocks
    mark: Mark | None = None
    supports: tuple[Support, ...] = ()
    communicated_engagements: tuple[Engagement, ...] = ()
    communicated_text: Blocks = ()
    editorial: Blocks = ()

    def page_supports(self, page: str = COMPANY_PAGE) -> tuple[Support, ...]:
        """The supports a site page carrying the mark must respect."""
        return tuple(s for s in self.supports if page in s.published_on)

    @property
    def information_support(self) -> Support | None:
        """The mandatory « document d'information », when the référentiel declares one."""
        return next((s for s in self.supports if s.id == INFORMATION_SUPPORT and s.mandatory), None)


# --- the référentiel ----------------------------------------------------------------------


@dataclass(frozen=True)
class Referentiel:
    """One référentiel as published."""

    id: str
    path: str
    title: str
    short_title: str
    version: str
    publisher: Party
    sections: tuple[Section, ...]
    evaluation: Evaluation
    cycle: Cycle
    decisions: tuple[DecisionRule, ...]
    reference: str | None = None
    subtitle: str | None = None
    summary: str | None = None
    certification_body: CertificationBody | None = None
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    chapters: tuple[Chapter, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    communication: Communication | None = None
    #: the source's list of annexes, with its groupings; what the site says of them
    annexes: Blocks = ()
    annexes_editorial: Blocks = ()
    #: the title of the cover page; None: the source has none, the site says it is missing
    full_title: str | None = None
    pending_notes: tuple[PendingNote, ...] = ()
    #: number and title of the source's parts shown on the site's pages, by page part
    headings: Mapping[str, NumberedPart] = field(default_factory=lambda: MappingProxyType({}))
    #: number and title of each kind of glossary entry (AMARC VII.1 Glossaire, VII.2 Lexique)
    glossary_kinds: Mapping[str, NumberedPart] = field(default_factory=lambda: MappingProxyType({}))
    #: the source's lead-ins of the requirements' lists (interlocutors, evidence), as written
    lead_ins: Mapping[str, LeadIn] = field(default_factory=lambda: MappingProxyType({}))
    #: the sign that sends a word of the text to a glossary (AMARC « * » -> VII.2 lexique)
    glossary_mark: GlossaryMark | None = None

    @property
    def model(self) -> str:
        return self.evaluation.kind

    @property
    def body_parts(self) -> tuple[SourcePart, ...]:
        """The chapters and sections of engagements of the overview page, in the source's
        order when every one is numbered (AMARC's IV comes between III and V)."""
        parts: tuple[SourcePart, ...] = (*self.chapters, *self.sections)
        if all(part.number for part in parts):
            return tuple(sorted(parts, key=lambda part: source_order(part.number)))
        return parts

    @property
    def audit_types(self) -> tuple[AuditType, ...]:
        return self.cycle.audits

    @property
    def validity_years(self) -> int:
        return self.cycle.validity_years

    @cached_property
    def engagements(self) -> tuple[Engagement, ...]:
        return tuple(e for s in self.sections for e in s.engagements)

    @cached_property
    def requirements(self) -> Mapping[str, Requirement]:
        return MappingProxyType({r.id: r for e in self.engagements for r in e.requirements})

    @property
    def full_reference(self) -> str:
        """The reference printed after the title (RE/MRC/03), else the version."""
        return self.reference or self.version

    def engagement(self, engagement_id: str) -> Engagement:
        return next(e for e in self.engagements if e.id == engagement_id)

    def section(self, section_id: str) -> Section:
        return next(s for s in self.sections if s.id == section_id)

    def weight(self, requirement_id: str) -> float:
        """Weight of a sub-criterion in the overall note, in % (0 outside the radar model)."""
        if isinstance(self.evaluation, RadarModel):
            return self.evaluation.weight(requirement_id)
        return 0.0

    def engagement_weight(self, engagement: Engagement) -> float:
        return sum(self.weight(r.id) for r in engagement.requirements)

    def section_weight(self, section: Section) -> float:
        return sum(self.engagement_weight(e) for e in section.engagements)

    def audit_type(self, name: str) -> AuditType | None:
        return next((t for t in self.audit_types if t.type == name), None)

    def type_label(self, name: str) -> str:
        audit_type = self.audit_type(name)
        return audit_type.label if audit_type else name

    def label(self, key: str, default: str) -> str:
        """The référentiel's own word for a section, engagement, requirement(s)."""
        return self.labels.get(key, default)

    def decision_label(self, outcome: str) -> str:
        return label_of(self.decisions, outcome)

    def level_ids(self) -> tuple[str, ...]:
        if isinstance(self.evaluation, LevelsModel):
            return self.evaluation.level_ids
        return ()

    def requirements_for_level(self, level: str) -> tuple[Requirement, ...]:
        """Items an audit at ``level`` must grade: those required at it or any lower level."""
        order = self.level_ids()
        wanted = set(order[: order.index(level) + 1]) if level in order else set()
        return tuple(r for r in self.requirements.values() if wanted & set(r.levels))

    def requirements_only_at(self, level: str) -> tuple[Requirement, ...]:
        """Items required at ``level`` and at no other level."""
        return tuple(r for r in self.requirements.values() if r.levels == (level,))

    def may_be_not_applicable(self, requirement_id: str) -> bool:
        return (
            isinstance(self.evaluation, LevelsModel)
            and requirement_id in self.evaluation.not_applicable
        )

    @property
    def information_support(self) -> Support | None:
        return self.communication.information_support if self.communication else None

    def has_information_document(self, status: str) -> bool:
        """Whether a certificate in ``status`` keeps its « document d'information » online."""
        return self.information_support is not None and status in INFORMATION_STATUSES

    def page_supports(self, page: str = COMPANY_PAGE) -> tuple[Support, ...]:
        return self.communication.page_supports(page) if self.communication else ()


#: The référentiel schema for each set of known models, built once (validators are cached
#: by schema object).
_SCHEMAS: dict[tuple[str, ...], dict[str, Any]] = {}


def _schema() -> dict[str, Any]:
    """The référentiel schema whose ``evaluation`` block is one of the known models'."""
    names = tuple(known_names())
    if names not in _SCHEMAS:
        _SCHEMAS[names] = referentiel_schema(
            {name: model_named(name).referentiel_schema() for name in names}
        )
    return _SCHEMAS[names]


def load_referentiel(file: Path, display_path: str | None = None) -> Referentiel:
    """Load and check one référentiel file; raises DataError with every problem found."""
    display = display_path or file.name
    doc, problems = load_yaml(file, display)
    if doc is None:
        raise DataError(problems)
    if not isinstance(doc.data, dict):
        raise DataError([*problems, doc.problem((), "un référentiel doit être un mapping")])
    problems += without_lines(schema_problems(doc, _schema()), problems)
    if problems:
        raise DataError(problems)
    model = model_named(doc.data["evaluation"]["model"])
    problems += list(cross_reference_problems(doc, file.stem, model.referentiel_problems))
    if problems:
        raise DataError(problems)
    return build_referentiel(doc)


def build_referentiel(doc: Located) -> Referentiel:
    """The typed model of a référentiel file that passed its schema and cross-checks."""
    data = doc.data
    sections = tuple(_section(s) for s in data["sections"])
    engagements = {e.id: e for s in sections for e in s.engagements}
    return Referentiel(
        id=data["id"],
        path=doc.path,
        title=data["title"],
        short_title=data["short_title"],
        version=str(data["version"]),
        publisher=_party(data["publisher"]),
        sections=sections,
        evaluation=model_named(data["evaluation"]["model"]).build(data),
        cycle=_cycle(data["cycle"]),
        decisions=tuple(
            DecisionRule(
                d["id"],
                d["label"],
                blocks(d.get("text")),
                d.get("reference"),
                blocks(d.get("editorial")),
            )
            for d in data["decisions"]
        ),
        reference=data.get("reference"),
        subtitle=data.get("subtitle"),
        summary=data.get("summary"),
        certification_body=_certification_body(data["certification_body"])
        if "certification_body" in data
        else None,
        labels=MappingProxyType(dict(data.get("labels", {}))),
        chapters=tuple(
            Chapter(
                id=c["id"],
                number=c.get("number", ""),
                title=c["title"],
                text=blocks(c.get("text")),
                editorial=blocks(c.get("editorial")),
            )
            for c in data.get("chapters", [])
        ),
        glossary=tuple(
            GlossaryEntry(
                g["term"],
                blocks(g["definition"]),
                g.get("kind", ""),
                blocks(g.get("editorial")),
                tuple(DraftingNote(n["text"], n["published"]) for n in g.get("drafting_notes", [])),
            )
            for g in data.get("glossary", [])
        ),
        communication=_communication(data["communication"], engagements)
        if "communication" in data
        else None,
        annexes=blocks(data.get("annexes")),
        annexes_editorial=blocks(data.get("annexes_editorial")),
        full_title=data.get("full_title"),
        pending_notes=tuple(
            PendingNote(n["id"], n["subject"], blocks(n["note"]))
            for n in data.get("pending_notes", [])
        ),
        headings=_numbered(data.get("headings", {})),
        glossary_kinds=_numbered(data.get("glossary_kinds", {})),
        lead_ins=MappingProxyType(
            {
                key: LeadIn(value["text"], value.get("emphasis", ""))
                for key, value in data.get("lead_ins", {}).items()
            }
        ),
        glossary_mark=GlossaryMark(
            data["glossary_mark"]["symbol"],
            data["glossary_mark"]["kind"],
            blocks(data["glossary_mark"]["note"]),
        )
        if "glossary_mark" in data
        else None,
    )


def _numbered(data: dict[str, Any]) -> Mapping[str, NumberedPart]:
    return MappingProxyType({key: NumberedPart(h["number"], h["title"]) for key, h in data.items()})


def _party(data: dict[str, Any]) -> Party:
    """The party of validated data: its name is required by the schema, the rest optional."""
    optional = {key: data.get(key) for key in Party.__dataclass_fields__ if key != "name"}
    return Party(data["name"], **optional)


def _certification_body(data: dict[str, Any]) -> CertificationBody:
    party = _party(data)
    return CertificationBody(
        **{key: getattr(party, key) for key in Party.__dataclass_fields__},
        exclusive=bool(data.get("exclusive")),
        entitled=tuple(data.get("entitled", [])),
    )


def _section(data: dict[str, Any]) -> Section:
    engagements = tuple(
        Engagement(
            id=e["id"],
            number=e["number"],
            title=e["title"],
            text=blocks(e.get("text")),
            requirements=tuple(_requirement(r, e["id"]) for r in e["requirements"]),
        )
        for e in data["engagements"]
    )
    return Section(
        id=data["id"],
        number=data.get("number", ""),
        title=data["title"],
        text=blocks(data.get("text")),
        engagements=engagements,
    )


def _requirement(data: dict[str, Any], engagement_id: str) -> Requirement:
    return Requirement(
        id=data["id"],
        number=data["number"],
        text=blocks(data["text"]),
        engagement_id=engagement_id,
        interlocutors=tuple(data.get("interlocutors", ())),
        evidence_examples=tuple(data.get("evidence_examples", ())),
        levels=tuple(data.get("levels", ())),
        documents=tuple(data.get("documents", ())),
        control_methods=tuple(data.get("control_methods", ())),
        note=blocks(data.get("note")),
        evidence_lead_in=data.get("evidence_lead_in", True),
        editorial=blocks(data.get("editorial")),
    )


def _cycle(data: dict[str, Any]) -> Cycle:
    return Cycle(
        validity_years=data["validity_years"],
        audits=tuple(
            AuditType(
                a["type"],
                a["label"],
                tuple(a["decisions"]),
                a.get("due_months"),
                blocks(a.get("description")),
                blocks(a.get("editorial")),
                a.get("due_editorial"),
                a.get("reference"),
            )
            for a in data["audits"]
        ),
        text=blocks(data.get("text")),
    )


def _mention(data: dict[str, Any]) -> Mention:
    text = blocks(data.get("text"))
    return Mention(
        id=data["id"],
        label=data["label"],
        text=text,
        wording=blocks(data.get("document")) or text,
        condition=data.get("condition", ""),
        when=data.get("when"),
        source=data.get("source"),
        optional=bool(data.get("optional")),
    )


def _communication(data: dict[str, Any], engagements: dict[str, Engagement]) -> Communication:
    mark = data.get("mark")
    return Communication(
        text=blocks(data.get("text")),
        mark=Mark(
            mark["name"],
            website=mark.get("website"),
            owner=mark.get("owner"),
            logo=mark.get("logo"),
        )
        if mark
        else None,
        supports=tuple(
            Support(
                id=s["id"],
                label=s["label"],
                mandatory=bool(s["mandatory"]),
                reference=s.get("reference", ""),
                mentions=tuple(_mention(m) for m in s.get("mentions", [])),
                text=blocks(s.get("text")),
                published_on=tuple(s.get("published_on", [])),
                editorial=blocks(s.get("editorial")),
            )
            for s in data.get("supports", [])
        ),
        communicated_engagements=tuple(
            engagements[eid] for eid in data.get("communicated_engagements", [])
        ),
        communicated_text=blocks(data.get("communicated_text")),
        editorial=blocks(data.get("editorial")),
    )
