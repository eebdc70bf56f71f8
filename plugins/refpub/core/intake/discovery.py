"""Which files under ``audits/`` and ``referentiels/`` are data, and a problem for the rest.

A file the loader skipped without a word could hide a withdrawal, so every entry of the two
folders is either returned for loading or reported (``PATH:1:``): wrong extension or case,
sub-folders, files at the wrong level, hidden files, symbolic links (never followed, so a
company folder linked to outside the repository is not published), special files and names
that are not UTF-8 or hold control characters, names that differ only by case (one file on
macOS and Windows) or give two pages the same address (``README`` and ``index``). Only
``lstat`` information is used here; reading (with its size limit) is
:func:`refpub.core.intake.source.read_data_file`'s job.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.problems import Problem, os_reason
from ..vocabulary import whole

AUDITS_DIR = "audits"
REFERENTIELS_DIR = "referentiels"
MAPPINGS_DIR = "mappings"
COMPANY_FILE = "company.yaml"
#: The only extension read, in lower case: the contract names audits ``<any-name>.yaml``.
DATA_SUFFIX = ".yaml"
#: A data file's name before ``.yaml``: it becomes part of a published address.
FILE_STEM = re.compile(whole("[A-Za-z0-9][A-Za-z0-9_.-]*"))
#: Page names MkDocs gives the same address: ``README.md`` is published as ``index.md``.
_PAGE_NAMES = {"README": "index"}
_NAME_HINT = (
    "lettres sans accents, chiffres, points, tirets et soulignés, sans espace "
    "(par exemple « 2026-04-02-renouvellement.yaml »)"
)


@dataclass
class CompanyFolder:
    """``audits/<company-id>/``: its company.yaml (None when absent) and its audit files."""

    path: Path
    company_file: Path | None
    audit_files: list[Path] = field(default_factory=list)


@dataclass
class ReferentielLayout:
    """The référentiel files, the cross-reference grids and what could not be used."""

    referentiel_files: list[Path] = field(default_factory=list)
    mapping_files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class AuditLayout:
    """The company folders and what could not be used."""

    companies: list[CompanyFolder] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def relative(root: Path, file: Path) -> str:
    """The path auditors see in messages: relative to the data root, with forward slashes."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


class _Walk:
    """Lists folders without following links, turning every unusable entry into a problem."""

    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def report(self, path: Path, message: str) -> None:
        self.problems.append(Problem(relative(self.root, path), 1, 0, message))

    def top_entries(self, name: str) -> tuple[list[Path], list[Path]]:
        """(sub-folders, regular files) of ``root/name``; none when it is not a real folder."""
        folder = self._top_folder(name)
        return ([], []) if folder is None else self.entries(folder)

    def _top_folder(self, name: str) -> Path | None:
        """``root/name`` when it is a real folder; absent is fine, anything else reported."""
        folder = self.root / name
        if not os.path.lexists(folder):
            return None
        if folder.is_symlink():
            self.report(
                folder,
                f"« {name} » est un lien symbolique : il n'est pas suivi ; "
                "mettez-y un vrai dossier",
            )
            return None
        if not folder.is_dir():
            self.report(folder, f"« {name} » doit être un dossier")
            return None
        return folder

    def entries(self, folder: Path) -> tuple[list[Path], list[Path]]:
        """(sub-folders, regular files) of ``folder``, sorted; other entries are reported."""
        try:
            with os.scandir(folder) as scan:
                listed = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            self.report(folder, f"dossier illisible ({os_reason(error)})")
            return [], []
        folders: list[Path] = []
        files: list[Path] = []
        for entry in listed:
            path = folder / entry.name
            if self._usable(entry, path):
                (folders if entry.is_dir(follow_symlinks=False) else files).append(path)
        self._case_twins([*folders, *files])
        return folders, files

    def _case_twins(self, paths: list[Path]) -> None:
        """Names that differ only by case are one entry on macOS and Windows (a checkout
        keeps one of them) and two pages on the site: each twin after the first is
        reported, naming the first."""
        first: dict[str, Path] = {}
        for path in paths:
            twin = first.setdefault(path.name.casefold(), path)
            if twin is not path:
                self.report(
                    path,
                    f"« {path.name} » et « {twin.name} » ne diffèrent que par "
                    "les majuscules : macOS et Windows n'en gardent qu'un, et "
                    "le site en ferait deux pages ; fusionnez-les ou renommez "
                    "l'un des deux",
                )

    def same_pages(self, files: list[Path], where: str) -> None:
        """Data files whose pages would have the same address (MkDocs publishes
        ``README.md`` as its folder's ``index.md``): one page would silently replace the
        other, so each file after the first is reported, naming the first."""
        first: dict[str, Path] = {}
        for file in files:
            stem = file.name.removesuffix(DATA_SUFFIX)
            twin = first.setdefault(_PAGE_NAMES.get(stem, stem), file)
            if twin is not file:
                self.report(
                    file,
                    f"« {file.name} » et « {twin.name} » auraient la même page "
                    f"({where}) : l'une remplacerait l'autre ; renommez l'un "
                    "des deux (par exemple « 2026-04-02-initial.yaml »)",
                )

    def _usable(self, entry: os.DirEntry[str], path: Path) -> bool:
        name = entry.name
        kind = "dossier" if entry.is_dir(follow_symlinks=False) else "fichier"
        if _unreadable_name(name):
            self.report(
                path,
                f"nom de {kind} illisible (octet non UTF-8 ou caractère de "
                "contrôle) : renommez-le en lettres, chiffres et tirets",
            )
        elif name.startswith("."):
            self.report(
                path,
                f"{kind} caché « {name} » non lu : les noms qui commencent par "
                "un point ne sont pas des données ; retirez-le",
            )
        elif entry.is_symlink():
            self.report(
                path,
                "lien symbolique non suivi : remplacez-le par le fichier ou le dossier lui-même",
            )
        elif not (entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False)):
            self.report(path, "ni fichier ni dossier (périphérique, tube...) : non lu")
        else:
            return True
        return False

    def data_files(self, files: list[Path], what: str) -> list[Path]:
        """The ``.yaml`` files among ``files``; the others are reported, ``x.yml`` beside
        ``x.yaml`` included."""
        names = {f.name for f in files}
        kept = []
        for file in files:
            problem = _data_file_problem(file.name, names, what)
            if problem:
                self.report(file, problem)
            else:
                kept.append(file)
        return kept


