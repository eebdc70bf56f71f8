"""argparse's own texts (usage, errors, -h help) in French, for the ``refpub`` command.

argparse looks its messages up through ``gettext`` at the moment it needs them, via the
module globals ``_`` and ``ngettext``; :func:`french_argparse` points those at the French
catalogue below for the duration of one command line, then puts them back. Every message
id of the running Python's argparse is in the catalogue (a test reads argparse's source).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

# A catalogue, argparse's English text then its French, kept as written:
# fmt: off
FRENCH: dict[str, str] = {
    "usage: ": "usage : ",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    ".__call__() not defined": ".__call__() non défini",
    "conflicting subparser: %s": "sous-commande en conflit : %s",
    "conflicting subparser alias: %s": "alias de sous-commande en conflit : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "commande inconnue %(parser_name)r (choix possibles : %(choices)s)",
    'argument "-" with mode %r': "argument « - » avec le mode %r",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
    "cannot merge actions - two groups are named %r":
        "fusion impossible : deux groupes s'appellent %r",
    "'required' is an invalid argument for positionals":
        "« required » n'est pas admis pour un argument positionnel",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "option %(option)r invalide : elle doit commencer par %(prefix_chars)r",
    "dest= is required for options like %r": "dest= est obligatoire pour une option comme %r",
    "invalid conflict_resolution value: %r": "valeur de conflict_resolution invalide : %r",
    "conflicting option string: %s": "option en conflit : %s",
    "conflicting option strings: %s": "options en conflit : %s",
    "mutually exclusive arguments must be optional":
        "des arguments mutuellement exclusifs doivent être des options",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide et quitte",
    "cannot have multiple subparser arguments": "une seule liste de sous-commandes est admise",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "argument explicite %r ignoré",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "expected one argument": "une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "unexpected option string: %s": "option inattendue : %s",
    "%r is not callable": "%r n'est pas appelable",
    "invalid %(type)s value: %(value)r": "valeur invalide pour %(type)s : %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (choix possibles : %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "show program's version number and exit": "affiche la version et quitte",
}
# fmt: on


def _gettext(message: str) -> str:
    return FRENCH.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    return _gettext(singular if count == 1 else plural)


@contextmanager
def french_argparse() -> Iterator[None]:
    """argparse speaks French inside the ``with`` block (one command line at a time)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
