"""The ``refpub`` command line: validate data, score an audit, and the auditors' tools."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .argparse_fr import french_argparse
from .core.attestations.signing import load_previous_keys
from .core.attestations.status_list import assign_indexes
from .core.attestations.verification import verify_credential
from .core.audits.repository import (
    AUDITS_DIR,
    COMPANY_FILE,
    load_audit_file,
    load_referentiels,
    load_repository,
    relative,
)
from .core.audits.skeleton import audit_skeleton, company_skeleton
from .core.audits.typed_dates import far_future_dates
from .core.certification.ledger import (
    LEDGER_PATH,
    WRITE_COMMAND,
    check_writable,
    issued_certificates,
    ledger_problems,
    ledger_text,
    load_ledger,
    load_ledger_file,
    rewritten,
)
from .core.checks.problems import Problem, os_reason, printable, suggestion
from .core.checks.values import date_problem
from .core.evaluation.registry import model_named
from .core.french import fr_number
from .core.intake.discovery import discover_audits
from .core.intake.site_config import config_problems
from .core.intake.source import load_yaml
from .core.referentiels.referentiel import Referentiel
from .core.schemas.audit import COMPANY_SCHEMA, audit_schema_all
from .core.sealing.seal_files import seal_file, unseal_text
from .core.sealing.sealed import (
    IDENTITY_ENV,
    RECIPIENTS_PATH,
    identities_from_env,
    load_recipients,
    new_identity,
)
from .core.vocabulary import COMPANY_ID

SCHEMAS_DIR = "schemas"
SCHEMA_FILES = {"company": "company.schema.json", "audit": "audit.schema.json"}


class UsageError(Exception):
    """A mistake in the command line: reported in French, exit status 2."""


def _print_problems(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(problem.format_github() if style == "github" else problem.format_text())
    count = len(problems)
    plural = "s" if count > 1 else ""
    print(f"{count} problème{plural} trouvé{plural}.", file=sys.stderr)


def _data_root(path: str) -> Path:
    """The data root named on the command line, which must be an existing folder."""
    root = Path(path)
    if not root.is_dir():
        raise UsageError(f"dossier introuvable : {root}")
    return root


def _write(file: Path, text: str) -> None:
    """Write ``text`` as UTF-8 with Unix line endings, creating the folders it needs."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise UsageError(f"écriture impossible : {file} ({os_reason(error)})") from None


TODAY_ENV = "REFPUB_TODAY"


def _real_date() -> tuple[dt.date, str]:
    """The date the data is checked against, and where it comes from, for the messages:
    REFPUB_TODAY when set (as for the build), else the computer's date."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return dt.date.today(), "date du jour"
    problem = date_problem(value)
    if problem:
        raise UsageError(f"{TODAY_ENV}={value!r} {problem}")
    return dt.date.fromisoformat(value), TODAY_ENV


def _print_warnings(warnings: list[Problem], style: str) -> None:
    """Warnings go to the standard error, with the notes: the standard output holds the
    problems only, so the exit status is 1 exactly when it is not empty."""
    for warning in warnings:
        print(
            warning.format_github("warning") if style == "github" else warning.format_text(),
            file=sys.stderr,
        )


def _identities() -> tuple:
    """The committee's identities from REFPUB_COMMITTEE_IDENTITY (none when unset)."""
    try:
        return identities_from_env()
    except ValueError as error:
        raise UsageError(str(error)) from None


