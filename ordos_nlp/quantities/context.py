"""Words around a number that belong to its quantity: a qualifier, currency word,
money symbol or temperature scale before it (``超``, ``港币``, ``￥``, ``摄氏``) and a
qualifier after its unit (``以上``, ``左右``)."""

from __future__ import annotations

import re

from .units import _CUR_PREFIX, _PREFIX_NOT_AFTER, _PREFIX_Q, _SUFFIX_Q, _SYMBOLS_CANON, _alt


# what may stand right before a number: qualifier, currency word or sign, temperature scale
_LEFT_RE = re.compile(
    rf"(?:(?P<q1>{_alt(_PREFIX_Q)}))?"
    rf"(?:(?P<cur>{_alt(_CUR_PREFIX)}))?"
    rf"(?:(?P<q2>{_alt(_PREFIX_Q)}))?"
    rf"(?:(?P<sym>{_alt(_SYMBOLS_CANON)}))?"
    r"(?P<scale>华氏温度|华氏|摄氏温度|摄氏)?$"
)
_SUFFIX_RE = re.compile(rf"(?:\((?:含|包含)\))?(?P<q>{_alt(_SUFFIX_Q)})")


_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")


def _window(t: str, s: int, n: int) -> str:
    """Up to ``n`` characters before ``s``, never reaching back into another sentence."""
    w = t[max(0, s - n) : s]
    if _SENTENCE_END_RE.search(w) is None:
        return w
    return _SENTENCE_END_RE.split(w)[-1]


def _left(t: str, s: int):
    """Qualifier, currency word, money symbol and temperature scale written right before ``s``.

    Returns ``(qualifier, currency, symbol_unit, scale, span_start)``: the span takes
    an adjacent qualifier, a symbol and a scale, never a currency word (``港币4900元``)."""
    w = _window(t, s, 8)
    m = _LEFT_RE.search(w)
    if not m or m.start() == m.end():
        return None, None, None, None, s
    off = s - len(w)
    q = None
    start = s
    for g in ("q2", "q1"):
        word = m.group(g)
        if not word:
            continue
        gs = off + m.start(g)
        before = t[gs - 1] if gs > 0 else ""
        if before and before in _PREFIX_NOT_AFTER.get(word, ""):
            break
        q = _PREFIX_Q[word]
        if g == "q2" or not m.group("cur"):
            start = gs
        break
    cur = _CUR_PREFIX.get(m.group("cur")) if m.group("cur") else None
    sym = _SYMBOLS_CANON.get(m.group("sym")) if m.group("sym") else None
    scale = m.group("scale")
    if sym:
        start = min(start, off + m.start("sym"))
    if scale:
        start = min(start, off + m.start("scale"))
    return q, cur, sym, scale, start
