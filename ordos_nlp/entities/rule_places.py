"""Places by name: the gazetteer and lexicons matched as whole words, development zones, and villages after their township.

A mixin of ``rules._Run``: the methods read the run's text, tokens and
scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …) and add candidates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .candidates import (
    IS_HAN,
    FUNCTION_POS,
    LEAD_CHARS,
    NAME_POS,
    NUMERAL_CHARS,
    VILLAGE,
    VILLAGE_STOP,
    VILLAGE_WORD,
    Candidate,
    _freq,
    _is_word,
    _pos_table,
)
from .gazetteer import LEVEL_COUNTY, LEVEL_TOWN, LEVEL_ZONE
from .lexicon import ADDED_TO_JIEBA, GPE, LOC, NONE, ORG


# the last words of an industrial park's name (工业园区, 产业园, 物流园区)
PARK_WORDS = ("园区", "工业园", "产业园", "物流园")
LEVEL_WORDS = ("镇", "乡", "苏木", "旗", "县", "区", "市", "盟", "省")
# a count before a village word (三个村): the numeral and its measure word
# directions that open a village's name before a number of households (东二十家子嘎查)
DIRECTION_CHARS = set("东西南北前后")
COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十百千两几多]+[个家名位户条座处]")
# words for a kind of division: 苏木嘎查村 (the sumu's villages) names none
DIVISION_WORDS = {"苏木", "嘎查", "嘎查村", "乡镇", "镇", "乡", "村", "旗", "旗县", "社区", "艾里", "农村", "牧区"}


#: a word the dictionary has seen this rarely, inside a village's name, is read as part of the name
RARE_WORD_FREQ = 10


class PlaceRules:
    """Places by name, development zones, villages."""

    def _zones(self) -> None:
        """Development zones: a place name + 高新区 / 经济开发区 / 工业园区 …"""
        self.zone_anchor_ends: dict[int, Candidate] = {}
        text = self.text
        for end, (sstart, suf) in sorted(self.zone_hits.items()):
            if not self.tok.is_bound(end) and end != len(self.text):
                continue
            # the place right before the zone word, or one short name between (乌审旗苏里格经济开发区)
            pos = sstart
            gstart = self._zone_place(pos)
            body = None
            if gstart is None:
                prev = self.tok.before(pos)
                if prev and prev[1] == pos and 2 <= pos - prev[0] <= 4 and self.word_ok(self.text[prev[0] : pos]):
                    w = self.text[prev[0] : pos]
                    if self.is_proper(w):
                        g2 = self._zone_place(prev[0])
                        if g2 is not None:
                            gstart, body = g2, prev[0]
            if gstart is None:
                continue
            anchor_end = body if body is not None else pos
            name_start = self._nearest_place_start(anchor_end)
            if any(p.source.startswith("division") for p in self.gaz.names.get(text[name_start:end], ())):
                continue  # 浦东新区, 滨海新区: a district, with its own code
            readings = tuple(self.gaz.lookup(self.text[name_start:anchor_end]))
            anchor = Candidate(name_start, anchor_end, "GPE", readings=readings)
            c = Candidate(name_start, end, "GPE", 60, "zone", anchor=anchor)
            self.add(c)
            self.zone_anchor_ends[end] = c

    def _zone_place(self, pos: int) -> Optional[int]:
        starts = self.gpe_raw.get(pos)
        if not starts:
            return None
        return min(starts)

    def _nearest_place_start(self, pos: int) -> int:
        """Start of the longest place name ending at ``pos`` (no chain)."""
        starts = self.gpe_raw.get(pos, [pos])
        good = [s for s in starts if self.tok.is_bound(s)] or starts
        return min(good)

    def _lexicon(self) -> None:
        """Whole-word matches of place names, organisations and places by name."""
        valid = []
        for s, e, key, roles in self.lex_hits:
            sb, eb = self.tok.is_bound(s), self.tok.is_bound(e) or e == len(self.text)
            if NONE in roles:
                valid.append((s, e, key, roles, NONE))
                continue
            if ORG in roles:
                label = ORG
            elif LOC in roles or self._park_zone(key):
                label = LOC
            else:
                label = GPE
            if e - s <= 3 or label != GPE or not self._is_full_name(key, roles):
                ok = sb and eb
            else:
                ok = sb or eb  # a long full name: jieba may cut its first or last word oddly
            if ok and s > 0 and key[0] in "名个家位项条" and self.text[s - 1] in NUMERAL_CHARS:
                ok = False  # 3000名山区: a counter, then 山区
            if ok and e < len(self.text) and key in ADDED_TO_JIEBA \
                    and (label != GPE or not self._is_full_name(key, roles)) \
                    and _freq().get(self.text[e - 1 : e + 1], 0) >= 100:
                ok = False  # the last character starts a word with the next one (事务部|门 → 部门)
            if ok:
                valid.append((s, e, key, roles, label))
        # leftmost-longest among whole-word matches
        valid.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        last_end = -1
        for s, e, key, roles, label in valid:
            if s < last_end:
                continue
            last_end = e
            if label == NONE:
                continue
            if label == GPE:
                c = Candidate(s, e, "GPE", 30, "gazetteer", readings=tuple(self.gaz.lookup(key)))
                self.add(c)
                if any(p.level in (LEVEL_COUNTY, LEVEL_TOWN) for p in c.readings):
                    self._village_after(c)  # 临河区富强村 as 图克镇哈图嘎查
            else:
                self.add(Candidate(s, e, label, 40, "lexicon"))

    def _park_zone(self, key: str) -> bool:
        """A listed zone named as an industrial park (大路工业园区, …物流园区): FACTS.md counts
        industrial parks as named places (LOC), development zones as divisions (GPE)."""
        readings = self.gaz.names.get(key, ())
        return bool(readings) and all(p.level == LEVEL_ZONE for p in readings) and key.endswith(PARK_WORDS)

    def _named_words(self) -> None:
        """A dictionary word that is an organisation's name and starts with a place (上海石化,
        上海交通大学): the place stays inside the name."""
        text = self.text
        tok = self.tok
        for end, starts in self.gpe_raw.items():
            for s in starts:
                if not tok.is_bound(s) or tok.is_bound(end):
                    continue
                t = tok.containing(s)
                if t is None or t[0] != s or t[1] - s < 4:
                    continue
                word = text[s : t[1]]
                if _pos_table().get(word) in ("nt", "j") and word not in self.lex.not_entities \
                        and word not in self.gaz.names:  # 香港特别行政区: the place itself
                    self.add(Candidate(s, t[1], "ORG", 32, "named-word"))

    def _village_after(self, town: Candidate) -> None:
        """A village or gacha named right after its township or county (图克镇哈图嘎查,
        树林召镇新民堡村, 三岔口乡十二洲村, 临河区富强村): a common word (富强) names it there too."""
        text = self.text
        at = self._after_street_office(town)
        m = VILLAGE.match(text, at)
        if not m:
            return
        body, end = m.group(1), m.end()
        if any(ch in VILLAGE_STOP for ch in body) or COUNTED.match(body) or _is_word(text[at:end]):
            return  # 三个村, 两家村: a count, not a name
        if any(p in self.gpe_raw for p in range(at + 2, at + len(body))):
            return  # 盐津县|豆沙镇银厂村: another division comes first; the village follows it
        if not (self.tok.is_bound(end) or end == len(text)):
            return
        if m.group(2) == "村" and text[end : end + 2] in ("委会", "两委"):
            return  # 新庙村委会: the committee, an organisation
        anchor = replace(town, priority=0)
        self.add(Candidate(at, end, "GPE", 55, "village", anchor=anchor, readings=()))

    def _villages(self) -> None:
        """A village, gacha or hamlet by its word (巴音敖包嘎查, 新民村, …艾里) where no township
        comes before it: the name is the run of name-like characters right before the word.

        苏木 (a township) is read the same way, for the sumu a gazetteer may miss.
        嘎查 and 艾里 are read wherever they are written (no common word holds them, and the
        segmenter cuts unknown names across them: 巴嘎|查); 村 only as a word of its own
        (not 农村, 村民).
        """
        text = self.text
        tok = self.tok
        for m in VILLAGE_WORD.finditer(text):
            ws, end = m.start(), m.end()
            if ws < 2:
                continue
            if m.group() == "村" and text.endswith("嘎查", 0, ws):
                continue  # 嘎查村: read with its 嘎查
            if m.group() == "村":
                t = tok.containing(ws)
                if not (end == len(text) or tok.is_bound(end) or self._village_word_glued(t, end)) \
                        or text[end : end + 2] in ("委会", "两委"):
                    continue  # 村民, 村委会
                if t is None or t[0] != ws:
                    if t is None or t[1] != end or _is_word(text[t[0] : end]):
                        continue  # 农村, 乡村: a word that ends in 村
                    if end - t[0] == 2 and (_pos_table().get(text[t[0]]) or "").startswith("v"):
                        continue  # 驻村, 进村: a verb and the village it goes to, no name's end
            elif text[end : end + 1] == "村":
                end += 1  # 嘎查村: one name
            start = self._village_start(ws)
            if start is None:
                continue
            body = text[start:ws]
            if m.group() == "村" and (len(body) > 4 or (
                    _freq().get(body, 0) >= 500 and (_pos_table().get(body) or "x") not in NAME_POS)):
                continue  # 文明村, 重点村: a common word, not a name
            self.add(Candidate(start, end, "GPE", 50, "village", readings=()))

    def village_start_ending_at(self, end: int) -> Optional[int]:
        """Start of a village or gacha name ending at ``end`` (龙珠村, 碛塄村), for the
        organisations named after it (龙珠村卫生所, 银厂村村委会); None when there is none."""
        text = self.text
        word = next((w for w in ("嘎查村", "嘎查", "艾里", "社区", "村") if text.endswith(w, 0, end)), None)
        if word is None or end - len(word) < 2:
            return None
        ws = end - len(word)
        if word == "村":
            t = self.tok.containing(ws)
            if (t is None or t[0] != ws) and (t is None or t[1] != end or _is_word(text[t[0] : end])):
                return None  # 农村, 乡村: a word that ends in 村
        start = self._village_start(ws)
        if start is None:
            return None
        body = text[start:ws]
        if word == "村" and (len(body) > 4 or (
                _freq().get(body, 0) >= 500 and (_pos_table().get(body) or "x") not in NAME_POS)):
            return None  # 文明村, 重点村
        return start

    def _village_start(self, ws: int) -> Optional[int]:
        """Start of the village name before its word at ``ws``. 豆沙|镇银厂|村, 图克|镇|巴乌|巴嘎|查:
        a township's name ending just before is where the village's starts, whatever the
        segmenter made of the characters between."""
        text = self.text
        towns = [p for p in range(max(0, ws - 7), ws - 1)
                 if p in self.gpe_raw and (text[p - 1] in "镇乡" or text[p - 2 : p] == "苏木")]
        towns += [p for p in range(max(0, ws - 7), ws - 1) if self._street_ends_at(p)]
        if towns:
            start = max(towns)
            return start if IS_HAN.match(text[start:ws]) and self._village_body_ok(start, ws) else None
        return self._village_body_start(ws)

    def _village_body_start(self, ws: int) -> Optional[int]:
        """Start of the name before the village word at ``ws``: at most six characters, none a
        stop character, starting where a word starts, with no lead word, role word or
        township inside it."""
        text = self.text
        lo = ws
        while lo > 0 and ws - lo < 6 and IS_HAN.match(text[lo - 1]) and text[lo - 1] not in VILLAGE_STOP \
                and text[lo - 1] not in NUMERAL_CHARS:
            lo -= 1
        hard_edge = ws - lo < 6  # lo follows a stop character, a non-Han one or the text's start
        if hard_edge and lo > 0 and text[lo - 1] in NUMERAL_CHARS and not self.tok.is_bound(lo):
            # the numeral is inside a word (进一步|指导社区, 四方|地村): no edge of a name; a
            # village named with a numeral (四方地村) is left unread rather than cut (方地村)
            hard_edge = False
        if text[lo : lo + 2] == "家子" and lo > 0 and text[lo - 1] in NUMERAL_CHARS:
            # 五十家子嘎查, 八家子村: a village named by a number of households (the quantities
            # layer leaves N家子 before a village word alone)
            start = lo
            while start > 0 and lo - start < 4 and text[start - 1] in NUMERAL_CHARS:
                start -= 1
            if start > 0 and text[start - 1] in DIRECTION_CHARS and (
                    start == 1 or not IS_HAN.match(text[start - 2]) or text[start - 2] in VILLAGE_STOP):
                start -= 1  # 东二十家子嘎查, 西二十家子村: the direction names the village too
            return start
        for p in range(lo, ws - 1):
            if not (self.tok.is_bound(p) or (p == lo and hard_edge)):
                continue
            if self._village_body_ok(p, ws):
                return p
        return None

    def _village_body_ok(self, p: int, ws: int) -> bool:
        text = self.text
        if ws - p == 1 and (_pos_table().get(text[p]) or "x") in FUNCTION_POS:
            return False  # 辖区内|嘎查村, 各|社区: a function word before the word, no name
        pos = p
        while pos < ws:
            t = self.tok.containing(pos)
            e = min(t[1], ws) if t is not None else ws
            w = text[t[0] : t[1]] if t is not None and t[0] == pos and t[1] <= ws else text[pos:e]
            if len(w) == 1:  # a character of an unknown name (都 in 巴彦都日格) unless it leads in
                if w in LEAD_CHARS:
                    return False
            elif pos > p and _freq().get(w, 0) < RARE_WORD_FREQ:
                pass  # 丰|兴达社区: a word the dictionary has hardly seen, inside the name, is part of it
            elif pos == p and len(w) >= 2 and w in self.lex.org_suffixes:
                return False  # …便民服务中心|碛塄村: a body's kind word ends the body, no village starts with it
            elif (self._lead_word(w) or w in DIVISION_WORDS or (_pos_table().get(w) or "")[:1] == "v"
                    or w in self.lex.titles or w in self.lex.not_entities
                    or w in self.lex.body_stop or (w in self.gaz.names and w.endswith(LEVEL_WORDS))):
                return False
            pos = e
        return True

    def _is_full_name(self, key: str, roles) -> bool:
        return any(p.source == "division" or p.level == LEVEL_ZONE for p in self.gaz.names.get(key, ()))
