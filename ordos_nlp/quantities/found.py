"""A quantity while it is assembled (offsets into the view, exact values as
``Fraction``), before it becomes a :class:`~ordos_nlp.facts.Quantity`."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from ..numerals import to_exact


def _exact(x: Fraction):
    return to_exact(x)


@dataclass
class _Found:
    start: int
    end: int
    value: Fraction
    unit: str
    kind: str
    qualifier: Optional[str] = None
    low: Optional[Fraction] = None
    high: Optional[Fraction] = None
    factor: Optional[Fraction] = None
    si_unit: Optional[str] = None
    currency: Optional[str] = None
    chinese: bool = False  # the numeral is written in Chinese characters
    borrowed: Fraction = Fraction(1)  # a multiplier taken from the next list item (3、5万元)
    vague: bool = False  # 几十万, 八九亿: no exact value, only low/high


def _finish(start, end, value, info, unit, kind, qualifier, low, high, currency, chinese) -> _Found:
    factor = info.factor if kind == info.kind else None
    si_unit = info.si_unit if kind == info.kind else None
    if kind == "ENERGY" and unit == "度":
        factor, si_unit = Fraction(3600000), "J"
    return _Found(start, end, value, unit, kind, qualifier, low, high, factor, si_unit, currency, chinese)


def _si(value: Fraction, factor: Optional[Fraction]):
    if factor is None:
        return None
    return _exact(value * factor)
