"""Rule-based entity candidates: ORG, GPE, LOC and PERSON from name structure.

Everything here works on one string (the text view with soft line breaks
removed) and its word boundaries; offsets are offsets into that string. The
rules:

- **places** (GPE): every name, short form and former name of the gazetteer,
  matched whole words only (``上海庙镇`` is one name, ``黄河北岸`` has no 河北);
  development zones from a lexicon and from their structure (place + 高新区,
  经济开发区 …); villages and gacha right after their township.
- **organisations** (ORG): a name ending in an organisation word (局, 委员会,
  中心, 小学, 公司 …) together with its place prefix (``鄂尔多斯市``, ``市``,
  ``自治区``) or its parent organisation (``市公安局交通管理支队``); well-known
  bodies, companies and media by name; distinctive platform names in quotes; a
  list of company names before ``等企业``.
- **places that are not administrative** (LOC): reserves, bases, parks,
  irrigation districts, deserts … ending in their kind word, and a lexicon of
  rivers, deserts, mountains and regions.
- **people** (PERSON): names in bylines, photo credits, trailing author marks,
  and after a role word (``教师赵智睿表示``).

Generic references (全市, 我市, 旗区, 保护区 alone), fixed terms (中国式现代化)
and anything inside ``《》`` give nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from ..layout.marks import (
    AUTHOR_MARK,
    NAME,
    ROLE,
    BYLINE_LINE,
    CREDIT_LINE,
    DATELINE,
    INLINE_BYLINE,
    clean_names,
)
from .gazetteer import LEVEL_TOWN, LEVEL_ZONE, WORD_FLAG, Gazetteer, Place, resolve
from .lexicon import (
    ADDED_TO_JIEBA,
    GPE,
    HAN,
    LOC,
    LOC_SUFFIX,
    NONE,
    ORG,
    ORG_SUFFIX,
    TITLE,
    ZONE_SUFFIX,
    Lexicon,
    get_lexicon,
)

IS_HAN = re.compile(rf"^[{HAN}]+$")
BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}
# one-character level words that stand for "this city/district/banner ..." before a body name
LEVEL_ABBREV = ("自治区", "自治州", "自治县", "自治旗", "苏木", "嘎查", "市", "区", "旗", "县", "省", "盟", "州", "镇", "乡")
NATIONAL = ("国家", "中央", "中共中央", "中国共产党", "中共")
PARTY_PREFIX = ("中国共产党", "中共")
DETERMINERS = set("全我本该各此两多这那每某原前")
LEAD_CHARS = set("从在向到赴由经与和及对将把被让给为据受同跟至于请邀以")
BODY_JOINERS = ("和",)
SUO_PARTICLE_NEXT = set("作做讲说在有谓属以需得能致提涉述写发见想用称代表看闻感知")
NUMERAL_CHARS = set("一二三四五六七八九十百千万亿两几数多0123456789０１２３４５６７８９")
ORG_TAILS = ("局", "委", "办", "厅", "部", "处", "科", "室", "所", "站", "队", "院", "会", "中心", "公司", "集团", "政府", "银行", "学校", "大学")
SHORT_STOP = set("的了是在和与及等对把被为从向到将也都就还又着过这那其各该全我本你他她它们个")
BAD_POS = {
    "v", "p", "c", "u", "d", "r", "m", "q", "y", "e", "o", "f", "t", "ad", "ud", "uj", "ul", "uv", "uz",
    "ug", "dg", "rr", "rz", "mq", "zg", "tg", "vd", "vg", "i", "z",
}
PROPER_POS = {"nz", "nt", "nr", "nrt", "nrfg", "ns", "j"}
NAME_POS = {"nz", "nt", "nr", "nrt", "nrfg", "ns"}
FUNCTION_POS = {"d", "p", "c", "u", "f", "v", "r", "m", "q", "y", "e", "o", "ad", "uj", "ul", "uz", "ug", "ud", "uv", "zg", "t", "tg", "x"}
ORDINAL = re.compile(r"^第[一二三四五六七八九十百零〇0-9０-９]+$")
MAX_BODY = 16
PERSON_RIGHT = re.compile(
    r"(?:表示|说|介绍|指出|认为|告诉|坦言|称|谈到|回忆|感慨|笑着|说道|解释|强调|建议|提出|透露|补充|"
    r"发现|看到|来到|正在|一直|今年|已经|带领|和|与|及|、|，|,|。|：|:|“|（|\(|[0-9０-９]|等|在|是|的|从|于|"
    r"也|都|便|就|则|却|更|又|还|将|要|会|已|对|向|把|被|让|为|因|由|给|并|而|；|！|？|$)"
)
ENUM_TAIL = re.compile(
    rf"^(?:等(?:[{HAN}]{{0,8}}?)|[0-9０-９一二三四五六七八九十两]+家(?:[{HAN}]{{0,8}}?))"
    r"(?:企业|公司|集团|车企|药企|房企|厂商|银行|央企|国企|民企)"
)
PLATFORM_SUFFIX = ("通", "云", "码", "宝", "平台", "APP", "App", "app")
PLATFORM_AFTER = re.compile(r"^(?:小程序|平台|APP|App|app|公众号|客户端|系统|网站)")
PLATFORM_BEFORE = re.compile(r"(?:上线|推出|开发|依托|登录|使用|用好|打造|搭建|通过|借助|运用|启用|开通)$")
NAME_SEP = re.compile(r"^[、和与及]$")
POST_NAME = re.compile(r"(?:少将|中将|上将|大校|上校|中校|少校|同志|先生|女士|老师|教授|院士|博士|书记|主任|局长|市长|县长|旗长|主席|总理|部长|校长|院长|经理|厂长|所长|站长|队长|委员|代表|一行|等人|夫妇)")
REPORTER_BRACKET = re.compile(rf"[（(]((?:[{HAN}]{{0,8}}?{ROLE}[ \u3000]*{NAME}(?:[ \u3000、]+{NAME})*[ \u3000]*)+)[)）]")
REPORTER_NAMES = re.compile(rf"{ROLE}[ \u3000]*(?P<names>{NAME}(?:[ \u3000、]+(?!{ROLE}){NAME})*)")
VILLAGE = re.compile(rf"([{HAN}]{{2,5}}?)(嘎查|村|社区)")


@dataclass
class Candidate:
    """A proposed entity: offsets into the matched string, a label, and how it was found."""

    start: int
    end: int
    label: str
    priority: int = 0
    source: str = "rule"
    adcode: Optional[str] = None
    parents: tuple[str, ...] = ()
    readings: tuple[Place, ...] = field(default=(), repr=False)
    anchor: Optional["Candidate"] = field(default=None, repr=False)  # zones, villages: the place they belong to

    @property
    def length(self) -> int:
        return self.end - self.start


class Tokens:
    """Word boundaries of the matched string, for "whole word" tests and walking left."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        spans = list(spans)
        if any(spans[i][0] > spans[i + 1][0] for i in range(len(spans) - 1)):
            spans.sort()
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.bounds = set(self.starts)
        self.bounds.update(self.ends)

    @classmethod
    def from_jieba(cls, text: str) -> "Tokens":
        from ..segmenter import word_spans

        return cls(word_spans(text))

    def containing(self, pos: int) -> Optional[tuple[int, int]]:
        """The token that contains character ``pos``."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return None
        s, e = self.spans[i]
        return (s, e) if s <= pos < e else None

    def before(self, pos: int) -> Optional[tuple[int, int]]:
        """The token that ends at ``pos`` (or contains ``pos - 1``)."""
        return self.containing(pos - 1) if pos > 0 else None

    def is_bound(self, pos: int) -> bool:
        return pos in self.bounds


def _rank(c: "Candidate"):
    """Selection order: newspaper marks first, then the longest span, then the surer rule."""
    return (-(c.priority >= 100), -c.length, -c.priority, c.start)


def _needs_context(readings) -> bool:
    return all(p.source.endswith(WORD_FLAG) for p in readings)


class _Intervals:
    """Non-overlapping candidates, kept sorted by start."""

    def __init__(self):
        self.starts: list[int] = []
        self.cands: list[Candidate] = []

    def add_if_free(self, c: Candidate) -> bool:
        i = bisect_right(self.starts, c.start)
        if i > 0 and self.cands[i - 1].end > c.start:
            return False
        if i < len(self.cands) and self.cands[i].start < c.end:
            return False
        self.starts.insert(i, c.start)
        self.cands.insert(i, c)
        return True

    def items(self) -> list[Candidate]:
        return list(self.cands)


@lru_cache(maxsize=1)
def _pos_table() -> dict:
    """jieba's dictionary part-of-speech tags, word -> tag.

    Read straight from jieba's dict.txt (word, frequency, tag per line) in one
    split: jieba.posseg's own loader decodes line by line and takes 4x longer.
    """
    from ..segmenter import word_pos

    return word_pos()


def _compositional(w: str) -> bool:
    """Whether ``w`` is two or more common words of two characters or more (电视广播, 中医眼科)."""
    if len(w) < 4:
        return False
    freq = _freq()
    ok = [False] * (len(w) + 1)
    ok[0] = True
    for i in range(len(w)):
        if not ok[i]:
            continue
        for j in range(i + 2, len(w) + 1):
            if freq.get(w[i:j], 0) >= 100 and (i, j) != (0, len(w)):
                ok[j] = True
    return ok[len(w)]


def _is_word(w: str) -> bool:
    """Whether ``w`` is a word of jieba's dictionary (prefixes are stored with frequency 0)."""
    return _freq().get(w, 0) > 0


