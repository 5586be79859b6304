"""Archives at scale: years of newspaper files on a Dask cluster, resumable, nothing lost.

:func:`extract_archive` reads text files (any encoding :func:`ordos_nlp.read_text_file`
reads) in partitions of about ``partition_size`` bytes, one Dask task per partition.
Each worker process builds the pipeline once (``ordos_nlp.load()`` is cached per
process) and runs it over the partition's texts with ``nlp.pipe``. The output is a
folder::

    facts.parquet/
        part-<run>-<seq>-v<k>.parquet   facts of one partition (one row per fact)
        _status.csv                     one row per input file: bytes, sha256, facts, error
        _lock                           while a run writes here

``pandas.read_parquet("facts.parquet")`` (or ``dask.dataframe.read_parquet``) reads
the facts: the columns of :func:`ordos_nlp.to_parquet` plus ``file_sha256`` and
``doc_date``. Each part file is written to a hidden temporary file and renamed into
place, and carries in its footer the manifest of the files it holds (path, sha256,
counts, error): a part is there whole or not at all, and so is the record that its
files are done. A run that is killed and started again skips the files already done
(same path, same content hash), redoes files whose content changed and files that
failed, and leaves each file's facts in the dataset exactly once.

Every input file ends with either its facts or an error row naming it: undecodable
and oversized files, files that cannot be read and files whose processing raised or
killed a worker process are recorded in ``_status.csv`` and never end the run.
"""

from __future__ import annotations

import concurrent.futures
import csv
import hashlib
import json
import math
import os
import re
import socket
import stat
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Callable, Iterable, Optional, Union

from .files import date_from_path, find_files, missing_message

__all__ = [
    "extract_archive",
    "ArchiveResult",
    "read_status",
    "date_from_path",
    "archive_schema",
    "parse_size",
    "local_cluster",
    "STATUS_COLUMNS",
    "EXTRA_COLUMNS",
    "DEFAULT_PARTITION_SIZE",
    "DEFAULT_MAX_FILE_BYTES",
]

PathLike = Union[str, "os.PathLike[str]"]

#: The largest partition (input bytes of one Dask task and part file) chosen by default;
#: smaller archives get smaller partitions, at least 8 per worker thread (and 32 KiB).
DEFAULT_PARTITION_SIZE = 1 << 20
_MIN_PARTITION = 32 << 10
_PARTITIONS_PER_THREAD = 8
#: Files larger than this get an error row instead of being read (``max_file_bytes``).
DEFAULT_MAX_FILE_BYTES = 32 << 20
#: The columns the archive adds to those of :func:`ordos_nlp.to_parquet`.
EXTRA_COLUMNS = ("file_sha256", "doc_date")
#: The columns of ``_status.csv`` and :func:`read_status`.
STATUS_COLUMNS = ("file", "bytes", "sha256", "encoding", "doc_date", "sentences", "facts", "error", "part")

#: Environment of the worker processes of the local cluster (``None``: unset). ``distributed``
#: sets ``MALLOC_TRIM_THRESHOLD_=65536`` to hand memory back early; with this pipeline that
#: means millions of page faults and about 30% more time. glibc's own settings, with one
#: malloc arena (the task thread's allocations then share the main heap), cost about 20 MB
#: more per worker instead of 70.
WORKER_ENV = {"MALLOC_TRIM_THRESHOLD_": None, "MALLOC_ARENA_MAX": "1"}

STATUS_FILE = "_status.csv"
LOCK_FILE = "_lock"
MANIFEST_KEY = b"ordos_nlp.archive.files"
FORMAT = "ordos_nlp.archive/1"

_PART_RE = re.compile(r"^part-(?P<pid>\d{8}T\d{6}\d{6}Z-[0-9a-f]{6}-\d{6})-v(?P<version>\d+)\.parquet$")
_TMP_PREFIX = "."
_TMP_SUFFIX = ".tmp"
_ROW_GROUP = 20_000
_BATCH_DOCS = 64
_BATCH_CHARS = 400_000


