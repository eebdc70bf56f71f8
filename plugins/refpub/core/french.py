"""Numbers written the French way, in the core's messages and in the pages alike.

One definition: the eligibility reasons of a result (« note 37,5 % inférieure au minimum »)
and the site's ``fr_number`` filter must print the same number the same way.
"""

from __future__ import annotations


def fr_number(value: float, decimals: int = 2) -> str:
    """A number the French way, trailing zeros dropped: 2.50 -> 2,5; 12.345 -> 12,35."""
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:.0f}"
    return text.replace(".", ",")
