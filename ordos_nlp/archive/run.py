"""A run: :func:`extract_archive` plans the partitions, runs them on Dask, and resumes.

The client side of a run: it takes the output folder's lock, reconciles what is
there (:mod:`ordos_nlp.archive.resume`), skips the files already done, submits one
task per partition (:mod:`ordos_nlp.archive.plan`, :mod:`ordos_nlp.archive.partition`)
and redoes, one file at a time, the partitions whose task raised or killed its worker.
"""

from __future__ import annotations

import concurrent.futures
import os
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable, Optional, Union

from ..files import DEFAULT_PATTERN
from .cluster import _check_workers, _close, _open_client
from .partition import _run_partition, _sha256_file, _status
from .parts import _part_name, _write_part, records_folder
from .plan import _auto_partition_size, _doc_dates, _inputs, _partitions, _sizes, parse_size
from .resume import _Lock, _reconcile, _write_status

PathLike = Union[str, "os.PathLike[str]"]

#: Files larger than this get an error row instead of being read (``max_file_bytes``).
DEFAULT_MAX_FILE_BYTES = 32 << 20


@dataclass
class ArchiveResult:
    """What :func:`extract_archive` did.

    ``files``: input files; ``skipped``: already done by an earlier run (same path and
    content); ``processed``: done by this run (``failed`` of them with an error row);
    ``facts``: fact rows written by this run; ``total_facts``: rows in the dataset;
    ``records``, ``total_records``: the same for the records dataset in ``records_out``;
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
    records_out: str
    records: int
    total_records: int

    @property
    def ok(self) -> bool:
        return self.failed == 0


def extract_archive(
    inputs,
    out: PathLike,
    *,
    client=None,
    partition_size: Union[None, int, str] = None,
    doc_date_from: Union[None, str, Callable[[str], Optional[date]]] = None,
    workers: Optional[int] = None,
    doc_date: Optional[date] = None,
    doc_place: Optional[str] = None,
    doc_period: Optional[str] = None,
    glob: str = DEFAULT_PATTERN,
    encoding: Optional[str] = None,
    max_file_bytes: Optional[int] = DEFAULT_MAX_FILE_BYTES,
    progress: Optional[Callable[[int, int], None]] = None,
) -> ArchiveResult:
    """Extract the facts and records of many text files on Dask into resumable Parquet datasets.

    ``inputs``: a path, folder or glob pattern, or a list of them, found as the command
    line finds them (:func:`ordos_nlp.files.find_files`: folders are searched recursively
    for ``glob``; a path that names nothing gets an error row). ``out``: the output folder (created; a run resumes what
    is there). ``client``: a ``distributed.Client`` or a scheduler address
    (``"tcp://host:8786"``); ``None`` starts a local cluster of ``workers`` processes
    (default: one per CPU), one thread each, and closes it at the end.
    ``partition_size``: input bytes per task and part file (``1048576`` or ``"1MB"``;
    default: 1 MiB, less for small archives so that each worker thread gets about 8).
    ``doc_date_from="filename"`` takes each file's publication date from its name
    (:func:`ordos_nlp.files.date_from_path`), or pass a function ``path -> date | None``; ``doc_date``
    is the date for files without one. ``doc_place`` (a place name or adcode) and ``doc_period``
    (``"2023"``) are what a record takes when its text names no place or period, as in
    :func:`ordos_nlp.extract`. ``encoding`` forces one codec;
    files above ``max_file_bytes`` (``None``: no limit) get an error row.
    ``progress(done, total)`` is called as partitions finish (files of this run).

    The records of every file (the rows of ``to_parquet(kind="records")`` plus ``file_sha256``
    and ``doc_date``) go to the folder beside ``out`` that :func:`records_folder` names
    (``out`` + ``.records``), one part per facts part, with the same name.

    Files already done (same absolute path, same SHA-256) are skipped; files that
    failed before are tried again. Returns an :class:`ArchiveResult`.
    """
    if doc_date_from is not None and doc_date_from != "filename" and not callable(doc_date_from):
        raise ValueError(f"doc_date_from must be None, 'filename' or a function, got {doc_date_from!r}")
    if doc_date is not None and not isinstance(doc_date, date):
        raise TypeError(f"doc_date must be a datetime.date or None, got {type(doc_date).__name__}")
    if doc_place is not None or doc_period is not None:
        from ..api import _check_period, _check_place

        _check_place(doc_place)
        _check_period(doc_period)
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
    records_out = records_folder(out)
    for folder in (out, records_out):
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise FileExistsError(f"{folder}: exists and is not a folder (the archive output is a folder of part files)")
    t0 = time.perf_counter()
    inside = (out + os.sep, records_out + os.sep)
    files = [f for f in _inputs(inputs, glob) if not f.startswith(inside)]  # never the output's own files
    os.makedirs(out, exist_ok=True)
    os.makedirs(records_out, exist_ok=True)
    with _Lock(out):
        latest = _reconcile(out)
        # files done before: same path and same content, with their records, are skipped; changed
        # ones and those without records (done by an older version) are redone
        known = [f for f in files if f in latest and latest[f].get("error") is None and latest[f].get("sha256")]
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            hashes = dict(zip(known, pool.map(_sha256_file, known)))
        skip = {f for f in known if hashes[f] == latest[f]["sha256"] and latest[f].get("records") is not None}
        stale = frozenset(f for f in known if f not in skip)
        if stale:
            latest = _reconcile(out, drop=stale)
        todo = [f for f in files if f not in skip]
        position = {f: i for i, f in enumerate(files)}
        dates = _doc_dates(todo, doc_date_from, doc_date)
        items = [(position[f], f, d) for f, d in zip(todo, dates)]
        errors: list[tuple[str, str]] = []
        written = {"facts": 0, "records": 0}
        if items:
            options = {"encoding": encoding, "max_file_bytes": max_file_bytes,
                       "doc_place": doc_place, "doc_period": doc_period}
            _execute(items, partition_size, out, client, workers, options, progress, errors, written)
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
        facts=written["facts"],
        total_facts=sum(st.get("facts") or 0 for st in latest.values()),
        seconds=time.perf_counter() - t0,
        errors=errors,
        status_path=status_path,
        records_out=records_out,
        records=written["records"],
        total_records=sum(st.get("records") or 0 for st in latest.values()),
    )


def _execute(items, partition_size, out, client, workers, options: dict, progress, errors, written: dict) -> None:
    """Run the partitions of ``items``; adds this run's error rows to ``errors`` and its rows to ``written``."""
    from distributed import as_completed

    run_id = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:6]
    seq = iter(range(1_000_000))

    def task(files):
        pid = f"{run_id}-{next(seq):06d}"
        return {"out": out, "name": _part_name(pid), "files": files, **options}

    client, owned = _open_client(client, workers)
    done = 0
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
                    written["facts"] += st.get("facts") or 0
                    written["records"] += st.get("records") or 0
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
                _write_part(out, t["name"], [st])
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
