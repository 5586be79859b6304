"""Quantities in running text: a number with its unit or counter word (FACTS.md, Quantities).

``find_quantities(text) -> list[Quantity]`` is a pure function. Offsets are into
``text`` exactly; the result is sorted and non-overlapping.

How it works, one module per step
---------------------------------
1. ``view``: the text is canonicalised one character for one (full-width and
   traditional forms to half-width and simplified) and the spaces that PDFs put
   inside numbers and before units are taken out, with a map back to the
   caller's offsets, so a span may contain the spaces it crossed.
2. This module: one compiled pattern proposes numerals
   (``ordos_nlp.numerals.NUMERAL``), percent phrases, fractions, ``半``, ``几``
   and bare magnitudes; each is handed to the reader for its form.
3. ``numbers`` reads the number with what clings to it (sign, ``几``/``数``,
   digit pairs, magnitudes); ``unit_reading`` the unit after it and whether it
   is one (``度``, ``成``, ``块``, ``分``, years); ``rates`` compound units
   (``元/人``, ``公里/小时``); ``context`` qualifiers and currency words around
   it; ``assembly`` ranges and lists sharing a unit and a multiplier;
   ``phrases`` percent phrases, fractions, halves and ``几亩``.
4. ``blocking`` drops what is not a quantity although it reads as one: titles,
   short quoted names, idioms and names (``units.json`` ``blacklist``), periods
   counted from now. Years, dates, ordinals and ``一`` as an article are refused
   while reading.

Values are exact (``Decimal``, or ``Fraction`` when the decimal does not
terminate). A range is one quantity with ``low``/``high``; its ``value`` is
``low``. A vague number (``几十万``, ``八九亿``, ``十几``) has no exact value:
``value`` is None and ``low``/``high`` say what its words allow. Units,
counters, currencies and SI factors are data in ``units.json``.
"""

from __future__ import annotations

import logging
import re
from fractions import Fraction

from ..facts import Quantity
from ..numerals import NUMERAL, lexicon as _numeral_lexicon
from .assembly import _number
from .blocking import _Blocked, _place_name_start, _relative_period
from .found import _Found, _exact, _si
from .phrases import _PCT_DEN, _few, _fraction, _half, _half_of, _percent_phrase
from .units import UNITS, UnitInfo  # noqa: F401  (docs/extending.md reads the table here)
from .view import _Compact

__all__ = ["find_quantities"]

_log = logging.getLogger(__name__)

# one pattern for everything a quantity can start with
_MASTER = re.compile(
    r"(?P<halfof>一半|半数)"
    rf"|(?P<pct>[{_PCT_DEN}]+)分之(?P<pneg>负|-)?(?P<pnum>{NUMERAL})"
    rf"|(?P<fden>{NUMERAL})分之(?P<fneg>负|-)?(?P<fnum>{NUMERAL})"
    rf"|(?P<neg>负|零下|-)?(?P<num>{NUMERAL})"
    r"|(?P<lead>(?:(?<=[近超逾约数几过足到上])[百千万亿]+|[万亿](?=[余多])|(?<![0-9零〇一二两三四五六七八九十百千点.])[万亿]+)[余多]?)"
    r"|(?P<half>半)"
    r"|(?P<few>(?<![这那哪好没第])几)"
    r"|(?P<duizhe>(?<=打)对折)"
)


def _start_class() -> str:
    """Every character a master match can start with: a cheap filter before the full pattern."""
    lex = _numeral_lexicon.load()
    chars = set("0123456789０１２３４５６７８９半负对-几")
    for key in ("digits", "small_units", "big_units", "expansions", "variants"):
        chars.update(k for k in lex[key] if len(k) == 1)
    chars.update("".join(lex["financial"]))
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


_START_RE = re.compile(_start_class())


def _quantity(t: str, m: re.Match) -> tuple[list[_Found], int]:
    """The quantities that start with master match ``m`` and where to go on."""
    if m.group("pct") is not None:
        return _percent_phrase(t, m)
    if m.group("fden") is not None:
        return _fraction(t, m)
    if m.group("half") is not None:
        return _half(t, m)
    if m.group("few") is not None:
        return _few(t, m)
    if m.group("halfof") is not None:
        return _half_of(t, m)
    if m.group("duizhe") is not None:
        return [_Found(m.start(), m.end(), Fraction(50), "%", "PERCENT")], m.end()
    return _number(t, m)


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` (FACTS.md, Quantities), sorted, non-overlapping, exact."""
    if not isinstance(text, str):
        raise TypeError(f"find_quantities() expects str, got {type(text).__name__}")
    if not text:
        return []
    view = _Compact(text)
    t = view.text
    found: list[_Found] = []
    pos = 0
    while True:
        c = _START_RE.search(t, pos)
        if c is None:
            break
        m = _MASTER.match(t, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        try:
            got, end = _quantity(t, m)
        except (ValueError, ArithmeticError) as err:  # a zero denominator, 3/0
            _log.debug("quantity at %d dropped: %s", m.start(), err)
            got, end = [], m.end()
        if got:
            found.extend(got)
        pos = max(end, m.start() + 1)
    if not found:
        return []
    blocked = _Blocked(t)
    out: list[Quantity] = []
    last_end = -1
    for f in found:
        if f.end <= f.start or f.start < last_end:
            continue
        if blocked.kinds and blocked.blocks(f):
            continue
        if _place_name_start(t, f):
            continue
        if f.kind == "DURATION" and not f.qualifier and _relative_period(t, f.start, f.end):
            continue
        s, e = view.span(f.start, f.end)
        value = None if f.vague else _exact(f.value)
        out.append(
            Quantity(
                text=text[s:e],
                start=s,
                end=e,
                value=value,
                unit=f.unit,
                kind=f.kind,
                qualifier=f.qualifier,
                low=_exact(f.low) if f.low is not None else None,
                high=_exact(f.high) if f.high is not None else None,
                si_value=None if f.vague else _si(f.value, f.factor),
                si_unit=f.si_unit if f.factor is not None and not f.vague else None,
                currency=f.currency,
            )
        )
        last_end = f.end
    return out
