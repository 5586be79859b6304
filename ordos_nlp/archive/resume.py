"""Resuming: what an output folder holds, made consistent before and after each run.

The part files are the truth (:mod:`ordos_nlp.archive.parts`); ``_status.csv`` is a
summary rewritten at the end of each run. Before a run, temporary files of a killed
run are deleted and, for each file, the latest entry wins: older entries that still
hold facts or records are removed by rewriting their part (facts and records) as a
new version. A records part is kept only beside the facts part of the same name; a
facts part whose records part is missing counts its files as not done (they are
redone). ``_lock`` keeps a second run out of a folder that is being written.
"""

from __future__ import annotations

import csv
import json
import os
import socket
from datetime import datetime, timezone
from typing import Optional, Union

from .parts import (
    _PART_RE,
    _TMP_PREFIX,
    _TMP_SUFFIX,
    _part_name,
    _read_manifest,
    _remove,
    _replace,
    _tmp_path,
    _write_part,
    records_folder,
)

PathLike = Union[str, "os.PathLike[str]"]

#: The columns of ``_status.csv`` and :func:`read_status`.
STATUS_COLUMNS = ("file", "bytes", "sha256", "encoding", "doc_date", "sentences", "facts", "records", "error", "part")
_COUNTS = ("bytes", "sentences", "facts", "records")
STATUS_FILE = "_status.csv"
LOCK_FILE = "_lock"


def _status_cache(out: str) -> dict[str, list[dict]]:
    """``{part name: [status rows]}`` from ``_status.csv`` (may be stale or missing)."""
    path = os.path.join(out, STATUS_FILE)
    by_part: dict[str, list[dict]] = {}
    try:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                st = {c: (row.get(c) or None) for c in STATUS_COLUMNS}
                for c in _COUNTS:
                    st[c] = None if st[c] is None else int(st[c])
                by_part.setdefault(st.pop("part"), []).append(st)
    except (OSError, ValueError, csv.Error, TypeError):
        return {}
    return by_part


def _part_names(folder: str, clean: bool) -> list[str]:
    """The part files in ``folder`` (none when it is missing); with ``clean``, temporary files are deleted."""
    names = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return names
    for entry in entries:
        name = entry.name
        if name.startswith(_TMP_PREFIX) and name.endswith(_TMP_SUFFIX):
            if clean:
                _remove(entry.path)
        elif _PART_RE.match(name):
            names.append(name)
    return names


def _scan(out: str, clean: bool) -> dict[str, tuple[str, list[dict]]]:
    """``{pid: (part name, statuses)}`` for the part files in ``out``.

    With ``clean``, temporary files and older versions of a rewritten part are
    deleted. Statuses come from ``_status.csv`` where it knows the part, else from
    the part's footer; unreadable parts are treated as absent (and deleted with
    ``clean``: their files are then redone). A part without its records part gives
    its files no records count (``None``: not done).
    """
    versions: dict[str, list[tuple[int, str]]] = {}
    for name in _part_names(out, clean):
        m = _PART_RE.match(name)
        versions.setdefault(m.group("pid"), []).append((int(m.group("version")), name))
    with_records = set(_part_names(records_folder(out), clean))
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
        if name not in with_records:
            statuses = [dict(st, records=None) for st in statuses]
        parts[pid] = (name, statuses)
    return parts


def _holds_rows(st: dict) -> bool:
    return (st.get("facts") or 0) > 0 or (st.get("records") or 0) > 0


def _winners(parts: dict[str, tuple[str, list[dict]]]) -> tuple[dict[str, dict], dict[str, set[str]]]:
    """The latest status per file, and ``{pid: files}`` of older entries that still hold rows."""
    latest: dict[str, tuple[str, dict]] = {}
    superseded: dict[str, set[str]] = {}
    for pid in sorted(parts):
        name, statuses = parts[pid]
        for st in statuses:
            prev = latest.get(st["file"])
            if prev is not None and _holds_rows(prev[1]):
                superseded.setdefault(prev[0], set()).add(st["file"])
            latest[st["file"]] = (pid, dict(st, part=name))
    return {f: st for f, (_, st) in latest.items()}, superseded


def _rewrite_without(out: str, pid: str, name: str, statuses: list[dict], drop: set[str]) -> Optional[tuple[str, list[dict]]]:
    """Write the next version of a part (facts and records) without the files in ``drop``;
    then delete the old one (facts first: the new version is complete before either goes)."""
    keep = [st for st in statuses if st["file"] not in drop]
    old = os.path.join(out, name)
    old_records = os.path.join(records_folder(out), name)
    if not keep:
        _remove(old)
        _remove(old_records)
        return None
    version = int(_PART_RE.match(name).group("version")) + 1
    new_name = _part_name(pid, version)
    _write_part(out, new_name, keep, _without(old, drop), _without(old_records, drop))
    _remove(old)
    _remove(old_records)
    return new_name, keep


def _without(path: str, drop: set[str]):
    """The rows of the Parquet file ``path`` whose ``file`` is not in ``drop`` (``None`` when it is missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path).read()
    except FileNotFoundError:
        return None
    return table.filter(pc.invert(pc.is_in(table["file"], value_set=pa.array(sorted(drop), pa.string()))))


def _reconcile(out: str, drop: frozenset = frozenset()) -> dict[str, dict]:
    """Clean up and deduplicate ``out``; returns the latest status per file.

    Older entries of a file that still hold facts or records (a file redone after a
    change, or done twice by a run killed and restarted while its last task was still
    running) and the entries of the files in ``drop`` are removed from their parts, so
    that every file's facts and records are in the dataset at most once. Records parts
    without the facts part of their name (left by a run killed between the two, or
    older versions) are deleted.
    """
    parts = _scan(out, clean=True)
    _, superseded = _winners(parts)
    for pid, (name, statuses) in list(parts.items()):
        remove = set(superseded.get(pid, ()))
        remove |= {st["file"] for st in statuses if st["file"] in drop and _holds_rows(st)}
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
    records = records_folder(out)
    for name in _part_names(records, clean=False):
        if name not in live:
            _remove(os.path.join(records, name))
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
    ``encoding``, ``doc_date``, ``sentences``, ``facts``, ``records`` (rows in the
    records part), ``error`` (``<NA>`` when the file was processed), ``part`` (the part
    file holding its facts, and in the records folder its records). Read from the part
    files themselves, so it is exact also after a run that was killed.
    """
    from ..tables import _require

    pd = _require("pandas", "ordos_nlp.archive.read_status()")
    out = os.fspath(out)
    if not os.path.isdir(out):
        raise FileNotFoundError(f"{out}: no such archive output folder")
    latest, _ = _winners(_scan(out, clean=False))
    rows = [latest[f] for f in sorted(latest)]
    frame = pd.DataFrame({c: [r.get(c) for r in rows] for c in STATUS_COLUMNS})
    for c in _COUNTS:
        frame[c] = frame[c].astype("Int64")
    for c in ("file", "sha256", "encoding", "doc_date", "error", "part"):
        frame[c] = frame[c].astype("string")
    return frame


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
