"""Places the recogniser reads that are names however often the dictionary meets them.

``ModelSource`` leaves out a place the recogniser reads into frequent common words
alone (运动广场, 景观公园): such words describe a place, they do not name one. A
word that jieba's dictionary itself tags as a place or a body's proper name (``ns``,
``nt``: 苏联, 太平洋, 雅典, 人民大会堂) is a name however often it is written, where
the recogniser reads the word whole or before the word for a region (东北|地区, one
word in the dictionary). Never a word cut out of any other longer word (蒙古|族,
太阳|能, 蒙古|高原: the name is the whole word or none), and never a compass word
written as a direction: a compass word (东北, 西南) names a region only where the
recogniser is sure of it and no distance or part of a place follows (东北35公里处,
西北部, 东北角 are directions). Nor the sun and the planets (the lexicon's ``celestial_bodies.txt``), nor a word
that starts an organisation's name (长城|煤矿: the place stays inside the name).
"""

from __future__ import annotations

import re

from .candidates import Tokens, _pos_table
from .lexicon import get_lexicon

#: dictionary tags of proper place and body names
PROPER_TAGS = ("ns", "nt")
#: the word for a region, after a region's name in one dictionary word (东北地区)
REGION_WORD = "地区"
#: the characters of compass directions: a word of these alone is a direction first
COMPASS = set("东南西北")
#: the least tag probability for a compass word read as a region (华北、东北有小到中雨)
COMPASS_MIN_PROB = 0.9
#: what follows a compass word used as a direction: a distance or a part of a place
DIRECTION_AFTER = re.compile(r"[0-9０-９一二三四五六七八九十百千余多约部角侧面边方向端隅]")


def _starts_organisation(text: str, tokens: Tokens, end: int) -> bool:
    """Whether the word after ``end`` is an organisation's kind word (长城|煤矿)."""
    word = tokens.containing(end)
    return word is not None and word[0] == end and text[word[0] : word[1]] in get_lexicon().org_suffixes


def proper_place_word(text: str, tokens: Tokens, start: int, end: int, prob: float) -> bool:
    """Whether ``text[start:end]``, a place the recogniser read, is a dictionary word
    tagged as a proper name that stands as a name here (see the module docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    if not isinstance(tokens, Tokens):
        raise TypeError(f"tokens must be Tokens, got {type(tokens).__name__}")
    name = text[start:end]
    if len(name) < 2 or _pos_table().get(name) not in PROPER_TAGS or name in get_lexicon().celestial_bodies:
        return False
    if _starts_organisation(text, tokens, end):
        return False
    if not tokens.is_bound(start):
        return False
    if not tokens.is_bound(end):
        word = tokens.containing(start)
        if word is None or word[0] != start or text[end : word[1]] != REGION_WORD:
            return False  # 蒙古|族, 太阳|能, 蒙古|高原: cut out of a longer word
    if all(ch in COMPASS for ch in name):
        return prob >= COMPASS_MIN_PROB and not DIRECTION_AFTER.match(text, end)
    return True
