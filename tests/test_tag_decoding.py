"""The recogniser's decoding: the best B/I/E/S-valid tag sequence, checked against a
textbook Viterbi over every run of unsure characters."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ordos_nlp.entities.charner_decode import BioesViterbi, TagDecoder

TAGS = [f"{p}-{lab}" for lab in ("LOC", "ORG", "PERSON") for p in "BIES"] + ["O"]
VITERBI = BioesViterbi(TAGS)


def textbook(logp: np.ndarray, v: BioesViterbi) -> np.ndarray:
    """Plain Viterbi over one run, start and end constraints included."""
    n, t = logp.shape
    delta = logp[0] + v.start
    back = np.zeros((n, t), dtype=np.int64)
    for k in range(1, n):
        cand = delta[:, None] + v.trans
        back[k] = cand.argmax(axis=0)
        delta = cand.max(axis=0) + logp[k]
    path = [int((delta + v.end).argmax())]
    for k in range(n - 1, 0, -1):
        path.append(int(back[k, path[-1]]))
    return np.array(path[::-1])


def reference(logp: np.ndarray, v: BioesViterbi) -> np.ndarray:
    """O where O is sure; each run of unsure characters, one more on each side, decoded alone."""
    n = len(logp)
    unsure = logp[:, v.o] < v.log_sure
    grow = unsure.copy()
    grow[1:] |= unsure[:-1]
    grow[:-1] |= unsure[1:]
    ids = np.full(n, v.o)
    k = 0
    while k < n:
        if not grow[k]:
            k += 1
            continue
        e = k
        while e < n and grow[e]:
            e += 1
        ids[k:e] = textbook(logp[k:e], v)
        k = e
    return ids


@st.composite
def log_probs(draw):
    n = draw(st.integers(1, 40))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(n, len(TAGS))) * draw(st.sampled_from([0.5, 2.0, 6.0]))
    sure_o = rng.random(n) < draw(st.sampled_from([0.0, 0.5, 0.9]))
    scores[sure_o, TAGS.index("O")] += 20.0  # characters the tagger is sure are O
    scores -= scores.max(axis=1, keepdims=True)
    return (scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))).astype(np.float32)


@settings(max_examples=300, deadline=None)
@given(log_probs())
def test_decoding_is_the_best_valid_sequence_of_each_unsure_run(logp):
    assert VITERBI.decode(logp).tolist() == reference(logp, VITERBI).tolist()


@settings(max_examples=200, deadline=None)
@given(log_probs())
def test_decoded_tags_obey_bioes(logp):
    ids = VITERBI.decode(logp)
    tags = [TAGS[i] for i in ids] + ["O"]
    prev = "O"
    for tag in tags:
        if prev[0] in "BI":
            assert tag[0] in "IE" and tag[2:] == prev[2:], (prev, tag)
        else:
            assert tag[0] in "BSO", (prev, tag)
        prev = tag
    # every name read off the sequence is a whole B…E or S run
    spans = TagDecoder(TAGS).decode(ids)
    for s, e, _ in spans:
        assert TAGS[ids[s]][0] in "BS" and TAGS[ids[e - 1]][0] in "ES"
