"""Chinese, Arabic, full-width and mixed numerals to exact values (pure Python, no spaCy).

Parsing one numeral
-------------------
``parse_number(s) -> Decimal | Fraction | None``
    The exact value when ``s`` is wholly one numeral, else None; never raises on
    a ``str`` (``TypeError`` for anything else). A ``Decimal`` has no positive
    exponent (``Decimal('19234000000')``); a ``Fraction`` is returned only when
    the decimal expansion does not terminate (``三分之一``). Handles Arabic
    (``1,236``, ``-.5``, ``2e5``, ``40k``), full-width (``１９２．３４亿``),
    Chinese (``一百零五点六亿``, ``两千四百五`` → 2450), financial and traditional
    forms (``壹佰``, ``四萬``, ``兩億``), mixed (``192.34亿``, ``1.2万亿``, ``3万4000``),
    digit strings (``二〇二六``), fractions (``三分之一``, ``3/5``, ``一又二分之一``),
    signs (``负``, ``-``, ``零下``), approximations (``二十几万`` → 200000) and
    spaces from PDF text (``一 百 二 十``). Percent forms give the percent
    figure: ``百分之三点五`` → 3.5, ``3.5%`` → 3.5, ``2个百分点`` → 2,
    ``千分之二`` → 0.2, ``三成`` → 30, ``八折`` → 80.

``parse_numeral(s) -> Numeral | None``
    The same, as ``Numeral(value, unit, approx)``: ``unit`` is ``"%"`` for
    percent forms, ``"个百分点"`` for percentage points, else None; ``approx`` is
    True for ``余 多 几 来`` (``220余万``: value 2200000, approx True). With such
    a mark a bare unit counts once (``千余`` → 1000, ``万余`` → 10000); without
    one, ``百``, ``千万``, ``万`` alone are words and give None (``近百``/``上千``
    are left to the caller).

``to_exact(x) -> Decimal | Fraction``
    An ``int``/``Fraction`` in the form ``parse_number`` returns.

Finding numerals in running text
--------------------------------
``NUMERAL`` (regex source, ``str``)
    Matches one candidate numeral in raw text, offsets kept: Arabic with
    commas/decimals, full-width included (``1,236``, ``１９２．３４``); Chinese
    with multipliers, 点 and traditional/financial forms (``一百零五点六亿``,
    ``壹佰``, ``四萬``); mixed (``192.34亿``, ``3.5万``); approximations inside
    (``220余万``, ``十几``, ``万余``). No sign (``150-350`` is a range) and no percent
    sign. It does not take the 千 of 千克/千米/千瓦… or the 兆 of 兆瓦/兆赫…,
    and does not start right after an ASCII letter or digit (``G20``, ``PM2.5``).
    A candidate may be too long or not a numeral at all (``千万``, ``十一十二``):
    check it with ``parse_numeral`` or use ``find_numerals``.
``FRACTION`` (regex source)
    ``三分之一``, ``百分之三点五``, ``千分之二``, ``一又二分之一``.
``ARABIC``, ``SIGN`` (regex sources)
    An Arabic number alone; a sign that may precede a numeral (``-``, ``负``, ``零下``).
``NUMERAL_RE``, ``FRACTION_RE``
    The compiled patterns.
``find_numerals(text) -> list[NumeralMatch]``
    Every numeral in ``text`` as ``NumeralMatch(start, end, text, value, unit,
    approx)``, left to right, non-overlapping; candidates are trimmed from the
    right until they parse. Lone word-like characters (``陆``, ``拾``, ``零``) are
    skipped and ``三四`` is read as two digits (a range), not 34. It does not
    decide what is a quantity: ``一流``, ``第三``, ``2026年`` are all found.
``parse_pair(s) -> (low, high) | None``
    Two neighbouring digits as a vague range (``八九亿`` → 8亿 to 9亿,
    ``三五百`` → 300 to 500), as estimates are written; None for anything else.
``to_halfwidth(text) -> str``
    Full-width ASCII forms to half-width, one character for one (offsets kept).

The lexicon (digits, multipliers, variant characters) is ``lexicon.json``.
"""

from .lexicon import to_halfwidth
from .pairs import parse_pair
from .parse import Numeral, Number, parse_number, parse_numeral, to_exact
from .patterns import (
    ARABIC,
    FRACTION,
    FRACTION_RE,
    NUMERAL,
    NUMERAL_RE,
    SIGN,
    NumeralMatch,
    find_numerals,
)

__all__ = [
    "ARABIC",
    "FRACTION",
    "FRACTION_RE",
    "NUMERAL",
    "NUMERAL_RE",
    "SIGN",
    "Number",
    "Numeral",
    "NumeralMatch",
    "find_numerals",
    "parse_number",
    "parse_numeral",
    "parse_pair",
    "to_exact",
    "to_halfwidth",
]
