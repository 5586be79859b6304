"""Numbers as the quantity finder meets them in running text: the numeral (read by
:mod:`ordos_nlp.numerals`, the one numeral reader) with what clings to it: a sign,
a ``k``, a vague ``几``/``数`` (``几十万``: no exact value), a digit pair (``八九亿``),
a bare magnitude (``千万吨``, ``上千``). A numeral too long to be one number is
dropped, with the reason in debug logging."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Optional

from ..numerals import NUMERAL, parse_numeral, parse_pair
from ..numerals import lexicon as _numeral_lexicon
from ..numerals.lexicon import BIG_UNITS, DIGITS, SMALL_UNITS
from .units import CUES
from .view import _ascii_alnum


_log = logging.getLogger(__name__)
_KSUFFIX_RE = re.compile(r"[kK](?![A-Za-z])")
_ONE = frozenset(ch for ch, v in DIGITS.items() if v == 1)  # 一 壹 幺
_FINANCIAL = frozenset(_numeral_lexicon.load()["financial"])  # 壹 贰 … 拾 佰 仟
_ZERO = frozenset(ch for ch, v in DIGITS.items() if v == 0)  # 零 〇
_IMPLIED_ONE_AFTER = frozenset(CUES["implied_one_after"])
_MAGNITUDE_RE = re.compile(r"[百千万亿]+")
_NUMERAL_BEFORE = frozenset("0123456789.零〇一二两三四五六七八九十百千万亿点")
_VAGUE_SHU_NOT_AFTER = frozenset(CUES["vague_shu_not_after"])


def _frac(v) -> Fraction:
    return v if isinstance(v, Fraction) else Fraction(v)


@dataclass(slots=True)
class _Num:
    start: int  # including a sign, a vague 几/数 before it
    end: int
    ns: int  # where the numeral itself starts
    value: Fraction
    piece: str  # the numeral text (canonical, no sign)
    arabic: bool
    approx: Optional[str] = None  # 余 多 几 来
    low: Optional[Fraction] = None
    high: Optional[Fraction] = None
    neg: bool = False
    big_tail: int = 1  # trailing 万/亿 multiplier (for 3至5万元)
    qualifier: Optional[str] = None  # from a word fused with the number (上千: over)


def _trailing_big(piece: str) -> int:
    mult = 1
    i = len(piece)
    while i > 0 and piece[i - 1] in BIG_UNITS:
        i -= 1
        mult *= BIG_UNITS[piece[i]]
    return mult


@lru_cache(maxsize=4096)
def _parse_piece(piece: str):
    """(value, approx char) of one numeral, or None."""
    if piece in ("两两",):
        return None
    r = parse_numeral(piece)
    if r is None or r.unit is not None:
        return None
    approx = None
    if r.approx:
        for ch in "余多几来":
            if ch in piece:
                approx = ch
                break
    return _frac(r.value), approx


def _numeral_at(t: str, m: re.Match) -> Optional[_Num]:
    """The number that the master match ``m`` (group ``num``/``lead``) proposes."""
    if m.group("lead") is not None:
        ns, ne = m.span("lead")
        got = _parse_piece("一" + t[ns:ne])
        if got is None:
            return None
        num = _Num(ns, ne, ns, got[0], t[ns:ne], False, approx=got[1], big_tail=_trailing_big(t[ns:ne].rstrip("余多")))
        before = t[ns - 1] if ns > 0 else ""
        if before and before in "几数":  # 数万元: 10000..100000
            num.start, num.low, num.high, num.approx = ns - 1, num.value, num.value * 10, "vague"
        elif before == "上":  # 上万人: the magnitude, over
            num.start, num.qualifier = ns - 1, "over"
        elif num.approx is None and not (before and before in _IMPLIED_ONE_AFTER):
            num.approx = "bare"  # 万元以上: a magnitude alone
        return num
    ns, ne = m.span("num")
    k = _KSUFFIX_RE.match(t, ne)
    if k and t[ns].isdigit():
        ne = k.end()
    return _numeral_span(t, ns, ne, m.group("neg"), m.start())


_MAX_NUMERAL = 48  # longer runs of numeral characters are not one number


def _numeral_span(t: str, ns: int, ne: int, neg: Optional[str], start: int) -> Optional[_Num]:
    if ne - ns > _MAX_NUMERAL:
        _log.debug("numeral at %d skipped: %d characters, longer than %d", ns, ne - ns, _MAX_NUMERAL)
        return None  # too long to be one number: skipped, never cut short
    piece = t[ns:ne]
    arabic = piece[0].isdigit()
    pair = None if arabic else parse_pair(piece)
    if pair is not None:
        num = _Num(start, ne, ns, pair[0], piece, False, low=pair[0], high=pair[1])
        num.approx = "pair"
    else:
        got = _parse_piece(piece)
        magnitude = None  # 千万吨 (bare), 上千人 (over): a magnitude with no digit
        before = t[ns - 1] if ns > 0 else ""
        if got is None and piece[0] in SMALL_UNITS and (
            piece[1:2] in ("余", "多") or (before and before in _IMPLIED_ONE_AFTER)
        ):
            got = _parse_piece("一" + piece)  # 百余家, 近千名, 几百
        elif got is None and _MAGNITUDE_RE.fullmatch(piece) and before not in _NUMERAL_BEFORE:
            got = _parse_piece("一" + piece)
            magnitude = "over" if before == "上" else "bare"
        # 七十百分位: trim from the right until it parses
        stop = ne
        while got is None and stop - ns > 1:
            stop -= 1
            piece = t[ns:stop]
            got = _parse_piece(piece)
        if got is None:
            return None
        ne = stop
        num = _Num(start, ne, ns, got[0], piece, arabic, approx=got[1])
        if magnitude == "over":
            num.start, num.qualifier = ns - 1, "over"
        elif magnitude == "bare":
            num.approx = "bare"
    num.big_tail = _trailing_big(piece.rstrip("余多几来"))
    if neg:
        if neg == "-" and start > 0 and (_ascii_alnum(t[start - 1]) or t[start - 1] in ")]%"):
            num.start = ns
        else:
            num.neg = True
    # a vague 几/数 before the number: 几十万, 数十亿
    if num.start == ns and ns > 0 and t[ns - 1] in "几数" and not arabic and num.low is None:
        if not (t[ns - 1] == "数" and ns > 1 and t[ns - 2] in _VAGUE_SHU_NOT_AFTER):
            num.start = ns - 1
            num.low, num.high = num.value, num.value * 10
            num.approx = "vague"
    if num.approx == "几":
        # 十几 → 10..20, 二十几万 → 200000..300000
        pre = piece.split("几")[0]
        step = SMALL_UNITS.get(pre[-1:], 0)
        tail = _trailing_big(piece.split("几")[1]) if "几" in piece else 1
        if step:
            num.low = num.value
            num.high = num.value + step * tail
            num.approx = "vague"
        else:
            return None
    return num


_NUM_AT = re.compile(rf"(?P<neg>负|零下|-)?(?P<num>{NUMERAL})")


def _num_after(t: str, pos: int) -> Optional[_Num]:
    """The numeral (with its sign and a ``k``) that starts at ``pos``."""
    nm = _NUM_AT.match(t, pos)
    if not nm:
        return None
    ne = nm.end("num")
    k = _KSUFFIX_RE.match(t, ne)
    if k and t[nm.start("num")].isdigit():
        ne = k.end()
    return _numeral_span(t, nm.start("num"), ne, nm.group("neg"), nm.start())


_VAGUE = frozenset(("vague", "pair"))


def _signed(v: Fraction, num: _Num) -> Fraction:
    return -v if num.neg else v


def _tails(piece: str) -> list[int]:
    """Multipliers written after the last digit of ``piece``: all of them, then the big ones only."""
    piece = piece.rstrip("余多几来")
    i = len(piece)
    while i > 0 and (piece[i - 1] in SMALL_UNITS or piece[i - 1] in BIG_UNITS or piece[i - 1] in "kK"):
        i -= 1
    full = 1
    for ch in piece[i:]:
        full *= SMALL_UNITS.get(ch) or BIG_UNITS.get(ch) or 1000
    big = _trailing_big(piece)
    return [m for m in dict.fromkeys((full, big)) if m > 1]
