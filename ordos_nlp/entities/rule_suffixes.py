"""Organisations and named places by their last word (局, 委员会, 公司 …; 保护区, 基地 …), with the place prefix or parent organisation found by walking left.

A mixin of ``rules._Run``: the methods read the run's text, tokens and
scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …) and add candidates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .candidates import (
    Candidate,
    IS_HAN,
    PROPER_POS,
    SUO_PARTICLE_NEXT,
    _freq,
    _is_word,
    _pos_table,
)
from .lexicon import HAN, LOC, ORG, ORG_SUFFIX
from .rule_name_start import BRACKETED_PLACE, NATURAL_SUFFIXES, NameStartRules


# rivers, lakes and hills are named on their own: a place before them is where they are (岳阳|南湖)
WATER_AND_HILLS = ("河", "湖", "山", "海子", "淖尔", "水库")
LEVEL_CHARS = "市区旗县省盟镇乡村州"
LEVEL_NAMES = ("盟", "市", "旗", "县", "区", "省", "苏木", "镇", "乡")


class SuffixRules(NameStartRules):
    """Names ending in an organisation or place-kind word, with their prefix."""

    def _org_and_loc(self) -> None:
        """Names ending in an organisation or place-kind word, with their prefix."""
        text = self.text
        org_ends: dict[int, Candidate] = dict(self.zone_anchor_ends)
        self.org_ends = org_ends
        for end in sorted(self.suffix_hits):
            sstart, role, suf = self.suffix_hits[end]
            if not self._suffix_end_ok(sstart, end):
                continue
            if self._inside_lexicon_name(sstart, end):
                continue  # 青藏高原, 国家统计局: the lexicon knows the whole name
            if self._inside_village_name(sstart, end):
                continue  # 银厂村: the suffix is part of a village's name
            # do not cut a zone or an earlier name in two
            t = self.tok.containing(end - 1)
            if t and any(text[end - len(w) : end] == w and end - len(w) >= t[0] for w in self._titles_ending(text[end - 1])):
                continue  # 常委, 委员: the suffix is the end of a role word
            if t and t[0] < sstart:
                head_word = text[t[0] : end]
                if head_word in self.lex.suffix_false or _pos_table().get(head_word) in {"v", "d", "r", "m", "f", "s", "i", "l"}:
                    continue
                if (end - sstart == 1 and _pos_table().get(head_word) in ("ns", "nr", "nrt", "nrfg")
                        and not _is_word(text[t[0] : sstart])):
                    continue  # 莫斯科: a name that happens to end in 科/部/处 (not 宣传|部)
            if text[sstart:end] == "所" and (text[end : end + 1] in SUO_PARTICLE_NEXT or self._verb_after(end)):
                continue  # 张慧英所讲, 球迷所占领: the particle 所
            if end - sstart >= 2 and _pos_table().get(text[sstart:end]) == "v" and text[end : end + 1] in "的了着":
                continue  # 山东水发农业集团控股的…公司: the verb 控股, not the suffix
            if end - sstart == 1 and getattr(suf, "cls", "") == "sub" and not self._known_word_before(sstart):
                continue  # 斯托伊科, 重点学科: no department word before 科/部/处
            start, kind, body_start = self.walk_left(sstart, org_ends, joiner_ok=getattr(suf, "cls", "") == "gov",
                                                     activity_ok=getattr(suf, "activity_ok", False),
                                                     department=getattr(suf, "cls", "") == "sub")
            if kind == "parent" and org_ends.get(body_start) is not None and org_ends[body_start].label == "GPE":
                kind = "gpe"  # a development zone before the name is its place prefix
            label = "ORG" if role == ORG_SUFFIX else "LOC"
            c = self._suffix_candidate(label, suf, start, kind, body_start, sstart, end)
            if c is None:
                continue
            if label == "ORG":
                c = self._campus(c)
                # merge with the parent organisation right before
                if kind == "parent":
                    parent = org_ends.pop(body_start, None)
                    if parent is not None and parent.label == "ORG":
                        self.dropped.add(id(parent))
                org_ends[c.end] = c
            else:
                self.loc_ends[c.end] = c
            self.add(c)

    def _inside_village_name(self, sstart: int, end: int) -> bool:
        for word in ("嘎查", "村"):
            if self.text.startswith(word, end):
                v = self.village_start_ending_at(end + len(word))
                return v is not None and v < sstart
        return False

    def _titles_ending(self, ch: str) -> list[str]:
        cache = self.__dict__.setdefault("_title_by_last", {})
        if not cache:
            for w in self.lex.titles:
                if len(w) >= 2:
                    cache.setdefault(w[-1], []).append(w)
        return cache.get(ch, [])

    def _inside_lexicon_name(self, sstart: int, end: int) -> bool:
        for s, e, key, roles in self.lex_ends.get(end, ()):
            if s < sstart and (ORG in roles or LOC in roles) and self.tok.is_bound(s):
                return True
        return False

    def _suffix_end_ok(self, sstart: int, end: int) -> bool:
        if self.tok.is_bound(end) or end == len(self.text):
            return True
        t = self.tok.containing(end)
        if t is None:
            return True
        # 市委书记 is one word, 委副|书记 a bad cut: the organisation ends before the role word
        if self.text[end : t[1]] in self.lex.titles:
            return True
        pos = end + 1 if self.text[end : end + 1] in ("副", "正", "常") else end
        return any(self.text.startswith(w, pos) for w in self._titles_starting(self.text[pos : pos + 1]))

    def _titles_starting(self, ch: str) -> list[str]:
        cache = self.__dict__.setdefault("_title_by_first", {})
        if not cache:
            for w in self.lex.titles:
                if len(w) >= 2:
                    cache.setdefault(w[0], []).append(w)
        return cache.get(ch, [])

    def _suffix_candidate(self, label, suf, start, kind, body_start, sstart, end) -> Optional[Candidate]:
        text = self.text
        body = text[body_start:sstart]
        if kind == "named":
            return Candidate(start, end, label, 50 if label == "ORG" else 45, "suffix")
        if kind == "village":  # a village has one clinic, one committee, one party branch: all names
            return Candidate(start, end, label, 50, "suffix") if label == "ORG" else None
        if kind == "place":  # 张掖黑河湿地|国家级自然保护区(|管理局): a named place and its kind word
            return Candidate(start, end, label, 50 if label == "ORG" else 46, "suffix")
        if kind is not None:
            empty = body_start == sstart
            if label == "ORG" and suf.cls == "branch":
                # 中国人民银行鄂尔多斯市分行, 市公安局东胜分局: parent + place + branch word
                if kind == "parent":
                    return Candidate(start, end, label, 50, "suffix")
                if kind == "gpe":
                    parent = self._org_ending_at(start)
                    if parent is not None:
                        return Candidate(parent, end, label, 50, "suffix")
                return None
            if label == "ORG" and kind == "gpe" and suf.cls in ("company", "gov") and self._country_at(start, body_start):
                if not any(self.is_proper(w) for w in self._words(body_start, sstart)) and suf.text not in ("政府", "人民政府", "大使馆", "领事馆"):
                    return None  # 美国卫星公司: a company from a country, no name
            if label == "ORG" and kind == "gpe" and (suf.cls == "company" or (suf.cls == "gov" and empty)):
                parent = self._org_ending_at(start)
                if parent is not None:  # 内蒙古电力集团鄂尔多斯供电公司, 国家矿山安全监察局内蒙古局:
                    return Candidate(parent, end, label, 50, "suffix")  # a subsidiary named by its place
            if label == "ORG":
                if empty and not suf.empty_ok and kind != "parent" and not (
                        kind == "gpe" and suf.cls in ("school", "company") and text[sstart - 1] not in LEVEL_CHARS):
                    return None  # 市中学: a kind of body; 海陵中学 (a place's short form) is a name
                if kind == "parent" and empty and suf.cls not in ("sub", "gov", "school", "company"):
                    return None
                if kind == "national" and suf.cls == "sub":
                    return None
                if suf.cls == "sub" and kind != "parent" and len(body) < 2:
                    return None  # 沈阳市南站: a department needs its parent or a real name
                if suf.cls == "company" and kind == "abbrev" and not self._has_proper_part(body):
                    return None  # 乡磷肥厂: the township's plant, not a name
                if kind == "abbrev" and empty and text[start:sstart] in ("镇", "乡", "州") and suf.cls != "gov":
                    return None
            else:
                if kind != "gpe":  # 全国…基地, 创业区…基地: a named place needs a place name before it,
                    return self.park_candidate(kind, start, body_start, sstart, end, suf)  # or a brand
                if empty and not suf.empty_ok:
                    return None
                after_division = text[start:body_start].endswith(LEVEL_NAMES)
                if suf.text in NATURAL_SUFFIXES and after_division and empty:
                    return None  # 乌拉特前旗草原: the banner's grassland, no name of its own
                if suf.text in NATURAL_SUFFIXES and (
                        (after_division and (any(self.is_proper(w) for w in self._words(body_start, sstart))
                                             or not _is_word(text[body_start:sstart])))
                        or (suf.text in WATER_AND_HILLS and sstart > body_start)):
                    # 锡林郭勒盟白音锡勒草原: a natural place named on its own, after the division it lies in
                    return Candidate(body_start, end, label, 45, "suffix")
            if kind == "gpe" and start < body_start:
                # 甘肃省|张掖黑河湿地国家级自然保护区, 云南省|大理州鹤庆县人民医院: a province
                # heading a chain of divisions is a GPE of its own
                start = self._hierarchy_end(start, body_start)
                if label == "LOC":
                    start = self.park_start(start, body_start, sstart, suf)  # 察右前旗|鑫悦…种植基地
            return Candidate(start, end, label, 50 if label == "ORG" else 45, "suffix")
        # no prefix: only names that are distinctive on their own
        if kind is None:  # 春锦农业食用菌产业融合示范园: a brand names the park; 淖尔壕煤矿: a place the mine
            site = (self.park_candidate(kind, start, body_start, sstart, end, suf) if label == "LOC"
                    else self.site_candidate(body_start, sstart, end, suf))
            if site is not None:
                return site
        anchor = self._bracket_start(sstart) if label == "ORG" else sstart  # 杉杉能源|(宁夏)|有限公司
        body_start = self._plain_body_start(anchor, max_len=10 if label == "ORG" else 4,
                                            activity_ok=getattr(suf, "activity_ok", False), coined_ok=label == "ORG")
        body = text[body_start:anchor]
        if not body:
            return None
        words = self._words(body_start, anchor)
        if label == "ORG":
            if suf.cls not in ("company", "school") or len(body) < 2:
                return None
            if (not any(self.is_proper(w) for w in words) and not self._has_proper_part(body)
                    and not self._named_activity(words, suf) and not self.coined(body)):
                return None  # (花凉中学: a name no dictionary holds, whatever its characters' tags)
            if len(words) == 1 and _pos_table().get(body) == "ns":
                return None  # 欧洲公司: a company from a place, no name
            return Candidate(body_start, end, label, 48, "suffix")
        if suf.cls == "free" and any(self.is_proper(w) for w in words):
            return Candidate(body_start, end, label, 44, "suffix")
        return None

    def _bracket_start(self, pos: int) -> int:
        """Start of a place or kind in brackets that ends at ``pos`` (杉杉能源(宁夏)), else ``pos``."""
        m = BRACKETED_PLACE.search(self.text, max(0, pos - 10), pos)
        if m and m.end() == pos and (m.group(1) in self.gaz.names or m.group(1) in self.lex.org_suffixes):
            return m.start()
        return pos

    def _country_at(self, start: int, end: int) -> bool:
        """Whether the place prefix ``text[start:end]`` ends in a foreign country's name
        (中国石油天然气集团 is a name; 美国卫星公司 is a description)."""
        for st in self.gpe_raw.get(end, ()):
            if st >= start and any(p.level == 0 and p.source != "country:CN" for p in self.gaz.names.get(self.text[st:end], ())):
                return True
        return False

    def _org_ending_at(self, pos: int) -> Optional[int]:
        if pos in self.org_lex_ends:
            return self.org_lex_ends[pos]
        c = self.org_ends.get(pos)
        return c.start if c is not None and c.label == "ORG" else None

    def _named_activity(self, words: list[str], suf) -> bool:
        """升平|水稻|种植|农民专业合作社: a name and a product before what the members do;
        粮食|种植专业合作社 (a product and a verb only) is a kind of cooperative."""
        if not getattr(suf, "activity_ok", False):
            return False
        verbs = [i for i, w in enumerate(words) if self._activity_word(w)]
        if not verbs or verbs[-1] < 2:
            return False
        lead = words[0]  # 升平, not 农民 (农民水稻种植合作社: a kind)
        return self.is_proper(lead) or _freq().get(lead, 0) < 100

    def _plain_body_start(self, sstart: int, max_len: int, activity_ok: bool = False, coined_ok: bool = False) -> int:
        """Start of the run of name-like words right before a suffix, for names with no prefix.

        Only nouns and words unknown to the dictionary count; a verb, a common word
        that is the whole word around the suffix (上市公司), or anything else ends it.
        """
        text = self.text
        t = self.tok.containing(sstart - 1) if sstart > 0 else None
        cur = sstart
        if t is not None and t[1] > sstart:
            word = text[t[0] : t[1]]
            if _is_word(word) and _pos_table().get(word) not in PROPER_POS:
                return sstart  # 中小学校, 上市公司: an ordinary word, not a name
            cur = t[0]
        while cur > 0 and sstart - cur < max_len:
            prev = self.tok.before(cur)
            if prev is None or prev[1] != cur:
                break
            w = text[prev[0] : cur]
            if not IS_HAN.match(w) or w in self.lex.body_stop or w in self.lex.not_entities:
                break
            if not (self.is_proper(w) or _pos_table().get(w) in ("n", "nz", "nt", "j", "ns", "nr", "ng")
                    or w in self.lex.body_words or (activity_ok and self._activity_word(w)) or (coined_ok and self.coined(w))):
                break  # (body words: 金龙稀土|新|材料有限公司)
            if sstart - prev[0] > max_len:
                break
            cur = prev[0]
        first = self.tok.containing(cur) if cur < sstart else None
        coined = self.coined_start(first[1] if first is not None and first[0] == cur else cur) if coined_ok else None
        if coined is not None and coined < cur:
            cur = coined  # 晟|茂|中学, 晟|通兴|中学: a coined name the segmenter cut apart
        # 母校北卡罗来纳大学, 步入加拉加斯儿童博物馆: a common word before the proper
        # part of the name is the sentence's, not the name's
        words = self._words(cur, sstart)
        while len(words) >= 2 and len(words[0]) >= 2 and self._common_lead(words[0]) and self.is_proper(words[1]):
            cur += len(words[0])
            words = words[1:]
        return cur

    def _common_lead(self, w: str) -> bool:
        """A dictionary word that is no name (母校, 大学, 步入), at the left edge of a name body."""
        if w in self.lex.org_lexicon or w in self.gaz.names or w in self.lex.body_words:
            return False
        return _freq().get(w, 0) > 0 and _pos_table().get(w) not in PROPER_POS

    def _campus(self, c: Candidate) -> Candidate:
        """中国地质大学(武汉): a campus in brackets right after a university stays with it."""
        text = self.text
        if not re.search(r"(?:大学|学院)$", text[c.start : c.end]):
            return c
        m = re.match(rf"[（(]([{HAN}]{{2,6}})[)）]", text[c.end : c.end + 9])
        if m and (m.group(1) in self.gaz.names or m.group(1).endswith("校区")):
            return replace(c, end=c.end + m.end())
        return c
