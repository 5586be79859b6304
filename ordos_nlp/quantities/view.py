"""The space-free view of a text that the finder reads, and the map back to the
caller's offsets.

PDF text puts spaces inside numbers and between a number and its unit
(``一 百 五 十 个``, ``177.1 亿元``). They are taken out where they sit inside
Chinese text or between a number and its unit, and kept between two ASCII words
or numbers. Digits a space splits are one number only when grouped by thousands
(``1 560.8``) or when the whole line is letter-spaced (``7 2 折 优 惠``)."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..numerals.lexicon import to_canonical


_SPACES_RE = re.compile(r"[ \t\xa0]+")
# digits that a space splits but that are one number: thousands grouped by spaces
# (1 236 只) and letter-spaced digits from PDFs (7 2 折)
_SPACED_DIGITS_RE = re.compile(
    r"(?<![0-9A-Za-z.])(?:(?P<grouped>[0-9]{1,3}(?:[ \xa0][0-9]{3})+)|[0-9](?:[ \xa0][0-9])+(?!\.))(?![0-9A-Za-z]|[ \xa0][0-9])"
)
_LETTER_SPACED_MIN = 8  # a shorter line is letter-spaced only when every character stands apart


_SEGMENT_EDGES = "\n。！？!?；;"
_SEGMENT_EDGE_RE = re.compile(f"[{_SEGMENT_EDGES}]")
_SEGMENT_MAX = 200  # characters either side: a longer line is judged on its neighbourhood


def _letter_spaced_line(text: str, pos: int) -> bool:
    """Whether the line (or sentence) around ``pos`` is letter-spaced as a whole (PDF
    ``7 2 折 优 惠``): then digits a space splits are one number; elsewhere
    (``比分 3 2``) they are two. A sentence is judged alone, so that what stands
    beside it on the line does not change its numbers."""
    lo = max(0, pos - _SEGMENT_MAX)
    start = max(text.rfind(ch, lo, pos) for ch in _SEGMENT_EDGES) + 1 or lo
    start = max(start, lo)
    edge = _SEGMENT_EDGE_RE.search(text, pos, pos + _SEGMENT_MAX)
    line = text[start : edge.start() if edge else min(len(text), pos + _SEGMENT_MAX)].strip(" \xa0")
    gaps = len(_SPACES_RE.findall(line))  # characters followed by a space
    chars = len(line) - line.count(" ") - line.count("\xa0") - line.count("\t")
    if chars < _LETTER_SPACED_MIN:  # a short line: every character apart
        return chars > 1 and gaps == chars - 1
    return gaps >= 0.8 * (chars - 1)


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


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
