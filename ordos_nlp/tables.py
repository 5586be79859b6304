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

Exact numbers stay exact:

- in a DataFrame, ``Decimal``/``Fraction``/``int`` objects;
- in Parquet, Arrow ``decimal128(38, 10)`` columns (pandas reads them as
  ``Decimal``, so ``df.value.sum()`` is exact). A number that no such decimal
  holds exactly (a share such as ``1/3``, the square metres of 1 亩 = 2000/3, or
  more than 10 decimal places) is null there and written whole, as ``"1/3"``, in
  the string column of the same name with ``_fraction`` added
  (:data:`FRACTION_COLUMNS`);
- in CSV and JSON Lines, strings (``"19234000000"``, ``"3.5"``, ``"1/3"``);
  ``fractions.Fraction(s)`` reads any of them back exactly.

:func:`read_facts` reads any of these files back into the DataFrame that
:func:`to_frame` gives. ``adcode`` is text everywhere (``"150602"``, never a
number). Files written by the command line also hold one row with ``fact`` =
``"none"`` for each document that was read and had no facts, so that "nothing
found" differs from "not processed".

pandas and pyarrow are an optional extra: ``pip install 'ordos-nlp[tables]'``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, Optional

from .facts import Entity, Quantity, TimeExpr, number_to_str
from .table_base import (  # noqa: F401  (re-exported: part of this module's interface)
    DECIMAL_PRECISION,
    DECIMAL_SCALE,
    EXTRA_HINT,
    ParquetRowWriter,
    _float,
    _require,
    exact_decimal,
    iter_documents,
)

