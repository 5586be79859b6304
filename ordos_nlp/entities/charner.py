"""The trained entity recogniser: a character tagger with word features.

Chinese names do not end where jieba's words do (``中美``, ``李大妈``,
``汤尤杯``): one gold name in nine of the MSRA training set starts or ends
inside a jieba word. The recogniser therefore reads characters, one token per
character, and tags each with ``B-/I-/E-/S-`` + ``PERSON``/``ORG``/``LOC`` or
``O``. What the segmenter knows comes in as features of every character:

0. the character (full-width digits and Latin letters read as ASCII);
1. the character and the next one (bigram);
2. the jieba word around it (with the gazetteer names the entity component
   adds to jieba) and the character's place in that word (B/M/E/S);
3. the character class, its place in the word, the word's length, and whether
   the word is a gazetteer place name or a known organisation.

Each feature is an integer computed with numpy from the code points and the
word boundaries, then hash-embedded; a small maxout CNN (spaCy's
``MaxoutWindowEncoder``) and a softmax give the tags. The model is trained as a
spaCy ``tagger`` (``training/ner.cfg``) and saved as a spaCy pipeline; inside
``ordos_nlp`` it is run without building a ``Doc`` at all (``CharNER``):
features for the whole text, one forward pass, and a regular expression over
the argmax tags, which is several times faster than spaCy's transition-based
``ner`` (see ``training/README.md``).

This module registers, for spaCy's config system:

- ``ordos_nlp.CharTokenizer.v1``: one token per character; keeps the jieba word
  boundaries on ``doc.user_data`` for the features;
- ``ordos_nlp.CharEmbed.v1``: the feature extractor and hash embeddings;
- the ``ordos_bioes_ents`` component: tags → ``doc.ents`` (for
  ``spacy.load()`` of the model on its own).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.layers import HashEmbed
from thinc.types import Ragged

MODEL_LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
WORDS_KEY = "ordos_word_bounds"
N_FEATURES = 4

# -- features -----------------------------------------------------------------

_P = np.uint64(0x100000001B3)  # odd, so invertible modulo 2**64
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
_POW: np.ndarray = np.ones(1, dtype=np.uint64)
_POW_INV: np.ndarray = np.ones(1, dtype=np.uint64)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    global _POW, _POW_INV
    if len(_POW) < n:
        size = max(n, 2 * len(_POW), 4096)
        with np.errstate(over="ignore"):
            base = np.full(size, _P, dtype=np.uint64)
            base[0] = 1
            _POW = np.cumprod(base, dtype=np.uint64)
            base[1:] = _P_INV
            _POW_INV = np.cumprod(base, dtype=np.uint64)
    return _POW[:n], _POW_INV[:n]


def code_points(text: str) -> np.ndarray:
    """Code points, full-width digits and Latin letters mapped to ASCII."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    fw = ((cps >= 0xFF10) & (cps <= 0xFF19)) | ((cps >= 0xFF21) & (cps <= 0xFF3A)) | (
        (cps >= 0xFF41) & (cps <= 0xFF5A)
    )
    return np.where(fw, cps - 0xFEE0, cps)


def _char_class(cps: np.ndarray) -> np.ndarray:
    han = ((cps >= 0x4E00) & (cps <= 0x9FFF)) | ((cps >= 0x3400) & (cps <= 0x4DBF)) | (
        (cps >= 0xF900) & (cps <= 0xFAFF)
    )
    digit = (cps >= 48) & (cps <= 57)
    latin = ((cps >= 65) & (cps <= 90)) | ((cps >= 97) & (cps <= 122))
    space = (cps == 32) | (cps == 9) | (cps == 10) | (cps == 13) | (cps == 0x3000) | (cps == 0xA0)
    cn_digit = np.isin(cps, _CN_DIGITS)
    return np.select([han & ~cn_digit, cn_digit, digit, latin, space], [1, 2, 3, 4, 5], 6).astype(np.int64)


_CN_DIGITS = np.array([ord(c) for c in "〇零一二三四五六七八九十百千万亿两"], dtype=np.int64)


