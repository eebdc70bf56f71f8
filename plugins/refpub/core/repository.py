"""Everything under a data root (référentiels, companies, audits), loaded and checked at once.

All problems of all files are collected in one pass so an auditor sees every mistake of a
pull request in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import DataError, Problem
from .referentiel import Referentiel, load_referentiel

REFERENTIELS_DIR = "referentiels"
AUDITS_DIR = "audits"


@dataclass
class Repository:
    """The validated model of a data root; ``problems`` is empty when everything is valid."""

    root: Path
    referentiels: dict[str, Referentiel] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def raise_for_problems(self) -> None:
        if self.problems:
            raise DataError(self.problems)


def relative(root: Path, file: Path) -> str:
    """The path auditors see in messages: relative to the data root, with forward slashes."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return file.as_posix()


def referentiel_files(root: Path) -> list[Path]:
    folder = root / REFERENTIELS_DIR
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_repository(root: Path) -> Repository:
    """Load every référentiel under ``root``; problems are collected, never raised."""
    repo = Repository(root=root)
    for file in referentiel_files(root):
        try:
            referentiel = load_referentiel(file, relative(root, file))
        except DataError as error:
            repo.problems.extend(error.problems)
            continue
        repo.referentiels[referentiel.id] = referentiel
    repo.problems.sort()
    return repo
