"""Quantities in running text: a number with its unit or counter word (FACTS.md, Quantities).

``find_quantities(text) -> list[Quantity]`` is a pure function. Offsets are into
``text`` exactly; the result is sorted and non-overlapping.

How it works
------------
1. The text is canonicalised one character for one (full-width digits and
   punctuation to half-width, traditional numeral characters to simplified:
   ``１９２．３４億`` → ``192.34亿``), so offsets do not move.
2. Spaces are removed where they sit inside Chinese text or between a number
   and its unit (``一 百 五 十 个 百 分 点``, ``177.1 亿元``); they are kept
   between two ASCII words or numbers. A map takes every match back to the
   caller's offsets, so a span may contain the spaces it crossed.
3. One compiled pattern proposes numerals (``ordos_nlp.numerals.NUMERAL``),
   percent phrases (``百分之三点五``), fractions (``三分之一``) and ``半``; each
   candidate is then read with small anchored patterns: qualifier, currency or
   scale before it; approximation, unit, ``半``, coins, qualifier after it;
   a range (``3至5万元``) or a list sharing one unit (``3万、5万元``).
4. What is not a quantity is dropped: years and dates (``2026年``, ``3月``),
   ordinals (``第三``), ``一`` as an article before a counter (``一颗种子``),
   names and idioms (data: ``units.json`` ``blacklist``), numbers in short
   quoted slogans (``“并购六条”``) and anything inside ``《…》``.

Values are exact (``Decimal``, or ``Fraction`` when the decimal does not
terminate). A range is one quantity with ``low``/``high``; its ``value`` is
``low``. A vague number (``几十万``, ``八九亿``, ``十几``) has no exact value:
``value`` is None and ``low``/``high`` say what its words allow. Units, counters, currencies and SI factors are data in ``units.json``.
"""

from __future__ import annotations

import json
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..facts import Quantity
from ..numerals import NUMERAL, parse_numeral, parse_pair, to_exact
from ..numerals import lexicon as _numeral_lexicon
from ..numerals.lexicon import BIG_UNITS, DIGITS, SMALL_UNITS, to_canonical

__all__ = ["find_quantities", "UNITS", "UnitInfo"]

_log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class UnitInfo:
    """One unit as ``units.json`` describes it."""

    unit: str
    kind: str
    factor: Optional[Fraction] = None
    si_unit: Optional[str] = None
    currency: Optional[str] = None
    flags: frozenset = frozenset()


def _load() -> dict:
    text = resources.files(__package__).joinpath("units.json").read_text(encoding="utf-8")
    return json.loads(text)


_DATA = _load()
_HAN = r"\u4e00-\u9fff"
_LATIN_RE = re.compile(r"[A-Za-z]")


def _build_units():
    by_surface: dict[str, UnitInfo] = {}
    not_before: dict[str, str] = {}
    for entry in _DATA["units"]:
        flags = frozenset(
            k for k in ("colloquial", "percent_sign", "tenths", "discount", "year", "ambiguous", "needs_multiplier", "range_only")
            if entry.get(k)
        )
        factor = Fraction(entry["factor"]) if entry.get("factor") else None
        info = UnitInfo(
            unit=entry["unit"],
            kind=entry["kind"],
            factor=factor,
            si_unit=entry.get("si_unit"),
            currency=entry.get("currency"),
            flags=flags,
        )
        for s in entry["surfaces"]:
            by_surface[s] = info
            if entry.get("not_before"):
                not_before[s] = entry["not_before"]
    trad = _DATA["counter_traditional"]
    for word, nb in _DATA["counters"].items():
        if word.startswith("_"):
            continue
        info = UnitInfo(unit=trad.get(word, word), kind="COUNT")
        by_surface.setdefault(word, info)
        if nb:
            not_before[word] = nb
    return by_surface, not_before


UNITS, _NOT_BEFORE = _build_units()


def _surface_pattern(s: str) -> str:
    pat = re.escape(s)
    if _LATIN_RE.search(s[-1]) or s[-1].isdigit():
        pat += r"(?![A-Za-z0-9])"
    nb = _NOT_BEFORE.get(s)
    if nb:
        pat += "(?![" + re.escape(nb) + "])"
    return pat


_UNIT_RE = re.compile(
    "|".join(_surface_pattern(s) for s in sorted(UNITS, key=len, reverse=True))
)

