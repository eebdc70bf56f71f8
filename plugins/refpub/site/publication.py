"""What publish mode (``REFPUB_PUBLISH=1``) refuses: every reason at once, from the build's
settings, before anything is written.

One collector, ``refusals(settings)``, runs every rule of ``RULES``; a rule is a small pure
function from the settings to French sentences (none when it holds). A new reason is one
function and one line in ``RULES`` (and, when it needs it, one field of ``PublishSettings``).
The example project builds as a preview; publishing it is refused with every leftover listed:
example identity and marks, the internal build, pending mentions, example or unencrypted
addresses, a missing signing key, private key material.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..core.referentiels import communication
from ..core.referentiels.referentiel import Referentiel
from . import identity
from .complaints import Complaints
from .identity import Organisme
from .mode import placeholder_host, placeholder_url

#: Words by which a value or a file says it is an example (French and English).
_EXAMPLE_WORDS = re.compile(
    r"\b(exemples?|examples?|placeholder|sample|dummy|lorem ipsum|"
    r"à remplacer|a remplacer)\b",
    re.IGNORECASE,
)
#: File name words that mark a file as an example (names are split on - _ . and /).
_EXAMPLE_TOKENS = frozenset(
    {"exemple", "exemples", "example", "examples", "placeholder", "sample", "dummy"}
)
_URL = re.compile(r"\bhttps?://[^\s<>\"'»)]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[\w-]+)")
#: Files of docs/ that are pages (prose, where « par exemple » is common), not media.
_PAGES = (".md", ".markdown")


@dataclass(frozen=True)
class PublishSettings:
    """Everything the publish rules read, gathered by the plugin (no MkDocs object here)."""

    site_url: str | None
    organisme: Organisme
    #: (key of mkdocs.yml, address) of every web address the configuration publishes
    addresses: tuple[tuple[str, str], ...] = ()
    #: the internal build's variable as set (``NAME=value``), empty when unset or 0: any other
    #: value asks for the internal build
    internal_env: str = ""
    internal_config: bool = False
    #: why the credentials cannot be signed (no key, unusable key), None when they can
    signing_problem: str | None = None
    #: mark or logo files the configuration names and docs/ lacks (identity.missing_files)
    missing_files: tuple[str, ...] = ()
    #: docs/ files that are examples, each with the reason (example_files)
    example_files: tuple[str, ...] = ()
    #: the référentiels whose certificates the site publishes
    referentiels: tuple[Referentiel, ...] = ()
    #: files bound for site/ that hold a private key, each named with the kind of key
    key_files: tuple[str, ...] = ()
    #: every référentiel of the repository (the site publishes each one's text and mark)
    all_referentiels: tuple[Referentiel, ...] = ()
    #: why the sealed audit detail would be readable by anyone (core/sealed.publish_refusals)
    sealing_problems: tuple[str, ...] = ()


def example_identity(settings: PublishSettings) -> list[str]:
    """The body's identity is the example's, or one of its values says it is an example."""
    body = settings.organisme
    if not body.configured:
        return ["l'identité de l'organisme (extra.organisme dans mkdocs.yml) n'est pas configurée"]
    reasons = []
    if body.example:
        reasons.append(
            "l'identité de l'organisme est celle de l'exemple "
            "(extra.organisme.example: true) : remplacez nom, adresse, contact et "
            "mentions légales par ceux de l'organisme, puis retirez example: true"
        )
    for key, value in _identity_texts(body):
        if _EXAMPLE_WORDS.search(value):
            reasons.append(
                f"extra.organisme.{key} se présente comme une valeur d'exemple (« {value} »)"
            )
    return reasons


def _identity_texts(body: Organisme) -> Iterator[tuple[str, str]]:
    for key in ("name", "address", "email", "phone", "website"):
        if getattr(body, key):
            yield key, getattr(body, key)
    for key, value in sorted(body.legal.items()):
        yield f"legal.{key}", value
    if body.complaints is not None:
        yield from _complaints_texts(body.complaints)


def _complaints_texts(complaints: Complaints) -> Iterator[tuple[str, str]]:
    """The complaints page's texts: its channels, steps and appeal route are the body's
    word too, and the page publishes them."""
    appeal = complaints.appeal
    for where, channels in (
        ("complaints", complaints.channels),
        ("complaints.appeal", appeal.channels),
    ):
        for key in ("email", "address", "form", "phone"):
            if getattr(channels, key):
                yield f"{where}.{key}", getattr(channels, key)
    for where, steps in (
        ("complaints.steps", complaints.steps),
        ("complaints.appeal.steps", appeal.steps),
    ):
        for number, step in enumerate(steps, 1):
            yield f"{where}[{number}]", step
    yield "complaints.appeal.handled_by", appeal.handled_by


def example_marks(settings: PublishSettings) -> list[str]:
    """Example logo or mark files would be published as the body's or the mark's own."""
    return [
        f"fichier d'exemple publié : {line} ; remplacez-le par le fichier officiel et "
        "retirez l'exemple de docs/"
        for line in settings.example_files
    ]


def internal_build(settings: PublishSettings) -> list[str]:
    """The committee's internal build is never published, whatever asks for it."""
    reasons = []
    if settings.internal_env:
        reasons.append(
            f"{settings.internal_env} : c'est la version interne "
            "du comité de certification (personnes rencontrées, preuves, "
            "observations), jamais publiée ; retirez la variable de "
            "l'environnement de publication"
        )
    if settings.internal_config:
        reasons.append(
            "internal: true sous le plugin refpub (mkdocs.yml) : la version "
            "interne n'est jamais publiée ; retirez l'option (make site-internal "
            "construit la version interne à part)"
        )
    return reasons


