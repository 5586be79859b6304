"""Changes and their bases: ``同比增长3.5%``, ``比上年末提高0.68个百分点``.

A figure is a change when the words right before it end in a change verb
(增长, 下降, 提高 …, data/changes.json); ``增长至``/``提高到`` give a level.
The base is the comparison phrase before the verb in the same clause, or a
clause of its own that opens the sentence (``与2025年春季同期调查数据相比,``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .lexicon import Lexicon

YEAR = re.compile(r"([0-9０-９]{4})年")
# single-character verbs (多, 高, 低, 少) read as a change only after a stated base
NEEDS_BASE = frozenset("多高低少升跌")


@dataclass(frozen=True)
class ChangeCue:
    verb_start: int  # view offset where the verb begins
    direction: str


@dataclass(frozen=True)
class Base:
    basis: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ComparisonCue(ChangeCue):
    base: Optional["Base"] = None


RATE_KINDS = ("PERCENT", "PERCENT_POINT", "MULTIPLE")


def change_cue(text: str, left: int, q_start: int, lex: Lexicon, kind: Optional[str] = None) -> Optional[ChangeCue]:
    """The change verb that ends ``text[left:q_start]``, if any; a comparison with
    another place, average or schedule (``高于全国``) is a change against that."""
    gap = text[left:q_start].rstrip()
    if any(w in gap for w in lex.contribution):
        return None
    m = lex.change_tail.search(gap)
    if m is None:
        bare = find_base(text, left, left + len(gap), lex)
        if bare is not None and bare.end == left + len(gap) and bare.basis != "other" and kind in RATE_KINDS:
            # 同比11.4%: a growth rate after its base, the verb left out (比去年同期73.79亿元
            # is the level of the base)
            return ComparisonCue(bare.start, "up", bare)
        c = lex.comparison_re.search(gap)
        if c is None:
            return None
        start = left + c.start()
        base = Base("other", start, left + len(gap), gap[c.start() :])
        return ComparisonCue(start, lex.comparisons[c.group("verb")], base)
    verb = m.group("verb")
    start = left + m.start()
    if verb in NEEDS_BASE and find_base(text, left, start, lex) is None:
        return None
    return ChangeCue(start, lex.verbs[verb])


def find_base(text: str, a: int, b: int, lex: Lexicon) -> Optional[Base]:
    """The comparison phrase inside ``text[a:b]``: the one ending last (the one next to the
    change), the longest of those."""
    best: Optional[Base] = None
    if lex.any_base.search(text, a, b) is None:
        return None
    for pattern, basis in lex.bases:
        for m in pattern.finditer(text, a, b):
            cand = Base(basis, m.start(), m.end(), m.group())
            if best is None or (cand.end, cand.end - cand.start) > (best.end, best.end - best.start):
                best = cand
    if best is not None and best.basis == "same_season":
        best = Base("yoy", best.start, best.end, best.text)
    return best


def comparison_clause(text: str, a: int, b: int, lex: Lexicon) -> Optional[Base]:
    """A clause that is a comparison on its own (``与上年同期相比``) and its base."""
    clause = text[a:b].strip()
    if not lex.comparison_clause.match(clause):
        return None
    base = find_base(text, a, b, lex)
    if base is not None:
        return Base(base.basis, a, b, text[a:b])
    return Base("other", a, b, text[a:b])


def season_year_basis(base: Base, period_year: Optional[int]) -> Base:
    """A base naming a year is ``other`` (较2021年, 较2019年同期), except the same season
    of the year before the record's period (与2025年春季同期相比 for 2026-SP), which is yoy."""
    m = YEAR.search(base.text)
    if m is None:
        return base
    year = int(m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    same_season = "同期" in base.text and period_year is not None and year == period_year - 1
    return Base("yoy" if same_season else "other", base.start, base.end, base.text)
