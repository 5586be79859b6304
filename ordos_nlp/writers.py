"""The output formats of ``ordos-nlp extract``: JSON Lines, CSV, Parquet and the readable table.

Each writer takes documents one at a time (``document(doc, name, sentences)``) and
writes either their facts (one row per fact, ``ordos_nlp.tables.COLUMNS``; a
document without facts gets one ``fact`` = ``none`` row) or, with
``records=True``, their statistical records (one row per record,
``ordos_nlp.record_tables.RECORD_COLUMNS``).
"""

from __future__ import annotations

import csv
import json
import sys
from typing import IO, Iterator, Optional

STDOUT = "-"


class _Rows:
    """What one document gives a text format: column names, and JSON-ready rows."""

    def __init__(self, records: bool):
        self.records = records
        if records:
            from .record_tables import RECORD_COLUMNS

            self.columns = RECORD_COLUMNS
        else:
            from .tables import COLUMNS

            self.columns = COLUMNS

    def __call__(self, doc: int, name: str, sentences) -> Iterator[dict]:
        if self.records:
            from .record_tables import json_record_row, record_rows

            for row in record_rows([(name, sentences)]):
                row["doc"] = doc
                yield json_record_row(row)
            return
        from .tables import fact_rows, json_row

        for row in fact_rows([(name, sentences)], empty_docs=True):
            row["doc"] = doc
            yield json_row(row)


class _TextSink:
    def __init__(self, out: Optional[str], newline: Optional[str] = None):
        if out is None or out == STDOUT:
            self.stream: IO[str] = sys.stdout
            self._own = False
            if (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") != "utf8":
                try:
                    sys.stdout.reconfigure(encoding="utf-8")
                except (AttributeError, ValueError):  # pragma: no cover - an unusual stdout
                    pass
        else:
            self.stream = open(out, "w", encoding="utf-8", newline=newline)
            self._own = True

    def close(self) -> None:
        if self._own:
            self.stream.close()
        else:
            self.stream.flush()


class JsonlWriter(_TextSink):
    """One JSON object per fact (or record) and line."""

    def __init__(self, out: Optional[str], records: bool = False):
        super().__init__(out)
        self._rows = _Rows(records)

    def document(self, doc: int, name: str, sentences) -> None:
        for row in self._rows(doc, name, sentences):
            self.stream.write(json.dumps(row, ensure_ascii=False) + "\n")


class CsvWriter(_TextSink):
    """A header row, then one row per fact (or record); parents separated by spaces; empty cells for
    missing fields.

    UTF-8 with a byte-order mark unless ``bom=False`` (Excel then reads it as UTF-8);
    line breaks inside a fact's text are written as they are, inside quotes.
    """

    def __init__(self, out: Optional[str], bom: bool = True, records: bool = False):
        super().__init__(out, newline="")
        self._rows = _Rows(records)
        if bom:
            self.stream.write("\ufeff")
        self._csv = csv.writer(self.stream, lineterminator="\r\n")
        self._csv.writerow(self._rows.columns)

    def document(self, doc: int, name: str, sentences) -> None:
        columns = self._rows.columns
        for row in self._rows(doc, name, sentences):
            if "parents" in row:
                row["parents"] = " ".join(row["parents"])
            self._csv.writerow(["" if row[c] is None else row[c] for c in columns])


class TableWriter(_TextSink):
    """The readable per-sentence table of ``ordos_nlp.report``, with a heading per file when there are several."""

    def __init__(self, out: Optional[str], show_all: bool, several: bool, records: bool = False):
        super().__init__(out)
        self.show_all = show_all
        self.several = several
        self.records = records
        self.counts = {"documents": 0, "sentences": 0, "entities": 0, "quantities": 0, "dates": 0, "records": 0}

    def document(self, doc: int, name: str, sentences) -> None:
        from .report import format_records, format_table

        if self.several:
            self.stream.write(("\n" if doc else "") + f"== {name}\n")
        if self.records:
            table = format_records(sentences)
        else:
            table = format_table(sentences, only_with_facts=not self.show_all)
        if table:
            self.stream.write(table + "\n")
        elif self.several:
            self.stream.write("(no records)\n" if self.records else "(no facts)\n")
        self.counts["documents"] += 1
        self.counts["sentences"] += len(sentences)
        for k in ("entities", "quantities", "dates", "records"):
            self.counts[k] += sum(len(getattr(s, k, ())) for s in sentences)

    def close(self) -> None:
        c = self.counts
        docs = f"{c['documents']} files, " if self.several else ""
        what = (f"{c['records']} records" if self.records
                else f"{c['entities']} entities, {c['quantities']} quantities, {c['dates']} dates")
        self.stream.write(f"\n{docs}{c['sentences']} sentences, {what}\n")
        super().close()


class ParquetWriter:
    """Parquet with the schema of ``ordos_nlp.tables.parquet_schema()`` (or ``record_tables.record_schema()``)."""

    def __init__(self, out: str, records: bool = False):
        self.records = records
        if records:
            from .record_tables import ParquetRecordWriter

            self._w = ParquetRecordWriter(out)
        else:
            from .tables import ParquetFactWriter

            self._w = ParquetFactWriter(out)

    def document(self, doc: int, name: str, sentences) -> None:
        if self.records:
            from .record_tables import record_rows

            rows = list(record_rows([(name, sentences)]))
        else:
            from .tables import fact_rows

            rows = list(fact_rows([(name, sentences)], empty_docs=True))
        for row in rows:
            row["doc"] = doc
        self._w.write(rows)

    def close(self) -> None:
        self._w.close()
