"""Tables derived from installed data files, kept as numpy arrays in the user's cache folder.

Some tables the pipeline needs come from other packages' files in a form that is
slow to read at every start (jieba's ``dict.txt`` as text, the administrative
divisions as JSON with a list per row). Each is derived once and saved as arrays
(``.npz``, no pickled objects) in ``$ORDOS_NLP_CACHE``, else
``$XDG_CACHE_HOME/ordos_nlp`` or ``~/.cache/ordos_nlp``. The file's name changes with
the source file (path, size, modification time) and with the layout of the derived
arrays, so a new version of either is derived anew; a cache file that is missing,
unreadable or incomplete is derived again, and where the folder cannot be written the
arrays are derived for the process alone. Results never depend on the cache: it
holds what would be derived anyway.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from typing import Callable, Optional

import numpy as np

Arrays = dict[str, np.ndarray]


def cache_folder() -> Optional[str]:
    """Where derived tables are kept (see the module docstring); None where there is no
    such folder to be had (no home directory): the tables are then derived in memory."""
    folder = os.environ.get("ORDOS_NLP_CACHE")
    if folder:
        return folder
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home.startswith("~"):  # not expanded: no folder in the working directory instead
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "ordos_nlp")


def cache_path(kind: str, source: str, layout: str) -> Optional[str]:
    """The cache file of the ``kind`` table derived from ``source`` in version ``layout``."""
    folder = cache_folder()
    if folder is None:
        return None
    st = os.stat(source)
    key = f"{os.path.abspath(source)}\0{st.st_size}\0{st.st_mtime_ns}\0{layout}"
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
    return os.path.join(folder, f"{kind}-{digest}.npz")


def read_arrays(path: str) -> Optional[Arrays]:
    """The arrays of a cache file; None when it is missing or cannot be read whole."""
    try:
        with np.load(path, allow_pickle=False) as z:
            return {name: z[name] for name in z.files}
    except Exception:  # missing, truncated, or not an array file: derived again
        return None


def write_arrays(path: str, arrays: Arrays) -> None:
    """Write the arrays beside their final name, then move them there in one step (processes
    starting together each write whole files); an unwritable folder is left alone."""
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".npz")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(f, **arrays)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def cached_arrays(kind: str, source: str, layout: str, derive: Callable[[str], Arrays],
                  complete: Callable[[Arrays], bool]) -> Arrays:
    """The ``kind`` arrays of ``source``: from the cache when it holds a ``complete`` set for
    this file and ``layout``, else ``derive(source)``, cached for the next process."""
    path = cache_path(kind, source, layout)
    arrays = read_arrays(path) if path else None
    if arrays is None or not complete(arrays):
        arrays = derive(source)
        if path:
            write_arrays(path, arrays)
    return arrays
