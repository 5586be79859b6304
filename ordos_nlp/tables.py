"""Facts as tables: one row per fact, for pandas, Parquet, CSV and JSON Lines.

Every table here has the same columns, in this order (:data:`COLUMNS`):

=================  ==========================================================
column             meaning
=================  ==========================================================
doc                position of the document in the input (0, 1, …)
file               the document's file name, or empty when none was given
sentence           index of the sentence in its document (as in ``extract()``)
sentence_kind      body, headline, byline, dateline, credit, author
sentence_start     sentence offsets into the document's text
sentence_end
fact               ``entity``, ``quantity`` or ``date``
label              ORG, GPE, LOC, PERSON (entities), QUANTITY, DATE
text               the fact's exact text
start, end         the fact's offsets into the document's text
adcode             administrative code of a GPE (``150602``)
parents            the adcodes of its parents (``150600``, ``150000``)
value              a quantity's exact value (``19234000000``, ``1/3``)
unit, kind         a quantity's unit (``元``) and kind (``MONEY``)
qualifier          ``over``, ``under``, ``about``
low, high          the ends of a range, exact
si_value, si_unit  the value in the SI unit (area, mass, length …), exact
currency           ISO code of money (``CNY``)
date_value         a date's value (``2026-Q1``, ``2026-SP``, ``relative``)
mod                a date's modifier (``since``, ``until``, ``end``, ``start``)
=================  ==========================================================

:func:`to_frame` and :func:`to_parquet` add ``value_float``, ``low_float``,
``high_float`` and ``si_value_float`` (:data:`FLOAT_COLUMNS`): the same numbers
as floats, for plotting and arithmetic where exactness does not matter.

Exact numbers stay exact: ``Decimal``/``Fraction``/``int`` objects in the
DataFrame, strings (``"19234000000"``, ``"3.5"``, ``"1/3"``) in Parquet, CSV and
JSON; ``fractions.Fraction(s)`` reads any of those strings back exactly.

pandas and pyarrow are an optional extra: ``pip install 'ordos-nlp[tables]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import chain
from typing import Any, Optional

from .facts import Entity, Quantity, Sentence, TimeExpr, number_to_str

__all__ = [
    "COLUMNS",
    "FLOAT_COLUMNS",
    "EXACT_COLUMNS",
    "iter_documents",
    "fact_rows",
    "json_row",
    "to_frame",
    "to_parquet",
    "parquet_schema",
    "ParquetFactWriter",
]

COLUMNS = (
    "doc",
    "file",
    "sentence",
    "sentence_kind",
    "sentence_start",
    "sentence_end",
    "fact",
    "label",
    "text",
    "start",
    "end",
    "adcode",
    "parents",
    "value",
    "unit",
    "kind",
    "qualifier",
    "low",
    "high",
    "si_value",
    "si_unit",
    "currency",
    "date_value",
    "mod",
)
#: Columns holding exact numbers (``Decimal``, ``Fraction`` or ``int``; ``None`` when absent).
EXACT_COLUMNS = ("value", "low", "high", "si_value")
#: The float companions that :func:`to_frame` and :func:`to_parquet` add.
FLOAT_COLUMNS = tuple(f"{c}_float" for c in EXACT_COLUMNS)
INT_COLUMNS = ("doc", "sentence", "sentence_start", "sentence_end", "start", "end")
STRING_COLUMNS = tuple(c for c in COLUMNS if c not in INT_COLUMNS + EXACT_COLUMNS + ("parents",))

EXTRA_HINT = "pip install 'ordos-nlp[tables]'"


def _require(module: str, what: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ImportError(f"{what} needs {module.split('.')[0]}, which is in the 'tables' extra: {EXTRA_HINT}") from err


# ---------------------------------------------------------------------------
# Input shapes


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


# ---------------------------------------------------------------------------
# Rows


def _fact_fields(f) -> dict[str, Any]:
    if isinstance(f, Entity):
        return {"fact": "entity", "label": f.label, "adcode": f.adcode, "parents": tuple(f.parents)}
    if isinstance(f, Quantity):
        return {
            "fact": "quantity",
            "label": "QUANTITY",
            "value": f.value,
            "unit": f.unit,
            "kind": f.kind,
            "qualifier": f.qualifier,
            "low": f.low,
            "high": f.high,
            "si_value": f.si_value,
            "si_unit": f.si_unit,
            "currency": f.currency,
        }
    if isinstance(f, TimeExpr):
        return {"fact": "date", "label": "DATE", "date_value": f.value, "mod": f.mod}
    raise TypeError(f"not a fact: {type(f).__name__}")  # pragma: no cover


def fact_rows(results) -> Iterator[dict[str, Any]]:
    """One dict per fact with every key of :data:`COLUMNS`, exact values as Python numbers.

    Facts come document by document, sentence by sentence, in text order
    (``Sentence.facts``). Missing fields are ``None``; ``parents`` is a tuple.
    """
    for doc, name, sentences in iter_documents(results):
        for i, s in enumerate(sentences):
            for f in s.facts:
                row = dict.fromkeys(COLUMNS)
                row.update(
                    doc=doc,
                    file=name,
                    sentence=i,
                    sentence_kind=s.kind,
                    sentence_start=s.start,
                    sentence_end=s.end,
                    text=f.text,
                    start=f.start,
                    end=f.end,
                    parents=(),
                )
                row.update(_fact_fields(f))
                yield row


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row from :func:`fact_rows` made JSON-ready: exact numbers as strings, parents as a list."""
    out = dict(row)
    for c in EXACT_COLUMNS:
        out[c] = number_to_str(out[c])
    out["parents"] = list(out["parents"])
    return out


