"""Two neighbouring digits as a vague range: ``八九亿`` is 8亿 to 9亿, not 89亿.

Chinese writes an estimate as two consecutive digits before the multipliers
(``三四十人``, ``一两个月``, ``三五百``); the pair is a range, never one number.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Optional

from .lexicon import BIG_UNITS, DIGITS, SMALL_UNITS

_PAIR_RE = re.compile(r"(?P<a>[一二两三四五六七八九])(?P<b>[二两三四五六七八九])(?P<s>[十百千]?)(?P<m>[万亿]*)")


def parse_pair(text: str) -> Optional[tuple[Fraction, Fraction]]:
    """``八九亿`` → (800000000, 900000000); ``三五百`` → (300, 500); ``一两`` → (1, 2).

    None unless ``text`` is wholly two rising neighbouring digits (or 三五) with
    optional multipliers. Raises ``TypeError`` for a non-str."""
    if not isinstance(text, str):
        raise TypeError(f"parse_pair() expects str, got {type(text).__name__}")
    m = _PAIR_RE.fullmatch(text)
    if not m:
        return None
    a, b = DIGITS[m["a"]], DIGITS[m["b"]]
    if not (b == a + 1 or (a, b) == (3, 5)):
        return None
    scale = SMALL_UNITS[m["s"]] if m["s"] else 1
    for ch in m["m"]:
        scale *= BIG_UNITS[ch]
    return Fraction(a * scale), Fraction(b * scale)
