"""French words of the site: status labels and statements, decisions, evidence types,
relations.

Presentation only: the core names things (``valid``, ``document``, ``subset``), the pages
say them in French.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.problems import quoted_list
from ..core.referentiel import Referentiel
from ..core.register import Certificate, ScopeChange
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
                  "Le comité de certification a retiré le certificat : l'entreprise n'est "
                  "plus certifiée."),
    "expired": ("Certificat expiré", "Expiré depuis le",
                "Le certificat est arrivé à échéance sans être renouvelé : l'entreprise "
                "n'est plus certifiée."),
}


def status_statement(cert: Certificate) -> StatusStatement:
    headline, date_label, meaning = STATUS_TEXTS[cert.status]
    day = cert.valid_until if cert.may_use_mark else cert.status_since
    return StatusStatement(cert.status, headline, date_label, day, meaning, cert.may_use_mark)


def scope_change_text(change: ScopeChange) -> str:
    """What a decision did to a certificate's scope, in French: the first scope, or each
    site and activity added or removed (a reduction says so first)."""
    if change.first:
        return "Périmètre de la certification"
    parts = [f"{what} {quoted_list(names)}" for what, names in (
        ("retrait des sites" if len(change.removed_sites) > 1 else "retrait du site",
         change.removed_sites),
        ("retrait des activités" if len(change.removed_activities) > 1
         else "retrait de l'activité", change.removed_activities),
        ("ajout des sites" if len(change.added_sites) > 1 else "ajout du site",
         change.added_sites),
        ("ajout des activités" if len(change.added_activities) > 1
         else "ajout de l'activité", change.added_activities)) if names]
    kind = ("Réduction et extension du périmètre" if change.reduced and change.extended
            else "Réduction du périmètre" if change.reduced else "Extension du périmètre")
    return f"{kind} : {', '.join(parts)}"


def scope_summary(cert: Certificate) -> str | None:
    """The register's line on a certificate covering only part of its company (None when it
    covers all): its activities and sites."""
    if not cert.partial_scope:
        return None
    activities = ", ".join(cert.activities) or "toutes activités"
    sites = ", ".join(site.name for site in cert.sites) or cert.company.address
    return f"périmètre : {activities} ; {sites}"
