"""The ledger of published certificates: every certificate ever issued, its status-list index
and its last status, kept in the repository so that no deletion makes it forgotten.

A credential handed out stays in the hands of the company's customers for years: its status
lists must keep answering for it whatever happens to the data. The committed file
``attestations/index-statut.yaml`` (written by ``refpub index-statut --ecrire``) holds, per
status key, one line ``"key": {index, status, since, certificate, company, audit}``:

- ``index`` is reserved for ever (even once the certificate is no longer in the data);
- ``status`` and ``since`` are the certificate's standing after every decision filed (what
  its own decisions made of it, calendar expiry aside unless a decision came after it): the
  build publishes a recorded revocation (``withdrawn``) for ever, and the recorded status
  of a certificate whose data is gone;
- ``certificate``, ``company`` and ``audit`` say what to look for when the data disappears.

``refpub validate`` checks the file against the data: an entry whose certificate no longer
comes out of the data (company folder or issuing audit deleted, issuing decision edited) is
an error, a revocation the data no longer shows is an error, and an entry that is not current
is an error telling to run the command. A repository without the file has recorded nothing
(nothing to check); the publish build refuses to sign what the ledger does not record.
A legacy entry (``"key": index``) keeps its index and is reported as not current.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..attestations.status_list import LIST_SIZE, status_key, superseded
from ..audits.audit import Audit
from ..audits.company import Company
from ..checks.problems import Problem
from ..intake.source import Located, load_yaml
from ..vocabulary import (
    EXPIRED,
    STATUSES,
    SUSPENDED,
    VALID,
    WITHDRAWN,
    WITHDRAWN_OUTCOME,
)
from .register import Certificate, build_register, company_certificates

LEDGER_PATH = "attestations/index-statut.yaml"
WRITE_COMMAND = "refpub index-statut --ecrire"
#: Far enough to include every decision already filed, whatever its date.
ALL_DECISIONS = dt.date(9999, 1, 1)
#: ``<référentiel id>:<first certificate number>:<issuing date>``
KEY_SHAPE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*:[A-Z0-9-]{3,40}:\d{4}-\d{2}-\d{2}")
FIELDS = ("index", "status", "since", "certificate", "company", "audit")
STATUS_WORDS = {VALID: "valide", SUSPENDED: "suspendu", WITHDRAWN: "retiré", EXPIRED: "expiré"}
HOW_TO_END = (
    "un certificat publié ne s'efface pas : rétablissez ses données et mettez-y "
    f"fin par une décision « {WITHDRAWN_OUTCOME} » (retrait), qui reste publiée "
    "dans la liste de révocation"
)


@dataclass(frozen=True)
class Standing:
    """What the ledger records of one certificate: its last status and since when, where it
    comes from."""

    status: str
    since: dt.date
    certificate: str
    company: str
    audit: str

    def describe(self) -> str:
        return f"« {STATUS_WORDS[self.status]} » depuis le {self.since.isoformat()}"


@dataclass(frozen=True)
class Entry:
    """One line of the ledger; ``standing`` is None for a legacy line (index only)."""

    key: str
    index: int
    line: int
    standing: Standing | None = None


@dataclass
class Ledger:
    """The committed ledger (``exists`` is False in a repository that has none yet)."""

    exists: bool = False
    entries: dict[str, Entry] = field(default_factory=dict)

    @property
    def indexes(self) -> dict[str, int]:
        return {key: entry.index for key, entry in self.entries.items()}


@dataclass(frozen=True)
class Issued:
    """A certificate the data issued (current or replaced), with its standing."""

    key: str
    certificate: Certificate[Audit]
    standing: Standing

    @property
    def number(self) -> str:
        return self.certificate.number


def issued_certificates(companies: Sequence[Company[Audit]]) -> list[Issued]:
    """Every certificate the decisions filed have issued, the ones replaced by a new
    certification included, each with its standing after all of its own decisions."""
    current = build_register(companies, ALL_DECISIONS).certificates
    found = []
    for cert in [*current, *superseded(companies, current)]:
        found.append(Issued(status_key(cert), cert, _standing(cert)))
    return found


def _standing(cert: Certificate) -> Standing:
    """The status the certificate's own decisions gave it: as of its last decision (so that
    another company's later decision never changes it)."""
    last = cert.history[-1].date
    state = next(
        c
        for c in company_certificates(cert.company, last)
        if c.referentiel.id == cert.referentiel.id
    )
    return Standing(
        state.status, state.status_since, cert.number, cert.company.id, cert.history[0].audit.path
    )


