"""spaCy component: the statistical records of a document, after the entities.

Reads the spans the layout, quantities, dates and entities components left on
the ``Doc`` (it parses no number itself and changes none of their spans) and
sets ``doc._.records``. ``doc._.doc_place`` (a resolved unit) and
``doc._.doc_period`` say what the caller knows about the document.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers Doc/Span extensions)
from ..stateless import StatelessComponent
from .document import Settings, records_from_doc
from .lexicon import get_lexicon
from .places import unit_of_name


class RecordReader(StatelessComponent):
    """Sets ``doc._.records``: list[Record] in text order."""

    def __init__(self, nlp: Language, name: str = "ordos_records"):
        self.name = name
        self.lexicon = get_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        place = doc._.doc_place
        settings = Settings(
            place=unit_of_name(place) if isinstance(place, str) else place,
            period=doc._.doc_period,
            doc_date=doc._.doc_date,
        )
        doc._.records = records_from_doc(doc, settings, self.lexicon)
        return doc


@Language.factory("ordos_records")
def make_records(nlp: Language, name: str) -> RecordReader:
    return RecordReader(nlp, name)
