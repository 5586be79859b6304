"""Distinct values of an integer array, without ``numpy.unique``.

``numpy.unique`` imports ``numpy.ma`` on its first call (a tenth of a second of
``load()``); the pipeline needs only sorted distinct values and, for the
recogniser's embedding, each row's index among them.
"""

from __future__ import annotations

import numpy as np


def distinct(column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of the 1-d ``column``, sorted, and each row's index among them
    (``np.unique(column, return_inverse=True)``)."""
    # any sort will do: equal values get the same index whatever their order (numpy's
    # default sort is faster than the stable one on 64-bit keys)
    order = np.argsort(column)
    ordered = column[order]
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    rows = np.empty(len(ordered), dtype=np.intp)
    rows[order] = np.cumsum(first) - 1
    return ordered[first], rows
