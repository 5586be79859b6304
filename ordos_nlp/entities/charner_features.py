"""The recogniser's input: integer features of every character, from the text and its words.

Chinese names do not end where jieba's words do (``中美``, ``李大妈``), so the
recogniser reads characters; what the segmenter knows comes in as features of
each character:

0. the character (full-width digits and Latin letters read as ASCII);
1. the character and the next one (bigram);
2. the jieba word around it (with the gazetteer names the entity component
   adds to jieba) and the character's place in that word (B/M/E/S);
3. the character class, its place in the word, the word's length, and whether
   the word is a gazetteer place name or a known organisation.

Everything is computed with numpy from the code points and the word
boundaries (a polynomial hash of each word), so that the features of a whole
page cost a few array operations; the network hash-embeds them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import numpy as np

N_FEATURES = 4

_P = np.uint64(0x100000001B3)  # odd, so invertible modulo 2**64
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
# powers of _P and of its inverse, grown on demand; one tuple, replaced whole, so that
# a thread never reads the powers of one size with the inverses of another
_POWERS: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    global _POWERS
    pw, pinv = _POWERS
    if len(pw) < n:
        size = max(n, 2 * len(pw), 4096)
        with np.errstate(over="ignore"):
            base = np.full(size, _P, dtype=np.uint64)
            base[0] = 1
            pw = np.cumprod(base, dtype=np.uint64)
            base[1:] = _P_INV
            pinv = np.cumprod(base, dtype=np.uint64)
        _POWERS = (pw, pinv)
    return pw[:n], pinv[:n]


def require_text(text) -> None:
    """TypeError, naming what was given, unless ``text`` is a ``str``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")


