"""Compound units: rates and speeds (``5.6万元/人``, ``7微克每立方米``,
``每立方米23微克``, ``120公里/小时``, ``时速160公里``). The unit is the whole
compound; a length per time is a SPEED with its value in m/s, any other a RATE."""

from __future__ import annotations

import re
from typing import Optional

from .found import _Found
from .units import CUES, UNITS, UnitInfo, _PER_SECONDS, _unit_at


_PER_HOUR_PREFIX = tuple(CUES["per_hour_prefixes"])
_PER_FIRST = frozenset("/每 \xa0")
_PER_RE = re.compile(r"[ \xa0]?(?:/|每)[ \xa0]?")


def _speed(info: UnitInfo, unit: str, per: str) -> UnitInfo:
    seconds = _PER_SECONDS[per]
    factor = info.factor / seconds if info.factor is not None else None
    return UnitInfo(f"{unit}/{per}", "SPEED", factor, "m/s" if factor is not None else None)


def _per_unit_before(t: str, f: _Found) -> None:
    """``每立方米23微克``: a denominator written before the number makes ``f`` a rate
    whose span starts at 每."""
    if f.kind in ("PERCENT", "PERCENT_POINT", "COUNT", "DURATION", "RATE", "SPEED") or f.start < 2:
        return
    each = t.rfind("每", max(0, f.start - 6), f.start)
    if each < 0:
        return
    for n in range(min(5, f.start - 1), 0, -1):
        den = UNITS.get(t[f.start - n : f.start])
        if den is not None and t[f.start - n - 1] == "每" and den.kind not in ("COUNT", "PERCENT", "PERCENT_POINT"):
            f.start, f.unit, f.kind = f.start - n - 1, f"{f.unit}/{den.unit}", "RATE"
            f.factor = f.si_unit = None
            return


def _per_unit(t: str, pos: int, info: UnitInfo, unit: str, kind: str) -> Optional[tuple[UnitInfo, int]]:
    """A unit written ``A/B`` or ``A每B`` (``元/人``, ``公里/小时``, ``7微克每立方米``)
    from ``pos``.

    A length per time is a SPEED (with its value in m/s); any other is a RATE.
    Returns the compound unit and where it ends, or None when no unit follows."""
    if pos >= len(t) or t[pos] not in _PER_FIRST:
        return None
    sep = _PER_RE.match(t, pos)
    if sep is None or kind in ("PERCENT", "PERCENT_POINT"):
        return None
    den_at = sep.end()
    scale = t[den_at] if den_at < len(t) and t[den_at] in "万亿" else ""  # 公里/万平方公里
    got = _unit_at(t, den_at + len(scale))
    if got is None or got[0].kind in ("PERCENT", "PERCENT_POINT"):
        return None
    den, _, end = got
    if scale:
        return UnitInfo(f"{unit}/{scale}{den.unit}", "RATE", currency=info.currency), end
    if "每" in sep.group() and den.kind == "COUNT" and kind != "MONEY":
        return None  # 3个每人: not a rate of counts
    if kind == "LENGTH" and den.unit in _PER_SECONDS:
        return _speed(info, unit, den.unit), end
    return UnitInfo(f"{unit}/{den.unit}", "RATE", currency=info.currency), end