# ---------------------------------------------------------------------------
# Small helpers


def parse_size(value: Union[int, str]) -> int:
    """Bytes from ``1048576``, ``"1MB"``, ``"512 KiB"``, ``"2.5M"`` (K/M/G are powers of 1024)."""
    if isinstance(value, bool):
        raise TypeError("a size must be an int or a string such as '4MB'")
    if isinstance(value, int):
        n = value
    elif isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", value, re.I)
        if not m:
            raise ValueError(f"not a size: {value!r} (e.g. 1048576, 512KB, 4MB)")
        n = int(float(m.group(1)) * 1024 ** " kmgt".index((m.group(2) or " ").lower()))
    else:
        raise TypeError(f"a size must be an int or a string such as '4MB', got {type(value).__name__}")
    if n < 1:
        raise ValueError(f"a size must be positive, got {value!r}")
    return n


def _sha256_file(path: str) -> Optional[str]:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def _fsync(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - a filesystem without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _replace(tmp: str, final: str) -> None:
    """Make ``tmp`` visible as ``final`` in one step, durably."""
    _fsync(tmp)
    os.replace(tmp, final)
    _fsync(os.path.dirname(final) or ".")


def _tmp_path(out: str, name: str) -> str:
    return os.path.join(out, f"{_TMP_PREFIX}{name}.{uuid.uuid4().hex[:8]}{_TMP_SUFFIX}")  # hidden: no reader lists it


# ---------------------------------------------------------------------------
# The schema


def archive_schema():
    """The Arrow schema of the part files: :func:`ordos_nlp.tables.parquet_schema` plus
    ``file_sha256`` (string, the hex SHA-256 of the file's bytes) and ``doc_date``
    (date32, the publication date used, null when none)."""
    from .tables import _require, parquet_schema

    pa = _require("pyarrow", "ordos_nlp.archive")
    base = parquet_schema()
    fields = list(base)
    fields[fields.index(base.field("file"))] = pa.field("file", pa.string(), nullable=False)
    fields += [pa.field("file_sha256", pa.string(), nullable=False), pa.field("doc_date", pa.date32())]
    meta = dict(base.metadata or {})
    meta[b"ordos_nlp.archive"] = FORMAT.encode()
    return pa.schema(fields, metadata=meta)


_EPOCH = date(1970, 1, 1)


def _json_schema(schema):
    """``schema`` as ``pyarrow.json`` reads it: ``doc_date`` as a day number (cast afterwards)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, pa.int32() if f.name == "doc_date" else f.type) for f in schema])


class _Rows:
    """Fact rows of one file, kept as compact Arrow tables until the file is finished.

    Rows go to Arrow through JSON Lines and ``pyarrow.json``: as fast as ``pa.array`` on
    lists, and without importing pandas (``pa.array`` does: about 40 MB per worker).
    """

    def __init__(self, schema, sha: str, doc_date: Optional[date]):
        self.schema = schema
        self.sha = sha
        self.days = None if doc_date is None else (doc_date - _EPOCH).days
        self.tables: list = []
        self.count = 0
        self._lines: list[str] = []

    def add(self, rows: Iterable[dict]) -> None:
        from .facts import number_to_str
        from .tables import COLUMNS, EXACT_COLUMNS

        for row in rows:
            d = {c: row[c] for c in COLUMNS}
            for c in EXACT_COLUMNS:
                v = row[c]
                d[c] = number_to_str(v)
                f = None if v is None else float(v)
                d[f"{c}_float"] = f if f is None or math.isfinite(f) else None
            d["parents"] = list(row["parents"])
            d["file_sha256"] = self.sha
            d["doc_date"] = self.days
            self._lines.append(json.dumps(d, ensure_ascii=False))
            if len(self._lines) >= _ROW_GROUP:
                self._convert()

    def _convert(self) -> None:
        if not self._lines:
            return
        import io

        import pyarrow as pa
        import pyarrow.json as pj

        data = "\n".join(self._lines).encode("utf-8")
        table = pj.read_json(
            io.BytesIO(data),
            read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1),
            parse_options=pj.ParseOptions(explicit_schema=_json_schema(self.schema), unexpected_field_behavior="error"),
        )
        i = table.schema.get_field_index("doc_date")
        table = table.set_column(i, "doc_date", table.column(i).cast(pa.date32())).cast(self.schema)
        self.tables.append(table)
        self.count += table.num_rows
        self._lines = []

    def finish(self) -> list:
        self._convert()
        return self.tables


# ---------------------------------------------------------------------------
# The worker side: one partition → one part file


_LOCK = threading.Lock()  # one partition at a time per process: the pipeline is shared


def _status(path: str, doc_date: Optional[str]) -> dict[str, Any]:
    return {
        "file": path, "bytes": None, "sha256": None, "encoding": None, "doc_date": doc_date,
        "sentences": None, "facts": None, "error": None,
    }


def _read(path: str, st: dict, encoding: Optional[str], max_bytes: Optional[int]) -> Optional[str]:
    """The text of ``path``, filling ``st``; ``None`` (with ``st['error']`` set) when it cannot be had."""
    from .io import UndecodableFileError, decode_bytes

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
    from .tables import fact_rows

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
            from .pipeline import load

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
        from .api import chunk_bounds, _doc_for
        from .doc_facts import sentences_from_doc

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
        from .api import _doc_for
        from .doc_facts import sentences_from_doc

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

        from .api import CHUNK_CHARS

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


def _write_error_part(out: str, name: str, statuses: list[dict]) -> None:
    """A part with no facts, only the error rows of ``statuses`` (written by the client)."""
    import pyarrow.parquet as pq

    tmp = _tmp_path(out, name)
    try:
        w = pq.ParquetWriter(tmp, archive_schema())
        w.add_key_value_metadata({MANIFEST_KEY: json.dumps(statuses, ensure_ascii=False)})
        w.close()
        _replace(tmp, os.path.join(out, name))
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def _worker_info() -> dict:
    import resource

    from . import __version__

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"version": __version__, "pid": os.getpid(), "maxrss_kb": usage.ru_maxrss,
            "cpu_s": usage.ru_utime + usage.ru_stime}


def _warm() -> int:
    """Build the pipeline and run it once (jieba reads its dictionary on first use)."""
    from .api import extract

    extract("鄂尔多斯市今年一季度授信192.34亿元。")
    return os.getpid()


# ---------------------------------------------------------------------------
# The manifest: what the part files hold


def _part_name(pid: str, version: int = 1) -> str:
    return f"part-{pid}-v{version}.parquet"


def _read_manifest(path: str) -> list[dict]:
    import pyarrow.parquet as pq

    meta = pq.read_metadata(path).metadata or {}
    return json.loads(meta[MANIFEST_KEY].decode("utf-8"))


def _status_cache(out: str) -> dict[str, list[dict]]:
    """``{part name: [status rows]}`` from ``_status.csv`` (may be stale or missing)."""
    path = os.path.join(out, STATUS_FILE)
    by_part: dict[str, list[dict]] = {}
    try:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                st = {c: (row.get(c) or None) for c in STATUS_COLUMNS}
                for c in ("bytes", "sentences", "facts"):
                    st[c] = None if st[c] is None else int(st[c])
                by_part.setdefault(st.pop("part"), []).append(st)
    except (OSError, ValueError, csv.Error, TypeError):
        return {}
    return by_part


def _scan(out: str, clean: bool) -> dict[str, tuple[str, list[dict]]]:
    """``{pid: (part name, statuses)}`` for the part files in ``out``.

    With ``clean``, temporary files and older versions of a rewritten part are
    deleted. Statuses come from ``_status.csv`` where it knows the part, else from
    the part's footer; unreadable parts are treated as absent (and deleted with
    ``clean``: their files are then redone).
    """
    versions: dict[str, list[tuple[int, str]]] = {}
    for entry in os.scandir(out):
        name = entry.name
        if name.startswith(_TMP_PREFIX) and name.endswith(_TMP_SUFFIX):
            if clean:
                _remove(entry.path)
            continue
        m = _PART_RE.match(name)
        if m:
            versions.setdefault(m.group("pid"), []).append((int(m.group("version")), name))
    cache = _status_cache(out)
    parts: dict[str, tuple[str, list[dict]]] = {}
    for pid, found in versions.items():
        found.sort()
        name = found[-1][1]
        if clean:
            for _, older in found[:-1]:
                _remove(os.path.join(out, older))
        statuses = cache.get(name)
        if statuses is None:
            try:
                statuses = _read_manifest(os.path.join(out, name))
            except Exception:  # a part that is not ours or is damaged
                if clean:
                    _remove(os.path.join(out, name))
                continue
        parts[pid] = (name, statuses)
    return parts


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _winners(parts: dict[str, tuple[str, list[dict]]]) -> tuple[dict[str, dict], dict[str, set[str]]]:
    """The latest status per file, and ``{pid: files}`` of older entries that still hold facts."""
    latest: dict[str, tuple[str, dict]] = {}
    superseded: dict[str, set[str]] = {}
    for pid in sorted(parts):
        name, statuses = parts[pid]
        for st in statuses:
            prev = latest.get(st["file"])
            if prev is not None and (prev[1].get("facts") or 0) > 0:
                superseded.setdefault(prev[0], set()).add(st["file"])
            latest[st["file"]] = (pid, dict(st, part=name))
    return {f: st for f, (_, st) in latest.items()}, superseded


def _rewrite_without(out: str, pid: str, name: str, statuses: list[dict], drop: set[str]) -> Optional[tuple[str, list[dict]]]:
    """Write the next version of a part without the files in ``drop``; then delete the old one."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    keep = [st for st in statuses if st["file"] not in drop]
    old = os.path.join(out, name)
    if not keep:
        _remove(old)
        return None
    version = int(_PART_RE.match(name).group("version")) + 1
    new_name = _part_name(pid, version)
    table = pq.ParquetFile(old).read()
    table = table.filter(pc.invert(pc.is_in(table["file"], value_set=pa.array(sorted(drop), pa.string()))))
    schema = archive_schema()
    tmp = _tmp_path(out, new_name)
    try:
        w = pq.ParquetWriter(tmp, schema)
        w.write_table(table.cast(schema), row_group_size=_ROW_GROUP * 4)
        w.add_key_value_metadata({MANIFEST_KEY: json.dumps(keep, ensure_ascii=False)})
        w.close()
        _replace(tmp, os.path.join(out, new_name))
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    _remove(old)
    return new_name, keep


