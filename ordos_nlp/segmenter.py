"""jieba's words, cut by jieba-rs.

The pipeline segments with jieba: its dictionary, its HMM for unknown words and
the gazetteer and lexicon names that ``entities.lexicon.add_names_to_jieba``
adds. Python jieba cuts about 330k characters a second, a quarter of the whole
pipeline's time; jieba-rs (the ``rjieba`` binding) runs the same algorithm on
the same dictionary and HMM and gives the same words, over ten times faster.
``tests/test_segmenter.py`` holds the two to the same output, so that the
trained recogniser's word features (learnt on jieba's words) do not move.
One difference is mended: in a run of Latin letters, digits and ``+#&._%-``
that no dictionary word covers, Python jieba splits off each alphanumeric run
(``150-350`` → 150 / - / 350, ``12.5-13.5`` → 12.5 / - / 13.5), while jieba-rs
keeps some such runs whole; those words are split as Python jieba splits them.

The dictionary is read here too (``word_freq``, ``word_pos``: jieba's
``dict.txt`` as the compact table of ``word_table``, plus the names we add), so
that Python jieba, whose start-up unmarshals a 580,000-entry table (0.7 s,
80 MB), is never initialised by the pipeline. Names added with ``add_words`` reach the fast segmenter before
its next cut (a set compared by size: free when nothing changed), and Python
jieba too when something has started it (spaCy's own Chinese tokenizer;
``python_jieba`` for the tests and benchmarks that compare with it).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import sys
import threading
from bisect import bisect_right
from functools import lru_cache

from .word_table import WordFrequencies, WordTags, load_table


# Python jieba's pieces of a non-Chinese run (jieba.finalseg: re_skip)
_ALNUM_PIECE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# a word that jieba-rs may have kept whole where Python jieba splits it
_MIXED_RUN = re.compile(r"[a-zA-Z0-9+#&._%\-]*[a-zA-Z0-9][+#&._%\-]+[a-zA-Z0-9+#&._%\-]*")
# where such a word may be: a letter or digit next to one of +#&._%-
_MIXED_EDGE = re.compile(r"[a-zA-Z0-9][+#&._%\-]")


#: the words added to jieba's dictionary in this process (gazetteer and lexicon names)
ADDED: set[str] = set()


@lru_cache(maxsize=1)
def _dictionary() -> tuple[WordFrequencies, WordTags]:
    """jieba's ``dict.txt`` as the two lookups (one compact table behind both)."""
    table = load_table()
    return WordFrequencies(table), WordTags(table)


def word_freq() -> WordFrequencies:
    """word → frequency: jieba's dictionary plus the words added with ``add_words``."""
    return _dictionary()[0]


def word_pos() -> WordTags:
    """word → jieba's part-of-speech tag (dictionary words only)."""
    return _dictionary()[1]


def add_words(words: dict[str, int]) -> None:
    """Add ``{word: frequency}`` to the pipeline's dictionary (and Python jieba's, if started)."""
    freq = word_freq()
    freq.update(words)
    ADDED.update(words)
    jieba = sys.modules.get("jieba")  # Python jieba, only where something has imported it
    if jieba is not None and jieba.dt.initialized:
        _add_to_python_jieba(jieba.dt, words)


def _add_to_python_jieba(dt, words: dict[str, int]) -> None:
    """What ``jieba.add_word`` does, without its per-word overhead: the word, its
    frequency in the total, and its prefixes (frequency 0) for the word graph."""
    known = dt.FREQ
    new = {w: f for w, f in words.items() if known.get(w, 0) <= 0}
    prefixes = {}
    for word in new:
        for i in range(1, len(word)):
            if word[:i] not in known:
                prefixes[word[:i]] = 0
    prefixes.update(new)
    known.update(prefixes)
    dt.total += sum(new.values())


def python_jieba():
    """Python jieba, started and holding the added words: for comparisons with it."""
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    _add_to_python_jieba(jieba.dt, {w: word_freq()[w] for w in ADDED})
    return jieba


_LOAD_LOCK = threading.Lock()


