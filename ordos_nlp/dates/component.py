"""spaCy component: time expressions as ``DATE`` spans with ``span._.time``."""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401
from ..layout.view import TextView
from ..spans import doc_text, make_spans, set_doc_ents
from ..stateless import StatelessComponent
from .finder import find_dates


class DateRecognizer(StatelessComponent):
    """Finds dates on the layout's joined view; ``doc._.doc_date`` resolves 今年, 一季度 …"""

    def __init__(self, nlp: Language, name: str = "ordos_dates"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        view = TextView.from_doc(doc)
        text = doc_text(doc)
        found = []
        for t in find_dates(view.text, doc._.doc_date):
            s, e = view.to_original(t.start, t.end)
            found.append(replace(t, start=s, end=e, text=text[s:e]))
        spans = make_spans(doc, [(t.start, t.end, "DATE") for t in found])
        for span, t in zip(spans, found):
            span._.time = t
        doc.spans["dates"] = spans
        set_doc_ents(doc)
        return doc


@Language.factory("ordos_dates")
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer(nlp, name)
