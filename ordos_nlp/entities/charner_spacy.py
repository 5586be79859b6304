"""The recogniser's pieces as spaCy knows them: for training, and for ``spacy.load()`` of the model.

Registered for spaCy's config system (``training/ner.cfg``) and exposed as
entry points (``pyproject.toml``), so that the saved model directory loads
with plain ``spacy.load()`` in a fresh interpreter:

- ``ordos_nlp.CharTokenizer.v1``: one token per character; keeps the jieba word
  boundaries on ``doc.user_data`` for the features;
- ``ordos_nlp.CharEmbed.v1``: the feature extractor and hash embeddings;
- the ``ordos_bioes_ents`` component: tags → ``doc.ents``.

Inside ``ordos_nlp`` none of this runs: ``charner.CharNER`` takes the trained
weights and runs them without a ``Doc``.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.layers import HashEmbed

from .charner_decode import TagDecoder
from .charner_features import N_FEATURES, char_features, jieba_bounds

WORDS_KEY = "ordos_word_bounds"


def doc_features(doc: Doc) -> np.ndarray:
    bounds = doc.user_data.get(WORDS_KEY)
    text = doc.text
    if bounds is None:
        bounds = jieba_bounds(text)
    return char_features(text, bounds)


class CharTokenizer:
    """One token per character (whitespace too); the jieba words go to ``doc.user_data``."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        doc = Doc(self.vocab, words=list(text), spaces=[False] * len(text))
        doc.user_data[WORDS_KEY] = jieba_bounds(text)
        return doc

    def pipe(self, texts, batch_size=1000):
        for t in texts:
            yield self(t)

    # nothing to save: the behaviour is all in the code
    def to_disk(self, path, **kwargs):
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path, **kwargs):
        return self

    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self


@registry.tokenizers("ordos_nlp.CharTokenizer.v1")
def create_char_tokenizer():
    def make(nlp):
        return CharTokenizer(nlp.vocab)

    return make


def _extract_forward(model: Model, docs: List[Doc], is_train: bool):
    feats = [model.ops.asarray2i(doc_features(doc), dtype="uint64") for doc in docs]
    return feats, lambda d: []


@registry.architectures("ordos_nlp.CharEmbed.v1")
def CharEmbed(width: int, rows: List[int], mix_pieces: int = 3) -> Model[List[Doc], List]:
    """Hash embeddings of the character features, mixed by one maxout layer."""
    if len(rows) != N_FEATURES:
        raise ValueError(f"rows: one number per feature ({N_FEATURES}), got {len(rows)}")
    embeds = [HashEmbed(width, r, column=i, seed=8 + i, dropout=0.0) for i, r in enumerate(rows)]
    return chain(
        Model("ordos_char_features", _extract_forward),
        list2ragged(),
        with_array(concatenate(*embeds)),
        with_array(Maxout(width, width * N_FEATURES, nP=mix_pieces, dropout=0.0, normalize=True)),
        ragged2list(),
    )


@Language.factory("ordos_bioes_ents", default_config={"tagger": "tagger"})
def make_bioes_ents(nlp: Language, name: str, tagger: str):
    return BioesEnts(nlp, tagger)


class BioesEnts:
    """Turns the character tagger's ``B-/I-/E-/S-`` tags into ``doc.ents``."""

    def __init__(self, nlp: Language, tagger: str):
        self.nlp = nlp
        self.tagger = tagger
        self._decoder: Optional[TagDecoder] = None

    def __call__(self, doc: Doc) -> Doc:
        if self._decoder is None:
            self._decoder = TagDecoder(self.nlp.get_pipe(self.tagger).labels)
        dec = self._decoder
        index = {t: i for i, t in enumerate(dec.tags)}
        o = index.get("O", 0)
        ids = np.array([index.get(t.tag_, o) for t in doc], dtype=np.int64)
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in dec.decode(ids)]
        return doc

    def score(self, examples, **kwargs):
        """Entity precision/recall/F1 (``ents_f`` …), as spaCy's ``ner`` reports them."""
        from spacy.scorer import get_ner_prf

        return get_ner_prf(examples)
