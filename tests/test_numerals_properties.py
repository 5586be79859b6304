"""Property tests for parse_number: round trips through cn2an.an2cn, exact multipliers,
full-width digits, and total robustness on arbitrary text."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from ordos_nlp.numerals import find_numerals, parse_number, parse_numeral

FAST = settings(max_examples=300, deadline=None)

# an2cn handles at most 16 integer digits
integers = st.one_of(
    st.integers(min_value=0, max_value=10**16 - 1),
    st.integers(min_value=0, max_value=10**5),
    # round numbers with zeros in the middle: 10203000, 100000001 ...
    st.lists(st.sampled_from([0, 0, 0, 1, 2, 5, 9]), min_size=1, max_size=16).map(
        lambda ds: int("".join(map(str, ds)))
    ),
)

decimals = st.decimals(
    min_value=Decimal("-99999999"),
    max_value=Decimal("99999999"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


def plain(d: Decimal) -> str:
    return format(d, "f")


@FAST
@given(integers)
def test_an2cn_low_round_trip(n):
    assert parse_number(cn2an.an2cn(n)) == n


@FAST
@given(integers)
def test_an2cn_up_round_trip(n):
    assert parse_number(cn2an.an2cn(n, "up")) == n


@FAST
@given(decimals)
def test_an2cn_decimal_round_trip(d):
    text = cn2an.an2cn(plain(d))
    got = parse_number(text)
    assert got == d, text
    assert isinstance(got, Decimal)


@FAST
@given(decimals)
def test_yi_multiplier_is_exact(d):
    got = parse_number(f"{plain(d)}亿")
    assert got == d * 10**8
    assert isinstance(got, Decimal) and got.as_tuple().exponent <= 0


@FAST
@given(decimals)
def test_wan_multiplier_is_exact(d):
    assert parse_number(f"{plain(d)}万") == d * 10**4


def fullwidth(s: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in s)


@FAST
@given(st.one_of(decimals.map(plain), integers.map(lambda n: f"{n:,}")), st.sampled_from(["", "万", "亿", "%"]))
def test_fullwidth_equals_halfwidth(number, suffix):
    half = number + suffix
    assert parse_number(fullwidth(number) + suffix) == parse_number(half)
    assert parse_number(half) is not None


@FAST
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_fraction_is_exact(num, den):
    text = f"{cn2an.an2cn(den)}分之{cn2an.an2cn(num)}"
    got = parse_number(text)
    assert Fraction(got) == Fraction(num, den)
    assert isinstance(got, (Decimal, Fraction))


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_never_raises_on_text(text):
    got = parse_number(text)
    assert got is None or isinstance(got, (Decimal, Fraction))
    parsed = parse_numeral(text)
    assert (parsed is None) == (got is None)


numeral_chars = st.text(
    alphabet="零〇一二两三四五六七八九十百千万亿兆点分之又余多几负-.,%0123456789壹贰拾佰仟萬億兩 ",
    max_size=24,
)


@settings(max_examples=1000, deadline=None)
@given(numeral_chars)
def test_never_raises_on_numeral_soup(text):
    got = parse_number(text)
    assert got is None or isinstance(got, (Decimal, Fraction))


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | numeral_chars)
def test_find_numerals_offsets(text):
    for m in find_numerals(text):
        assert text[m.start : m.end] == m.text
        assert m.value == parse_number(m.text)
