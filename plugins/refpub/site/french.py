"""French typography the pages need in more than one place, written once."""

from __future__ import annotations

import unicodedata

#: Initial letters before which « de » becomes « d' » (vowels, accented or not). A word
#: starting with « h » keeps « de »: an aspirated h is as common as a mute one in names.
_ELIDING = frozenset("aeiouy")


def _initial(name: str) -> str:
    """The first letter of ``name`` without its accent (« É » -> « e »), lower case."""
    for char in name.lstrip(" «\"'“"):
        base = unicodedata.normalize("NFD", char)[0]
        return base.lower()
    return ""


def de(name: str) -> str:
    """« de » before ``name``, elided before a vowel: « de Transports… », « d'Autocars… »."""
    return f"d'{name}" if _initial(name) in _ELIDING else f"de {name}"
