"""The trained entity recogniser: a character tagger with word features.

Chinese names do not end where jieba's words do (``中美``, ``李大妈``,
``汤尤杯``): 13% of the gold names of the MSRA training set start or end
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
features for the whole text, one forward pass in numpy, and the best tag
sequence that obeys B/I/E/S; spaCy's transition-based ``ner`` on the same
network costs several times more (see ``training/README.md``).

This module registers, for spaCy's config system:

- ``ordos_nlp.CharTokenizer.v1``: one token per character; keeps the jieba word
  boundaries on ``doc.user_data`` for the features;
- ``ordos_nlp.CharEmbed.v1``: the feature extractor and hash embeddings;
- the ``ordos_bioes_ents`` component: tags → ``doc.ents`` (for
  ``spacy.load()`` of the model on its own).
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.layers import HashEmbed

MODEL_LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
WORDS_KEY = "ordos_word_bounds"
N_FEATURES = 4

# -- features -----------------------------------------------------------------

_P = np.uint64(0x100000001B3)  # odd, so invertible modulo 2**64
_P_INV = np.uint64(pow(0x100000001B3, -1, 2**64))
# powers of _P and of its inverse, grown on demand; one tuple, replaced whole, so that
# a thread never reads the powers of one size with the inverses of another
_POWERS: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    global _POWERS
    pw, pinv = _POWERS
    if len(pw) < n:
        size = max(n, 2 * len(pw), 4096)
        with np.errstate(over="ignore"):
            base = np.full(size, _P, dtype=np.uint64)
            base[0] = 1
            pw = np.cumprod(base, dtype=np.uint64)
            base[1:] = _P_INV
            pinv = np.cumprod(base, dtype=np.uint64)
        _POWERS = (pw, pinv)
    return pw[:n], pinv[:n]


def code_points(text: str) -> np.ndarray:
    """Code points, full-width digits and Latin letters mapped to ASCII."""
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    fw = ((cps >= 0xFF10) & (cps <= 0xFF19)) | ((cps >= 0xFF21) & (cps <= 0xFF3A)) | (
        (cps >= 0xFF41) & (cps <= 0xFF5A)
    )
    return np.where(fw, cps - 0xFEE0, cps)


def _class_table() -> np.ndarray:
    """Class of every BMP code point: 1 Han, 2 Chinese numeral, 3 digit, 4 Latin, 5 space, 6 other."""
    cps = np.arange(0x10000, dtype=np.int64)
    han = ((cps >= 0x4E00) & (cps <= 0x9FFF)) | ((cps >= 0x3400) & (cps <= 0x4DBF)) | (
        (cps >= 0xF900) & (cps <= 0xFAFF)
    )
    digit = (cps >= 48) & (cps <= 57)
    latin = ((cps >= 65) & (cps <= 90)) | ((cps >= 97) & (cps <= 122))
    space = (cps == 32) | (cps == 9) | (cps == 10) | (cps == 13) | (cps == 0x3000) | (cps == 0xA0)
    cn_digit = np.isin(cps, [ord(c) for c in "〇零一二三四五六七八九十百千万亿两"])
    return np.select([han & ~cn_digit, cn_digit, digit, latin, space], [1, 2, 3, 4, 5], 6).astype(np.int64)


_CLASSES = _class_table()


def _char_class(cps: np.ndarray) -> np.ndarray:
    return np.where(cps < 0x10000, _CLASSES[np.minimum(cps, 0xFFFF)], 6)


def _segments(n: int, bounds) -> np.ndarray:
    """Sorted segment edges (0 … n): every token edge; uncovered runs are segments too."""
    marks = np.zeros(n + 1, dtype=bool)
    marks[0] = marks[n] = True
    b = bounds if isinstance(bounds, np.ndarray) else np.array(list(bounds), dtype=np.int64).reshape(-1, 2)
    if len(b):
        b = b[(b[:, 0] >= 0) & (b[:, 1] <= n)]
        marks[b[:, 0]] = True
        marks[b[:, 1]] = True
    return np.flatnonzero(marks)


def _hashes(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Polynomial hash (mod 2**64) of each ``cps[start:end]``; equal strings, equal hashes."""
    n = len(cps)
    pw, pinv = _powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(cps.astype(np.uint64) * pw[:n], dtype=np.uint64, out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * pinv[starts]


def char_features(text: str, bounds, word_flags=None) -> np.ndarray:
    """The ``(len(text), N_FEATURES)`` uint64 feature matrix of ``text``.

    ``bounds``: word ``(start, end)`` offsets (jieba tokens), as pairs or an
    ``(n, 2)`` array; characters outside every word form words of their own.
    ``word_flags``: a ``WordFlags`` marking gazetteer places (1) and known
    organisations (2); default: the lexicon's.
    """
    n = len(text)
    if n == 0:
        return np.zeros((0, N_FEATURES), dtype=np.uint64)
    if word_flags is None:
        word_flags = default_word_flags()
    cps = code_points(text)
    edges = _segments(n, bounds)
    seg_start = edges[:-1]
    seg_len = np.diff(edges)
    seg_of = np.repeat(np.arange(len(seg_start)), seg_len)
    starts = seg_start[seg_of]
    lens = seg_len[seg_of]
    idx = np.arange(n)
    pos = np.where(lens == 1, 3, np.where(idx == starts, 0, np.where(idx == starts + lens - 1, 2, 1)))
    seg_hash = _hashes(cps, seg_start, edges[1:])
    with np.errstate(over="ignore"):
        word_key = seg_hash[seg_of] * np.uint64(4) + pos.astype(np.uint64)
    flags = np.where(seg_len > 1, word_flags(seg_hash), 0)[seg_of]
    u = cps.astype(np.uint64)
    nxt = np.concatenate((cps[1:], [0]))
    out = np.empty((n, N_FEATURES), dtype=np.uint64)
    out[:, 0] = u
    out[:, 1] = (u << np.uint64(21)) | nxt.astype(np.uint64)
    out[:, 2] = word_key
    out[:, 3] = (_char_class(cps) + 8 * pos + 32 * np.minimum(lens, 7) + 256 * flags).astype(np.uint64)
    return out


class WordFlags:
    """Word hash → 1 (a gazetteer place name), 2 (a known organisation) or 0, for arrays of hashes."""

    def __init__(self, places: Iterable[str], orgs: Iterable[str]):
        self.keys = np.zeros(0, dtype=np.uint64)
        self.values = np.zeros(0, dtype=np.int64)
        table: dict[int, int] = {}
        for value, words in ((2, orgs), (1, places)):  # a place wins over an organisation
            words = [w for w in words if w]
            if not words:
                continue
            for h in self.hash_words(words).tolist():
                table[h] = value
        if table:
            keys = np.fromiter(table.keys(), dtype=np.uint64, count=len(table))
            order = np.argsort(keys)
            self.keys = keys[order]
            self.values = np.fromiter(table.values(), dtype=np.int64, count=len(table))[order]

    @staticmethod
    def hash_words(words: list[str]) -> np.ndarray:
        lens = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
        ends = np.cumsum(lens)
        return _hashes(code_points("".join(words)), ends - lens, ends)

    def __call__(self, hashes: np.ndarray) -> np.ndarray:
        if not len(self.keys):
            return np.zeros(len(hashes), dtype=np.int64)
        i = np.minimum(np.searchsorted(self.keys, hashes), len(self.keys) - 1)
        return np.where(self.keys[i] == hashes, self.values[i], 0)


@lru_cache(maxsize=1)
def default_word_flags() -> WordFlags:
    from .lexicon import get_lexicon

    lex = get_lexicon()
    return WordFlags(lex.gaz.names, lex.org_lexicon)


def jieba_bounds(text: str) -> list[tuple[int, int]]:
    """jieba's words (with the gazetteer names added) as ``(start, end)``, as ``load()`` cuts them."""
    from ..segmenter import get_segmenter
    from .lexicon import add_names_to_jieba

    add_names_to_jieba()
    return get_segmenter().all_spans(text)


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
    tokens); ``None`` cuts the text with jieba. Tags are decoded with the
    B/I/E/S constraints (``BioesViterbi``): a softmax tagger alone may change
    label inside a name (鄂尔多斯军分区 as LOC + ORG + LOC).
    """

    #: texts longer than this are tagged in overlapping windows: memory stays flat, and the
    #: network's intermediate arrays stay in the processor's cache (measured fastest
    #: between 2,000 and 4,000); ``pad`` is far wider than the network's reach
    window = 3000
    pad = 32

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
        for f in feats:  # groups of about one window of rows, so that memory stays flat
            if group and size + len(f) > self.window:
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


@lru_cache(maxsize=1)
def _blas_controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


_BLAS_LOCK = threading.Lock()
_blas_users = 0
_blas_limit = None


@contextmanager
def one_blas_thread():
    """A context in which numpy's BLAS runs on one thread (threadpoolctl).

    The setting is process-wide: with several threads inside at once, the first
    one in sets it and the last one out restores the caller's.
    """
    global _blas_users, _blas_limit
    with _BLAS_LOCK:
        if _blas_users == 0:
            _blas_limit = _blas_controller().limit(limits=1, user_api="blas")
        _blas_users += 1
    try:
        yield
    finally:
        with _BLAS_LOCK:
            _blas_users -= 1
            if _blas_users == 0 and _blas_limit is not None:
                _blas_limit.restore_original_limits()
                _blas_limit = None


class LeanNet:
    """The tagger's forward pass in plain numpy, for one sequence (same numbers as thinc's).

    The weights are rearranged once: each maxout layer's columns piece by
    piece (the max over pieces is then an elementwise max of contiguous
    blocks), and each window layer's rows in the order of the window, whose
    input ``[x(i-w) … x(i) … x(i+w)]`` is built as one contiguous array, so
    that every layer is a single matrix product. Products go through numpy's
    BLAS held to one thread (``one_blas_thread``): on these shapes it runs about
    twice as fast as thinc's BLIS, while several threads cost more in start-up
    and waiting than they save, and would compete with ``extract_many``'s
    worker processes.
    """

    def __init__(self, embed_rest: Model, encode: Model, softmax: Model):
        def find(model: Model, name: str) -> list[Model]:
            return [m for m in model.walk() if m.name == name]

        self.embeds = [(m.get_param("E"), int(m.attrs["seed"]), int(m.attrs["column"])) for m in find(embed_rest, "hashembed")]
        maxouts = find(embed_rest, "maxout") + find(encode, "maxout")
        norms = find(embed_rest, "layernorm") + find(encode, "layernorm")
        windows = find(encode, "expand_window")
        if (
            len(self.embeds) != N_FEATURES
            or len(maxouts) != len(norms)
            or len(windows) != len(maxouts) - 1
            or len({w.attrs.get("window_size") for w in windows}) > 1
            or softmax.name != "softmax"
        ):
            raise ValueError("not the architecture LeanNet knows")
        self.window = int(windows[0].attrs["window_size"]) if windows else 1
        self.layers = []
        for i, (mo, ln) in enumerate(zip(maxouts, norms)):
            W = mo.get_param("W")  # (nO, nP, nI): thinc's maxout
            n_o, n_p, n_i = W.shape
            # columns piece-major: piece p of output o at column p * n_o + o
            w = np.ascontiguousarray(W.transpose(2, 1, 0).reshape(n_i, n_p * n_o))
            bias = np.ascontiguousarray(mo.get_param("b").T.reshape(-1))
            if i == 0:  # the mixer: one block of rows per embedding table
                width = n_i // len(self.embeds)
                w = [np.ascontiguousarray(w[k * width : (k + 1) * width]) for k in range(len(self.embeds))]
            self.layers.append((w, bias, n_o, n_p, ln.get_param("G"), ln.get_param("b")))
        self.out_w = np.ascontiguousarray(softmax.get_param("W").T)
        self.out_b = softmax.get_param("b")
        from thinc.api import NumpyOps

        self.ops = NumpyOps()

    @staticmethod
    def _maxout_norm(pre: np.ndarray, n_o: int, n_p: int, g: np.ndarray, b: np.ndarray) -> np.ndarray:
        x = pre[:, :n_o]
        for k in range(1, n_p):
            np.maximum(x, pre[:, k * n_o : (k + 1) * n_o], out=x)
        x = np.ascontiguousarray(x)
        mu = np.einsum("ij->i", x) / n_o
        x -= mu[:, None]
        var = np.einsum("ij,ij->i", x, x) / n_o
        x *= (1.0 / np.sqrt(var + 1e-08))[:, None]
        x *= g
        x += b
        return x

    @property
    def reach(self) -> int:
        """How many rows on each side a row's output depends on."""
        return self.window * (len(self.layers) - 1)

    def embed(self, feats: np.ndarray) -> np.ndarray:
        """Hash embeddings and the mixing layer: row by row, no context."""
        ops = self.ops
        w, bias, n_o, n_p, g, b = self.layers[0]
        pre = None
        for (table, seed, col), block in zip(self.embeds, w):
            keys = ops.hash(np.ascontiguousarray(feats[:, col]), seed) % np.uint32(len(table))
            part = ops.gather_add(table, keys) @ block
            pre = part if pre is None else pre.__iadd__(part)
        pre += bias
        return self._maxout_norm(pre, n_o, n_p, g, b)

    def encode(self, x: np.ndarray) -> np.ndarray:
        """The window layers (residual) over ``x``, with zeros beyond its ends."""
        ops = self.ops
        win = self.window
        n = len(x)
        xp = np.zeros((n + 2 * win, x.shape[1]), dtype=x.dtype)  # each layer's own zero edges
        xp[win : win + n] = x
        span = 2 * win + 1
        for w, bias, n_o, n_p, g, b in self.layers[1:]:
            cols = np.concatenate([xp[j : j + n] for j in range(span)], axis=1)  # [x(i-w) … x(i+w)]
            pre = cols @ w
            pre += bias
            xp[win : win + n] += self._maxout_norm(pre, n_o, n_p, g, b)
        return xp[win : win + n]

    def forward_many(self, feats: Sequence[np.ndarray], chunk: int = 3000, overlap: int = 32) -> list[np.ndarray]:
        """Logits of each feature matrix, all in one pass.

        As in training (thinc's ``with_array``), the sequences lie end to end with
        ``reach`` zero rows before, between and after them, which the layers then
        transform like any other row; long runs are encoded in chunks of ``chunk``
        rows that overlap by ``overlap`` (at least ``reach``) on each side.
        """
        pad = self.reach
        overlap = max(overlap, pad)
        lens = [len(f) for f in feats]
        if not sum(lens):
            return [np.zeros((0, self.out_w.shape[1]), dtype=np.float32) for _ in lens]
        x0 = self.embed(np.concatenate(feats))
        width = x0.shape[1]
        n = sum(lens) + pad * (len(feats) + 1)
        x = np.zeros((n, width), dtype=np.float32)
        rows = []
        pos, src = pad, 0
        for m in lens:
            x[pos : pos + m] = x0[src : src + m]
            rows.append(pos)
            pos += m + pad
            src += m
        if n <= chunk + 2 * overlap:
            h = self.encode(x)
        else:
            h = np.empty_like(x)
            for a in range(0, n, chunk):
                lo, hi = max(0, a - overlap), min(n, a + chunk + overlap)
                e = min(n, a + chunk)
                h[a:e] = self.encode(x[lo:hi])[a - lo : e - lo]
        logits = np.concatenate([h[r : r + m] for r, m in zip(rows, lens)]) @ self.out_w
        logits += self.out_b
        out, pos = [], 0
        for m in lens:
            out.append(logits[pos : pos + m])
            pos += m
        return out

    def __call__(self, feats: np.ndarray) -> np.ndarray:
        """Logits of one sequence."""
        return self.forward_many([feats])[0]


