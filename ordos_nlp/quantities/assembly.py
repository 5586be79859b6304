"""From a number to its quantities: the unit, a range (``3至5万元``, ``-30~-28℃``)
or a list sharing one unit and multiplier (``3、5万元`` → 30000 元, 50000 元).

Lists and ranges read a shared multiplier alike; a range's negative bounds stay."""

from __future__ import annotations

import re
import logging
from fractions import Fraction
from typing import Optional

from .context import _SUFFIX_RE, _left, _window
from .found import _Found, _finish
from .numbers import _FINANCIAL, _NUM_AT, _Num, _ONE, _VAGUE, _num_after, _numeral_at, _numeral_span, _signed, _tails
from .rates import _per_unit_before
from .unit_reading import _UnitRead, _big_noun, _coin_amount, _read_unit
from .units import _INFIX_Q, _SUFFIX_Q, _money_info

_log = logging.getLogger(__name__)


_RANGE_SEP_RE = re.compile(r"(?:\((?:含|包含)\))?(?:--|-|~|〜|——?|―|–|至|到)(?=-?[0-9]|[负零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟几数])")
_LIST_SEP_RE = re.compile(r"(?:、|和|或|及)(?=[0-9零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖])")
_MAX_LIST = 8  # items of one list that share a unit (3万、5万、8万元)


def _number(t: str, m: re.Match) -> tuple[list[_Found], int]:
    num = _numeral_at(t, m)
    if num is None:
        return [], m.end()
    ns = m.start("num") if m.group("num") is not None else m.start("lead")
    if ns >= 2 and t[ns - 1] in " \xa0" and t[ns - 2].isdigit():
        # 比分 3 2个: digits a space splits, not one number (the view did not join
        # them); which of them the unit belongs to cannot be told
        _log.debug("number at %d skipped: it follows digits across a space", ns)
        return [], m.end()
    # ordinals (第三, 第3万回) and their list continuation (第一、二批)
    if ns > 0 and t[ns - 1] == "第":
        end = num.end
        while True:
            sep = _LIST_SEP_RE.match(t, end) or _RANGE_SEP_RE.match(t, end)
            if not sep:
                break
            nm = _NUM_AT.match(t, sep.end())
            if not nm:
                break
            end = nm.end()
        return [], max(end, m.end())
    if (num.end < len(t) and t[num.end] == "+") or (num.start > 0 and t[num.start - 1] == "+"):
        return [], max(num.end, m.end())
    q, cur, sym, scale, start = _left(t, num.start)
    if sym and "," in num.piece:
        # $20,300美圆: a symbol amount stops at the comma
        cut = num.piece.index(",")
        num2 = _numeral_span(t, ns, ns + cut, None, num.start)
        if num2 is not None:
            num = num2
    found, end = _with_unit(t, num, q, cur, sym, scale, start)
    if found:
        return found, end
    return [], max(end, m.end())