def load_ledger(root: Path) -> tuple[Ledger, list[Problem]]:
    """The committed ledger (absent: empty), with every problem located by line."""
    return load_ledger_file(root / LEDGER_PATH, LEDGER_PATH)


def load_ledger_file(file: Path, shown: str) -> tuple[Ledger, list[Problem]]:
    """A ledger file (absent: empty), its problems located by line under the name ``shown``."""
    if not file.is_file():
        return Ledger(), []
    doc, problems = load_yaml(file, shown)
    ledger = Ledger(exists=True)
    if doc is None or doc.data is None:
        return ledger, problems
    if not isinstance(doc.data, dict):
        return ledger, [
            *problems,
            doc.problem(
                (),
                "le registre des attestations doit "
                "associer à chaque clé de certificat son "
                "index et son statut (clé: {index: …})",
            ),
        ]
    owners: dict[int, str] = {}
    for key, value in doc.data.items():
        entry, entry_problems = _entry(doc, str(key), value)
        problems.extend(entry_problems)
        if entry is None:
            continue
        if entry.index in owners:
            problems.append(
                doc.problem(
                    (key,),
                    f"index {entry.index} déjà attribué à "
                    f"« {owners[entry.index]} » : un index ne "
                    "sert qu'à un certificat",
                )
            )
            continue
        owners[entry.index] = entry.key
        ledger.entries[entry.key] = entry
    return ledger, problems


def _entry(doc: Located, key: str, value: Any) -> tuple[Entry | None, list[Problem]]:
    """One ledger line checked: its key's shape, its index, and its recorded standing."""
    line = doc.line_of((key,), key=True)[0]
    if not KEY_SHAPE.fullmatch(key):
        return None, [
            doc.problem(
                (key,),
                f"clé « {key} » invalide : « référentiel:premier numéro:AAAA-MM-JJ » attendu",
                key=True,
            )
        ]
    fields = value if isinstance(value, dict) else {"index": value}
    index = fields.get("index")
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < LIST_SIZE:
        return None, [
            doc.problem(
                (key,),
                f"index « {index} » invalide pour « {key} » : "
                f"entier de 0 à {LIST_SIZE - 1} attendu",
            )
        ]
    if not isinstance(value, dict):
        return Entry(key, index, line), []
    problems = [
        doc.problem(
            (key, name),
            f"champ « {name} » inconnu pour « {key} » (champs : {', '.join(FIELDS)})",
            key=True,
        )
        for name in fields
        if name not in FIELDS
    ]
    status, since = fields.get("status"), _date(fields.get("since"))
    if status not in STATUSES:
        problems.append(
            doc.problem(
                (key, "status"),
                f"statut « {status} » invalide pour « {key} » : {', '.join(STATUSES)}",
            )
        )
    if since is None:
        problems.append(
            doc.problem(
                (key, "since"),
                f"date « {fields.get('since')} » invalide pour « {key} » : AAAA-MM-JJ attendu",
            )
        )
    names = ("certificate", "company", "audit")
    texts = {
        name: text for name in names if isinstance(text := fields.get(name), str) and text.strip()
    }
    problems += [
        doc.problem((key, name), f"« {name} » manque pour « {key} »")
        for name in names
        if name not in texts
    ]
    if problems or not isinstance(status, str) or since is None:
        return Entry(key, index, line), problems
    return Entry(key, index, line, Standing(status, since, **texts)), []


