"""A sub-unit the recogniser reads after an organisation the rules found.

FACTS.md: "A sub-unit written right after its parent is one ORG with it"
(市公安局交通管理支队). The rules end an organisation at its kind word
(中国天文学会, 厦门大学); the recogniser often reads on to the unit inside it
(中国天文学会大众天文社, 全国人大环境与资源保护委员会研究室). Its longer name
stands where the words it adds end in an organisation's kind word themselves
and hold no name the rules read apart (市委|市政府 stays two bodies); a person
after a school (金寨一中|金光耀) ends in no kind word and stays apart. Two
organisations side by side whose second is a department are one as well.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import get_lexicon

#: the words after a parent that the tail may not start with: a list or a new sentence part
_BREAK = re.compile(r"[、，。；：,;:！？!?\s“”\"《》（）()和与及或]")


def sub_unit_tail(text: str, parent_end: int, end: int) -> bool:
    """Whether ``text[parent_end:end]``, read by the recogniser right after an organisation
    the rules end at ``parent_end``, is a sub-unit of it: two characters or more, no
    punctuation or conjunction, ending in an organisation's kind word."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    tail = text[parent_end:end]
    if len(tail) < 2 or _BREAK.search(tail):
        return False
    suffixes = get_lexicon().org_suffixes
    return any(tail.endswith(s) and len(tail) > len(s) for s in suffixes if len(s) <= len(tail))


def _sub_unit(name: str) -> bool:
    """Whether ``name`` ends in the kind word of a department that only follows its parent
    (``sub`` in ``org_suffixes.tsv``: 处, 室, 所, 系)."""
    suffixes = get_lexicon().org_suffixes
    for n in range(min(len(name) - 1, 8), 0, -1):
        suf = suffixes.get(name[-n:])
        if suf is not None:
            return suf.cls == "sub"
    return False


def join_sub_units(text: str, cands: list) -> list:
    """Two organisations read side by side where the second is a department (北京军区后勤部|
    保定干休所, 湖北美术学院|中国画系): one ORG, the parent with its sub-unit; sorted by
    start, the joined candidate keeps the parent's priority and source."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    out: list = []
    for c in sorted(cands, key=lambda c: c.start):
        prev = out[-1] if out else None
        if (prev is not None and prev.label == c.label == "ORG" and prev.end == c.start
                and _sub_unit(text[c.start : c.end])):
            out[-1] = replace(prev, end=c.end)
            continue
        out.append(c)
    return out
