"""French words of the site: status labels and statements, decisions, evidence types,
relations.

Presentation only: the core names things (``valid``, ``document``, ``subset``), the pages
say them in French.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..core.certification.register import Certificate, ScopeChange
from ..core.checks.problems import quoted_list
from ..core.referentiels.referentiel import AuditType, Mark, Referentiel
from ..core.vocabulary import CERTIFIED, EXPIRED, MAINTAINED, RENEWED, SUSPENDED, VALID, WITHDRAWN

STATUS_LABELS = {VALID: "Valide", SUSPENDED: "Suspendu", WITHDRAWN: "Retiré", EXPIRED: "Expiré"}
STATUS_PLURALS = {
    VALID: "Valides",
    SUSPENDED: "Suspendus",
    WITHDRAWN: "Retirés",
    EXPIRED: "Expirés",
}

#: Decisions as short labels (the référentiels' wording is a sentence: « Une certification
#: immédiate »); the full wording stays available as the event's label.
DECISION_LABELS = {
    "certified": "Certification",
    "maintained": "Maintien",
    "renewed": "Renouvellement",
    "complementary-action": "Action complémentaire",
    "suspended": "Suspension",
    "withdrawn": "Retrait",
    "not-renewed": "Non-renouvellement",
    "refused": "Refus",
}

EVIDENCE_LABELS = {"document": "Document", "record": "Enregistrement", "statement": "Déclaration"}


#: relation -> (symbol, label, meaning), in the order of the legend.
class Relation(NamedTuple):
    """How a requirement relates to an ISO clause: its sign, its name and what it means."""

    symbol: str
    name: str
    meaning: str


RELATIONS: dict[str, Relation] = {
    "equivalent": Relation("≡", "équivalent", "même exigence des deux côtés"),
    "subset": Relation("⊂", "inclus", "l'exigence du référentiel couvre une partie de l'article"),
    "superset": Relation(
        "⊃", "plus exigeant", "l'exigence du référentiel demande davantage que l'article"
    ),
    "intersects": Relation(
        "∩",
        "recouvrement partiel",
        "chacun demande des choses que l'autre ne demande pas",
    ),
}


def _counted(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count < 2 else plural}"


def item_counts(tally: Any) -> str:
    """What an audit's items counts say, each for what it counts (« 45 exigences
    satisfaites, 2 non applicables sur 47 »): a not-applicable item is never counted as
    satisfied, a nonconformity is named as one."""
    parts = [_counted(tally.conform_count, "exigence satisfaite", "exigences satisfaites")]
    nonconform = len(tally.nonconformity_items)
    if nonconform:
        parts.append(_counted(nonconform, "non conforme", "non conformes"))
    not_applicable = len(tally.not_applicable_items)
    if not_applicable:
        parts.append(_counted(not_applicable, "non applicable", "non applicables"))
    return f"{', '.join(parts)} sur {tally.required}"


def fr_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def company_number(number: str) -> str:
    """A SIREN or SIRET as French documents print it: 732 829 320, 732 829 320 00074 (the
    SIRET's last five digits, the establishment's, kept together)."""
    head = " ".join(number[i : i + 3] for i in range(0, min(len(number), 9), 3))
    return f"{head} {number[9:]}" if len(number) > 9 else head


def month_year(day: dt.date) -> str:
    return day.strftime("%m/%Y")


def subcriterion_label(ref: Referentiel, section_title: str, number: str) -> str:
    """A sub-criterion named as in the référentiel, unique in it (numbers repeat across
    sections): « Les engagements organisationnels, sous-critère 1.1 »."""
    return f"{section_title}, {ref.label('requirement', 'exigence').lower()} {number}"


def status_validity(cert: Certificate) -> str:
    """The register's validity column: until when, or since when it no longer is."""
    if cert.status == VALID:
        return f"jusqu'au {fr_date(cert.valid_until)}"
    return f"{STATUS_LABELS[cert.status].lower()} depuis le {fr_date(cert.status_since)}"


@dataclass(frozen=True)
class StatusStatement:
    """What a reader is told of a certificate's status: a headline, the date that matters
    for this status (validity end, or since when it is suspended, withdrawn, expired) and
    what it means for the company. Pages and badges display it; none compares statuses."""

    status: str
    headline: str
    date_label: str
    date: dt.date
    meaning: str
    #: whether the company may claim the certification today (Certificate.may_use_mark)
    certified: bool
    #: for a suspended certificate, what lifts the suspension (told instead of the next
    #: regular audit); empty otherwise
    lifted_by: str = ""


