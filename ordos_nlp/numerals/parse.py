"""Exact parsing of one numeral: Arabic, full-width, Chinese, financial, traditional, mixed.

All arithmetic is done on ``int``/``Fraction``; a float never enters. The result
is a ``Decimal`` (exponent never positive, no trailing zeros) when the value
terminates in decimal, else a ``Fraction``.

The grammar, outermost first (``X`` is any numeral below):

* percent forms, parsed to the percent figure: ``X%``, ``X‰`` (X/10),
  ``X个百分点``, ``百分之X`` / ``千分之X`` / ``万分之X`` (a denominator made of
  multiplier characters only), ``X成`` (tenths: ``七成六`` → 76, ``三成半`` → 35),
  ``X折`` (``八折`` → 80, ``七五折`` → 75), ``对折``/``半折`` → 50;
* a sign: ``-``, ``+``, ``负``, ``零下``;
* fractions ``A分之B`` (each side may carry its own sign), ``B/A``, mixed
  numbers ``W又A分之B`` and ``1 3/5``;
* reals: ``192.34亿``, ``一百零五点六亿``, ``四百亿点零五``, ``1.2万亿``, ``40k``,
  ``2e5``, ``2^5``, ``五十打``;
* integers with multipliers: ``一百零一万一千``, ``3万4000``, ``1,100万``,
  ``四万万``, colloquial elision (``两千四百五`` → 2450, ``一万三`` → 13000),
  approximation marks (``十余万``, ``二十几万``, ``3000多``, ``千余`` → the round
  value, with ``approx`` set), digit strings (``二〇二六`` → 2026, ``零零三`` → 3).

A numeral needs a digit or 十 (or a mark of approximation after a bare unit):
``万``, ``千万``, ``百`` alone are words. Two numerals in a row (``十一十二``,
``一亿二亿``, ``两两``) are not one numeral.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple, Optional, Union

from . import lexicon as _lexicon

Number = Union[Decimal, Fraction]

_LEX = _lexicon.load()
_log = logging.getLogger(__name__)
_DIGITS: dict[str, int] = _LEX["digits"]
_SMALL: dict[str, int] = _LEX["small_units"]
_BIG: dict[str, int] = {ch: 10**p for ch, p in _LEX["big_units"].items()}
_LATIN: dict[str, int] = {ch: 10**p for ch, p in _LEX["latin_multipliers"].items()}
_APPROX = frozenset(_LEX["approx"])
_EXPANSIONS: dict[str, str] = _LEX["expansions"]
_MINUS = tuple(sorted(_LEX["minus"], key=len, reverse=True))
_PLUS = tuple(_LEX["plus"])
# Characters read digit by digit (``二〇二六``); 两 is a count word, never a digit here.
_STRING_DIGITS = {ch: v for ch, v in _DIGITS.items() if ch != "两"}
_ZEROS = frozenset(ch for ch, v in _DIGITS.items() if v == 0)

_MAX_LEN = 256  # longer strings are not one numeral
_MAX_EXPONENT = 100

_ARABIC_INT = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)"
_ARABIC_NUM = rf"(?:{_ARABIC_INT}(?:\.\d+)?|\.\d+)"
_RE_ARABIC_INT = re.compile(_ARABIC_INT, re.A)
_RE_ARABIC_NUM = re.compile(_ARABIC_NUM, re.A)
_RE_TOKEN = re.compile(rf"(?P<a>{_ARABIC_INT})|(?P<c>.)", re.A | re.S)
_STRING_DIGIT_CLASS = "".join(sorted(_STRING_DIGITS))
_RE_DECIMAL = re.compile(
    rf"(?P<int>.*?)(?P<pt>点|\.)(?P<frac>[0-9{_STRING_DIGIT_CLASS}]+)"
    rf"(?P<mult>[{''.join(_SMALL)}]?[{''.join(_BIG)}]*)(?P<latin>[{''.join(_LATIN)}]?)"
    rf"(?P<approx>[{''.join(sorted(_APPROX))}]?)",
    re.S,
)
_RE_MULT = re.compile(rf"(?P<small>[{''.join(_SMALL)}]?)(?P<big>[{''.join(_BIG)}]*)")
_RE_EXPONENT = re.compile(rf"(?P<m>{_ARABIC_NUM})(?P<op>[eE^])(?P<sign>[-+]*)(?P<n>\d{{1,4}})", re.A)
_RE_LATIN = re.compile(rf"(?P<body>{_ARABIC_INT})(?P<latin>[{''.join(_LATIN)}])", re.A)
_RE_ARABIC_FRACTION = re.compile(rf"(?P<num>{_ARABIC_NUM})/(?P<den>{_ARABIC_NUM})", re.A)
_RE_SPACED_MIXED = re.compile(r"\s*(?P<sign>[-+]?)\s*(?P<w>\d+)\s+(?P<num>\d+)\s*/\s*(?P<den>\d+)\s*", re.A)
_RE_PERCENT_POINT = re.compile(r"(?P<x>.+?)个?百分点")
# 百分之, 千分之, 万分之, 百万分之 … (十分之一 is a plain fraction)
_RE_PER_DENOM = re.compile(rf"(?P<sign>负|[-+])?(?P<den>[百佰千仟万亿][{''.join(_SMALL)}{''.join(_BIG)}]*)分之(?P<x>.+)")
_RE_CHENG = re.compile(rf"(?P<x>.+?)成(?P<d>[0-9{_STRING_DIGIT_CLASS}])?(?P<half>半)?")
_RE_ZHE = re.compile(r"(?P<x>.+?)折")
_RE_WS = re.compile(r"\s+")


class Numeral(NamedTuple):
    """One parsed numeral.

    ``value`` is exact (``Decimal`` or ``Fraction``). For a percent form
    (``3.5%``, ``百分之三点五``, ``三成``, ``八折``, ``千分之二``) it is the percent
    figure and ``unit`` is ``"%"``; for ``X个百分点`` the unit is ``"个百分点"``;
    otherwise ``unit`` is None. ``approx`` is True when the numeral carries an
    approximation mark (``余``, ``多``, ``几``, ``来``: ``220余万``, ``十几``); the
    value is then the round number written (``220余万`` → 2200000).
    """

    value: Number
    unit: Optional[str]
    approx: bool


class _Tok(NamedTuple):
    kind: str  # a: Arabic run, d: digit 1-9, z: zero, s: 十百千, b: 万亿兆, x: approx, h: 半
    value: Union[int, Fraction]
    text: str


# --------------------------------------------------------------------------- public


def parse_number(s: str) -> Optional[Number]:
    """The exact value of ``s`` when ``s`` is wholly one numeral, else None.

    ``"一百零五点六亿"`` → ``Decimal('10560000000')``; ``"三分之一"`` →
    ``Fraction(1, 3)``; ``"百分之三点五"`` → ``Decimal('3.5')`` (percent forms give
    the percent figure); ``"一切"`` → None. Raises ``TypeError`` for a non-str.
    """
    parsed = parse_numeral(s)
    return None if parsed is None else parsed.value


def parse_numeral(s: str) -> Optional[Numeral]:
    """Like :func:`parse_number`, but also says whether ``s`` is a percent form
    and whether it carries an approximation mark (see :class:`Numeral`)."""
    if not isinstance(s, str):
        raise TypeError(f"parse_number() expects str, got {type(s).__name__}")
    try:
        result = _parse(s)
    except (ArithmeticError, ValueError) as err:  # 1/0, 分母 0: not a number
        _log.debug("not a numeral: %r (%s)", s[:50], err)
        return None
    if result is None:
        return None
    value, unit, approx = result
    return Numeral(to_exact(value), unit, approx)


def to_exact(value: Union[int, Fraction]) -> Number:
    """An int/Fraction as this package returns it: a ``Decimal`` with no positive
    exponent when the decimal expansion terminates, else the ``Fraction``."""
    value = Fraction(value)
    num, den = value.numerator, value.denominator
    if den == 1:
        return Decimal(num)
    rest, twos, fives = den, 0, 0
    while rest % 2 == 0:
        rest //= 2
        twos += 1
    while rest % 5 == 0:
        rest //= 5
        fives += 1
    if rest != 1:
        return value
    k = max(twos, fives)
    return Decimal(f"{num * 10**k // den}E-{k}")


# --------------------------------------------------------------------------- levels


def _canonical(s: str) -> str:
    t = _lexicon.to_canonical(s)
    for src, dst in _EXPANSIONS.items():
        if src in t:
            t = t.replace(src, dst)
    return t


def _parse(s: str):
    if len(s) > 4 * _MAX_LEN:  # even with PDF spacing, not one numeral
        return None
    t = _canonical(s)
    m = _RE_SPACED_MIXED.fullmatch(t)
    if m:  # "1 3/5": a whole number and a fraction, written apart
        den = int(m["den"])
        if den == 0:
            return None
        value = int(m["w"]) + Fraction(int(m["num"]), den)
        return (-value if m["sign"] == "-" else value), None, False
    t = _RE_WS.sub("", t)
    if not t or len(t) > _MAX_LEN:
        return None
    return _percent(t)


def _percent(t: str):
    """Percent forms (value = the percent figure), else a plain signed numeral."""
    if t in ("对折", "半折"):
        return Fraction(50), "%", False
    m = _RE_PERCENT_POINT.fullmatch(t)
    if m:
        r = _signed(m["x"], fractions=False)
        return None if r is None else (r[0], "个百分点", r[1])
    for mark, scale in (("%", 1), ("‰", Fraction(1, 10)), ("‱", Fraction(1, 100))):
        if t.endswith(mark):
            r = _signed(t[: -len(mark)], fractions=False)
            return None if r is None else (r[0] * scale, "%", r[1])
    m = _RE_PER_DENOM.fullmatch(t)
    if m:  # 百分之X, 千分之X, 万分之X, 百万分之X: no digit in the denominator
        den = _multiplier(m["den"])
        # 百分之百: the whole, 100 %
        r = (Fraction(den), False) if m["x"] == m["den"] else _signed(m["x"], fractions=False)
        if den is None or r is None or r[1]:
            return None
        value = r[0] * 100 / den
        return (-value if m["sign"] in ("负", "-") else value), "%", False
    m = _RE_CHENG.fullmatch(t)
    if m:  # 成: tenths
        r = _signed(m["x"], fractions=False)
        if r is None or r[1] or (m["d"] and m["half"]):
            return None
        tenths = r[0]
        if m["d"]:
            tenths += Fraction(_digit_value(m["d"]), 10)
        if m["half"]:
            tenths += Fraction(1, 2)
        if not 0 < tenths <= 10:
            return None
        return tenths * 10, "%", False
    m = _RE_ZHE.fullmatch(t)
    if m:  # 折: a price as tenths (八折) or as two digits (七五折, 75折)
        r = _unsigned_real(m["x"])
        if r is None or r[1]:
            return None
        v = r[0]
        if 0 < v < 10:
            return v * 10, "%", False
        if 10 <= v < 100 and v.denominator == 1 and _is_digit_string(m["x"]):
            return v, "%", False
        return None
    r = _signed(t, fractions=True)
    return None if r is None else (r[0], None, r[1])


def _signed(t: str, fractions: bool):
    sign = 1
    for prefix in _MINUS:
        if t.startswith(prefix):
            sign, t = -1, t[len(prefix):]
            break
    else:
        for prefix in _PLUS:
            if t.startswith(prefix):
                t = t[len(prefix):]
                break
    r = _value(t) if fractions else _unsigned_real(t)
    return None if r is None else (sign * r[0], r[1])


def _value(t: str):
    """An unsigned real, fraction, or mixed number (the parts may carry signs)."""
    if "又" in t:
        whole, frac = t.split("又", 1)
        if "分之" not in frac and "/" not in frac:
            return None
        w, f = _unsigned_real(whole), _fraction(frac)
        if w is None or f is None or w[1] or w[0].denominator != 1:
            return None
        return w[0] + f[0], False
    if "分之" in t or "/" in t:
        return _fraction(t)
    return _unsigned_real(t)


def _fraction(t: str):
    if "分之" in t:
        den_s, num_s = t.split("分之", 1)
        den, num = _signed(den_s, fractions=False), _signed(num_s, fractions=False)
    else:
        m = _RE_ARABIC_FRACTION.fullmatch(t)
        if not m:
            return None
        num, den = _arabic(m["num"]), _arabic(m["den"])
        num, den = (num, False), (den, False)
    if den is None or num is None or num[1] or den[1] or den[0] == 0:
        return None
    return num[0] / den[0], False


def _unsigned_real(t: str):
    if not t:
        return None
    if t.endswith("打") and len(t) > 1:  # dozen
        r = _unsigned_real(t[:-1])
        if r is None or r[0].denominator != 1:
            return None
        return r[0] * 12, r[1]
    m = _RE_EXPONENT.fullmatch(t)
    if m:
        mantissa, n = _arabic(m["m"]), int(m["n"])
        if m["sign"].count("-") % 2:
            n = -n
        if abs(n) > _MAX_EXPONENT:
            return None
        if m["op"] == "^":
            if mantissa == 0 and n < 0:
                return None
            return mantissa**n, False
        return mantissa * Fraction(10) ** n, False
    m = _RE_DECIMAL.fullmatch(t)
    if m:
        return _decimal(m)
    m = _RE_LATIN.fullmatch(t)
    if m:  # 40k, 3w
        return _arabic(m["body"]) * _LATIN[m["latin"]], False
    return _integer(t)


def _decimal(m: re.Match):
    int_s, frac_s = m["int"], m["frac"]
    if m["pt"] == ".":
        if not _RE_ARABIC_INT.fullmatch(int_s) and int_s != "":
            return None
        if not frac_s.isascii():
            return None
        whole, has_big = (_arabic(int_s) if int_s else 0), False
    else:
        if not int_s:
            return None
        toks = _tokenize(int_s)
        if toks is None:
            return None
        has_big = any(tok.kind == "b" for tok in toks)
        r = _integer(int_s, allow_approx=False)
        if r is None:
            return None
        whole = r[0]
    frac = Fraction(int("".join(str(_digit_value(ch)) for ch in frac_s)), 10 ** len(frac_s))
    value = whole + frac
    if m["mult"]:
        if has_big:
            return None
        mult = _multiplier(m["mult"])
        if mult is None:
            return None
        value *= mult
    if m["latin"]:
        value *= _LATIN[m["latin"]]
    if m["approx"] and not (m["mult"] or m["latin"]):
        return None  # 2.3万多 (round value 23000), but not 2.3多
    return value, bool(m["approx"])


def _multiplier(s: str) -> Optional[int]:
    """``千万`` → 10**7, ``万亿`` → 10**12; None when ``s`` is not a run of multipliers."""
    m = _RE_MULT.fullmatch(s)
    if not m or not s:
        return None
    value = _SMALL[m["small"]] if m["small"] else 1
    for ch in m["big"]:
        value *= _BIG[ch]
    return value


def _arabic(s: str) -> Fraction:
    return Fraction(s.replace(",", ""))


def _digit_value(ch: str) -> int:
    return int(ch) if ch.isascii() else _STRING_DIGITS[ch]


def _is_digit_string(t: str) -> bool:
    return t.isascii() and t.isdigit() or (len(t) > 1 and all(ch in _STRING_DIGITS for ch in t))


# --------------------------------------------------------------------------- integers


def _tokenize(t: str) -> Optional[list[_Tok]]:
    toks = []
    for m in _RE_TOKEN.finditer(t):
        if m["a"]:
            toks.append(_Tok("a", int(m["a"].replace(",", "")), m["a"]))
            continue
        ch = m["c"]
        if ch in _ZEROS:
            toks.append(_Tok("z", 0, ch))
        elif ch in _DIGITS:
            toks.append(_Tok("d", _DIGITS[ch], ch))
        elif ch in _SMALL:
            toks.append(_Tok("s", _SMALL[ch], ch))
        elif ch in _BIG:
            toks.append(_Tok("b", _BIG[ch], ch))
        elif ch in _APPROX:
            toks.append(_Tok("x", 0, ch))
        elif ch == "半":
            toks.append(_Tok("h", Fraction(1, 2), ch))
        else:
            return None
    return toks


def _integer(t: str, allow_approx: bool = True):
    toks = _tokenize(t)
    if not toks:
        return None
    if len(toks) > 1 and all(tok.kind in "dz" and tok.text in _STRING_DIGITS for tok in toks):
        # read digit by digit: 二〇二六, 零零三, 一一
        return Fraction(int("".join(str(tok.value) for tok in toks))), False
    marks = [i for i, tok in enumerate(toks) if tok.kind == "x"]
    # a numeral needs a digit (or 十): 万, 千万, 百 alone are words; but with a
    # mark of approximation a bare unit counts once: 百余, 千余, 万余 (人)
    if not any(tok.kind in "dazh" or (tok.kind == "s" and tok.value == 10) for tok in toks):
        if not marks or toks[0].kind not in "sb":
            return None
        if toks[0].kind == "b":
            toks = [_Tok("d", 1, "")] + toks
            marks = [i + 1 for i in marks]
    approx = False
    if marks:
        if not allow_approx or len(marks) > 1:
            return None
        i = marks[0]
        if i == 0 or any(tok.kind != "b" for tok in toks[i + 1:]):
            return None
        prev = toks[i - 1]
        if prev.kind not in "sbza" or (toks[i].text == "来" and prev.kind not in "sb"):
            return None
        approx = True
        toks = toks[:i] + toks[i + 1:]
    value = _with_big_units(toks)
    return None if value is None else (Fraction(value), approx)


def _with_big_units(toks: list[_Tok]):
    bigs = [tok.value for tok in toks if tok.kind == "b"]
    if not bigs:
        return _section(toks)
    unit = max(bigs)
    i = max(j for j, tok in enumerate(toks) if tok.kind == "b" and tok.value == unit)
    left, right = toks[:i], toks[i + 1:]
    if not left:
        return None
    # the same unit may repeat only as a run (万万 = 亿): "一亿二亿" is two numbers
    if any(tok.kind == "b" and tok.value == unit for tok in left) and not (
        left[-1].kind == "b" and left[-1].value == unit
    ):
        return None
    high = _with_big_units(left)
    if high is None:
        return None
    if not right:
        return high * unit
    if len(right) == 1 and (right[0].kind == "d" or (right[0].kind == "a" and len(right[0].text) == 1)):
        if right[0].value == 0:
            return None
        return high * unit + right[0].value * unit // 10  # 一万三 = 13000
    j = 0
    while j < len(right) and right[j].kind == "z":
        j += 1
    rest = right[j:]
    if not rest:
        return high * unit
    low = _with_big_units(rest)
    if low is None or low >= unit:
        return None
    return high * unit + low


def _section(toks: list[_Tok]):
    """A number below 10**4 (or an Arabic run): digits, 十百千 and 零."""
    total = 0
    last = None  # the last small unit seen
    pending = None
    zero = False
    for tok in toks:
        if tok.kind in "dah":
            if pending is not None:
                return None
            pending = tok
        elif tok.kind == "z":
            if pending is not None:
                return None
            zero = True
        elif tok.kind == "s":
            if last is not None and tok.value >= last:
                return None
            if pending is None:
                coef = 1
            else:
                if pending.kind == "a" and len(pending.text) != 1:
                    return None
                coef = pending.value
                if coef == 0:
                    return None
            total += coef * tok.value
            last, pending, zero = tok.value, None, False
        else:
            return None
    if pending is not None:
        if pending.kind == "h":
            return pending.value if len(toks) == 1 else None
        if pending.kind == "a" and len(pending.text) > 1:
            if last is not None and pending.value >= last:
                return None
            total += pending.value
        elif zero or last is None or last == 10:
            total += pending.value
        else:
            total += pending.value * last // 10  # 二百五 = 250
    return total
