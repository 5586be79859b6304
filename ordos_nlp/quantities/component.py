"""Placeholder until the quantities component lands (keeps spaCy's entry points importable)."""

from spacy.language import Language


class _Passthrough:
    def __init__(self, name):
        self.name = name

    def __call__(self, doc):
        return doc


@Language.factory("ordos_quantities")
def make_quantities(nlp, name):
    return _Passthrough(name)
