"""Candidates and the word facts every rule reads.

``Candidate`` (a proposed entity), ``Tokens`` (word boundaries), the
selection order and the non-overlapping set, jieba's dictionary frequencies
and tags, and the patterns and word sets shared by the rule families.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Iterable

from ..layout.marks import NAME, ROLE
from .gazetteer import Place, WORD_FLAG
from .lexicon import HAN

IS_HAN = re.compile(rf"^[{HAN}]+\Z")  # \Z: "$" would also match before a final line break
BOOK_TITLE = re.compile(r"《[^《》\n]{0,80}》")
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}
# one-character level words that stand for "this city/district/banner ..." before a body name
LEVEL_ABBREV = ("自治区", "自治州", "自治县", "自治旗", "苏木", "嘎查", "市", "区", "旗", "县", "省", "盟", "州", "镇", "乡")
NATIONAL = ("国家", "中央", "中共中央", "中国共产党", "中共", "全国")
PARTY_PREFIX = ("中国共产党", "中共")
DETERMINERS = set("全我本该各此两多这那每某原前")
LEAD_CHARS = set("从在向到去往赴由经与和及对将把被让给为据受同跟至于请邀以距离")
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
# a word that counts things (三大, 5家, 两个): a numeral and a measure word, not a name part (五合, 五鑫)
COUNT_WORD = re.compile(r"^[一二三四五六七八九十百千万亿两几数多0-9０-９]+[大家个类项座所种批支名位户条只届次年]?$")
MAX_BODY = 16
# what a name at the start of a clause is followed by when it is the clause's subject
SUBJECT_RIGHT = re.compile(
    r"(?:说|表示|介绍|告诉|坦言|认为|指出|回忆|感慨|笑着说|同学|老师|局长|院长|校长|书记|主任|经理|"
    r"一脸|觉得|是|在|带领|正在|今年|已经|一直|和|与|总书记|主席|总理|同志|先生|女士|老人|医生|大夫)"
)
#: verbs of saying that follow a speaker's name (…说, …表示) and are never the end of one
SPEECH_VERBS = ("说道", "表示", "介绍", "指出", "告诉", "坦言", "强调", "透露", "说")
#: what may follow a person's name: a verb of saying or another verb, punctuation, a particle
PERSON_RIGHT = re.compile(
    "(?:" + "|".join(SPEECH_VERBS) + r"|认为|称|谈到|回忆|感慨|笑着|解释|建议|提出|补充|"
    r"发现|看到|来到|正在|一直|今年|已经|带领|和|与|及|、|，|,|。|：|:|“|（|\(|[0-9０-９]|等|在|是|的|从|于|"
    r"也|都|便|就|则|却|更|又|还|将|要|会|已|对|向|把|被|让|为|因|由|给|并|而|；|！|？|$)"
)
PLATFORM_SUFFIX = ("通", "云", "码", "宝", "平台", "APP", "App", "app")
PLATFORM_AFTER = re.compile(r"^(?:小程序|平台|APP|App|app|公众号|客户端|系统|网站)")
PLATFORM_BEFORE = re.compile(r"(?:上线|推出|开发|依托|登录|使用|用好|打造|搭建|通过|借助|运用|启用|开通)$")
NAME_SEP = re.compile(r"^[、和与及]$")
POST_NAME = re.compile(r"(?:少将|中将|上将|大校|上校|中校|少校|同志|先生|女士|老师|教授|院士|博士|书记|主任|局长|市长|县长|旗长|主席|总理|部长|校长|院长|经理|厂长|所长|站长|队长|委员|代表|一行|等人|夫妇)")
REPORTER_BRACKET = re.compile(rf"[（(]((?:[{HAN}·]{{0,16}}?{ROLE}[ \u3000]*{NAME}(?:[ \u3000、]+{NAME})*[ \u3000]*)+)[)）]")
REPORTER_NAMES = re.compile(rf"{ROLE}[ \u3000]*(?P<names>{NAME}(?:[ \u3000、]+(?!{ROLE}){NAME})*)")
VILLAGE = re.compile(rf"([{HAN}]{{2,6}}?)(嘎查|艾里|村|社区)")
# villages named without their township before them: the words for a village
VILLAGE_WORD = re.compile(r"嘎查|艾里|苏木|村")
# characters no village name has (Mongolian names have 其 and 本 in them: 其其格, 本巴)
VILLAGE_STOP = set("的了是在和与及等对把被为从向到将也就还又着过这那们各该全我每某")


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

    def words_in(self, text: str, s: int, e: int) -> list[str]:
        """The words of ``text[s:e]`` at these boundaries, cut at the span's edges."""
        spans = self.spans
        i = max(bisect_right(self.starts, s) - 1, 0)
        out = []
        while i < len(spans) and spans[i][0] < e:
            a, b = spans[i]
            if b > s:
                out.append(text[max(a, s) : min(b, e)])
            i += 1
        return out

    def spans_between(self, s: int, e: int) -> list[tuple[int, int]]:
        """The tokens that lie wholly inside ``[s, e)``."""
        i = bisect_right(self.starts, s - 1)
        out = []
        while i < len(self.spans) and self.spans[i][1] <= e:
            if self.spans[i][0] >= s:
                out.append(self.spans[i])
            i += 1
        return out


class SpanIndex:
    """Spans ``(start, end)``, which may overlap, asked whether any overlaps a range: by
    bisection over their starts, so that a long text's many names cost no pairwise scan."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, s: int, e: int) -> bool:
        lo = bisect_left(self.starts, s - self.longest + 1)
        hi = bisect_left(self.starts, e)
        return any(s < b for _, b in self.spans[lo:hi])


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


def between_list_items(text: str, sep: int, end: int, ends, starts) -> bool:
    """Whether the item from ``sep + 1`` to ``end`` stands between two items of a list in 、 that
    end at ``sep`` and start at ``end + 1`` (``ends``, ``starts``: where other names end and
    start): 巴丹吉林沙漠、胡杨林、居延海, an item between places is a place too."""
    return (text[sep : sep + 1] == "、" and sep in ends
            and text[end : end + 1] == "、" and end + 1 in starts)
