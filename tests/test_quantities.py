"""Quantities (FACTS.md, Quantities): cases in tests/cases/quantities.json, plus properties."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import ordos_nlp.quantities.component  # noqa: F401  (registers the factory)
from ordos_nlp.facts import Quantity, number_to_str
from ordos_nlp.quantities import UNITS, find_quantities

CASES = json.loads((Path(__file__).parent / "cases" / "quantities.json").read_text("utf-8"))
FIELDS = ("text", "value", "unit", "kind", "qualifier", "low", "high", "currency", "si_value", "si_unit")


def _as_expected(q: Quantity, keys) -> dict:
    d = {
        "text": q.text,
        "value": number_to_str(q.value),
        "unit": q.unit,
        "kind": q.kind,
        "qualifier": q.qualifier,
        "low": number_to_str(q.low),
        "high": number_to_str(q.high),
        "currency": q.currency,
        "si_value": number_to_str(q.si_value),
        "si_unit": q.si_unit,
    }
    return {k: d[k] for k in keys}


def _keys(x: dict):
    return [k for k in FIELDS if k in x]


def test_enough_cases():
    assert len(CASES) >= 60
    assert sum(1 for c in CASES if not c["expect"]) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:18] for c in CASES])
def test_find_quantities(case):
    text = case["text"]
    found = find_quantities(text)
    assert [q.text for q in found] == [x["text"] for x in case["expect"]]
    for q, x in zip(found, case["expect"]):
        assert text[q.start : q.end] == q.text
        assert _as_expected(q, _keys(x)) == x
        # fields a case leaves out are empty
        if "low" not in x:
            assert q.low is None and q.high is None
        if "currency" not in x:
            assert q.currency is None
        if "si_value" not in x:
            assert q.si_value is None


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("ordos_quantities")
    return nlp


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:18] for c in CASES])
def test_component(nlp, case):
    doc = nlp(case["text"])
    spans = list(doc.spans["quantities"])
    assert [s.text for s in spans] == [x["text"] for x in case["expect"]]
    for span, x in zip(spans, case["expect"]):
        q = span._.quantity
        assert (span.start_char, span.end_char) == (q.start, q.end)
        assert span.label_ == "QUANTITY"
        assert number_to_str(span._.value) == x["value"]
        assert span._.unit == x["unit"]
    assert {(e.start_char, e.end_char) for e in doc.ents} == {(s.start_char, s.end_char) for s in spans}


def test_component_reads_across_soft_breaks(nlp):
    text = "国家一级保护动物遗鸥数量为209\n\n只,白骨顶"
    doc = nlp.make_doc(text)
    brk = text.index("\n\n")
    doc._.soft_breaks = [(brk, brk + 2)]
    doc = nlp.get_pipe("ordos_quantities")(doc)
    (span,) = doc.spans["quantities"]
    assert span.text == "209\n\n只"
    q = span._.quantity
    assert (q.text, q.value, q.unit, q.kind) == ("209\n\n只", Decimal(209), "只", "COUNT")
    assert text[q.start : q.end] == q.text


def test_component_round_trips_through_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    doc = again("总投资超700亿元")
    assert [s._.quantity.value for s in doc.spans["quantities"]] == [Decimal("70000000000")]


def test_not_a_string():
    with pytest.raises(TypeError):
        find_quantities(b"3%")  # type: ignore[arg-type]


def test_units_data_is_exact():
    for surface, info in UNITS.items():
        assert info.kind in {
            "MONEY", "AREA", "MASS", "LENGTH", "VOLUME", "ENERGY", "POWER", "PERCENT",
            "PERCENT_POINT", "MULTIPLE", "TEMPERATURE", "DURATION", "COUNT",
        }, surface
        if info.kind in {"AREA", "MASS", "LENGTH", "VOLUME", "ENERGY", "POWER"}:
            assert isinstance(info.factor, Fraction) and info.si_unit, surface
    assert UNITS["亩"].factor == Fraction(10000, 15)
    assert UNITS["平方公里"].factor == 10**6
    assert UNITS["吨"].factor == 1000
    assert UNITS["元"].currency == "CNY" and UNITS["美元"].currency == "USD"


def test_si_values():
    (mu,) = find_quantities("占地5.3万亩")
    assert mu.si_value == Fraction(53000 * 10000, 15) and mu.si_unit == "m²"
    (kw,) = find_quantities("装机100万千瓦")
    assert kw.value == 1000000 and kw.unit == "千瓦" and kw.si_value == 10**9 and kw.si_unit == "W"


# --------------------------------------------------------------------------- properties

_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.．,，%％-~至到、和余多近约超逾以上下左右万亿千百十")
    + list("一二两三四五六七八九零〇半第个年月日岁元块吨亩米度成折倍分之点大《》“”")
    + ["个百分点", "平方公里", "千瓦时", "美元", "港币", "人民币", " ", "\n", "a", "G"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_never_raises_and_offsets_hold(text):
    found = find_quantities(text)
    last = 0
    for q in found:
        assert text[q.start : q.end] == q.text
        assert q.start >= last and q.end > q.start
        last = q.end
        for v in (q.value, q.low, q.high, q.si_value):
            assert v is None or isinstance(v, (Decimal, Fraction, int)) and not isinstance(v, float)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False))
def test_yi_yuan_is_exact(d):
    text = f"投资{format(d, 'f')}亿元"
    (q,) = find_quantities(text)
    assert q.value == d * 10**8
    assert (q.unit, q.kind, q.currency) == ("元", "MONEY", "CNY")


_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["万吨", "亿元", "%", "个百分点", "岁", "家", "平方公里", "倍"]),
)
def test_fullwidth_digits_read_like_halfwidth(d, unit):
    half = f"达到{format(d, 'f')}{unit}"
    full = half.translate(_FULL)
    a, b = find_quantities(half), find_quantities(full)
    assert [(q.value, q.unit, q.kind, q.start, q.end) for q in a] == [
        (q.value, q.unit, q.kind, q.start, q.end) for q in b
    ]
    assert len(a) == 1


def test_a_number_too_long_to_read_is_skipped():
    assert find_quantities("1" * 60 + "元") == []
    assert [q.text for q in find_quantities("一二三四五六七八九" * 6 + "元，3吨")] == ["3吨"]
