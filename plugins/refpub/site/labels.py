"""French words of the site: status labels and sentences, evidence types, relations.

Presentation only: the core names things (``valid``, ``document``, ``subset``), the pages
say them in French.
"""

from __future__ import annotations

import datetime as dt

from ..core.register import Certificate
from ..core.vocabulary import EXPIRED, SUSPENDED, VALID, WITHDRAWN

STATUS_LABELS = {VALID: "Valide", SUSPENDED: "Suspendu", WITHDRAWN: "Retiré",
                 EXPIRED: "Expiré"}
STATUS_PLURALS = {VALID: "Valides", SUSPENDED: "Suspendus", WITHDRAWN: "Retirés",
                  EXPIRED: "Expirés"}

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


def status_validity(cert: Certificate) -> str:
    """The register's validity column: until when, or since when it no longer is."""
    if cert.status == VALID:
        return f"jusqu'au {fr_date(cert.valid_until)}"
    return f"{STATUS_LABELS[cert.status].lower()} depuis le {fr_date(cert.status_since)}"


def status_banner(cert: Certificate) -> tuple[str, str]:
    """The headline and the sentence a certificate's page opens with, by status."""
    since = fr_date(cert.status_since)
    if cert.status == VALID:
        return ("Certificat valide",
                f"au {fr_date(cert.as_of)}, jusqu'au {fr_date(cert.valid_until)}.")
    if cert.status == SUSPENDED:
        return ("CERTIFICAT SUSPENDU",
                f"depuis le {since} : l'entreprise ne peut pas se prévaloir de la "
                "certification tant que la suspension n'est pas levée.")
    if cert.status == WITHDRAWN:
        return ("CERTIFICAT RETIRÉ", f"le {since} : l'entreprise n'est plus certifiée.")
    return ("CERTIFICAT EXPIRÉ", f"depuis le {since} : il n'a pas été renouvelé, "
                                 "l'entreprise n'est plus certifiée.")
