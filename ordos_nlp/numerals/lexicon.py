"""The numeral lexicon (``lexicon.json``), loaded once, and the character maps built from it."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def load() -> dict[str, Any]:
    """The parsed ``lexicon.json`` of this package."""
    text = resources.files(__package__).joinpath("lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


def _halfwidth_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "  # ideographic space
    return table


HALFWIDTH = _halfwidth_table()


def to_halfwidth(text: str) -> str:
    """Full-width ASCII forms (``１９２．３４``, ``％``, ``，``) and the ideographic
    space to their half-width forms, one character for one: offsets are kept."""
    return text.translate(HALFWIDTH)


@lru_cache(maxsize=1)
def canon_table() -> dict[int, str]:
    """One-to-one rewrites: half-width forms plus the lexicon's ``variants``."""
    table = dict(HALFWIDTH)
    for src, dst in load()["variants"].items():
        table[ord(src)] = dst
    return table


def to_canonical(text: str) -> str:
    """Half-width, simplified numeral characters; same length as ``text``."""
    return text.translate(canon_table())


_LEXICON = load()
#: Value of each Chinese digit character (零 0 … 九 9, 两 2, financial forms).
DIGITS: dict[str, int] = dict(_LEXICON["digits"])
#: 十 10, 百 100, 千 1000 (and their financial forms).
SMALL_UNITS: dict[str, int] = dict(_LEXICON["small_units"])
#: 万 10**4, 亿 10**8, 兆 10**12.
BIG_UNITS: dict[str, int] = {ch: 10**p for ch, p in _LEXICON["big_units"].items()}
