"""The custom attributes that the components leave on ``Doc`` and ``Span``.

Registered once, on import of the package. Components write them; the fact
layer (``ordos_nlp.facts_from_doc``) only reads them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_GROUPS = ("entities", "quantities", "dates")


def _doc_facts(doc: Doc):
    from .doc_facts import sentences_from_doc

    return sentences_from_doc(doc)


def register() -> None:
    """Register every extension; safe to call more than once."""
    doc_attrs = {
        "doc_date": None,  # datetime.date the text was published, for relative dates
        "sentence_kinds": None,  # list[(start_char, end_char, kind)] from the layout component
        "soft_breaks": None,  # list[(start_char, end_char)] of line breaks inside a sentence
        "articles": None,  # list[Article] of the page, from the layout component
        "records": None,  # list[Record] from the records component
        "doc_place": None,  # the place the caller says the document is about (name or adcode)
        "doc_period": None,  # the period the caller says the document reports on ("2023")
    }
    for name, default in doc_attrs.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Doc.has_extension("facts"):
        Doc.set_extension("facts", getter=_doc_facts)
    span_attrs = ("quantity", "time", "entity")
    for name in span_attrs:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    getters = {
        "value": lambda s: s._.quantity.value if s._.quantity is not None else None,
        "unit": lambda s: s._.quantity.unit if s._.quantity is not None else None,
        "adcode": lambda s: s._.entity.adcode if s._.entity is not None else None,
        "parents": lambda s: s._.entity.parents if s._.entity is not None else (),
    }
    for name, getter in getters.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


register()