def pending_mentions(settings: PublishSettings) -> list[str]:
    """A support handed to customers carries every mandatory mention, none « en attente »."""
    return [
        f"support de communication incomplet : {line}"
        for ref in settings.referentiels
        for line in communication.pending_mentions(ref)
    ]


def addresses(settings: PublishSettings) -> list[str]:
    """The site's address and every address the configuration publishes: public, https."""
    reasons = []
    reason = placeholder_url(settings.site_url)
    if reason:
        reasons.append(
            f"{reason} ; donnez l'adresse publique du site (variable "
            "REFPUB_SITE_URL, ou site_url dans mkdocs.yml)"
        )
    elif urlsplit(settings.site_url or "").scheme.lower() == "http":
        reasons.append(
            f"site_url {settings.site_url!r} est une adresse http:// : le site, "
            "ses attestations et ses QR codes se publient en https://"
        )
    others = [(k, v) for k, v in settings.addresses if k != "site_url"]
    for key, value in [*others, *_identity_addresses(settings.organisme)]:
        reasons.extend(_address_reasons(key, value))
    return reasons


def _identity_addresses(body: Organisme) -> Iterator[tuple[str, str]]:
    """The web and e-mail addresses written in the identity's values (website, e-mail, the
    legal notice's texts...), with their key."""
    for key, value in _identity_texts(body):
        for url in _URL.findall(value):
            yield f"extra.organisme.{key}", url
        for match in _EMAIL.finditer(value):
            yield f"extra.organisme.{key}", f"mailto:{match.group()}"


def _address_reasons(key: str, address: str) -> Iterator[str]:
    if address.startswith("mailto:"):
        domain = address.split("@", 1)[1]
        if placeholder_host(domain):
            yield (
                f"{key} : l'adresse électronique {address[7:]!r} a un domaine d'exemple "
                f"ou réservé ({domain}) : personne ne la recevrait"
            )
        return
    parts = urlsplit(address)
    if parts.scheme.lower() == "http":
        yield (
            f"{key} : {address!r} est une adresse http:// (non chiffrée) ; "
            "publiez une adresse https://"
        )
    if parts.hostname and placeholder_host(parts.hostname):
        yield (f"{key} : {address!r} est une adresse d'exemple ou locale ({parts.hostname})")


def signing_key(settings: PublishSettings) -> list[str]:
    return [settings.signing_problem] if settings.signing_problem else []


def missing_files(settings: PublishSettings) -> list[str]:
    return list(settings.missing_files)


def private_keys(settings: PublishSettings) -> list[str]:
    return [f"clé privée destinée à site/ : {line}" for line in settings.key_files]


#: Every rule of publish mode, in the order the reasons are listed.
def complaints_procedure(settings: PublishSettings) -> list[str]:
    """ISO/IEC 17065 §7.13: a buyer or customer must learn how to complain and appeal."""
    if settings.organisme.complaints is not None:
        return []
    return [
        "la procédure de réclamation et d'appel (extra.organisme.complaints dans "
        "mkdocs.yml) n'est pas configurée : la page reclamations/ ne dirait pas comment "
        "se plaindre ni faire appel (docs/organisme/roles.md)"
    ]


def entitled_body(settings: PublishSettings) -> list[str]:
    """A référentiel that reserves its mark to the bodies it names must name this one."""
    return identity.unentitled(settings.organisme, list(settings.all_referentiels))


def committee_keys(settings: PublishSettings) -> list[str]:
    """The confidential detail is sealed to keys whose secret part only the committee holds."""
    return list(settings.sealing_problems)


RULES: tuple[Callable[[PublishSettings], list[str]], ...] = (
    internal_build,
    example_identity,
    example_marks,
    missing_files,
    pending_mentions,
    addresses,
    signing_key,
    private_keys,
    complaints_procedure,
    entitled_body,
    committee_keys,
)


def refusals(settings: PublishSettings) -> list[str]:
    """Every reason to refuse this publication (none: it may go online)."""
    return [reason for rule in RULES for reason in rule(settings)]


def example_files(docs_dir: Path, named: Iterable[str]) -> list[str]:
    """The files of docs/ that are examples, with why: a media file whose path says so
    (``exemple/``, ``*-exemple.svg``...), and among the logo and mark files the
    configuration ``named``, one whose content says so (an SVG titled « Exemple »)."""
    found: dict[str, str] = {}
    if docs_dir.is_dir():
        for path in sorted(docs_dir.rglob("*")):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and not relative.endswith(_PAGES) and _example_name(relative):
                found[relative] = "son nom le désigne comme exemple"
    for relative in named:
        path = docs_dir / relative
        if relative not in found and path.is_file() and _example_content(path):
            found[relative] = "son contenu le désigne comme exemple"
    return [f"docs/{relative} ({why})" for relative, why in sorted(found.items())]


def _example_name(relative: str) -> bool:
    return bool(_EXAMPLE_TOKENS & set(re.split(r"[^a-z0-9]+", relative.lower())))


def _example_content(path: Path) -> bool:
    """A text file (SVG) whose text calls itself an example; binary images are judged by
    their name only."""
    data = path.read_bytes()[:200_000]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(_EXAMPLE_WORDS.search(text))
