"""Span lookups of the entity rules agree with a plain scan over every span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ordos_nlp.entities.candidates import SpanIndex, Tokens

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])), max_size=25)
ranges = st.tuples(st.integers(0, 70), st.integers(0, 15)).map(lambda t: (t[0], t[0] + t[1]))


@settings(max_examples=400, deadline=None)
@given(spans, ranges)
def test_overlaps_agrees_with_a_scan(items, rng):
    s, e = rng
    assert SpanIndex(items).overlaps(s, e) == any(a < e and s < b for a, b in items)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=20), ranges)
def test_words_in_agrees_with_a_scan(lengths, rng):
    cuts = [0]
    for n in lengths:
        cuts.append(cuts[-1] + n)
    text = "".join(chr(0x4E00 + i) for i in range(cuts[-1]))
    tokens = Tokens(zip(cuts, cuts[1:]))
    s, e = rng
    s, e = min(s, len(text)), min(e, len(text))
    expected = [text[max(a, s) : min(b, e)] for a, b in tokens.spans if a < e and s < b]
    assert tokens.words_in(text, s, e) == expected