def _validate(args: argparse.Namespace) -> int:
    root = _data_root(args.root)
    today, source = _real_date()
    identities = _identities()
    repo = load_repository(root, identities=identities)
    companies = list(repo.companies.values())
    loaded = (a for c in companies for a in c.audits)  # as read
    _print_warnings(far_future_dates(loaded, today, source), args.format)
    ledger, problems = load_ledger(root)
    problems = [
        *repo.problems,
        *problems,
        *load_previous_keys(root)[1],
        *ledger_problems(ledger, companies, repo.problems),
        *config_problems(root),
    ]
    if args.previous_ledger:
        previous, unreadable = load_ledger_file(Path(args.previous_ledger), args.previous_ledger)
        problems += [*unreadable, *rewritten(previous, ledger)]
    sealing = args.require_sealed or (root / RECIPIENTS_PATH).exists()
    plain = sorted(repo.plain_detail) if sealing else []
    if args.require_sealed:
        problems.extend(plain)
        if not (root / RECIPIENTS_PATH).exists():
            problems.append(
                Problem(
                    RECIPIENTS_PATH,
                    1,
                    0,
                    "fichier absent : les clés "
                    "publiques age du comité, une par ligne, à qui refpub seal "
                    "chiffre le détail confidentiel",
                )
            )
    else:
        _print_warnings(
            [replace(p, message=f"attention : {p.message}") for p in plain], args.format
        )
    if problems:
        _print_problems(sorted(set(problems)), args.format)
        return 1
    audits = sum(len(c.audits) for c in repo.companies.values())
    print(
        f"Tout est valide : {len(repo.referentiels)} référentiel(s), "
        f"{len(repo.companies)} entreprise(s), {audits} audit(s).",
        file=sys.stderr,
    )
    if not ledger.exists and issued_certificates(companies):
        print(
            f"Note : pas encore de registre des attestations ({LEDGER_PATH}) ; avant de "
            f"publier des attestations signées, lancez « {WRITE_COMMAND} » et committez-le.",
            file=sys.stderr,
        )
    if repo.sealed and not identities:
        print(
            f"Détail scellé de {len(repo.sealed)} audit(s) vérifié sans être lu "
            f"(destinataires, en-têtes) : avec {IDENTITY_ENV}, son contenu l'est aussi.",
            file=sys.stderr,
        )
    return 0


def _seal(args: argparse.Namespace) -> int:
    """Encrypts in place the confidential detail of every audit under ROOT."""
    root = _data_root(args.root)
    identities = _identities()
    recipients, problems = load_recipients(root)
    if recipients is None and not problems:
        problems = [
            Problem(
                RECIPIENTS_PATH,
                1,
                0,
                "fichier absent : listez-y les clés "
                "publiques age du comité, une par ligne (refpub cle-comite)",
            )
        ]
    repo = load_referentiels(root)
    if recipients is None:
        _print_problems(problems, "text")
        return 1
    changed = 0
    for folder in discover_audits(root).companies:
        for file in folder.audit_files:
            path = relative(root, file)
            ref, found = _audit_referentiel(repo, file, path)
            if ref is None:
                problems.extend(found)
                continue
            written, found = seal_file(file, path, ref, recipients, identities)
            problems.extend(found)
            changed += written
            if written:
                print(f"Scellé : {path}")
    if problems:
        _print_problems(sorted(set(problems)), "text")
        return 1
    print(
        f"{changed} audit(s) scellé(s) pour {len(recipients.keys)} destinataire(s) ; "
        "aucun détail confidentiel ne reste en clair.",
        file=sys.stderr,
    )
    return 0


def _audit_referentiel(repo, file: Path, path: str) -> tuple[Referentiel | None, list[Problem]]:
    """The référentiel an audit file names, or the problems that prevent sealing it."""
    doc, problems = load_yaml(file, path)
    if doc is None or problems:
        return None, problems
    ident = doc.data.get("referentiel") if isinstance(doc.data, dict) else None
    ref = repo.referentiels.get(str(ident))
    if ref is None:
        return None, [
            doc.problem(
                ("referentiel",),
                f"référentiel « {ident} » introuvable : l'audit ne peut pas être scellé",
            )
        ]
    return ref, []


