"""Which administrative unit a figure is about.

In order (RECORDS.md): a place named at the head of the record's clause or of an
earlier clause of its sentence (``达拉特旗今年新增造林5万亩``, also the place that
opens a named base or park: ``东胜区“国防林”生态基地占地5.3万亩``); a scope word
there (``全市``, ``我市``, ``全区``), read against the article's place; the place
of the article (its headline, dateline or lead) or the ``doc_place`` the caller
gives. A place named earlier in the paragraph carries to the sentences after it
that name none.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ..entities.gazetteer import LEVEL_CITY, LEVEL_COUNTY, LEVEL_PROVINCE, LEVEL_ZONE, get_gazetteer, resolve
from .lexicon import Lexicon
from .record import RecordPlace
from .view import Item, SentenceView, strip_punct as _strip_punct

COUNTRY = ("中国", "CN")
ADMIN_ENDINGS = "省市县区旗盟州"
COUNTRY_NAMES = frozenset({"CN", "中国", "全国", "中华人民共和国", "我国"})


@dataclass(frozen=True)
class Unit:
    """A resolved administrative unit: its name, code (None for zones), level and lineage codes."""

    name: str
    adcode: Optional[str]
    level: int
    lineage: tuple[str, ...]  # own code (or the zone's parent) and the codes above it

    def as_place(self, implied: bool) -> RecordPlace:
        return RecordPlace(self.name, self.adcode, implied)


def unit_of_code(code: str) -> Optional[Unit]:
    gaz = get_gazetteer()
    name = gaz.name_of(code)
    if name is None:
        return None
    return Unit(name, code, gaz.level_of(code), (code, *gaz.parents(code)))


@lru_cache(maxsize=4096)
def unit_of_name(name: str) -> Optional[Unit]:
    """The unit a place name (or adcode) names, with the home region deciding ambiguous names."""
    gaz = get_gazetteer()
    if name in COUNTRY_NAMES:
        return Unit(*COUNTRY, 0, ())
    if name.isdigit():
        return unit_of_code(name)
    readings = [r for r in gaz.lookup(name) if r.code or r.level == LEVEL_ZONE]
    if not readings:
        return None
    place = resolve(readings, {"150000"}, gaz)
    if place is None:
        return None
    if place.code:
        return unit_of_code(place.code)
    return Unit(place.name, None, LEVEL_ZONE, gaz.lineage(place))


def unit_of_entity(item: Item) -> Optional[Unit]:
    """The unit of a GPE entity; for an ORG or LOC, of the place its name opens with."""
    fact = item.fact
    if fact.label == "GPE":
        if fact.adcode:
            return unit_of_code(fact.adcode)
        return unit_of_name(fact.text)
    if fact.label in ("ORG", "LOC"):
        unit = unit_of_name(fact.text) if fact.text[-1] in ADMIN_ENDINGS else None
        return unit or prefix_unit(fact.text)
    return None


@lru_cache(maxsize=4096)
def prefix_unit(name: str) -> Optional[Unit]:
    """The unit whose name (three characters or more) opens ``name``
    (鄂尔多斯市林草事业发展中心 → 鄂尔多斯市), longest first."""
    for n in range(min(len(name) - 1, 10), 2, -1):  # two-character prefixes are words too (宁德时代)
        unit = unit_of_name(name[:n])
        if unit is not None:
            return unit
    return None


def scope_unit(word: str, home: Optional[Unit], lex: Lexicon) -> Optional[Unit]:
    """The unit a scope word names, read against the article's (or document's) unit."""
    level = lex.scope.get(word)
    if level == "country":
        return Unit(*COUNTRY, 0, ())
    if home is None:
        return None
    units = [u for u in (unit_of_code(c) for c in home.lineage) if u is not None]
    if home.level == LEVEL_ZONE:
        units.insert(0, home)
    if level == "city":
        # 全市 of a county-level city (玉环市) is that city; of a district or banner, its city
        return next((u for u in units if u.level == LEVEL_CITY or (u.level == LEVEL_COUNTY and u.name.endswith("市"))), None)
    if level == "county":
        return next((u for u in units if u.level in (LEVEL_COUNTY, LEVEL_ZONE)), None)
    if level == "province":
        return next((u for u in units if u.level == LEVEL_PROVINCE), None)
    if level == "region":
        district = next((u for u in units if u.level in (LEVEL_COUNTY, LEVEL_ZONE) and u.name.endswith("区")), None)
        if district is not None:
            return district
        return next((u for u in units if u.level == LEVEL_PROVINCE and u.name.endswith("自治区")), None)
    return None


def _in_list(view: SentenceView, item: Item) -> bool:
    text = view.text
    return text[item.end : item.end + 1] in ("、", "和", "等") or text[item.start - 1 : item.start] == "、"


def clause_place(view: SentenceView, clause: tuple[int, int], lex: Lexicon, home: Optional[Unit]) -> Optional[RecordPlace]:
    """A place at the head of the clause: a named unit, or a scope word read against ``home``."""

    text = view.text
    a, b = _strip_punct(text, *clause)
    # time words and openers before the subject
    changed = True
    while changed and a < b:
        changed = False
        for d in view.dates:
            if d.start == a:
                a = d.end
                changed = True
        m = lex.lead_re.match(text[a:b])
        if m is not None and m.end() and not lex.scope_re.match(text, a, b):
            a += m.end()
            changed = True
        a, b = _strip_punct(text, a, b)
    for e in view.entities:
        if e.start == a and not _in_list(view, e):
            unit = unit_of_entity(e)
            if unit is not None:
                return unit.as_place(False)
    for n in range(min(b - a, 8), 2, -1):  # a place name no entity marks (traditional script)
        unit = unit_of_name(text[a : a + n])
        if unit is not None and unit.level != LEVEL_ZONE:
            return unit.as_place(False)
    m = lex.scope_re.match(text, a, b)
    if m is not None:
        unit = scope_unit(m.group(), home, lex)
        if unit is not None:
            return unit.as_place(True)
    return None


def article_unit(headline: list[SentenceView], dateline: list[SentenceView], lead: list[SentenceView],
                 fallback: Optional[Unit], body: list[SentenceView], lex: Lexicon) -> Optional[Unit]:
    """The article's unit: the first place of its headline, its dateline, its lead, else ``fallback``.

    A dateline says where the item was filed: an article filed from a district that
    speaks of its city's bodies or scope (``市农牧局``, ``全市``) is the city's."""
    for views, kind in ((headline, "headline"), (dateline, "dateline"), (lead, "lead")):
        for v in views:
            for e in v.entities:
                if kind == "dateline" and e.label != "GPE":
                    continue
                if _in_list(v, e):
                    continue
                unit = unit_of_entity(e)
                if unit is None:
                    continue
                if kind == "dateline" and unit.level > LEVEL_CITY and _speaks_of_city(body, lex):
                    return scope_unit("全市", unit, lex) or unit
                return unit
    return fallback


def _speaks_of_city(body: list[SentenceView], lex: Lexicon) -> bool:
    city_words = [w for w, level in lex.scope.items() if level == "city"]
    for v in body:
        if any(w in v.text for w in city_words):
            return True
        if any(e.label == "ORG" and e.fact.text.startswith("市") for e in v.entities):
            return True
    return False


def quoted_place(view: SentenceView, q_start: int, q_end: int, lex: Lexicon,
                 home: Optional[Unit]) -> Optional[tuple[int, int, RecordPlace]]:
    """A figure in brackets after a place (``包头市(22.9%)``, ``高于全国平均增速(4.1%)``) is a
    figure of that place: where the place's name starts and ends, and the place."""
    text = view.text
    if text[q_start - 1 : q_start] not in ("(", "（") or text[q_end : q_end + 1] not in (")", "）"):
        return None
    end = q_start - 1
    for e in view.entities:
        if e.end == end and e.label == "GPE":
            unit = unit_of_entity(e)
            if unit is not None:
                return e.start, e.end, unit.as_place(False)
    for n in range(min(end, 8), 1, -1):
        unit = unit_of_name(text[end - n : end])
        if unit is not None and unit.level != LEVEL_ZONE:
            return end - n, end, unit.as_place(False)
    for m in lex.scope_re.finditer(text, max(0, end - 12), end):
        unit = scope_unit(m.group(), home, lex)
        if unit is not None:
            return m.start(), m.end(), unit.as_place(True)
    return None
