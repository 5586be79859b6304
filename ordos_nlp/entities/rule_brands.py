"""Companies called by a short name: a brand and the trade it is in (骑士乳业, 北方稀土, 华宏科技).

News name a company in full once (中国北方稀土(集团)高科技股份有限公司) and then by
its brand and trade (北方稀土), or only by the short name. The brand is often a
common word (骑士, 北方), so the short name alone does not say it is a company:
the words around it do. Three kinds of evidence, each a class of its own:

- a word right after it that only a company has: 董事长, 总经理, 下属, 旗下 …
  (``北方稀土下属冶炼企业``);
- a list in which two items or more are such names or companies already found,
  before 等 and a head noun (``华宏科技、招宝磁业、鑫霖磁业等标志性项目``): the
  other items that look like names are companies too (``北方嘉轩``);
- the full name earlier or later in the text: its brand and trade, where the
  text writes them on their own, are the company (``北方稀土``, ``北方稀土集团``).

The trade words, company words and list heads are data (``data/brand_words.tsv``).
A mixin of ``rules._Run``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Optional

from .candidates import (
    BAD_POS,
    DETERMINERS,
    IS_HAN,
    LEAD_CHARS,
    NUMERAL_CHARS,
    SHORT_STOP,
    Candidate,
    _compositional,
    _freq,
    _is_word,
    _pos_table,
)
from .lexicon import HAN, data_rows

BRAND_PRIORITY = 36
# a word the dictionary counts this often is a common word, no part of a coined name (工业 in 老工业)
COMMON_FREQ = 100
# a brand is two to four characters; with its trade and a place before it, a short name is short
MAX_BRAND = 4
# the clause a list of short names lies in
CLAUSE_END = re.compile(r"[。！？；，,;:：\n]")
BRAND_LIST = re.compile(rf"((?:[{HAN}]{{2,10}}、)+[{HAN}]{{2,10}}?)等")
BRACKETED = re.compile(r"[（(][^（()）]{1,8}[)）]")
# a direction word may be a brand (北方稀土, 东方电气); other function words are not
BRAND_POS_OK = {"f"}
# what a one-character word before a coined name is when it is no part of it (后, 在, 的 …)
EDGE_TAGS = {"f", "p", "c", "d", "r", "u", "uj", "ul", "m", "q", "t", "x"}


@lru_cache(maxsize=1)
def brand_words() -> dict[str, frozenset[str]]:
    """role → words of ``data/brand_words.tsv`` (industry, after, head)."""
    out: dict[str, set[str]] = {}
    for row in data_rows("brand_words.tsv"):
        out.setdefault(row[1].strip(), set()).add(row[0].strip())
    return {role: frozenset(words) for role, words in out.items()}


@lru_cache(maxsize=1)
def _trades_longest_first() -> tuple[str, ...]:
    return tuple(sorted(brand_words()["industry"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _industry_pattern() -> "re.Pattern[str]":
    return re.compile("|".join(map(re.escape, _trades_longest_first())))


@lru_cache(maxsize=4)
def _company_words(lex) -> tuple[str, ...]:
    """The lexicon's company words of two characters or more (有限公司, 集团 …), longest first."""
    return tuple(sorted((w for w, suf in lex.org_suffixes.items() if suf.cls == "company" and len(w) >= 2),
                        key=len, reverse=True))


