"""Where a name that ends in its kind word starts: the walk left from an organisation's or
a place's last word over its body to its place prefix, parent body or village.

A mixin of ``rules._Run`` (through ``rule_suffixes.SuffixRules``): the methods read the
run's text, tokens and scanner tables (``self.text``, ``self.tok``, ``self.gpe_raw`` …).
"""

from __future__ import annotations

import re
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
    QUOTE_PAIRS,
    SHORT_STOP,
    _freq,
    _is_word,
    _needs_context,
    _pos_table,
)
from .lexicon import LOC

BRACKETED_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[)）]")
# natural places: a division's full name before them is where they lie, not part of their name
NATURAL_SUFFIXES = ("草原", "沙漠", "沙地", "湿地", "林区", "河", "湖", "山", "海子", "淖尔", "水库", "火车站", "高铁站")
# the characters that join the items of a list of places (…工业园区和…工业园区)
LIST_JOINERS = "和与及"
# a word the dictionary counts this often is a common word before it is a place (新建)
COMMON_WORD_FREQ = 1000
# the words between a body and the unit it keeps in a place (…检察院派驻福星镇检察室, …报社驻内蒙古记者站)
STATIONED = ("派驻", "驻")


class NameStartRules:
    """The start of a name from the end of its body (``walk_left``) and the word tests it uses."""

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
                    or self._name_fragment(ps, pe) or self.brand_before_trade(ps, pe)
                    or w in self.lex.mongolian_parts) or self._ends_in_suffix(w):
                # (达来|诺日|人民法庭: a Mongolian word names places as it names people)
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
        """A verb of farming or making (种植, 养殖, 铸造) in a cooperative's or a company's name: two characters or more."""
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
