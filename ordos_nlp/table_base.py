"""What every table of ordos_nlp shares: the input shapes it reads, exact numbers as Parquet
decimals, and the optional pandas/pyarrow imports.

``tables.py`` (one row per fact) and ``record_tables.py`` (one row per record)
both build on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import chain
from typing import Optional

from .facts import Sentence, number_to_str

#: Parquet's exact decimal type: 38 digits, 10 of them after the point.
DECIMAL_PRECISION, DECIMAL_SCALE = 38, 10
EXTRA_HINT = "pip install 'ordos-nlp[tables]'"


def _require(module: str, what: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(f"{what} needs {module.split('.')[0]}, which is in the 'tables' extra: {EXTRA_HINT}") from err


def _sentences(obj, where: str) -> list[Sentence]:
    if isinstance(obj, (str, bytes)) or not isinstance(obj, Iterable):
        raise TypeError(f"{where}: expected a list of Sentence, got {type(obj).__name__}")
    out = list(obj)
    for s in out:
        if not isinstance(s, Sentence):
            raise TypeError(f"{where}: expected a list of Sentence, got an item of type {type(s).__name__}")
    return out


_END = object()


def iter_documents(results) -> Iterator[tuple[int, Optional[str], list[Sentence]]]:
    """``(doc, file, sentences)`` for each document in ``results``.

    ``results`` is one of:

    - the list that ``extract()`` returns (one document, no file name);
    - an iterable of such lists, e.g. ``extract_many()`` (documents 0, 1, …);
    - an iterable of ``(file, sentences)`` pairs, or a mapping ``{file: sentences}``
      (``file`` a ``str``, a path or ``None``).

    Anything else raises ``TypeError``. Iterables are consumed lazily.
    """
    if isinstance(results, Mapping):
        results = results.items()
    if isinstance(results, (str, bytes, Sentence)) or not isinstance(results, Iterable):
        raise TypeError(
            "expected the list from extract(), an iterable of such lists or of (file, sentences) pairs, "
            f"got {type(results).__name__}"
        )
    it = iter(results)
    first = next(it, _END)
    if first is _END:
        return
    if isinstance(first, Sentence):
        yield 0, None, _sentences(chain([first], it), "a document")
        return
    for i, item in enumerate(chain([first], it)):
        if (
            isinstance(item, tuple)
            and len(item) == 2
            and (item[0] is None or isinstance(item[0], (str, os.PathLike)))
        ):
            name = None if item[0] is None else os.fspath(item[0])
            yield i, name, _sentences(item[1], f"document {i} ({name})")
        elif isinstance(item, (list, tuple)):
            yield i, None, _sentences(item, f"document {i}")
        else:
            raise TypeError(
                f"document {i}: expected a list of Sentence or a (file, sentences) pair, got {type(item).__name__}"
            )


def _float(x) -> float:
    return float("nan") if x is None else float(x)


def exact_decimal(value) -> tuple[Optional[str], Optional[str]]:
    """``(decimal, fraction)`` strings of an exact number for Parquet: one of the two is set.

    ``decimal`` when ``decimal128(38, 10)`` holds the number exactly (``"3.5"``),
    else ``fraction``, the whole number as :func:`number_to_str` writes it (``"1/3"``).
    """
    if value is None:
        return None, None
    text = number_to_str(value)
    if "/" in text:
        frac = Fraction(value)
        d = frac.denominator
        while d % 2 == 0:
            d //= 2
        while d % 5 == 0:
            d //= 5
        if d != 1:  # no finite decimal
            return None, text
        text = format(Decimal(frac.numerator) / Decimal(frac.denominator), "f")
    whole, _, places = text.lstrip("-").partition(".")
    places = places.rstrip("0")
    if len(places) > DECIMAL_SCALE or len(whole.lstrip("0")) > DECIMAL_PRECISION - DECIMAL_SCALE:
        return None, number_to_str(value)
    return text, None


class ParquetRowWriter:
    """Rows to a Parquet file in row groups, without holding them all: the writer of facts and records.

    ``schema``: the Arrow schema; ``to_arrow(row)``: a row as the file holds it, JSON-safe
    (exact numbers as decimal strings); ``decimal_columns``: the columns given as such strings.
    """

    def __init__(self, path, schema, to_arrow, decimal_columns, row_group_size: int = 50_000):
        self._pa = _require("pyarrow", "ordos_nlp.to_parquet()")
        pq = _require("pyarrow.parquet", "ordos_nlp.to_parquet()")
        self.schema = schema
        self.path = path
        self.rows_written = 0
        self._to_arrow = to_arrow
        self._decimals = frozenset(decimal_columns)
        self._size = row_group_size
        self._buffer: list[dict] = []
        self._writer = pq.ParquetWriter(os.fspath(path), self.schema)

    def write(self, rows: Iterable[dict]) -> None:
        """Add rows (dicts with exact values as Python numbers)."""
        for row in rows:
            self._buffer.append(self._to_arrow(row))
            if len(self._buffer) >= self._size:
                self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        pa = self._pa
        arrays = []
        for f in self.schema:
            values = [row[f.name] for row in self._buffer]
            if f.name in self._decimals:
                values = [None if v is None else Decimal(v) for v in values]
            arrays.append(pa.array(values, type=f.type))
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows_written += len(self._buffer)
        self._buffer = []

    def close(self) -> None:
        """Write what is left and close the file (an empty file still gets the schema)."""
        if self._writer is None:
            return
        self._flush()
        self._writer.close()
        self._writer = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

