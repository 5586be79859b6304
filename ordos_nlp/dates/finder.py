"""Find time expressions in a string and give them FACTS.md values.

Values: ``2026`` (a year), ``2026-SP`` (season), ``2026-Q1`` (quarter), ``2026-H1``,
``2026-02``, ``2026-02-05``, ``XXXX-XX-28`` (a day without its month); intervals as ``start/end``
(``2024/2026``, ``2026-01/2026-02``); ``XXXX`` where the year is unknown;
``relative`` for words such as 近日 and 近年来, for periods counted from now
(``5年前``, ``未来4天``), for holidays and solar terms without a year (``国庆期间``,
``立春``) and for times of day without a date (``凌晨3时``). With ``doc_date`` the
year of 今年/去年 and of a month or quarter without a year is filled in.

A year is a date; ``6年`` is a duration (the quantity finder's business). A year
that is the base of a comparison (``比上年``, ``去年同期``, ``较年初``) is not a
date. Numbers are read by :mod:`ordos_nlp.numerals`, the package's one numeral reader.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..facts import TimeExpr
from ..numerals import parse_number

_DATA = json.loads(resources.files(__package__).joinpath("patterns.json").read_text("utf-8"))


def _alt(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _first_chars(*word_lists) -> str:
    return "".join(sorted({w[0] for words in word_lists for w in words}))


D = "[0-9０-９]"
CN_D = "[〇零○Ｏ一二三四五六七八九]"
SMALL = rf"(?:{D}{{1,2}}|十[一二三四五六七八九]?|[一二三四五六七八九]十?[一二三四五六七八九]?|[二三]十[一]?)"
DASH = r"(?:——|—|―|–|－|-|~|〜|至|到)"
_NOT_YEAR_AFTER = r"(?!级|龄|代|纪|限|薪|均|化率)"
YEAR = rf"(?P<year>{D}{{4}}|{CN_D}{{4}})[ \u3000]?年{_NOT_YEAR_AFTER}(?P<fiscal>度)?"
YEAR_RANGE = (
    rf"(?P<y1>{D}{{4}}|{CN_D}{{4}})[ \u3000]?年?[ \u3000]?{DASH}[ \u3000]?"
    rf"(?P<y2>{D}{{4}}|{CN_D}{{4}})[ \u3000]?年{_NOT_YEAR_AFTER}度?"
)
ISO = (
    r"(?<![0-9A-Za-z.])(?P<iy>(?:1[89]|2[01])[0-9]{2})(?P<isep>[-./])(?P<im>[0-9]{1,2})(?P=isep)(?P<id>[0-9]{1,2})"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?(?![0-9.])"
)
REL_YEAR = rf"(?P<relyear>{_alt(_DATA['year_offsets'])})"
QUARTER = r"(?P<qprefix>前|第)?(?P<quarter>[一二三四1-4１-４])季度(?P<qedge>末|底)?"
SEASON = rf"(?P<season>{_alt(_DATA['seasons'])})"
HALF = rf"(?P<half>{_alt(_DATA['halves'])})"
YEAR_EDGE = rf"(?P<yedge>{_alt(_DATA['year_edges'])})"
DAY_PART = rf"(?:{_alt(_DATA['day_parts'])})"
FIRST_MONTHS = rf"前(?P<firstmonths>{SMALL})个?月份?"
MONTH_RANGE = rf"(?P<m1>{SMALL})(?:月份?)?{DASH}(?P<m2>{SMALL})月份?"
# a day may stand without 日 before a dash: 2月26——2月27日
MONTH = (
    rf"(?P<month>{SMALL})月(?!龄)(?:份)?(?:(?P<day>{SMALL})(?:[日号]|(?={DASH})))?"
    rf"(?P<medge>{_alt(_DATA['month_edges'])})?"
)
DAY_RANGE = rf"(?<![0-9０-９月])(?P<d1>[0-9０-９]{{1,2}})日?{DASH}(?P<d2>[0-9０-９]{{1,2}})日"
DAY = r"(?<![0-9０-９〇零一二三四五六七八九十月第])(?P<dayonly>[0-9０-９]{1,2}|[一二三]?十[一二三四五六七八九]?|二十|三十)日(?![前内游均])"
HOLIDAY = (
    rf"(?:(?P<holiday>{_alt(_DATA['holidays'])})|(?P<term>{_alt(_DATA['solar_terms'])}))"
    rf"(?P<htail>(?:{_alt(_DATA['holiday_tails'])})?(?:第{SMALL}[天日])?)"
)
DECADE = r"(?:(?P<century>20|21|二十|二十一)世纪)?(?P<decade>[1-9]0|[一二三四五六七八九]十)年代"
TIME = (
    rf"(?P<daypart>{DAY_PART})?(?:(?P<hour>{SMALL})(?P<hmark>[时点時點])"
    rf"(?![间期代候刻光节速空效段事政装尚差令髦辰态])(?:(?P<minute>{SMALL})分|(?P<halfhour>半))?(?:许|左右)?)?"
    rf"(?:(?:到|至){DAY_PART})?"
)
PART = rf"(?:{QUARTER}|{SEASON}|{HALF}|{FIRST_MONTHS}|{MONTH_RANGE}|{MONTH}|{DAY_RANGE}|{DAY}|{HOLIDAY}|{DECADE})"
PERIOD = (
    rf"(?P<period>(?!前{SMALL}个?月)(?:{_alt(_DATA['period_before'])})(?:{SMALL}|几)(?:(?:到|至|-){SMALL})?(?:{_alt(_DATA['period_units'])})"
    rf"|(?<![0-9０-９〇零一二三四五六七八九十])(?:{SMALL}|几|十几|几十)(?:{_alt(_DATA['period_units'])})"
    rf"(?:以前|以后|之前|之后|以来|前(?!往|进|行|夕)|后(?![续期备劲方面])|来(?![到自看])))"
)
# every part of ANCHORED is optional: the lookahead keeps the scan from stopping at
# every character (and at every 一 of running text)
_ANCHOR_START = "0-9０-９〇零○Ｏ一二三四五六七八九十今本去上明前后截自春夏秋冬年" + _first_chars(
    _DATA["holidays"], _DATA["solar_terms"], _DATA["day_parts"]
)
_ANCHOR_LOOK = (
    rf"(?=[0-9０-９]|{CN_D}{{4}}|{SMALL}(?:月|季度|[时点日])|[截自春夏秋冬]|年[底末初]|前[一二三四]季度|第[一二三四]季度"
    rf"|前{SMALL}个?月|二十世纪|二十一世纪|[一二三四五六七八九]十年代"
    rf"|{_alt([*_DATA['year_offsets'], *_DATA['halves'], *_DATA['holidays'], *_DATA['solar_terms'], *_DATA['day_parts']])})"
)
ANCHORED = (
    rf"(?=[{_ANCHOR_START}]){_ANCHOR_LOOK}"
    rf"(?P<until>截至|截止到?)?(?P<since>自)?"
    rf"(?:{YEAR}|{REL_YEAR})?(?:{PART}|{YEAR_EDGE}|(?<=年)(?P<ytail>[底末初])(?![期步心衷始级]))?"
    rf"(?:{TIME})?"
    rf"(?P<sincetail>以来|起)?"
)
WEEKDAY = rf"(?:{_alt(_DATA['weekday_prefixes'])})[一二三四五六日天](?![0-9一二三四五六七八九十])"
RELATIVE = (
    rf"(?P<relative>(?:截至|截止到?)?(?:{WEEKDAY}|{_alt(_DATA['relative'])})(?!报|头条)"
    rf"(?:{DAY_PART}(?:(?:到|至){DAY_PART})?)?(?:{SMALL}[时点](?:{SMALL}分)?)?)"
)
_START = _ANCHOR_START + "几截" + _first_chars(_DATA["relative"], _DATA["period_before"], _DATA["weekday_prefixes"])
# the lookahead lets the scan skip, in one step, every character no expression starts with
PATTERN = re.compile(rf"(?=[{_START}])(?:{RELATIVE}|{ISO}|{YEAR_RANGE}|{PERIOD}|{ANCHORED})")
TITLE = re.compile(r"《[^《》]*》")
_COMPARISON_BEFORE = re.compile(rf"(?:{_alt(_DATA['comparison_before'])})$")
_COMPARISON_AFTER = re.compile(_alt(_DATA["comparison_after"]))
_NEEDS_TAIL = frozenset(w for w in _DATA["holidays"] if not w.endswith("节") and w != "元旦")


@lru_cache(maxsize=1024)
def _number(s: str) -> int:
    """A month, day, hour or year written in digits or Chinese (``十一``, ``二〇二六``)."""
    value = parse_number(s)
    if value is None or value != int(value):
        raise ValueError(f"not a whole number: {s!r}")
    return int(value)


def _year_of(text: str) -> Optional[str]:
    if not text:
        return None
    y = _number(text)
    return str(y) if 1000 <= y <= 2199 else None


def _year(m: re.Match, doc_date: Optional[date]) -> Optional[str]:
    if m.group("year"):
        return str(_number(m.group("year")))
    if m.group("relyear"):
        if doc_date is None:
            return None
        return str(doc_date.year + _DATA["year_offsets"][m.group("relyear")])
    return None


def _time_of_day(m: re.Match) -> Optional[str]:
    """``HH:MM`` of a time of day, or None when the match has none or it is not a time."""
    if not m.group("hour"):
        return None
    if m.group("hmark") in "点點" and not m.group("daypart"):
        return None  # 3点建议: a count, not a time
    hour = _number(m.group("hour"))
    minute = 30 if m.group("halfhour") else (_number(m.group("minute")) if m.group("minute") else 0)
    if m.group("daypart") in ("下午", "傍晚", "晚上") and hour < 12:
        hour += 12
    if not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    return f"{hour:02d}:{minute:02d}"


def _value(m: re.Match, doc_date: Optional[date]) -> Optional[tuple[str, Optional[str]]]:
    """(value, mod) of an anchored match, or None when it is not a real date.

    A part of the day or a time (``28日夜间``, ``凌晨3时``) keeps the value of its
    day; without a day it is ``relative``, and alone (``白天``) not a date."""
    year = _year(m, doc_date)
    has_year = bool(m.group("year") or m.group("relyear"))
    if m.group("holiday") or m.group("term"):
        fixed = _DATA["holidays"].get(m.group("holiday") or "")
        if m.group("holiday") in _NEEDS_TAIL and not (m.group("htail") or has_year):
            return None  # 国庆 alone is also a given name
        return (f"{year}-{fixed}" if year and fixed else "relative"), None
    tod = _time_of_day(m)
    if m.group("hour") and tod is None:
        return None
    if year is None:
        year = str(doc_date.year) if (doc_date is not None and not has_year) else "XXXX"
    month_of_doc = f"{doc_date.month:02d}" if (doc_date is not None and not has_year) else "XX"
    mod = None
    if m.group("until"):
        mod = "until"
    if m.group("since") or m.group("sincetail"):
        mod = "since"
    if m.group("quarter"):
        q = _number(m.group("quarter"))
        if m.group("qedge"):
            mod = "end"
        if m.group("qprefix") == "前":
            return f"{year}-Q1/{year}-Q{q}", mod
        return f"{year}-Q{q}", mod
    if m.group("season"):
        return f"{year}-{_DATA['seasons'][m.group('season')]}", mod
    if m.group("half"):
        return f"{year}-{_DATA['halves'][m.group('half')]}", mod
    if m.group("firstmonths"):
        last = _number(m.group("firstmonths"))
        return (f"{year}-01/{year}-{last:02d}", mod) if 1 < last <= 12 else None
    if m.group("m1"):
        first, last = _number(m.group("m1")), _number(m.group("m2"))
        if not 1 <= first < last <= 12:
            return None
        return f"{year}-{first:02d}/{year}-{last:02d}", mod
    if m.group("month"):
        month = _number(m.group("month"))
        if not 1 <= month <= 12:
            return None
        value = f"{year}-{month:02d}"
        if m.group("day"):
            day = _number(m.group("day"))
            if not 1 <= day <= 31:
                return None
            value += f"-{day:02d}"
        elif tod:
            return None  # 3月3时 is not a time of a day
        if m.group("medge"):
            mod = _DATA["month_edges"][m.group("medge")]
        return value, mod
    if m.group("d1"):
        first, last = _number(m.group("d1")), _number(m.group("d2"))
        if not 1 <= first < last <= 31:
            return None
        return f"{year}-{month_of_doc}-{first:02d}/{year}-{month_of_doc}-{last:02d}", mod
    if m.group("dayonly"):
        day = _number(m.group("dayonly"))
        return (f"{year}-{month_of_doc}-{day:02d}", mod) if 1 <= day <= 31 else None
    if m.group("decade"):
        decade = _number(m.group("decade")) // 10
        century = _number(m.group("century")) if m.group("century") else 20
        return f"{century - 1}{decade}X", mod
    if tod:
        return ("relative" if not has_year else None), mod
    if m.group("yedge"):
        return year, _DATA["year_edges"][m.group("yedge")]
    if m.group("ytail"):
        return year, _DATA["year_edges"]["年" + m.group("ytail")]
    if not has_year:
        return None
    if m.group("year") and not 1000 <= int(year) <= 2199:
        return None
    return year, mod


def _iso(m: re.Match) -> Optional[str]:
    try:
        day = date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    except ValueError:
        return None
    return day.isoformat()


def _year_range(m: re.Match) -> Optional[str]:
    first, last = _year_of(m.group("y1")), _year_of(m.group("y2"))
    if first is None or last is None or int(first) >= int(last):
        return None
    return f"{first}/{last}"


_MONTH_FOLLOWERS = set("份底末初中上下以起至到的前后")
_NUMERALISH = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万第")


def _bare_chinese_month(m: re.Match, text: str) -> bool:
    """``一月一链`` is a slogan, not January: a Chinese-numeral month with no year and
    no day is a date only when a date word or a non-Han character follows."""
    if not m.group("month") or m.group("day") or m.group("year") or m.group("relyear"):
        return False
    if m.group("month").translate(_FULLWIDTH).isdigit():
        return False
    nxt = text[m.end()] if m.end() < len(text) else ""
    return bool(nxt) and "\u4e00" <= nxt <= "\u9fff" and nxt not in _MONTH_FOLLOWERS


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _comparison_base(text: str, s: int, e: int, named: bool = False) -> bool:
    """``比上年``, ``较年初``, ``去年同期``, ``与上年持平``: the base of a change, not a date.

    A date that names its year (``与2025年春季同期调查数据相比``) stays a date when
    only the words after it compare; 比 and 较 right before it make any date a base."""
    if _COMPARISON_BEFORE.search(text, max(0, s - 2), s):
        return True
    if named:
        return False
    return bool(_COMPARISON_AFTER.match(text, e)) or (s > 0 and text[s - 1] == "由" and text.startswith("的", e))


def find_dates(text: str, doc_date: Optional[date] = None) -> list[TimeExpr]:
    """Time expressions in ``text`` (offsets into it), in order, not overlapping."""
    if not isinstance(text, str):
        raise TypeError(f"find_dates() expects str, got {type(text).__name__}")
    titles = [m.span() for m in TITLE.finditer(text)] if "《" in text else []
    title_starts = [a for a, _ in titles]
    out: list[TimeExpr] = []
    for m in PATTERN.finditer(text):
        s, e = m.span()
        if s == e:
            continue
        i = bisect_right(title_starts, s) - 1
        if i >= 0 and e <= titles[i][1]:
            continue  # nothing inside 《…》 is a date
        if m.group("relative"):
            if s > 0 and text[s - 1] in _NUMERALISH:
                continue  # 5日前 is not 日前
            if _comparison_base(text, s, e):
                continue
            out.append(TimeExpr(m.group(), s, e, "relative"))
            continue
        if m.group("iy"):
            value = _iso(m)
            if value:
                out.append(TimeExpr(m.group(), s, e, value))
            continue
        if m.group("y1"):
            value = _year_range(m)
            if value:
                out.append(TimeExpr(m.group(), s, e, value))
            continue
        if m.group("period"):
            if _comparison_base(text, s, e):
                continue
            out.append(TimeExpr(m.group(), s, e, "relative"))
            continue
        try:
            result = _value(m, doc_date)
        except ValueError:
            continue
        if result is None or _bare_chinese_month(m, text) or _comparison_base(text, s, e, bool(m.group("year"))):
            continue
        value, mod = result
        out.append(TimeExpr(text[s:e], s, e, value, mod))
    return _join_ranges(text, out)


_DASH_RE = re.compile(DASH)
_PRECISE_RE = re.compile(r"(?P<y>\d{4}|XXXX)(?:-(?P<m>\d\d|XX)(?:-(?P<d>\d\d))?)?")


def _join_ranges(text: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """``4月2日—4月5日``, ``10月1日-4日``, ``1月至10月``: two dates joined by a dash are
    one interval; the second takes the year and month it leaves out from the first."""
    out: list[TimeExpr] = []
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and _DASH_RE.fullmatch(text, prev.end, t.start):
            a, b = _PRECISE_RE.fullmatch(prev.value), _PRECISE_RE.fullmatch(t.value)
            if a and b and bool(a["m"]) == bool(b["m"]) and bool(a["d"]) == bool(b["d"]):
                # what the second leaves unsaid (a doc_date may have filled it) is the first's
                year = b["y"] if "年" in t.text or not a["y"] else a["y"]
                month = b["m"] if "月" in t.text or not b["d"] else a["m"]
                end = "-".join(p for p in (year, month, b["d"]) if p)
                if prev.value < end or "X" in prev.value:
                    out[-1] = TimeExpr(text[prev.start : t.end], prev.start, t.end, f"{prev.value}/{end}", prev.mod)
                    continue
        out.append(t)
    return out