def _with_unit(t, num: _Num, q, cur, sym, scale, start, allow_chain=True, depth=0, in_range=False):
    """Quantities from ``num`` on: with its unit, as a range, or as a list sharing a unit.

    Returns ``(found, end)``; ``found`` is None when ``num`` starts no quantity."""
    read = _read_unit(t, num, num.end, scale, in_range)
    if read is not None and read.date:
        return None, read.end
    if read is None and num.piece.endswith("两") and len(num.piece) > 1 and num.low is None:
        # 两万两, 三千两百两: the last 两 is the unit
        num2 = _numeral_span(t, num.ns, num.end - 1, None, num.start)
        if num2 is not None:
            r2 = _read_unit(t, num2, num2.end, scale)
            if r2 is not None and r2.info.unit == "两":
                num, read = num2, r2
    if read is None and t.startswith("大", num.end) and num.approx is None and not num.neg:
        # 三大环节, 五大基础库 (not 党的二十大精神)
        if num.piece in _ONE or (len(num.piece) == 1 and num.piece in _FINANCIAL):
            return None, num.end
        if _window(t, num.start, 2) == "党的":
            return None, num.end
        got = _big_noun(t, num.end)
        if got is None:
            return None, num.end
        head, end = got
        return [_Found(start, end, num.value, head, "COUNT", q, chinese=not num.arabic)], end
    if read is None and num.low is None:
        coin = _coin_amount(t, num)
        if coin is not None:
            value, end = coin
            info = _money_info("元")
            sfx = _SUFFIX_RE.match(t, end)  # 5角左右
            if sfx:
                q, end = q or _SUFFIX_Q[sfx["q"]], sfx.end()
            return [_finish(start, end, _signed(value, num), info, "元", "MONEY", q, None, None, cur or "CNY", not num.arabic)], end
    if read is None:
        if allow_chain:
            got = _range_or_list(t, num, q, cur, sym, scale, start, depth)
            if got:
                return got
        if sym or cur:
            # ￥300, $20, 港币4900: the money word or sign gives the unit
            info = _money_info(sym or "元")
            currency = info.currency if sym else cur
            f = _finish(start, num.end, _signed(num.value, num), info, info.unit, "MONEY", _INFIX_Q.get(num.approx) or q, None, None, currency, not num.arabic)
            return [f], num.end
        return None, num.end
    info = read.info
    unit, kind, currency = read.unit, read.kind, read.currency
    if num.approx == "bare" and not _bare_magnitude_reads(num, read):
        return None, num.end
    if cur and kind == "MONEY" and unit == "元":
        currency = cur
    if kind == "DURATION" and start < num.start and t.startswith("过", start):
        start, q = num.start, None  # 再过3年, 过两天: "after", not "over"
    qualifier = num.qualifier or read.qualifier
    if num.approx in _INFIX_Q:
        qualifier = _INFIX_Q[num.approx]
    qualifier = qualifier or q
    value = _signed(read.value, num)
    low, high = read.low, read.high
    if num.neg and low is not None:
        low, high = -high, -low
    f = _finish(start, read.end, value, info, unit, kind, qualifier, low, high, currency, not num.arabic)
    f.vague = num.approx in _VAGUE
    _per_unit_before(t, f)
    if unit == "个" and allow_chain and depth < _MAX_LIST:
        # 分别高1.5个和0.9个百分点, 3个、5个月: the counter is the head of the next unit
        shared = _shared_ge_unit(t, read.end, scale, depth)
        if shared is not None:
            f.unit, f.kind, f.factor, f.si_unit = shared
    # a range whose first part carries the unit too: 1万元--5万元, 3岁至6岁
    if allow_chain and low is None:
        sep_end = _range_sep(t, read.end, num.neg)
        num2 = _num_after(t, sep_end) if sep_end is not None else None
        if num2 is not None:
            if num2.low is None:
                r2 = _read_unit(t, num2, num2.end, scale)
                if r2 is not None and not r2.date and r2.unit == unit and r2.kind == kind:
                    bounds = _bounds(value, _signed(r2.value, num2))
                    if bounds is not None:
                        f.low, f.high, f.end = bounds[0], bounds[1], r2.end
                        f.value = f.low
                        f.qualifier = r2.qualifier or _INFIX_Q.get(num2.approx) or q
                        return [f], r2.end
    return [f], read.end


def _bare_magnitude_reads(num: _Num, read: "_UnitRead") -> bool:
    """A magnitude with no digit is a number before a measure unit when it is plainly
    one: two characters (千万吨) or a qualifier after the unit (万元以上); 百万人口,
    万元GDP and 千万不要 are words."""
    if read.kind in ("COUNT", "DURATION", None) or read.low is not None:
        return False
    return len(num.piece) >= 2 or read.qualifier is not None


def _shared_ge_unit(t: str, pos: int, scale, depth: int):
    """After ``1.5个``: the unit of the next list item when it starts with 个 (``0.9个百分点``)."""
    lsep = _LIST_SEP_RE.match(t, pos)
    num2 = _num_after(t, lsep.end()) if lsep else None
    if num2 is None or num2.low is not None:
        return None
    got, _ = _with_unit(t, num2, None, None, None, scale, num2.start, True, depth + 1)
    if not got:
        return None
    f2 = got[0]
    surface = t[num2.end : f2.end]
    if f2.unit != "个" and surface.startswith("个"):
        return f2.unit, f2.kind, f2.factor, f2.si_unit
    return None


def _bounds(first: Fraction, second: Fraction) -> Optional[tuple[Fraction, Fraction]]:
    """(low, high) of a range written ``first`` to ``second``, or None when it is not
    one. Rising ranges are; a falling one only with a negative bound (weather
    reports write ``-3~-5℃`` and ``3℃~-8℃``: the bounds are the same)."""
    if first < second:
        return first, second
    if first > second and (first < 0 or second < 0):
        return second, first
    return None


