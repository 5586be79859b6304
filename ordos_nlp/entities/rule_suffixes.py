"""Organisations and named places by their last word (局, 委员会, 公司 …; 保护区, 基地 …), with the place prefix or parent organisation found by walking left.

A mixin of ``rules._Run``: the methods read the run's text, tokens and
scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …) and add candidates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .candidates import (
    BAD_POS,
    BODY_JOINERS,
    Candidate,
    DETERMINERS,
    IS_HAN,
    LEAD_CHARS,
    MAX_BODY,
    NATIONAL,
    ORG_TAILS,
    PARTY_PREFIX,
    PROPER_POS,
    QUOTE_PAIRS,
    SHORT_STOP,
    SUO_PARTICLE_NEXT,
    _freq,
    _is_word,
    _needs_context,
    _pos_table,
)
from .lexicon import HAN, LOC, ORG, ORG_SUFFIX


BRACKETED_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[)）]")
# natural places: a division's full name before them is where they lie, not part of their name
NATURAL_SUFFIXES = ("草原", "沙漠", "沙地", "湿地", "林区", "河", "湖", "山", "海子", "淖尔", "水库", "火车站", "高铁站")
# rivers, lakes and hills are named on their own: a place before them is where they are (岳阳|南湖)
WATER_AND_HILLS = ("河", "湖", "山", "海子", "淖尔", "水库")
LEVEL_CHARS = "市区旗县省盟镇乡村州"
# the characters that join the items of a list of places (…工业园区和…工业园区)
LIST_JOINERS = "和与及"
# a word the dictionary counts this often is a common word before it is a place (新建)
COMMON_WORD_FREQ = 1000
LEVEL_NAMES = ("盟", "市", "旗", "县", "区", "省", "苏木", "镇", "乡")
# the words between a body and the unit it keeps in a place (…检察院派驻福星镇检察室, …报社驻内蒙古记者站)
STATIONED = ("派驻", "驻")


class SuffixRules:
    """Names ending in an organisation or place-kind word, with their prefix."""

    # -- walking left from a suffix ------------------------------------------
    def walk_left(self, body_end: int, org_ends: dict[int, Candidate], joiner_ok: bool = False,
                  activity_ok: bool = False, department: bool = False):
        """Find the start of the name whose body ends at ``body_end``.

        Returns ``(start, kind, body_start)`` where kind is ``gpe`` (a place
        prefix), ``village`` (a village or gacha right before), ``place`` (a named
        place that is not a division: 库布其沙漠), ``abbrev`` (市, 自治区 …), ``national`` (国家, 中共中央),
        ``parent`` (an organisation right before), or ``None`` (no prefix: the
        name is only its body, from ``body_start``). ``activity_ok``: verbs of what
        the members do are body too (…种养殖专业合作社); ``department``: the suffix
        names a department (科, 室), which a verb may name after its parent (住院部感染科).
        """
        text = self.text
        tok = self.tok
        cur = body_end
        fallback = None
        # the suffix may be the tail of a longer word (事务局, 服务中心): its head is body
        first = True
        while cur > 0 and body_end - cur <= MAX_BODY:
            if cur in org_ends:
                return org_ends[cur].start, "parent", cur
            g = self.gpe_start_ending_at(cur)
            if g is not None and not self._word_place(g, cur):
                brand = self.brand_before_place(g)
                if brand is not None:  # 内蒙古宏发|巴林|牧业有限责任公司: a place inside the name
                    cur, first = brand, False
                    continue
                at = next((g - len(w) for w in STATIONED if text.startswith(w, g - len(w)) and g - len(w) in org_ends), None)
                if at is not None:  # 陇西县检察院|派驻|福星镇检察室: a unit stationed by its parent
                    return org_ends[at].start, "parent", at
                return self._party_prefix(g), "gpe", cur
            named = self._named_place_ending_at(cur)
            if named is not None and text[cur] in LIST_JOINERS:
                return cur + 1, None, cur + 1  # …工业园区和|格巴乌工业园区: a list of two places
            if named is not None:  # 库布其沙漠|风电光伏园区, 达里湖|景区: the place it lies in, named
                return named, "place", cur
            v = self.village_start_ending_at(cur)
            if v is not None:
                return v, "village", cur  # 龙珠村卫生所, 银厂村村委会: a village's own body
            if cur in self.org_lex_ends:
                ls = self.org_lex_ends[cur]
                while True:  # 国家能源集团准能集团…: a chain of known parents
                    if ls in self.org_lex_ends and self.org_lex_ends[ls] < ls:
                        ls = self.org_lex_ends[ls]
                    elif ls in org_ends and org_ends[ls].label == "ORG":
                        ls = org_ends[ls].start
                    else:
                        break
                g = self.gpe_start_ending_at(ls)  # 内蒙古伊泰煤炭股份有限公司
                return (g if g is not None else ls), "parent", cur
            n = self.national_ending_at(cur)
            if n is not None and fallback is None:
                fallback = (n, "national", cur)
            a = self.abbrev_ending_at(cur)
            if a is not None:
                return self._party_prefix(a), "abbrev", cur
            prev = tok.before(cur)
            if prev is None:
                break
            ps, pe = prev
            if pe > cur:  # the suffix starts inside a word: take the word's head as body
                head = text[ps:cur]
                if len(head) == 1 and (head in SHORT_STOP or (_pos_table().get(head) or "x") in BAD_POS):
                    break  # 来厂, 某公司: a verb or a pronoun glued to the suffix
                if first and IS_HAN.match(head):
                    word = text[ps:pe]
                    if self._named_word(word, text[ps:cur]):
                        # a name the dictionary knows (中国地质大学, 欧洲中央银行): it starts here,
                        # or at the place name right before it
                        g = self.gpe_start_ending_at(ps)
                        return (g if g is not None else ps), "named", ps
                    cur = ps
                    first = False
                    continue
                break
            first = False
            w = text[ps:pe]
            if w in (")", "）") and body_end - pe <= 6:
                m = BRACKETED_PLACE.search(text, max(0, ps - 10), pe)
                if m and m.end() == pe and (m.group(1) in self.gaz.names or m.group(1) in self.lex.org_suffixes):
                    # 杉杉能源(宁夏)有限公司, 北方稀土(集团)高科技…: the place or kind in brackets is part of the name
                    cur = m.start()
                    continue
            if w and w[-1] in QUOTE_PAIRS.values():
                q = self._quoted_before(pe)
                inner = text[q + 1 : pe - 1] if q is not None else ""
                if (q is not None and body_end - q <= MAX_BODY and body_end - pe <= 4
                        and (_pos_table().get(inner) or "n")[0] not in "vad"):
                    cur = q  # 东胜区“国防林”生态基地
                    continue
                break
            if w in BODY_JOINERS and joiner_ok and 0 < body_end - cur <= 6 and ps > 0:
                # 林业和草原局, 住房和城乡建设局: 和 joins two parts of one name
                before = tok.before(ps)
                if before is not None:
                    bw = text[before[0] : before[1]]
                    if (self.word_ok(bw) and not any(bw.endswith(x) for x in ORG_TAILS)
                            and bw not in self.lex.org_lexicon and bw not in self.gaz.names
                            and bw not in NATIONAL):
                        cur = ps
                        continue
            if self._ends_in_suffix(w) and cur < body_end and self._named_word(w, w):
                g = self.gpe_start_ending_at(ps)  # 中华医学会|皮肤性病学分会: a known body before its part
                return (g if g is not None else ps), "parent", cur
            if (department and cur == body_end and ps in org_ends and org_ends[ps].label == "ORG" and len(w) >= 2
                    and IS_HAN.match(w) and not self.word_ok(w) and (_pos_table().get(w) or "") in ("v", "vn")):
                # 住院部|感染|科: a department named by what it treats (a body's own word after a
                # verb is none: 市人大常委会|举行|政府…)
                return org_ends[ps].start, "parent", ps
            if not (self.word_ok(w) or (activity_ok and self._activity_at(ps, pe)) or w in NATURAL_SUFFIXES
                    or self._name_fragment(ps, pe) or self.brand_before_trade(ps, pe)) or self._ends_in_suffix(w):
                break  # (湿地 is body: 黑河湿地国家级自然保护区)
            if w in self.lex.titles and self._person_after(pe, body_end):
                break  # 天津代表张慧英所讲: a role word and a name, not a name body
            cur = ps
        if fallback is not None:
            return fallback
        short = self._short_abbrev_before(body_end)
        if short is not None:
            return short, "abbrev", short + 1
        return None, None, cur

    def _word_place(self, start: int, end: int) -> bool:
        """新建|景观公园: a single place name whose every reading is also a frequent word
        (a verb, an adjective) is no place prefix; 卓资|东站, 亭湖|法院 are."""
        name = self.text[start:end]
        readings = self.gaz.names.get(name, ())
        return bool(readings) and _needs_context(readings) and _freq().get(name, 0) >= COMMON_WORD_FREQ

    def _name_fragment(self, s: int, e: int) -> bool:
        """杭锦旗|润|丰种|养殖, 杭锦旗|禾|达|丰种: characters the segmenter cut off a name no
        dictionary knows, between a place name and the rest of that name (two at most)."""
        text, tok = self.text, self.tok
        w = text[s:e]
        if not (len(w) == 1 and IS_HAN.match(w) and w not in SHORT_STOP and w not in LEAD_CHARS
                and w not in DETERMINERS):
            return False
        p = s
        while p not in self.gpe_raw:  # back to the place: single characters only
            prev = tok.before(p)
            if prev is None or prev[1] - prev[0] != 1 or s - prev[0] >= 2:
                return False
            p = prev[0]
        q = e
        while True:  # on to the unknown word: single characters only
            t = tok.containing(q)
            if t is None or t[0] != q:
                return False
            if t[1] - t[0] == 1 and t[1] - s <= 2:
                q = t[1]
                continue
            return not _is_word(text[t[0] : t[1]])

    def _named_place_ending_at(self, pos: int) -> Optional[int]:
        """Start of a named place (a LOC of the lexicon or one found by its kind word) ending at ``pos``."""
        c = self.loc_ends.get(pos)
        if c is not None:
            return c.start
        for s, e, key, roles in self.lex_ends.get(pos, ()):
            if LOC in roles and self.tok.is_bound(s):
                return s
        return None

    def _hierarchy_end(self, start: int, body_start: int) -> int:
        """Where a named place starts after the chain of divisions ``text[start:body_start]``:
        after a province that heads a longer chain (甘肃省|张掖黑河湿地), which is a GPE of
        its own; 鄂尔多斯伊金霍洛国际机场 and 北京市朝阳区… keep their city."""
        last = self.gpe_start_ending_at(body_start, chain=False)
        if last is None or last <= start:
            return start
        first_end = max((e for e in range(start + 2, last + 1) if start in self.gpe_raw.get(e, ())), default=None)
        if first_end is None:
            return start
        readings = self.gaz.lookup(self.text[start:first_end])
        if readings and all(p.level <= 1 and not (self.gaz.name_of(p.code or "") or "").endswith("市") for p in readings):
            return first_end  # a province or region; 北京市朝阳区人民检察院 keeps its city
        return start

    def _activity_word(self, w: str) -> bool:
        """A verb of farming or making (种植, 养殖) in a cooperative's name: two characters or more."""
        return (len(w) >= 2 and bool(IS_HAN.match(w)) and _pos_table().get(w) in ("v", "vn")
                and w not in self.lex.titles and w not in self.lex.body_stop and w not in self.lex.not_entities)

    def _activity_at(self, s: int, e: int) -> bool:
        """An activity word at ``text[s:e]``, or one verb character before one (种|养殖)."""
        w = self.text[s:e]
        if self._activity_word(w):
            return True
        after = self.tok.containing(e)
        return (len(w) == 1 and bool(IS_HAN.match(w)) and w not in SHORT_STOP and w not in LEAD_CHARS
                and w not in DETERMINERS and after is not None and after[0] == e
                and self._activity_word(self.text[after[0] : after[1]]))

    def _known_word_before(self, pos: int) -> bool:
        """Whether a dictionary word of two characters or more ends at ``pos``."""
        for n in range(2, 5):
            if pos - n >= 0 and _is_word(self.text[pos - n : pos]):
                return True
        return False

    def _person_after(self, pos: int, limit: int) -> bool:
        lex = self.lex
        text = self.text
        if not (text[pos : pos + 2] in lex.double_surnames or text[pos : pos + 1] in lex.surnames):
            return False
        t = self.tok.containing(pos)
        return t is not None and t[1] <= limit and 2 <= t[1] - t[0] <= 3 and not _is_word(text[t[0] : t[1]])

    def _ends_in_suffix(self, w: str) -> bool:
        """公司 in 汽车公司克莱斯勒公司: a finished name is not the body of the next one;
        the kind word alone is (友谊|农场|有限公司)."""
        if w in self.lex.org_suffixes:
            return False
        for n in range(len(w), 0, -1):
            if w[-n:] in self.lex.org_suffixes:
                return w not in self.lex.body_words and w not in self.lex.suffix_false
        return False

    def _short_abbrev_before(self, body_end: int) -> Optional[int]:
        """市住建局 when the words are cut badly (市住|建|局): a level word 1–4 characters
        before the suffix, with nothing in between that could not be part of a short name."""
        text = self.text
        for k in range(1, 5):
            a = body_end - k - 1
            if a < 0:
                return None
            ch = text[a]
            if not IS_HAN.match(text[a:body_end]) or text[a + 1] in SHORT_STOP:
                return None
            if ch not in "市区旗县省盟":
                continue
            if any(c in SHORT_STOP for c in text[a + 1 : body_end]):
                return None
            if _freq().get(text[a : a + 2], 0) >= 100:
                return None  # 市民文明学校: 市 is part of the word 市民
            prev = text[a - 1] if a > 0 else ""
            if prev and IS_HAN.match(prev) and prev not in LEAD_CHARS and not self.tok.is_bound(a):
                return None
            if prev in DETERMINERS:
                return None
            return a
        return None

    def _named_word(self, word: str, head: str) -> bool:
        """A dictionary name of an organisation (中国地质大学), not a kind (科研院所, 上市公司):
        tagged ``nt``, and its head holds a proper name."""
        if _pos_table().get(word) != "nt" or word in self.lex.suffix_false:
            return False
        return self._has_proper_part(head)

    def _has_proper_part(self, head: str) -> bool:
        """Whether some word inside ``head`` is a known place or organisation (华为技术, 中国地质)."""
        lex = self.lex
        for i in range(len(head) - 1):
            for j in range(i + 2, min(len(head), i + 6) + 1):
                w = head[i:j]
                if w in self.gaz.names or w in lex.org_lexicon or w in lex.loc_lexicon:
                    return True
        return False

    def _quoted_before(self, pos: int) -> Optional[int]:
        """Start of a short quoted part “…” that ends at ``pos`` (inside a name)."""
        close = self.text[pos - 1]
        for o, c in QUOTE_PAIRS.items():
            if c == close:
                s = self.text.rfind(o, max(0, pos - 12), pos - 1)
                if s >= 0 and IS_HAN.match(self.text[s + 1 : pos - 1] or "x"):
                    return s
        return None

    def _party_prefix(self, start: int) -> int:
        for p in PARTY_PREFIX:
            if self.text[max(0, start - len(p)) : start] == p:
                return start - len(p)
        return start

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
