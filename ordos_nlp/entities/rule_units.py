"""A unit of the body just named, written without it: 康宁爆破集团董事长魏格平、党委副书记李玉芳.

News list a body's officers one after the other; the second officer's party
committee, union or discipline committee (党委, 工会, 纪委 …) is the named body's,
so the bare word is that body's unit and an organisation (FACTS.md: abbreviated
bodies are ORG). It counts only where it is one item of such a list: after a list
mark, before an officer's title, with an organisation named a little before it in
the same sentence. Elsewhere (党委领导的基层治理体系) it is a common noun.

A mixin of ``rules._Run``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .candidates import Candidate
from .lexicon import data_words

UNIT_PRIORITY = 36
# the body an officer list belongs to is named this close before the bare unit
LIST_REACH = 40
LIST_MARKS = "、，,；;"
SENTENCE_END = "。！？!?\n"


class UnitRules:
    """Bare units (党委, 工会) of the body named just before, in a list of its officers."""

    def _units_in_officer_lists(self) -> None:
        text = self.text
        for m in _unit_pattern().finditer(text):
            pos, end = m.start("unit"), m.end("unit")
            if not self.tok.is_bound(pos) or not any(text.startswith(t, end) for t in self._titles_starting(text[end : end + 1])):
                continue  # 党委副书记: the unit and an officer's title
            lo = max(0, pos - LIST_REACH)
            lo = max(lo, max(text.rfind(ch, lo, pos) for ch in SENTENCE_END) + 1)
            if any(c.label == "ORG" and lo <= c.start and c.end < pos for c in self.cands):
                self.add(Candidate(pos, end, "ORG", UNIT_PRIORITY, "unit"))


@lru_cache(maxsize=1)
def _unit_pattern() -> "re.Pattern[str]":
    """A list mark and a unit word after it (``data/unit_words.txt``)."""
    units = sorted(data_words("unit_words.txt"), key=len, reverse=True)
    return re.compile(rf"(?<=[{re.escape(LIST_MARKS)}])(?P<unit>{'|'.join(map(re.escape, units))})")