def _range_sep(t: str, pos: int, negative_first: bool) -> Optional[int]:
    """Where the second number of a range starts after the separator at ``pos``, or None.

    ``1万元--5万元`` has a double dash; in ``-30--28℃`` the second dash is a sign."""
    sep = _RANGE_SEP_RE.match(t, pos)
    if sep is None:
        return None
    if negative_first and sep.group() == "--":
        return sep.end() - 1
    return sep.end()


def _vague_range(t, num: _Num, q, cur, sym, scale, start):
    """``几百到几千元``, ``几十至几百万元``: from the least the first allows to the most
    the second allows (the first shares the second's 万/亿); no exact value."""
    sep_end = _range_sep(t, num.end, False)
    if sep_end is None or sep_end >= len(t) or t[sep_end] not in "几数":
        return None
    num2 = _num_after(t, sep_end + 1)
    if num2 is None or num2.approx != "vague":
        return None
    got, _ = _with_unit(t, num2, None, cur, sym, scale, num2.start, allow_chain=False, in_range=True)
    if not got or got[0].high is None:
        return None
    f = got[0]
    scale_of_unit = f.high / num2.high if num2.high else Fraction(1)
    share = num2.big_tail if num.big_tail == 1 else 1
    low = num.low * share * scale_of_unit
    if not low < f.high:
        return None
    found = _Found(start, f.end, low, f.unit, f.kind, f.qualifier or q, low, f.high, f.factor, f.si_unit, f.currency, True)
    found.vague = True
    return [found], f.end


def _range_or_list(t, num: _Num, q, cur, sym, scale, start, depth=0):
    """``3至5万元`` (a range) or ``3万、5万元`` (a list sharing the unit), from ``num`` with no unit."""
    if num.approx == "vague":
        return _vague_range(t, num, q, cur, sym, scale, start)
    if num.low is not None:
        return None
    sep_end = _range_sep(t, num.end, num.neg)
    num2 = _num_after(t, sep_end) if sep_end is not None else None
    if num2 is not None:
        if num2.low is None:
            got, end = _with_unit(t, num2, None, cur, sym, scale, num2.start, allow_chain=False, in_range=True)
            if got:
                f = got[0]
                hi_raw = _signed(num2.value, num2)
                lo = _signed(num.value, num)
                if num.big_tail == 1:
                    for mult in _tails(num2.piece):
                        if lo * mult < hi_raw:
                            lo = lo * mult
                            break
                # the unit's own scale (三至五成 → 30..50 %) applies to both ends
                ratio = f.value / hi_raw if hi_raw else Fraction(1)
                bounds = _bounds(lo * ratio, f.value)
                if bounds is not None and f.low is None:
                    qual = f.qualifier or q
                    low, high = bounds
                    return [_Found(start, f.end, low, f.unit, f.kind, qual, low, high, f.factor, f.si_unit, f.currency, not num.arabic)], f.end
    lsep = _LIST_SEP_RE.match(t, num.end) if depth < _MAX_LIST else None
    num2 = _num_after(t, lsep.end()) if lsep else None
    if num2 is not None:
        if num2.arabic == num.arabic and num2.low is None:
            q2, cur2, _, _, start2 = _left(t, num2.start)
            got, end = _with_unit(t, num2, q2, cur or cur2, sym, scale, start2, True, depth + 1)
            if got:
                f2 = got[0]
                raw2 = _signed(num2.value, num2)
                # the unit's own scale (三、五成 → 30 %, 50 %) and the multiplier the
                # list shares (3、5万元 → 30000 元, 50000 元: as 3至5万元 reads it)
                ratio = f2.value / (raw2 * f2.borrowed) if raw2 and f2.low is None else Fraction(1)
                share = Fraction(1)
                if num.big_tail == 1 and f2.low is None:
                    tails = _tails(num2.piece)
                    share = Fraction(tails[0]) if tails else f2.borrowed
                v1 = _signed(num.value, num) * share * ratio
                qual = _INFIX_Q.get(num.approx) or q
                first = _Found(start, num.end, v1, f2.unit, f2.kind, qual, None, None, f2.factor, f2.si_unit, f2.currency, not num.arabic, share)
                return [first, *got], end
    return None
