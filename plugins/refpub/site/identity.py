"""The certification body's identity: name, logo, contact, legal notice and mark files.

It is configuration, not code: ``extra: organisme:`` in mkdocs.yml (the theme's footer reads
it too). The example project ships example values, flagged ``example: true`` and named as
examples, so that ``make site`` builds from a fresh clone; docs/organisme/ tells the body
what to replace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.referentiels.referentiel import Party, Referentiel
from . import complaints as complaints_config
from .config_values import docs_path_problem, section_problem, web_address_problem

#: Keys of ``extra.organisme`` and what each one is, for the error messages.
FIELDS = {
    "example": "true tant que les valeurs sont celles de l'exemple",
    "name": "nom de l'organisme certificateur",
    "logo": "logotype de l'organisme (chemin dans docs/)",
    "address": "adresse postale",
    "email": "adresse électronique de contact",
    "phone": "téléphone",
    "website": "site de l'organisme",
    "legal": "mentions légales (forme, immatriculation, directeur de la publication, hébergeur)",
    "marks": "logotype de la marque de chaque référentiel (chemin dans docs/)",
    "publish_auditors": "true pour publier le nom des auditeurs (données personnelles ; "
    "par défaut : false)",
    "complaints": "procédure de réclamation et d'appel (page reclamations/)",
}
LEGAL_FIELDS = {
    "company": "forme et capital de la société",
    "registration": "immatriculation (RCS, SIREN)",
    "publication_director": "directeur ou directrice de la publication",
    "host": "hébergeur du site (nom et adresse)",
    "personal_data": "contact pour les données personnelles",
}
LEGAL_URI = "mentions-legales.md"
#: An e-mail address as the footer's ``mailto:`` link needs it: no space, quote or bracket.
_EMAIL = re.compile(r"[^\s@\"'<>()\\,;:]+@[^\s@\"'<>()\\,;:]+\.[^\s@\"'<>()\\,;:.]+")


class IdentityError(ValueError):
    """A malformed ``extra.organisme`` section; the message names the key."""


@dataclass(frozen=True)
class Organisme:
    """The body that publishes the site, as configured."""

    name: str = ""
    example: bool = False
    logo: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    legal: dict[str, str] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)
    #: auditors' names are personal data: published only when the body says so
    publish_auditors: bool = False
    complaints: complaints_config.Complaints | None = None

    @property
    def configured(self) -> bool:
        return bool(self.name)

    def as_party(self) -> Party | None:
        """The body as the core names parties: the issuer of every certificate."""
        if not self.configured:
            return None
        return Party(
            self.name,
            website=self.website or None,
            address=self.address or None,
            phone=self.phone or None,
            email=self.email or None,
        )

    def mark_logo(self, ref: Referentiel) -> str | None:
        """The docs/ path of the référentiel's mark logo: the body's configuration first,
        else the référentiel's own ``communication.mark.logo``; None when none is named."""
        mark = ref.communication.mark if ref.communication else None
        return self.marks.get(ref.id) or (mark.logo if mark else None) or None


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise IdentityError(f"{where} : texte non vide attendu")
    return value.strip()


def _strings(value: Any, where: str, known: dict[str, str] | None) -> dict[str, str]:
    if not isinstance(value, dict):
        raise IdentityError(f"{where} : tableau de clés attendu")
    if known is not None:
        unknown = sorted(set(value) - set(known))
        if unknown:
            raise IdentityError(
                f"{where} : clé(s) inconnue(s) {', '.join(unknown)} "
                f"(clés possibles : {', '.join(known)})"
            )
    return {str(k): _text(v, f"{where}.{k}") for k, v in value.items()}


def _flag(data: dict[str, Any], key: str, where: str) -> bool:
    """A true/false key of ``extra.organisme`` (absent: false)."""
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise IdentityError(f"{where}.{key} : true ou false attendu")
    return value


