"""Regular-expression sources for numerals in running text, and a finder built on them.

The sources work on the caller's raw text (full-width digits, traditional and
financial characters included), so match offsets are offsets into that text.
They propose candidates; :func:`find_numerals` keeps only those that
:func:`~ordos_nlp.numerals.parse.parse_numeral` accepts, trimming a candidate
from the right until it parses (``十一十二`` → ``十一``, then ``十二``).
"""

from __future__ import annotations

import logging
import re
from typing import NamedTuple, Optional

from . import lexicon as _lexicon
from .parse import Number, parse_numeral

_LEX = _lexicon.load()
_log = logging.getLogger(__name__)


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(ch) for ch in dict.fromkeys(chars)) + "]"


def _variants_of(targets: str) -> str:
    """Characters of ``targets`` plus the lexicon variants that map onto them."""
    return targets + "".join(src for src, dst in _LEX["variants"].items() if dst in targets)


_DIG = "0-9０-９"
_CN_DIGITS = _variants_of("".join(_LEX["digits"])) + "".join(_LEX["expansions"])
_CN_STRING_DIGITS = _variants_of("".join(ch for ch in _LEX["digits"] if ch != "两"))
_QIAN_UNITS = "|".join(map(re.escape, _LEX["unit_words_after_qian"]))
_ZHAO_UNITS = "|".join(map(re.escape, _LEX["unit_words_after_zhao"]))

#: An Arabic number: ``1236``, ``1,236``, ``１，２３６``, ``192.34``, ``１９２．３４``.
# Every digit run is taken whole (lookarounds), so that a run can never be split
# between repetitions of a token: no catastrophic backtracking on long digit strings.
ARABIC = (
    rf"(?<![{_DIG}])(?:[{_DIG}]{{1,3}}(?:[,，][{_DIG}]{{3}})+|[{_DIG}]+)(?![{_DIG}])"
    rf"(?:[.．][{_DIG}]+(?![{_DIG}]))?"
)

# 十百千 (not the 千 of 千克/千米/千瓦 …) and 万亿兆 (not the 兆 of 兆瓦/兆赫 …)
_SMALL = rf"(?:[十拾百佰仟]|千(?!{_QIAN_UNITS}))"
_BIG = rf"(?:[万萬亿億]|兆(?!{_ZHAO_UNITS}))"
_APPROX = _cls(_variants_of("".join(_LEX["approx"])))
_START = r"(?<![A-Za-zＡ-Ｚａ-ｚ0-9０-９.．])"

#: One candidate numeral (no sign, no percent sign): Arabic (``1,236``,
#: ``１９２．３４``), Chinese with multipliers (``一百零五点六亿``, ``壹佰``,
#: ``四萬``), mixed (``192.34亿``, ``3.5万``, ``1.2万亿``, ``3万4000``), digit strings
#: (``二〇二六``), approximations (``220余万``, ``十几``, ``3000多``, ``万余``).
NUMERAL = (
    rf"{_START}(?:{ARABIC}|{_cls(_CN_DIGITS)}|{_SMALL}|{_BIG}(?={_APPROX}))"
    rf"(?:{ARABIC}|{_cls(_CN_DIGITS)}|{_SMALL}|{_BIG})*"
    # a decimal part and/or an approximation mark, then multipliers: 五点六亿, 220余万
    rf"(?:(?:[点點](?:[{_DIG}]|{_cls(_CN_STRING_DIGITS)})+{_APPROX}?|{_APPROX})(?:{_SMALL}|{_BIG})*)?"
)

#: A fraction or percent phrase: ``三分之一``, ``百分之三点五``, ``千分之二``,
#: ``一又二分之一`` (the numerator may carry 负).
FRACTION = (
    rf"(?:(?:{NUMERAL})又)?(?:{NUMERAL}|[百千万萬]+)分之(?:[负負\-－])?(?:{NUMERAL})"
)

#: Signs that may stand before a numeral (not part of NUMERAL: ``150-350`` is a range).
SIGN = r"(?:[\-－−﹣]|[负負]|零下)"

NUMERAL_RE = re.compile(NUMERAL)
FRACTION_RE = re.compile(FRACTION)
# where a numeral or fraction can begin (cheap to search; the full patterns are
# then tried at that position only, on a bounded window)
_BEGIN_RE = re.compile(rf"{_START}(?:[{_DIG}]|{_cls(_CN_DIGITS)}|{_SMALL}|[万萬])")

# single characters that are far more often words than numerals: 陆地, 队伍, 收拾, 零售
_LONE_WORDLIKE = frozenset(_LEX["financial"] + _variants_of("零〇"))
# characters; no numeral in running text is longer (一千一百一十一万一千一百一十一亿… has 31)
_MAX_CANDIDATE = 40


class NumeralMatch(NamedTuple):
    """A numeral found in running text; ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    value: Number
    unit: Optional[str]  # "%" for 百分之 / 千分之 forms (value = percent figure), else None
    approx: bool


def find_numerals(text: str) -> list[NumeralMatch]:
    """Every numeral in ``text``, left to right, non-overlapping, with exact values.

    Lone characters that are usually words (``陆``, ``伍``, ``拾``, ``零`` …) are
    skipped, and a two-character digit string without a zero (``三四``, usually a
    range: ``三四十人``) is split into its digits. Signs, units and qualifiers are
    left to the caller.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_numerals() expects str, got {type(text).__name__}")
    out: list[NumeralMatch] = []
    pos = 0
    while True:
        m = _BEGIN_RE.search(text, pos)
        if not m:
            return out
        start = m.start()
        window = min(len(text), start + _MAX_CANDIDATE)
        found = None
        for regex in (FRACTION_RE, NUMERAL_RE):
            cand = regex.match(text, start, window)
            if cand and cand.end() > start:
                found = _longest_parse(text, start, cand.end())
                if found and found.end == window < len(text):
                    whole = regex.match(text, start, start + 4 * _MAX_CANDIDATE)
                    if whole.end() > window:
                        # the window cut it: longer than any numeral, skipped whole
                        _log.debug("numeral at %d skipped: longer than %d characters", start, _MAX_CANDIDATE)
                        found = _SKIPPED
                        pos = _run_end(text, whole.end())
                if found:
                    break
        if found is _SKIPPED:
            continue
        if found is None:
            pos = start + 1
            continue
        out.append(found)
        pos = found.end


_SKIPPED = object()


def _run_end(text: str, pos: int) -> int:
    """The end of the run of numeral characters that goes on at ``pos``."""
    while True:
        m = NUMERAL_RE.match(text, pos, pos + _MAX_CANDIDATE)
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def _longest_parse(text: str, start: int, end: int) -> Optional[NumeralMatch]:
    for stop in range(end, start, -1):
        piece = text[start:stop]
        if len(piece) == 1 and piece in _LONE_WORDLIKE:
            return None
        if _is_short_digit_pair(piece):
            continue
        parsed = parse_numeral(piece)
        if parsed is not None:
            return NumeralMatch(start, stop, piece, parsed.value, parsed.unit, parsed.approx)
    return None


def _is_short_digit_pair(piece: str) -> bool:
    canon = _lexicon.to_canonical(piece)
    return (
        len(canon) == 2
        and all(ch in _LEX["digits"] and ch != "两" for ch in canon)
        and not any(_LEX["digits"][ch] == 0 for ch in canon)
    )
