"""French words of the site: status labels and statements, decisions, evidence types,
relations.

Presentation only: the core names things (``valid``, ``document``, ``subset``), the pages
say them in French.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..core.referentiel import Referentiel
from ..core.register import Certificate
from ..core.vocabulary import EXPIRED, SUSPENDED, VALID, WITHDRAWN

STATUS_LABELS = {VALID: "Valide", SUSPENDED: "Suspendu", WITHDRAWN: "Retiré",
                 EXPIRED: "Expiré"}
STATUS_PLURALS = {VALID: "Valides", SUSPENDED: "Suspendus", WITHDRAWN: "Retirés",
                  EXPIRED: "Expirés"}

#: Decisions as short labels (the référentiels' wording is a sentence: « Une certification
#: immédiate »); the full wording stays available as the event's label.
DECISION_LABELS = {"certified": "Certification", "maintained": "Maintien",
                   "renewed": "Renouvellement", "complementary-action": "Action complémentaire",
                   "suspended": "Suspension", "withdrawn": "Retrait",
                   "not-renewed": "Non-renouvellement", "refused": "Refus"}

EVIDENCE_LABELS = {"document": "Document", "record": "Enregistrement",
                   "statement": "Déclaration"}

#: relation -> (symbol, label, meaning), in the order of the legend.
RELATIONS: dict[str, tuple[str, str, str]] = {
    "equivalent": ("≡", "équivalent", "même exigence des deux côtés"),
    "subset": ("⊂", "inclus", "l'exigence du référentiel couvre une partie de l'article"),
    "superset": ("⊃", "plus exigeant", "l'exigence du référentiel demande "
                                       "davantage que l'article"),
    "intersects": ("∩", "recouvrement partiel", "chacun demande des choses que l'autre ne "
                                                "demande pas"),
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


#: headline, label of the date, meaning; the date is valid_until for a valid certificate,
#: status_since otherwise.
STATUS_TEXTS = {
    "valid": ("Certificat valide", "Valide jusqu'au",
              "L'entreprise est certifiée et peut faire état de la certification."),
    "suspended": ("Certificat suspendu", "Suspendu depuis le",
                  "L'entreprise ne peut pas se prévaloir de la certification tant que la "
                  "suspension n'est pas levée."),
    "withdrawn": ("Certificat retiré", "Retiré le",
                  "L'organisme certificateur a retiré le certificat : l'entreprise n'est "
                  "plus certifiée."),
    "expired": ("Certificat expiré", "Expiré depuis le",
                "Le certificat est arrivé à échéance sans être renouvelé : l'entreprise "
                "n'est plus certifiée."),
}


def status_statement(cert: Certificate) -> StatusStatement:
    headline, date_label, meaning = STATUS_TEXTS[cert.status]
    day = cert.valid_until if cert.may_use_mark else cert.status_since
    return StatusStatement(cert.status, headline, date_label, day, meaning, cert.may_use_mark)
