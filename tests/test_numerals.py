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
