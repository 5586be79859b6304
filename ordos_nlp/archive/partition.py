"""One partition on a worker: read its files, extract their facts and records, write its parts.

Runs in the Dask worker process. The pipeline is built once per process (``load()``
is cached) and runs ``nlp.pipe`` over the partition's short texts; long texts are
processed in pieces, as ``extract()`` does. A file that cannot be read, or whose
extraction raises, gets an error row; only an output error ends the task. The
records part is committed before the facts part (:mod:`ordos_nlp.archive.parts`).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
import time
from datetime import date
from typing import Any, Iterable, Optional

from ..files import missing_message
from .parts import (
    MANIFEST_KEY,
    _ROW_GROUP,
    _replace,
    _Rows,
    _tmp_path,
    archive_records_schema,
    archive_schema,
    records_folder,
)

_BATCH_DOCS = 64
_BATCH_CHARS = 400_000
_LOCK = threading.Lock()  # one partition at a time per process: the pipeline is shared


def _status(path: str, doc_date: Optional[str]) -> dict[str, Any]:
    """The status row of a file, before it is read (the manifest entry of its part)."""
    return {
        "file": path, "bytes": None, "sha256": None, "encoding": None, "doc_date": doc_date,
        "sentences": None, "facts": None, "records": None, "error": None,
    }


def _sha256_file(path: str) -> Optional[str]:
    """The hex SHA-256 of a file's bytes, read in blocks; ``None`` when it cannot be read."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _read(path: str, st: dict, encoding: Optional[str], max_bytes: Optional[int]) -> Optional[str]:
    """The text of ``path``, filling ``st``; ``None`` (with ``st['error']`` set) when it cannot be had."""
    from ..io import UndecodableFileError, decode_bytes

    try:
        info = os.stat(path)
        size = info.st_size
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            st["error"] = f"{path}: not a regular file"
            return None
        if max_bytes is not None and size > max_bytes:
            st["bytes"] = size
            st["sha256"] = _sha256_file(path)
            st["error"] = f"{path}: too large ({size} bytes; max_file_bytes is {max_bytes})"
            return None
        with open(path, "rb") as f:
            data = f.read()
        st["bytes"] = len(data)
        st["sha256"] = hashlib.sha256(data).hexdigest()
        text, st["encoding"] = decode_bytes(data, name=path, encoding=encoding)
        return text
    except UndecodableFileError as err:
        st["error"] = str(err)
    except FileNotFoundError:
        st["error"] = missing_message(path)
    except OSError as err:
        st["error"] = f"{path}: {err.strerror or err}"
    except (ValueError, LookupError) as err:  # an unknown forced encoding
        st["error"] = f"{path}: {err}"
    return None


def _rows_of(path: str, doc: int, sentences, base: int = 0) -> Iterable[dict]:
    from ..tables import fact_rows

    for row in fact_rows([(path, sentences)]):
        row["doc"] = doc
        row["sentence"] += base
        yield row


def _record_rows_of(path: str, doc: int, sentences, base: int = 0) -> Iterable[dict]:
    from ..record_tables import record_rows

    for row in record_rows([(path, sentences)]):
        row["doc"] = doc
        row["sentence"] += base
        yield row


class _File:
    """The fact rows and the record rows of one file, as they are found."""

    def __init__(self, facts_schema, records_schema, sha: str, day: Optional[date]):
        from ..record_tables import arrow_record_row
        from ..tables import arrow_row

        self.facts = _Rows(facts_schema, sha, day, arrow_row)
        self.records = _Rows(records_schema, sha, day, arrow_record_row)

    def add(self, path: str, doc: int, sentences, base: int = 0) -> None:
        self.facts.add(_rows_of(path, doc, sentences, base))
        self.records.add(_record_rows_of(path, doc, sentences, base))


class _Output:
    """One Parquet file being written in row groups: finished files' tables wait in ``pending``."""

    def __init__(self, folder: str, name: str, schema):
        import pyarrow.parquet as pq

        os.makedirs(folder, exist_ok=True)
        self.final = os.path.join(folder, name)
        self.tmp = _tmp_path(folder, name)
        self.writer = pq.ParquetWriter(self.tmp, schema)
        self.pending: list = []
        self.pending_rows = 0

    def add(self, rows: _Rows) -> None:
        tables = rows.finish()
        self.pending.extend(t for t in tables if t.num_rows)
        self.pending_rows += rows.count
        if self.pending_rows >= _ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        import pyarrow as pa

        self.writer.write_table(pa.concat_tables(self.pending), row_group_size=_ROW_GROUP * 4)
        self.pending = []
        self.pending_rows = 0

    def commit(self, metadata: Optional[dict] = None) -> None:
        self.flush()
        if metadata:
            self.writer.add_key_value_metadata(metadata)
        self.writer.close()
        self.writer = None
        _replace(self.tmp, self.final)

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if os.path.exists(self.tmp):
            os.remove(self.tmp)


