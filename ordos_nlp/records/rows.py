"""One flat row per record, for tables (pandas, parquet, CSV): the columns a panel needs.

Values stay exact (``Decimal``/``int``/``Fraction``) as in the fact rows; a
writer that needs strings uses ``ordos_nlp.facts.number_to_str``.
"""

from __future__ import annotations

from typing import Any, Optional

from .record import Record

ROW_COLUMNS = (
    "metric",
    "name",
    "value",
    "unit",
    "kind",
    "change",
    "change_unit",
    "direction",
    "basis",
    "place_name",
    "adcode",
    "period",
    "mod",
    "subject",
    "status",
    "article",
    "sentence_start",
    "sentence_end",
)


def record_row(record: Record, sentence: Optional[Any] = None) -> dict[str, Any]:
    """The record as one dict with every key of ``ROW_COLUMNS`` (None where it has no such part).

    ``sentence`` (the ``Sentence`` holding the record) gives the sentence offsets.
    Raises ``TypeError`` for anything but a ``Record``.
    """
    if not isinstance(record, Record):
        raise TypeError(f"record_row() expects a Record, got {type(record).__name__}")
    metric, value, change, place, period = record.metric, record.value, record.change, record.place, record.period
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
        "subject": record.subject.text if record.subject else None,
        "status": record.status,
        "article": record.article,
        "sentence_start": sentence.start if sentence is not None else None,
        "sentence_end": sentence.end if sentence is not None else None,
    }
