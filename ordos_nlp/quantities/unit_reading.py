"""The unit after a number, and what decides whether it is one.

Some unit words are ambiguous and are read from their neighbours: ``度``
(temperature, electricity or an angle, or "once"), ``成`` (tenths, or 成为),
``块`` (money or pieces), ``分`` (a score, a coin or a minute), ``两`` (a weight or
"two"), ``元`` after one Chinese digit (``三元里``), years (``2026年`` is a date).
Coins after an amount (``50元6角3分``) and ``个亿`` (``两个多亿``) are read here too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from ..numerals import NUMERAL
from ..numerals.lexicon import DIGITS
from .context import _SUFFIX_RE, _window
from .numbers import _FINANCIAL, _Num, _ONE, _ZERO, _parse_piece, _trailing_big
from .rates import _PER_HOUR_PREFIX, _per_unit, _speed
from .units import CUES, UNITS, UnitInfo, _HAN, _HEADS, _SUBUNITS, _SUFFIX_NOT_BEFORE, _SUFFIX_Q, _alt, _unit_at
from .view import _ascii_alnum


_GE_YI_RE = re.compile(r"个(?P<more>多)?(?P<m>[万亿]+)")
_GE_BAN_RE = re.compile(r"个半(?P<u>月|小时|钟头|星期|礼拜)")
_HAN_RUN_RE = re.compile(rf"[{_HAN}]{{1,6}}")
_ZHENG_RE = re.compile(r"[整正](?![常在式规面当好确是])")
_CN_DIGIT_STRING_RE = re.compile(r"[〇零一二三四五六七八九]+")
_YEAR_AR_RE = re.compile(r"[12][0-9]{3}")
_TENTHS_AFTER = frozenset(CUES["tenths_after"])
_DISCOUNT_AFTER = _TENTHS_AFTER | frozenset(CUES["discount_after_extra"])
_ENERGY_CUE = tuple(CUES["energy_cues"])
_ANGLE_CUE = tuple(CUES["angle_cues"])
_TIME_BEFORE_FEN = frozenset(CUES["time_before_fen"])
_DEMONSTRATIVES = frozenset(CUES["demonstratives"])
_AFTER_SINGLE_YUAN = frozenset(CUES["after_single_yuan"])


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _is_year(num: _Num) -> bool:
    p = num.piece
    if num.arabic:
        return bool(_YEAR_AR_RE.fullmatch(p))
    if _CN_DIGIT_STRING_RE.fullmatch(p):
        return len(p) >= 3 or any(ch in _ZERO for ch in p)
    return False


@dataclass
class _UnitRead:
    info: UnitInfo
    end: int
    value: Fraction
    qualifier: Optional[str] = None
    low: Optional[Fraction] = None
    high: Optional[Fraction] = None
    unit: Optional[str] = None
    kind: Optional[str] = None
    currency: Optional[str] = None
    date: bool = False  # the number is a year/date: stop here


def _read_unit(t: str, num: _Num, pos: int, scale_prefix: Optional[str] = None, in_range: bool = False) -> Optional[_UnitRead]:
    """The unit after ``num`` (at ``pos``) with everything that hangs on it."""
    value = num.value
    low, high = num.low, num.high
    over_from_unit = None
    # 两个亿 → 2亿
    g = _GE_YI_RE.match(t, pos)
    if g and not num.approx:
        mult = _trailing_big(g["m"])
        value, pos = value * mult, g.end()
        if low is not None:
            low, high = low * mult, high * mult
        if g["more"]:  # 两个多亿: over
            over_from_unit = "over"
        if _unit_at(t, pos) is None:  # 两个多亿 with the counted thing said before it
            return _UnitRead(_NO_UNIT, pos, value, over_from_unit, low, high, "", "COUNT")
    g = _GE_BAN_RE.match(t, pos)
    if g:
        unit = {"月": "个月", "小时": "小时", "钟头": "小时", "星期": "周", "礼拜": "周"}[g["u"]]
        info = next(i for i in UNITS.values() if i.unit == unit)
        return _UnitRead(info, g.end(), value + Fraction(1, 2), unit=info.unit, kind=info.kind)
    got = _unit_at(t, pos)
    if got is None:
        return None
    info, surface, end = got
    if "range_only" in info.flags and not in_range:
        return None  # 5到6级 (wind force) is a range of levels; 一级, 3级 are ranks
    if "多" in surface:
        over_from_unit = "over"
    nxt = t[end] if end < len(t) else ""
    piece = num.piece
    bare_one = piece in _ONE and num.approx is None and not num.neg
    kind, unit, currency = info.kind, info.unit, info.currency
    if info.kind == "COUNT":
        if bare_one:
            return None
        if piece == "二" and not num.neg:  # 二次创业, 二批, 二类: ordinal uses (a count says 两)
            return None
        if len(piece) == 1 and (piece in _FINANCIAL or piece in _ZERO):
            return None
        if unit == "分":
            if _window(t, num.start, 3) and any(c in _TIME_BEFORE_FEN for c in _window(t, num.start, 3)):
                return None
            if not num.arabic and value < 100:
                return None
            if "点" in piece or re.match(r"[0-9一二三四五六七八九十]+秒", t[end : end + 4]):
                return None
    if "colloquial" in info.flags and surface in ("块", "塊"):
        # 三块, 十块三毛, 一块钱 are money; 3块屏幕 counts pieces; 一块 is "together"
        money = not nxt or not _is_han(nxt) or nxt in "钱多半以左上" or _coins(t, end, "元", Fraction(0))[1] > end
        # 42块一公斤, 七八块一斤: a price per unit
        money = money or (nxt in "一每" and _unit_at(t, end + 1) is not None)
        if nxt.isdigit() and _coins(t, end, "元", Fraction(0))[1] == end:
            return None  # 1块1: 1.1 元 said the short way; not read rather than read as 1 元
        if not money:
            if bare_one:
                return None
            kind, unit, currency = "COUNT", "块", None
        elif bare_one and nxt != "钱":
            return None
    if bare_one and info.kind == "DURATION" and num.start > 0 and t[num.start - 1] in _DEMONSTRATIVES:
        return None  # 有一天, 这一年来: an article, not a count
    if (
        info.kind == "MONEY" and surface in ("元", "圆") and len(piece) == 1 and not num.arabic
        and piece in DIGITS  # a digit: 三元里 (not 千元, 万元)
        and piece not in _FINANCIAL
        and nxt and _is_han(nxt) and nxt not in _AFTER_SINGLE_YUAN
    ):
        return None  # 三元里, 二元结构, 一元二次方程
    if "needs_multiplier" in info.flags and num.big_tail == 1:
        return None  # 300万方 is cubic metres; 三方 are three parties
    if "year" in info.flags:
        if _is_year(num):
            return _UnitRead(info, end, value, date=True)
        if not num.arabic and len(piece) == 2 and _CN_DIGIT_STRING_RE.fullmatch(piece) and num.low is None:
            return _UnitRead(info, end, value, date=True)
    if info.unit == "两":
        if piece in ("两", "一", "半") or num.approx == "pair":
            return None
    if "tenths" in info.flags:
        tenth = DIGITS.get(nxt) if nxt and nxt != "两" and DIGITS.get(nxt) else None
        if tenth is None and nxt and nxt.isascii() and nxt.isdigit() and nxt != "0":
            tenth = int(nxt)
        after = t[end + 1] if end + 1 < len(t) else ""
        if tenth is not None and low is None and value < 10 and value == int(value) and (
            not after or after in _TENTHS_AFTER
        ):
            value += Fraction(tenth, 10)  # 七成六: 7.6 tenths, 76 %
            end += 1
            nxt = after
        if nxt and nxt not in _TENTHS_AFTER and nxt.isdigit():
            return None  # 七成65 (成员, 成为, 一成不变: the unit's not_before in units.json)
        if value > 10 or num.neg:
            return None
        if nxt == "半":
            value += Fraction(1, 2)
            end += 1
        value *= 10
        if low is not None:
            low, high = low * 10, high * 10
    elif "discount" in info.flags:
        if nxt and nxt not in _DISCOUNT_AFTER and _is_han(nxt):
            return None
        if num.approx == "pair":
            got2 = _parse_piece(piece)
            if got2 is None:
                return None
            value, low, high = got2[0], None, None
        if value <= 0 or num.neg:
            return None
        if value < 10:
            value *= 10
        elif value >= 100 or "十" in piece or "拾" in piece:
            return None
    elif "ambiguous" in info.flags:  # 度: temperature, electricity or an angle
        before = _window(t, num.start, 6)
        if scale_prefix and scale_prefix.startswith("华氏"):
            unit = "℉"
        elif (num.big_tail > 1) or nxt == "电" or any(c in before for c in _ENERGY_CUE):
            kind, unit = "ENERGY", "度"
            info = UnitInfo("度", "ENERGY", Fraction(3600000), "J")
        elif any(c in before[-3:] for c in _ANGLE_CUE) or (nxt and nxt in "角弯转全无环旋视") or value >= 360:
            return None
        elif not num.arabic and (bare_one or (nxt and _is_han(nxt) and nxt not in "左以上下的")):
            return None  # 一度成为, 两度获得: "once", "twice"
    elif "percent_sign" in info.flags:
        if nxt and _ascii_alnum(nxt):
            return None
        b = t[num.start - 1] if num.start > 0 else ""
        if b and (b in "%=&?/#_@" or _ascii_alnum(b)):
            return None
    elif info.kind == "TEMPERATURE" and scale_prefix and scale_prefix.startswith("华氏"):
        unit = "℉"
    per = _per_unit(t, end, info, unit, kind)
    if per is None and kind == "LENGTH" and _window(t, num.start, 6).rstrip("达为约近超过逾了是：:").endswith(_PER_HOUR_PREFIX):
        per = _speed(info, unit, "小时"), end  # 时速160公里: 160 公里/小时
    if per is not None:  # 5.6万元/人, 25微克/立方米, 120公里/小时: the unit is the compound
        info, end = per
        unit, kind, nxt = info.unit, info.kind, ""
        currency = currency if kind == "RATE" else None
    # 一吨半, 两年半
    if nxt == "半" and info.kind not in ("COUNT", "PERCENT", "PERCENT_POINT", "MONEY") and low is None:
        value += Fraction(1, 2)
        end += 1
    # coins after the amount: 50元6角3分, 两美元又三美分
    if kind == "MONEY":
        value, end = _coins(t, end, unit, value)
        if unit == "元" and currency == "CNY":
            # 8亿元人民币, 三万元欧元, 9000元日币
            more = _unit_at(t, end)
            if more and more[0].kind == "MONEY" and more[1] not in ("块", "塊", "元", "圆", "圓"):
                info2 = more[0]
                unit, currency, end = info2.unit, info2.currency, more[2]
        if t.startswith("钱", end) and surface in ("块", "塊"):
            end += 1
        z = _ZHENG_RE.match(t, end)
        if z:
            end = z.end()
    qualifier = over_from_unit
    sfx = _SUFFIX_RE.match(t, end)
    if sfx:
        q = sfx["q"]
        after = t[sfx.end()] if sfx.end() < len(t) else ""
        if not (after and after in _SUFFIX_NOT_BEFORE.get(q, "")):
            qualifier = qualifier or _SUFFIX_Q[q]
            end = sfx.end()
    elif t.startswith("多", end) and kind not in ("COUNT", "PERCENT", "PERCENT_POINT"):
        qualifier = qualifier or "over"
        end += 1
    return _UnitRead(info, end, value, qualifier, low, high, unit, kind, currency)


_COIN_RES = {}


def _coins(t: str, pos: int, unit: str, value: Fraction):
    subs = _SUBUNITS.get(unit)
    if not subs:
        return value, pos
    rx = _COIN_RES.get(unit)
    if rx is None:
        rx = re.compile(rf"(?:又|零)?(?P<n>{NUMERAL})(?P<u>{_alt(subs)})")
        _COIN_RES[unit] = rx
    for _ in range(2):
        m = rx.match(t, pos)
        if not m:
            break
        got = _parse_piece(m["n"])
        if got is None or got[1]:
            break
        value += got[0] * subs[m["u"]]
        pos = m.end()
    return value, pos


def _big_noun(t: str, pos: int) -> Optional[tuple[str, int]]:
    """``三大环节``: after 大 at ``pos``, the longest head word within six characters."""
    run = _HAN_RUN_RE.match(t, pos + 1)
    if not run:
        return None
    word = run.group(0)
    for n in range(len(word), 0, -1):
        for h in _HEADS:
            if word[:n].endswith(h) and len(h) <= n:
                return h, pos + 1 + n
    return None


_NO_UNIT = UnitInfo("", "COUNT")


def _coin_amount(t: str, num: _Num) -> Optional[tuple[Fraction, int]]:
    """``肆角叁分``, ``五角钱``, ``壹分``: an amount in coins, in 元."""
    pos = num.end
    ch = t[pos] if pos < len(t) else ""
    financial = any(c in _FINANCIAL for c in num.piece)
    if ch in ("角", "毛"):
        nxt = t[pos + 1] if pos + 1 < len(t) else ""
        value = num.value / 10
        rest_value, rest_end = _coins(t, pos + 1, "元", Fraction(0))
        # 珠三角, 三角形: a Chinese numeral before 角 is money only with 钱 or more coins
        after_qualifier = t.startswith(("左右", "以上", "以下", "多"), pos + 1)  # 5角左右
        if not (financial or rest_end > pos + 1 or nxt == "钱" or (num.arabic and (not _is_han(nxt) or after_qualifier))):
            return None
        end = rest_end
        if t.startswith("钱", end):
            end += 1
        return value + rest_value, end
    if ch == "分" and financial:
        return num.value / 100, pos + 1
    return None
