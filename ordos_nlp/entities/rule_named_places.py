"""Named places by a distinctive name before their kind word, with no division before them, and divisions kept apart from them.

A mixin of ``rules._Run`` (run after the suffix rules, whose candidates it reads):

- **a name of its own** before a place-kind word (``loc_suffixes.tsv``) makes a
  place with no division before it: 汨罗江国家湿地公园, 白音华工业园区,
  炳灵寺世界文化遗产旅游区, 席力图召, 福安小区. The name starts with a word
  that marks a name (``is_proper``: a word the dictionary does not know, a rare
  name, a place's short form); common words may follow it (世界文化遗产) but
  never lead (长条形|谢印河湿地公园 → 谢印河湿地公园).
- **a division written in full before a named place** is a place of its own
  (FACTS.md: a place prefix stays inside a LOC only where it is part of the
  name): 承德市|金山岭长城景区, 科右中旗|东达百利舸城乡统筹产业园区. The name
  must begin with a word of its own right after the division's level word; a
  prefix written without one (鄂尔多斯遗鸥国家级自然保护区) or a plain body
  (达拉特旗光伏发电应用领跑基地) stays whole.
- **a station** is a place's name right before 站 (东胜站, 萨拉齐站).
- **a region of the country** named by its compass word (``compass_regions.txt``:
  西北, 华北 …) before 地区/区域, alone or in a list (西北、西南区域).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .candidates import FUNCTION_POS, IS_HAN, LEAD_CHARS, SHORT_STOP, Candidate, _compositional, _freq, _pos_table
from .lexicon import LOC_SUFFIX, data_words

# level words of a division written in full (承德市, 科右中旗, 图克镇)
FULL_LEVEL = ("省", "市", "州", "盟", "旗", "县", "区", "镇", "乡", "苏木")
# the longest name (words before the kind word) read on its own
MAX_NAME = 10
# the most characters of common words between a name and its kind word (炳灵寺|世界文化遗产|旅游区)
MAX_DESCRIPTION = 6
# words that end a village's name: a village before a named place is a place of its own
VILLAGE_WORDS = ("村", "嘎查", "艾里")
# the longest Mongolian name read from its characters alone (敖拉其坦)
MAX_TRANSLITERATED = 6
# words between a name and its kind word that make it a national one (…国家湿地公园)
NATIONAL_WORDS = ("国家级", "国家")
# joiners of the last item of a list (…、B和C)
LAST_JOINERS = "和与及"
# the longest name the segmenter may have cut into pieces (席|力图)
MAX_FRAGMENT = 4
# a word the dictionary counts this often is a common word, no name's first word (新建)
COMMON_WORD_FREQ = 1000
# a word the dictionary counts this often is no unknown name (寺庙, 公园)
RARE_WORD_FREQ = 100
# the dictionary's tags of place and other proper names (腾龙洞 ns)
PLACE_TAGS = ("ns", "nz")
# the dictionary's tags of adverbs (切实 ad, 已经 d)
ADVERB_TAGS = ("d", "ad", "dg")
# closing quotation marks → their opening ones
QUOTE_CLOSE = {"”": "“", "」": "「", "』": "『"}
# railways and roads, named by the short names of the places they join (包满铁路)
LINE_KINDS = ("铁路", "公路")
# kinds of places that are also enterprises (MSRA reads 大庆油田, 大亚湾核电站 as organisations):
# named places only with a division before them (the suffix rules)
ENTERPRISE_KINDS = ("电站", "光伏电站", "油田", "气田", "煤田", "矿区")
# parts of speech of words that a name's body never holds (verbs, prepositions …)
NOT_BODY_POS = ("v", "p", "c", "u", "d", "r", "m", "q", "f", "t", "y", "e", "o", "a", "z", "i", "l")
# parts of speech of characters that are words of their own, never a transliteration's
NOT_NAME_CHAR_POS = ("f", "a", "d", "p", "u", "r", "m", "q", "t")
# what follows a compass word that names a region (西北地区, 西南区域)
REGION_AFTER = ("地区", "区域", "一带")
# a station: 站 right after a place's name, not the first character of a word (站长, 站点)
STATION = "站"


class NamedPlaceRules:
    """Named places with a name of their own; divisions before them; stations; regions."""

    def _named_places(self) -> None:
        self._division_before_named_place()
        self._places_by_own_name()
        self._stations()
        self._regions()

    # -- a name of its own before a kind word -----------------------------------
    def _places_by_own_name(self) -> None:
        text = self.text
        for end, (sstart, role, suf) in sorted(self.suffix_hits.items()):
            if role != LOC_SUFFIX or suf.text in ENTERPRISE_KINDS:
                continue
            if end in self.loc_ends:
                self._mend_cut_transliteration(self.loc_ends[end])
                continue
            if suf.cls != "anchor":
                self._natural_place_word(sstart, end)  # the suffix rules read the others
                continue
            if not self._suffix_end_ok(sstart, end) or self._inside_lexicon_name(sstart, end):
                continue
            if self._inside_village_name(sstart, end):
                continue
            start = self._quoted_name_start(sstart, end)
            if start is None and suf.text in LINE_KINDS:
                start = self._line_name_start(sstart)
            if start is None:
                start = self._own_name_start(sstart)
            if start is None or self._after_adverb(start):
                continue
            start = self._transliteration_before(start)
            name = text[start:end]
            if name in self.gaz.names or self._home_town(name):
                continue  # 上海庙, 树林召: a township of the home region named with the kind word
            if not self._named_not_kind(start, sstart):
                continue  # 肉羊|养殖|基地: what is raised there, not a name
            if len(suf.text) == 1 and (end - start > MAX_FRAGMENT + 1 or self._personal_name_shape(name)):
                continue  # 周光召: a one-character kind word ends personal names too
            c = Candidate(start, end, "LOC", 44, "own-name")
            self.loc_ends[end] = c
            self.add(c)

    def _mend_cut_transliteration(self, c: Candidate) -> None:
        """和|彦|乌巴|工业园区: a name found by its kind word starts after the first characters of
        a Mongolian name that the segmenter cut off; the name starts with them."""
        if c.source != "suffix" or id(c) in self.dropped:
            return
        s = self._transliteration_before(c.start)
        if s >= c.start or any(x.start < c.start and s < x.end for x in self.cands
                               if x is not c and id(x) not in self.dropped):
            return
        self.dropped.add(id(c))
        whole = Candidate(s, c.end, "LOC", c.priority, "suffix")
        self.loc_ends[c.end] = whole
        self.add(whole)

    def _natural_place_word(self, sstart: int, end: int) -> None:
        """A dictionary word tagged as a place that ends in a natural kind word (燕山山脉),
        where no division is its first part (西藏高原 names Tibet)."""
        t = self.tok.containing(sstart)
        if t is None or t[1] != end or t[0] >= sstart or not self._suffix_end_ok(sstart, end):
            return
        word, head = self.text[t[0] : end], self.text[t[0] : sstart]
        if (_pos_table().get(word) == "ns" and len(head) >= 2 and head not in self.gaz.names
                and word not in self.gaz.names):  # 马鞍山: a city named by a mountain
            c = Candidate(t[0], end, "LOC", 44, "own-name")
            self.loc_ends[end] = c
            self.add(c)

    def _personal_name_shape(self, name: str) -> bool:
        """A surname and one or two characters (周光召, 李庙): a personal name's shape."""
        return len(name) <= 3 and (name[0] in self.lex.surnames or name[:2] in self.lex.double_surnames)

    def _home_town(self, stem: str) -> bool:
        """Whether ``stem`` is a township of the home region without its level word (上海庙
        for 上海庙镇): FACTS.md reads those as the township (GPE) there."""
        home = set(self.f.home)
        return any(home.intersection(self.gaz.parents(code)) or code in home
                   for code in self.gaz.towns_by_stem(stem))

    def _line_name_start(self, sstart: int) -> Optional[int]:
        """A railway or road named by two short names (包满铁路, 锡乌公路): two characters no
        dictionary holds as a word, a word of their own right before the kind word."""
        t = self.tok.before(sstart)
        if t is None or t[1] != sstart or sstart - t[0] != 2:
            return None
        name = self.text[t[0] : sstart]
        if IS_HAN.match(name) and _freq().get(name, 0) == 0 and not any(ch in SHORT_STOP for ch in name):
            return t[0]
        return None

    def _quoted_name_start(self, sstart: int, end: int) -> Optional[int]:
        """Start of a name that is all of a quoted phrase with its kind word (改为“无量寺”), or
        a quoted name right before its kind word, quotes inside the span (“水中央”湿地公园)."""
        text = self.text
        close = text[end : end + 1]
        if close not in QUOTE_CLOSE:
            before = text[sstart - 1 : sstart] if sstart > 0 else ""
            if before not in QUOTE_CLOSE:
                return None
            open_at = text.rfind(QUOTE_CLOSE[before], max(0, sstart - MAX_FRAGMENT - 3), sstart - 1)
            body = text[open_at + 1 : sstart - 1] if open_at >= 0 else ""
            if len(body) < 2 or not IS_HAN.match(body) or not self.is_proper(body):
                return None  # “九五”铁路: a plan's name before the kind word, not the place's
            return open_at
        open_at = text.rfind(QUOTE_CLOSE[close], max(0, sstart - MAX_FRAGMENT - 1), sstart)
        body = text[open_at + 1 : sstart] if open_at >= 0 else ""
        if len(body) < 2 or not IS_HAN.match(body) or _compositional(body):
            return None  # “主园区”, “安全文明小区”: a part or a title, not a name
        return open_at + 1

    def _own_name_start(self, sstart: int) -> Optional[int]:
        """Start of the name before a kind word at ``sstart``: words of a name body back to
        the text's own edge (punctuation, a function word, a division in full), the first
        of them a word that marks a name; else a short name the segmenter cut into pieces
        (由席|力图|召); None when there is neither."""
        text, tok = self.text, self.tok
        words: list[tuple[int, int]] = []
        t = tok.containing(sstart - 1) if sstart > 0 else None
        glued = None
        if t is not None and t[1] > sstart:  # the kind word ends a longer word: 炳灵寺, 五当召
            head, word = text[t[0] : sstart], text[t[0] : t[1]]
            if not IS_HAN.match(head) or head in SHORT_STOP:
                return self._transliterated_name_start(sstart)  # 格日彦|其召: a name's last character
            if _freq().get(word, 0) > 0:
                return None  # 寺庙, 奉召, 街心公园: the kind word inside a dictionary word
            words.append((t[0], sstart))
            cur = glued = t[0]
        else:
            cur = sstart
        while cur > 0 and sstart - cur < MAX_NAME:
            if self._full_division_ending_at(cur) or text.endswith(VILLAGE_WORDS, 0, cur):
                break  # 承德市|金山岭长城景区, 三星村|…遗址: the division is a place of its own
            if cur in self.gpe_raw and any(self._name_lead(text[a:b]) for a, b in words):
                break  # 上海|虹桥机场: a place, then a name of its own
            if (cur in self.loc_ends or (cur in self.suffix_hits and self.suffix_hits[cur][1] == LOC_SUFFIX)) \
                    and words and (_pos_table().get(text[words[0][0] : words[0][1]]) or "")[:1] == "v":
                break  # 南海子公园|形成|双|公园: a named place, a verb, then another place
            prev = tok.before(cur)
            if prev is None or prev[1] != cur:
                break
            w = text[prev[0] : cur]
            if not self._body_word(w) or sstart - prev[0] > MAX_NAME:
                break
            words.insert(0, prev)
            cur = prev[0]
        popped: list[tuple[int, int]] = []
        while words and not self._name_lead(text[words[0][0] : words[0][1]]):
            popped.append(words.pop(0))  # 长条形|谢印河: a common word before the name is the sentence's
        if words:
            # the description runs from the name's last word, or from a kind word inside it
            # (炳灵寺|世界文化遗产|旅游区)
            last = max(b for a, b in words if self._name_lead(text[a:b]) or b in self.suffix_hits)
            if sstart - last > MAX_DESCRIPTION:
                return None  # 伊斯兰|原教旨主义后勤|基地: a name and a long description is no name
            if last < sstart and self._known_place(words[0][0], words[0][1]):
                return None  # 河西走廊|荒山|戈壁: a known place, then the land in it
        if words and sstart - words[0][0] >= 2:
            if popped and popped[-1][1] == words[0][0] and self._name_char(text[popped[-1][0] : popped[-1][1]]):
                return popped[-1][0]  # 福|源泉|生态基地: a character the segmenter cut off the name
            return words[0][0]
        if glued is not None and text[glued] in LEAD_CHARS:
            glued += 1  # 由彦兰巴召 as one word: the preposition is the sentence's
        if glued is not None and sstart - glued >= 2 and not any(ch in SHORT_STOP for ch in text[glued:sstart]):
            return glued  # 五当召: a word no dictionary holds, made with its kind word
        start = self._fragment_name_start(sstart)
        return start if start is not None else self._transliterated_name_start(sstart)

    def _transliteration_before(self, start: int) -> int:
        """``start`` moved left over the characters of a Mongolian name the segmenter cut off
        (呼|拉塔|工业园区 → 呼拉塔), where they run back to an edge of their own."""
        text = self.text
        chars = transliteration_chars()
        s = start
        while s > 0 and start - s < MAX_FRAGMENT and text[s - 1] in chars:
            s -= 1
        if s == start or not all(ch in chars for ch in text[start : start + 1]):
            return start
        if not self._name_edge(s):
            if text[s] not in LAST_JOINERS or start - s < 2:
                return start
            s += 1
        return s

    def _name_edge(self, s: int) -> bool:
        """Whether a name may start at ``s``: the text's start, a character that is no Han one,
        the end of a division in full, a preposition or a function character (由|巴阿巴召)."""
        text = self.text
        return (s == 0 or not IS_HAN.match(text[s - 1]) or self._full_division_ending_at(s)
                or text[s - 1] in LEAD_CHARS or text[s - 1] in SHORT_STOP)

    def _transliterated_name_start(self, sstart: int) -> Optional[int]:
        """A Mongolian name written in the characters such names are written with
        (``transliteration_chars``), which the segmenter cuts into pieces that look like
        common words (敖拉|其|坦|旅游区); a joiner that opens the run after a finished name
        is the list's (…工业园区和|拉包巴工业园区)."""
        text = self.text
        chars = transliteration_chars()
        for word in NATIONAL_WORDS:  # 苏包日其|国家|湿地公园
            if text.endswith(word, 0, sstart):
                sstart -= len(word)
                break
        s = sstart
        while s > 0 and sstart - s < MAX_TRANSLITERATED and text[s - 1] in chars:
            if self._full_division_ending_at(s):
                break
            s -= 1
        if not self._name_edge(s):
            if text[s] not in LAST_JOINERS:
                return None  # the run goes on into a word: no edge of its own
            s += 1  # …工业园区和|拉包巴: the list's joiner
        name = text[s:sstart]
        if len(name) < 2 or _freq().get(name, 0) > 0 or name in self.gaz.names:
            return None
        return s

    def _known_place(self, s: int, e: int) -> bool:
        """A named place the lexicon or an earlier rule holds at ``text[s:e]``."""
        c = self.loc_ends.get(e)
        return (c is not None and c.start == s) or self.text[s:e] in self.lex.loc_lexicon

    @staticmethod
    def _name_char(w: str) -> bool:
        """One character that may open a name (福), not a verb, adjective or other word class."""
        return len(w) == 1 and (_pos_table().get(w) or "n")[:1] in ("n", "g", "j") and w not in SHORT_STOP

    def _fragment_name_start(self, sstart: int) -> Optional[int]:
        """A name of two to four characters no dictionary knows right before the kind word,
        starting where a word starts or after a preposition glued to it (由席|力图|召)."""
        text, tok = self.text, self.tok
        for n in range(MAX_FRAGMENT, 1, -1):
            s = sstart - n
            if s < 0:
                continue
            name = text[s:sstart]
            if not IS_HAN.match(name) or any(ch in SHORT_STOP for ch in name) or name.endswith("级"):
                continue  # (盟级|工业园区: a level, not a name)
            if any(self._full_division_ending_at(p) for p in range(s + 1, sstart)):
                continue
            glued = tok.containing(s - 1) if s > 0 else None
            if not (tok.is_bound(s) or (glued is not None and glued == (s - 1, glued[1])
                                        and text[s - 1] in LEAD_CHARS)):
                continue
            if _freq().get(name, 0) == 0 and self.is_proper(name) and self._pieces_of_a_name(s, sstart):
                return s
        return None

    def _pieces_of_a_name(self, s: int, e: int) -> bool:
        """Whether the words inside ``text[s:e]`` can be pieces of an unknown name: none a
        frequent word (发生|后, 感受|红), a word glued to a preposition (晚于|美|岱) nor a
        one-character verb or function word (靠山|吃)."""
        pos = s
        while pos < e:
            t = self.tok.containing(pos)
            if t is None:
                return False
            if t[0] >= s and t[1] <= e:
                w = self.text[t[0] : t[1]]
                if len(w) >= 2 and (_freq().get(w, 0) >= COMMON_WORD_FREQ or not self._body_word(w)):
                    return False
                if len(w) == 1 and (_pos_table().get(w) or "x") in FUNCTION_POS:
                    return False
            pos = t[1]
        return True

    def _named_not_kind(self, start: int, sstart: int) -> bool:
        """A body with a verb of farming or making names a place only with a name before the
        product (鑫悦|马铃薯|种植|基地); a product and a verb (肉羊|养殖|基地) name a kind."""
        words = self._words(start, sstart)
        verbs = [i for i, w in enumerate(words) if self._activity_word(w)]
        return not verbs or verbs[0] >= 2

    def _body_word(self, w: str) -> bool:
        """A word a name's body may hold: no function word, no role word; a verb only of two
        characters or more (城乡|统筹|产业园区)."""
        if not IS_HAN.match(w) or w in self.lex.body_stop or w in self.lex.not_entities or w in self.lex.titles:
            return False
        if len(w) == 1:
            return w not in SHORT_STOP and w not in LEAD_CHARS
        if w[0] in LEAD_CHARS or w[-1] in LEAD_CHARS or w[-1] in SHORT_STOP:
            return False  # 晚于, 由席: a preposition glued to a word
        pos = _pos_table().get(w) or "n"
        return pos in ("v", "vn") or (not pos.startswith(NOT_BODY_POS) and self.word_ok(w))

    def _name_lead(self, w: str) -> bool:
        """A word a name can start with: one that marks a name (a word the dictionary tags as
        a place or a name, a part of Mongolian names: 腾龙洞, 满都拉), not a frequent word that
        a place is also called (新建), a division in full or a level (盟级)."""
        if len(w) < 2 or w.endswith(FULL_LEVEL) or w.endswith("级") or w[0] in LEAD_CHARS or w[-1] in LEAD_CHARS:
            return False
        if _freq().get(w, 0) >= COMMON_WORD_FREQ or (_pos_table().get(w) or "")[:1] in ("v", "a", "d"):
            return False
        if w in self.lex.mongolian_parts or _pos_table().get(w) in PLACE_TAGS:
            return True
        return self.is_proper(w)

    def _after_adverb(self, start: int) -> bool:
        """Whether an adverb comes right before ``start`` (切实|筑牢|湿地): what follows it
        is a verb and its object, not a name."""
        prev = self.tok.before(start)
        return prev is not None and _pos_table().get(self.text[prev[0] : prev[1]]) in ADVERB_TAGS

    def _full_division_ending_at(self, pos: int) -> bool:
        """A division's name with its level word (承德市, 仁和区) ends at ``pos``."""
        return any(self.text[s:pos].endswith(FULL_LEVEL) and self.tok.is_bound(s)
                   for s in self.gpe_raw.get(pos, ()))

    # -- a division in full before a named place ----------------------------------
    def _division_before_named_place(self) -> None:
        text = self.text
        for c in list(self.cands):
            if c.label != "LOC" or c.source != "suffix" or id(c) in self.dropped:
                continue
            if self._country_and_kind(c):
                self.dropped.add(id(c))  # 中国沙漠: a kind of place in a country, no name
                continue
            cut = self._division_end(c.start, c.end)
            if cut is None:
                continue
            if not self._own_name_after(cut, c.end):
                continue  # 达拉特旗|光伏发电应用领跑基地, 东胜区|“国防林”生态基地: no name of its own
            self.dropped.add(id(c))
            short = Candidate(cut, c.end, "LOC", c.priority, "suffix")
            self.loc_ends[c.end] = short
            self.add(short)

    def _country_and_kind(self, c: Candidate) -> bool:
        hit = self.suffix_hits.get(c.end)
        if hit is None or hit[0] <= c.start:
            return False
        return any(p.level == 0 for p in self.gaz.names.get(self.text[c.start : hit[0]], ()))

    def _own_name_after(self, cut: int, end: int) -> bool:
        """Whether a name of its own starts at ``cut`` (a word that marks a name, or a short
        name the segmenter cut into pieces: 席|力图|召)."""
        text = self.text
        sstart = self.suffix_hits[end][0] if end in self.suffix_hits else end
        t = self.tok.containing(cut)
        if t is not None and t[0] == cut and t[1] < end and self._name_lead(text[t[0] : t[1]]):
            return True
        if t is not None and t[0] == cut and t[1] == sstart and _freq().get(text[cut:sstart], 0) < RARE_WORD_FREQ:
            return True  # 常德市|桃花源|旅游区: one rare word between division and kind word
        if self._transliterated_name_start(sstart) == cut:
            return True  # 呼和浩特市|席力图|召
        return 2 <= sstart - cut <= MAX_FRAGMENT and self._fragment_name_start(sstart) == cut

    def _division_end(self, start: int, end: int) -> Optional[int]:
        """End of the last division written in full in the chain of divisions that opens
        ``text[start:end]`` (承德市|…, 内蒙古自治区兴安盟科右中旗|…); None when there is none."""
        ends_from: dict[int, list[int]] = {}
        for e, starts in self.gpe_raw.items():
            for s in starts:
                if start <= s < e < end:
                    ends_from.setdefault(s, []).append(e)
        cut, pos = None, start
        while pos in ends_from:
            nxt = max(e for e in ends_from[pos])
            if not self.tok.is_bound(nxt):
                break
            if self.text[pos:nxt].endswith(FULL_LEVEL):
                cut = nxt
            pos = nxt
        return cut

    # -- stations -------------------------------------------------------------
    def _stations(self) -> None:
        """东胜|站, 萨拉齐|站: 站 as a word of its own right after a place's name or a
        township's name without its level word."""
        text, tok = self.text, self.tok
        for m in re.finditer(STATION, text):
            pos = m.start()
            if tok.containing(pos) != (pos, pos + 1):
                continue  # 驿站, 网站, 站长: 站 inside a word
            prev = tok.before(pos)
            if prev is None or prev[1] != pos:
                continue
            name = text[prev[0] : pos]
            if not IS_HAN.match(name) or len(name) < 2 or name.endswith(FULL_LEVEL):
                continue  # 市站: a body's unit
            if not (name in self.gaz.names or self.gaz.towns_by_stem(name)):
                continue
            if prev[0] in self._org_end_positions():
                continue  # 公安局东胜站: a body's unit, not the railway's
            c = Candidate(prev[0], pos + 1, "LOC", 46, "station")
            self.loc_ends[pos + 1] = c
            self.add(c)

    def _org_end_positions(self) -> set[int]:
        return {c.end for c in self.cands if c.label == "ORG"}

    # -- regions by their compass word ------------------------------------------
    def _regions(self) -> None:
        """西北地区, 西北、西南区域: each compass word of the run is a region (LOC)."""
        for m in _region_pattern().finditer(self.text):
            pos = m.start()
            for part in m.group(1).split("、"):
                e = pos + len(part)
                t = self.tok.containing(pos)
                glued_after = t is not None and self.text[e : t[1]] in REGION_AFTER  # 西北地区 as one word
                if self.tok.is_bound(pos) and (self.tok.is_bound(e) or glued_after):
                    self.add(Candidate(pos, e, "LOC", 40, "region"))
                pos += len(part) + 1


