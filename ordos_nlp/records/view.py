"""One sentence as the records stage reads it: its text with the PDF line breaks
inside it removed, and the quantities, dates and entities the other components
found, all in the same (view) offsets, with a way back to the caller's offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Optional

CLAUSE_CUT = re.compile(r"[，,；;：:]")
SEGMENT_CUT = re.compile(r"[；;]")


@dataclass(frozen=True)
class Item:
    """A fact of the sentence at view offsets ``start``–``end``."""

    start: int
    end: int
    fact: Any

    @property
    def label(self) -> Optional[str]:
        return getattr(self.fact, "label", None)


@dataclass
class SentenceView:
    text: str  # the sentence, soft line breaks removed, in simplified characters (for matching)
    raw: str  # the same characters as written
    orig: list[int]  # original (document) offset of each view character
    kind: str
    paragraph: int
    article: Optional[int]
    quantities: list[Item] = field(default_factory=list)
    dates: list[Item] = field(default_factory=list)
    entities: list[Item] = field(default_factory=list)
    cache: dict = field(default_factory=dict, repr=False)  # what the readers work out once per sentence
    _clauses: Optional[list] = field(default=None, repr=False)
    _segments: Optional[list] = field(default=None, repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.orig[start], self.orig[end - 1] + 1

    def to_view(self, offset: int) -> int:
        return bisect_left(self.orig, offset)

    def clauses(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each clause: the sentence cut at commas, semicolons and colons."""
        if self._clauses is None:
            self._clauses = _cut(self.text, CLAUSE_CUT)
        return self._clauses

    def segments(self) -> list[tuple[int, int]]:
        """``(start, end)`` of the parts of the sentence between semicolons."""
        if self._segments is None:
            self._segments = _cut(self.text, SEGMENT_CUT)
        return self._segments


def _cut(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in pattern.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def build_view(text: str, start: int, end: int, soft_breaks, kind: str, paragraph: int, article: Optional[int],
               simplify=lambda t: t) -> SentenceView:
    """The view of ``text[start:end]`` with the ``soft_breaks`` inside it removed;
    ``simplify`` maps it, character for character, to the form the word lists match."""
    chars: list[str] = []
    orig: list[int] = []
    pos = start
    for s, e in soft_breaks:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        chars.append(text[pos:s])
        orig.extend(range(pos, s))
        pos = e
    chars.append(text[pos:end])
    orig.extend(range(pos, end))
    raw = "".join(chars)
    return SentenceView(simplify(raw), raw, orig, kind, paragraph, article)


def add_items(view: SentenceView, facts, into: list[Item]) -> None:
    """Put facts (with original offsets inside the sentence) on the view, in text order."""
    for f in facts:
        a = view.to_view(f.start)
        b = view.to_view(f.end - 1) + 1
        into.append(Item(a, b, f))
    into.sort(key=lambda it: (it.start, it.end))


EDGE_PUNCT = " \u3000\t“”\"'‘’《》「」()（）、"


def strip_punct(text: str, a: int, b: int) -> tuple[int, int]:
    """``text[a:b]`` without the punctuation at either edge, as offsets."""
    while a < b and text[a] in EDGE_PUNCT:
        a += 1
    while b > a and text[b - 1] in EDGE_PUNCT:
        b -= 1
    return a, b
