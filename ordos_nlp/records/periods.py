"""Which period a figure refers to, as a FACTS.md date value with ``mod``.

The nearest date before the figure in its sentence (not the date inside its
comparison base: ``与2025年春季同期相比`` is the base, not the period); else
the period of an earlier sentence of the paragraph; else the article's (the
first date of its headline or lead); else ``doc_period``. Vague words
(``近年来``, ``目前``) give no period. A year the text leaves open comes from
``doc_period`` or ``doc_date`` and is otherwise ``XXXX``, never guessed.
"""

from __future__ import annotations

import re
from typing import Optional

from .lexicon import Lexicon
from .record import Period
from .view import Item, SentenceView

MODS = {"until": "end", "end": "end", "since": "start"}
OPEN_YEAR = "XXXX"
YEAR = re.compile(r"^([0-9]{4}|XXXX)")
WHOLE_YEAR = ("全年",)


WRITTEN_YEAR = re.compile(r"[0-9０-９]{4}|[〇零一二三四五六七八九]{4}")
ANY_YEAR = re.compile(r"(?<![0-9])(?:[0-9]{4}|XXXX)(?![0-9])")


def period_of(item: Item, year: Optional[str], lex: Lexicon, reported: Optional[str] = None) -> Optional[Period]:
    """The period a date gives, or None for vague and event-bound dates.

    ``year`` fills a year the text leaves open; ``reported`` (the year of
    ``doc_period``) replaces the year of a date that writes none (年末, 今年一季度),
    which the dates stage may have read from the publication date."""
    fact = item.fact
    text = re.sub(r"\s+", "", fact.text)
    value = fact.value
    mod = MODS.get(fact.mod or "")
    if value == "relative":
        if text.startswith("今年") and text.endswith("以来"):
            return Period(reported or year or OPEN_YEAR, "start")
        return None
    if text in lex.vague_periods:
        return None
    if reported and not WRITTEN_YEAR.search(text):
        value = ANY_YEAR.sub(reported, value)
    elif year:
        value = value.replace(OPEN_YEAR, year)
    if mod is None and text.endswith(("末", "底")):
        mod = "end"
    return Period(value, mod)


MONTH = re.compile(r"^(XXXX|[0-9]{4})-([0-9]{2})$")
FIRST_MONTH = re.compile(r"([0-9０-９]{1,2})\s*[-－—–~～至到]\s*$")
YEAR_ONLY = re.compile(r"^[0-9]{4}$")


def _widened(view: SentenceView, i: int, period: Period) -> Period:
    """A month the text writes as the end of cumulative months (``1-9月`` → XXXX-01/XXXX-09),
    with the year written right before it (``2023年1-4月``)."""
    m = MONTH.match(period.value)
    if m is None:
        return period
    d = view.dates[i]
    year, month = m.group(1), m.group(2)
    first = FIRST_MONTH.search(view.text, max(0, d.start - 4), d.start)
    head = first.start() if first else d.start
    if i > 0 and view.dates[i - 1].end == head and YEAR_ONLY.match(view.dates[i - 1].fact.value) and year == OPEN_YEAR:
        year = view.dates[i - 1].fact.value
    if first is None:
        return Period(f"{year}-{month}", period.mod)
    start = int(first.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if not 1 <= start < int(month):
        return Period(f"{year}-{month}", period.mod)
    return Period(f"{year}-{start:02d}/{year}-{month}", period.mod)


def sentence_period(view: SentenceView, before: int, skip: list[tuple[int, int]], year: Optional[str],
                    lex: Lexicon, reported: Optional[str] = None) -> Optional[Period]:
    """The period of the nearest usable date before view offset ``before`` (``全年``
    after it names the whole year)."""
    whole_year = max((view.text.rfind(w, 0, before) for w in WHOLE_YEAR), default=-1)
    for i in range(len(view.dates) - 1, -1, -1):
        d = view.dates[i]
        if d.start >= before:
            continue
        if any(a <= d.start and d.end <= b for a, b in skip):
            continue
        p = period_of(d, year, lex, reported)
        if whole_year >= d.end:
            # 2022年全年 is that year; 截止年末…;全年人口出生率 is the whole year
            if p is not None and YEAR_ONLY.match(p.value):
                return Period(p.value)
            break
        if p is not None:
            if p.mod is None and view.text[d.end : d.end + 1] in ("末", "底"):
                p = Period(p.value, "end")  # 三季度末
            return _widened(view, i, p)
    if whole_year >= 0:
        return Period(reported or year or OPEN_YEAR)
    return None


def first_period(views: list[SentenceView], year: Optional[str], lex: Lexicon,
                 reported: Optional[str] = None) -> Optional[Period]:
    """The first usable date of some sentences (an article's headline and lead)."""
    for v in views:
        for d in v.dates:
            p = period_of(d, year, lex, reported)
            if p is not None:
                return p
    return None


def year_of(period: Optional[Period]) -> Optional[int]:
    if period is None:
        return None
    m = YEAR.match(period.value)
    return int(m.group(1)) if m and m.group(1).isdigit() else None


BASE_YEAR = re.compile(r"([0-9]{4})年")
YEAR_BEFORE = ("去年", "上年")


def base_period(base_text: str, period: Optional[Period]) -> Optional[Period]:
    """The period of a level quoted as a base: the year the base names (比2000年的150亿元
    → 2000), or the record's period a year earlier (比去年同期73.79亿元)."""
    m = BASE_YEAR.search(base_text)
    if m is not None:
        return Period(m.group(1))
    if period is not None and any(w in base_text for w in YEAR_BEFORE):
        value = ANY_YEAR.sub(lambda y: str(int(y.group()) - 1) if y.group().isdigit() else y.group(), period.value)
        return Period(value, period.mod)
    return period
