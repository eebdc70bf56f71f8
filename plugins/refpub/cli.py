"""The ``refpub`` command line: validate, and the auditors' tools around it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .core.repository import load_repository


def _validate(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"refpub: dossier introuvable : {root}", file=sys.stderr)
        return 2
    repo = load_repository(root)
    for problem in repo.problems:
        print(problem.format_github() if args.format == "github" else problem.format_text())
    if repo.problems:
        count = len(repo.problems)
        print(f"{count} problème{'s' if count > 1 else ''} trouvé{'s' if count > 1 else ''}.",
              file=sys.stderr)
        return 1
    print(f"Tout est valide : {len(repo.referentiels)} référentiel(s).", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="refpub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="valide référentiels et audits")
    validate.add_argument("root", nargs="?", default=".", help="dossier des données")
    validate.add_argument("--format", choices=["text", "github"], default="text")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