_QUAL = _DATA["qualifiers"]
_PREFIX_Q = _QUAL["prefix"]
_PREFIX_NOT_AFTER = _QUAL["prefix_not_after"]
_SUFFIX_Q = _QUAL["suffix"]
_SUFFIX_NOT_BEFORE = _QUAL["suffix_not_before"]
_INFIX_Q = _QUAL["infix"]

_CUR_PREFIX = _DATA["currency_prefixes"]
_SYMBOLS = _DATA["money_symbols"]
_SUBUNITS = {k: {s: Fraction(v) for s, v in d.items()} for k, d in _DATA["money_subunits"].items() if not k.startswith("_")}
_HEADS = sorted(set(_DATA["big_heads"]["heads"]), key=len, reverse=True)
_BLACKLIST = sorted(set(_DATA["blacklist"]["phrases"]), key=len, reverse=True)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# --------------------------------------------------------------------------- patterns

_SYMBOLS_CANON = {to_canonical(k): v for k, v in _SYMBOLS.items()}

# what may stand right before a number: qualifier, currency word or sign, temperature scale
_LEFT_RE = re.compile(
    rf"(?:(?P<q1>{_alt(_PREFIX_Q)}))?"
    rf"(?:(?P<cur>{_alt(_CUR_PREFIX)}))?"
    rf"(?:(?P<q2>{_alt(_PREFIX_Q)}))?"
    rf"(?:(?P<sym>{_alt(_SYMBOLS_CANON)}))?"
    r"(?P<scale>华氏温度|华氏|摄氏温度|摄氏)?$"
)

_PCT_DEN = "百千万亿佰仟"
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
_KSUFFIX_RE = re.compile(r"[kK](?![A-Za-z])")
_GE_YI_RE = re.compile(r"个(?P<more>多)?(?P<m>[万亿]+)")
_GE_BAN_RE = re.compile(r"个半(?P<u>月|小时|钟头|星期|礼拜)")
_HAN_RUN_RE = re.compile(rf"[{_HAN}]{{1,6}}")
_RANGE_SEP_RE = re.compile(r"(?:\((?:含|包含)\))?(?:--|-|~|〜|——?|–|至|到)(?=-?[0-9]|[负零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟])")
_LIST_SEP_RE = re.compile(r"(?:、|和|或|及)(?=[0-9零一二两三四五六七八九十壹贰叁肆伍陆柒捌玖])")
_SUFFIX_RE = re.compile(rf"(?:\((?:含|包含)\))?(?P<q>{_alt(_SUFFIX_Q)})")
_ZHENG_RE = re.compile(r"[整正](?![常在式规面当好确是])")
_TITLE_RE = re.compile(r"《[^《》\n]{0,80}》")
_QUOTE_RE = re.compile(r"“[^“”\n]{1,10}”|「[^「」\n]{1,10}」|『[^『』\n]{1,10}』|‘[^‘’\n]{1,10}’|\"[^\"\n]{1,10}\"")
_BLACK_RE = re.compile(_alt(to_canonical(b) for b in _BLACKLIST))
_SPACES_RE = re.compile(r"[ \t\xa0]+")
# digits that a space splits but that are one number: thousands grouped by spaces
# (1 236 只) and letter-spaced digits from PDFs (7 2 折)
_SPACED_DIGITS_RE = re.compile(
    r"(?<![0-9A-Za-z.])(?:(?P<grouped>[0-9]{1,3}(?:[ \xa0][0-9]{3})+)|[0-9](?:[ \xa0][0-9])+(?!\.))(?![0-9A-Za-z]|[ \xa0][0-9])"
)
_LETTER_SPACED_MIN = 8  # a shorter line is letter-spaced only when every character stands apart


def _letter_spaced_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is letter-spaced as a whole (PDF ``7 2 折 优 惠``):
    then digits a space splits are one number; elsewhere (``比分 3 2``) they are two."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].strip(" \xa0")
    chars = [ch for ch in line if ch not in " \xa0"]
    spaced = sum(1 for a, b in zip(line, line[1:]) if a not in " \xa0" and b in " \xa0")
    if len(chars) < _LETTER_SPACED_MIN:  # a short line: every character apart
        return len(chars) > 1 and spaced == len(chars) - 1
    return spaced >= 0.8 * (len(chars) - 1)