def _segments(n: int, bounds: Iterable[tuple[int, int]]) -> np.ndarray:
    """Sorted segment edges (0 … n): every token edge; uncovered runs are segments too."""
    marks = np.zeros(n + 1, dtype=bool)
    marks[0] = marks[n] = True
    for s, e in bounds:
        if 0 <= s <= n:
            marks[s] = True
        if 0 <= e <= n:
            marks[e] = True
    return np.flatnonzero(marks)


def char_features(text: str, bounds: Iterable[tuple[int, int]], word_flag=None) -> np.ndarray:
    """The ``(len(text), N_FEATURES)`` uint64 feature matrix of ``text``.

    ``bounds``: word ``(start, end)`` offsets (jieba tokens); characters outside
    every word form words of their own. ``word_flag(word) -> int`` (0, 1, 2)
    marks gazetteer places and known organisations; default: the lexicon's.
    """
    n = len(text)
    if n == 0:
        return np.zeros((0, N_FEATURES), dtype=np.uint64)
    if word_flag is None:
        word_flag = default_word_flag()
    cps = code_points(text)
    edges = _segments(n, bounds)
    seg_start = edges[:-1]
    seg_len = np.diff(edges)
    seg_of = np.repeat(np.arange(len(seg_start)), seg_len)
    starts = seg_start[seg_of]
    lens = seg_len[seg_of]
    idx = np.arange(n)
    pos = np.where(lens == 1, 3, np.where(idx == starts, 0, np.where(idx == starts + lens - 1, 2, 1)))
    pw, pinv = _powers(n + 1)
    u = cps.astype(np.uint64)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(u * pw[:n], dtype=np.uint64, out=prefix[1:])
        seg_hash = (prefix[edges[1:]] - prefix[seg_start]) * pinv[seg_start]
        word_key = seg_hash[seg_of] * np.uint64(4) + pos.astype(np.uint64)
    flags = np.fromiter(
        (word_flag(text[s:e]) if e - s > 1 else 0 for s, e in zip(seg_start.tolist(), edges[1:].tolist())),
        dtype=np.int64,
        count=len(seg_start),
    )[seg_of]
    nxt = np.concatenate((cps[1:], [0]))
    out = np.empty((n, N_FEATURES), dtype=np.uint64)
    out[:, 0] = u
    out[:, 1] = (u << np.uint64(21)) | nxt.astype(np.uint64)
    out[:, 2] = word_key
    out[:, 3] = (_char_class(cps) + 8 * pos + 32 * np.minimum(lens, 7) + 256 * flags).astype(np.uint64)
    return out


@lru_cache(maxsize=1)
def default_word_flag():
    from .lexicon import get_lexicon

    lex = get_lexicon()
    places = lex.gaz.names
    orgs = lex.org_lexicon

    def flag(word: str) -> int:
        if word in places:
            return 1
        if word in orgs:
            return 2
        return 0

    return flag


def jieba_bounds(text: str) -> list[tuple[int, int]]:
    """jieba's words (with the gazetteer names added) as ``(start, end)``, as ``load()`` cuts them."""
    import jieba

    from .lexicon import add_names_to_jieba

    add_names_to_jieba()
    out = []
    pos = 0
    for w in jieba.cut(text, cut_all=False):
        if w:
            out.append((pos, pos + len(w)))
            pos += len(w)
    return out


def doc_features(doc: Doc) -> np.ndarray:
    bounds = doc.user_data.get(WORDS_KEY)
    text = doc.text
    if bounds is None:
        bounds = jieba_bounds(text)
    return char_features(text, bounds)


# -- spaCy registrations ---------------------------------------------------------


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


# -- tags → spans ------------------------------------------------------------------


