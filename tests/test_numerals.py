"""parse_number / parse_numeral / find_numerals against the cases in tests/cases/numerals.json."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from ordos_nlp.numerals import (
    FRACTION,
    NUMERAL,
    find_numerals,
    parse_number,
    parse_numeral,
    to_exact,
    to_halfwidth,
)

CASES = json.loads((Path(__file__).parent / "cases" / "numerals.json").read_text(encoding="utf-8"))


def expected(value):
    if value is None:
        return None
    if "/" in value:
        num, den = value.split("/")
        return Fraction(int(num), int(den))
    return Decimal(value)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] or "<empty>" for c in CASES])
def test_case(case):
    got = parse_number(case["text"])
    want = expected(case["value"])
    if want is None:
        assert got is None
        return
    assert got == want
    # the exact type: Fraction only when the decimal does not terminate
    assert type(got) is type(want)
    if isinstance(got, Decimal):
        assert got.as_tuple().exponent <= 0, "no positive exponent"
    parsed = parse_numeral(case["text"])
    assert parsed.unit == case.get("unit")
    assert parsed.approx == case.get("approx", False)


@pytest.mark.parametrize("bad", [None, 3, 3.5, b"\xe4\xb8\x89", ["三"], Decimal("3")])
def test_non_str_raises_type_error_naming_type(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        parse_number(bad)
    with pytest.raises(TypeError, match=type(bad).__name__):
        parse_numeral(bad)


def test_no_float_in_results():
    for case in CASES:
        assert not isinstance(parse_number(case["text"]), float)


def test_to_exact():
    assert to_exact(Fraction(1, 3)) == Fraction(1, 3)
    assert str(to_exact(Fraction(1, 8))) == "0.125"
    assert to_exact(10**20).as_tuple().exponent == 0
    assert to_exact(-5) == Decimal(-5)


def test_halfwidth_keeps_length():
    text = "１９２．３４亿元，增长３．５％"
    out = to_halfwidth(text)
    assert len(out) == len(text)
    assert out == "192.34亿元,增长3.5%"


@pytest.mark.parametrize(
    "text, found",
    [
        ("达成授信192.34亿元，同比增长3.5%", ["192.34亿", "3.5"]),
        ("完成１９２．３４亿元", ["１９２．３４亿"]),
        ("栽植各类树木220余万株", ["220余万"]),
        ("增长百分之三点五，约三分之一", ["百分之三点五", "三分之一"]),
        ("建设40万吨草酸和15千瓦、100兆瓦光伏", ["40万", "15", "100"]),
        ("G20峰会PM2.5浓度", []),
        ("陆地上有人拾取贝壳", []),
        ("三四十人", ["三", "四十"]),
        ("二○二六年", ["二○二六"]),
        ("一百零五点六亿元", ["一百零五点六亿"]),
    ],
)
def test_find_numerals(text, found):
    matches = find_numerals(text)
    assert [m.text for m in matches] == found
    for m in matches:
        assert text[m.start : m.end] == m.text
        assert m.value == parse_number(m.text)


def test_regex_sources_match_candidates():
    numeral = re.compile(NUMERAL)
    for text in ["192.34亿", "3.5万", "一百零五点六亿", "１９２．３４", "1,236", "四萬", "壹佰", "220余万"]:
        assert numeral.fullmatch(text), text
    fraction = re.compile(FRACTION)
    for text in ["三分之一", "百分之三点五", "千分之二", "一又二分之一"]:
        assert fraction.fullmatch(text), text


# --------------------------------------------------------------------------- benchmark scorers
# benchmarks/suites.py scores the public suites; its rules are checked here on
# made-up cases (the figures themselves are never asserted).


def _load_suites_module():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "suites.py"
    spec = importlib.util.spec_from_file_location("ordos_benchmark_suites", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_score_numbers_rules():
    suites = _load_suites_module()
    rows = [
        {"source": "a", "text": "三分之一", "value": "1/3", "tags": ["fraction"]},
        {"source": "a", "text": "25%", "value": "25", "unit": "%", "tags": ["percent"]},
        {"source": "b", "text": "一切", "value": None, "tags": ["negative"]},
        {"source": "b", "text": "三", "value": "4", "tags": []},
    ]
    result = suites.score_numbers(rows)
    assert (result["correct"], result["total"]) == (3, 4)
    assert result["per_source"]["a"]["correct"] == 2
    assert [w["text"] for w in result["wrong"]] == ["三"]
    # value/100 is accepted for percents; floats and crashes never are
    assert suites.score_numbers(rows[1:2], lambda s: Decimal("0.25"))["correct"] == 1
    assert suites.score_numbers(rows[1:2], lambda s: 25.0)["correct"] == 0
    crashed = suites.score_numbers(rows, lambda s: 1 / 0)
    assert crashed["errors"] == 4 and crashed["correct"] == 0


def test_score_quantities_rules():
    from types import SimpleNamespace as Q

    suites = _load_suites_module()
    gold = {"start": 2, "end": 6, "text": "3.5亿元", "value": "350000000", "unit": "元", "kind": "MONEY",
            "qualifier": None, "low": None, "high": None}
    cases = [
        {"id": "match", "text": "达到3.5亿元", "complete_for": ["MONEY"], "quantities": [gold]},
        {"id": "alt", "text": "两千米", "complete_for": ["*"], "quantities": [
            {"start": 0, "end": 3, "text": "两千米", "value": "2000", "unit": "米", "kind": "LENGTH",
             "qualifier": None, "low": None, "high": None, "alts": [{"value": "2", "unit": "千米"}]}]},
        {"id": "facts", "text": "5-20%", "complete_for": ["PERCENT"], "quantities": [
            {"start": 2, "end": 5, "text": "20%", "value": "20", "unit": "%", "kind": "PERCENT",
             "qualifier": None, "low": None, "high": None, "facts": {"value": None, "low": "5", "high": "20"}}]},
        {"id": "excluded", "text": "人民币", "complete_for": ["*"], "quantities": [
            {"start": 0, "end": 3, "text": "人民币", "value": None, "unit": "元", "kind": "MONEY",
             "qualifier": None, "low": None, "high": None, "facts_excluded": True}]},
        {"id": "incomplete", "text": "9000台", "complete_for": ["MONEY"], "quantities": []},
        {"id": "raises", "text": "boom", "complete_for": ["*"], "quantities": [dict(gold, start=0, end=4)]},
    ]
    answers = {
        "达到3.5亿元": [Q(start=2, end=6, text="3.5亿元", value=Decimal("350000000"), unit="元", kind="MONEY",
                        qualifier=None, low=None, high=None)],
        "两千米": [Q(start=0, end=3, text="两千米", value=Fraction(2), unit="千米", kind="LENGTH",
                    qualifier=None, low=None, high=None)],
        "5-20%": [Q(start=0, end=5, text="5-20%", value=None, unit="%", kind="PERCENT", qualifier=None,
                    low=Decimal(5), high=Decimal(20))],
        "人民币": [Q(start=0, end=3, text="人民币", value=Decimal(1), unit="元", kind="MONEY",
                    qualifier=None, low=None, high=None)],
        "9000台": [Q(start=0, end=5, text="9000台", value=Decimal(9000), unit="台", kind="COUNT",
                    qualifier=None, low=None, high=None)],
    }

    def extract(text):
        if text == "boom":
            raise RuntimeError("not built yet")
        return [Q(quantities=answers[text])]

    result = suites.score_quantities(cases, extract)
    assert (result["tp"], result["fp"], result["fn"]) == (3, 0, 1)
    assert result["errors"] == 1 and result["excluded"] == 1
    assert result["per_kind"]["MONEY"]["tp"] == 1

    # a float value never matches; an unmatched MONEY prediction counts against precision
    answers["达到3.5亿元"] = [Q(start=2, end=6, text="3.5亿元", value=350000000.0, unit="元", kind="MONEY",
                             qualifier=None, low=None, high=None)]
    result = suites.score_quantities(cases[:1], extract)
    assert (result["tp"], result["fp"], result["fn"]) == (0, 1, 1)


def test_find_numerals_long_runs_stay_fast():
    # a digit run must never be split between regex repetitions (exponential backtracking)
    text = "1" * 3000 + "元"
    assert all(text[m.start : m.end] == m.text for m in find_numerals(text))
    assert find_numerals("万" * 500) == []
    assert len(find_numerals("十" * 300)) == 300


def test_find_numerals_skips_a_numeral_longer_than_its_window():
    # read whole or not at all: never the first characters of a longer number
    digits = "一二三四五六七八九〇" * 6
    assert [m.text for m in find_numerals(f"编号{digits}，增长3万")] == ["3万"]
    assert find_numerals("1" * 60 + "元") == []


def test_parse_pair_reads_neighbouring_digits_as_a_range():
    from ordos_nlp.numerals import parse_pair

    assert parse_pair("八九亿") == (800000000, 900000000)
    assert parse_pair("三五百") == (300, 500)
    assert parse_pair("一两") == (1, 2)
    assert parse_pair("三七") is None and parse_pair("八十") is None
    with pytest.raises(TypeError, match="int"):
        parse_pair(89)
