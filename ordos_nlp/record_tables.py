"""Records as tables: one row per statistical record, for pandas, Parquet, CSV and JSON Lines.

The rows a panel needs (``to_frame(results, kind="records")``): the document and
file, the sentence, then :data:`ordos_nlp.records.rows.ROW_COLUMNS` — metric (as
written) and name, value with unit and kind, change with its unit, direction and
basis, place name and adcode, period and mod, subject, status, article and the
sentence's offsets. ``value`` and ``change`` are exact numbers, kept as
``tables.py`` keeps them: objects in pandas, ``decimal128(38, 10)`` with
``*_fraction`` strings in Parquet, strings in CSV and JSON.
"""

from __future__ import annotations

import math
from typing import Any, Iterator

from .facts import number_to_str
from .records.rows import ROW_COLUMNS, record_row
from .table_base import (
    DECIMAL_PRECISION,
    DECIMAL_SCALE,
    ParquetRowWriter,
    _float,
    _require,
    exact_decimal,
    iter_documents,
)

RECORD_COLUMNS = ("doc", "file", "sentence") + ROW_COLUMNS
RECORD_EXACT = ("value", "change")
RECORD_FLOAT = tuple(f"{c}_float" for c in RECORD_EXACT)
RECORD_FRACTION = tuple(f"{c}_fraction" for c in RECORD_EXACT)
RECORD_INT = ("doc", "sentence", "article", "sentence_start", "sentence_end")


def record_rows(results) -> Iterator[dict[str, Any]]:
    """One dict per record with every key of :data:`RECORD_COLUMNS`, exact values as Python numbers.

    ``results`` takes the shapes of ``tables.iter_documents`` (the list from
    ``extract()``, an iterable of such lists, ``(file, sentences)`` pairs).
    """
    for doc, name, sentences in iter_documents(results):
        for i, s in enumerate(sentences):
            for r in getattr(s, "records", ()):
                row = {"doc": doc, "file": name, "sentence": i}
                row.update(record_row(r, s))
                yield row


def json_record_row(row: dict[str, Any]) -> dict[str, Any]:
    """A record row made JSON-ready: exact numbers as strings."""
    out = dict(row)
    for c in RECORD_EXACT:
        out[c] = number_to_str(out[c])
    return out


def records_frame(results):
    """A pandas ``DataFrame`` of :func:`record_rows` (plus ``value_float``, ``change_float``)."""
    pd = _require("pandas", "ordos_nlp.to_frame(kind='records')")
    rows = list(record_rows(results))
    data: dict[str, Any] = {}
    for c in RECORD_COLUMNS:
        values = [r[c] for r in rows]
        if c in RECORD_INT:
            data[c] = pd.Series(values, dtype="Int64")
        elif c in RECORD_EXACT:
            data[c] = pd.Series(values, dtype="object")
        else:
            data[c] = pd.Series(values, dtype="string")
    for c, fc in zip(RECORD_EXACT, RECORD_FLOAT):
        data[fc] = pd.Series([_float(x) for x in data[c]], dtype="float64")
    return pd.DataFrame(data)


def record_schema():
    """The Arrow schema of record tables: exact decimals with ``*_fraction`` strings, floats beside."""
    pa = _require("pyarrow", "ordos_nlp.to_parquet(kind='records')")
    from .version import __version__

    fields = []
    for c in RECORD_COLUMNS:
        if c in RECORD_INT:
            fields.append(pa.field(c, pa.int64(), nullable=c not in ("doc", "sentence")))
        elif c in RECORD_EXACT:
            fields.append(pa.field(c, pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)))
        else:
            fields.append(pa.field(c, pa.string()))
    fields += [pa.field(c, pa.float64()) for c in RECORD_FLOAT]
    fields += [pa.field(c, pa.string()) for c in RECORD_FRACTION]
    return pa.schema(fields, metadata={"ordos_nlp.version": __version__, "ordos_nlp.columns": "records/1"})


def arrow_record_row(row: dict[str, Any]) -> dict[str, Any]:
    """A record row as the Parquet files hold it, JSON-safe (decimal and fraction strings, floats)."""
    out = {c: row[c] for c in RECORD_COLUMNS}
    for c, fc, xc in zip(RECORD_EXACT, RECORD_FLOAT, RECORD_FRACTION):
        value = row[c]
        out[c], out[xc] = exact_decimal(value)
        f = None if value is None else float(value)
        out[fc] = f if f is None or math.isfinite(f) else None
    return out


class ParquetRecordWriter(ParquetRowWriter):
    """Write record rows to a Parquet file in row groups (see :func:`record_schema`)."""

    def __init__(self, path, row_group_size: int = 50_000):
        super().__init__(path, record_schema(), arrow_record_row, RECORD_EXACT, row_group_size)