class TagDecoder:
    """``B-X I-X* E-X`` / ``S-X`` runs (leniently: a run may lack its B or its E) → spans."""

    def __init__(self, tags: Sequence[str]):
        self.tags = list(tags)
        labels = sorted({t[2:] for t in tags if t != "O" and len(t) > 2})
        self.labels = labels
        letters = {}
        code = []
        base = ord("a")
        for li, lab in enumerate(labels):
            for j, part in enumerate("BIES"):
                letters[f"{part}-{lab}"] = chr(base + 4 * li + j)
        for t in self.tags:
            code.append(letters.get(t, "O"))
        self.code = np.array([ord(c) for c in code], dtype=np.uint32)
        alts = []
        for li, lab in enumerate(labels):
            b, i, e, s = (chr(base + 4 * li + j) for j in range(4))
            alts.append(f"(?P<L{li}>[{b}{i}]{i}*{e}?|{e}|{s})")
        self.regex = re.compile("|".join(alts))
        self.group_label = {f"L{li}": MODEL_LABELS.get(lab, lab) for li, lab in enumerate(labels)}

    def decode(self, tag_ids: np.ndarray) -> list[tuple[int, int, str]]:
        if len(tag_ids) == 0:
            return []
        s = self.code[tag_ids].tobytes().decode("utf-32-le")
        return [(m.start(), m.end(), self.group_label[m.lastgroup]) for m in self.regex.finditer(s)]


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


# -- fast inference ----------------------------------------------------------------


class CharNER:
    """The trained tagger, run straight on a string: ``predict(text, bounds)`` → spans.

    ``bounds``: the word boundaries the caller already has (the pipeline's
    tokens); ``None`` cuts the text with jieba.
    """

    #: texts longer than this are tagged in overlapping windows (memory stays flat)
    window = 20000

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
        self.labels = sorted(set(self.decoder.group_label.values()))

    def tag_ids(self, text: str, bounds: Optional[Iterable[tuple[int, int]]] = None) -> np.ndarray:
        if bounds is None:
            bounds = jieba_bounds(text)
        feats = char_features(text, bounds)
        return self._tag_feats(feats)

    def _tag_feats(self, feats: np.ndarray) -> np.ndarray:
        return self._scores(feats).argmax(axis=1)

    def _scores(self, feats: np.ndarray) -> np.ndarray:
        if len(feats) == 0:
            return np.zeros((0, len(self.decoder.tags)), dtype=np.float32)
        vecs = self._embed_rest.predict([feats])
        vecs = self._encode.predict(vecs)
        return self._softmax.predict(vecs[0])

    def predict_scored(
        self, text: str, bounds: Optional[Iterable[tuple[int, int]]] = None
    ) -> list[tuple[int, int, str, float]]:
        """``(start, end, label, prob)``: ``prob`` is the least tag probability inside the name."""
        if bounds is None:
            bounds = jieba_bounds(text)
        feats = char_features(text, bounds)
        scores = np.concatenate([self._scores(feats[s : s + self.window]) for s in range(0, len(text), self.window)]) \
            if len(text) > self.window else self._scores(feats)
        if len(scores) == 0:
            return []
        ids = scores.argmax(axis=1)
        best = scores[np.arange(len(ids)), ids]
        return [(s, e, lab, float(best[s:e].min())) for s, e, lab in self.decoder.decode(ids)]

    def predict(self, text: str, bounds: Optional[Iterable[tuple[int, int]]] = None) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, label)``; labels PERSON, ORG, LOC."""
        if bounds is None:
            bounds = jieba_bounds(text)
        if len(text) <= self.window:
            return self.decoder.decode(self._tag_feats(char_features(text, bounds)))
        bounds = list(bounds)
        feats = char_features(text, bounds)
        ids = np.empty(len(text), dtype=np.int64)
        pad = 200
        for s in range(0, len(text), self.window):
            lo, hi = max(0, s - pad), min(len(text), s + self.window + pad)
            part = self._tag_feats(feats[lo:hi])
            ids[s : min(len(text), s + self.window)] = part[s - lo : s - lo + min(self.window, len(text) - s)]
        return self.decoder.decode(ids)


def model_path() -> Path:
    """Where the packaged model lives: ``ordos_nlp/models/ner_msra``."""
    from importlib import resources

    return Path(str(resources.files("ordos_nlp").joinpath("models", "ner_msra")))


@lru_cache(maxsize=4)
def get_char_ner(path: Optional[str] = None) -> CharNER:
    """The process-wide recogniser (loaded on first use)."""
    return CharNER(path or model_path())
