"""The record types: the contract of RECORDS.md in code.

A record is the row behind a sentence's mentions: which indicator (``metric``),
how much (``value``), how it changed against what (``change``), of which place,
for which period, of which organisation (``subject``), and whether the figure
is an outcome, a goal or a plan (``status``). Every part is a frozen
dataclass; ``Record.to_dict()`` gives the JSON shape of RECORDS.md with exact
values as strings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Union

from ..facts import Quantity

#: The columns of a record's flat row (``Record.to_row``), the panel's columns.
ROW_COLUMNS = (
    "metric", "name", "value", "unit", "kind", "change", "change_unit", "direction", "basis",
    "place_name", "adcode", "period", "mod", "subject", "status", "article", "sentence_start", "sentence_end",
)
DIRECTIONS = ("up", "down", "flat")
BASES = ("yoy", "yoy_end", "mom", "other")
STATUSES = ("actual", "target", "planned")


@dataclass(frozen=True)
class Metric:
    """The indicator as written (``text`` at ``start``–``end``) and which one it is (``name``)."""

    text: str
    start: int
    end: int
    name: str

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name}


@dataclass(frozen=True)
class NoAmount:
    """The amount of a change the text states without a figure (``与去年持平``): its words
    and offsets, every number field None, shaped like ``Quantity.to_dict()``."""

    text: str
    start: int
    end: int
    value: None = None
    unit: None = None
    kind: None = None
    qualifier: None = None
    low: None = None
    high: None = None
    si_value: None = None
    si_unit: None = None
    currency: None = None

    def to_dict(self) -> dict:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


@dataclass(frozen=True)
class Change:
    """The amount of a change (a Quantity), its direction and the base it is measured against.

    ``basis_text`` is the base as written, None when it was inherited from an
    earlier change of the paragraph."""

    quantity: Union[Quantity, NoAmount]
    direction: str
    basis: Optional[str] = None
    basis_text: Optional[str] = None

    def to_dict(self) -> dict:
        return {**self.quantity.to_dict(), "direction": self.direction, "basis": self.basis, "basis_text": self.basis_text}


@dataclass(frozen=True)
class RecordPlace:
    """The administrative unit a figure is about; ``implied`` when no name was written next to it."""

    name: str
    adcode: Optional[str]
    implied: bool

    def to_dict(self) -> dict:
        return {"name": self.name, "adcode": self.adcode, "implied": self.implied}


@dataclass(frozen=True)
class Period:
    """The time a figure refers to, as a FACTS.md date value; ``mod`` is ``end`` or ``start``."""

    value: str
    mod: Optional[str] = None

    def to_dict(self) -> dict:
        return {"value": self.value, "mod": self.mod}


@dataclass(frozen=True)
class Subject:
    """The named organisation a figure belongs to."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


def _opt(x):
    return x.to_dict() if x is not None else None


@dataclass(frozen=True)
class Record:
    """One statistical fact: a level (``value``), a change of it, or both."""

    metric: Optional[Metric]
    value: Optional[Quantity] = None
    change: Optional[Change] = None
    alt_changes: tuple[Change, ...] = ()
    place: Optional[RecordPlace] = None
    period: Optional[Period] = None
    subject: Optional[Subject] = None
    status: str = "actual"
    article: Optional[int] = None

    def to_dict(self) -> dict:
        return {
            "metric": _opt(self.metric),
            "value": _opt(self.value),
            "change": _opt(self.change),
            "alt_changes": [c.to_dict() for c in self.alt_changes],
            "place": _opt(self.place),
            "period": _opt(self.period),
            "subject": _opt(self.subject),
            "status": self.status,
            "article": self.article,
        }

    def to_row(self, sentence=None) -> dict:
        """The record as one flat dict with every key of :data:`ROW_COLUMNS` (None where it has no
        such part); ``sentence`` (the ``Sentence`` holding it) gives the sentence offsets."""
        metric, value, change, place, period = self.metric, self.value, self.change, self.place, self.period
        return {
            "metric": metric.text if metric else None,
            "name": metric.name if metric else None,
            "value": value.value if value else None,
            "unit": value.unit if value else None,
            "kind": value.kind if value else None,
            "change": change.quantity.value if change else None,
            "change_unit": change.quantity.unit if change else None,
            "direction": change.direction if change else None,
            "basis": change.basis if change else None,
            "place_name": place.name if place else None,
            "adcode": place.adcode if place else None,
            "period": period.value if period else None,
            "mod": period.mod if period else None,
            "subject": self.subject.text if self.subject else None,
            "status": self.status,
            "article": self.article,
            "sentence_start": sentence.start if sentence is not None else None,
            "sentence_end": sentence.end if sentence is not None else None,
        }

    def _repr_html_(self) -> str:
        """The record as a one-row table in a notebook."""
        from ..html_table import html_table

        row = self.to_row()
        columns = [c for c in row if c not in ("sentence_start", "sentence_end") and row[c] is not None]
        return html_table(columns, [[row[c] for c in columns]])

    def shifted(self, offset: int, articles: int = 0) -> "Record":
        """The same record with every offset moved by ``offset`` and the article index by ``articles``."""

        def move(x):
            return None if x is None else replace(x, start=x.start + offset, end=x.end + offset)

        def move_change(c):
            return None if c is None else replace(c, quantity=move(c.quantity))

        return replace(
            self,
            metric=move(self.metric),
            value=move(self.value),
            change=move_change(self.change),
            alt_changes=tuple(move_change(c) for c in self.alt_changes),
            subject=move(self.subject),
            article=None if self.article is None else self.article + articles,
        )
