"""The tagger's forward pass in plain numpy, and numpy's BLAS held to one thread while it runs.

The trained network is a thinc model (hash embeddings, a maxout mixer, window
layers, a softmax: ``charner_spacy.CharEmbed`` and spaCy's
``MaxoutWindowEncoder``); thinc runs it layer by layer with per-layer costs
that dominate on short texts. ``LeanNet`` copies its weights once, in the
order that makes every layer one matrix product, and gives the same numbers.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import Sequence

import numpy as np
from numpy.lib.stride_tricks import as_strided
from thinc.api import Model

from ..arrays import distinct
from .charner_features import N_FEATURES


@lru_cache(maxsize=1)
def _blas_controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


class _BlasScope:
    """Which call, if any, holds numpy's BLAS at one thread (see ``one_blas_thread``)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.owner = None  # threadpoolctl's limiter of the call that set the limit

    def enter(self):
        """Set the limit unless another call holds it; the limiter if this call set it."""
        with self.lock:
            if self.owner is not None:
                return None
            self.owner = _blas_controller().limit(limits=1, user_api="blas")
            return self.owner

    def leave(self, limiter) -> None:
        if limiter is None:
            return
        with self.lock:
            limiter.restore_original_limits()
            self.owner = None


# BLAS has one thread count per process, so there is one scope per process too
_BLAS_SCOPE = _BlasScope()


@contextmanager
def one_blas_thread():
    """numpy's BLAS on one thread for the duration of the ``with`` block, then as it was.

    On the recogniser's shapes one thread is the fastest (see ``LeanNet``). BLAS's
    thread count belongs to the whole process, and OpenBLAS may ignore a change
    made from one thread after another thread made one, so the call that sets the
    limit is the one that restores it, in its own thread, when it leaves: a call
    that comes in while another holds the limit leaves the setting alone (it may
    run on the caller's thread count once the holder has left; the numbers do not
    change). Outside every call the caller's own setting holds, whatever it was
    when the call began.
    """
    limiter = _BLAS_SCOPE.enter()
    try:
        yield
    finally:
        _BLAS_SCOPE.leave(limiter)