__all__ = [
    "COLUMNS",
    "FLOAT_COLUMNS",
    "EXACT_COLUMNS",
    "iter_documents",
    "fact_rows",
    "json_row",
    "to_frame",
    "to_parquet",
    "read_facts",
    "parquet_schema",
    "FRACTION_COLUMNS",
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
#: Parquet only: the exact number as a string where the decimal column cannot hold it (``"1/3"``).
FRACTION_COLUMNS = tuple(f"{c}_fraction" for c in EXACT_COLUMNS)
INT_COLUMNS = ("doc", "sentence", "sentence_start", "sentence_end", "start", "end")
#: The ``fact`` of the one row a document without facts gets in command-line outputs.
NO_FACTS = "none"
STRING_COLUMNS = tuple(c for c in COLUMNS if c not in INT_COLUMNS + EXACT_COLUMNS + ("parents",))



# ---------------------------------------------------------------------------
# Input shapes


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


def fact_rows(results, *, empty_docs: bool = False) -> Iterator[dict[str, Any]]:
    """One dict per fact with every key of :data:`COLUMNS`, exact values as Python numbers.

    Facts come document by document, sentence by sentence, in text order
    (``Sentence.facts``). Missing fields are ``None``; ``parents`` is a tuple.
    ``empty_docs=True`` adds one row with ``fact`` = ``"none"`` (and no sentence)
    for each document without facts.
    """
    for doc, name, sentences in iter_documents(results):
        if empty_docs and not any(s.entities or s.quantities or s.dates for s in sentences):
            row = dict.fromkeys(COLUMNS)
            row.update(doc=doc, file=name, fact=NO_FACTS, parents=())
            yield row
            continue
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


# ---------------------------------------------------------------------------
# pandas


def _columns(rows: Iterable[dict]) -> dict[str, list]:
    cols: dict[str, list] = {c: [] for c in COLUMNS}
    for row in rows:
        for c in COLUMNS:
            cols[c].append(row[c])
    return cols


def to_frame(results, kind: str = "facts"):
    """A pandas ``DataFrame`` with one row per fact (columns: :data:`COLUMNS` + :data:`FLOAT_COLUMNS`),
    or with ``kind="records"`` one row per statistical record (``ordos_nlp.record_tables``).

    ``results``: the list from ``extract()``, an iterable of such lists
    (``extract_many()``), or ``(file, sentences)`` pairs / a ``{file: sentences}``
    mapping (see :func:`iter_documents`). Column types: ``int64`` for indices and
    offsets, pandas ``string`` for text and labels (``<NA>`` when absent),
    ``object`` for the exact numbers (``Decimal``, ``Fraction``, ``int``, or
    ``None``) and ``parents`` (tuples), ``float64`` for the ``*_float`` columns.

    Raises ``ImportError`` naming the ``tables`` extra when pandas is missing,
    ``TypeError`` for input of another shape.
    """
    _check_kind(kind)
    if kind == "records":
        from .record_tables import records_frame

        return records_frame(results)
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


def arrow_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of :func:`fact_rows` as the Parquet files hold it, JSON-safe.

    Exact numbers split into the decimal string and the ``*_fraction`` string
    (:func:`exact_decimal`), plus the ``*_float`` companions; ``parents`` a list.
    """
    out = {c: row[c] for c in COLUMNS}
    out["parents"] = list(row["parents"])
    for c, fc, xc in zip(EXACT_COLUMNS, FLOAT_COLUMNS, FRACTION_COLUMNS):
        value = row[c]
        out[c], out[xc] = exact_decimal(value)
        f = None if value is None else float(value)
        out[fc] = f if f is None or math.isfinite(f) else None
    return out


def parquet_schema():
    """The Arrow schema of :func:`to_parquet` files.

    ``int64`` indices and offsets (null only in a ``fact`` = ``"none"`` row);
    ``string`` text and labels; ``decimal128(38, 10)`` exact numbers, with
    ``*_fraction`` strings for those no such decimal holds; ``list<string>``
    parents; ``double`` floats. Missing fields are nulls. The schema metadata
    records ``ordos_nlp.version`` and ``ordos_nlp.columns``.
    """
    pa = _require("pyarrow", "ordos_nlp.to_parquet()")
    from .version import __version__

    always = ("doc", "fact", "parents")
    fields = []
    for c in COLUMNS:
        if c in INT_COLUMNS:
            fields.append(pa.field(c, pa.int64(), nullable=c not in always))
        elif c == "parents":
            fields.append(pa.field(c, pa.list_(pa.string()), nullable=False))
        elif c in EXACT_COLUMNS:
            fields.append(pa.field(c, pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)))
        else:
            fields.append(pa.field(c, pa.string(), nullable=c not in always))
    fields += [pa.field(c, pa.float64()) for c in FLOAT_COLUMNS]
    fields += [pa.field(c, pa.string()) for c in FRACTION_COLUMNS]
    return pa.schema(fields, metadata={"ordos_nlp.version": __version__, "ordos_nlp.columns": "facts/2"})


class ParquetFactWriter(ParquetRowWriter):
    """Write fact rows to a Parquet file in row groups, without holding them all.

    >>> with ParquetFactWriter("facts.parquet") as w:          # doctest: +SKIP
    ...     w.write(fact_rows(ordos_nlp.extract(text)))
    """

    def __init__(self, path, row_group_size: int = 50_000):
        super().__init__(path, parquet_schema(), arrow_row, EXACT_COLUMNS, row_group_size)


def _check_kind(kind) -> None:
    if kind not in ("facts", "records"):
        raise ValueError(f"kind must be 'facts' or 'records', got {kind!r}")


def to_parquet(results, path, *, row_group_size: int = 50_000, kind: str = "facts") -> int:
    """Write the facts of ``results`` to a Parquet file at ``path``; returns the number of rows.

    ``kind="records"`` writes one row per statistical record instead
    (``ordos_nlp.record_tables.record_schema()``).

    Same input as :func:`to_frame`, consumed lazily (an ``extract_many()``
    iterator is never held in memory whole). Columns: :data:`COLUMNS` +
    :data:`FLOAT_COLUMNS` + :data:`FRACTION_COLUMNS`, with the types of
    :func:`parquet_schema` (exact numbers as decimals). ``pandas.read_parquet(path)``
    reads it, :func:`read_facts` reads it back as :func:`to_frame` gives it.

    Raises ``ImportError`` naming the ``tables`` extra when pyarrow is missing.
    """
    _check_kind(kind)
    if kind == "records":
        from .record_tables import ParquetRecordWriter, record_rows

        with ParquetRecordWriter(path, row_group_size=row_group_size) as writer:
            writer.write(record_rows(results))
        return writer.rows_written
    with ParquetFactWriter(path, row_group_size=row_group_size) as writer:
        writer.write(fact_rows(results))
    return writer.rows_written


# ---------------------------------------------------------------------------
# Reading back


def _exact(value) -> Any:
    """An exact number from any output: a decimal, a string such as "19234000000" or "1/3", or null."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    if isinstance(value, str):
        if "/" in value:
            return Fraction(value)
        d = Decimal(value)
        return int(d) if d == d.to_integral_value() and "." not in value and "e" not in value.lower() else d
    return value


def read_facts(path):
    """Read a facts file that ``to_parquet`` or ``ordos-nlp extract`` wrote back into a DataFrame.

    ``path``: a ``.parquet`` file (or a folder of parts written by an archive
    run), a ``.csv`` file or a JSON Lines file (``.jsonl``, ``.ndjson``, ``.json``).
    The result has the columns and types of :func:`to_frame`: exact numbers as
    ``Decimal``/``Fraction``/``int`` objects, ``adcode`` as text, ``parents`` as
    tuples, offsets as integers (pandas ``Int64`` when a ``fact`` = ``"none"`` row
    leaves them empty), plus the ``*_float`` columns. Columns the file adds
    (``file_sha256``, ``doc_date`` of an archive) are kept.

    Raises ``TypeError`` for a path that is not a ``str``/``os.PathLike``,
    ``ValueError`` for a file name whose extension is none of these.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"read_facts() expects a file path, got {type(path).__name__}")
    pd = _require("pandas", "ordos_nlp.read_facts()")
    name = os.fspath(path)
    suffix = os.path.splitext(name.rstrip("/"))[1].lower()
    if suffix == ".parquet" or os.path.isdir(name):
        _require("pyarrow", "ordos_nlp.read_facts()")
        raw = pd.read_parquet(name)
        for c, xc in zip(EXACT_COLUMNS, FRACTION_COLUMNS):
            if xc in raw.columns:
                raw[c] = [x if x is not None else _none(f) for x, f in zip(raw[c].tolist(), raw[xc].tolist())]
        raw = raw.drop(columns=[c for c in FRACTION_COLUMNS if c in raw.columns])
        parents = [tuple(p) if p is not None else () for p in raw["parents"].tolist()]
    elif suffix == ".csv":
        raw = pd.read_csv(name, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
        parents = [tuple(p.split()) if isinstance(p, str) else () for p in raw["parents"].tolist()]
    elif suffix in (".jsonl", ".ndjson", ".json"):
        raw = pd.read_json(name, lines=True, dtype=False)
        parents = [tuple(p) if isinstance(p, list) else () for p in raw["parents"].tolist()]
    else:
        raise ValueError(f"read_facts() reads .parquet, .csv, .jsonl/.ndjson/.json files, got {name!r}")
    data: dict[str, Any] = {}
    for c in COLUMNS:
        values = raw[c].tolist() if c in raw.columns else [None] * len(raw)
        values = [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]
        if c in INT_COLUMNS:
            ints = [None if v is None else int(v) for v in values]
            data[c] = pd.Series(ints, dtype="Int64" if None in ints else "int64")
        elif c in EXACT_COLUMNS:
            data[c] = pd.Series([_exact(v) for v in values], dtype="object")
        elif c == "parents":
            data[c] = pd.Series(parents, dtype="object")
        else:
            data[c] = pd.Series([None if v is None else str(v) for v in values], dtype="string")
    for c, fc in zip(EXACT_COLUMNS, FLOAT_COLUMNS):
        data[fc] = pd.Series([_float(x) for x in data[c]], dtype="float64")
    for c in raw.columns:
        if c not in data:
            data[c] = raw[c].reset_index(drop=True)
    return pd.DataFrame(data)


def _none(fraction: Optional[str]):
    return fraction if isinstance(fraction, str) else None