def _jieba_class():
    """jieba-rs's ``Jieba`` class.

    The ``rjieba`` package builds a default segmenter when it is imported (a tenth of a
    second and a second copy of jieba's dictionary in memory) that the pipeline never
    uses: its compiled module is loaded on its own where the package has the usual
    layout, and registered under its name, so that a later ``import rjieba`` finds it;
    otherwise the package is imported as usual.
    """
    with _LOAD_LOCK:
        module = sys.modules.get("rjieba.rjieba")
        if module is None and "rjieba" not in sys.modules:
            module = _load_compiled_module()
    if module is None:
        import rjieba

        return rjieba.Jieba
    return module.Jieba


def _load_compiled_module():
    try:
        spec = importlib.util.find_spec("rjieba")
        folder = list(spec.submodule_search_locations or ())[0]
        suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
        path = next(os.path.join(folder, f) for f in sorted(os.listdir(folder))
                    if f.startswith("rjieba.") and f.endswith(suffixes))
        loader = importlib.machinery.ExtensionFileLoader("rjieba.rjieba", path)
        module = importlib.util.module_from_spec(importlib.util.spec_from_loader("rjieba.rjieba", loader))
        loader.exec_module(module)
    except Exception:  # another layout or build: the package's own import
        return None
    sys.modules["rjieba.rjieba"] = module
    return module


class FastJieba:
    """jieba's default-mode segmentation (HMM on) with the names we add."""

    def __init__(self) -> None:
        self._jieba = _jieba_class()()
        self._mirrored: set[str] = set()
        self._lock = threading.Lock()

    def _sync(self) -> None:
        if len(self._mirrored) == len(ADDED):
            return
        with self._lock:
            freq = word_freq()
            added = freq.added  # where add_words put each word of ADDED: read straight
            add, mirrored = self._jieba.add_word, self._mirrored
            for word in ADDED - mirrored:
                add(word, added.get(word) or freq.get(word) or 1, None)
                mirrored.add(word)

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` of every word, whitespace included, as ``jieba.tokenize(text)``."""
        self._sync()
        out = self._jieba.tokenize(text, "default", True)
        edges = [m.start() for m in _MIXED_EDGE.finditer(text)]
        return self._mend(out, edges) if edges else out

    def _mend(self, tokens: list[tuple[str, int, int]], edges: list[int]) -> list[tuple[str, int, int]]:
        """Split the words around ``edges`` as Python jieba would (see the module docstring)."""
        starts = [s for _, s, _ in tokens]
        pieces: dict[int, list[tuple[str, int, int]]] = {}
        for p in edges:
            i = bisect_right(starts, p) - 1
            w, s, _ = tokens[i]
            if i in pieces or len(w) < 2 or not _MIXED_RUN.fullmatch(w) or self._jieba.has_word(w):
                continue
            parts = []
            for piece in _ALNUM_PIECE.split(w):
                if piece:
                    parts.append((piece, s, s + len(piece)))
                    s += len(piece)
            pieces[i] = parts
        if not pieces:
            return tokens
        fixed: list[tuple[str, int, int]] = []
        prev = 0
        for i in sorted(pieces):
            fixed.extend(tokens[prev:i])
            fixed.extend(pieces[i])
            prev = i + 1
        fixed.extend(tokens[prev:])
        return fixed

    def words(self, text: str) -> list[str]:
        """The words of ``text`` (whitespace runs included), as ``jieba.cut(text)``."""
        return [w for w, _, _ in self.tokens(text)]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of each word that is not whitespace only."""
        return [(s, e) for w, s, e in self.tokens(text) if not w.isspace()]

    def all_spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every word, whitespace included: they tile the text."""
        return [(s, e) for _, s, e in self.tokens(text)]


@lru_cache(maxsize=1)
def get_segmenter() -> FastJieba:
    """The process's segmenter: jieba's dictionary plus the words added so far."""
    return FastJieba()


def word_spans(text: str) -> list[tuple[int, int]]:
    """The pipeline's words of ``text`` as ``(start, end)``, whitespace left out."""
    return get_segmenter().spans(text)
