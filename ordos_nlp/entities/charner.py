"""The trained entity recogniser, run straight on a string: characters in, names out.

The model is a character tagger with word features (``B-/I-/E-/S-`` +
``PERSON``/``ORG``/``LOC`` or ``O`` per character), trained as a spaCy
``tagger`` (``training/``) and shipped as a spaCy pipeline directory
(``models/ner_msra``). Inside ``ordos_nlp`` it runs without building a ``Doc``:
features for the whole text (``charner_features``), one forward pass in numpy
(``charner_net``), and the best tag sequence that obeys B/I/E/S
(``charner_decode``). spaCy's transition-based ``ner`` on the same network
costs several times more (see ``training/README.md``). What spaCy needs to
train and load the model on its own is in ``charner_spacy``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from thinc.api import chain

from .charner_decode import MODEL_LABELS, BioesViterbi, TagDecoder
from .charner_features import (
    N_FEATURES,
    WordFlags,
    char_features,
    code_points,
    default_word_flags,
    jieba_bounds,
    require_text,
)
from .charner_net import LeanNet, one_blas_thread
from .charner_spacy import WORDS_KEY, CharTokenizer  # also registers the model's parts with spaCy

__all__ = [
    "MODEL_LABELS", "N_FEATURES", "WORDS_KEY", "BioesViterbi", "CharNER", "CharTokenizer", "LeanNet",
    "TagDecoder", "WordFlags", "char_features", "code_points", "default_word_flags", "get_char_ner",
    "jieba_bounds", "model_path", "one_blas_thread",
]


class CharNER:
    """The trained tagger, run straight on a string: ``predict(text, bounds)`` → spans.

    ``bounds``: the word boundaries the caller already has (the pipeline's
    tokens); ``None`` cuts the text with jieba. Tags are decoded with the
    B/I/E/S constraints (``BioesViterbi``): a softmax tagger alone may change
    label inside a name (鄂尔多斯军分区 as LOC + ORG + LOC).
    """

    #: texts longer than this are tagged in overlapping windows: memory stays flat, and the
    #: network's intermediate arrays stay in the processor's cache (measured fastest
    #: between 2,000 and 4,000); ``pad`` is far wider than the network's reach
    window = 3000
    pad = 32
    #: texts read in one pass, up to this many characters in all: the embedding reads each
    #: distinct character, bigram and word of the group once (``LeanNet.embed``)
    group_rows = 32768

    def __init__(self, path: str | Path):
        import spacy

        self.path = Path(path)
        self.nlp = spacy.load(self.path)
        tagger = self.nlp.get_pipe("tagger")
        model = tagger.model
        tok2vec = model.get_ref("tok2vec")
        embed = tok2vec.get_ref("embed")
        # the embed chain minus its feature extractor: features come from char_features()
        self._embed_rest = chain(*embed.layers[1:])
        self._encode = tok2vec.get_ref("encode")
        self._softmax = model.get_ref("softmax")
        self.decoder = TagDecoder(tagger.labels)
        self.viterbi = BioesViterbi(self.decoder.tags)
        try:
            self._net: Optional[LeanNet] = LeanNet(self._embed_rest, self._encode, self._softmax)
        except ValueError:  # another architecture: thinc's own forward pass
            self._net = None
        self.labels = sorted(set(self.decoder.group_label.values()))

    def log_probs(self, text: str, bounds=None) -> np.ndarray:
        """``(len(text), n_tags)`` log-probabilities of the tags (order: ``self.decoder.tags``)."""
        return self.log_probs_many([text], [bounds])[0]

    def log_probs_many(self, texts: Sequence[str], bounds: Sequence = ()) -> list[np.ndarray]:
        """``log_probs`` of several texts, run through the network together.

        Short texts (sentences) cost mostly per-call overhead; side by side,
        separated by zero rows as in training, they share each matrix product
        and give the same numbers as one by one.
        """
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, not one str")
        for text in texts:
            require_text(text)
        bounds = list(bounds) or [None] * len(texts)
        feats = [char_features(t, jieba_bounds(t) if b is None else b) for t, b in zip(texts, bounds)]
        if self._net is None:  # another architecture: thinc's forward pass, text by text
            return [self._normalise(self._thinc_scores(f)) for f in feats]
        with one_blas_thread():
            return self._net_log_probs(feats)

    def _net_log_probs(self, feats: list[np.ndarray]) -> list[np.ndarray]:
        out: list[np.ndarray] = []
        group: list[np.ndarray] = []
        size = 0
        for f in feats:  # groups of at most ``group_rows`` rows (more when one text is longer)
            if group and size + len(f) > self.group_rows:
                out.extend(self._normalise(s) for s in self._net.forward_many(group, self.window, self.pad))
                group, size = [], 0
            group.append(f)
            size += len(f)
        if group:
            out.extend(self._normalise(s) for s in self._net.forward_many(group, self.window, self.pad))
        return out

    def _thinc_scores(self, feats: np.ndarray) -> np.ndarray:
        if len(feats) == 0:
            return np.zeros((0, len(self.decoder.tags)), dtype=np.float32)
        vecs = self._encode.predict(self._embed_rest.predict([feats]))
        return self._softmax.predict(vecs[0])  # logits: the tagger normalises only in training

    @staticmethod
    def _normalise(scores: np.ndarray) -> np.ndarray:
        scores = scores - scores.max(axis=1, keepdims=True)
        return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))

    def predict_scored(self, text: str, bounds=None) -> list[tuple[int, int, str, float]]:
        """``(start, end, label, prob)``: ``prob`` is the least probability of a tag inside the name."""
        return self.predict_scored_many([text], [bounds])[0]

    def predict_scored_many(self, texts: Sequence[str], bounds: Sequence = ()) -> list[list[tuple[int, int, str, float]]]:
        """``predict_scored`` of several texts (one network pass and one decoding for all)."""
        logps = self.log_probs_many(texts, bounds)
        if not logps:
            return []
        # one decoding over all texts, each followed by a row where only O is possible: the
        # B/I/E/S rules then stop at every text's edge exactly as they do at the end of one
        t = len(self.decoder.tags)
        sep = np.full((1, t), -np.inf, dtype=np.float32)
        sep[0, self.viterbi.o] = 0.0
        parts = []
        for lp in logps:
            parts.append(lp.astype(np.float32, copy=False))
            parts.append(sep)
        joined = np.concatenate(parts)
        ids = self.viterbi.decode(joined)
        best = np.exp(joined[np.arange(len(ids)), ids])
        out: list[list[tuple[int, int, str, float]]] = []
        pos = 0
        for lp in logps:
            n = len(lp)
            sub = ids[pos : pos + n]
            out.append([(s, e, lab, float(best[pos + s : pos + e].min())) for s, e, lab in self.decoder.decode(sub)])
            pos += n + 1
        return out

    def predict(self, text: str, bounds=None) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, label)``; labels PERSON, ORG, LOC."""
        return [(s, e, lab) for s, e, lab, _ in self.predict_scored(text, bounds)]


def model_path() -> Path:
    """Where the shipped recogniser lives: ``ordos_nlp/models/ner_msra`` in an installed
    package, the top-level ``models/ner_msra`` in a checkout (an editable install)."""
    package = Path(__file__).resolve().parents[1]
    candidates = (package / "models" / "ner_msra", package.parent / "models" / "ner_msra")
    for path in candidates:
        if (path / "config.cfg").is_file():
            return path
    raise FileNotFoundError(
        "the trained entity recogniser is missing (looked in "
        + ", ".join(str(p) for p in candidates)
        + "); reinstall ordos_nlp, or use load(entities='rules')"
    )


@lru_cache(maxsize=4)
def get_char_ner(path: Optional[str] = None) -> CharNER:
    """The process-wide recogniser (loaded on first use)."""
    return CharNER(path or model_path())
