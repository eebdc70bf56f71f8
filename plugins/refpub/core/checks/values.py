"""What a value must look like to be published: visible text, a plausible date, a web
address that leads where it says, a French company number whose checksum holds.

Each rule is a JSON Schema ``format`` of the data schemas (``"format": "line"``...), so that
both validators of ``core/checking.py`` apply the same function, and has its French
explanation here, next to the rule. Characters no data file may hold at all (control,
bidirectional, zero-width) are refused earlier, by the loader (``core/source.py``), in every
value and key; these formats judge what a field needs beyond that.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

#: The dates a certification record can hold: none before the first service certifications
#: of the référentiels published here, none beyond the century (a certificate valid three
#: years after such a date is still a date Python and the signed credentials can hold).
EARLIEST_DATE = dt.date(1990, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def _format_characters() -> str:
    """Unicode's format characters (category « Cf ») as the body of a regular-expression
    class, from this Python's Unicode database, so that a newer Unicode's are refused too.
    Unicode places them in planes 0, 1 and 14 only: scanning those takes milliseconds."""
    codes = [
        code
        for plane in (range(0x20000), range(0xE0000, 0xE1000))
        for code in plane
        if unicodedata.category(chr(code)) == "Cf"
    ]
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "".join(
        re.escape(chr(low)) + (f"-{re.escape(chr(high))}" if high > low else "")
        for low, high in runs
    )


#: The format characters: bidirectional controls, zero-width characters, soft hyphen,
#: invisible tags... Refused by the loader in every value, escaped in every problem message.
FORMAT_CHARACTERS = _format_characters()

#: Format names used in the schemas.
LINE, PARAGRAPH, DATE, WEBSITE, SIREN, SIRET = (
    "line",
    "paragraph",
    "date",
    "http-url",
    "siren",
    "siret",
)

#: Letters, digits, punctuation and symbols are visible; these few are letters or symbols
#: that print as blank space (Hangul fillers, the blank Braille pattern).
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_VISIBLE_CATEGORIES = frozenset("LNPS")
_LINE_BREAKS = re.compile("[\t\n\r]")
_ISO_DATE = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Characters RFC 3986 never allows in an address, and that browsers rewrite or misread.
_URL_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`]")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
#: La Poste's SIREN: its establishments' SIRET numbers have the sum of their digits divisible
#: by 5 instead of the Luhn key (there are more of them than a Luhn key can number); its
#: head office keeps an ordinary Luhn SIRET.
LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"


def has_visible_character(text: str) -> bool:
    """Whether ``text`` shows something: a name of spaces or invisible characters is blank."""
    return any(
        unicodedata.category(char)[0] in _VISIBLE_CATEGORIES and char not in _BLANK_GLYPHS
        for char in text
    )


def line_problem(text: str) -> str:
    """Why ``text`` is not a one-line visible text ("" when it is)."""
    if _LINE_BREAKS.search(text):
        return (
            "contient un retour à la ligne ou une tabulation : cette valeur tient sur "
            "une ligne ; écrivez-la entre guillemets, sans « | » ni « > »"
        )
    return paragraph_problem(text)


def paragraph_problem(text: str) -> str:
    """Why ``text`` is not visible text ("" when it is); line breaks are allowed here."""
    if text and not has_visible_character(text):  # empty: minLength says so, once
        return (
            "n'a aucun caractère visible (espaces, espaces insécables ou caractères "
            "invisibles seulement) : écrivez le texte, ou retirez la clé"
        )
    return look_alike_problem(text)


#: Alphabets whose letters print like Latin ones (Cyrillic « а », Greek « ο », fullwidth
#: « Ａ », mathematical « 𝐀 »...): mixed with Latin letters in one word, they make a name that
#: reads like another one and is not the same text (search, uniqueness, a buyer's eyes).
_LOOK_ALIKE_SCRIPTS = frozenset(
    {"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "FULLWIDTH", "MATHEMATICAL"}
)
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPT_NAMES = {"CYRILLIC": "cyrillique", "GREEK": "grecque", "ARMENIAN": "arménienne"}


def _script(letter: str) -> str:
    """The alphabet of a letter, from its Unicode name (« CYRILLIC SMALL LETTER A »)."""
    return unicodedata.name(letter, "").split(" ", 1)[0]


def look_alike_problem(text: str) -> str:
    """Why ``text`` holds a word that mixes Latin letters with look-alike letters of another
    alphabet ("" when none does): « Trаnsports » with a Cyrillic « а » is not « Transports »."""
    for word in _WORD.findall(text):
        scripts = {_script(letter) for letter in word}
        others = sorted(scripts & _LOOK_ALIKE_SCRIPTS)
        if "LATIN" in scripts and others:
            strangers = "".join(letter for letter in word if _script(letter) in others)
            alphabet = _SCRIPT_NAMES.get(others[0], "d'un autre alphabet")
            kind = f"lettre {alphabet}" if others[0] in _SCRIPT_NAMES else "lettre"
            return (
                f"le mot « {word} » mêle des lettres latines et « {strangers} » ({kind} qui "
                "imite une lettre latine) : retapez le mot au clavier"
            )
    return ""


def date_problem(text: str) -> str:
    """Why ``text`` is not a date a record may hold ("" when it is)."""
    if not _ISO_DATE.fullmatch(text):
        return "n'est pas une date valide (format AAAA-MM-JJ, par exemple 2026-04-02)"
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return "n'est pas une date valide (format AAAA-MM-JJ, date existante)"
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        return (
            f"est hors de la période admise (du {EARLIEST_DATE.isoformat()} au "
            f"{LATEST_DATE.isoformat()}) : vérifiez l'année"
        )
    return ""


def website_problem(text: str) -> str:
    """Why ``text`` is not the address of a website ("" when it is): http(s), a domain
    name, no user name before ``@`` (``https://trusted.fr@evil.example/`` leads to
    evil.example), nothing a browser would rewrite."""
    if _URL_FORBIDDEN.search(text) or not text.isprintable():
        return (
            "contient une espace, un caractère invisible ou un caractère interdit dans "
            'une adresse (< > " { } | \\ ^ `) : encodez-le (%20...) ou retirez-le'
        )
    if not text.startswith(("https://", "http://")):
        return "doit commencer par « https:// » (ou « http:// »), en minuscules"
    try:
        parts = urlsplit(text)
        port = parts.port  # ValueError when not a number from 0 to 65535
    except ValueError:
        return (
            "n'est pas une adresse lisible (crochets, ou numéro de port après « : ») : corrigez-la"
        )
    if "@" in parts.netloc:
        return (
            "contient un identifiant avant « @ » : dans « https://nom@site.example/ » "
            "le site ouvert est « site.example », pas « nom » ; écrivez seulement "
            "« https://site.example/ »"
        )
    if port == 0:
        return "a un numéro de port 0, impossible : retirez « :0 »"
    if look_alike_problem((parts.hostname or "").replace(".", " ")):
        return (
            "a un nom de domaine qui mêle des lettres latines et des lettres d'un autre "
            "alphabet qui les imitent : il mène à un autre site ; retapez l'adresse au clavier"
        )
    if not _domain_name(parts.hostname or ""):
        return (
            "n'a pas de nom de domaine après « https:// » (par exemple "
            "« https://www.entreprise.fr/ »)"
        )
    return ""


def _domain_name(host: str) -> bool:
    """A domain name with a top-level domain; internationalised names in their ASCII form
    (IDNA) are checked label by label, as a browser resolves them."""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.split(".")
    return (
        len(labels) >= 2
        and all(_HOST_LABEL.fullmatch(label) for label in labels)
        and bool(_TOP_LEVEL.fullmatch(labels[-1]))
    )


def luhn_valid(digits: str) -> bool:
    """The Luhn key INSEE uses for SIREN and SIRET numbers: every second digit from the
    right doubled (its digits summed), the total a multiple of 10."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _digits(text: str, count: int) -> bool:
    return len(text) == count and text.isascii() and text.isdigit()