_CN_DIGIT_STRING_RE = re.compile(r"[〇零一二三四五六七八九]+")
_YEAR_AR_RE = re.compile(r"[12][0-9]{3}")
_ONE = frozenset("一壹幺")
_FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")
_ZERO = frozenset("零〇")
_TENTHS_AFTER = frozenset("以左上多半的是和或与及至到、,，。;；:：!！?？)）”\"'’」』 \n")
_DISCOUNT_AFTER = _TENTHS_AFTER | frozenset("优出销")
_ENERGY_CUE = ("电", "用电", "发电", "电量", "供电", "售电", "输电")
_ANGLE_CUE = ("经", "纬", "角", "坡", "倾斜", "转")
_TIME_BEFORE_FEN = frozenset("时点:")
_DEMONSTRATIVES = frozenset("这那有每哪某同另")
_IMPLIED_ONE_AFTER = frozenset("近超逾约数几过足到")
_MAGNITUDE_RE = re.compile(r"[百千万亿]+")
_NUMERAL_BEFORE = frozenset("0123456789.零〇一二两三四五六七八九十百千万亿点")
_AFTER_SINGLE_YUAN = frozenset("钱零一二两三四五六七八九十每左以上多整正的壹贰叁肆伍陆柒捌玖拾")
_VAGUE_SHU_NOT_AFTER = frozenset("指分总人次件位户基系函参倍多少半无岁礼路步架票点积变常整小单复级字奇偶质实虚余约算计读查函")


# --------------------------------------------------------------------------- helpers


def _exact(x: Fraction):
    return to_exact(x)


def _frac(v) -> Fraction:
    return v if isinstance(v, Fraction) else Fraction(v)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass
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


@dataclass
class _Found:
    start: int
    end: int
    value: Fraction
    unit: str
    kind: str
    qualifier: Optional[str] = None
    low: Optional[Fraction] = None
    high: Optional[Fraction] = None
    factor: Optional[Fraction] = None
    si_unit: Optional[str] = None
    currency: Optional[str] = None
    chinese: bool = False  # the numeral is written in Chinese characters
    borrowed: Fraction = Fraction(1)  # a multiplier taken from the next list item (3、5万元)
    vague: bool = False  # 几十万, 八九亿: no exact value, only low/high


# --------------------------------------------------------------------------- the view


_CN_NUMERAL_CHARS = frozenset("零〇○一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟")
_DECIMAL_TAIL = re.compile(r"点[零〇○一二三四五六七八九壹贰叁肆伍陆柒捌玖]+$")


class _Compact:
    """Canonical text with removable spaces taken out, and the map back."""

    __slots__ = ("text", "_starts", "_shift")

    def __init__(self, text: str):
        canon = to_canonical(text)
        removed = []
        joined = set()
        if " " in canon or "\xa0" in canon:
            for m in _SPACED_DIGITS_RE.finditer(canon):
                if m["grouped"] or _letter_spaced_line(canon, m.start()):
                    joined.update(i for i in range(m.start(), m.end()) if not canon[i].isdigit())
        for m in _SPACES_RE.finditer(canon):
            s, e = m.span()
            left = canon[s - 1] if s else ""
            right = canon[e] if e < len(canon) else ""
            if not left or not right:
                continue
            if _ascii_alnum(left) and _ascii_alnum(right) and not (left.isdigit() and right.isalpha()):
                if s in joined:
                    removed.append((s, e))
                continue
            if right in _CN_NUMERAL_CHARS and _DECIMAL_TAIL.search(canon, max(0, s - 12), s):
                # 四点 五 and 一 百二 十 are spaced numerals; after a whole decimal
                # (三点五 三大环节) the next numeral starts a new word
                continue
            removed.append((s, e))
        if not removed:
            self.text = canon
            self._starts = None
            self._shift = None
            return
        parts = []
        starts = []  # compact offset where each kept piece starts
        shift = []  # original - compact for that piece
        pos = 0
        cpos = 0
        for s, e in removed:
            parts.append(canon[pos:s])
            starts.append(cpos)
            shift.append(pos - cpos)
            cpos += s - pos
            pos = e
        parts.append(canon[pos:])
        starts.append(cpos)
        shift.append(pos - cpos)
        self.text = "".join(parts)
        self._starts = starts
        self._shift = shift

    def orig(self, i: int) -> int:
        if self._starts is None:
            return i
        k = bisect_right(self._starts, i) - 1
        return i + self._shift[max(k, 0)]

    def span(self, s: int, e: int) -> tuple[int, int]:
        return self.orig(s), self.orig(e - 1) + 1


