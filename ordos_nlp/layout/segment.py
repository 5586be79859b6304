"""Sentences and soft line breaks of a newspaper page, from the text alone.

A PDF page breaks lines in the middle of words and numbers (``专题召\\n\\n开``,
``209\\n\\n只``). A break is *soft* (the sentence goes on) when the line before it
does not end a sentence and the evidence says the text continues: the line is
body text (it has clause punctuation), a quote or bracket is still open, a number
runs into its unit, the line ends in a word that cannot end a headline, or the
two characters around the break form a common word. Every other break is *hard*:
headlines and bylines end at the end of their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .marks import AUTHOR_MARK, BYLINE_LINE, BYLINE_MARK, CREDIT_LINE, DATELINE, INLINE_BYLINE

#: an outlet releasing a photo, before its credit in brackets (新华社发(…摄), 新华网发)
RELEASED_BY = ("社发", "网发", "台发", "报发")

TERMINAL = "。！？!?"
CLOSERS = "”’\"'」』）)】〕》"
CLAUSE = "，,、；;"
OPENERS = {"“": "”", "‘": "’", "(": ")", "（": "）", "《": "》", "「": "」", "【": "】"}
DANGLING = set("的和与及在对把为将从向被之而或并以于")
LINE = re.compile(r"[^\n]+")
SENTENCE_END = re.compile(rf"[{TERMINAL}]+[{CLOSERS}]*")
# what follows a line's last sentence end (linear: one scan from the last terminal mark)
LAST_SENTENCE_TAIL = re.compile(rf"[{TERMINAL}][{CLOSERS}]*([^{TERMINAL}]+)$")
DIGIT = re.compile(r"[0-9０-９.．,，]$")
MIN_WORD_FREQ = 100


@dataclass(frozen=True)
class Layout:
    sentences: tuple[tuple[int, int, str], ...]  # (start, end, kind)
    soft_breaks: tuple[tuple[int, int], ...]  # whitespace ranges joined inside a sentence


@lru_cache(maxsize=1)
def _word_freq() -> dict:
    from ..segmenter import word_freq

    return word_freq()


def _unbalanced(line: str) -> bool:
    for o, c in OPENERS.items():
        if line.count(o) > line.count(c):
            return True
    return line.count('"') % 2 == 1


def _is_mark_line(line: str) -> bool:
    return bool(
        BYLINE_MARK.match(line)
        or CREDIT_LINE.match(line)
        or AUTHOR_MARK.fullmatch(line)
        or (("记者" in line or "通讯员" in line) and BYLINE_LINE.match(line))
    )


def _ends_in_credit(line: str) -> bool:
    """…收获作业。新华社记者 金地 摄: the line's last sentence is a photo credit."""
    m = LAST_SENTENCE_TAIL.search(line)
    return m is not None and bool(CREDIT_LINE.match(m.group(1).strip()))


def _ends_sentence(line: str) -> bool:
    return bool(re.search(rf"[{TERMINAL}][{CLOSERS}]*$", line)) or line[-1] in ")）"


def is_soft_break(before: str, after: str) -> bool:
    """Whether the break between two stripped, non-empty lines is inside a sentence."""
    if _ends_sentence(before) or _is_mark_line(before) or _ends_in_credit(before):
        return False
    if after[0] in CLAUSE + TERMINAL + CLOSERS:
        return True
    if BYLINE_MARK.match(after) or DATELINE.match(after) or _is_mark_line(after):
        return False
    if after[0] in "（(":
        return False
    if _unbalanced(before):
        return True
    if DIGIT.search(before) and not after[0].isdigit():
        return True
    if any(c in before for c in CLAUSE):
        return True
    if len(before) >= 6 and before[-1] in DANGLING:
        return True
    if len(before) >= 10 and any(c in after for c in TERMINAL + CLAUSE):
        return _word_freq().get(before[-1] + after[0], 0) >= MIN_WORD_FREQ
    return False


def _lines(text: str) -> list[tuple[int, int]]:
    """Stripped non-blank lines as (start, end)."""
    out = []
    for m in LINE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _split_block(text: str, s: int, e: int, out: list) -> None:
    """Sentences of one block (a paragraph or a headline, soft breaks included)."""
    block = text[s:e]
    flat = re.sub(r"\s*\n\s*", "", block)
    if BYLINE_LINE.match(flat) and (BYLINE_MARK.match(flat) or "记者" in flat or "通讯员" in flat):
        out.append((s, e, "byline"))
        return
    if CREDIT_LINE.match(flat):
        out.append((s, e, "credit"))
        return
    if AUTHOR_MARK.fullmatch(flat):
        out.append((s, e, "author"))
        return
    pos = s
    m = DATELINE.match(block)
    if m:
        out.append((s, s + m.end(), "dateline"))
        pos = s + m.end()
        while pos < e and (text[pos].isspace() or text[pos] in "，,：:"):
            pos += 1
        b = INLINE_BYLINE.match(text, pos, e)
        if b:
            out.append((pos, b.end(), "byline"))
            pos = b.end()
    # trailing author mark: 。(贾宇), or a photo credit after the outlet that released it
    tail = AUTHOR_MARK.search(text, pos, e)
    body_end = e
    author = None
    if tail and tail.end() == e and tail.start() > pos and (
            text[tail.start() - 1] in TERMINAL + CLOSERS
            or text[max(pos, tail.start() - 2) : tail.start()] in RELEASED_BY):  # 新华网发(乔敏 摄)
        body_end, author = tail.start(), (tail.start(), e, "author")
    last = pos
    ended_with_terminal = False
    for m in SENTENCE_END.finditer(text, pos, body_end):
        a, b = _strip(text, last, m.end())
        if a < b:
            out.append((a, b, "body"))
        last = m.end()
        ended_with_terminal = True
    a, b = _strip(text, last, body_end)
    if a < b:
        if ended_with_terminal and CREDIT_LINE.match(text[a:b]):
            kind = "credit"  # …收获作业。新华社记者 金地 摄: a photo credit closing the paragraph
        else:
            kind = "body" if ended_with_terminal or any(c in text[a:b] for c in CLAUSE) else "headline"
        out.append((a, b, kind))
    if author:
        out.append(author)


def segment(text: str) -> Layout:
    """The layout of ``text``: sentences with their kind, and the soft line breaks."""
    lines = _lines(text)
    blocks: list[tuple[int, int]] = []
    soft: list[tuple[int, int]] = []
    for s, e in lines:
        if blocks:
            ps, pe = blocks[-1]
            prev_line_start = text.rfind("\n", ps, pe) + 1 if "\n" in text[ps:pe] else ps
            prev_line = text[max(prev_line_start, ps):pe].strip()
            if is_soft_break(prev_line, text[s:e]):
                blocks[-1] = (ps, e)
                soft.append((pe, s))
                continue
        blocks.append((s, e))
    sentences: list[tuple[int, int, str]] = []
    for s, e in blocks:
        _split_block(text, s, e, sentences)
    return Layout(tuple(sentences), tuple(soft))