#: headline, label of the date, meaning; the date is valid_until for a valid certificate,
#: status_since otherwise.
STATUS_TEXTS = {
    "valid": (
        "Certificat valide",
        "Valide jusqu'au",
        "L'entreprise est certifiée et peut faire état de la certification.",
    ),
    "suspended": (
        "Certificat suspendu",
        "Suspendu depuis le",
        "L'entreprise ne peut pas se prévaloir de la certification tant que la "
        "suspension n'est pas levée.",
    ),
    "withdrawn": (
        "Certificat retiré",
        "Retiré le",
        "L'organisme certificateur a retiré le certificat : l'entreprise n'est plus certifiée.",
    ),
    "expired": (
        "Certificat expiré",
        "Expiré depuis le",
        "Le certificat est arrivé à échéance sans être renouvelé : l'entreprise "
        "n'est plus certifiée.",
    ),
}


def status_statement(cert: Certificate) -> StatusStatement:
    headline, date_label, meaning = STATUS_TEXTS[cert.status]
    day = cert.valid_until if cert.may_use_mark else cert.status_since
    lifted_by = suspension_lift(cert.referentiel) if cert.status == SUSPENDED else ""
    return StatusStatement(
        cert.status, headline, date_label, day, meaning, cert.may_use_mark, lifted_by
    )


def scope_change_text(change: ScopeChange) -> str:
    """What a decision did to a certificate's scope, in French: the first scope, or each
    site and activity added or removed (a reduction says so first)."""
    if change.first:
        return "Périmètre de la certification"
    parts = [
        f"{many if len(names) > 1 else one} {quoted_list(names)}"
        for one, many, names in (
            ("retrait du site", "retrait des sites", change.removed_sites),
            ("retrait de l'activité", "retrait des activités", change.removed_activities),
            ("ajout du site", "ajout des sites", change.added_sites),
            ("ajout de l'activité", "ajout des activités", change.added_activities),
        )
        if names
    ]
    kind = (
        "Réduction et extension du périmètre"
        if change.reduced and change.extended
        else "Réduction du périmètre"
        if change.reduced
        else "Extension du périmètre"
    )
    return f"{kind} : {', '.join(parts)}"


def scope_summary(cert: Certificate) -> str | None:
    """The register's line on a certificate covering only part of its company (None when it
    covers all): its activities and sites."""
    if not cert.partial_scope:
        return None
    activities = ", ".join(cert.activities) or "toutes activités"
    sites = ", ".join(site.name for site in cert.sites) or cert.company.address
    return f"périmètre : {activities} ; {sites}"


#: What each status means for a buyer, in the order of the register's legend.
STATUS_MEANINGS = {
    VALID: "L'entreprise est certifiée : l'organisme a vérifié, par audit, qu'elle respecte "
    "les engagements du référentiel, et la surveille jusqu'à l'échéance indiquée. Elle "
    "peut faire état de la certification et de la marque.",
    SUSPENDED: "La certification est interrompue par décision de l'organisme, à la suite "
    "d'un audit ou d'un contrôle. Tant que la suspension dure, l'entreprise ne "
    "peut pas se prévaloir de la certification ; seule une décision de l'organisme, "
    "après un audit complémentaire, la lève.",
    WITHDRAWN: "L'organisme a retiré le certificat : l'entreprise n'est plus certifiée et ne "
    "peut plus faire état de la certification ni de la marque. Un nouveau "
    "certificat demanderait un nouvel audit initial.",
    EXPIRED: "Le certificat est arrivé à échéance sans être renouvelé : l'entreprise n'est "
    "plus certifiée, sans que cela dise qu'un manquement a été constaté.",
}

#: The verb of the certificate sheet, in the tense its status calls for.
ISSUED_VERBS = {
    VALID: "est délivré",
    SUSPENDED: "a été délivré",
    WITHDRAWN: "avait été délivré",
    EXPIRED: "avait été délivré",
}


def mark_alt(mark: Mark, example: bool) -> str:
    """The text of a mark's logo: an example logo says so, wherever it is shown or copied."""
    if example:
        return f"Logotype d'exemple, à remplacer par celui de la marque {mark.name}"
    return f"Logotype de la marque {mark.name}"


def lifting_audit(ref: Referentiel) -> AuditType | None:
    """The audit after which the committee may lift a suspension: outside the regular cycle
    (no due date), neither the initial nor the renewal audit, and one that may maintain."""
    initial = ref.cycle.initial_type
    return next(
        (
            a
            for a in ref.cycle.audits
            if a.due_months is None
            and a.type != initial
            and MAINTAINED in a.decisions
            and not (RENEWED in a.decisions and CERTIFIED not in a.decisions)
        ),
        None,
    )


def suspension_lift(ref: Referentiel) -> str:
    """What lifts a suspension of a certificate of ``ref``, told instead of the next audit."""
    audit = lifting_audit(ref)
    after = f"un {audit.label.lower()}" if audit else "un audit complémentaire"
    return (
        f"La suspension est levée par une décision de maintien de l'organisme, prise "
        f"après {after} montrant que les manquements sont corrigés ; sans cette décision, "
        "le certificat peut être retiré."
    )
