"""spaCy component: quantities as ``QUANTITY`` spans with ``span._.quantity``."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers Doc/Span extensions)
from ..layout.view import TextView
from ..spans import doc_text, make_spans, set_doc_ents
from ..stateless import StatelessComponent
from .finder import find_quantities

_TITLE_RE = re.compile(r"《[^《》]*》")


def _title_ranges(text: str) -> list[tuple[int, int]]:
    if "《" not in text:
        return []
    return [m.span() for m in _TITLE_RE.finditer(text)]


class QuantityRecognizer(StatelessComponent):
    """Finds quantities on the layout's joined view (``209\\n\\n只`` reads ``209只``)."""

    def __init__(self, nlp: Language, name: str = "ordos_quantities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = TextView.from_doc(doc)
        text = doc_text(doc)
        titles = _title_ranges(text)
        title_starts = [ts for ts, _ in titles]
        found = []
        for q in find_quantities(view.text):
            s, e = view.to_original(q.start, q.end)
            i = bisect_right(title_starts, s) - 1
            if i >= 0 and e <= titles[i][1]:
                continue  # nothing inside 《…》 is a quantity
            found.append(replace(q, start=s, end=e, text=text[s:e]))
        spans = make_spans(doc, [(q.start, q.end, "QUANTITY") for q in found])
        for span, q in zip(spans, found):
            span._.quantity = q
        doc.spans["quantities"] = spans
        set_doc_ents(doc)
        return doc

    # nothing to save: the units are package data

@Language.factory("ordos_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityRecognizer:
    return QuantityRecognizer(nlp, name)