# --------------------------------------------------------------------------- reading numbers


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
_MAX_LIST = 8  # items of one list that share a unit (3万、5万、8万元)


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


# --------------------------------------------------------------------------- units


def _unit_at(t: str, pos: int):
    """(UnitInfo, surface, end) of the unit that starts at ``pos``, or None."""
    m = _UNIT_RE.match(t, pos)
    if not m:
        return None
    s = m.group(0)
    return UNITS[s], s, m.end()


def _is_year(num: _Num) -> bool:
    p = num.piece
    if num.arabic:
        return bool(_YEAR_AR_RE.fullmatch(p))
    if _CN_DIGIT_STRING_RE.fullmatch(p):
        return len(p) >= 3 or any(ch in _ZERO for ch in p)
    return False


def _window(t: str, s: int, n: int) -> str:
    return t[max(0, s - n) : s]


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
        and num.big_tail == 1
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
        if nxt and nxt not in _TENTHS_AFTER and (_is_han(nxt) or nxt.isdigit()):
            return None  # 成员, 成为, 一成不变
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


_PER_SECONDS = {k: Fraction(v) for k, v in _DATA["per_time_seconds"].items() if not k.startswith("_")}


_PER_HOUR_PREFIX = ("时速", "时速为", "时速达")
_PER_RE = re.compile(r"[ \xa0]?(?:/|每)[ \xa0]?")


def _speed(info: UnitInfo, unit: str, per: str) -> UnitInfo:
    seconds = _PER_SECONDS[per]
    factor = info.factor / seconds if info.factor is not None else None
    return UnitInfo(f"{unit}/{per}", "SPEED", factor, "m/s" if factor is not None else None)


def _per_unit_before(t: str, f: _Found) -> None:
    """``每立方米23微克``: a denominator written before the number makes ``f`` a rate
    whose span starts at 每."""
    if f.kind in ("PERCENT", "PERCENT_POINT", "COUNT", "DURATION", "RATE", "SPEED") or f.start < 2:
        return
    for n in range(min(5, f.start - 1), 0, -1):
        den = UNITS.get(t[f.start - n : f.start])
        if den is not None and t[f.start - n - 1] == "每" and den.kind not in ("COUNT", "PERCENT", "PERCENT_POINT"):
            f.start, f.unit, f.kind = f.start - n - 1, f"{f.unit}/{den.unit}", "RATE"
            f.factor = f.si_unit = None
            return


def _per_unit(t: str, pos: int, info: UnitInfo, unit: str, kind: str) -> Optional[tuple[UnitInfo, int]]:
    """A unit written ``A/B`` or ``A每B`` (``元/人``, ``公里/小时``, ``7微克每立方米``)
    from ``pos``.

    A length per time is a SPEED (with its value in m/s); any other is a RATE.
    Returns the compound unit and where it ends, or None when no unit follows."""
    sep = _PER_RE.match(t, pos)
    if sep is None or kind in ("PERCENT", "PERCENT_POINT"):
        return None
    den_at = sep.end()
    scale = t[den_at] if den_at < len(t) and t[den_at] in "万亿" else ""  # 公里/万平方公里
    got = _unit_at(t, den_at + len(scale))
    if got is None or got[0].kind in ("PERCENT", "PERCENT_POINT"):
        return None
    den, _, end = got
    if scale:
        return UnitInfo(f"{unit}/{scale}{den.unit}", "RATE", currency=info.currency), end
    if "每" in sep.group() and den.kind == "COUNT" and kind != "MONEY":
        return None  # 3个每人: not a rate of counts
    if kind == "LENGTH" and den.unit in _PER_SECONDS:
        return _speed(info, unit, den.unit), end
    return UnitInfo(f"{unit}/{den.unit}", "RATE", currency=info.currency), end


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


# --------------------------------------------------------------------------- assembling


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


_HALF_UNITS = frozenset(["斤", "两", "吨", "公斤", "年", "个月", "小时", "%", "亩", "米", "公里", "天"])


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


_PERIOD_BEFORE = ("未来", "过去", "最近", "今明", "明后")
_PERIOD_AFTER = re.compile(r"(?:以前|以后|之前|之后|以来|前(?!往|进|行|夕)|后(?![续期备劲方面])|来(?![到自看]))")


