"""Planning a run: which files, with which publication dates, in which partitions.

Inputs come from the one file finder (:func:`ordos_nlp.files.find_files`), sorted by
absolute path; they are cut into partitions of consecutive files of about
``partition_size`` input bytes, one Dask task and part file each, the largest first.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Optional, Union

from ..files import date_from_path, find_files

#: The largest partition (input bytes of one Dask task and part file) chosen by default;
#: smaller archives get smaller partitions, at least 8 per worker thread (and 32 KiB).
DEFAULT_PARTITION_SIZE = 1 << 20
_MIN_PARTITION = 32 << 10
_PARTITIONS_PER_THREAD = 8


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
