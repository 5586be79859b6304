"""jieba's dictionary (word, frequency, part of speech) as a compact table read in milliseconds.

The pipeline asks jieba's ``dict.txt`` a few hundred questions a page (is this a word,
how common, which part of speech); held as two Python dicts of 350,000 entries, the
dictionary took a quarter of a second of every ``load()`` to parse. Here its words
are sorted per length into numpy arrays, with their frequencies and tags beside them,
and a binary search answers each question. The arrays are derived from ``dict.txt``
once and kept in the user's cache folder (``array_cache``).
"""

from __future__ import annotations

import importlib.util
import os
from typing import Iterable, Optional

import numpy as np

from .array_cache import cached_arrays

#: the layout of the cached arrays; a change makes a new cache file
LAYOUT = "1"


def jieba_dictionary_path() -> str:
    """The installed Python jieba's ``dict.txt`` (found without importing jieba)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise ImportError("jieba is not installed: pip install jieba")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt")


class WordTable:
    """Words → (frequency, tag), from sorted arrays of the words of each length."""

    #: answers remembered by the lookups over the table, up to this many words each
    memo_size = 200_000

    def __init__(self, arrays: dict[str, np.ndarray]):
        self._tags = [str(t) for t in arrays["tags"]]
        self._words: dict[int, np.ndarray] = {}
        self._freqs: dict[int, np.ndarray] = {}
        self._tag_ids: dict[int, np.ndarray] = {}
        for name, array in arrays.items():
            if name[:1] in "wft" and name[1:].isdigit():
                {"w": self._words, "f": self._freqs, "t": self._tag_ids}[name[0]][int(name[1:])] = array

    def __len__(self) -> int:
        return sum(len(a) for a in self._words.values())

    def _index(self, word: str) -> int:
        """Position of ``word`` among the words of its length; -1 when it is not one."""
        words = self._words.get(len(word))
        if words is not None:
            k = int(words.searchsorted(word))
            if k < len(words) and words[k] == word:
                return k
        return -1

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._index(word) >= 0

    def freq(self, word: str) -> Optional[int]:
        """The word's frequency in the dictionary; None when it is not a dictionary word."""
        i = self._index(word)
        return None if i < 0 else int(self._freqs[len(word)][i])

    def tag(self, word: str) -> Optional[str]:
        """The word's part-of-speech tag; None when it is not a dictionary word."""
        i = self._index(word)
        return None if i < 0 else self._tags[self._tag_ids[len(word)][i]]

    def freqs(self, words: Iterable[str]) -> list[Optional[int]]:
        """``freq`` of many words at once (one search per word length)."""
        words = list(words)
        out: list[Optional[int]] = [None] * len(words)
        by_len: dict[int, list[int]] = {}
        for n, w in enumerate(words):
            by_len.setdefault(len(w), []).append(n)
        for length, positions in by_len.items():
            table = self._words.get(length)
            if table is None or not len(table):
                continue
            asked = np.array([words[n] for n in positions], dtype=table.dtype)
            at = np.minimum(table.searchsorted(asked), len(table) - 1)
            found = table[at] == asked
            values = self._freqs[length][at]
            for n, hit, value in zip(positions, found.tolist(), values.tolist()):
                if hit:
                    out[n] = value
        return out


_UNSEEN = object()


class WordFrequencies:
    """word → frequency: jieba's dictionary (``word_table``) and the words added with
    ``add_words`` over it. Read like a dict (``get``, ``[]``, ``in``)."""

    def __init__(self, table: WordTable):
        self.table = table
        self.added: dict[str, int] = {}
        self._seen: dict[str, Optional[int]] = {}  # the table's answers so far

    def get(self, word: str, default=None):
        value = self.added.get(word)
        if value is None:
            value = self._seen.get(word, _UNSEEN)
            if value is _UNSEEN:
                value = _remember(self._seen, word, self.table.freq(word))
        return default if value is None else value

    def many(self, words: list[str]) -> list:
        """``get(word)`` of each word (None where unknown), the dictionary searched once."""
        out = self.table.freqs(words)
        added = self.added
        return [added.get(w, f) for w, f in zip(words, out)]

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __contains__(self, word: object) -> bool:
        return word in self.added or word in self.table

    def update(self, words: dict[str, int]) -> None:
        self.added.update(words)


class WordTags:
    """word → jieba's part-of-speech tag (dictionary words only). Read like a dict."""

    def __init__(self, table: WordTable):
        self.table = table
        self._seen: dict[str, Optional[str]] = {}  # the table's answers so far

    def get(self, word: str, default=None):
        tag = self._seen.get(word, _UNSEEN)
        if tag is _UNSEEN:
            tag = _remember(self._seen, word, self.table.tag(word))
        return default if tag is None else tag

    def __getitem__(self, word: str) -> str:
        tag = self.get(word)
        if tag is None:
            raise KeyError(word)
        return tag

    def __contains__(self, word: object) -> bool:
        return word in self.table


def _remember(seen: dict, word: str, answer):
    """Keep ``answer`` for ``word`` (all answers forgotten at once past ``WordTable.memo_size``)."""
    if len(seen) >= WordTable.memo_size:
        seen.clear()
    seen[word] = answer
    return answer


def parse_dictionary(path: str) -> dict[str, np.ndarray]:
    """The table's arrays from a jieba dictionary file (word, frequency, tag per line;
    a word listed twice keeps its last line, as jieba's own loader does)."""
    with open(path, encoding="utf-8") as f:
        fields = f.read().split()
    words = fields[0::3]
    freqs = dict(zip(words, map(int, fields[1::3])))
    tags = dict(zip(words, fields[2::3]))
    tag_names = sorted(set(tags.values()))
    tag_id = {t: i for i, t in enumerate(tag_names)}
    by_len: dict[int, list[str]] = {}
    for w in sorted(freqs):
        by_len.setdefault(len(w), []).append(w)
    arrays = {"tags": np.array(tag_names, dtype=str)}
    for length, ws in by_len.items():
        arrays[f"w{length}"] = np.array(ws, dtype=f"<U{length}")
        arrays[f"f{length}"] = np.array([freqs[w] for w in ws], dtype=np.int64)
        arrays[f"t{length}"] = np.array([tag_id[tags[w]] for w in ws], dtype=np.uint16)
    return arrays


def _complete(arrays: dict[str, np.ndarray]) -> bool:
    """Whether the arrays make a table: tags, and words, frequencies and tags of equal length."""
    if "tags" not in arrays or arrays["tags"].dtype.kind != "U":
        return False
    lengths = [name[1:] for name in arrays if name[:1] == "w" and name[1:].isdigit()]
    if not lengths:
        return False
    for n in lengths:
        w, f, t = arrays.get("w" + n), arrays.get("f" + n), arrays.get("t" + n)
        if f is None or t is None or not (len(w) == len(f) == len(t)) or w.dtype != np.dtype(f"<U{n}"):
            return False
        if f.dtype.kind != "i" or t.dtype.kind != "u" or (len(t) and int(t.max()) >= len(arrays["tags"])):
            return False
    return True


def load_table(dictionary: Optional[str] = None) -> WordTable:
    """The table of ``dictionary`` (default: the installed jieba's), from the cache when it
    holds one for that file, else derived and cached."""
    dictionary = dictionary or jieba_dictionary_path()
    return WordTable(cached_arrays("jieba-dict", dictionary, LAYOUT, parse_dictionary, _complete))
