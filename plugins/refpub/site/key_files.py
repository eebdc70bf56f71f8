"""Files bound for site/ that hold a private key, named the way the body knows them: such a
file is never published."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import Files

from ..core.intake import private_keys


def private_key_files(files: Files, root: Path) -> list[str]:
    """Every file bound for site/ that holds a private key, named (relative to the project's
    ``root`` when inside it) with the kind of key: the docs/ and theme files as read from
    disk, the generated ones as written."""
    leaks = []
    for file in files:
        if file.abs_src_path is not None and not os.path.isfile(file.abs_src_path):
            continue
        kind = private_keys.file_kind(file.src_uri, file.content_bytes)
        if kind is not None:
            source = (
                _shown_path(file.abs_src_path, root)
                if file.abs_src_path
                else f"{file.src_uri} (fichier généré)"
            )
            leaks.append(
                f"{source} contient une {private_keys.describe(kind)} "
                f"(elle serait publiée en site/{file.dest_uri}) ; retirez le fichier"
            )
    return leaks


def _shown_path(path: str, root: Path) -> str:
    """A file's path as the body knows it: relative to the project when inside it."""
    absolute = Path(path).resolve()
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(absolute)
