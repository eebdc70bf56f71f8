"""The age envelope of sealed audit detail: recipients, identities, encryption, and the check
of a sealed block that needs no key.

The confidential detail of an audit is encrypted with age (X25519, the format of the
``age``/``rage`` tools, through pyrage) to the certification committee's public keys listed
in ``confidentiel/destinataires.txt``; only their secret keys (``REFPUB_COMMITTEE_IDENTITY``)
read it back. Each sealed file records a fingerprint of the recipients it was sealed to, so
that a change of recipients is seen without any key, and every block's header is checked
without the key too (age's own MAC, checked on decryption, covers the rest).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyrage
from pyrage import x25519

from ..checks.problems import Problem
from ..intake.source import read_data_file

RECIPIENTS_PATH = "confidentiel/destinataires.txt"
#: The only secret key a repository may hold: the example committee's, for the example data.
EXAMPLE_IDENTITY_PATH = "confidentiel/exemple-identite-comite.txt"
IDENTITY_ENV = "REFPUB_COMMITTEE_IDENTITY"
#: The example committee's public key: its secret key is published with the example data,
#: so it stays refused for publication even once the example identity file is deleted.
EXAMPLE_RECIPIENT = "age17wdt0h8laspk4ffmg8y4rhrgewehfl6ply0f7p8uwh72udcu849qs45yle"

ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----"
ARMOR_END = "-----END AGE ENCRYPTED FILE-----"
AGE_VERSION = b"age-encryption.org/v1"
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/]{1,64}={0,2}")
_MAC_LINE = re.compile(rb"--- [A-Za-z0-9+/]{43}")
#: nonce of the payload (16 bytes) and the tag of its one or more chunks (16 bytes each)
_MIN_PAYLOAD = 32
SECRET_KEY_PREFIX = "AGE-SECRET-KEY-1"


@dataclass(frozen=True)
class Recipients:
    """The committee's public keys, as listed in ``confidentiel/destinataires.txt``."""

    keys: tuple[str, ...]

    @property
    def fingerprint(self) -> str:
        """What a sealed file records of its recipients: a change of list shows without
        any key (and the list itself stays out of every audit file)."""
        digest = hashlib.sha256("\n".join(sorted(self.keys)).encode("ascii")).hexdigest()
        return f"sha256:{digest}"

    def age_recipients(self) -> list[x25519.Recipient]:
        return [x25519.Recipient.from_str(key) for key in self.keys]


@dataclass(frozen=True)
class SealContext:
    """What the loader needs to open sealed audits: the current recipients (None when the
    repository has no recipients file), their problems, and the committee's identities when
    the full validation or the internal build has them."""

    recipients: Recipients | None = None
    problems: tuple[Problem, ...] = ()
    identities: tuple[x25519.Identity, ...] = field(default=(), compare=False)

    def cache_key(self) -> tuple[str, bool]:
        """What a checked audit depends on besides its file: recipients and identities."""
        return (self.recipients.fingerprint if self.recipients else "", bool(self.identities))


def load_recipients(root: Path) -> tuple[Recipients | None, list[Problem]]:
    """The recipients file of ``root``: None without it; every bad line is a problem."""
    file = root / RECIPIENTS_PATH
    if not file.exists() and not file.is_symlink():
        return None, []
    raw, reason = read_data_file(file)
    if raw is None:
        return None, [Problem(RECIPIENTS_PATH, 1, 0, reason)]
    keys: list[str] = []
    problems: list[Problem] = []
    for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
        key = line.split("#", 1)[0].strip()
        if not key:
            continue
        problem = _recipient_problem(key, keys)
        if problem:
            problems.append(Problem(RECIPIENTS_PATH, number, 0, problem))
        else:
            keys.append(key)
    if not keys and not problems:
        problems.append(
            Problem(
                RECIPIENTS_PATH,
                1,
                0,
                "aucun destinataire : une clé publique "
                "age (age1…) par ligne, celle de chaque membre du comité",
            )
        )
    return (Recipients(tuple(keys)) if keys and not problems else None), problems


def _recipient_problem(key: str, known: list[str]) -> str | None:
    if key.startswith(SECRET_KEY_PREFIX):
        return (
            "clé SECRÈTE age : ce fichier ne contient que des clés publiques (age1…) ; "
            "retirez-la du dépôt et considérez-la comme compromise"
        )
    try:
        x25519.Recipient.from_str(key)
    except pyrage.RecipientError:
        return f"« {key} » n'est pas une clé publique age (age1… : voir refpub cle-comite)"
    if key in known:
        return f"destinataire « {key} » en double"
    return None


def seal_context(root: Path, identities: tuple[x25519.Identity, ...] = ()) -> SealContext:
    recipients, problems = load_recipients(root)
    return SealContext(recipients, tuple(problems), identities)


