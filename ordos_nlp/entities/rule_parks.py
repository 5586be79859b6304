"""Sites named by who runs them or where they lie: parks and bases named by their brand
(春锦农业食用菌产业融合示范园, 察右前旗|鑫悦马铃薯种植基地), mines and farms named by
their place (淖尔壕煤矿, 太阳庙农场).

FACTS.md keeps a place prefix inside a LOC only where it is part of the name. A
park or base of a company carries the company's name, not the place's: a banner
or league before the brand is where the park lies (``察右前旗`` +
``鑫悦马铃薯种植基地``, as the dev set's gold writes it), while a park named by its
place keeps it (``鄂尔多斯国家现代煤化工产业示范基地``). With no place before it, a
park is named when its first word is a brand (a company found right before a
park's kind word is left alone: 伊利集团|基地 is the company and a base of it,
no name); a verb between a place and the brand ends the place's clause
(``锡林郭勒盟引进建设|大庄园…示范园区``). Only the kinds marked ``park`` in
``loc_suffixes.tsv`` are read this way; reserves, deserts and lakes are not.

A mine, a farm or a plant (``data/site_kinds.txt``) is an enterprise named by the
place it works: a place name or a name no dictionary holds before its kind word
is its name (``长城煤矿``, ``太阳庙农场``), with no prefix or company word; a kind of
them (家庭农场, 露天煤矿, 光伏智慧牧场: common words only) is not.

A mixin of ``rules._Run``, called from the suffix rule (``rule_suffixes``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from .candidates import BAD_POS, IS_HAN, Candidate, _is_word, _pos_table
from .lexicon import data_words

PARK_PRIORITY = 45
VERB_TAGS = ("v", "vn")
SITE_PRIORITY = 48
# a site's name: two to four characters before its kind word
MAX_SITE_NAME = 4


@lru_cache(maxsize=1)
def site_kinds() -> frozenset[str]:
    """The kind words of ``data/site_kinds.txt``."""
    return frozenset(data_words("site_kinds.txt"))


class ParkRules:
    """Where a park's name starts, when a company or brand names it."""

    def park_candidate(self, kind: Optional[str], start: Optional[int], body_start: int, sstart: int,
                       end: int, suf) -> Optional[Candidate]:
        """The LOC for a park kind word at ``[sstart, end)`` whose prefix walk gave ``kind``
        (``gpe``, ``parent``, None …) and ``start``, with the name's body from ``body_start``;
        None when the park has no name of its own."""
        if not getattr(suf, "park", False):
            return None
        if kind is None:
            text = self.text
            brand = self._brand_in_body(body_start, sstart)
            first = self.tok.containing(body_start)
            named = text[body_start : first[1]] if brand == body_start and first is not None else ""
            # 察右前旗|鑫|达|现代农业…, 润|通弘|…, 润|禾|现代农业…: the walk stopped inside the brand
            for e in sorted({body_start, *(b for a, b in self.tok.spans_between(body_start, sstart)
                                           if b - body_start <= 3)}):
                q = self.coined_start(e)
                if q is not None and q < body_start and (
                        self.gpe_start_ending_at(q) is not None or q == 0 or not IS_HAN.match(text[q - 1])):
                    return Candidate(q, end, "LOC", PARK_PRIORITY, "suffix")
            if named:
                return Candidate(body_start, end, "LOC", PARK_PRIORITY, "suffix")
        return None

    def park_start(self, start: int, body_start: int, sstart: int, suf) -> int:
        """Where a park after a place name starts: at the brand that names it, if one
        does (察右前旗|宏福现代农业产业园); else at the place (鄂尔多斯国家…示范基地)."""
        if not getattr(suf, "park", False) or body_start >= sstart:
            return start
        brand = self._brand_in_body(body_start, sstart)
        return brand if brand is not None else start

    def _brand_in_body(self, body_start: int, sstart: int) -> Optional[int]:
        """Start of the brand a park's body opens with, after any verbs of the clause
        (引进|建设|大庄园…); None when the body opens with common words."""
        words = self._words(body_start, sstart)
        pos = body_start
        for i, w in enumerate(words):
            if len(w) >= 2 and (_pos_table().get(w) or "") in VERB_TAGS and i < len(words) - 1:
                pos += len(w)
                continue
            if len(w) == 1:  # 禾|永|现代农业, 晟|丰丰|…: a name the segmenter cut apart
                run = w
                for nxt in words[i + 1 :]:
                    if len(run) + len(nxt) > 4:
                        break
                    run += nxt
                    if self.coined(run):
                        w = run
            if len(w) >= 2 and w not in self.gaz.names and (
                    self.is_proper(w) or self.coined(w) or w in self.lex.org_lexicon):
                return pos
            return None
        return None

    def site_candidate(self, body_start: int, sstart: int, end: int, suf) -> Optional[Candidate]:
        """The ORG for a mine, farm or plant whose name has no prefix (淖尔|壕|煤矿, 长城|煤矿):
        a place's name, or two to four characters the dictionary does not hold as one word
        and did not cut into common words alone; None for a kind of site (家庭农场)."""
        if suf.text not in site_kinds():
            return None
        coined = self.coined_start(sstart)
        if coined is not None and coined < body_start:  # 禾|润|煤矿, 后昌辉|达|煤矿: the walk stopped inside
            parent = self.org_ends.get(coined)
            return Candidate(parent.start if parent is not None and parent.label == "ORG" else coined,
                             end, "ORG", SITE_PRIORITY, "suffix")
        if not 2 <= sstart - body_start <= MAX_SITE_NAME:
            return None
        if coined is not None and coined > body_start:
            body_start = coined  # 后兴丰|煤矿: a function character the segmenter glued to the name
        name = self.text[body_start:sstart]
        words = self._words(body_start, sstart)
        if not IS_HAN.match(name) or name in self.lex.not_entities or any(w in self.lex.body_stop for w in words):
            return None
        if any((_pos_table().get(w) or "n") in BAD_POS for w in words if len(w) >= 2):
            return None
        place = name in self.gaz.names or _pos_table().get(name) == "ns"
        coined = not _is_word(name) and any(len(w) == 1 or not _is_word(w) for w in words)
        if place or coined:
            return Candidate(body_start, end, "ORG", SITE_PRIORITY, "suffix")
        return None