class _Partition:
    def __init__(self, task: dict):
        self.task = task
        self._nlp = None
        self.schema = archive_schema()
        self.records_schema = archive_records_schema()
        self.statuses: list[dict] = []
        self.facts: Optional[_Output] = None
        self.records: Optional[_Output] = None

    @property
    def nlp(self):
        if self._nlp is None:  # built once per process (load() is cached), when a text needs it
            from ..pipeline import load

            self._nlp = load()
        return self._nlp

    # -- output

    def emit(self, st: dict, found: Optional[_File]) -> None:
        self.statuses.append(st)
        if found is None:
            return
        self.facts.add(found.facts)
        self.records.add(found.records)
        st["facts"] = found.facts.count
        st["records"] = found.records.count

    def new_file(self, st: dict, day: Optional[date]) -> _File:
        return _File(self.schema, self.records_schema, st["sha256"], day)

    # -- extraction

    def one(self, item) -> Optional[_File]:
        """The rows of one text, processed alone (long texts piece by piece, as extract() does)."""
        from ..api import _sentence_pieces

        doc_no, path, day, st, text = item
        nlp = self.nlp  # before the pieces are cut: load() also quiets jieba's start-up messages
        found = self.new_file(st, day)
        n_sent = 0
        for _, sentences in _sentence_pieces(nlp, text, day, self.task.get("doc_place"), self.task.get("doc_period")):
            found.add(path, doc_no, sentences, n_sent)
            n_sent += len(sentences)
        st["sentences"] = n_sent
        return found

    def safe_one(self, item) -> None:
        st = item[3]
        try:
            found = self.one(item)
        except Exception as err:  # one bad text must not end a partition
            st["sentences"] = None
            st["error"] = f"{item[1]}: extraction failed: {type(err).__name__}: {err}"
            found = None
        self.emit(st, found)

    def batch(self, items: list) -> None:
        """Short texts through ``nlp.pipe``; from a failure on, one by one."""
        from ..api import _doc_for
        from ..doc_facts import sentences_from_doc

        place, period = self.task.get("doc_place"), self.task.get("doc_period")
        docs = (_doc_for(self.nlp, it[4], it[2], place, period) for it in items)
        results = zip(items, self.nlp.pipe(docs, batch_size=len(items)))
        for done in range(len(items)):
            try:  # only the pipeline's failures fall back: an output error ends the task
                (doc_no, path, day, st, _), doc = next(results)
                sentences = sentences_from_doc(doc)
                found = self.new_file(st, day)
                found.add(path, doc_no, sentences)
            except Exception:
                for item in items[done:]:
                    self.safe_one(item)
                return
            st["sentences"] = len(sentences)
            self.emit(st, found)

    def run(self) -> dict:
        from ..api import CHUNK_CHARS

        task = self.task
        out, name = task["out"], task["name"]
        t0 = time.perf_counter()
        try:
            self.records = _Output(records_folder(out), name, self.records_schema)
            self.facts = _Output(out, name, self.schema)
            batch: list = []
            chars = 0
            for doc_no, path, day_iso in task["files"]:
                st = _status(path, day_iso)
                text = _read(path, st, task.get("encoding"), task.get("max_file_bytes"))
                if text is None:
                    self.emit(st, None)
                    continue
                day = date.fromisoformat(day_iso) if day_iso else None
                item = (doc_no, path, day, st, text)
                if 0 < len(text) <= CHUNK_CHARS:
                    batch.append(item)
                    chars += len(text)
                    if len(batch) >= _BATCH_DOCS or chars >= _BATCH_CHARS:
                        self.batch(batch)
                        batch, chars = [], 0
                else:
                    if batch:
                        self.batch(batch)
                        batch, chars = [], 0
                    self.safe_one(item)
            if batch:
                self.batch(batch)
            for st in self.statuses:
                if st["error"] is None and st["facts"] is None:
                    st["facts"] = st["records"] = 0
            self.records.commit()  # first: the facts part's manifest says that both are done
            self.facts.commit({MANIFEST_KEY: json.dumps(self.statuses, ensure_ascii=False)})
        finally:
            for output in (self.facts, self.records):
                if output is not None:
                    output.discard()
        return {"name": name, "statuses": self.statuses, "seconds": time.perf_counter() - t0}


def _run_partition(task: dict) -> dict:
    """Process one partition and commit its records part, then its facts part; runs on a worker."""
    with _LOCK:
        return _Partition(task).run()