def parse_identities(text: str) -> tuple[x25519.Identity, ...]:
    """The secret keys of an identity text (``age-keygen``'s output: ``#`` comments, then
    one ``AGE-SECRET-KEY-1…`` a line). Raises ValueError in French, never quoting a key."""
    identities = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise ValueError(
                f"ligne {number} : ce n'est pas une clé secrète age ({SECRET_KEY_PREFIX}…)"
            ) from None
    if not identities:
        raise ValueError("aucune clé secrète age (AGE-SECRET-KEY-1…)")
    return tuple(identities)


def identities_from_env() -> tuple[x25519.Identity, ...]:
    """The committee's identities from ``REFPUB_COMMITTEE_IDENTITY`` (the key itself, as
    ``age-keygen`` writes it), or none when it is unset."""
    return identities_from_text(os.environ.get(IDENTITY_ENV, ""))


def identities_from_text(text: str) -> tuple[x25519.Identity, ...]:
    """The committee's identities from the text of ``REFPUB_COMMITTEE_IDENTITY``, or none
    when it is empty."""
    if not text.strip():
        return ()
    try:
        return parse_identities(text)
    except ValueError as error:
        raise ValueError(f"{IDENTITY_ENV} invalide : {error}") from None


def encrypt(text: str, recipients: Recipients) -> str:
    """``text`` sealed to every recipient, as ASCII-armored age."""
    armored = pyrage.encrypt(text.encode("utf-8"), recipients.age_recipients(), armored=True)
    return armored.decode("ascii").strip() + "\n"


def decrypt(armored: str, identities: tuple[x25519.Identity, ...]) -> str:
    """The text of a sealed block; ValueError (French) when no identity opens it or it was
    altered (age authenticates the whole ciphertext)."""
    try:
        plain = pyrage.decrypt(armored.encode("ascii", "replace"), list(identities))
    except pyrage.DecryptError:
        raise ValueError(
            f"illisible avec {IDENTITY_ENV} : chiffré pour d'autres clés, ou altéré"
        ) from None
    try:
        return plain.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("le texte déchiffré n'est pas de l'UTF-8") from None


def header_problem(armored: object, recipients: int) -> str | None:
    """Why a sealed block is not age ciphertext sealed to ``recipients`` keys, checked
    without any key: armor, version, one X25519 stanza per recipient, header MAC, payload."""
    if not isinstance(armored, str):
        return "un bloc scellé est un texte (armure age)"
    lines = armored.strip().splitlines()
    if len(lines) < 3 or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        return f"armure age attendue ({ARMOR_BEGIN} … {ARMOR_END})"
    body = lines[1:-1]
    if not all(_BASE64_LINE.fullmatch(line) for line in body) or any(
        len(line) != 64 for line in body[:-1]
    ):
        return "armure age altérée (lignes de base64 de 64 caractères)"
    try:
        binary = base64.b64decode("".join(body), validate=True)
    except (binascii.Error, ValueError):
        return "armure age altérée (base64 invalide)"
    header, separator, rest = binary.partition(b"\n--- ")
    mac, _, payload = rest.partition(b"\n")
    if not separator or not _MAC_LINE.fullmatch(b"--- " + mac):
        return "en-tête age incomplet (ligne de MAC manquante)"
    head = header.split(b"\n")
    if head[0] != AGE_VERSION:
        return "ce n'est pas du chiffré age v1"
    stanzas = sum(1 for line in head[1:] if line.startswith(b"-> X25519 "))
    if stanzas != recipients:
        return (
            f"chiffré pour {stanzas} clé(s) X25519, alors que {RECIPIENTS_PATH} compte "
            f"{recipients} destinataire(s)"
        )
    if len(payload) < _MIN_PAYLOAD:
        return "contenu chiffré tronqué"
    return None


def new_identity() -> tuple[str, str]:
    """A new committee key, as ``age-keygen`` writes it (comments, then the secret key),
    and its public key."""
    identity = x25519.Identity.generate()
    public = str(identity.to_public())
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    text = f"# created: {created}\n# public key: {public}\n{identity}\n"
    return text, public


def example_recipients(root: Path) -> set[str]:
    """The public keys whose secret key the repository itself holds (the example
    committee's): detail sealed to them is readable by anyone who has the repository."""
    raw, _ = read_data_file(root / EXAMPLE_IDENTITY_PATH)
    try:
        identities = parse_identities(raw.decode("utf-8", "replace")) if raw else ()
    except ValueError:
        identities = ()
    return {EXAMPLE_RECIPIENT, *(str(identity.to_public()) for identity in identities)}


def publish_refusals(root: Path) -> list[str]:
    """Why publish mode refuses this repository's sealing: recipients whose secret key is
    public (the example one) would leave the detail readable by anyone."""
    recipients, _ = load_recipients(root)
    exposed = example_recipients(root) & set(recipients.keys if recipients else ())
    if not exposed:
        return []
    return [
        f"{RECIPIENTS_PATH} compte la clé d'exemple ({', '.join(sorted(exposed))}), dont "
        f"la clé secrète est publiée dans {EXAMPLE_IDENTITY_PATH} : remplacez-la par les "
        "clés du comité (docs/organisme/confidentialite.md) et scellez de nouveau"
    ]