def _date(value: Any) -> dt.date | None:
    """A ``YYYY-MM-DD`` date (the loader keeps dates as text), None when unreadable."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def ledger_problems(
    ledger: Ledger, companies: Sequence[Company], found: Sequence[Problem] = ()
) -> list[Problem]:
    """What the data no longer supports in the ledger (an entry whose certificate is gone, a
    revocation undone), then what it does not record yet. Companies with a file that could
    not be loaded (among ``found``) are left out: their data is not known."""
    if not ledger.exists:
        return []
    unknown = _not_loaded(companies, found)
    issued = [
        item for item in issued_certificates(companies) if item.standing.company not in unknown
    ]
    problems = forgotten(ledger, issued, companies, unknown)
    problems.extend(_outdated(ledger, issued))
    return sorted(problems)


def _not_loaded(companies: Sequence[Company], found: Sequence[Problem]) -> set[str]:
    """Company folders holding a file that was reported instead of loaded."""
    loaded = {a.path for c in companies for a in c.audits}
    return {
        problem.path.split("/")[1]
        for problem in found
        if problem.path.startswith("audits/")
        and problem.path.count("/") >= 2
        and problem.path not in loaded
    }


def forgotten(
    ledger: Ledger,
    issued: Iterable[Issued],
    companies: Sequence[Company],
    unknown: set[str] | frozenset[str] = frozenset(),
) -> list[Problem]:
    """Entries the data betrays: a published certificate that no longer comes out of the
    data, or whose recorded revocation the data no longer shows (entries of the ``unknown``
    companies, whose data could not be read, aside)."""
    by_key = {item.key: item for item in issued}
    problems = []
    for entry in ledger.entries.values():
        if entry.standing is not None and entry.standing.company in unknown:
            continue
        item = by_key.get(entry.key)
        if item is None:
            problems.append(Problem(LEDGER_PATH, entry.line, 0, _gone(entry, companies)))
        elif (
            entry.standing is not None
            and entry.standing.status == WITHDRAWN
            and item.standing.status != WITHDRAWN
        ):
            problems.append(
                Problem(
                    LEDGER_PATH,
                    entry.line,
                    0,
                    f"le certificat {item.number} ({item.certificate.referentiel.id}) a été "
                    f"publié retiré le {entry.standing.since.isoformat()} ; les données le disent "
                    f"maintenant {item.standing.describe()} : un retrait est définitif, "
                    "rétablissez la décision de retrait (une nouvelle certification exige un "
                    "nouvel audit initial)",
                )
            )
    return problems


def _gone(entry: Entry, companies: Sequence[Company]) -> str:
    """Why a recorded certificate no longer comes out of the data, and how to end it."""
    referentiel, first, issued = entry.key.split(":")
    standing = entry.standing
    number = standing.certificate if standing else first
    head = f"le certificat {number} ({referentiel}, délivré le {issued}) a été publié"
    if standing is None:
        return f"{head} mais n'est plus dans les données ; {HOW_TO_END}"
    known = {name for c in companies for name in (c.id, *c.aliases)}
    if standing.company not in known:
        cause = f"le dossier audits/{standing.company}/ de l'entreprise a disparu"
    elif standing.audit not in {a.path for c in companies for a in c.audits}:
        cause = f"l'audit qui l'a délivré ({standing.audit}) a disparu"
    else:
        cause = (
            f"la décision qui l'a délivré (n° {first} du {issued}, {standing.audit}) "
            "n'est plus dans les données"
        )
    return f"{head} ({standing.describe()}) mais {cause} ; {HOW_TO_END}"


def _outdated(ledger: Ledger, issued: Iterable[Issued]) -> list[Problem]:
    """Certificates the ledger does not record as the data now stands."""
    problems = []
    for item in issued:
        entry = ledger.entries.get(item.key)
        fix = f"lancez « {WRITE_COMMAND} » et committez {LEDGER_PATH}"
        if entry is None:
            audit = item.certificate.history[0].audit
            line = audit.line("outcome")
            problems.append(
                Problem(
                    audit.path,
                    line,
                    0,
                    f"le certificat {item.number} n'est pas inscrit au registre "
                    f"des attestations ({LEDGER_PATH}) : {fix}",
                )
            )
        elif entry.standing != item.standing and not _withdrawal_undone(entry, item):
            recorded = entry.standing.describe() if entry.standing else "sans statut"
            problems.append(
                Problem(
                    LEDGER_PATH,
                    entry.line,
                    0,
                    f"registre des attestations pas à jour pour le certificat "
                    f"{item.number} : {item.standing.describe()} "
                    f"({item.certificate.company.id}) dans les données, "
                    f"{recorded} dans le registre ; {fix}",
                )
            )
    return problems


def _withdrawal_undone(entry: Entry, item: Issued) -> bool:
    return (
        entry.standing is not None
        and entry.standing.status == WITHDRAWN
        and item.standing.status != WITHDRAWN
    )


def rewritten(previous: Ledger, ledger: Ledger) -> list[Problem]:
    """What a change of the ledger itself may not do, against its ``previous`` version (the
    one already published, e.g. the main branch's): drop a line, move an index, or lift a
    recorded revocation. Data and ledger edited together cannot hide a certificate then."""
    problems = []
    for key, before in previous.entries.items():
        after = ledger.entries.get(key)
        if after is None:
            problems.append(
                Problem(
                    LEDGER_PATH,
                    1,
                    0,
                    f"la ligne du certificat « {key} » "
                    "(publié) a été supprimée du registre "
                    f"des attestations ; {HOW_TO_END}",
                )
            )
        elif after.index != before.index:
            problems.append(
                Problem(
                    LEDGER_PATH,
                    after.line,
                    0,
                    f"l'index du certificat « {key} » est passé de "
                    f"{before.index} à {after.index} : l'index d'un certificat "
                    "publié ne change jamais (ses attestations le portent)",
                )
            )
        elif (
            before.standing is not None
            and before.standing.status == WITHDRAWN
            and (after.standing is None or after.standing.status != WITHDRAWN)
        ):
            problems.append(
                Problem(
                    LEDGER_PATH,
                    after.line,
                    0,
                    f"le certificat « {key} » était enregistré retiré : un "
                    "retrait est définitif, le registre ne peut pas le lever",
                )
            )
    return problems


def check_writable(ledger: Ledger, companies: Sequence[Company]) -> list[Problem]:
    """What stops ``refpub index-statut --ecrire``: it never writes over a published
    certificate the data has lost, nor lifts a revocation."""
    return forgotten(ledger, issued_certificates(companies), companies)


def recorded_bits(ledger: Ledger, known: set[str], as_of: dt.date) -> dict[str, set[int]]:
    """Bits the ledger keeps set whatever the data says: every recorded revocation, and the
    recorded suspension of a certificate no longer in the data (each from its date on)."""
    bits: dict[str, set[int]] = {"revocation": set(), "suspension": set()}
    for entry in ledger.entries.values():
        standing = entry.standing
        if standing is None or standing.since > as_of:
            continue
        if standing.status == WITHDRAWN:
            bits["revocation"].add(entry.index)
        elif standing.status == SUSPENDED and entry.key not in known:
            bits["suspension"].add(entry.index)
    return bits


def ledger_text(issued: Iterable[Issued], indexes: dict[str, int], ledger: Ledger) -> str:
    """The ledger, one certificate a line by index: the data's standing of every certificate
    it issued, and every earlier line kept as it was."""
    lines = {key: _line(key, entry.index, entry.standing) for key, entry in ledger.entries.items()}
    for item in issued:
        lines[item.key] = _line(item.key, indexes[item.key], item.standing)
    order = sorted(lines, key=lambda key: (indexes.get(key, ledger.indexes.get(key, 0)), key))
    head = [
        "# Registre des attestations publiées : index de chaque certificat dans les listes",
        "# de statut et dernier statut publié. Écrit par « refpub index-statut --ecrire » ;",
        "# ne jamais modifier ni supprimer une ligne (docs/organisme/attestations.md).",
    ]
    return "\n".join([*head, *(lines[key] for key in order)]) + "\n"


def _line(key: str, index: int, standing: Standing | None) -> str:
    if standing is None:
        return f"{_quoted(key)}: {index}"
    return (
        f"{_quoted(key)}: {{index: {index}, status: {standing.status}, since: "
        f"{standing.since.isoformat()}, certificate: {_quoted(standing.certificate)}, "
        f"company: {_quoted(standing.company)}, audit: {_quoted(standing.audit)}}}"
    )


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)
