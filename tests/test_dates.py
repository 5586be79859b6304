"""Time expressions and their values (cases in tests/cases/dates.json)."""

import json
from datetime import date
from pathlib import Path

import pytest

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
