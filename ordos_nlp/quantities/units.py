"""The units lexicon (``units.json``): units and counters with their kind, exact SI
factor and currency; qualifier words; currency words and symbols; phrases that are
not quantities. The cue words the readers consult (``cues.json``: what may follow
成, what makes 度 electricity, …) load here too. Both are loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from fractions import Fraction
from importlib import resources
from typing import Optional

from ..numerals.lexicon import to_canonical


@dataclass(frozen=True)
class UnitInfo:
    """One unit as ``units.json`` describes it."""

    unit: str
    kind: str
    factor: Optional[Fraction] = None
    si_unit: Optional[str] = None
    currency: Optional[str] = None
    flags: frozenset = frozenset()


def _load() -> dict:
    text = resources.files(__package__).joinpath("units.json").read_text(encoding="utf-8")
    return json.loads(text)


_DATA = _load()
#: Cue words and characters (``cues.json``) that the readers consult.
CUES = json.loads(resources.files(__package__).joinpath("cues.json").read_text(encoding="utf-8"))
_HAN = r"\u4e00-\u9fff"
_LATIN_RE = re.compile(r"[A-Za-z]")


def _build_units():
    by_surface: dict[str, UnitInfo] = {}
    not_before: dict[str, str] = {}
    for entry in _DATA["units"]:
        flags = frozenset(
            k for k in ("colloquial", "percent_sign", "tenths", "discount", "year", "ambiguous", "needs_multiplier", "range_only")
            if entry.get(k)
        )
        factor = Fraction(entry["factor"]) if entry.get("factor") else None
        info = UnitInfo(
            unit=entry["unit"],
            kind=entry["kind"],
            factor=factor,
            si_unit=entry.get("si_unit"),
            currency=entry.get("currency"),
            flags=flags,
        )
        for s in entry["surfaces"]:
            by_surface[s] = info
            if entry.get("not_before"):
                not_before[s] = entry["not_before"]
    trad = _DATA["counter_traditional"]
    for word, nb in _DATA["counters"].items():
        if word.startswith("_"):
            continue
        info = UnitInfo(unit=trad.get(word, word), kind="COUNT")
        by_surface.setdefault(word, info)
        if nb:
            not_before[word] = nb
    return by_surface, not_before


UNITS, _NOT_BEFORE = _build_units()


def _surface_pattern(s: str) -> str:
    pat = re.escape(s)
    if _LATIN_RE.search(s[-1]) or s[-1].isdigit():
        pat += r"(?![A-Za-z0-9])"
    nb = _NOT_BEFORE.get(s)
    if nb:
        pat += "(?![" + re.escape(nb) + "])"
    return pat


_UNIT_RE = re.compile(
    "|".join(_surface_pattern(s) for s in sorted(UNITS, key=len, reverse=True))
)
_QUAL = _DATA["qualifiers"]
_PREFIX_Q = _QUAL["prefix"]
_PREFIX_NOT_AFTER = _QUAL["prefix_not_after"]
_SUFFIX_Q = _QUAL["suffix"]
_SUFFIX_NOT_BEFORE = _QUAL["suffix_not_before"]
_INFIX_Q = _QUAL["infix"]
_CUR_PREFIX = _DATA["currency_prefixes"]
_SYMBOLS = _DATA["money_symbols"]
_SUBUNITS = {k: {s: Fraction(v) for s, v in d.items()} for k, d in _DATA["money_subunits"].items() if not k.startswith("_")}
_HEADS = sorted(set(_DATA["big_heads"]["heads"]), key=len, reverse=True)
_BLACKLIST = sorted(set(_DATA["blacklist"]["phrases"]), key=len, reverse=True)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_SYMBOLS_CANON = {to_canonical(k): v for k, v in _SYMBOLS.items()}


def _unit_at(t: str, pos: int):
    """(UnitInfo, surface, end) of the unit that starts at ``pos``, or None."""
    m = _UNIT_RE.match(t, pos)
    if not m:
        return None
    s = m.group(0)
    return UNITS[s], s, m.end()


_PER_SECONDS = {k: Fraction(v) for k, v in _DATA["per_time_seconds"].items() if not k.startswith("_")}


def _money_info(unit: str) -> UnitInfo:
    return next(i for i in UNITS.values() if i.unit == unit and i.kind == "MONEY")
