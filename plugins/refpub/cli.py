"""The ``refpub`` command line: validate data, score an audit, and the auditors' tools."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .core.problems import Problem
from .core.repository import AUDITS_DIR, load_audit_file, load_referentiels, load_repository


def _print_problems(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(problem.format_github() if style == "github" else problem.format_text())
    count = len(problems)
    plural = "s" if count > 1 else ""
    print(f"{count} problème{plural} trouvé{plural}.", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not root.is_dir():
        print(f"refpub: dossier introuvable : {root}", file=sys.stderr)
        return 2
    repo = load_repository(root)
    if repo.problems:
        _print_problems(repo.problems, args.format)
        return 1
    audits = sum(len(c.audits) for c in repo.companies.values())
    print(f"Tout est valide : {len(repo.referentiels)} référentiel(s), "
          f"{len(repo.companies)} entreprise(s), {audits} audit(s).", file=sys.stderr)
    return 0


def _root_of(audit_file: Path) -> Path:
    """The data root holding ``audits/<company>/<file>``, else the current directory."""
    parents = audit_file.resolve().parents
    if len(parents) > 2 and parents[1].name == AUDITS_DIR:
        return parents[2]
    return Path.cwd()


def _score(args: argparse.Namespace) -> int:
    file = Path(args.audit)
    if not file.is_file():
        print(f"refpub: fichier introuvable : {file}", file=sys.stderr)
        return 2
    root = Path(args.root) if args.root else _root_of(file)
    repo = load_referentiels(root)
    audit = load_audit_file(repo, file.resolve())
    if audit is None or repo.problems:
        _print_problems(repo.problems, "text")
        return 1
    result = audit.result
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(_describe(result))
    return 0


def _describe(result) -> str:
    """A short French report of a result, for a terminal."""
    lines = [f"Référentiel : {result.referentiel}"]
    if result.model == "radar":
        for sid, score in result.subcriteria.items():
            lines.append(f"  {sid:<10} note {score.note:6.2f} %  poids {score.weight:5.2f} %  "
                         f"résultat {score.result:6.2f}")
        for total in result.totals.values():
            lines.append(f"{total.label} : {total.value:.2f} / {total.maximum:g}")
        lines.append(f"Note globale : {result.overall:.2f} / 100")
    else:
        lines.append(f"Niveau demandé : {result.level_requested} ; atteint : "
                     f"{result.level_achieved or 'aucun'}")
        lines.append(f"Non-conformités : {', '.join(result.nonconformities) or 'aucune'}")
    lines.append("Éligible : oui" if result.eligible else "Éligible : non")
    lines.extend(f"  - {failure}" for failure in result.failures)
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="refpub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="valide référentiels et audits")
    validate.add_argument("root", nargs="?", default=".", help="dossier des données")
    validate.add_argument("--format", choices=["text", "github"], default="text")
    validate.set_defaults(run=_validate)
    score = commands.add_parser("score", help="calcule le résultat d'un audit")
    score.add_argument("audit", help="fichier d'audit")
    score.add_argument("--json", action="store_true", help="résultat en JSON")
    score.add_argument("--root", help="dossier des données (par défaut : celui de l'audit)")
    score.set_defaults(run=_score)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