def siren_problem(text: str) -> str:
    """Why the SIREN ``text`` has a wrong checksum ("" when right; its form, 9 digits, is
    the pattern's business, reported once)."""
    if _digits(text, 9) and not luhn_valid(text):
        return (
            "a une clé de contrôle incorrecte (ce n'est pas un SIREN) : vérifiez chaque "
            "chiffre sur l'avis de situation INSEE"
        )
    return ""


def siret_problem(text: str) -> str:
    """Why the SIRET ``text`` has a wrong checksum ("" when right; its form, 14 digits, is
    the pattern's business), La Poste's own rule included."""
    if not _digits(text, 14):
        return ""
    if text.startswith(LA_POSTE_SIREN) and text != LA_POSTE_HEAD_OFFICE:
        valid = sum(int(char) for char in text) % 5 == 0
    else:
        valid = luhn_valid(text)
    return (
        ""
        if valid
        else (
            "a une clé de contrôle incorrecte (ce n'est pas un SIRET) : "
            "vérifiez chaque chiffre sur l'avis de situation INSEE"
        )
    )


#: Each format's explanation: "" when the value is fine.
EXPLAIN: dict[str, Callable[[str], str]] = {
    LINE: line_problem,
    PARAGRAPH: paragraph_problem,
    DATE: date_problem,
    WEBSITE: website_problem,
    SIREN: siren_problem,
    SIRET: siret_problem,
}


def conforms(name: str, value: object) -> bool:
    """Whether ``value`` has format ``name``; a value that is not text is the type
    keyword's business (JSON Schema formats only judge strings)."""
    return not isinstance(value, str) or not EXPLAIN[name](value)
