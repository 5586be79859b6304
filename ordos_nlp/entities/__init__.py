"""Entities: ORG, GPE, LOC and PERSON from a gazetteer and name rules.

- ``get_gazetteer()`` / ``Gazetteer``: every administrative division of China
  with its parents, short forms, former names, development zones, countries;
- ``RuleFinder``: the name rules over one string (``rules.py``);
- the spaCy component ``ordos_entities`` (``component.py``);
- ``find_entities(text)``: the same without a pipeline, for scripts and tests.
"""

from __future__ import annotations

from .gazetteer import Gazetteer, Place, get_gazetteer, resolve
from .lexicon import add_names_to_jieba, get_lexicon
from .rules import Candidate, RuleFinder, Tokens

__all__ = [
    "Candidate",
    "Gazetteer",
    "Place",
    "RuleFinder",
    "Tokens",
    "add_names_to_jieba",
    "find_entities",
    "get_gazetteer",
    "get_lexicon",
    "resolve",
]


def find_entities(text: str, home: tuple[str, ...] = ("150000",)) -> list:
    """Entities of ``text`` by the rules alone, as ``ordos_nlp.Entity`` with offsets
    into ``text`` (page layout and soft line breaks are read as the pipeline does)."""
    from ..facts import Entity
    from ..fold import fold
    from ..layout import segment
    from ..layout.view import TextView

    add_names_to_jieba(home)
    folded = fold(text)  # same length: offsets into it are offsets into ``text``
    layout = segment(folded)
    view = TextView.build(folded, layout.soft_breaks)
    # sentence offsets into the view
    removed = sorted(layout.soft_breaks)

    def to_view(o: int) -> int:
        shift = 0
        for s, e in removed:
            if e <= o:
                shift += e - s
            elif s < o:
                return s - shift
        return o - shift

    sentences = [(to_view(s), to_view(e), kind) for s, e, kind in layout.sentences]
    finder = RuleFinder(get_lexicon(), (*home,))
    out = []
    for c in finder.find(view.text, Tokens.from_jieba(view.text), sentences):
        s, e = view.to_original(c.start, c.end)
        gpe = c.label == "GPE"
        out.append(Entity(text[s:e], s, e, c.label, c.adcode if gpe else None, tuple(c.parents) if gpe else ()))
    return out
