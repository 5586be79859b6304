"""Rule-based entity candidates: ORG, GPE, LOC and PERSON from name structure.

Everything here works on one string (the text view with soft line breaks
removed) and its word boundaries; offsets are offsets into that string. The
rules:

- **places** (GPE): every name, short form and former name of the gazetteer,
  matched whole words only (``上海庙镇`` is one name, ``黄河北岸`` has no 河北);
  development zones from a lexicon and from their structure (place + 高新区,
  经济开发区 …); villages, gacha, hamlets and sumu by their word (巴音敖包嘎查,
  新民村), right after their township or on their own.
- **organisations** (ORG): a name ending in an organisation word (局, 委员会,
  中心, 小学, 公司 …) together with its place prefix (``鄂尔多斯市``, ``市``,
  ``自治区``) or its parent organisation (``市公安局交通管理支队``); well-known
  bodies, national enterprises and media outlets by name; distinctive platform
  names in quotes; the items of a list that agrees with its count and head noun
  (``恒基、瑞丰、鑫源5家驻地煤化工企业``); a stock short name before its share
  class (伊泰B股); a brand and its trade where a company's word, a list of
  companies or the company's full name shows it to be one (北方稀土下属…);
  mines and farms named by their place (淖尔壕煤矿); a body's bare units in a
  list of its officers (…董事长魏格平、党委副书记…); and a name shown to be one
  by these wherever the text repeats it.
- **places that are not administrative** (LOC): reserves, bases, parks,
  irrigation districts, deserts, temples, industrial parks, ports … ending in
  their kind word, with a division before them or a name of their own (a
  division written in full before a named place is a GPE of its own), parks
  and bases named by the company or brand that runs them, stations, compass
  regions before 地区/区域, and a lexicon of rivers,
  deserts, mountains and regions.
- **people** (PERSON): names in bylines, photo credits, trailing author marks,
  after a role word (``教师赵智睿表示``), opening a clause as its subject, in lists
  before ``等…人物``, and Mongolian names from their parts (额尔敦巴雅尔说).

Generic references (全市, 我市, 旗区, 保护区 alone), fixed terms (中国式现代化)
and anything inside ``《》`` give nothing.

This module holds the scan that every rule reads (one automaton pass over the
text), the choice among candidates and the resolution of places; each family
of rules is a module of its own, mixed into ``_Run``: ``rule_marks``
(bylines, datelines), ``rule_places`` (gazetteer, zones, villages),
``rule_suffixes`` (organisations and named places by their last word, their start
found by ``rule_name_start``),
``rule_divisions`` (communities, street offices), ``rule_named_places``
(named places by a name of their own, divisions before them, stations,
regions), ``rule_parks`` (parks named by their company or brand, mines and
farms by their place), ``rule_numbered`` (schools named by place and number:
六安二中), ``rule_lists`` (lists, platforms), ``rule_brands`` (companies by a
brand and its trade: 北方稀土), ``rule_units`` (a body's bare units in a list of
its officers), ``rule_people`` (names after role words).
``candidates`` holds the types and word facts they share.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import Optional, Sequence

from .gazetteer import Gazetteer, resolve
from .lexicon import (
    GPE,
    LOC,
    LOC_SUFFIX,
    NAME_PART,
    NONE,
    ORG,
    ORG_SUFFIX,
    TITLE,
    ZONE_SUFFIX,
    Lexicon,
    get_lexicon,
)
# the candidate types and word facts, importable from here as before
from .candidates import (  # noqa: F401
    BAD_POS,
    BOOK_TITLE,
    COUNT_WORD,
    Candidate,
    DETERMINERS,
    FUNCTION_POS,
    IS_HAN,
    LEAD_CHARS,
    LEVEL_ABBREV,
    NAME_POS,
    NATIONAL,
    NUMERAL_CHARS,
    ORDINAL,
    SHORT_STOP,
    Tokens,
    _Intervals,
    _compositional,
    _freq,
    _is_word,
    _needs_context,
    _pos_table,
    _rank,
)
from .rule_brands import BrandRules
from .rule_divisions import DivisionRules
from .rule_lists import ListRules
from .rule_marks import MarkRules
from .rule_named_places import NamedPlaceRules
from .rule_numbered import NumberedRules
from .rule_parks import ParkRules
from .rule_people import PersonRules
from .rule_places import PlaceRules
from .rule_suffixes import SuffixRules
from .rule_units import UnitRules


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


class _Run(MarkRules, PlaceRules, DivisionRules, SuffixRules, NamedPlaceRules, ParkRules, NumberedRules,
           ListRules, BrandRules, UnitRules, PersonRules):
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
        self.name_parts: dict[int, int] = {}  # start → end of the longest Mongolian name part there
        self.org_lex_ends: dict[int, int] = {}
        self.loc_ends: dict[int, Candidate] = {}  # named places found by their kind word, by end
        self.lex_ends: dict[int, list] = {}
        for start, end, key, roles in self.lex.automaton.iter(text):
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
            if NAME_PART in roles:
                prev = self.name_parts.get(start, 0)
                self.name_parts[start] = max(prev, end)
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
        if (any(c in NUMERAL_CHARS for c in w) and not ORDINAL.match(w) and w not in lex.body_words
                and (COUNT_WORD.match(w) or (_pos_table().get(w) or "")[:1] in ("m", "q"))):
            return False  # 三大汽车公司: a count, not a name (五合水稻…合作社 is a name)
        if w in lex.body_stop or w in lex.not_entities:
            return False
        if "及" in w and not _is_word(w):
            return False  # 人員及|昆華醫院: a conjunction the segmenter glued to a word ends the name
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
        if len(w) < 2 or any(c in SHORT_STOP or c in DETERMINERS for c in w):
            return False
        if any(c in NUMERAL_CHARS for c in w) and (_freq().get(w, 0) > 0 or COUNT_WORD.match(w)):
            return False  # 三大, 十分: a count or a word; 五鑫 (unknown, no count) may be a name
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

    # -- the rules -------------------------------------------------------------
    def result(self) -> list[Candidate]:
        self._marks()
        self._glued_datelines()
        self._reporter_brackets()
        self._zones()
        self._org_and_loc()
        self._named_places()
        self._numbered_schools()
        self._lexicon()
        self._named_words()
        self._villages()
        self._communities()
        self._platforms()
        self._titled_outlets()
        self._enumerations()
        self._brand_names()
        self._units_in_officer_lists()
        self._titles()
        self._mongolian_names()
        self._subject_names()
        self._addressed_surnames()
        self._share_classes()
        chosen = self._short_forms(self._repeated_names(self._select()))
        return self._resolve(chosen)

    def add(self, c: Candidate) -> None:
        if c.end > c.start and not self.is_blocked(c.start, c.end):
            self.cands.append(c)

    def _words(self, s: int, e: int) -> list[str]:
        return self.tok.words_in(self.text, s, e)

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
