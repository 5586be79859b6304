"""The fact types: the contract of FACTS.md in code.

Every fact is a frozen dataclass whose ``start``/``end`` are character offsets
into the caller's exact string. Numeric fields are exact (``Decimal`` or
``Fraction``); ``to_dict()`` turns them into strings so that JSON keeps them
exact too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from fractions import Fraction
from typing import Any, Optional, Union

Number = Union[int, Decimal, Fraction]


def number_to_str(value: Optional[Number]) -> Optional[str]:
    """An exact number as a JSON-safe string: ``"19234000000"``, ``"3.5"``, ``"1/3"``."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"not an exact number: {type(value).__name__}")


def _as_dict(obj: Any) -> dict:
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, (Decimal, Fraction)):
            value = number_to_str(value)
        elif isinstance(value, tuple):
            value = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
        out[f.name] = value
    return out


@dataclass(frozen=True)
class Entity:
    """A named organisation (ORG), administrative place (GPE), other place (LOC) or person (PERSON)."""

    text: str
    start: int
    end: int
    label: str
    adcode: Optional[str] = None
    parents: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return _as_dict(self)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit or counter word; ``value`` already includes the multiplier (万, 亿 …)."""

    text: str
    start: int
    end: int
    value: Number
    unit: str
    kind: str
    qualifier: Optional[str] = None
    low: Optional[Number] = None
    high: Optional[Number] = None
    si_value: Optional[Number] = None
    si_unit: Optional[str] = None
    currency: Optional[str] = None

    def to_dict(self) -> dict:
        return _as_dict(self)


@dataclass(frozen=True)
class TimeExpr:
    """A time expression. ``value`` follows FACTS.md: ``2026``, ``2026-SP``, ``XXXX-Q1``,
    ``2026-02``; ``relative`` for 近日-type words. ``mod`` is ``since`` (自…以来),
    ``until`` (截至…) or ``end`` (…底), when the text says so."""

    text: str
    start: int
    end: int
    value: str
    mod: Optional[str] = None

    def to_dict(self) -> dict:
        return _as_dict(self)


def _fact_row(f) -> tuple:
    """``(fact, label, text, start, end, value, unit or code)`` of any fact, for tables."""
    if isinstance(f, Entity):
        return ("entity", f.label, f.text, f.start, f.end, None, f.adcode)
    if isinstance(f, Quantity):
        return ("quantity", f.kind, f.text, f.start, f.end, f.value, f.unit)
    return ("date", "DATE", f.text, f.start, f.end, f.value + (f" ({f.mod})" if f.mod else ""), None)


@dataclass(frozen=True)
class Sentence:
    """A sentence (or headline, byline, dateline, credit) with the facts inside it."""

    text: str
    start: int
    end: int
    kind: str = "body"
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    quantities: tuple[Quantity, ...] = field(default_factory=tuple)
    dates: tuple[TimeExpr, ...] = field(default_factory=tuple)
    # the statistical records read from the sentence (ordos_nlp.records.Record), and the
    # index of the page's article holding it (None where the text was not laid out)
    records: tuple[Any, ...] = field(default_factory=tuple)
    article: Optional[int] = None

    @property
    def facts(self) -> list:
        """All facts of the sentence in text order."""
        return sorted(
            [*self.entities, *self.quantities, *self.dates], key=lambda f: (f.start, f.end)
        )

    def shifted(self, offset: int, articles: int = 0) -> "Sentence":
        """The same sentence with every offset moved by ``offset`` and its article index by
        ``articles`` (used when a long text is chunked)."""
        if offset == 0 and articles == 0:
            return self
        from dataclasses import replace

        def move(f):
            return replace(f, start=f.start + offset, end=f.end + offset)

        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            entities=tuple(map(move, self.entities)),
            quantities=tuple(map(move, self.quantities)),
            dates=tuple(map(move, self.dates)),
            records=tuple(r.shifted(offset, articles) for r in self.records),
            article=None if self.article is None else self.article + articles,
        )

    def to_dict(self) -> dict:
        return _as_dict(self)

    def _repr_html_(self) -> str:
        from .html_table import html_table

        caption = f"[{self.start}:{self.end}] {self.kind}: {self.text}"
        headers = ("fact", "label / kind", "text", "start", "end", "value", "unit / adcode")
        return html_table(headers, (_fact_row(f) for f in self.facts), caption=caption)
