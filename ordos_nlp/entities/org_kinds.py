"""A kind of body is not a body: 理事会, 事故调查组, 法官工作室 name what a group does, not which group.

The recogniser was trained on corpora that tag such words now and then; FACTS.md
counts generic references as no entity. A span of the recogniser's is a kind of
body when its last word is one of the collective kinds of ``data/body_kinds.txt``
and every word before it is a common dictionary word: no place, no known body, no
word the dictionary does not know (a name's part). ``市委调查组`` and
``鄂尔多斯市事故调查组`` keep their name: a place or a body stands before the kind.
"""

from __future__ import annotations

from functools import lru_cache

from .candidates import PROPER_POS, LEVEL_ABBREV, NATIONAL, _freq, _pos_table
from .lexicon import data_words, get_lexicon


@lru_cache(maxsize=1)
def body_kinds() -> frozenset[str]:
    """The collective kinds of ``data/body_kinds.txt``."""
    return frozenset(data_words("body_kinds.txt"))


@lru_cache(maxsize=1)
def _kinds_longest_first() -> tuple[str, ...]:
    return tuple(sorted(body_kinds(), key=len, reverse=True))


def kind_of_body(words: list[str]) -> bool:
    """Whether the words of a span (in order) describe a kind of body rather than name one.

    ``words``: the span cut at the segmenter's boundaries, e.g. ``["事故", "调查组"]``.
    """
    if not isinstance(words, list):
        raise TypeError(f"words must be a list of str, got {type(words).__name__}")
    if not words or not all(isinstance(w, str) for w in words):
        return False
    kinds = body_kinds()
    last = words[-1]
    head = [w for w in words[:-1] if w]
    kind = last
    if last not in kinds:
        # the segmenter may have glued a common word to the kind (公司总部)
        kind = next((k for k in _kinds_longest_first() if last.endswith(k) and last != k), "")
        if not kind or not _common(last[: len(last) - len(kind)]):
            return False
        head.append(last[: len(last) - len(kind)])
    suffixes = get_lexicon().org_suffixes
    if head and any(suffixes[kind[i:]].cls == "company" for i in range(len(kind)) if kind[i:] in suffixes):
        return False  # 资本集团公司: a company's name may be common words (Capital Group)
    return all(_common(w) for w in head)


def _common(word: str) -> bool:
    """A common dictionary word: known, not tagged as a name, no place or body of the lexicons,
    no level word or national prefix that makes a name of what follows (市, 国家)."""
    lex = get_lexicon()
    if word in lex.gaz.names or word in lex.org_lexicon or word in LEVEL_ABBREV or word in NATIONAL:
        return False
    return _freq().get(word, 0) > 0 and (_pos_table().get(word) or "n") not in PROPER_POS