@lru_cache(maxsize=1)
def transliteration_chars() -> frozenset:
    """The characters Mongolian names are written with in Chinese: those of the personal name
    parts (``mongolian_name_parts.txt``) and those that two or more sumu names of the gazetteer
    share (巴, 彦, 敖, 包 …) unless they are words of direction, degree or function of their
    own (东, 新, 前)."""
    from .gazetteer import LEVEL_TOWN
    from .lexicon import get_lexicon

    lex = get_lexicon()
    seen: dict[str, int] = {}
    for level, _, name in lex.gaz.divisions.values():
        if level == LEVEL_TOWN and name.endswith("苏木"):
            for ch in set(name[: -len("苏木")]):
                seen[ch] = seen.get(ch, 0) + 1
    shared = {ch for ch, n in seen.items() if n >= 2 and (_pos_table().get(ch) or "n")[:1] not in NOT_NAME_CHAR_POS}
    return frozenset(set(lex.mongolian_chars) | shared)


@lru_cache(maxsize=1)
def _region_pattern() -> re.Pattern:
    """A run of compass regions joined by 、 before a word for an area."""
    words = sorted(set(data_words("compass_regions.txt")), key=len, reverse=True)
    alt = "|".join(words)
    return re.compile(f"((?:{alt})(?:、(?:{alt}))*)(?=" + "|".join(REGION_AFTER) + ")")
