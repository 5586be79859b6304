"""One partition on a worker: read its files, extract their facts, write its part file.

Runs in the Dask worker process. The pipeline is built once per process (``load()``
is cached) and runs ``nlp.pipe`` over the partition's short texts; long texts are
processed in pieces, as ``extract()`` does. A file that cannot be read, or whose
extraction raises, gets an error row; only an output error ends the task.
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
from .parts import MANIFEST_KEY, _ROW_GROUP, _replace, _Rows, _tmp_path, archive_schema

_BATCH_DOCS = 64
_BATCH_CHARS = 400_000
_LOCK = threading.Lock()  # one partition at a time per process: the pipeline is shared


def _status(path: str, doc_date: Optional[str]) -> dict[str, Any]:
    """The status row of a file, before it is read (the manifest entry of its part)."""
    return {
        "file": path, "bytes": None, "sha256": None, "encoding": None, "doc_date": doc_date,
        "sentences": None, "facts": None, "error": None,
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


class _Partition:
    def __init__(self, task: dict):
        self.task = task
        self._nlp = None
        self.schema = archive_schema()
        self.statuses: list[dict] = []
        self.pending: list = []  # finished files' tables, not yet written
        self.pending_rows = 0
        self.writer = None

    @property
    def nlp(self):
        if self._nlp is None:  # built once per process (load() is cached), when a text needs it
            from ..pipeline import load

            self._nlp = load()
        return self._nlp

    # -- output

    def emit(self, st: dict, rows: Optional[_Rows]) -> None:
        self.statuses.append(st)
        if rows is None:
            return
        tables = rows.finish()
        st["facts"] = rows.count
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

    # -- extraction

    def one(self, item) -> Optional[_Rows]:
        """The rows of one text, processed alone (long texts piece by piece, as extract() does)."""
        from ..api import chunk_bounds, _doc_for
        from ..doc_facts import sentences_from_doc

        doc_no, path, day, st, text = item
        nlp = self.nlp  # before chunk_bounds(): load() also quiets jieba's start-up messages
        rows = _Rows(self.schema, st["sha256"], day)
        n_sent = 0
        for start, end in chunk_bounds(text) if text else []:
            doc = nlp(_doc_for(nlp, text[start:end], day))
            sentences = [s.shifted(start) for s in sentences_from_doc(doc)]
            del doc
            rows.add(_rows_of(path, doc_no, sentences, n_sent))
            n_sent += len(sentences)
        st["sentences"] = n_sent
        return rows

    def safe_one(self, item) -> None:
        st = item[3]
        try:
            rows = self.one(item)
        except Exception as err:  # one bad text must not end a partition
            st["sentences"] = None
            st["error"] = f"{item[1]}: extraction failed: {type(err).__name__}: {err}"
            rows = None
        self.emit(st, rows)

    def batch(self, items: list) -> None:
        """Short texts through ``nlp.pipe``; from a failure on, one by one."""
        from ..api import _doc_for
        from ..doc_facts import sentences_from_doc

        docs = (_doc_for(self.nlp, it[4], it[2]) for it in items)
        results = zip(items, self.nlp.pipe(docs, batch_size=len(items)))
        for done in range(len(items)):
            try:  # only the pipeline's failures fall back: an output error ends the task
                (doc_no, path, day, st, _), doc = next(results)
                sentences = sentences_from_doc(doc)
                rows = _Rows(self.schema, st["sha256"], day)
                rows.add(_rows_of(path, doc_no, sentences))
            except Exception:
                for item in items[done:]:
                    self.safe_one(item)
                return
            st["sentences"] = len(sentences)
            self.emit(st, rows)

    def run(self) -> dict:
        import pyarrow.parquet as pq

        from ..api import CHUNK_CHARS

        task = self.task
        out, name = task["out"], task["name"]
        t0 = time.perf_counter()
        tmp = _tmp_path(out, name)
        try:
            self.writer = pq.ParquetWriter(tmp, self.schema)
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
            self.flush()
            for st in self.statuses:
                if st["error"] is None and st["facts"] is None:
                    st["facts"] = 0
            self.writer.add_key_value_metadata({MANIFEST_KEY: json.dumps(self.statuses, ensure_ascii=False)})
            self.writer.close()
            self.writer = None
            _replace(tmp, os.path.join(out, name))
        finally:
            if self.writer is not None:
                self.writer.close()
            if os.path.exists(tmp):
                os.remove(tmp)
        return {"name": name, "statuses": self.statuses, "seconds": time.perf_counter() - t0}


def _run_partition(task: dict) -> dict:
    """Process one partition and commit its part file; runs on a worker."""
    with _LOCK:
        return _Partition(task).run()