def _unreadable_name(name: str) -> bool:
    """A name with a byte that is not UTF-8 (a surrogate once decoded) or a control char."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name)


def _data_file_problem(name: str, siblings: set[str], what: str) -> str:
    """Why ``name`` is not read as a data file ("" when it is)."""
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix}".lower() not in (DATA_SUFFIX, ".yml"):
        return (
            f"fichier non lu : seuls les fichiers « {DATA_SUFFIX} » sont des {what} "
            "(retirez-le d'ici)"
        )
    if f".{suffix}" != DATA_SUFFIX:
        target = f"{stem}{DATA_SUFFIX}"
        if target in siblings:
            return (
                f"extension « .{suffix} » non lue et « {target} » existe déjà : gardez "
                "un seul des deux fichiers, avec l'extension « .yaml »"
            )
        return (
            f"extension « .{suffix} » non lue : seule l'extension « {DATA_SUFFIX} » (en "
            f"minuscules) l'est ; renommez le fichier « {target} »"
        )
    if not FILE_STEM.match(stem):
        return f"nom de fichier « {name} » non admis : {_NAME_HINT}"
    return ""


def discover_referentiels(root: Path) -> ReferentielLayout:
    """``referentiels/*.yaml`` and ``referentiels/mappings/*.yaml``; anything else reported."""
    walk = _Walk(root)
    folders, files = walk.top_entries(REFERENTIELS_DIR)
    layout = ReferentielLayout(walk.data_files(files, "référentiels"), problems=walk.problems)
    for sub in folders:
        if sub.name != MAPPINGS_DIR:
            walk.report(
                sub,
                f"sous-dossier non lu : seul « {REFERENTIELS_DIR}/{MAPPINGS_DIR}/ "
                "» (grilles de correspondance) est lu sous « referentiels/ »",
            )
            continue
        nested, grids = walk.entries(sub)
        layout.mapping_files = walk.data_files(grids, "grilles de correspondance")
        for deeper in nested:
            walk.report(
                deeper,
                "sous-dossier non lu : les grilles vont directement dans "
                f"« {REFERENTIELS_DIR}/{MAPPINGS_DIR}/ »",
            )
    return layout


def discover_audits(root: Path) -> AuditLayout:
    """``audits/<company-id>/`` folders with their files; anything else reported."""
    walk = _Walk(root)
    companies, stray = walk.top_entries(AUDITS_DIR)
    for file in stray:
        walk.report(
            file,
            f"fichier non lu : « {AUDITS_DIR}/ » ne contient que des dossiers "
            f"d'entreprise ; placez-le dans « {AUDITS_DIR}/<entreprise>/ »",
        )
    return AuditLayout([_company_folder(walk, company) for company in companies], walk.problems)


def _company_folder(walk: _Walk, folder: Path) -> CompanyFolder:
    subfolders, files = walk.entries(folder)
    for sub in subfolders:
        walk.report(
            sub,
            "sous-dossier non lu : les audits vont directement dans le dossier "
            f"de l'entreprise (« {AUDITS_DIR}/{folder.name}/ »)",
        )
    data = walk.data_files(files, "audits")
    walk.same_pages(data, f"certificats/{folder.name}/audits/")
    for file in data:
        if file.name.lower() == COMPANY_FILE and file.name != COMPANY_FILE:
            walk.report(file, f"fichier non lu : renommez-le « {COMPANY_FILE} » (en minuscules)")
    data = [f for f in data if f.name.lower() != COMPANY_FILE or f.name == COMPANY_FILE]
    company_file = next((f for f in data if f.name == COMPANY_FILE), None)
    audits = [f for f in data if f.name != COMPANY_FILE]
    return CompanyFolder(folder, company_file, audits)