class BrandRules:
    """Short company names: a brand and its trade, with evidence from the words around."""

    def _brand_names(self) -> None:
        """Short names before a company's words, and in lists of companies."""
        self._brands_before_company_words()
        self._brand_lists()

    # -- a brand and its trade -------------------------------------------------
    def _trade_at(self, end: int) -> Optional[int]:
        """Start of a trade word that ends at ``end`` (稀土 in 北方|稀土, 磁业 in 丰兴磁业)."""
        for w in _trades_longest_first():
            s = end - len(w)
            if s > 0 and self.text.startswith(w, s):
                return s
        return None

    def _brand_start(self, trade_start: int, lo: int = 0) -> Optional[int]:
        """Start of the brand right before a trade word: one or two words of two to four
        characters in all, none a function word, a role word or a generic word."""
        text, tok = self.text, self.tok
        cur = trade_start
        inside = tok.containing(trade_start)
        if inside is not None and inside[0] < trade_start:  # 丰兴磁业 as one word: its head is the brand
            if inside[0] < lo or not self._brand_word(text[inside[0] : trade_start]):
                return None
            cur = inside[0]
        while cur > lo:
            prev = tok.before(cur)
            if prev is None or prev[1] != cur or prev[0] < lo:
                break
            w = text[prev[0] : prev[1]]
            if (len(w) >= 2 and not _is_word(w) and (w[0] in SHORT_STOP or w[0] in LEAD_CHARS)
                    and trade_start - prev[0] - 1 <= MAX_BRAND and self._brand_word(w[1:])):
                cur = prev[0] + 1  # 是昌|丰稀土: a verb the segmenter glued to the brand
                break
            if trade_start - prev[0] > MAX_BRAND or not self._brand_word(w):
                break
            cur = prev[0]
        if trade_start - cur < 2:
            return None
        return cur

    def _brand_word(self, w: str) -> bool:
        lex = self.lex
        if not IS_HAN.match(w) or any(c in NUMERAL_CHARS for c in w):
            return False
        if len(w) == 1:  # a character the segmenter cut off a name (润|广|稀土): no tag counts
            return w not in SHORT_STOP and w not in LEAD_CHARS and w not in DETERMINERS
        if w in lex.body_stop or w in lex.not_entities or w in lex.titles or w in brand_words()["industry"]:
            return False
        if w in lex.body_words:
            return False  # 国家, 现代, 国际: words every name may hold, no brand (国家能源 is no company)
        pos = _pos_table().get(w)
        return pos is None or pos not in BAD_POS or pos in BRAND_POS_OK

    def coined(self, w: str) -> bool:
        """A name no list knows, however the segmenter cut it: two to four characters, no
        dictionary word or place as a whole, nor two common words (电视广播), no function
        character (是, 在, 各) and no numeral."""
        return (2 <= len(w) <= MAX_BRAND and bool(IS_HAN.match(w)) and not _is_word(w) and w not in self.gaz.names
                and not _compositional(w)
                and not any(c in SHORT_STOP or c in LEAD_CHARS or c in DETERMINERS or c in NUMERAL_CHARS for c in w)
                and not any(_freq().get(w[i:j], 0) >= COMMON_FREQ
                            for i in range(len(w)) for j in range(i + 2, len(w) + 1)))  # 老|工业

    def brand_before_trade(self, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` is a brand word right before a trade word (北方|稀土): part of
        a company's name although the dictionary calls it a direction."""
        w = self.text[s:e]
        return (len(w) >= 2 and (_pos_table().get(w) or "") in BRAND_POS_OK and self._brand_word(w)
                and any(self.text.startswith(t, e) for t in brand_words()["industry"]))

    def coined_start(self, pos: int, lo: int = 0) -> Optional[int]:
        """Start of the longest coined name (``coined``) that ends at ``pos``, read over the
        segmenter's words however it cut the name (禾|润, 后昌辉|达: a function character glued
        to the name's head is left out); None when no name ends there."""
        text, tok = self.text, self.tok
        best, cur = None, pos
        while cur > lo:
            t = tok.before(cur)
            if t is None or t[1] != cur or t[0] < lo or pos - t[0] > MAX_BRAND + 1:
                break
            w = text[t[0] : cur]
            if len(w) == 1 and (_pos_table().get(w) or "x") in EDGE_TAGS:
                break  # 后|禾润: a function word before the name
            if len(w) >= 2 and _is_word(w):
                break  # 上手|抬: a word of the sentence, no part of a coined name
            if len(w) >= 2 and not _is_word(w) and (_pos_table().get(w[0]) or "x") in EDGE_TAGS:
                if self.coined(text[t[0] + 1 : pos]):
                    best = t[0] + 1  # 后昌辉|达
                break
            if self.coined(text[t[0] : pos]):
                best = t[0]
            cur = t[0]
        return best

    def brand_before_place(self, place_start: int) -> Optional[int]:
        """Whether a name no dictionary knows (two to four characters, however the segmenter
        cut it) stands right before the place name at ``place_start``, with a place name or a
        parent company before it in turn (内蒙古|宏发|巴林牧业…): the inner place is part of a
        company's name, which starts at the outer one. Returns the brand's start, or None."""
        p = self.coined_start(place_start)
        if p is not None and p > 0 and (
                self.gpe_start_ending_at(p) is not None or p in getattr(self, "org_ends", {})):
            return p  # 山西同煤集团|同生|安平煤业: a parent before the brand, as a place would be
        return None

    def _short_name(self, s: int, e: int, place_ok: bool) -> bool:
        """Whether ``text[s:e]`` (a brand and a trade word) may name a company: not a
        dictionary phrase (现代农业), not a place's trade alone unless ``place_ok``."""
        text = self.text
        trade = self._trade_at(e)
        if trade is None:
            return False
        brand = text[s:trade]
        if _is_word(text[s:e]) or _is_word(brand + text[trade:trade + 1]):
            return False
        if brand in self.gaz.names and not place_ok:
            return False  # 内蒙古乳业: the region's trade
        return True

    def _with_place(self, s: int) -> int:
        """The place names right before a short name belong to it (内蒙古伊泰煤炭)."""
        g = self.gpe_start_ending_at(s)
        return g if g is not None else s

    # -- evidence: a company's word after the name ----------------------------
    def _brands_before_company_words(self) -> None:
        text = self.text
        after = brand_words()["after"]
        for m in _industry_pattern().finditer(text):
            ts, te = m.span()
            if not self.tok.is_bound(te):
                continue
            if not any(text.startswith(w, te) for w in after):
                continue
            s = self._brand_start(ts)
            if s is None or not self._short_name(s, te, place_ok=True):
                continue
            self.add(Candidate(self._with_place(s), te, "ORG", BRAND_PRIORITY, "brand"))

    # -- evidence: a list of companies --------------------------------------------
    def _brand_lists(self) -> None:
        text = self.text
        if "、" not in text:
            return
        heads = brand_words()["head"] | {h for h, label in self.lex.list_heads.items() if label == "ORG"}
        found = {(c.start, c.end) for c in self.cands if c.label == "ORG"}
        clause_ends = None
        for m in BRAND_LIST.finditer(text):
            tail = text[m.end() : m.end() + 10]
            if not any(h in tail for h in heads):
                continue
            if clause_ends is None:  # one character each: the last before the list starts its clause
                clause_ends = [x.end() for x in CLAUSE_END.finditer(text)]
            i = bisect_right(clause_ends, m.start())
            lo = clause_ends[i - 1] if i else 0
            spans = self._list_spans(m.start(), m.group(1))
            s0, e0 = spans[0]
            spans[0] = (self._list_start(s0, e0), e0)
            brands, named = [], []
            for s, e in spans:
                trade = self._trade_at(e)
                b = self._brand_start(trade, lo=s) if trade is not None else None
                if b == s and self._short_name(s, e, place_ok=False):
                    brands.append((s, e))
                elif (s, e) in found:
                    named.append((s, e))
            if len(brands) + len(named) < 2 or 2 * (len(brands) + len(named)) < len(spans):
                continue
            for s, e in spans:
                item = text[s:e]
                if (s, e) in brands or (
                        (s, e) not in named and 2 <= len(item) <= 6 and item not in self.gaz.names
                        and item not in self.lex.not_entities and self._name_like(item)):
                    self.add(Candidate(s, e, "ORG", BRAND_PRIORITY - 1, "brand"))

    # -- evidence: the full name ---------------------------------------------------
    def _short_forms(self, chosen: list[Candidate]) -> list[Candidate]:
        """The brand and trade of a company named in full, where the text writes them on their
        own (中国北方稀土(集团)高科技股份有限公司 … 北方稀土下属 … 北方稀土集团)."""
        from .rule_lists import _Taken

        text = self.text
        forms: set[str] = set()
        for c in chosen:
            if c.label == "ORG" and c.source == "suffix":
                forms.update(self._forms_of(text[c.start : c.end]))
            elif c.label == "ORG" and c.source == "brand":
                forms.add(text[c.start : c.end])
        if not forms:
            return chosen
        taken = _Taken(chosen)
        added = False
        for form in sorted(forms, key=len, reverse=True):
            pos = text.find(form)
            while pos >= 0:
                end = pos + len(form)
                ext = self._company_word_at(end)
                if ext:
                    end += len(ext)  # 北方稀土集团: the short name and the company word
                if (not self.is_blocked(pos, end) and (pos == 0 or self.tok.is_bound(pos) or not IS_HAN.match(text[pos - 1]))
                        and taken.free_or_inside(pos, end, "ORG")):
                    taken.put(Candidate(pos, end, "ORG", 34, "repeat"))
                    added = True
                pos = text.find(form, end)
        return taken.items() if added else chosen

    def _forms_of(self, name: str) -> list[str]:
        """北方稀土 of 中国北方稀土(集团)高科技股份有限公司: the name without its place, its
        brackets and its company words, cut after a trade word that follows a brand."""
        core = BRACKETED.sub("", name)
        while True:
            ext = next((w for w in _company_words(self.lex) if core.endswith(w)), None)
            if ext is None or len(core) - len(ext) < 2:
                break
            core = core[: len(core) - len(ext)]
        while True:  # the place names it starts with
            head = next((core[:n] for n in range(min(len(core) - 2, 8), 1, -1) if core[:n] in self.gaz.names), None)
            if head is None:
                break
            core = core[len(head) :]
        out = []
        for m in _industry_pattern().finditer(core):
            brand = core[: m.start()]
            if (len(brand) >= 2 and not _is_word(core[: m.end()]) and brand not in self.gaz.names
                    and self._brand_word(brand)):
                out.append(core[: m.end()])
        return out

    def _company_word_at(self, pos: int) -> str:
        for w in ("集团", "公司", "股份"):
            if self.text.startswith(w, pos):
                return w
        return ""