class BioesViterbi:
    """The best tag sequence that obeys B/I/E/S, searched only where the tagger is unsure.

    Characters whose most likely tag is O with probability ≥ ``sure`` stay O;
    every run of the others, with one character more on each side, is decoded
    as a whole (all runs at once, padded), under the rules: I/E follow B/I of
    the same label; B, S and O follow O, E or S; a run ends on O, E or S.
    """

    def __init__(self, tags: Sequence[str], sure: float = 0.9):
        self.tags = list(tags)
        self.o = self.tags.index("O")
        self.log_sure = float(np.log(sure))
        t = len(self.tags)
        allowed = np.zeros((t, t), dtype=bool)
        part = [x[0] if x != "O" else "O" for x in self.tags]
        label = [x[2:] if x != "O" else "" for x in self.tags]
        for i in range(t):
            for j in range(t):
                if part[i] in "BI":
                    allowed[i, j] = part[j] in "IE" and label[j] == label[i]
                else:
                    allowed[i, j] = part[j] in "BSO"
        self.trans = np.where(allowed, 0.0, -np.inf).astype(np.float32)
        self.start = np.array([0.0 if p in "BSO" else -np.inf for p in part], dtype=np.float32)
        self.end = np.array([0.0 if p in "ESO" else -np.inf for p in part], dtype=np.float32)

    def decode(self, logp: np.ndarray) -> np.ndarray:
        n, t = logp.shape
        ids = np.full(n, self.o, dtype=np.int64)
        unsure = logp[:, self.o] < self.log_sure
        if not unsure.any():
            return ids
        grow = unsure.copy()
        grow[1:] |= unsure[:-1]
        grow[:-1] |= unsure[1:]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], grow.astype(np.int8), [0]))))
        starts, ends = edges[0::2], edges[1::2]
        lens = ends - starts
        r, width = len(starts), int(lens.max())
        x = np.full((r, width, t), -np.inf, dtype=np.float32)
        x[:, :, self.o] = 0.0  # padding: O, which any run may end on
        rows = np.repeat(np.arange(r), lens)
        cols = np.arange(len(rows)) - np.repeat(np.cumsum(lens) - lens, lens)
        x[rows, cols] = logp[np.repeat(starts, lens) + cols]
        back = np.zeros((r, width, t), dtype=np.int64)
        delta = x[:, 0] + self.start
        for k in range(1, width):
            cand = delta[:, :, None] + self.trans[None]
            back[:, k] = cand.argmax(axis=1)
            delta = cand.max(axis=1) + x[:, k]
        path = np.zeros((r, width), dtype=np.int64)
        path[:, -1] = (delta + self.end).argmax(axis=1)
        ar = np.arange(r)
        for k in range(width - 1, 0, -1):
            path[:, k - 1] = back[ar, k, path[:, k]]
        ids[np.repeat(starts, lens) + cols] = path[rows, cols]
        return ids


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
