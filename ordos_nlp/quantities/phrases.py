"""Quantities that do not start with a plain numeral: percent phrases
(``百分之三点五``), fractions (``三分之一``), halves (``半年``, ``一半``, ``半数``) and
a few of a measure unit (``几亩``: 1 to 10, no exact value)."""

from __future__ import annotations

from fractions import Fraction

from ..numerals.lexicon import BIG_UNITS, SMALL_UNITS
from .context import _SUFFIX_RE, _left
from .found import _Found, _finish
from .numbers import _KSUFFIX_RE, _parse_piece
from .units import CUES, _INFIX_Q, _SUFFIX_Q, _unit_at


_PCT_DEN = "百千万亿佰仟"


def _percent_phrase(t, m):
    den = 1
    for ch in m["pct"]:
        den *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
    ns, ne = m.span("pnum")
    k = _KSUFFIX_RE.match(t, ne)
    if k and t[ns].isdigit():
        ne = k.end()
    got = _parse_piece(t[ns:ne])
    if got is None and t[ns] in SMALL_UNITS:  # 百分之百
        got = _parse_piece("一" + t[ns:ne])
    while got is None and ne - ns > 1:  # 百分之七十百分位
        ne -= 1
        got = _parse_piece(t[ns:ne])
    if got is None:
        return [], m.end()
    value = got[0] * 100 / den
    if m["pneg"]:
        value = -value
    end = ne
    qualifier = None
    if got[1] in _INFIX_Q:
        qualifier = _INFIX_Q[got[1]]
    q, _, _, _, start = _left(t, m.start())
    sfx = _SUFFIX_RE.match(t, end)
    if sfx:
        qualifier = qualifier or _SUFFIX_Q[sfx["q"]]
        end = sfx.end()
    qualifier = qualifier or q
    return [_Found(start, end, value, "%", "PERCENT", qualifier, chinese=True)], end


def _fraction(t, m):
    den = _parse_piece(m["fden"])
    num = _parse_piece(m["fnum"])
    if den is None or num is None or den[0] == 0 or den[1] or num[1]:
        return [], m.end()
    if m.start("fden") > 0 and t[m.start("fden") - 1] == "第":
        return [], m.end()
    value = num[0] / den[0]
    if m["fneg"]:
        value = -value
    q, _, _, _, start = _left(t, m.start())
    end = m.end()
    sfx = _SUFFIX_RE.match(t, end)
    qualifier = q
    if sfx:
        qualifier = _SUFFIX_Q[sfx["q"]]
        end = sfx.end()
    return [_Found(start, end, value, "", "FRACTION", qualifier, chinese=not m["fden"][0].isdigit())], end


_HALF_UNITS = frozenset(CUES["half_units"])


def _half(t, m):
    s = m.start()
    before = t[s - 1] if s > 0 else ""
    if before and before in "上下前后一大多过减折对另各":
        return [], m.end()
    got = _unit_at(t, m.end())
    if got is None:
        return [], m.end()
    info, surface, end = got
    if info.unit not in _HALF_UNITS or info.unit == "天":
        return [], m.end()
    value = Fraction(1, 2)
    if "tenths" in info.flags:
        value *= 10
    elif "discount" in info.flags:
        value = Fraction(50)
    q, cur, sym, scale, start = _left(t, s)
    return [_finish(start, end, value, info, info.unit, info.kind, q, None, None, info.currency, True)], end


def _half_of(t, m):
    """``一半``, ``半数``: the fraction 1/2, with its qualifier (``超过半数``)."""
    q, _, _, _, start = _left(t, m.start())
    end = m.end()
    sfx = _SUFFIX_RE.match(t, end)
    if sfx:
        q = q or _SUFFIX_Q[sfx["q"]]
        end = sfx.end()
    return [_Found(start, end, Fraction(1, 2), "", "FRACTION", q, chinese=True)], end


def _few(t, m):
    """``几亩``, ``几元钱``: a few of a measure unit, 1 to 10 (几个, 几年 are words)."""
    got = _unit_at(t, m.end())
    if got is None or got[0].kind in ("COUNT", "DURATION", "PERCENT", "PERCENT_POINT", "MULTIPLE"):
        return [], m.end()
    info, _, end = got
    if info.flags:  # 几度春秋 (times), 几块 (pieces), 几成: not a few of a measure
        return [], m.end()
    f = _finish(m.start(), end, Fraction(1), info, info.unit, info.kind, None, Fraction(1), Fraction(10), info.currency, True)
    f.vague = True
    return [f], end