def _relative_period(t: str, start: int, end: int) -> bool:
    """``未来4天``, ``前4天``, ``8年前``, ``十年来``: a period counted from now is a
    date (``relative``), not a duration; ``提前3天`` is a duration."""
    before = _window(t, start, 2)
    if before.endswith(_PERIOD_BEFORE) or (before.endswith("前") and not before.endswith("提前")):
        return True
    return bool(_PERIOD_AFTER.match(t, end))


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
    f = _finish(m.start(), end, Fraction(1), info, info.unit, info.kind, None, Fraction(1), Fraction(10), info.currency, True)
    f.vague = True
    return [f], end


def _finish(start, end, value, info, unit, kind, qualifier, low, high, currency, chinese) -> _Found:
    factor = info.factor if kind == info.kind else None
    si_unit = info.si_unit if kind == info.kind else None
    if kind == "ENERGY" and unit == "度":
        factor, si_unit = Fraction(3600000), "J"
    return _Found(start, end, value, unit, kind, qualifier, low, high, factor, si_unit, currency, chinese)


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


def _money_info(unit: str) -> UnitInfo:
    return next(i for i in UNITS.values() if i.unit == unit and i.kind == "MONEY")


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
                    hi = _signed(r2.value, num2)
                    if value < hi:
                        f.low, f.high, f.end = value, hi, r2.end
                        f.qualifier = r2.qualifier or _INFIX_Q.get(num2.approx) or q
                        return [f], r2.end
    return [f], read.end


_VAGUE = frozenset(("vague", "pair"))
_NO_UNIT = UnitInfo("", "COUNT")


def _bare_magnitude_reads(num: _Num, read: "_UnitRead") -> bool:
    """A magnitude with no digit is a number before a measure unit when it is plainly
    one: two characters (千万吨) or a qualifier after the unit (万元以上); 百万人口,
    万元GDP and 千万不要 are words."""
    if read.kind in ("COUNT", "DURATION", None) or read.low is not None:
        return False
    return len(num.piece) >= 2 or read.qualifier is not None


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
        if not (financial or rest_end > pos + 1 or nxt == "钱" or (num.arabic and not _is_han(nxt))):
            return None
        end = rest_end
        if t.startswith("钱", end):
            end += 1
        return value + rest_value, end
    if ch == "分" and financial:
        return num.value / 100, pos + 1
    return None


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


def _range_sep(t: str, pos: int, negative_first: bool) -> Optional[int]:
    """Where the second number of a range starts after the separator at ``pos``, or None.

    ``1万元--5万元`` has a double dash; in ``-30--28℃`` the second dash is a sign."""
    sep = _RANGE_SEP_RE.match(t, pos)
    if sep is None:
        return None
    if negative_first and sep.group() == "--":
        return sep.end() - 1
    return sep.end()


def _range_or_list(t, num: _Num, q, cur, sym, scale, start, depth=0):
    """``3至5万元`` (a range) or ``3万、5万元`` (a list sharing the unit), from ``num`` with no unit."""
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
                lo_v = lo * ratio
                if lo_v < f.value and f.low is None:
                    qual = f.qualifier or q
                    return [_Found(start, f.end, lo_v, f.unit, f.kind, qual, lo_v, f.value, f.factor, f.si_unit, f.currency, not num.arabic)], f.end
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


# --------------------------------------------------------------------------- public


class _Blocked:
    """Titles, short quotations and blacklisted phrases of one text, for fast look-ups.

    Within each kind the ranges come from one ``finditer`` and so do not overlap."""

    def __init__(self, t: str):
        self.kinds = []
        for kind, rx, inner in (("title", _TITLE_RE, 0), ("quote", _QUOTE_RE, 1), ("black", _BLACK_RE, 0)):
            ranges = [(m.start() + inner, m.end() - inner) for m in rx.finditer(t)]
            if ranges:
                self.kinds.append((kind, [r[0] for r in ranges], ranges))

    def blocks(self, f: _Found) -> bool:
        for kind, starts, ranges in self.kinds:
            if kind == "black":
                i = bisect_right(starts, f.end - 1) - 1
                if i >= 0 and ranges[i][1] > f.start:
                    return True
                continue
            if kind == "quote" and not f.chinese:
                continue
            i = bisect_right(starts, f.start) - 1
            if i >= 0 and f.end <= ranges[i][1]:
                return True
        return False


def _si(value: Fraction, factor: Optional[Fraction]):
    if factor is None:
        return None
    return _exact(value * factor)


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
