"""One flat row per record, for tables (pandas, parquet, CSV): the columns a panel needs.

Values stay exact (``Decimal``/``int``/``Fraction``) as in the fact rows; a
writer that needs strings uses ``ordos_nlp.facts.number_to_str``.
"""

from __future__ import annotations

from typing import Any, Optional

from .record import ROW_COLUMNS, Record  # noqa: F401  (ROW_COLUMNS is part of this module's interface)


def record_row(record: Record, sentence: Optional[Any] = None) -> dict[str, Any]:
    """The record as one dict with every key of ``ROW_COLUMNS`` (None where it has no such part).

    ``sentence`` (the ``Sentence`` holding the record) gives the sentence offsets.
    Raises ``TypeError`` for anything but a ``Record``.
    """
    if not isinstance(record, Record):
        raise TypeError(f"record_row() expects a Record, got {type(record).__name__}")
    return record.to_row(sentence)