def _float(x) -> float:
    return float("nan") if x is None else float(x)


# ---------------------------------------------------------------------------
# pandas


def _columns(rows: Iterable[dict]) -> dict[str, list]:
    cols: dict[str, list] = {c: [] for c in COLUMNS}
    for row in rows:
        for c in COLUMNS:
            cols[c].append(row[c])
    return cols


def to_frame(results):
    """A pandas ``DataFrame`` with one row per fact (columns: :data:`COLUMNS` + :data:`FLOAT_COLUMNS`).

    ``results``: the list from ``extract()``, an iterable of such lists
    (``extract_many()``), or ``(file, sentences)`` pairs / a ``{file: sentences}``
    mapping (see :func:`iter_documents`). Column types: ``int64`` for indices and
    offsets, pandas ``string`` for text and labels (``<NA>`` when absent),
    ``object`` for the exact numbers (``Decimal``, ``Fraction``, ``int``, or
    ``None``) and ``parents`` (tuples), ``float64`` for the ``*_float`` columns.

    Raises ``ImportError`` naming the ``tables`` extra when pandas is missing,
    ``TypeError`` for input of another shape.
    """
    pd = _require("pandas", "ordos_nlp.to_frame()")
    cols = _columns(fact_rows(results))
    data: dict[str, Any] = {}
    for c in COLUMNS:
        if c in INT_COLUMNS:
            data[c] = pd.Series(cols[c], dtype="int64")
        elif c in STRING_COLUMNS:
            data[c] = pd.Series(cols[c], dtype="string")
        else:
            data[c] = pd.Series(cols[c], dtype="object")
    for c, fc in zip(EXACT_COLUMNS, FLOAT_COLUMNS):
        data[fc] = pd.Series([_float(x) for x in cols[c]], dtype="float64")
    return pd.DataFrame(data)


# ---------------------------------------------------------------------------
# Parquet


def parquet_schema():
    """The Arrow schema of :func:`to_parquet` files.

    ``int64`` indices and offsets; ``string`` text, labels and exact numbers
    (``"19234000000"``, ``"1/3"``); ``list<string>`` parents; ``double`` floats.
    Missing fields are nulls; ``doc``, ``sentence*``, ``fact``, ``label``,
    ``text``, ``start``, ``end`` and ``parents`` (possibly empty) never are.
    The schema metadata records ``ordos_nlp.version`` and ``ordos_nlp.columns``.
    """
    pa = _require("pyarrow", "ordos_nlp.to_parquet()")
    from .version import __version__

    always = ("sentence_kind", "fact", "label", "text")
    fields = []
    for c in COLUMNS:
        if c in INT_COLUMNS:
            fields.append(pa.field(c, pa.int64(), nullable=False))
        elif c == "parents":
            fields.append(pa.field(c, pa.list_(pa.string()), nullable=False))
        else:
            fields.append(pa.field(c, pa.string(), nullable=c not in always))
    fields += [pa.field(c, pa.float64()) for c in FLOAT_COLUMNS]
    return pa.schema(fields, metadata={"ordos_nlp.version": __version__, "ordos_nlp.columns": "facts/1"})


class ParquetFactWriter:
    """Write fact rows to a Parquet file in row groups, without holding them all.

    >>> with ParquetFactWriter("facts.parquet") as w:          # doctest: +SKIP
    ...     w.write(fact_rows(ordos_nlp.extract(text)))
    """

    def __init__(self, path, row_group_size: int = 50_000):
        self._pa = _require("pyarrow", "ordos_nlp.to_parquet()")
        pq = _require("pyarrow.parquet", "ordos_nlp.to_parquet()")
        self.schema = parquet_schema()
        self.path = path
        self.rows_written = 0
        self._size = row_group_size
        self._buffer: list[dict] = []
        self._writer = pq.ParquetWriter(os.fspath(path) if isinstance(path, os.PathLike) else path, self.schema)

    def write(self, rows: Iterable[dict]) -> None:
        """Add rows from :func:`fact_rows`."""
        for row in rows:
            self._buffer.append(row)
            if len(self._buffer) >= self._size:
                self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        pa = self._pa
        cols = _columns(self._buffer)
        arrays = []
        for c in COLUMNS:
            if c in EXACT_COLUMNS:
                arrays.append([number_to_str(x) for x in cols[c]])
            elif c == "parents":
                arrays.append([list(p) for p in cols[c]])
            else:
                arrays.append(cols[c])
        arrays += [[None if x is None else float(x) for x in cols[c]] for c in EXACT_COLUMNS]
        table = pa.Table.from_arrays([pa.array(a, type=f.type) for a, f in zip(arrays, self.schema)], schema=self.schema)
        self._writer.write_table(table)
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


def to_parquet(results, path, *, row_group_size: int = 50_000) -> int:
    """Write the facts of ``results`` to a Parquet file at ``path``; returns the number of rows.

    Same input as :func:`to_frame`, consumed lazily (an ``extract_many()``
    iterator is never held in memory whole). Columns: :data:`COLUMNS` +
    :data:`FLOAT_COLUMNS`, with the types of :func:`parquet_schema` (exact
    numbers as strings). ``pandas.read_parquet(path)`` reads it back.

    Raises ``ImportError`` naming the ``tables`` extra when pyarrow is missing.
    """
    with ParquetFactWriter(path, row_group_size=row_group_size) as writer:
        writer.write(fact_rows(results))
    return writer.rows_written
