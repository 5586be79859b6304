"""What a pipeline component with nothing to save gives spaCy's serialisation.

Layout, quantities, dates and records read their settings from the config and their
word lists from the package's data files: ``nlp.to_disk`` has nothing to write for
them, and ``spacy.load`` nothing to read back.
"""

from __future__ import annotations


class StatelessComponent:
    """``to_disk``/``from_disk``/``to_bytes``/``from_bytes`` of a component with no state."""

    def to_disk(self, path, exclude=()):
        pass

    def from_disk(self, path, exclude=()):
        return self

    def to_bytes(self, exclude=()):
        return b""

    def from_bytes(self, data, exclude=()):
        return self
