"""Names a user adds at run time: the ``add_names`` of ``ordos_entities`` and lexicon files.

A researcher who knows the companies, villages or people of a corpus adds them
(``nlp.get_pipe("ordos_entities").add_names({"恒基": "ORG"})``, or
``ordos_nlp.load(user_lexicon="names.tsv")``), as with ``jieba.add_word``.
They are found wherever they occur in the text, longest first, and win over the
rules and the trained recogniser. They belong to the pipeline they were added
to: another pipeline never sees them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Union

from .keyword_scan import KeywordScanner
from .rules import Candidate

LABELS = ("ORG", "GPE", "LOC", "PERSON")
#: above every rule (newspaper marks rank from 100): a user's name is taken first
PRIORITY = 200


class UserNames:
    """A candidate source of the names added to one pipeline."""

    name = "user"

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._automaton = None

    def add(self, names: Mapping[str, str]) -> None:
        """Add ``{name: label}`` pairs (labels ORG, GPE, LOC, PERSON); a name added again takes the new label."""
        if not isinstance(names, Mapping):
            raise TypeError(f"add_names() expects a dict of name → label, got {type(names).__name__}")
        for name, label in names.items():
            if not isinstance(name, str) or not isinstance(label, str):
                raise TypeError(
                    f"add_names() expects str names and labels, got {type(name).__name__} → {type(label).__name__}"
                )
            if label not in LABELS:
                raise ValueError(f"label of {name!r} must be one of {LABELS}, got {label!r}")
            if not name.strip() or name != name.strip():
                raise ValueError(f"a name must be non-empty text without surrounding spaces, got {name!r}")
        self.names.update(names)
        self._automaton = None

    def load(self, path: Union[str, os.PathLike]) -> int:
        """Add the names of a UTF-8 lexicon file: ``name<TAB>label`` per line (``#`` starts a comment,
        a line without a label is an ORG). Returns the number of names read."""
        if not isinstance(path, (str, os.PathLike)):
            raise TypeError(f"a lexicon file must be a path, got {type(path).__name__}")
        found: dict[str, str] = {}
        for number, line in enumerate(Path(path).read_text("utf-8-sig").splitlines(), 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if len(parts) > 2:
                raise ValueError(f"{path}:{number}: expected 'name<TAB>label', got {line!r}")
            found[parts[0].strip()] = parts[1].strip() if len(parts) == 2 else "ORG"
        self.add(found)
        return len(found)

    def _build(self) -> KeywordScanner:
        return KeywordScanner(self.names)

    def __call__(self, text: str, tokens=None, sentences=None) -> list[Candidate]:
        if not self.names:
            return []
        if self._automaton is None:
            self._automaton = self._build()
        hits = [(s, e, label) for s, e, _, label in self._automaton.iter(text)]
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        taken: list[tuple[int, int]] = []
        out = []
        for s, e, label in hits:
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            out.append(Candidate(s, e, label, priority=PRIORITY, source=self.name))
        return sorted(out, key=lambda c: c.start)