def load(extra: Mapping[str, Any]) -> Organisme:
    """``extra.organisme`` of mkdocs.yml, checked; an empty identity when it is absent."""
    data = extra.get("organisme")
    if data is None:
        return Organisme()
    where = "extra.organisme"
    problem = section_problem(data, where, FIELDS)
    if problem:
        raise IdentityError(problem)
    example, publish_auditors = (_flag(data, key, where) for key in ("example", "publish_auditors"))
    texts = {
        key: _text(data[key], f"{where}.{key}")
        for key in ("name", "logo", "address", "email", "phone", "website")
        if key in data
    }
    if "name" not in texts:
        raise IdentityError(f"{where}.name manquant : {FIELDS['name']}")
    body = Organisme(
        example=example,
        publish_auditors=publish_auditors,
        **texts,
        legal=_strings(data.get("legal", {}), f"{where}.legal", LEGAL_FIELDS),
        marks=_strings(data.get("marks", {}), f"{where}.marks", None),
        complaints=complaints_config.load(data["complaints"], f"{where}.complaints")
        if "complaints" in data
        else None,
    )
    problems = address_problems(body)
    if problems:
        raise IdentityError(" ; ".join(problems))
    return body


def address_problems(body: Organisme) -> list[str]:
    """The identity's addresses the pages turn into links or images: the website an http(s)
    address, the logo and mark files paths inside docs/, the e-mail a plain address."""
    where = "extra.organisme"
    problems = [
        web_address_problem(f"{where}.website", body.website) if body.website else None,
        docs_path_problem(f"{where}.logo", body.logo) if body.logo else None,
    ]
    problems += [
        docs_path_problem(f"{where}.marks.{ref_id}", path)
        for ref_id, path in sorted(body.marks.items())
    ]
    if body.email and not _EMAIL.fullmatch(body.email):
        problems.append(
            f"{where}.email : {body.email!r} n'est pas une adresse électronique "
            "(nom@domaine.fr attendu)"
        )
    return [p for p in problems if p]


def missing_files(
    organisme: Organisme, referentiels: list[Referentiel], docs_dir: Path
) -> list[str]:
    """What the body has to supply and has not: the mark logo of every référentiel that has a
    mark, the body's logo when one is named. One French sentence per missing file."""
    problems = []
    for ref in sorted(referentiels, key=lambda r: r.id):
        mark = ref.communication.mark if ref.communication else None
        if mark is None:
            continue
        logo = organisme.mark_logo(ref)
        if logo is None:
            problems.append(
                f"le logotype de la marque {mark.name} "
                f"({ref.id}) n'est pas configuré : ajoutez le fichier dans docs/ "
                f"et son chemin sous extra.organisme.marks.{ref.id} (mkdocs.yml)"
            )
        elif not (docs_dir / logo).is_file():
            problems.append(
                f"le logotype de la marque {mark.name} ({ref.id}) est introuvable : docs/{logo}"
            )
    if organisme.logo and not (docs_dir / organisme.logo).is_file():
        problems.append(
            f"le logotype de l'organisme est introuvable : docs/{organisme.logo} "
            "(extra.organisme.logo)"
        )
    return problems


def present_marks(
    organisme: Organisme, referentiels: list[Referentiel], docs_dir: Path
) -> dict[str, str]:
    """The mark logo files that exist, by référentiel id: the pages show these and no other
    image (never a look-alike placeholder)."""
    marks = {}
    for ref in referentiels:
        logo = organisme.mark_logo(ref)
        if logo is not None and (docs_dir / logo).is_file():
            marks[ref.id] = logo
    return marks


def unentitled(organisme: Organisme, referentiels: list[Referentiel]) -> list[str]:
    """The référentiels that name the only bodies entitled to certify under their mark and do
    not name this one: one French sentence each, with what to change."""
    problems = []
    for ref in sorted(referentiels, key=lambda r: r.id):
        body = ref.certification_body
        if body is None or not organisme.configured or body.entitles(organisme.name):
            continue
        names = " ou ".join(f"« {name} »" for name in (body.name, *body.entitled))
        problems.append(
            f"le référentiel {ref.short_title} ({ref.path}) réserve la certification sous sa "
            f"marque à {names} ; l'organisme configuré « {organisme.name} » "
            f"n'y figure pas : s'il est habilité, ajoutez son nom exact à "
            f"certification_body.entitled dans {ref.path}"
        )
    return problems
