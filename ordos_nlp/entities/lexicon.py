"""The word lists of the entity rules, and the one Aho-Corasick automaton over them.

Everything the rules look up by string lives in ``data/``: place names (through
the gazetteer), organisation and place lexicons, the name suffixes, role words
before personal names, fixed terms that are not entities. One automaton holds
them all; a key maps to every role it plays (``妇联`` is a lexicon ORG and a
suffix). It is built once per process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable


from ..segmenter import ADDED
from .gazetteer import Gazetteer, get_gazetteer
from .keyword_scan import KeywordScanner

# roles in the automaton
GPE, ORG, LOC, NONE = "GPE", "ORG", "LOC", "NONE"
ORG_SUFFIX, LOC_SUFFIX, ZONE_SUFFIX, TITLE = "OSUF", "LSUF", "ZSUF", "TITLE"
NAME_PART = "NAMEPART"  # a part of a Mongolian personal name

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


def data_text(name: str) -> str:
    return resources.files("ordos_nlp.entities").joinpath("data", name).read_text("utf-8")


def data_rows(name: str) -> Iterable[list[str]]:
    for line in data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def data_words(name: str) -> list[str]:
    out: list[str] = []
    for line in data_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            out.extend(line.split())
    return out


@dataclass(frozen=True)
class Suffix:
    text: str
    cls: str  # gov, sub, company, school (ORG); anchor, free (LOC); zone
    empty_ok: bool
    # the name before it may say what its members do (郭二后生种养殖|专业合作社): verbs are body
    activity_ok: bool = False
    # a park or base someone runs (产业园, 种植基地): it may be named by its company or brand
    park: bool = False


class Lexicon:
    """All word lists, plus the automaton over them."""

    def __init__(self, gaz: Gazetteer):
        self.gaz = gaz
        self.org_lexicon = {row[0]: row[1] for row in data_rows("org_lexicon.tsv")}
        self.loc_lexicon = set(data_words("loc_lexicon.txt"))
        self.not_entities = set(data_words("not_entities.txt"))
        # the sun, the moon and the planets: named, but no place (``proper_places``)
        self.celestial_bodies = set(data_words("celestial_bodies.txt"))
        self.org_suffixes = {
            r[0]: Suffix(r[0], r[1], len(r) > 2 and r[2].strip() == "y", len(r) > 3 and r[3].strip() == "activity")
            for r in data_rows("org_suffixes.tsv")
        }
        self.loc_suffixes = {
            r[0]: Suffix(r[0], r[1].strip(), len(r) > 2 and r[2].strip() == "y", len(r) > 3 and r[3].strip() == "park",
                         len(r) > 3 and r[3].strip() == "park")
            for r in data_rows("loc_suffixes.tsv")
        }
        self.zone_suffixes = {w: Suffix(w, "zone", True) for w in data_words("zone_suffixes.txt")}
        self.titles = set(data_words("titles.txt"))
        surnames = data_words("surnames.txt")
        self.surnames = {s for s in surnames if len(s) == 1}
        self.double_surnames = {s for s in surnames if len(s) == 2}
        self.name_stop_chars = set("".join(data_words("name_stop_chars.txt")))
        self.body_words = set(data_words("body_words.txt"))
        self.body_stop = set(data_words("body_stop.txt"))
        self.suffix_false = set(data_words("suffix_false_words.txt"))
        self.place_abbreviations = set("".join(data_words("place_abbreviations.txt")))
        self.party_words = set(data_words("party_words.txt"))
        self.list_heads = {r[0]: r[1].strip() for r in data_rows("list_heads.tsv")}
        self.title_outlets = tuple(sorted(set(data_words("title_outlets.txt")), key=len, reverse=True))
        # name parts of two characters or more: a one-character part would make any character a name
        self.mongolian_parts = {w for w in data_words("mongolian_name_parts.txt") if len(w) >= 2}
        # their lengths, longest first: a run of parts is read by trying each
        self.mongolian_part_lengths = tuple(sorted({len(p) for p in self.mongolian_parts if len(p) >= 2}, reverse=True))
        # forms of address after a surname or a name (王大哥, 孟根阿姨): outside the PERSON
        self.address_words = set(data_words("address_words.txt"))
        # the characters of those parts: what a transliterated Mongolian name is written with
        self.mongolian_chars = set("".join(self.mongolian_parts))
        self.automaton = self._build()

    def _build(self) -> KeywordScanner:
        roles: dict[str, dict[str, object]] = {name: {GPE: True} for name in self.gaz.names}

        def put(key: str, role: str, value: object = True) -> None:
            if key:
                entry = roles.get(key)
                if entry is None:
                    roles[key] = {role: value}
                else:
                    entry[role] = value

        for name, kind in self.org_lexicon.items():
            put(name, ORG, kind)
        for name in self.loc_lexicon:
            put(name, LOC)
        for name in self.not_entities:
            put(name, NONE)
        for s in self.org_suffixes.values():
            put(s.text, ORG_SUFFIX, s)
        for s in self.loc_suffixes.values():
            put(s.text, LOC_SUFFIX, s)
        for s in self.zone_suffixes.values():
            put(s.text, ZONE_SUFFIX, s)
        for t in self.titles:
            put(t, TITLE)
        for w in self.mongolian_parts:
            put(w, NAME_PART)
        return KeywordScanner(roles)

    def jieba_words(self, home: tuple[str, ...] = ("150000",)) -> list[str]:
        """Names that jieba should keep whole, so that tokens end where names do.

        Short forms that are also words or given names (永春 in 郭永春) are left out
        unless they belong to the home region: a dictionary word always beats the
        characters around it, and would cut personal names apart.
        """
        from .gazetteer import WORD_FLAG
        from .place_names import FIELDS

        home_set = set(home)
        lineage_of = self.gaz.lineage_of
        words = []
        # the readings as stored (code, level, parent, source per reading): no Place made
        for n, packed in self.gaz.names.packed_items():
            if len(n) < 2:
                continue
            if packed[3].endswith(WORD_FLAG) and all(source.endswith(WORD_FLAG) for source in packed[3::FIELDS]):
                if not any(home_set.intersection(lineage_of(packed[i], packed[i + 2]))
                           for i in range(0, len(packed), FIELDS)):
                    continue
            words.append(n)
        words += [n for n in self.org_lexicon if len(n) >= 2]
        words += [n for n in self.loc_lexicon if len(n) >= 2]
        return words


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The process-wide lexicon and automaton (built on first use; read-only after)."""
    return Lexicon(get_gazetteer())


