"""Numbers and elision written the French way, in the core's messages and in the pages alike.

One definition: the eligibility reasons of a result (« note 37,5 % inférieure au minimum »)
and the site's ``fr_number`` filter must print the same number the same way; « de » before a
name is elided the same way in pages, theme chrome, badges and credentials.
"""

from __future__ import annotations

import unicodedata

#: Initial letters before which « de » becomes « d' » (vowels, accented or not). A word
#: starting with « h » keeps « de »: an aspirated h is as common as a mute one in names.
_ELIDING = frozenset("aeiouy")


def fr_number(value: float, decimals: int = 2) -> str:
    """A number the French way, trailing zeros dropped: 2.50 -> 2,5; 12.345 -> 12,35."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:.0f}"
    return text.replace(".", ",")


def _initial(name: str) -> str:
    """The first letter of ``name`` without its accent (« É » -> « e »), lower case."""
    for char in name.lstrip(" «\"'“"):
        base = unicodedata.normalize("NFD", char)[0]
        return base.lower()
    return ""


def de(name: str) -> str:
    """« de » before ``name``, elided before a vowel: « de Transports… », « d'Autocars… »."""
    return f"d'{name}" if _initial(name) in _ELIDING else f"de {name}"
