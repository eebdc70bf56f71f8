"""PyYAML's syntax errors, told in French on the line where they are.

PyYAML (pure Python or libyaml) explains a syntax error in English, over several lines
(« in "<unicode string>", line 3 »). Auditors get one French line instead: the problem
translated when it is known (both loaders' wordings), else a French lead-in with the original
problem text, never PyYAML's location lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

Translation = str | Callable[[re.Match[str]], str]

_QUOTE_HINT = "mettez le texte entre guillemets"

#: How PyYAML names the tokens it expected or found.
_TOKENS = {
    "<block end>": "la fin du bloc",
    "<block mapping start>": "une nouvelle clé plus en retrait",
    "<block sequence start>": "une liste plus en retrait",
    "<scalar>": "un texte",
    "<stream end>": "la fin du fichier",
    "<document start>": "un nouveau document",
    "<anchor>": "une ancre (&)",
    "<alias>": "un alias (*)",
    "<tag>": "une étiquette (!)",
    "?": "une clé",
    "-": "un élément de liste « - »",
    ":": "« : »",
    ",": "« , »",
    "]": "« ] »",
    "}": "« } »",
    "[": "« [ »",
    "{": "« { »",
    "\\x00": "la fin du fichier",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, f"« {text} »")


def _bad_character(match: re.Match[str]) -> str:
    char = match.group(1)
    if char == "\\t":
        return "tabulation interdite : indentez avec des espaces"
    return (
        f"le caractère « {char} » ne peut pas commencer une valeur ; {_QUOTE_HINT} "
        '(par exemple "@texte")'
    )


def _closing(match: re.Match[str]) -> str:
    bracket = match.group("bracket")
    found = match.groupdict().get("found")
    tail = f", trouvé {_token(found)}" if found else ""
    return (
        f"« , » ou « {bracket} » attendu{tail} : un crochet ou une accolade n'est pas "
        "fermé, ou un texte qui contient « : » doit être entre guillemets"
    )


#: (English problem, French text or function of the match), first match wins.
PROBLEMS: list[tuple[str, Translation]] = [
    (
        r"mapping values are not allowed (here|in this context)",
        "« : » inattendu : un texte qui contient « : » doit être entre guillemets, sinon "
        "vérifiez l'indentation de la ligne",
    ),
    (
        r"(block )?sequence entries are not allowed (here|in this context)",
        "élément de liste « - » inattendu ici : vérifiez l'indentation",
    ),
    (
        r"could not find expected ':'",
        "« : » attendu après une clé : écrivez « clé: valeur », ou mettez le texte entre "
        "guillemets s'il continue sur la ligne suivante",
    ),
    (r"found character '(.*)' that cannot start any token", _bad_character),
    (
        r"found character that cannot start any token",
        "caractère qui ne peut pas commencer une valeur (tabulation, @ ou `) : indentez avec "
        f"des espaces ; {_QUOTE_HINT}",
    ),
    (r"found a tab character.*", "tabulation interdite : indentez avec des espaces"),
    (
        r"did not find expected key",
        "clé attendue : la ligne n'est pas alignée avec les clés du même niveau (indentation)",
    ),
    (
        r"expected <block end>, but found '?(?P<found>.*?)'?$",
        lambda m: (
            f"indentation incohérente : trouvé {_token(m.group('found'))} là où le bloc "
            "devait se terminer"
        ),
    ),
    (
        r"did not find expected '-' indicator",
        "élément de liste « - » attendu : les éléments d'une liste commencent tous par « - » "
        "au même retrait (indentation)",
    ),
    (r"did not find expected ',' or '(?P<bracket>[\]}])'", _closing),
    (r"expected ',' or '(?P<bracket>[\]}])', but got '(?P<found>.*)'", _closing),
    (r"found unexpected end of stream", "fin du fichier inattendue : un guillemet n'est pas fermé"),
    (
        r".*(invalid Unicode character escape code|expected escape sequence of).*",
        "séquence d'échappement (\\x, \\u ou \\U) invalide dans un texte entre guillemets doubles",
    ),
    (
        r"found unknown escape character.*",
        "séquence d'échappement inconnue dans un texte entre guillemets doubles : doublez la "
        "barre oblique inverse (\\\\) ou utilisez des guillemets simples",
    ),
    (
        r"found undefined alias.*",
        "alias YAML (*) non défini : les ancres et alias ne sont pas acceptés",
    ),
    (
        r"(did not find )?expected alphabetic or numeric character.*",
        "nom d'ancre ou d'alias (& ou *) invalide : les ancres et alias ne sont pas acceptés",
    ),
    (
        r"found incompatible YAML document.*",
        "version de YAML non prise en charge : retirez la ligne « %YAML »",
    ),
    (r"found undefined tag handle.*", "étiquette YAML (!...) inconnue : retirez-la"),
    (
        r"(did not find the expected '>'|expected '>', but found.*)",
        "étiquette YAML « !<...> » non fermée : retirez-la",
    ),
    (
        r"(did not find expected <document start>|expected '<document start>', but found.*)",
        "contenu inattendu après la fin du document (crochet ou accolade en trop ?)",
    ),
    (
        r"found unknown directive name.*|expected alphabetic or numeric character.*directive",
        "directive YAML (%...) inconnue : un texte qui commence par « % » doit être entre "
        "guillemets",
    ),
    (
        r"(did not find expected node content|expected the node content, but found.*)",
        "valeur attendue : un texte qui commence par un signe de ponctuation doit être entre "
        "guillemets",
    ),
    (r"found duplicate anchor.*", "ancre YAML (&) en double : les ancres ne sont pas acceptées"),
    (r"found unexpected ':'.*", f"« : » inattendu : {_QUOTE_HINT}"),
    (
        r".*(comment or a line break|line break).*",
        "fin de ligne attendue : ajoutez un espace avant « # » ou mettez le texte entre guillemets",
    ),
]


def translate_problem(problem: str) -> str:
    """One of PyYAML's problem texts in French; unknown texts keep the original, quoted."""
    text = " ".join(problem.split())
    for pattern, french in PROBLEMS:
        match = re.fullmatch(pattern, text)
        if match:
            return french if isinstance(french, str) else french(match)
    return f"erreur de syntaxe YAML (« {text} »)"


