"""The body's complaints and appeals procedure (ISO/IEC 17065 §7.13), as configured.

``extra.organisme.complaints`` in mkdocs.yml says how and where to complain about a certified
company or about the body, within which delays the body answers, what happens next, and how
to appeal a decision of the body. The ``reclamations/`` page is made from it; the publish
build refuses a site without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .config_values import section_problem

#: The published page (contract URL ``reclamations/index.html``).
COMPLAINTS_URI = "reclamations/index.md"
TITLE = "Réclamations et appels"

#: Where a complaint or an appeal can be sent; at least one is required.
CHANNELS = {
    "email": "adresse électronique",
    "address": "adresse postale",
    "form": "adresse (https://…) du formulaire en ligne",
    "phone": "téléphone",
}
COMPLAINT_FIELDS = {
    **CHANNELS,
    "acknowledgement_days": "délai d'accusé de réception, en jours ouvrés",
    "answer_days": "délai de réponse motivée, en jours",
    "steps": "ce qui se passe ensuite : une phrase par étape",
    "appeal": "la voie d'appel contre une décision de l'organisme",
}
APPEAL_FIELDS = {
    **CHANNELS,
    "handled_by": "qui examine l'appel (indépendant de la décision contestée)",
    "filing_days": "délai pour faire appel après la notification de la décision, en jours",
    "answer_days": "délai de réponse à l'appel, en jours",
    "steps": "déroulement de l'appel : une phrase par étape",
}
REQUIRED = ("acknowledgement_days", "answer_days", "steps", "appeal")
APPEAL_REQUIRED = ("handled_by", "filing_days", "answer_days")


class ComplaintsError(ValueError):
    """A malformed ``extra.organisme.complaints`` section; the message names the key."""


@dataclass(frozen=True)
class Channels:
    """Where to write: any of e-mail, postal address, online form, phone."""

    email: str = ""
    address: str = ""
    form: str = ""
    phone: str = ""

    @property
    def any(self) -> bool:
        return bool(self.email or self.address or self.form or self.phone)


@dataclass(frozen=True)
class Appeal:
    """The appeal against a decision of the body (refusal, suspension, withdrawal...)."""

    channels: Channels
    handled_by: str
    filing_days: int
    answer_days: int
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Complaints:
    """How the body receives and handles complaints, and the appeal route."""

    channels: Channels
    acknowledgement_days: int
    answer_days: int
    steps: tuple[str, ...]
    appeal: Appeal


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ComplaintsError(f"{where} : texte non vide attendu")
    return value.strip()


def _days(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 365:
        raise ComplaintsError(f"{where} : nombre de jours attendu (entier de 1 à 365)")
    return value


def _steps(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise ComplaintsError(f"{where} : liste de phrases attendue (une par étape)")
    return tuple(_text(step, f"{where}[{i}]") for i, step in enumerate(value))


def _mapping(
    value: Any, where: str, known: dict[str, str], required: tuple[str, ...]
) -> dict[str, Any]:
    problem = section_problem(value, where, known, required)
    if problem:
        raise ComplaintsError(problem)
    return value


def _channels(data: dict[str, Any], where: str) -> Channels:
    found = {key: _text(data[key], f"{where}.{key}") for key in CHANNELS if key in data}
    form = found.get("form", "")
    if form and not form.startswith("https://"):
        raise ComplaintsError(f"{where}.form : adresse https://… attendue")
    return Channels(**found)


def load(data: Any, where: str = "extra.organisme.complaints") -> Complaints:
    """The procedure, checked: every key known, delays in days, at least one channel for the
    complaints; the appeal may be sent through the same channels unless it names its own."""
    data = _mapping(data, where, COMPLAINT_FIELDS, REQUIRED)
    channels = _channels(data, where)
    if not channels.any:
        raise ComplaintsError(
            f"{where} : donnez au moins un moyen de déposer une réclamation ({', '.join(CHANNELS)})"
        )
    appeal_where = f"{where}.appeal"
    appeal = _mapping(data["appeal"], appeal_where, APPEAL_FIELDS, APPEAL_REQUIRED)
    appeal_channels = _channels(appeal, appeal_where)
    return Complaints(
        channels=channels,
        acknowledgement_days=_days(data["acknowledgement_days"], f"{where}.acknowledgement_days"),
        answer_days=_days(data["answer_days"], f"{where}.answer_days"),
        steps=_steps(data["steps"], f"{where}.steps"),
        appeal=Appeal(
            channels=appeal_channels if appeal_channels.any else channels,
            handled_by=_text(appeal["handled_by"], f"{appeal_where}.handled_by"),
            filing_days=_days(appeal["filing_days"], f"{appeal_where}.filing_days"),
            answer_days=_days(appeal["answer_days"], f"{appeal_where}.answer_days"),
            steps=_steps(appeal["steps"], f"{appeal_where}.steps") if "steps" in appeal else (),
        ),
    )