def _reconcile(out: str, drop: frozenset = frozenset()) -> dict[str, dict]:
    """Clean up and deduplicate ``out``; returns the latest status per file.

    Older entries of a file that still hold facts (a file redone after a change, or
    done twice by a run killed and restarted while its last task was still running)
    and the entries of the files in ``drop`` are removed from their parts, so that
    every file's facts are in the dataset at most once.
    """
    parts = _scan(out, clean=True)
    _, superseded = _winners(parts)
    for pid, (name, statuses) in list(parts.items()):
        remove = set(superseded.get(pid, ()))
        remove |= {st["file"] for st in statuses if st["file"] in drop and (st.get("facts") or 0) > 0}
        if remove:
            rewritten = _rewrite_without(out, pid, name, statuses, remove)
            if rewritten is None:
                del parts[pid]
            else:
                parts[pid] = rewritten
    latest = _winners(parts)[0]
    live = {st["part"] for st in latest.values()}
    for pid, (name, _) in parts.items():
        if name not in live:  # every entry redone since (old error rows): nothing to keep
            _remove(os.path.join(out, name))
    return latest


def _write_status(out: str, latest: dict[str, dict]) -> str:
    path = os.path.join(out, STATUS_FILE)
    tmp = _tmp_path(out, STATUS_FILE)
    try:
        with open(tmp, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(STATUS_COLUMNS)
            for file in sorted(latest):
                st = latest[file]
                w.writerow(["" if st.get(c) is None else st[c] for c in STATUS_COLUMNS])
        _replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def read_status(out: PathLike):
    """The status table of an archive output folder as a pandas DataFrame, one row per file.

    Columns :data:`STATUS_COLUMNS`: ``file`` (absolute path), ``bytes``, ``sha256``,
    ``encoding``, ``doc_date``, ``sentences``, ``facts``, ``error`` (``<NA>`` when the
    file was processed), ``part`` (the part file holding its facts). Read from the
    part files themselves, so it is exact also after a run that was killed.
    """
    from .tables import _require

    pd = _require("pandas", "ordos_nlp.archive.read_status()")
    out = os.fspath(out)
    if not os.path.isdir(out):
        raise FileNotFoundError(f"{out}: no such archive output folder")
    latest, _ = _winners(_scan(out, clean=False))
    rows = [latest[f] for f in sorted(latest)]
    frame = pd.DataFrame({c: [r.get(c) for r in rows] for c in STATUS_COLUMNS})
    for c in ("bytes", "sentences", "facts"):
        frame[c] = frame[c].astype("Int64")
    for c in ("file", "sha256", "encoding", "doc_date", "error", "part"):
        frame[c] = frame[c].astype("string")
    return frame


# ---------------------------------------------------------------------------
# The lock: one run per output folder


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Lock:
    def __init__(self, out: str):
        self.path = os.path.join(out, LOCK_FILE)
        self.held = False

    def __enter__(self):
        me = {"host": socket.gethostname(), "pid": os.getpid(), "since": datetime.now(timezone.utc).isoformat()}
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    with open(self.path, encoding="utf-8") as f:
                        other = json.load(f)
                except (OSError, ValueError):
                    other = {}
                if other.get("host") == me["host"] and isinstance(other.get("pid"), int) and not _pid_alive(other["pid"]):
                    _remove(self.path)  # left by a run that was killed
                    continue
                raise RuntimeError(
                    f"{os.path.dirname(self.path)} is being written by another run "
                    f"(host {other.get('host')}, process {other.get('pid')}, since {other.get('since')}); "
                    f"if that run is gone, delete {self.path}"
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(me, f)
            self.held = True
            return self
        raise RuntimeError(f"cannot take the lock {self.path}")  # pragma: no cover

    def __exit__(self, *exc):
        if self.held:
            _remove(self.path)
            self.held = False


# ---------------------------------------------------------------------------
# The client side


@dataclass
class ArchiveResult:
    """What :func:`extract_archive` did.

    ``files``: input files; ``skipped``: already done by an earlier run (same path and
    content); ``processed``: done by this run (``failed`` of them with an error row);
    ``facts``: fact rows written by this run; ``total_facts``: rows in the dataset;
    ``errors``: ``(file, message)`` of this run's error rows.
    """

    out: str
    files: int
    skipped: int
    processed: int
    failed: int
    facts: int
    total_facts: int
    seconds: float
    errors: list
    status_path: str

    @property
    def ok(self) -> bool:
        return self.failed == 0


def _inputs(inputs, pattern: str) -> list[str]:
    """The absolute paths of the input files, sorted: those :func:`find_files` finds, and the
    missing ones (each gets its error row)."""
    found = find_files(inputs, pattern)
    return sorted({os.path.abspath(p) for p in (*found.files, *found.missing)})


def _sizes(files: list[str]) -> list[int]:
    out = []
    for f in files:
        try:
            out.append(os.stat(f).st_size)
        except OSError:
            out.append(0)
    return out


def _partitions(files: list[tuple[int, str, Optional[str]]], sizes: list[int], partition_size: int) -> list[list]:
    """Consecutive files in partitions of about ``partition_size`` bytes, largest first
    (the longest tasks start first, so that no worker is left with one at the end)."""
    parts: list[tuple[int, list]] = []
    current: list = []
    size = 0
    for item, n in zip(files, sizes):
        if current and size + n > partition_size:
            parts.append((size, current))
            current, size = [], 0
        current.append(item)
        size += n
    if current:
        parts.append((size, current))
    parts.sort(key=lambda p: -p[0])  # stable: equal sizes keep path order
    return [p for _, p in parts]


def _auto_partition_size(total_bytes: int, threads: int) -> int:
    return max(_MIN_PARTITION, min(DEFAULT_PARTITION_SIZE, total_bytes // (max(1, threads) * _PARTITIONS_PER_THREAD)))


def _doc_dates(files: list[str], doc_date_from, doc_date: Optional[date]) -> list[Optional[str]]:
    out = []
    for f in files:
        d = None
        if doc_date_from == "filename":
            d = date_from_path(f)
        elif callable(doc_date_from):
            d = doc_date_from(f)
            if d is not None and not isinstance(d, date):
                raise TypeError(f"doc_date_from({f!r}) returned {type(d).__name__}, not a datetime.date or None")
        if d is None:
            d = doc_date
        out.append(d.isoformat() if d else None)
    return out


def _open_client(client, workers: Optional[int]):
    """``(client, owned)``: the given client, one connected to a scheduler address, or a local cluster."""
    try:
        from distributed import Client
    except ImportError as err:
        raise ImportError(
            "extract_archive() needs dask.distributed, which is in the 'archive' extra: pip install 'ordos-nlp[archive]'"
        ) from err
    if client is None:
        cluster = local_cluster(workers)
        return Client(cluster), [cluster]
    if isinstance(client, str):
        return Client(client), []
    return client, None


def local_cluster(workers: Optional[int] = None, **kwargs):
    """The ``distributed.LocalCluster`` that :func:`extract_archive` starts without a client:
    ``workers`` processes (default: one per CPU) of one thread, with :data:`WORKER_ENV`."""
    import dask
    from distributed import LocalCluster

    env = {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in WORKER_ENV.items()}
    options = dict(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                   dashboard_address=":0", silence_logs=40)
    options.update(kwargs)
    with dask.config.set(env):
        return LocalCluster(**options)


def _close(client, owned) -> None:
    if owned is None:
        return
    client.close()
    for cluster in owned:
        cluster.close()


def _check_workers(client) -> int:
    """Check that the workers run this version of ordos_nlp; returns their number of threads."""
    from . import __version__

    try:
        info = client.run(_worker_info)
    except Exception as err:
        raise RuntimeError(
            f"the Dask workers cannot run ordos_nlp ({type(err).__name__}: {err}): "
            "install the package (the same version) on every worker"
        ) from err
    versions = {v["version"] for v in info.values()}
    if versions - {__version__}:
        raise RuntimeError(
            f"the Dask workers run ordos_nlp {', '.join(sorted(versions))}, this process {__version__}: "
            "install the same version everywhere"
        )
    try:
        return sum(client.nthreads().values()) or 1
    except Exception:  # pragma: no cover - an unusual scheduler
        return max(1, len(info))


def extract_archive(
    inputs,
    out: PathLike,
    *,
    client=None,
    partition_size: Union[None, int, str] = None,
    doc_date_from: Union[None, str, Callable[[str], Optional[date]]] = None,
    workers: Optional[int] = None,
    doc_date: Optional[date] = None,
    glob: str = "*.txt",
    encoding: Optional[str] = None,
    max_file_bytes: Optional[int] = DEFAULT_MAX_FILE_BYTES,
    progress: Optional[Callable[[int, int], None]] = None,
) -> ArchiveResult:
    """Extract the facts of many text files on Dask into a resumable Parquet dataset.

    ``inputs``: a path, folder or glob pattern, or a list of them (folders are searched
    recursively for ``glob``). ``out``: the output folder (created; a run resumes what
    is there). ``client``: a ``distributed.Client`` or a scheduler address
    (``"tcp://host:8786"``); ``None`` starts a local cluster of ``workers`` processes
    (default: one per CPU), one thread each, and closes it at the end.
    ``partition_size``: input bytes per task and part file (``1048576`` or ``"1MB"``;
    default: 1 MiB, less for small archives so that each worker thread gets about 8).
    ``doc_date_from="filename"`` takes each file's publication date from its name
    (:func:`date_from_path`), or pass a function ``path -> date | None``; ``doc_date``
    is the date for files without one. ``encoding`` forces one codec;
    files above ``max_file_bytes`` (``None``: no limit) get an error row.
    ``progress(done, total)`` is called as partitions finish (files of this run).

    Files already done (same absolute path, same SHA-256) are skipped; files that
    failed before are tried again. Returns an :class:`ArchiveResult`.
    """
    if doc_date_from is not None and doc_date_from != "filename" and not callable(doc_date_from):
        raise ValueError(f"doc_date_from must be None, 'filename' or a function, got {doc_date_from!r}")
    if doc_date is not None and not isinstance(doc_date, date):
        raise TypeError(f"doc_date must be a datetime.date or None, got {type(doc_date).__name__}")
    if workers is not None:
        if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
            raise ValueError(f"workers must be a positive int, got {workers!r}")
        if client is not None:
            raise ValueError("workers sizes the local cluster; with client=…, size that cluster instead")
    if partition_size is not None:
        partition_size = parse_size(partition_size)
    if max_file_bytes is not None:
        max_file_bytes = parse_size(max_file_bytes)
    out = os.path.abspath(os.fspath(out))
    if os.path.exists(out) and not os.path.isdir(out):
        raise FileExistsError(f"{out}: exists and is not a folder (the archive output is a folder of part files)")
    t0 = time.perf_counter()
    inside = out + os.sep
    files = [f for f in _inputs(inputs, glob) if not f.startswith(inside)]  # never the output's own files
    os.makedirs(out, exist_ok=True)
    with _Lock(out):
        latest = _reconcile(out)
        # files done before: same path and same content are skipped; changed ones are redone
        known = [f for f in files if f in latest and latest[f].get("error") is None and latest[f].get("sha256")]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            hashes = dict(zip(known, pool.map(_sha256_file, known)))
        skip = {f for f in known if hashes[f] == latest[f]["sha256"]}
        stale = frozenset(f for f in known if f not in skip)
        if stale:
            latest = _reconcile(out, drop=stale)
        todo = [f for f in files if f not in skip]
        position = {f: i for i, f in enumerate(files)}
        dates = _doc_dates(todo, doc_date_from, doc_date)
        items = [(position[f], f, d) for f, d in zip(todo, dates)]
        errors: list[tuple[str, str]] = []
        facts = 0
        if items:
            facts = _execute(items, partition_size, out, client, workers, encoding, max_file_bytes, progress, errors)
        elif progress is not None:
            progress(0, 0)
        latest = _reconcile(out)
        status_path = _write_status(out, latest)
    return ArchiveResult(
        out=out,
        files=len(files),
        skipped=len(skip),
        processed=len(todo),
        failed=len(errors),
        facts=facts,
        total_facts=sum(st.get("facts") or 0 for st in latest.values()),
        seconds=time.perf_counter() - t0,
        errors=errors,
        status_path=status_path,
    )


def _execute(items, partition_size, out, client, workers, encoding, max_file_bytes, progress, errors) -> int:
    from distributed import as_completed

    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]
    seq = iter(range(1_000_000))

    def task(files):
        pid = f"{run_id}-{next(seq):06d}"
        return {
            "out": out, "name": _part_name(pid), "files": files,
            "encoding": encoding, "max_file_bytes": max_file_bytes,
        }

    client, owned = _open_client(client, workers)
    done = 0
    facts = 0
    futures: dict = {}  # future -> (task, files still to do one by one after it)

    def submit(t: dict, queue: list) -> None:
        fut = client.submit(_run_partition, t, key=f"ordos-archive-{t['name']}", pure=False)
        futures[fut] = (t, queue)
        pending.add(fut)

    try:
        threads = _check_workers(client)
        sizes = _sizes([f for _, f, _ in items])
        if partition_size is None:
            partition_size = _auto_partition_size(sum(sizes), threads)
        plan = _partitions(items, sizes, partition_size)
        total = len(items)
        if progress is not None:
            progress(0, total)
        pending = as_completed()
        for files in plan:
            submit(task(files), [])
        for fut in pending:
            t, queue = futures.pop(fut)
            if fut.status == "finished":
                result = fut.result()
                for st in result["statuses"]:
                    facts += st.get("facts") or 0
                    if st.get("error"):
                        errors.append((st["file"], st["error"]))
                done += len(t["files"])
            elif len(t["files"]) > 1:
                # a partition that raised or killed its worker: its files one at a time, so that
                # a file that kills a worker takes no other file with it
                queue = list(t["files"])
            else:
                err = fut.exception()
                _, path, day_iso = t["files"][0]
                st = _status(path, day_iso)
                try:
                    st["bytes"] = os.stat(path).st_size
                except OSError:
                    pass
                st["sha256"] = _sha256_file(path)
                st["error"] = f"{path}: processing failed on the worker: {type(err).__name__}: {err}"
                _write_error_part(out, t["name"], [st])
                errors.append((path, st["error"]))
                done += 1
            fut.release()
            if queue:
                submit(task(queue[:1]), queue[1:])
            if progress is not None:
                progress(done, total)
    finally:
        for fut in futures:
            fut.cancel()
        _close(client, owned)
    return facts


# ---------------------------------------------------------------------------
# The command line: ordos-nlp extract DIR --out facts.parquet --workers N | --scheduler ADDRESS


def cli_extract(args, parser) -> int:
    """``ordos-nlp extract`` with ``--workers`` or ``--scheduler``: the archive run."""
    from . import cli

    if not (args.workers or args.scheduler):
        parser.error("--doc-date-from needs --workers N or --scheduler ADDRESS (an archive run)")
    if args.workers and args.scheduler:
        parser.error("--workers starts a local cluster; with --scheduler the cluster has its own workers")
    if not args.out or args.out == cli.STDIN:
        parser.error("an archive run (--workers/--scheduler) needs --out FOLDER")
    if args.format not in (None, "parquet"):
        parser.error("an archive run writes a Parquet dataset: --format parquet (or no --format)")
    if cli.STDIN in args.inputs:
        parser.error("an archive run reads files, not standard input")
    if args.jobs != 1:
        parser.error("--jobs is for runs without Dask: use --workers N")
    try:
        size = None if args.partition_size is None else parse_size(args.partition_size)
    except (TypeError, ValueError) as err:
        parser.error(f"--partition-size: {err}")
    try:
        from .tables import _require

        _require("pyarrow", "an archive run")
        import distributed  # noqa: F401
    except ImportError as err:
        hint = "" if "extra" in str(err) else " (pip install 'ordos-nlp[archive]')"
        print(f"{cli.PROG}: error: {err}{hint}", file=sys.stderr)
        return 2
    run = cli.Run()
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = cli._progress(total, args.quiet)
            run.progress = bar
        bar.update(done - bar.n)

    try:
        result = extract_archive(
            args.inputs, args.out, client=args.scheduler, workers=args.workers, partition_size=size,
            doc_date_from=args.doc_date_from, doc_date=args.doc_date, glob=args.glob, encoding=args.encoding,
            progress=progress,
        )
    except (OSError, RuntimeError, ValueError) as err:
        if bar is not None:
            bar.close()
        print(f"{cli.PROG}: error: {err}", file=sys.stderr)
        return 1
    if bar is not None:
        bar.close()
    if not result.files:
        run.error("no input files")
        return 1
    for _, message in result.errors:
        run.error(message)
    if not args.quiet or result.failed:
        run.say(
            f"{cli.PROG}: {result.files} files: {result.processed} processed ({result.failed} with errors), "
            f"{result.skipped} already done; {result.facts} facts written, {result.total_facts} in {result.out}"
        )
    return 1 if result.failed else 0
