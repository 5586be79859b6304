"""jieba's words, cut by jieba-rs.

The pipeline segments with jieba: its dictionary, its HMM for unknown words and
the gazetteer and lexicon names that ``entities.lexicon.add_names_to_jieba``
adds. Python jieba cuts about 330k characters a second, a quarter of the whole
pipeline's time; jieba-rs (the ``rjieba`` binding) runs the same algorithm on
the same dictionary and HMM and gives the same words, over ten times faster.
``tests/test_segmenter.py`` holds the two to the same output, so that the
trained recogniser's word features (learnt on jieba's words) do not move.

Names added to Python jieba are mirrored here before each cut (a set compared
by size: free when nothing changed), so the two dictionaries never drift apart.
One difference is mended: in a run of Latin letters, digits and ``+#&._%-``
that no dictionary word covers, Python jieba splits off each alphanumeric run
(``150-350`` → 150 / - / 350, ``12.5-13.5`` → 12.5 / - / 13.5), while jieba-rs
keeps some such runs whole; those words are split as Python jieba splits them.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import rjieba

# Python jieba's pieces of a non-Chinese run (jieba.finalseg: re_skip)
_ALNUM_PIECE = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
# a word that jieba-rs may have kept whole where Python jieba splits it
_MIXED_RUN = re.compile(r"[a-zA-Z0-9+#&._%\-]*[a-zA-Z0-9][+#&._%\-]+[a-zA-Z0-9+#&._%\-]*")


class FastJieba:
    """jieba's default-mode segmentation (HMM on) with the names we add."""

    def __init__(self) -> None:
        self._jieba = rjieba.Jieba()
        self._mirrored: set[str] = set()
        self._lock = threading.Lock()

    def _sync(self) -> None:
        from .entities.lexicon import ADDED_TO_JIEBA

        if len(self._mirrored) == len(ADDED_TO_JIEBA):
            return
        import jieba

        with self._lock:
            freq = jieba.dt.FREQ
            for word in ADDED_TO_JIEBA - self._mirrored:
                self._jieba.add_word(word, freq.get(word) or 1, None)
                self._mirrored.add(word)

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """``(word, start, end)`` of every word, whitespace included, as ``jieba.tokenize(text)``."""
        self._sync()
        out = self._jieba.tokenize(text, "default", True)
        if any(c in text for c in "+#&._%-"):
            out = self._mend(out)
        return out

    def _mend(self, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        fixed: list[tuple[str, int, int]] = []
        for w, s, e in tokens:
            if len(w) > 1 and _MIXED_RUN.fullmatch(w) and not self._jieba.has_word(w):
                pos = s
                for piece in _ALNUM_PIECE.split(w):
                    if piece:
                        fixed.append((piece, pos, pos + len(piece)))
                        pos += len(piece)
            else:
                fixed.append((w, s, e))
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
    """The process's segmenter: jieba's dictionary plus the names added to jieba so far."""
    return FastJieba()


def word_spans(text: str) -> list[tuple[int, int]]:
    """The pipeline's words of ``text`` as ``(start, end)``, whitespace left out."""
    return get_segmenter().spans(text)