def describe_syntax_error(error: yaml.YAMLError, text: str) -> tuple[int, int, str]:
    """(line, column, French message) of a YAML syntax error found in ``text``."""
    if isinstance(error, yaml.reader.ReaderError):
        return _reader_error(error, text)
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        problem = _named_character(error.problem or error.context or "", mark, text)
        message = f"YAML invalide : {translate_problem(problem)}"
        start = error.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            message += f" (la structure concernée commence ligne {start.line + 1})"
        return line, column, message
    return 1, 0, "YAML invalide : erreur de syntaxe"


def _named_character(problem: str, mark: yaml.Mark | None, text: str) -> str:
    """libyaml does not say which character cannot start a token: read it at the mark."""
    if problem != "found character that cannot start any token" or mark is None:
        return problem
    if 0 <= mark.index < len(text):
        return f"found character {text[mark.index]!r} that cannot start any token"
    return problem


def _reader_error(error: yaml.reader.ReaderError, text: str) -> tuple[int, int, str]:
    """A character YAML refuses in the stream (a control character, mostly), located by
    searching for it: libyaml counts its position in bytes, PyYAML in characters."""
    character = error.character
    code = character if isinstance(character, int) else ord(character or "\0")
    position = text.find(chr(code))
    if position < 0:
        position = max(0, min(error.position, len(text)))
    before = text[:position]
    line = before.count("\n") + 1
    column = position - (before.rfind("\n") + 1) + 1
    return (
        line,
        column,
        (
            f"caractère interdit U+{code:04X} : les caractères de contrôle ne "
            "sont pas admis dans un fichier de données ; retirez-le"
        ),
    )
