"""Time expressions and their values (cases in tests/cases/dates.json)."""

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ordos_nlp
from ordos_nlp.dates import find_dates

CASES = json.loads((Path(__file__).parent / "cases" / "dates.json").read_text("utf-8"))
DOC_DATE = date(2026, 4, 1)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:16] for c in CASES])
def test_find_dates(case):
    found = find_dates(case["text"])
    assert [(d.text, d.value) for d in found] == [(x["text"], x["value"]) for x in case["expect"]]
    for d, x in zip(found, case["expect"]):
        if "mod" in x:
            assert d.mod == x["mod"]
    resolved = find_dates(case["text"], DOC_DATE)
    assert [d.value for d in resolved] == [x.get("with_doc_date", x["value"]) for x in case["expect"]]


@pytest.mark.parametrize("case", CASES[:8], ids=[c["text"][:16] for c in CASES[:8]])
def test_dates_through_extract(case):
    got = [(d.text, d.value) for s in ordos_nlp.extract(case["text"], doc_date=DOC_DATE) for d in s.dates]
    assert got == [(x["text"], x.get("with_doc_date", x["value"])) for x in case["expect"]]


def test_doc_date_must_be_a_date():
    with pytest.raises(TypeError, match="int"):
        ordos_nlp.extract("今年一季度", doc_date=20260401)
    with pytest.raises(ValueError, match="ISO"):
        ordos_nlp.extract("今年一季度", doc_date="2026年4月1日")


_DATE_ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９-—~至到年月日号时点分半前后来以今明去本周星期一二三四五六七八九十〇零")
    + ["截至", "自", "以来", "国庆", "期间", "凌晨", "下午", "比", "较", "同期", "季度", "末", "世纪", "年代", " ", "\n", "。"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_ALPHABET, max_size=30).map("".join))
def test_find_dates_never_raises_and_offsets_hold(text):
    last = 0
    for d in find_dates(text, DOC_DATE):
        assert text[d.start : d.end] == d.text and d.start >= last
        last = d.end
