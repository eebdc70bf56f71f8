"""Everything under a data root (référentiels, companies, audits), loaded and checked at once.

All problems of all files are collected in one pass so an auditor sees every mistake of a
pull request in one run; nothing invalid enters the model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..certification.decisions import decision_problems, eligibility_problems
from ..checks.checking import schema_problems
from ..checks.problems import DataError, Problem, suggestion, without_lines
from ..intake.cache import CheckedFiles
from ..intake.discovery import AUDITS_DIR as AUDITS_DIR
from ..intake.discovery import COMPANY_FILE as COMPANY_FILE
from ..intake.discovery import (
    REFERENTIELS_DIR,
    CompanyFolder,
    discover_audits,
    discover_referentiels,
)
from ..intake.discovery import relative as relative
from ..intake.source import Located, load_yaml, load_yaml_files, read_data_file
from ..referentiels.mapping import Mapping, load_mapping
from ..referentiels.referentiel import Referentiel, load_referentiel
from ..schemas.audit import COMPANY_SCHEMA, audit_schema
from ..sealing.confidential import open_sealed, public_digest
from ..sealing.sealed import SealContext, seal_context
from ..vocabulary import COMPANY_ID
from .audit import Audit
from .audit_checks import channel_problems, decision_field_problems, not_applicable_problems
from .company import Company
from .company_checks import identifier_problems
from .skeleton import placeholder_problems


@dataclass
class Repository:
    """The validated model of a data root; ``problems`` is empty when everything is valid."""

    root: Path
    referentiels: dict[str, Referentiel] = field(default_factory=dict)
    companies: dict[str, Company[Audit]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    mappings: dict[str, Mapping] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    #: sha256 of every company and audit file, by path (what a generated page depends on)
    file_digests: dict[str, str] = field(default_factory=dict)
    #: the published fingerprint of each valid audit: of its public fields only
    public_digests: dict[str, str] = field(default_factory=dict)
    #: the cross-reference grids found under referentiels/mappings/, loaded after the audits
    mapping_files: list[Path] = field(default_factory=list)
    #: files already checked (the plugin's, across live-preview rebuilds), else this load's
    checked: CheckedFiles = field(default_factory=CheckedFiles)
    #: the audit schema of each référentiel, built once per load
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: the recipients of sealed detail and, for the committee, its identities
    sealing: SealContext = field(default_factory=SealContext)
    #: confidential detail still in plain text, one problem per part (``validate`` warns)
    plain_detail: list[Problem] = field(default_factory=list)
    #: the audits whose detail is sealed, by path
    sealed: set[str] = field(default_factory=set)

    def fingerprint(self) -> tuple[tuple[str, str], ...]:
        """The référentiels' content, as (path, sha256) pairs: audits depend on it."""
        return tuple(sorted(self.digests.items()))

    def digest_of(self, path: str) -> str:
        """The sha256 of a data file the model was built from, by its path under the root
        (of an audit's public fields: neither sealing nor its detail changes it)."""
        return self.digests.get(path) or self.public_digests.get(path) or self.file_digests[path]


def file_digest(file: Path) -> str:
    """sha256 of a file's bytes ("" when unreadable or too big: loading then reports why)."""
    raw, _ = read_data_file(file)
    return "" if raw is None else hashlib.sha256(raw).hexdigest()


def load_referentiels(
    root: Path, checked: CheckedFiles | None = None, identities: tuple = ()
) -> Repository:
    """A repository holding only the référentiels of ``root`` (and their problems);
    ``checked``: files checked before (live preview), reused when unchanged; ``identities``:
    the committee's keys, which open the sealed detail of audits loaded later."""
    layout = discover_referentiels(root)
    repo = Repository(
        root=root,
        problems=list(layout.problems),
        mapping_files=layout.mapping_files,
        checked=checked or CheckedFiles(),
        sealing=seal_context(root, identities),
    )
    cache = repo.checked.referentiels
    for file in layout.referentiel_files:
        path = relative(root, file)
        digest = file_digest(file)
        key = (str(file.resolve()), path, digest)
        referentiel, problems = cache.get(key) or cache.put(key, _check_referentiel(file, path))
        repo.digests[path] = digest
        repo.problems.extend(problems)
        if referentiel is not None:
            repo.referentiels[referentiel.id] = referentiel
    return repo


def _check_referentiel(file: Path, path: str) -> tuple[Referentiel | None, list[Problem]]:
    try:
        return load_referentiel(file, path), []
    except DataError as error:
        return None, error.problems


def load_audit_file(repo: Repository, file: Path) -> Audit | None:
    """Check and load a single audit against the référentiels of ``repo`` (for the CLI),
    its decision included (a certification needs an eligible audit)."""
    audit = _load_audit(repo, file, {p.path for p in repo.problems}, {})
    if audit is not None:
        repo.problems.extend(eligibility_problems([audit]))
    return audit


