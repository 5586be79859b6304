"""Find time expressions in a string and give them FACTS.md values.

Values: ``2026`` (a year), ``2026-SP`` (season), ``2026-Q1`` (quarter), ``2026-H1``,
``2026-02``, ``2026-02-05``; ``XXXX`` where the year is unknown; ``relative`` for
words such as 近日 and 近年来. With ``doc_date`` the year of 今年/去年 and of a
month or quarter without a year is filled in. A year is a date; ``6年`` is a
duration (the quantity finder's business) and never matched here.
"""

from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from typing import Optional

from ..facts import TimeExpr

_DATA = json.loads(resources.files(__package__).joinpath("patterns.json").read_text("utf-8"))
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGIT["零"] = 0
_CN_DIGIT["○"] = 0
_CN_DIGIT["Ｏ"] = 0
_FULL = str.maketrans("０１２３４５６７８９", "0123456789")


def _alt(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


D = "[0-9０-９]"
CN_D = "[〇零○Ｏ一二三四五六七八九]"
SMALL = rf"(?:{D}{{1,2}}|十[一二三四五六七八九]?|[一二三四五六七八九]十?[一二三四五六七八九]?|[二三]十[一]?)"
YEAR = rf"(?P<year>{D}{{4}}|{CN_D}{{4}})年(?!级|龄|代|纪|限|薪|均|化率)(?P<fiscal>度)?"
REL_YEAR = rf"(?P<relyear>{_alt(_DATA['year_offsets'])})"
QUARTER = rf"(?P<qprefix>前|第)?(?P<quarter>[一二三四1-4１-４])季度"
SEASON = rf"(?P<season>{_alt(_DATA['seasons'])})"
HALF = rf"(?P<half>{_alt(_DATA['halves'])})"
YEAR_EDGE = rf"(?P<yedge>{_alt(_DATA['year_edges'])})"
MONTH = rf"(?P<month>{SMALL})月(?:份)?(?:(?P<day>{SMALL})[日号])?(?P<medge>{_alt(_DATA['month_edges'])})?"
PART = rf"(?:{QUARTER}|{SEASON}|{HALF}|{MONTH})"
# every part of ANCHORED is optional: the lookahead keeps the scan from stopping at every character
ANCHORED = (
    r"(?=[0-9０-９〇零○Ｏ一二三四五六七八九十今本去上明前后截自从春夏秋冬年])"
    rf"(?P<until>截至|截止到?)?(?P<since>自|从)?"
    rf"(?:{YEAR}|{REL_YEAR})?(?:{PART}|{YEAR_EDGE}|(?<=年)(?P<ytail>[底末初])(?![期步心衷始级]))?"
    rf"(?P<sincetail>以来|起)?"
)
RELATIVE = rf"(?P<relative>{_alt(_DATA['relative'])})"
PATTERN = re.compile(rf"{RELATIVE}|{ANCHORED}")
TITLE = re.compile(r"《[^《》]*》")


def _small_number(s: str) -> int:
    s = s.translate(_FULL)
    if s.isdigit():
        return int(s)
    if s.startswith("十"):
        return 10 + (_CN_DIGIT[s[1]] if len(s) > 1 else 0)
    if len(s) >= 2 and s[1] == "十":
        return _CN_DIGIT[s[0]] * 10 + (_CN_DIGIT[s[2]] if len(s) > 2 else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in s))


def _year(m: re.Match, doc_date: Optional[date]) -> Optional[str]:
    if m.group("year"):
        y = m.group("year").translate(_FULL)
        if not y.isdigit():
            y = "".join(str(_CN_DIGIT[c]) for c in y)
        return y
    if m.group("relyear"):
        if doc_date is None:
            return None
        return str(doc_date.year + _DATA["year_offsets"][m.group("relyear")])
    return None


def _value(m: re.Match, doc_date: Optional[date]) -> Optional[tuple[str, Optional[str]]]:
    """(value, mod) of an anchored match, or None when it is not a real date."""
    year = _year(m, doc_date)
    has_year = bool(m.group("year") or m.group("relyear"))
    if year is None:
        year = str(doc_date.year) if (doc_date is not None and not has_year) else "XXXX"
    mod = None
    if m.group("until"):
        mod = "until"
    if m.group("since") or m.group("sincetail"):
        mod = "since"
    if m.group("quarter"):
        q = _small_number(m.group("quarter").translate(_FULL)) if m.group("quarter") not in "一二三四" else "一二三四".index(m.group("quarter")) + 1
        if m.group("qprefix") == "前":
            return f"{year}-Q1/{year}-Q{q}", mod
        return f"{year}-Q{q}", mod
    if m.group("season"):
        return f"{year}-{_DATA['seasons'][m.group('season')]}", mod
    if m.group("half"):
        return f"{year}-{_DATA['halves'][m.group('half')]}", mod
    if m.group("month"):
        month = _small_number(m.group("month"))
        if not 1 <= month <= 12:
            return None
        value = f"{year}-{month:02d}"
        if m.group("day"):
            day = _small_number(m.group("day"))
            if not 1 <= day <= 31:
                return None
            value += f"-{day:02d}"
        if m.group("medge"):
            mod = _DATA["month_edges"][m.group("medge")]
        return value, mod
    if m.group("yedge"):
        return year, _DATA["year_edges"][m.group("yedge")]
    if m.group("ytail"):
        return year, _DATA["year_edges"]["年" + m.group("ytail")]
    if not has_year:
        return None
    if m.group("year") and not 1000 <= int(year) <= 2199:
        return None
    return year, mod


_MONTH_FOLLOWERS = set("份底末初中上下以起至到的前后")
_NUMERALISH = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万第")


def _bare_chinese_month(m: re.Match, text: str) -> bool:
    """``一月一链`` is a slogan, not January: a Chinese-numeral month with no year and
    no day is a date only when a date word or a non-Han character follows."""
    if not m.group("month") or m.group("day") or m.group("year") or m.group("relyear"):
        return False
    if m.group("month").translate(_FULL).isdigit():
        return False
    nxt = text[m.end()] if m.end() < len(text) else ""
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and nxt not in _MONTH_FOLLOWERS


def find_dates(text: str, doc_date: Optional[date] = None) -> list[TimeExpr]:
    """Time expressions in ``text`` (offsets into it), in order, not overlapping."""
    titles = [m.span() for m in TITLE.finditer(text)]
    out: list[TimeExpr] = []
    for m in PATTERN.finditer(text):
        s, e = m.span()
        if s == e or any(a <= s and e <= b for a, b in titles):
            continue
        if m.group("relative"):
            if s > 0 and text[s - 1] in _NUMERALISH:
                continue  # 5日前 is not 日前
            out.append(TimeExpr(m.group(), s, e, "relative"))
            continue
        result = _value(m, doc_date)
        if result is None:
            continue
        if _bare_chinese_month(m, text):
            continue
        value, mod = result
        out.append(TimeExpr(text[s:e], s, e, value, mod))
    return out