@lru_cache(maxsize=1)
def _freq() -> dict:
    """word → frequency: jieba's dictionary and the names added to it."""
    from ..segmenter import word_freq

    return word_freq()


class RuleFinder:
    """Finds rule-based entity candidates in a string. One per process is enough."""

    def __init__(self, lexicon: Optional[Lexicon] = None, home: Sequence[str] = ("150000",)):
        self.lex = lexicon or get_lexicon()
        self.gaz: Gazetteer = self.lex.gaz
        # the region the texts come from: its places need no other mention to be read as places
        self.home = tuple(home)
        self.gaz.towns_by_stem("")  # the datelines' township table, built now rather than on a first text

    # ------------------------------------------------------------------
    def find(
        self,
        text: str,
        tokens: Optional[Tokens] = None,
        sentences: Sequence[tuple[int, int, str]] = (),
    ) -> list[Candidate]:
        """Non-overlapping candidates in ``text``, GPEs resolved.

        ``sentences``: ``(start, end, kind)`` in ``text`` offsets (from the layout);
        bylines, datelines, credits and author marks are read from them.
        """
        if tokens is None:
            tokens = Tokens.from_jieba(text)
        run = _Run(self, text, tokens, sentences)
        return run.result()


class _Run:
    """The state of one ``find`` call."""

    def __init__(self, finder: RuleFinder, text: str, tokens: Tokens, sentences):
        self.f = finder
        self.lex = finder.lex
        self.gaz = finder.gaz
        self.text = text
        self.tok = tokens
        self.sentences = sentences
        self.cands: list[Candidate] = []
        self.dropped: set[int] = set()  # ids of candidates merged into a longer one
        self.blocked = [m.span() for m in BOOK_TITLE.finditer(text)]
        self._scan()

    # -- the automaton pass ------------------------------------------------
    def _scan(self) -> None:
        text = self.text
        self.gpe_raw: dict[int, list[int]] = {}  # end → starts of place names ending there
        self.lex_hits: list[tuple[int, int, str, dict]] = []
        self.suffix_hits: dict[int, tuple[int, str, object]] = {}  # end → (start, role, Suffix), longest
        self.zone_hits: dict[int, tuple[int, object]] = {}
        self.title_hits: list[tuple[int, int]] = []
        self.org_lex_ends: dict[int, int] = {}
        self.lex_ends: dict[int, list] = {}
        for end_idx, (key, roles) in self.lex.automaton.iter(text):
            end = end_idx + 1
            start = end - len(key)
            if GPE in roles:
                self.gpe_raw.setdefault(end, []).append(start)
            if ORG in roles and self.tok.is_bound(start) and self.tok.is_bound(end):
                self.org_lex_ends.setdefault(end, start)
            if GPE in roles or ORG in roles or LOC in roles or NONE in roles:
                self.lex_hits.append((start, end, key, roles))
                if ORG in roles or LOC in roles:
                    self.lex_ends.setdefault(end, []).append((start, end, key, roles))
            for role in (ORG_SUFFIX, LOC_SUFFIX):
                if role in roles:
                    prev = self.suffix_hits.get(end)
                    if prev is None or prev[0] > start:
                        self.suffix_hits[end] = (start, role, roles[role])
            if ZONE_SUFFIX in roles:
                prev = self.zone_hits.get(end)
                if prev is None or prev[0] > start:
                    self.zone_hits[end] = (start, roles[ZONE_SUFFIX])
            if TITLE in roles:
                self.title_hits.append((start, end))
        self._chain_bounds()

    def _chain_bounds(self) -> None:
        """甘肃省甘南藏族自治州 is one word in jieba's dictionary: a word made of place
        names one after the other gets word boundaries between them."""
        starts_at: dict[int, list[int]] = {}
        for end, starts in self.gpe_raw.items():
            for st in starts:
                starts_at.setdefault(st, []).append(end)
        tok = self.tok
        for st in sorted(starts_at):
            if not tok.is_bound(st):
                continue
            for end in starts_at[st]:
                if tok.is_bound(end):
                    continue
                t = tok.containing(end - 1)
                if t is None or t[0] < st:
                    continue
                # the rest of the word is another place name (and maybe another ...)
                if end in starts_at and any(e2 <= t[1] for e2 in starts_at[end]):
                    tok.bounds.add(end)

    # -- helpers -------------------------------------------------------------
    def is_blocked(self, s: int, e: int) -> bool:
        if not self.blocked:
            return False
        i = bisect_right(self.blocked, (s, float("inf"))) - 1
        for bs, be in self.blocked[max(i, 0) : i + 2]:
            if bs < e and s < be:
                return True
        return False

    def word_ok(self, w: str) -> bool:
        """Whether a word can be part of a name body (left of a suffix)."""
        lex = self.lex
        if not w or not IS_HAN.match(w):
            return False
        if any(c in NUMERAL_CHARS for c in w) and not ORDINAL.match(w) and w not in lex.body_words:
            return False  # 三大汽车公司: a count, not a name
        if w in lex.body_stop or w in lex.not_entities:
            return False
        if w in lex.body_words or ORDINAL.match(w):
            return True
        pos = _pos_table().get(w)
        if pos is None:
            return True  # not a dictionary word: a name part (遗鸥, 科创, 林草)
        return pos not in BAD_POS

    def is_proper(self, w: str) -> bool:
        """A word that marks a name as a name (汇能, 翔宇), not a common noun phrase.

        jieba's part-of-speech tags are too loose to trust alone (智慧 and 屠宰厂 are
        tagged as names): a dictionary word counts only when it is rare and tagged as
        a name; a word jieba does not know counts unless it is made of common words
        or of function characters (刚上, 电视广播).
        """
        if w in self.lex.org_lexicon or w in self.gaz.names or w in self.lex.loc_lexicon:
            return True
        if len(w) < 2 or any(c in SHORT_STOP or c in DETERMINERS or c in NUMERAL_CHARS for c in w):
            return False
        freq = _freq().get(w, 0)
        if freq == 0:
            if all((_pos_table().get(c) or "x") in FUNCTION_POS for c in w) or w[0] in LEAD_CHARS:
                return False  # 刚上, 由美: function characters glued to a word
            return not _compositional(w)
        return freq < 100 and _pos_table().get(w) in NAME_POS and not _compositional(w)

    def gpe_start_ending_at(self, pos: int, chain: bool = True) -> Optional[int]:
        """Start of the place name (and the chain of place names before it) ending at ``pos``."""
        starts = self.gpe_raw.get(pos)
        if not starts:
            return None
        start = min(starts)
        if start > 0 and not self.tok.is_bound(start):
            # the name's first character belongs to the word before it (黄河北岸)
            inner = [s for s in starts if self.tok.is_bound(s)]
            if not inner:
                return None
            start = min(inner)
        if chain:
            while True:
                prev = self.gpe_start_ending_at(start, chain=False)
                if prev is None:
                    break
                start = prev
        return start

    def abbrev_ending_at(self, pos: int) -> Optional[int]:
        """Start of a level word standing for a place (市, 自治区 …) that ends at ``pos``."""
        text = self.text
        for a in LEVEL_ABBREV:
            s = pos - len(a)
            if s < 0 or text[s:pos] != a:
                continue
            if not self.tok.is_bound(s):
                # 从市生态环境局: jieba glues a preposition to the level word
                t = self.tok.containing(s)
                if not (t and t[1] == pos and t[0] == s - 1 and text[s - 1] in LEAD_CHARS):
                    continue
            elif s > 0 and text[s - 1] in DETERMINERS:
                return None
            return s
        return None

    def national_ending_at(self, pos: int) -> Optional[int]:
        for a in NATIONAL:
            s = pos - len(a)
            if s >= 0 and self.text[s:pos] == a and self.tok.is_bound(s):
                return s
        return None

    # -- walking left from a suffix ------------------------------------------
    def walk_left(self, body_end: int, org_ends: dict[int, Candidate], joiner_ok: bool = False):
        """Find the start of the name whose body ends at ``body_end``.

        Returns ``(start, kind, body_start)`` where kind is ``gpe`` (a place
        prefix), ``abbrev`` (市, 自治区 …), ``national`` (国家, 中共中央),
        ``parent`` (an organisation right before), or ``None`` (no prefix: the
        name is only its body, from ``body_start``).
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
            if g is not None:
                return self._party_prefix(g), "gpe", cur
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
            if not self.word_ok(w) or self._ends_in_suffix(w):
                break
            if w in self.lex.titles and self._person_after(pe, body_end):
                break  # 天津代表张慧英所讲: a role word and a name, not a name body
            cur = ps
        if fallback is not None:
            return fallback
        short = self._short_abbrev_before(body_end)
        if short is not None:
            return short, "abbrev", short + 1
        return None, None, cur

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
        """公司 in 汽车公司克莱斯勒公司: a finished name is not the body of the next one."""
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

    # -- the rules -------------------------------------------------------------
    def result(self) -> list[Candidate]:
        self._marks()
        self._reporter_brackets()
        self._zones()
        self._org_and_loc()
        self._lexicon()
        self._platforms()
        self._enumerations()
        self._titles()
        chosen = self._select()
        return self._resolve(chosen)

    def add(self, c: Candidate) -> None:
        if c.end > c.start and not self.is_blocked(c.start, c.end):
            self.cands.append(c)

    def _marks(self) -> None:
        """People, newsrooms and places in bylines, datelines, credits and author marks."""
        text = self.text
        for s, e, kind in self.sentences:
            seg = text[s:e]
            if kind == "byline":
                m = BYLINE_LINE.match(seg) or INLINE_BYLINE.match(seg)
                if m:
                    self._names(s + m.start("names"), m.group("names"))
                    org = m.group("org") if "org" in m.re.groupindex else None
                    if org:
                        self._byline_org(s + m.start("org"), s + m.end("org"))
            elif kind == "credit":
                m = CREDIT_LINE.match(seg)
                if m:
                    self._names(s + m.start("names"), m.group("names"))
            elif kind == "author":
                m = AUTHOR_MARK.search(seg)
                if m:
                    self._names(s + m.start("names"), m.group("names"))
            elif kind == "dateline":
                m = DATELINE.match(seg)
                if m:
                    g = "dplace" if m.group("dplace") else "place"
                    if m.group(g):
                        self._dateline_place(s + m.start(g), s + m.end(g), agency=g == "place")

    def _reporter_brackets(self) -> None:
        """（记者王鹏）, (记者 王敏): reporters named in brackets after a dateline."""
        for m in REPORTER_BRACKET.finditer(self.text):
            inner_start = m.start(1)
            for rm in REPORTER_NAMES.finditer(m.group(1)):
                self._names(inner_start + rm.start("names"), rm.group("names"))

    def _names(self, offset: int, names: str) -> None:
        for off, name in clean_names(names):
            if name in self.lex.titles or name in self.lex.not_entities:
                continue  # 本报记者 张三 通讯员 李四: the role word between names
            if len(name) > 2 and name.endswith("摄") and offset + off + len(name) < len(self.text) \
                    and self.text[offset + off + len(name)] in ")）":
                name = name[:-1]  # （记者张雅心摄）
            self.add(Candidate(offset + off, offset + off + len(name), "PERSON", 100, "mark"))

    def _byline_org(self, s: int, e: int) -> None:
        while s < e and not IS_HAN.match(self.text[s]):
            s += 1
        org = self.text[s:e]
        if len(org) < 2 or org in self.lex.not_entities or org.startswith("本"):
            return
        self.add(Candidate(s, e, "ORG", 100, "mark"))

    def _dateline_place(self, s: int, e: int, agency: bool = False) -> None:
        name = self.text[s:e]
        if name in self.lex.not_entities:
            return
        readings = self.gaz.lookup(name)
        if readings:
            self.add(Candidate(s, e, "GPE", 100, "mark", readings=tuple(readings)))
            return
        codes = self.gaz.towns_by_stem(name)
        if codes:
            readings = tuple(
                Place(self.gaz.name_of(c), c, LEVEL_TOWN, self.gaz.divisions[c][1], "division") for c in codes
            )
            self.add(Candidate(s, e, "GPE", 100, "mark", readings=readings))
            return
        if name in self.lex.org_lexicon or any(name.endswith(x) for x in self.lex.org_suffixes if len(x) >= 2):
            self.add(Candidate(s, e, "ORG", 100, "mark"))  # 市农牧局讯
        elif agency:
            self.add(Candidate(s, e, "GPE", 100, "mark"))  # 新华社布达佩斯电: a place we do not list

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
            if end - sstart == 1 and getattr(suf, "cls", "") == "sub" and not self._known_word_before(sstart):
                continue  # 斯托伊科, 重点学科: no department word before 科/部/处
            start, kind, body_start = self.walk_left(sstart, org_ends, joiner_ok=getattr(suf, "cls", "") == "gov")
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
            self.add(c)

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
            if label == "ORG" and kind == "gpe" and suf.cls == "company":
                parent = self._org_ending_at(start)
                if parent is not None:  # 内蒙古电力集团鄂尔多斯供电公司: a subsidiary named by its place
                    return Candidate(parent, end, label, 50, "suffix")
            if label == "ORG":
                if empty and not suf.empty_ok and kind != "parent":
                    return None
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
                if empty and not (suf.empty_ok and kind == "gpe"):
                    return None
                if kind != "gpe":
                    return None  # 全国…基地, 创业区…基地: a named place needs a place name before it
            return Candidate(start, end, label, 50 if label == "ORG" else 45, "suffix")
        # no prefix: only names that are distinctive on their own
        body_start = self._plain_body_start(sstart, max_len=10 if label == "ORG" else 4)
        body = text[body_start:sstart]
        if not body:
            return None
        words = self._words(body_start, sstart)
        if label == "ORG":
            if suf.cls not in ("company", "school") or len(body) < 2:
                return None
            if not any(self.is_proper(w) for w in words) and not self._has_proper_part(body):
                return None
            if len(words) == 1 and _pos_table().get(body) == "ns":
                return None  # 欧洲公司: a company from a place, no name
            return Candidate(body_start, end, label, 48, "suffix")
        if suf.cls == "free" and any(self.is_proper(w) for w in words):
            return Candidate(body_start, end, label, 44, "suffix")
        return None

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

    def _plain_body_start(self, sstart: int, max_len: int) -> int:
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
            if not (self.is_proper(w) or _pos_table().get(w) in ("n", "nz", "nt", "j", "ns", "nr", "ng")):
                break
            if sstart - prev[0] > max_len:
                break
            cur = prev[0]
        # 母校北卡罗来纳大学, 步入加拉加斯儿童博物馆: a common word before the proper
        # part of the name is the sentence's, not the name's
        words = self._words(cur, sstart)
        while len(words) >= 2 and self._common_lead(words[0]) and self.is_proper(words[1]):
            cur += len(words[0])
            words = words[1:]
        return cur

    def _common_lead(self, w: str) -> bool:
        """A dictionary word that is no name (母校, 大学, 步入), at the left edge of a name body."""
        if w in self.lex.org_lexicon or w in self.gaz.names or w in self.lex.body_words:
            return False
        return _freq().get(w, 0) > 0 and _pos_table().get(w) not in PROPER_POS

    def _words(self, s: int, e: int) -> list[str]:
        out = []
        pos = s
        while pos < e:
            t = self.tok.containing(pos)
            if t is None:
                break
            out.append(self.text[max(t[0], s) : min(t[1], e)])
            pos = t[1]
        return out

    def _campus(self, c: Candidate) -> Candidate:
        """中国地质大学(武汉): a campus in brackets right after a university stays with it."""
        text = self.text
        if not re.search(r"(?:大学|学院)$", text[c.start : c.end]):
            return c
        m = re.match(rf"[（(]([{HAN}]{{2,6}})[)）]", text[c.end : c.end + 9])
        if m and (m.group(1) in self.gaz.names or m.group(1).endswith("校区")):
            return replace(c, end=c.end + m.end())
        return c

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
            elif LOC in roles:
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
                if any(p.level == LEVEL_TOWN for p in c.readings):
                    self._village_after(c)
            else:
                self.add(Candidate(s, e, label, 40, "lexicon"))

    def _village_after(self, town: Candidate) -> None:
        """A village or gacha named right after its township (图克镇哈图嘎查, 树林召镇新民堡村)."""
        text = self.text
        m = VILLAGE.match(text, town.end)
        if not m:
            return
        body, end = m.group(1), m.end()
        if any(ch in SHORT_STOP or ch in NUMERAL_CHARS for ch in body) or _is_word(text[town.end : end]):
            return
        if not (self.tok.is_bound(end) or end == len(text)):
            return
        if m.group(2) == "村" and text[end : end + 2] in ("委会", "两委"):
            return  # 新庙村委会: the committee, an organisation
        anchor = replace(town, priority=0)
        self.add(Candidate(town.end, end, "GPE", 55, "village", anchor=anchor, readings=()))

    def _is_full_name(self, key: str, roles) -> bool:
        return any(p.source == "division" or p.level == LEVEL_ZONE for p in self.gaz.names.get(key, ()))

    def _platforms(self) -> None:
        """A quoted, distinctive platform name run by an organisation (“暖城银企通”小程序)."""
        text = self.text
        for m in re.finditer(rf"“([{HAN}A-Za-z]{{2,10}})”", text):
            name = m.group(1)
            if not name.endswith(PLATFORM_SUFFIX) or _is_word(name):
                continue
            if PLATFORM_AFTER.match(text[m.end() : m.end() + 4]) or PLATFORM_BEFORE.search(text[max(0, m.start() - 4) : m.start()]):
                self.add(Candidate(m.start(1), m.end(1), "ORG", 38, "platform"))

    def _enumerations(self) -> None:
        """Company names listed before 等企业 / 5家…企业 (南京海拓、重庆风渡等下游企业)."""
        text = self.text
        for m in re.finditer(rf"((?:[{HAN}]{{2,6}}、)+[{HAN}]{{2,6}}?)(?=等|[0-9０-９一二三四五六七八九十两]+家)", text):
            tail = text[m.end() : m.end() + 16]
            if not ENUM_TAIL.match(tail):
                continue
            pos = m.start()
            for i, item in enumerate(m.group(1).split("、")):
                s, e = pos, pos + len(item)
                pos = e + 1
                if i == 0:
                    # the first item starts after whatever word leads into the list (吸引南京海拓)
                    starts = [b for b in range(s, e - 1) if self.tok.is_bound(b)]
                    s = next((b for b in starts if self._company_like(text[b:e]) or text[b:e] in self.lex.org_lexicon), s)
                    item = text[s:e]
                if item in self.lex.org_lexicon:
                    continue  # the lexicon has it
                if self._company_like(item):
                    self.add(Candidate(s, e, "ORG", 35, "enumeration"))

    def _company_like(self, item: str) -> bool:
        if item in self.gaz.names or _is_word(item) or item in self.lex.not_entities:
            return False
        for n in range(2, min(len(item) - 1, 5)):
            head, rest = item[:n], item[n:]
            if head in self.gaz.names and 2 <= len(rest) <= 3 and not _is_word(rest):
                return True
        return False

    def _titles(self) -> None:
        """A role word followed by a personal name (教师赵智睿表示, 退役军人李星2015年)."""
        text = self.text
        taken_title_ends = set()
        for ts, te in sorted(self.title_hits, key=lambda h: (h[0], -(h[1] - h[0]))):
            if te in taken_title_ends:
                continue
            if ts > 0 and not self.tok.is_bound(ts):
                t = self.tok.containing(ts)
                # 局局长, 嘎查党支部书记: the role word is the tail of a badly cut word
                if not (t and t[1] == te and (_freq().get(text[t[0] : t[1]], 0) < 50
                                              or text[ts - 1] in "局委办部厅处科室所站队")):
                    continue
            if not self.tok.is_bound(te):
                t = self.tok.containing(te)
                if t and _freq().get(text[t[0] : t[1]], 0) >= 50:
                    continue  # 主席国英国: the role word is the head of a longer word
            taken_title_ends.add(te)
            pos = te
            while True:
                span = self._name_at(pos)
                if span is None:
                    break
                self.add(Candidate(span[0], span[1], "PERSON", 20, "title"))
                # 学生张三、李四: a list of names after one role word
                if span[1] < len(text) and NAME_SEP.match(text[span[1]]):
                    pos = span[1] + 1
                    continue
                break

    def _name_at(self, pos: int) -> Optional[tuple[int, int]]:
        text = self.text
        lex = self.lex
        if text[pos : pos + 2] in lex.double_surnames:
            slen = 2
        elif text[pos : pos + 1] in lex.surnames:
            slen = 1
        else:
            return None
        for given in (2, 1):
            e = pos + slen + given
            name = text[pos:e]
            if len(name) != slen + given or not IS_HAN.match(name):
                continue
            if any(ch in lex.name_stop_chars for ch in name[slen:]):
                continue
            if given == 2 and POST_NAME.match(text, e - 1):
                continue  # 罗斌少将: the name is 罗斌, 少将 follows it
            head = text[pos : pos + 2]
            if slen == 1 and _freq().get(head, 0) >= 500 and _pos_table().get(head, "n")[0] in "vpcdr":
                continue  # 支持他: a verb, not a surname and a given name
            if not PERSON_RIGHT.match(text, e) and not self._verb_after(e):
                continue
            freq = _freq().get(name, 0)
            if freq >= 300 or (freq > 0 and _pos_table().get(name) not in ("nr", "nrfg", "nrt")):
                continue  # an ordinary word (安全, 常态, 智慧, 文化节)
            given_part = name[slen:]
            if len(given_part) == 2 and _freq().get(given_part, 0) >= 500 and (
                _pos_table().get(given_part) or "n")[0] in "vad":
                continue  # 相结合, 席减少: a surname-like character before a verb
            if name in self.gaz.names or name in lex.org_lexicon or name in lex.titles:
                continue
            if given == 2 and any(p.level == 0 for p in self.gaz.names.get(name[slen:], ())):
                continue  # 国英国: a character before a country's name (郭永春 stays a person)
            return pos, e
        return None

    def _verb_after(self, pos: int) -> bool:
        """A name ends where a word starts that is a verb (李明辉|获得)."""
        if not self.tok.is_bound(pos):
            return False
        t = self.tok.containing(pos)
        if t is None or t[0] != pos:
            return False
        return (_pos_table().get(self.text[t[0] : t[1]]) or "").startswith("v")

    # -- choosing and resolving ---------------------------------------------
    def _select(self) -> list[Candidate]:
        chosen = _Intervals()
        for c in sorted(self.cands, key=_rank):
            if id(c) not in self.dropped:
                chosen.add_if_free(c)
        return chosen.items()

    def _resolve(self, chosen: list[Candidate]) -> list[Candidate]:
        """Codes and parents for the places: ambiguous names by the others in the text."""
        gaz = self.gaz
        context: set[str] = set()
        for c in chosen:
            if c.label == "GPE" and c.readings and not _needs_context(c.readings):
                r = resolve(list(c.readings), set(), gaz)
                if r is not None and len({(p.code, p.parent) for p in c.readings}) == 1:
                    context.update(gaz.lineage(r))
        out = []
        for c in chosen:
            if c.label == "GPE" and c.source != "mark" and c.readings and _needs_context(c.readings):
                # 新建, 永春: a county's short form that is also a word or a name names the
                # county only in a text about its city or province (or from the home region)
                support = context.union(self.f.home)
                if not any(code in support for p in c.readings for code in gaz.parents(p.code)):
                    continue
            if c.label == "GPE":
                if c.anchor is not None:  # a zone or village: no code of its own
                    r = resolve(list(c.anchor.readings), context, gaz) if c.anchor.readings else None
                    parents = gaz.lineage(r) if r is not None else ()
                    c = replace(c, adcode=None, parents=parents)
                elif c.readings:
                    r = resolve(list(c.readings), context, gaz)
                    if r is not None:
                        c = replace(c, adcode=r.code, parents=gaz.place_parents(r))
            out.append(c)
        return out