def code_points(text: str) -> np.ndarray:
    """Code points, full-width digits and Latin letters mapped to ASCII."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    fw = ((cps >= 0xFF10) & (cps <= 0xFF19)) | ((cps >= 0xFF21) & (cps <= 0xFF3A)) | (
        (cps >= 0xFF41) & (cps <= 0xFF5A)
    )
    return np.where(fw, cps - 0xFEE0, cps)


def _class_table() -> np.ndarray:
    """Class of every BMP code point: 1 Han, 2 Chinese numeral, 3 digit, 4 Latin, 5 space, 6 other."""
    cps = np.arange(0x10000, dtype=np.int64)
    han = ((cps >= 0x4E00) & (cps <= 0x9FFF)) | ((cps >= 0x3400) & (cps <= 0x4DBF)) | (
        (cps >= 0xF900) & (cps <= 0xFAFF)
    )
    digit = (cps >= 48) & (cps <= 57)
    latin = ((cps >= 65) & (cps <= 90)) | ((cps >= 97) & (cps <= 122))
    space = (cps == 32) | (cps == 9) | (cps == 10) | (cps == 13) | (cps == 0x3000) | (cps == 0xA0)
    cn_digit = np.isin(cps, [ord(c) for c in "〇零一二三四五六七八九十百千万亿两"])
    return np.select([han & ~cn_digit, cn_digit, digit, latin, space], [1, 2, 3, 4, 5], 6).astype(np.int64)


_CLASSES = _class_table()


def _char_class(cps: np.ndarray) -> np.ndarray:
    return np.where(cps < 0x10000, _CLASSES[np.minimum(cps, 0xFFFF)], 6)


def _segments(n: int, bounds) -> np.ndarray:
    """Sorted segment edges (0 … n): every token edge; uncovered runs are segments too."""
    marks = np.zeros(n + 1, dtype=bool)
    marks[0] = marks[n] = True
    b = bounds if isinstance(bounds, np.ndarray) else np.array(list(bounds), dtype=np.int64).reshape(-1, 2)
    if len(b):
        b = b[(b[:, 0] >= 0) & (b[:, 1] <= n)]
        marks[b[:, 0]] = True
        marks[b[:, 1]] = True
    return np.flatnonzero(marks)


def _hashes(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Polynomial hash (mod 2**64) of each ``cps[start:end]``; equal strings, equal hashes."""
    n = len(cps)
    pw, pinv = _powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(cps.astype(np.uint64) * pw[:n], dtype=np.uint64, out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * pinv[starts]


def char_features(text: str, bounds, word_flags=None) -> np.ndarray:
    """The ``(len(text), N_FEATURES)`` uint64 feature matrix of ``text``.

    ``bounds``: word ``(start, end)`` offsets (jieba tokens), as pairs or an
    ``(n, 2)`` array; characters outside every word form words of their own.
    ``word_flags``: a ``WordFlags`` marking gazetteer places (1) and known
    organisations (2); default: the lexicon's.
    """
    require_text(text)
    n = len(text)
    if n == 0:
        return np.zeros((0, N_FEATURES), dtype=np.uint64)
    if word_flags is None:
        word_flags = default_word_flags()
    cps = code_points(text)
    edges = _segments(n, bounds)
    seg_start = edges[:-1]
    seg_len = np.diff(edges)
    seg_of = np.repeat(np.arange(len(seg_start)), seg_len)
    starts = seg_start[seg_of]
    lens = seg_len[seg_of]
    idx = np.arange(n)
    pos = np.where(lens == 1, 3, np.where(idx == starts, 0, np.where(idx == starts + lens - 1, 2, 1)))
    seg_hash = _hashes(cps, seg_start, edges[1:])
    with np.errstate(over="ignore"):
        word_key = seg_hash[seg_of] * np.uint64(4) + pos.astype(np.uint64)
    flags = np.where(seg_len > 1, word_flags(seg_hash), 0)[seg_of]
    u = cps.astype(np.uint64)
    nxt = np.concatenate((cps[1:], [0]))
    out = np.empty((n, N_FEATURES), dtype=np.uint64)
    out[:, 0] = u
    out[:, 1] = (u << np.uint64(21)) | nxt.astype(np.uint64)
    out[:, 2] = word_key
    out[:, 3] = (_char_class(cps) + 8 * pos + 32 * np.minimum(lens, 7) + 256 * flags).astype(np.uint64)
    return out


class WordFlags:
    """Word hash → 1 (a gazetteer place name), 2 (a known organisation) or 0, for arrays of hashes."""

    def __init__(self, places: Iterable[str], orgs: Iterable[str]):
        self.keys = np.zeros(0, dtype=np.uint64)
        self.values = np.zeros(0, dtype=np.int64)
        table: dict[int, int] = {}
        for value, words in ((2, orgs), (1, places)):  # a place wins over an organisation
            words = [w for w in words if w]
            if not words:
                continue
            for h in self.hash_words(words).tolist():
                table[h] = value
        if table:
            keys = np.fromiter(table.keys(), dtype=np.uint64, count=len(table))
            order = np.argsort(keys)
            self.keys = keys[order]
            self.values = np.fromiter(table.values(), dtype=np.int64, count=len(table))[order]

    @staticmethod
    def hash_words(words: list[str]) -> np.ndarray:
        lens = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        ends = np.cumsum(lens)
        return _hashes(code_points("".join(words)), ends - lens, ends)

    def __call__(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.keys):
            return np.zeros(len(hashes), dtype=np.int64)
        i = np.minimum(np.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return np.where(self.keys[i] == hashes, self.values[i], 0)


@lru_cache(maxsize=1)
def default_word_flags() -> WordFlags:
    from .lexicon import get_lexicon

    lex = get_lexicon()
    return WordFlags(lex.gaz.names, lex.org_lexicon)


def jieba_bounds(text: str) -> list[tuple[int, int]]:
    """jieba's words (with the gazetteer names added) as ``(start, end)``, as ``load()`` cuts them."""
    from ..segmenter import get_segmenter
    from .lexicon import add_names_to_jieba

    add_names_to_jieba()
    return get_segmenter().all_spans(text)
