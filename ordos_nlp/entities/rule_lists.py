"""Names known by the company they keep: items of a list before a count and a head noun
(5家…企业, 等先进人物), and quoted platform names.

A mixin of ``rules._Run``: the methods read the run's text, tokens and
scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …) and add candidates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from typing import Optional

from .candidates import (
    BAD_POS,
    IS_HAN,
    LEAD_CHARS,
    NUMERAL_CHARS,
    PLATFORM_AFTER,
    PLATFORM_BEFORE,
    PLATFORM_SUFFIX,
    SHORT_STOP,
    Candidate,
    _freq,
    _is_word,
    _pos_table,
)
from .lexicon import HAN

COUNT = "0-9０-９一二三四五六七八九十两"
# items of two to eight characters joined by 、, right before 等 or a count
LIST_ITEMS = re.compile(rf"((?:[{HAN}]{{2,8}}、)+[{HAN}]{{2,10}}?)(?=等|[{COUNT}]+[家个所名位户座])")


@lru_cache(maxsize=4)
def _list_tail(heads: tuple[str, ...]) -> "re.Pattern[str]":
    """等, a count and its counter, a few describing characters, then one of the head nouns."""
    alternation = "|".join(sorted(heads, key=len, reverse=True))
    return re.compile(
        rf"(?P<deng>等)?(?:(?P<count>[{COUNT}]+)[家个所名位户座])?[{HAN}]{{0,8}}?(?P<head>{alternation})"
    )
LIST_JOINERS = "和及与"
# jieba's tags of the aspect particles after a verb (了, 着, 过): they lead into a list, never start an item
ASPECT_POS = ("ul", "uz", "ug")
CLAUSE_END = re.compile(r"[。！？；，,;\n]")
# what must follow a list's last item somewhere in its clause
LIST_TRIGGER = re.compile(rf"等|[{COUNT}][家个所名位户座]")
SHARE_CLASS = re.compile(r"[ABH]股")
# the rules whose names are names wherever the text repeats them
REPEATABLE = ("enumeration", "share", "title", "name-parts", "mark", "brand")


class _Taken:
    """The chosen candidates, where a repeated name may replace shorter ones inside it."""

    def __init__(self, chosen: list[Candidate]):
        self.cands = list(chosen)

    def free_or_inside(self, s: int, e: int, label: str) -> bool:
        """Whether ``[s, e)`` is free once the candidates wholly inside it are dropped (then dropped)."""
        inside = []
        for c in self.cands:
            if c.start < e and s < c.end:
                if c.start < s or c.end > e or (c.start == s and c.end == e) or c.priority >= 100:
                    return False
                inside.append(c)
        if inside:
            drop = {id(c) for c in inside}
            self.cands = [c for c in self.cands if id(c) not in drop]
        return True

    def put(self, c: Candidate) -> None:
        self.cands.append(c)

    def items(self) -> list[Candidate]:
        return sorted(self.cands, key=lambda c: c.start)
VILLAGE_WORDS = ("嘎查", "艾里", "村")


def _count(digits: Optional[str]) -> Optional[int]:
    if not digits:
        return None
    from ..numerals.parse import parse_number

    value = parse_number(digits)
    return int(value) if value is not None and value == int(value) else None


class ListRules:
    """Lists of names and quoted platform names."""

    def _platforms(self) -> None:
        """A quoted, distinctive platform name run by an organisation (“暖城银企通”小程序)."""
        text = self.text
        for m in re.finditer(rf"“([{HAN}A-Za-z]{{2,10}})”", text):
            name = m.group(1)
            if not name.endswith(PLATFORM_SUFFIX) or _is_word(name):
                continue
            if PLATFORM_AFTER.match(text[m.end() : m.end() + 4]) or PLATFORM_BEFORE.search(text[max(0, m.start() - 4) : m.start()]):
                self.add(Candidate(m.start(1), m.end(1), "ORG", 38, "platform"))

    def _titled_outlets(self) -> None:
        """《瞭望》新闻周刊, 《七彩语文》杂志社: a title and the outlet word after it are one
        organisation; the title alone, and anything inside it, stays no entity."""
        text = self.text
        for s, e in self.blocked:
            word = next((w for w in self.lex.title_outlets if text.startswith(w, e)), None)
            if word is not None:
                self.cands.append(Candidate(s, e + len(word), "ORG", 50, "suffix"))

    def _enumerations(self) -> None:
        """Names listed before a count and a head noun, or before 等 and one.

        ``依托恒基、瑞丰、鑫源、永盛、华宇5家驻地煤化工企业``: five items, a count of
        five and the head 企业 make each item a company, whatever it looks like;
        ``南京海拓、重庆风渡等下游企业``, with no count to agree with, keeps the items
        that look like names. The head noun gives the label (``list_heads.tsv``:
        企业 → ORG, 嘎查 → GPE, 遗迹 → LOC, 人物 → PERSON).
        """
        text = self.text
        if "、" not in text:
            return
        list_tail = _list_tail(tuple(self.lex.list_heads))
        for m in self._list_matches():
            tail = list_tail.match(text, m.end())
            if not tail:
                continue
            label = self.lex.list_heads.get(tail.group("head"))
            if label is None:
                continue
            spans = self._list_spans(m.start(), m.group(1))
            count = _count(tail.group("count"))
            if count is not None and count == len(spans) + 1:
                spans = self._split_last(spans)  # 中煤、宝丰和汇能3家企业
            if not spans:
                continue
            s0, e0 = spans[0]
            if label == "GPE":  # 巴兰巴嘎查与兰巴乌嘎查、…: the first item starts after a village before it
                lo = max(0, s0 - 1)  # the item may start inside the word (嘎|查与…)
                cut = max((text.rfind(w, lo, e0 - 2) + len(w) for w in VILLAGE_WORDS if text.rfind(w, lo, e0 - 2) >= 0),
                          default=s0)
                s0 = max(s0, cut)
            s0 = self._list_start(s0, e0)
            de = text.rfind("的", s0, e0 - 1)
            if de >= 0:
                s0 = de + 1  # 享有盛誉的|黑城、…: what the first item's modifier ends with 的 is not the item
            others = [e - s for s, e in spans[1:]]
            if others and e0 - s0 > max(others) + 1:
                # items are parallel: a first item much longer than the rest holds words
                # that lead into the list (主城区华德牧机、强力水泥等9家企业)
                s0 = next((b for b in range(e0 - max(others) - 1, e0 - 1) if self.tok.is_bound(b)), s0)
            spans[0] = (s0, e0)
            agreed = count == len(spans) and not tail.group("deng")
            counted = count is not None and count >= len(spans)  # 等9家企业: the items are some of them
            # a list that agrees with its count is as sure as a byline: nothing overrides it
            priority = 100 if agreed else 35
            for s, e in spans:
                item = text[s:e]
                if len(item) < 2 or item in self.lex.not_entities or item in self.lex.body_stop:
                    continue
                if label == "ORG":
                    if item in self.lex.org_lexicon:
                        continue  # the lexicon has it
                    if not agreed and item.endswith(tail.group("head")):
                        continue  # 粮食种植专业合作社 among 5家合作社: a kind of the head, named by its suffix rule if at all
                    if agreed or self._company_like(item) or self._name_like(item) or (counted and not _is_word(item)):
                        self.add(Candidate(s, e, "ORG", priority, "enumeration"))
                elif label == "GPE":
                    word = next((w for w in VILLAGE_WORDS if item.endswith(w)), "")
                    body = item[: len(item) - len(word)]
                    if agreed or (word and len(body) >= 2 and (self._name_like(body) or not _is_word(body))):
                        self.add(Candidate(s, e, "GPE", priority, "enumeration", readings=tuple(self.gaz.lookup(item))))
                elif label == "LOC":  # 黑城、居延城等历史文化遗迹: named places, not kinds of them
                    if agreed or (len(item) >= 2 and (self._name_like(item) or not _is_word(item))
                                  and item not in self.gaz.names):
                        self.add(Candidate(s, e, "LOC", priority, "enumeration"))
                elif self._person_like(item):
                    self.add(Candidate(s, e, "PERSON", priority, "enumeration"))

    def _list_matches(self):
        """``LIST_ITEMS`` matches, searched only in the clauses that hold a 、 (most hold none)."""
        text = self.text
        stops = [m.start() for m in CLAUSE_END.finditer(text)]
        done = -1
        pos = text.find("、")
        while pos >= 0:
            i = bisect_right(stops, pos)
            lo = stops[i - 1] + 1 if i > 0 else 0
            hi = stops[i] if i < len(stops) else len(text)
            if lo > done and LIST_TRIGGER.search(text, pos, hi):
                yield from LIST_ITEMS.finditer(text, lo, hi)
            done = hi
            pos = text.find("、", hi)

    def _share_classes(self) -> None:
        """A company by its stock short name before a share class (伊泰B股 → 伊泰)."""
        text = self.text
        for m in SHARE_CLASS.finditer(text):
            e = m.start()
            if e < 2 or not self.tok.is_bound(e):
                continue
            s = self._list_start(max(0, e - 4), e)
            while s < e - 2 and not self.tok.is_bound(s):
                s += 1
            item = text[s:e]
            if IS_HAN.match(item) and item not in self.lex.not_entities and (self._name_like(item) or item in self.lex.org_lexicon):
                self.add(Candidate(s, e, "ORG", 36, "share"))

    def _repeated_names(self, chosen: list[Candidate]) -> list[Candidate]:
        """A name that a list, a share class or a role word showed to be a name is that name
        wherever else the text writes it (中天合创 in a list, then 以中天合创延链筹建…).

        Shorter candidates inside a repeat give way to it (上海 in 上海石化).
        """
        text = self.text
        names = {}
        for c in chosen:
            if c.source in REPEATABLE and c.length >= 2:
                names.setdefault(text[c.start : c.end], c.label)
        if not names:
            return chosen
        taken = _Taken(chosen)
        added = []
        for name, label in names.items():
            pos = text.find(name)
            while pos >= 0:
                end = pos + len(name)
                # a name of three characters or more is distinctive enough to be read across a
                # cut of the segmenter, which does not know it (以中|天合|创延链)
                whole = len(name) >= 3 or (
                    (pos == 0 or self.tok.is_bound(pos) or not IS_HAN.match(text[pos - 1]))
                    and (end == len(text) or self.tok.is_bound(end) or not IS_HAN.match(text[end])))
                if whole and not self.is_blocked(pos, end) and taken.free_or_inside(pos, end, label):
                    c = Candidate(pos, end, label, 34, "repeat")
                    taken.put(c)
                    added.append(c)
                pos = text.find(name, end)
        if not added:
            return chosen
        return taken.items()

    def _list_spans(self, start: int, items: str) -> list[tuple[int, int]]:
        out = []
        pos = start
        for item in items.split("、"):
            out.append((pos, pos + len(item)))
            pos += len(item) + 1
        return out

    def _split_last(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        s, e = spans[-1]
        for j in range(s + 2, e - 1):
            if self.text[j] in LIST_JOINERS and self.tok.is_bound(j) and self.tok.is_bound(j + 1):
                return [*spans[:-1], (s, j), (j + 1, e)]
        return spans

    def _list_start(self, s: int, e: int) -> int:
        """Where the first item starts: after the words that lead into the list (依托, 吸引南京海拓).

        The lead is read as a run of verbs, prepositions and the like from ``s``: the
        segmenter, which does not know the name, may have glued its first character to
        the lead (依|托宏华).
        """
        text = self.text
        reach = [False] * (e - s + 1)
        reach[0] = True
        best = 0
        for i in range(e - s - 1):
            if not reach[i]:
                continue
            for j in range(i + 1, min(i + 4, e - s - 2) + 1):
                w = text[s + i : s + j]
                if self._lead_word(w):
                    reach[j] = True
                    best = max(best, j)
        # 嘎查与其其彦嘎查: a lead word the segmenter cut out further on (与) starts the item after it
        for t in self.tok.spans[bisect_right(self.tok.starts, s + best) : bisect_right(self.tok.starts, e - 2)]:
            if t[1] <= e - 2 and self._lead_word(text[t[0] : t[1]]):
                best = t[1] - s
        return s + best

    def _lead_word(self, w: str) -> bool:
        if len(w) == 1:  # 从, 与; 选拔了|孤山: an aspect particle after the verb that leads in
            return w in LEAD_CHARS or _pos_table().get(w) in ASPECT_POS
        return w in self.lex.body_stop or (_is_word(w) and (_pos_table().get(w) or "x") in BAD_POS)

    def _name_like(self, item: str) -> bool:
        """An item that reads as a name rather than a common word (瑞丰, not 煤炭)."""
        if not IS_HAN.match(item) or any(c in SHORT_STOP or c in NUMERAL_CHARS for c in item):
            return False
        return self.is_proper(item)

    def _person_like(self, item: str) -> bool:
        """张伟, 欧阳娜娜, 额尔敦巴雅尔: a surname and a short given name, or Mongolian name parts."""
        if not IS_HAN.match(item) or _freq().get(item, 0) >= 100:
            return False
        if self.mongolian_name_end(item, 0) == len(item):
            return True
        slen = 2 if item[:2] in self.lex.double_surnames else 1 if item[:1] in self.lex.surnames else 0
        return slen > 0 and 1 <= len(item) - slen <= 2 and not any(c in self.lex.name_stop_chars for c in item[slen:])

    def _company_like(self, item: str) -> bool:
        if item in self.gaz.names or _is_word(item) or item in self.lex.not_entities:
            return False
        for n in range(2, min(len(item) - 1, 5)):
            head, rest = item[:n], item[n:]
            if head in self.gaz.names and 2 <= len(rest) <= 3 and not _is_word(rest):
                return True
        return False
