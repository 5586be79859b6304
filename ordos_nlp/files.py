"""Which files a run reads: the one file finder of the command line and the archive.

``ordos-nlp extract`` (with or without Dask) and :func:`ordos_nlp.archive.extract_archive`
take the same inputs and must read the same files, so both ask :func:`find_files`:

- a path that exists and is not a folder is taken whatever its name;
- a folder is searched recursively for ``pattern`` (default ``*.txt``), files only;
- a path that does not exist but contains ``*``, ``?`` or ``[`` is a glob pattern
  (``**`` spans folders); the folders it matches are searched like folders;
- any other path is *missing*: the caller reports it as an error naming the file
  (:func:`missing_message`), and the archive also gives it an error row;
- a folder or pattern without a matching file is *empty*: a warning, not an error.

The files come back sorted by absolute path, each once, spelled as found (a
relative input stays relative). :func:`date_from_path` reads a publication date
from a file's path, without Dask or the pipeline.
"""

from __future__ import annotations

import glob as _glob
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Optional, Union

__all__ = ["FoundFiles", "find_files", "missing_message", "date_from_path", "DEFAULT_PATTERN"]

PathLike = Union[str, "os.PathLike[str]"]

#: The files taken from folders when no pattern is given.
DEFAULT_PATTERN = "*.txt"


@dataclass(frozen=True)
class FoundFiles:
    """What :func:`find_files` found.

    ``files``: existing files, sorted by absolute path, each once; ``missing``: inputs
    that name nothing, as given (in input order); ``empty``: warnings for folders and patterns
    without a matching file (in input order).
    """

    files: tuple[Path, ...]
    missing: tuple[str, ...]
    empty: tuple[str, ...]


def missing_message(path: PathLike) -> str:
    """The error message for an input that names nothing, the same in every run."""
    return f"{os.fspath(path)}: no such file or directory"


def _in_folder(folder: Path, pattern: str) -> list[Path]:
    return [p for p in folder.rglob(pattern) if p.is_file()]


def find_files(inputs: Union[PathLike, Iterable[PathLike]], pattern: str = DEFAULT_PATTERN) -> FoundFiles:
    """The files named by ``inputs`` (a path, folder or glob pattern, or several), as the
    module docstring describes; folders are searched recursively for ``pattern``."""
    if not isinstance(pattern, str):
        raise TypeError(f"pattern must be a str such as '*.txt', got {type(pattern).__name__}")
    if not pattern:
        raise ValueError("pattern must not be empty (e.g. '*.txt')")
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    elif not isinstance(inputs, Iterable):
        raise TypeError(f"inputs must be a path, folder or glob pattern, or a list of them, got {type(inputs).__name__}")
    by_key: dict[str, Path] = {}
    missing: list[str] = []
    empty: list[str] = []
    for item in inputs:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"inputs must be paths, folders or glob patterns, got {type(item).__name__}")
        text = os.fspath(item)
        if not isinstance(text, str):
            raise TypeError(f"inputs must be text paths, got {type(text).__name__}")
        path = Path(text)
        if path.is_dir():
            found = _in_folder(path, pattern)
            if not found:
                empty.append(f"{text}: no files matching {pattern!r}")
        elif path.exists():
            found = [path]
        elif _glob.has_magic(text):
            found = []
            for match in sorted(_glob.glob(text, recursive=True)):
                m = Path(match)
                if m.is_dir():
                    found += _in_folder(m, pattern)
                elif m.is_file():
                    found.append(m)
            if not found:
                empty.append(f"{text}: no matching files")
        else:
            if text not in missing:
                missing.append(text)
            continue
        for p in found:
            by_key.setdefault(os.path.abspath(p), p)
    return FoundFiles(tuple(by_key[k] for k in sorted(by_key)), tuple(missing), tuple(empty))


_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")
_DATE_ZH_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)年(0?[1-9]|1[0-2])月(0?[1-9]|[12]\d|3[01])日")


def date_from_path(path: PathLike) -> Optional[date]:
    """The publication date in a file's name (``2026-04-01_p3.txt``, ``20260401-2.txt``,
    ``2026_04_01.txt``, ``2026年4月1日第3版.txt``), else in its folders (``2026/04/01/p3.txt``);
    ``None`` when neither has one (the last date in the name counts).

    >>> date_from_path("archive/2026-04-01_p3.txt")
    datetime.date(2026, 4, 1)
    >>> date_from_path("archive/2026/04/01/p3.txt")
    datetime.date(2026, 4, 1)
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, got {type(path).__name__}")
    p = Path(os.fspath(path))
    for where in (p.name, "/".join(p.parent.parts[-4:])):
        found = None
        for m in sorted([*_DATE_RE.finditer(where), *_DATE_ZH_RE.finditer(where)], key=lambda m: m.start()):
            y, mo, d = (m.group(1), m.group(3), m.group(4)) if m.re is _DATE_RE else m.groups()
            try:
                found = date(int(y), int(mo), int(d))
            except ValueError:  # 2026-02-30
                continue
        if found is not None:
            return found
    return None