def load_repository(
    root: Path, checked: CheckedFiles | None = None, identities: tuple = ()
) -> Repository:
    """Load every référentiel, company and audit under ``root``; problems are collected.
    ``checked``: files checked by a previous load (live preview), reused when unchanged;
    ``identities``: the committee's keys, to validate sealed detail too (else its envelope
    only)."""
    repo = load_referentiels(root, checked, identities)
    broken_referentiels = {p.path for p in repo.problems}
    repo.problems.extend(repo.sealing.problems)
    layout = discover_audits(root)
    repo.problems.extend(layout.problems)
    read = _read_unchecked(repo, layout.companies)
    for folder in layout.companies:
        company = _load_company(repo, folder, broken_referentiels, read)
        if company is not None:
            repo.companies[company.id] = company
    _check_certificate_numbers(repo)
    _check_aliases(repo)
    _check_sirens(repo)
    repo.problems.extend(decision_problems(repo.companies.values()))
    _load_mappings(repo, broken_referentiels)
    repo.problems = sorted(set(repo.problems))
    return repo


def _load_mappings(repo: Repository, broken: set[str]) -> None:
    """Cross-reference grids (referentiels/mappings/); a broken référentiel skips its grids."""
    for file in repo.mapping_files:
        try:
            mapping = load_mapping(file, relative(repo.root, file), repo.referentiels)
        except DataError as error:
            ident = file.stem
            if not any(ident.startswith(f"{Path(b).stem}-") for b in broken):
                repo.problems.extend(error.problems)
            continue
        repo.mappings[mapping.id] = mapping


def _read_unchecked(repo: Repository, folders: list[CompanyFolder]) -> dict[str, Any]:
    """The company and audit files, read in parallel up front (YAML parsing is most of a
    cold load), unless a live preview already checked them."""
    if repo.checked.audits:
        return {}
    files = [
        (file, relative(repo.root, file))
        for folder in folders
        for file in ([folder.company_file] if folder.company_file else []) + folder.audit_files
    ]
    return load_yaml_files(files)


def _load_company(
    repo: Repository, found: CompanyFolder, broken: set[str], read: dict[str, Any]
) -> Company[Audit] | None:
    root, folder = repo.root, found.path
    path = relative(root, folder / COMPANY_FILE)
    valid_id = COMPANY_ID.match(folder.name) is not None
    if not valid_id:
        repo.problems.append(
            Problem(
                relative(root, folder),
                1,
                0,
                f"nom de dossier « {folder.name} » invalide : minuscules, chiffres et tirets "
                f"seulement (par exemple « {_slug(folder.name)} »)",
            )
        )
    company: Company[Audit] | None = None
    if found.company_file is None:
        repo.problems.append(
            Problem(
                path, 1, 0, f"fichier {COMPANY_FILE} manquant : chaque dossier d'entreprise en a un"
            )
        )
    else:
        repo.file_digests[path] = file_digest(folder / COMPANY_FILE)
        doc, problems = read.pop(path, None) or load_yaml(folder / COMPANY_FILE, path)
        repo.problems.extend(problems)
        if doc is not None:
            placeholders = placeholder_problems(doc)
            schema = without_lines(
                schema_problems(doc, COMPANY_SCHEMA, many=True), [*problems, *placeholders]
            )
            repo.problems.extend([*placeholders, *schema])
            if not schema and not problems and not placeholders:
                identifiers = list(identifier_problems(doc))
                repo.problems.extend(identifiers)
                if not identifiers:
                    company = Company.from_data(folder.name, path, doc.data)
    audits = [a for a in (_load_audit(repo, file, broken, read) for file in found.audit_files) if a]
    if company is None or not valid_id:
        return None
    return replace(company, audits=tuple(sorted(audits, key=lambda a: (a.date, a.id))))


def _load_audit(
    repo: Repository, file: Path, broken: set[str], read: dict[str, Any]
) -> Audit | None:
    """Check one audit file, reusing the previous result when neither the file nor any
    référentiel changed (``mkdocs serve`` rebuilds after every edit)."""
    path = relative(repo.root, file)
    digest = repo.file_digests[path] = file_digest(file)
    key = (
        str(file.resolve()),
        path,
        digest,
        repo.fingerprint(),
        frozenset(broken),
        repo.sealing.cache_key(),
    )
    cache = repo.checked.audits
    checked = cache.get(key) or cache.put(
        key, _check_audit(repo, file, path, broken, read.pop(path, None))
    )
    repo.problems.extend(checked.problems)
    repo.plain_detail.extend(checked.plain)
    if checked.sealed:
        repo.sealed.add(path)
    if checked.audit is not None:
        repo.public_digests[path] = checked.public_digest
    return checked.audit


@dataclass(frozen=True)
class CheckedAudit:
    """An audit file checked: its model (None when invalid), problems, the parts of its
    detail still in plain text, whether it is sealed, and its published fingerprint."""

    audit: Audit | None
    problems: list[Problem]
    plain: list[Problem] = field(default_factory=list)
    sealed: bool = False
    public_digest: str = ""


