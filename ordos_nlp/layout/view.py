"""A view of the text with the line breaks inside sentences removed.

Finders (quantities, dates, entities) match on ``view.text`` so that
``209\\n\\n只`` reads as ``209只``; ``to_original`` maps a match back to the
caller's offsets, which then cover the break (``209\\n\\n只``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence


@dataclass(frozen=True)
class TextView:
    text: str
    _orig: Optional[tuple[int, ...]]  # original offset of each view character (None: identity)
    original_length: int

    @classmethod
    def build(cls, text: str, removed: Sequence[tuple[int, int]] = ()) -> "TextView":
        """``removed``: sorted, non-overlapping ``(start, end)`` ranges of ``text`` to drop."""
        if not removed:
            return cls(text, None, len(text))
        keep_chars: list[str] = []
        orig: list[int] = []
        pos = 0
        for s, e in removed:
            keep_chars.append(text[pos:s])
            orig.extend(range(pos, s))
            pos = e
        keep_chars.append(text[pos:])
        orig.extend(range(pos, len(text)))
        return cls("".join(keep_chars), tuple(orig), len(text))

    @classmethod
    def from_doc(cls, doc) -> "TextView":
        from ..spans import doc_text

        return cls.build(doc_text(doc), doc._.soft_breaks or ())

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the view range ``[start, end)`` (``end > start``)."""
        if end <= start:
            raise ValueError("empty range")
        if self._orig is None:
            return start, end
        return self._orig[start], self._orig[end - 1] + 1