# names this module added to jieba's dictionary (the segmenter's record of them): where
# they end, the segmentation is ours, not the dictionary's (事务部|门将 instead of 事务|部门|将)
ADDED_TO_JIEBA = ADDED
#: the names added to the segmenter for each home region (the pipelines that asked for them)
NAMES_BY_HOME: dict[tuple[str, ...], frozenset[str]] = {}
_ADD_LOCK = threading.Lock()


def add_names_to_jieba(home: tuple[str, ...] = ("150000",), freq: int = 2000) -> frozenset[str]:
    """Add the gazetteer and lexicon names to the segmenter's dictionary, once per home region.

    A pipeline for another home region (``home_region`` of ``ordos_entities``) adds the
    short forms that only its region reads as places; what each region added is kept in
    ``NAMES_BY_HOME`` and returned. A name that jieba already knows keeps its dictionary
    frequency. Safe to call from several threads.
    """
    if isinstance(home, str) or not isinstance(home, (tuple, list)):
        raise TypeError(f"home must be a tuple of region codes, got {type(home).__name__}")
    key = tuple(home)
    with _ADD_LOCK:
        names = NAMES_BY_HOME.get(key)
        if names is None:
            names = NAMES_BY_HOME[key] = frozenset(_add_words(key, freq))
    return names


def _add_words(home: tuple[str, ...], freq: int) -> dict[str, int]:
    from ..segmenter import add_words, word_freq

    words = get_lexicon().jieba_words(home)
    freqs = word_freq()  # asked for all words at once: one search of the dictionary per length
    known = freqs.many(words)
    threes = [w for w in words if len(w) == 3]
    tail_freq = dict(zip(threes, freqs.many([w[1:] for w in threes])))
    new: dict[str, int] = {}
    for word, f in zip(words, known):
        if (f or 0) > 0:
            continue  # jieba knows it: its frequency is the dictionary's
        if len(word) == 3 and (tail_freq[word] or 0) >= 100:
            continue  # 班老乡: a new word must not take 老乡 from 一班老乡
        # any dictionary word beats the single characters around it; a new short word
        # must not beat the words it overlaps (乐华电子 is 华/电子, not 华电/子)
        new[word] = 10 if len(word) == 2 else 100 if len(word) == 3 else freq
    add_words(new)
    return new