def _check_audit(
    repo: Repository,
    file: Path,
    path: str,
    broken: set[str],
    read: tuple[Located | None, list[Problem]] | None,
) -> CheckedAudit:
    """An audit checked, its sealed detail opened first (decrypted, or its public fields
    only without the committee's key)."""
    doc, problems = read or load_yaml(file, path)
    if doc is None:
        return CheckedAudit(None, problems)
    if not isinstance(doc.data, dict):
        return CheckedAudit(
            None, [*problems, doc.problem((), "un audit doit être un ensemble de clés")]
        )
    ref, unknown = _referentiel_of(repo, doc, broken)
    if ref is None:
        return CheckedAudit(None, [*problems, *unknown])
    opened = open_sealed(doc, ref, repo.sealing)
    public_only = opened.sealed and not repo.sealing.identities
    audit, problems = _checked_audit(
        repo, file, path, ref, opened.doc, [*problems, *opened.problems], public_only
    )
    return CheckedAudit(
        audit, problems, opened.plain, opened.sealed, public_digest(opened.doc.data, ref)
    )


def _checked_audit(
    repo: Repository,
    file: Path,
    path: str,
    ref: Referentiel,
    doc: Located,
    problems: list[Problem],
    public_only: bool,
) -> tuple[Audit | None, list[Problem]]:
    explained = placeholder_problems(doc) + list(not_applicable_problems(doc, ref))
    schema = without_lines(
        schema_problems(doc, _audit_schema(repo, ref, public_only), many=True),
        [*problems, *explained],
    )
    if schema or problems or explained:
        return None, [*problems, *explained, *schema]
    semantic = [*channel_problems(doc, ref), *decision_field_problems(doc, ref)]
    if semantic:
        return None, semantic
    return Audit.from_data(file.stem, path, ref, doc), []


def _audit_schema(repo: Repository, ref: Referentiel, public_only: bool = False) -> dict[str, Any]:
    """The audit schema of ``ref``, built once per load (thousands of audits share it);
    ``public_only``: without the rules on confidential detail, sealed and not read."""
    key = f"{ref.id} public" if public_only else ref.id
    if key not in repo.schemas:
        repo.schemas[key] = audit_schema(ref, public_only)
    return repo.schemas[key]


def _referentiel_of(
    repo: Repository, doc: Located, broken: set[str]
) -> tuple[Referentiel | None, list[Problem]]:
    ident = doc.data.get("referentiel")
    if ident is None:
        return None, [doc.problem((), "champ obligatoire « referentiel » manquant")]
    ref = repo.referentiels.get(str(ident))
    if ref is None and f"{REFERENTIELS_DIR}/{ident}.yaml" not in broken:
        known = list(repo.referentiels)
        return None, [
            doc.problem(
                ("referentiel",),
                f"référentiel « {ident} » inconnu"
                f"{suggestion(ident, known)} (référentiels : "
                f"{', '.join(known) or 'aucun'})",
            )
        ]
    return ref, []


def _check_certificate_numbers(repo: Repository) -> None:
    """A number belongs to the company whose decision issued it first (by decision date, then
    path); a later decision of another company that reuses it is the one reported, so the
    pull request that reuses a number is annotated, not the holder's files."""
    issued = sorted(
        (audit.decision.date, audit.path, company.id, audit, audit.decision.certificate)
        for company in repo.companies.values()
        for audit in company.audits
        if audit.decision and audit.decision.certificate
    )
    holders: dict[str, tuple[str, dt.date, str]] = {}
    for day, path, company_id, audit, number in issued:
        holder_id, first_day, first_path = holders.setdefault(number, (company_id, day, path))
        if holder_id != company_id:
            repo.problems.append(
                Problem(
                    audit.path,
                    audit.line("certificate"),
                    0,
                    f"numéro de certificat « {number} » déjà attribué à l'entreprise "
                    f"« {holder_id} » (décision du {first_day.isoformat()}, "
                    f"{first_path}) : choisissez un autre numéro",
                )
            )


def _check_aliases(repo: Repository) -> None:
    taken = {cid: cid for cid in repo.companies}
    for company in repo.companies.values():
        for alias in company.aliases:
            if alias in taken:
                repo.problems.append(
                    Problem(
                        company.path,
                        1,
                        0,
                        f"alias « {alias} » déjà utilisé par l'entreprise « {taken[alias]} »",
                    )
                )
            taken[alias] = company.id


def _check_sirens(repo: Repository) -> None:
    """One company folder per legal entity: a SIREN in two folders is the same company
    published twice (a renamed company keeps one folder and lists its former ids in
    ``aliases``)."""
    holders: dict[str, str] = {}
    for company in sorted(repo.companies.values(), key=lambda c: c.id):
        if company.siren is None:
            continue
        holder = holders.setdefault(company.siren, company.id)
        if holder != company.id:
            repo.problems.append(
                Problem(
                    company.path,
                    1,
                    0,
                    f"SIREN « {company.siren} » déjà celui de l'entreprise « {holder} » : une "
                    "entreprise n'a qu'un dossier ; pour un changement de nom, gardez un dossier "
                    "et listez l'ancien identifiant sous « aliases »",
                )
            )


def _slug(name: str) -> str:
    """A valid company id close to a folder name, for the suggestion in the message."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "entreprise"
