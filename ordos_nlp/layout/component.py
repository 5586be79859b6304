"""spaCy component: sentence boundaries and soft line breaks from the page layout."""

from __future__ import annotations

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers Doc/Span extensions)
from ..spans import doc_folded_text, doc_text, ensure_token_boundaries
from ..stateless import StatelessComponent
from .articles import articles_from_sentences
from .segment import segment


class LayoutSegmenter(StatelessComponent):
    """Sets ``doc._.sentence_kinds``, ``doc._.soft_breaks``, ``doc._.articles`` and ``token.is_sent_start``.

    Whitespace between two sentences stays with the sentence before it, so
    ``doc.sents`` covers every token while the kinds keep the exact character
    ranges.
    """

    def __init__(self, nlp: Language, name: str = "ordos_layout"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        layout = segment(doc_folded_text(doc))  # 記者, 訊: marks read in simplified form
        doc._.sentence_kinds = list(layout.sentences)
        doc._.soft_breaks = list(layout.soft_breaks)
        doc._.articles = articles_from_sentences(doc_text(doc), layout.sentences)
        if len(doc) == 0:
            return doc
        ensure_token_boundaries(doc, [(s, e) for s, e, _ in layout.sentences])
        idx = doc.to_array(IDX).astype(numpy.int64)
        starts = numpy.fromiter((s for s, _, _ in layout.sentences), dtype=numpy.int64)
        flags = numpy.where(numpy.isin(idx, starts), 1, -1).astype(numpy.int64)
        flags[0] = 1
        flags = flags.astype("uint64")  # spaCy stores attributes as uint64; -1 wraps as it expects
        # one array write instead of token.is_sent_start per token (which rescans the doc)
        doc.from_array([SENT_START], flags.reshape(-1, 1))
        return doc


@Language.factory("ordos_layout")
def make_layout(nlp: Language, name: str) -> LayoutSegmenter:
    return LayoutSegmenter(nlp, name)