def _unseal(args: argparse.Namespace) -> int:
    """Puts the sealed detail of one audit back in plain text, for the committee."""
    file = Path(args.audit)
    if not file.is_file():
        raise UsageError(f"fichier introuvable : {file}")
    identities = _identities()
    if not identities:
        raise UsageError(
            f"{IDENTITY_ENV} n'est pas défini : la clé secrète age du comité "
            "est nécessaire pour lire le détail scellé"
        )
    root = Path(args.root) if args.root else _root_of(file)
    repo = load_referentiels(root)
    path = (
        relative(root, file.resolve())
        if file.resolve().is_relative_to(root.resolve())
        else str(file)
    )
    ref, problems = _audit_referentiel(repo, file, path)
    if ref is not None:
        text = file.read_text(encoding="utf-8")
        unsealed, problems = unseal_text(text, path, ref, identities)
    if problems:
        _print_problems(problems, "text")
        return 1
    if unsealed == text:
        print(f"{path} : rien de scellé.", file=sys.stderr)
        return 0
    _write(file, unsealed)
    print(
        f"Détail remis en clair : {path} ; corrigez-le puis lancez « refpub seal » avant "
        "de committer.",
        file=sys.stderr,
    )
    return 0


def _committee_key(args: argparse.Namespace) -> int:
    """Makes a committee member's age key: the secret part stays with that member."""
    secret, public = new_identity()
    if args.output:
        target = Path(args.output)
        try:
            descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise UsageError(f"{target} existe déjà : choisissez un autre fichier") from None
        except OSError as error:
            raise UsageError(f"écriture impossible : {target} ({os_reason(error)})") from None
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(secret)
        print(
            f"Clé secrète écrite dans {target} (lisible de vous seul) : gardez-la hors du dépôt.",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(secret)
    print(
        f"Clé publique : {public}\nAjoutez-la à {RECIPIENTS_PATH} puis lancez "
        f"« refpub seal » (avec {IDENTITY_ENV} s'il y a déjà du détail scellé).",
        file=sys.stderr,
    )
    return 0


def _status_index(args: argparse.Namespace) -> int:
    """Records every certificate issued (its status-list index and last status) in the
    committed ledger; refuses while the data has lost a certificate the ledger records."""
    root = _data_root(args.root)
    repo = load_repository(root)
    ledger, problems = load_ledger(root)
    problems = [*repo.problems, *problems]
    companies = list(repo.companies.values())
    if not problems:
        problems = check_writable(ledger, companies)
    if problems:
        _print_problems(problems, "text")
        return 1
    issued = issued_certificates(companies)
    indexes = assign_indexes([item.certificate for item in issued], ledger.indexes)
    text = ledger_text(issued, indexes, ledger)
    if not args.write:
        print(text, end="")
        return 0
    _write(root / LEDGER_PATH, text)
    print(f"Index enregistrés dans {LEDGER_PATH} : committez ce fichier.", file=sys.stderr)
    return 0


#: The verification page's verdict titles, by state.
VERDICTS = {
    "valid": "Attestation authentique et valide",
    "suspended": "Attestation authentique, mais certificat SUSPENDU",
    "withdrawn": "Attestation authentique, mais certificat RETIRÉ",
    "expired": "Attestation authentique, mais certificat EXPIRÉ",
    "futur": "Attestation authentique, mais pas encore valide",
    "forged": "Attestation NON AUTHENTIQUE",
    "unknown": "Vérification impossible",
}


def _verify(args: argparse.Namespace) -> int:
    """The verification page's verdict on a credential file, against a built site folder
    (its did.json and status lists), at ``--date`` or now; exit 0 only when valid."""
    site = _data_root(args.site).resolve()
    try:
        token = Path(args.attestation).read_text(encoding="utf-8")
        did = json.loads((site / "did.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageError(f"lecture impossible : {error}") from None
    try:
        now = (
            dt.datetime.fromisoformat(args.date.replace("Z", "+00:00"))
            if args.date
            else dt.datetime.now(dt.UTC)
        )
    except ValueError:
        raise UsageError(f"date « {args.date} » illisible (AAAA-MM-JJTHH:MM:SSZ)") from None
    if now.tzinfo is None:
        raise UsageError("la date doit porter son fuseau (par exemple 2026-11-24T12:00:00Z)")

    def read(path: str) -> str | None:
        file = (site / path).resolve()
        inside = file.is_relative_to(site) and file.is_file()
        return file.read_text(encoding="utf-8", errors="replace") if inside else None

    verdict = verify_credential(token, did if isinstance(did, dict) else {}, read, now)
    print(VERDICTS[verdict.state] + (f" : {verdict.reason}." if verdict.reason else "."))
    return 0 if verdict.state == "valid" else 1


def _root_of(audit_file: Path) -> Path:
    """The data root holding ``audits/<company>/<file>``, else the current directory."""
    parents = audit_file.resolve().parents
    if len(parents) > 2 and parents[1].name == AUDITS_DIR:
        return parents[2]
    return Path.cwd()


def _score(args: argparse.Namespace) -> int:
    file = Path(args.audit)
    if not file.is_file():
        print(f"refpub : fichier introuvable : {printable(str(file))}", file=sys.stderr)
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
    """A short French report of a result, for a terminal: its model's lines, then why."""
    lines = [f"Référentiel : {result.referentiel}", *model_named(result.model).describe(result)]
    lines.append("Éligible : oui" if result.eligible else "Éligible : non")
    lines.extend(f"  - {failure}" for failure in result.failures)
    return "\n".join(lines)


def schema_texts(referentiels: list[Referentiel]) -> dict[str, str]:
    """The editors' schemas by name, as published: indented UTF-8 JSON, final newline."""
    schemas = {"company": COMPANY_SCHEMA, "audit": audit_schema_all(referentiels)}
    return {
        name: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, schema in schemas.items()
    }


def _schema(args: argparse.Namespace) -> int:
    """Write the editors' schemas into a folder, or print one of them."""
    root = _data_root(args.root)
    repo = load_referentiels(root)
    if repo.problems:
        _print_problems(repo.problems, "text")
        return 1
    texts = schema_texts(list(repo.referentiels.values()))
    if args.stdout:
        sys.stdout.write(texts[args.stdout])
        return 0
    folder = Path(args.output) if args.output else root / SCHEMAS_DIR
    for name, text in texts.items():
        _write(folder / SCHEMA_FILES[name], text)
        print(f"Schéma écrit : {folder / SCHEMA_FILES[name]}", file=sys.stderr)
    return 0


def _date(text: str) -> dt.date:
    """An ``argparse`` type: a date written AAAA-MM-JJ, one an audit file may hold (a
    skeleton must pass ``refpub validate`` as written)."""
    problem = date_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(f"date invalide « {text} » : elle {problem}")
    return dt.date.fromisoformat(text)


def _check_choice(what: str, value: str, choices: Sequence[str]) -> None:
    """Refuse a ``value`` that is not one of ``choices``, suggesting the closest one."""
    if value not in choices:
        raise UsageError(
            f"{what} « {value} » inconnu{suggestion(value, choices)} "
            f"(choix possibles : {', '.join(choices) or 'aucun'})"
        )


def _level(ref: Referentiel, level: str | None) -> str | None:
    """The ``--level`` option checked against ``ref``: required by levels models only."""
    levels = ref.level_ids()
    if not model_named(ref.model).takes_level:
        if level is not None:
            raise UsageError(
                f"--level ne s'applique pas au référentiel « {ref.id} », qui n'a pas de niveaux"
            )
        return None
    if level is None:
        raise UsageError(
            f"--level est obligatoire pour le référentiel « {ref.id} » "
            f"(choix possibles : {', '.join(levels)})"
        )
    _check_choice("niveau", level, levels)
    return level


def _company_folder(root: Path, company: str) -> Path:
    """The folder ``audits/<company>`` under ``root``, for a valid company id."""
    if not COMPANY_ID.match(company):
        raise UsageError(
            f"identifiant d'entreprise « {company} » invalide : minuscules, "
            "chiffres et tirets seulement (par exemple « transports-durand »)"
        )
    return root / AUDITS_DIR / company


def _ensure_company(root: Path, folder: Path) -> None:
    """Write a company.yaml skeleton into ``folder`` unless it already has one."""
    company = folder / COMPANY_FILE
    if not company.exists():
        _write(company, company_skeleton())
        print(f"Entreprise créée : {relative(root, company)} (complétez name et address)")


def _new_audit(args: argparse.Namespace) -> int:
    """Write the skeleton of an audit, and of company.yaml for a new company."""
    root = _data_root(args.root)
    folder = _company_folder(root, args.company)
    repo = load_referentiels(root)
    if repo.problems:
        _print_problems(repo.problems, "text")
        return 1
    _check_choice("référentiel", args.referentiel, list(repo.referentiels))
    ref = repo.referentiels[args.referentiel]
    _check_choice("type d'audit", args.type, [t.type for t in ref.audit_types])
    level = _level(ref, args.level)
    date = args.date or dt.date.today()
    audit = folder / f"{date.isoformat()}-{args.type}.yaml"
    if audit.exists() and not args.force:
        raise UsageError(f"{relative(root, audit)} existe déjà (--force pour le remplacer)")
    _write(audit, audit_skeleton(ref, args.type, date, level))
    print(f"Audit créé : {relative(root, audit)}")
    _ensure_company(root, folder)
    print(
        "Complétez les champs « À compléter » et les résultats, puis lancez « refpub validate ».",
        file=sys.stderr,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="refpub",
        description="Référentiels, audits et certificats : validation, calcul "
        "des résultats et outils des auditeurs.",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMANDE", title="commandes"
    )
    validate = commands.add_parser("validate", help="valide référentiels et audits")
    validate.add_argument(
        "root",
        nargs="?",
        default=".",
        metavar="DOSSIER",
        help="dossier des données (par défaut : .)",
    )
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="text : une ligne CHEMIN:LIGNE: par problème (par défaut) ; "
        "github : annotations des workflows GitHub",
    )
    validate.add_argument(
        "--registre-precedent",
        dest="previous_ledger",
        metavar="FICHIER",
        help=f"la version déjà publiée de {LEDGER_PATH} (par exemple celle "
        "de la branche principale) : aucune ligne supprimée, aucun "
        "index déplacé, aucun retrait levé",
    )
    validate.add_argument(
        "--exiger-scelle",
        dest="require_sealed",
        action="store_true",
        help="détail confidentiel en clair = erreur, et non avertissement "
        "(workflow des pull requests)",
    )
    validate.set_defaults(run=_validate)
    score = commands.add_parser("score", help="calcule le résultat d'un audit")
    score.add_argument("audit", metavar="AUDIT", help="fichier d'audit")
    score.add_argument("--json", action="store_true", help="résultat en JSON")
    score.add_argument(
        "--root", metavar="DOSSIER", help="dossier des données (par défaut : celui de l'audit)"
    )
    score.set_defaults(run=_score)
    _add_schema_parser(commands)
    _add_render_parser(commands)
    _add_new_audit_parser(commands)
    verify = commands.add_parser(
        "verifier",
        help="vérifie une attestation signée contre un "
        "site construit, aux mêmes règles que la page de vérification",
    )
    verify.add_argument("attestation", metavar="ATTESTATION", help="fichier .jwt")
    verify.add_argument(
        "--site", default="site", metavar="DOSSIER", help="le site construit (par défaut : site)"
    )
    verify.add_argument(
        "--date",
        metavar="DATE",
        help="instant de la vérification, AAAA-MM-JJTHH:MM:SSZ (par défaut : maintenant)",
    )
    verify.set_defaults(run=_verify)
    _add_sealing_parsers(commands)
    index = commands.add_parser(
        "index-statut",
        help="affiche ou enregistre l'index et le dernier "
        "statut de chaque certificat délivré (listes de statut des "
        "attestations)",
    )
    index.add_argument("root", nargs="?", default=".", help="dossier des données")
    index.add_argument(
        "--ecrire", dest="write", action="store_true", help=f"écrit {LEDGER_PATH} (à committer)"
    )
    index.set_defaults(run=_status_index)
    return parser


def _add_schema_parser(commands: argparse._SubParsersAction) -> None:
    schema = commands.add_parser(
        "schema", help="écrit les schémas JSON des fichiers de données pour les éditeurs"
    )
    schema.add_argument(
        "--root", default=".", metavar="DOSSIER", help="dossier des données (par défaut : .)"
    )
    where = schema.add_mutually_exclusive_group()
    where.add_argument(
        "--output", metavar="DIR", help="dossier où écrire les schémas (par défaut : ROOT/schemas)"
    )
    where.add_argument(
        "--stdout",
        choices=list(SCHEMA_FILES),
        metavar="NOM",
        help="affiche un seul schéma : company ou audit",
    )
    schema.set_defaults(run=_schema)


def _add_render_parser(commands: argparse._SubParsersAction) -> None:
    render = commands.add_parser(
        "render",
        help="écrit le site en projet MkDocs sans le plugin refpub (pages et fichiers générés)",
    )
    render.add_argument(
        "dir", metavar="DIR", help="dossier du rendu (vide, absent ou rendu précédent)"
    )
    render.add_argument(
        "--config-file",
        default="mkdocs.yml",
        metavar="FICHIER",
        help="mkdocs.yml du projet (par défaut : mkdocs.yml)",
    )
    render.set_defaults(run=_render)


def _render(args: argparse.Namespace) -> int:
    """The generated pages and files written into DIR, with a mkdocs.yml that builds the
    same site without the plugin."""
    from .site import rendered_tree

    target = Path(args.dir)
    try:
        pages = rendered_tree.render(Path(args.config_file), target)
    except rendered_tree.RenderError as error:
        print(f"refpub : {printable(str(error))}", file=sys.stderr)
        return 1
    print(
        f"{fr_number(pages)} pages générées écrites dans {target} ; "
        f"construire le site sans le plugin : mkdocs build -f {target / 'mkdocs.yml'}"
    )
    return 0


def _add_sealing_parsers(commands: argparse._SubParsersAction) -> None:
    seal = commands.add_parser(
        "seal",
        help=f"chiffre le détail confidentiel des audits pour "
        f"les destinataires de {RECIPIENTS_PATH}",
    )
    seal.add_argument(
        "root",
        nargs="?",
        default=".",
        metavar="DOSSIER",
        help="dossier des données (par défaut : .)",
    )
    seal.set_defaults(run=_seal)
    unseal = commands.add_parser(
        "unseal", help=f"remet en clair le détail scellé d'un audit ({IDENTITY_ENV} requis)"
    )
    unseal.add_argument("audit", metavar="AUDIT", help="fichier d'audit")
    unseal.add_argument(
        "--root", metavar="DOSSIER", help="dossier des données (par défaut : celui de l'audit)"
    )
    unseal.set_defaults(run=_unseal)
    key = commands.add_parser("cle-comite", help="crée la clé age d'un membre du comité")
    key.add_argument(
        "--sortie",
        dest="output",
        metavar="FICHIER",
        help="écrit la clé secrète dans FICHIER (droits 600) au lieu de l'afficher",
    )
    key.set_defaults(run=_committee_key)


def _add_new_audit_parser(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new-audit", help="crée le squelette d'un audit à compléter")
    new.add_argument(
        "company", metavar="ENTREPRISE", help="identifiant de l'entreprise (nom de son dossier)"
    )
    new.add_argument("--referentiel", required=True, metavar="ID", help="référentiel audité")
    new.add_argument("--type", required=True, help="type d'audit (initial, suivi-1...)")
    new.add_argument(
        "--date",
        type=_date,
        metavar="AAAA-MM-JJ",
        help="dernier jour de l'audit sur site (par défaut : aujourd'hui)",
    )
    new.add_argument(
        "--level", metavar="NIVEAU", help="niveau demandé (référentiels à niveaux : A ou B)"
    )
    new.add_argument(
        "--root", default=".", metavar="DOSSIER", help="dossier des données (par défaut : .)"
    )
    new.add_argument("--force", action="store_true", help="remplace un audit existant")
    new.set_defaults(run=_new_audit)


def main(argv: Sequence[str] | None = None) -> int:
    with french_argparse():
        args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"refpub : {printable(str(error))}", file=sys.stderr)
        return 2
    except (OSError, RecursionError, MemoryError) as error:
        # the data loaders report every problem themselves; this is the last line of defence
        # against the machine (a disk error, a folder removed while reading), never a trace
        reason = (
            os_reason(error)
            if isinstance(error, OSError)
            else "mémoire insuffisante"
            if isinstance(error, MemoryError)
            else "données trop profondément imbriquées"
        )
        print(f"refpub : erreur système : {reason}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