class LeanNet:
    """The tagger's forward pass in plain numpy, for one sequence (same numbers as thinc's).

    The weights are rearranged once: each maxout layer's columns piece by
    piece (the max over pieces is then an elementwise max of contiguous
    blocks), and each window layer's rows in the order of the window, whose
    input ``[x(i-w) … x(i) … x(i+w)]`` is built as one contiguous array, so
    that every layer is a single matrix product. Products go through numpy's
    BLAS held to one thread (``one_blas_thread``): on these shapes it runs about
    twice as fast as thinc's BLIS, while several threads cost more in start-up
    and waiting than they save, and would compete with ``extract_many``'s
    worker processes.
    """

    def __init__(self, embed_rest: Model, encode: Model, softmax: Model):
        def find(model: Model, name: str) -> list[Model]:
            return [m for m in model.walk() if m.name == name]

        self.embeds = [(m.get_param("E"), int(m.attrs["seed"]), int(m.attrs["column"])) for m in find(embed_rest, "hashembed")]
        maxouts = find(embed_rest, "maxout") + find(encode, "maxout")
        norms = find(embed_rest, "layernorm") + find(encode, "layernorm")
        windows = find(encode, "expand_window")
        if (
            len(self.embeds) != N_FEATURES
            or len(maxouts) != len(norms)
            or len(windows) != len(maxouts) - 1
            or len({w.attrs.get("window_size") for w in windows}) > 1
            or softmax.name != "softmax"
        ):
            raise ValueError("not the architecture LeanNet knows")
        self.window = int(windows[0].attrs["window_size"]) if windows else 1
        self.layers = []
        for i, (mo, ln) in enumerate(zip(maxouts, norms)):
            W = mo.get_param("W")  # (nO, nP, nI): thinc's maxout
            n_o, n_p, n_i = W.shape
            # columns piece-major: piece p of output o at column p * n_o + o
            w = np.ascontiguousarray(W.transpose(2, 1, 0).reshape(n_i, n_p * n_o))
            bias = np.ascontiguousarray(mo.get_param("b").T.reshape(-1))
            if i == 0:  # the mixer: one block of rows per embedding table
                width = n_i // len(self.embeds)
                w = [np.ascontiguousarray(w[k * width : (k + 1) * width]) for k in range(len(self.embeds))]
            self.layers.append((w, bias, n_o, n_p, ln.get_param("G"), ln.get_param("b")))
        self.out_w = np.ascontiguousarray(softmax.get_param("W").T)
        self.out_b = softmax.get_param("b")
        from thinc.api import NumpyOps

        self.ops = NumpyOps()

    @staticmethod
    def _maxout_norm(pre: np.ndarray, n_o: int, n_p: int, g: np.ndarray, b: np.ndarray) -> np.ndarray:
        if n_p == 1:
            x = np.ascontiguousarray(pre)
        else:  # the max over pieces written straight into a fresh contiguous array
            x = np.maximum(pre[:, :n_o], pre[:, n_o : 2 * n_o])
            for k in range(2, n_p):
                np.maximum(x, pre[:, k * n_o : (k + 1) * n_o], out=x)
        mu = np.einsum("ij->i", x) / n_o
        x -= mu[:, None]
        var = np.einsum("ij,ij->i", x, x) / n_o
        x *= (1.0 / np.sqrt(var + 1e-08))[:, None]
        x *= g
        x += b
        return x

    @property
    def reach(self) -> int:
        """How many rows on each side a row's output depends on."""
        return self.window * (len(self.layers) - 1)

    def embed(self, feats: np.ndarray) -> np.ndarray:
        """Hash embeddings and the mixing layer: row by row, no context.

        A feature value's mixed vector depends on the value alone, and a page
        repeats its characters, words and bigrams (about a third of the rows
        are distinct): each distinct value is hashed, gathered (four rows of
        its table) and mixed once, then copied to its rows.
        """
        ops = self.ops
        w, bias, n_o, n_p, g, b = self.layers[0]
        pre = np.empty((len(feats), n_o * n_p), dtype=np.float32)
        pre[:] = bias
        for (table, seed, col), block in zip(self.embeds, w):
            values, rows = distinct(feats[:, col])
            # thinc's hash embedding: four rows per value, summed (as ops.gather_add, in
            # the same order; numpy's take is about twice as fast on these shapes)
            keys = (ops.hash(values, seed) % np.uint32(len(table))).T.astype(np.intp)
            vectors = table.take(keys[0], axis=0)
            for k in keys[1:]:
                vectors += table.take(k, axis=0)
            pre += (vectors @ block).take(rows, axis=0)  # take: faster than indexing with rows
        return self._maxout_norm(pre, n_o, n_p, g, b)

    def encode(self, x: np.ndarray) -> np.ndarray:
        """The window layers (residual) over ``x``, with zeros beyond its ends."""
        win = self.window
        n = len(x)
        width = x.shape[1]
        xp = np.zeros((n + 2 * win, width), dtype=np.float32)  # each layer's own zero edges
        xp[win : win + n] = x
        # row i of the window matrix, [x(i-w) … x(i+w)], is xp's rows i … i+2w read as one:
        # a view with a row step of one row of xp, no copy
        cols = as_strided(xp, shape=(n, (2 * win + 1) * width), strides=xp.strides, writeable=False)
        for w, bias, n_o, n_p, g, b in self.layers[1:]:
            pre = cols @ w
            pre += bias
            xp[win : win + n] += self._maxout_norm(pre, n_o, n_p, g, b)
        return xp[win : win + n]

    #: rows embedded together at most: the more rows, the fewer distinct values per row
    #: (``embed``), while the arrays stay a few megabytes
    embed_rows = 32768

    def forward_many(self, feats: Sequence[np.ndarray], chunk: int = 3000, overlap: int = 32) -> list[np.ndarray]:
        """Logits of each feature matrix, all in one pass.

        As in training (thinc's ``with_array``), the sequences lie end to end with
        ``reach`` zero rows before, between and after them, which the layers then
        transform like any other row; long runs are encoded in chunks of ``chunk``
        rows that overlap by ``overlap`` (at least ``reach``) on each side.
        """
        pad = self.reach
        overlap = max(overlap, pad)
        lens = [len(f) for f in feats]
        if not sum(lens):
            return [np.zeros((0, self.out_w.shape[1]), dtype=np.float32) for _ in lens]
        joined = np.concatenate(feats)
        step = self.embed_rows
        x0 = self.embed(joined) if len(joined) <= step else np.concatenate(
            [self.embed(joined[a : a + step]) for a in range(0, len(joined), step)]
        )
        width = x0.shape[1]
        n = sum(lens) + pad * (len(feats) + 1)
        x = np.zeros((n, width), dtype=np.float32)
        rows = []
        pos, src = pad, 0
        for m in lens:
            x[pos : pos + m] = x0[src : src + m]
            rows.append(pos)
            pos += m + pad
            src += m
        if n <= chunk + 2 * overlap:
            h = self.encode(x)
        else:
            h = np.empty_like(x)
            for a in range(0, n, chunk):
                lo, hi = max(0, a - overlap), min(n, a + chunk + overlap)
                e = min(n, a + chunk)
                h[a:e] = self.encode(x[lo:hi])[a - lo : e - lo]
        logits = np.concatenate([h[r : r + m] for r, m in zip(rows, lens)]) @ self.out_w
        logits += self.out_b
        out, pos = [], 0
        for m in lens:
            out.append(logits[pos : pos + m])
            pos += m
        return out

    def __call__(self, feats: np.ndarray) -> np.ndarray:
        """Logits of one sequence."""
        return self.forward_many([feats])[0]
