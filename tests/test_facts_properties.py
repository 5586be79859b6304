"""Metamorphic properties of the number and date layer: changes that must not change a value.

- spaces and line breaks between sentences never change a fact;
- cutting a text into chunks between sentences gives the same facts;
- full-width, traditional and financial forms of a number give the same value;
- a list and a range with the same numbers read the shared multiplier alike.

The sentences are the phrases of ``tests/cases/quantities.json`` and ``dates.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from ordos_nlp.api import chunk_bounds
from ordos_nlp.dates import find_dates
from ordos_nlp.quantities import find_quantities

CASES = Path(__file__).parent / "cases"
_ENDS = "。！？!?"


def _phrases() -> list[str]:
    out = []
    for name in ("quantities.json", "dates.json"):
        for case in json.loads((CASES / name).read_text("utf-8")):
            text = case["text"]
            out.append(text if text[-1] in _ENDS else text + "。")
    return out


PHRASES = _phrases()
SENTENCES = st.lists(st.sampled_from(PHRASES), min_size=1, max_size=6)
GAPS = st.sampled_from(["", " ", "\n", "\n\n", "  \n", "\u3000", " \n \n"])


def _facts(text: str, shift: int = 0) -> list[tuple]:
    quantities = [
        ("Q", q.start + shift, q.end + shift, q.text, q.value, q.unit, q.kind, q.qualifier, q.low, q.high, q.currency)
        for q in find_quantities(text)
    ]
    dates = [("D", d.start + shift, d.end + shift, d.text, d.value, d.mod) for d in find_dates(text)]
    return quantities + dates


def _joined(sentences: list[str], gaps: list[str]) -> tuple[str, list[int]]:
    text, starts = "", []
    for i, sentence in enumerate(sentences):
        if i:
            text += gaps[i % len(gaps)]
        starts.append(len(text))
        text += sentence
    return text, starts


@settings(max_examples=150, deadline=None)
@given(SENTENCES, st.lists(GAPS, min_size=1, max_size=6))
def test_space_between_sentences_changes_no_fact(sentences, gaps):
    text, starts = _joined(sentences, gaps)
    alone = sorted(f for s, start in zip(sentences, starts) for f in _facts(s, start))
    assert sorted(_facts(text)) == alone


@settings(max_examples=100, deadline=None)
@given(SENTENCES, GAPS, st.integers(min_value=10, max_value=120))
def test_chunks_give_the_same_facts(sentences, gap, limit):
    text, _ = _joined(sentences, [gap])
    chunked = sorted(f for start, end in chunk_bounds(text, limit) for f in _facts(text[start:end], start))
    assert chunked == sorted(_facts(text))


_FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
_TRADITIONAL = str.maketrans({"万": "萬", "亿": "億", "两": "兩", "点": "點"})
UNITS = st.sampled_from(["元", "吨", "亩", "人", "万元", "亿元", "公里", "个百分点"])


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=11, max_value=10**12 - 1), UNITS)  # 一人, 二类: articles and ordinals
def test_written_forms_of_a_number_give_one_value(n, unit):
    if unit[0] in "万亿" and n >= 10**4:
        n = n % 9989 + 11  # 一万零一万元 is not written
    forms = {
        "arabic": f"达到{n}{unit}",
        "fullwidth": f"达到{n}{unit}".translate(_FULLWIDTH),
        "chinese": f"达到{cn2an.an2cn(n)}{unit}",
        "traditional": f"达到{cn2an.an2cn(n)}{unit}".translate(_TRADITIONAL),
        "financial": f"达到{cn2an.an2cn(n, 'up')}{unit}",
    }
    values = {name: [(q.value, q.unit, q.kind) for q in find_quantities(text)] for name, text in forms.items()}
    assert len(values["arabic"]) == 1
    assert all(v == values["arabic"] for v in values.values()), values


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["", "千", "万", "百万", "千万", "亿"]),  # 3十元 is not written
    st.sampled_from(["元", "吨", "亩", "人", "公里", "千瓦"]),
    st.sampled_from([("至", "、"), ("到", "和"), ("-", "、"), ("~", "及")]),
)
def test_a_list_and_a_range_share_the_multiplier_alike(a, b, multiplier, unit, seps):
    if multiplier[:1] in ("千", "百"):
        a, b = a % 9 + 1, b % 9 + 1  # 10千元 is not written
    low, high = sorted((a, b))
    if low == high:
        return
    to, also = seps
    (rng,) = find_quantities(f"投入{low}{to}{high}{multiplier}{unit}")
    listed = find_quantities(f"分别投入{low}{also}{high}{multiplier}{unit}")
    assert [q.value for q in listed] == [rng.low, rng.high]
    assert {(q.unit, q.kind) for q in listed} == {(rng.unit, rng.kind)}
