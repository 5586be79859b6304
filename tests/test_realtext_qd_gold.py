"""The real-text quantity/date gold is well formed.

benchmarks/realtext/quantities_dates.jsonl (the dev set) and
benchmarks/heldout/quantities_dates.jsonl (the held-out set) hold real news and
communiqué passages annotated to FACTS.md (conventions in
benchmarks/realtext/README_quantities_dates.md); benchmarks/realtext_quantities.py
scores the library on them. A malformed item would make those figures wrong
without anyone noticing, so every item is checked here: offsets, fields, kinds,
exact values.
"""
from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = {
    "dev": ROOT / "benchmarks" / "realtext" / "quantities_dates.jsonl",
    "heldout": ROOT / "benchmarks" / "heldout" / "quantities_dates.jsonl",
}
MIN_PASSAGES = {"dev": 60, "heldout": 16}
ID_PATTERN = {"dev": r"qd-\d{3}", "heldout": r"ho-\d{2}"}

KINDS = {"MONEY", "AREA", "MASS", "LENGTH", "VOLUME", "ENERGY", "POWER", "SPEED", "RATE", "PERCENT",
         "PERCENT_POINT", "MULTIPLE", "TEMPERATURE", "DURATION", "FRACTION", "COUNT"}
QUALIFIERS = {None, "over", "under", "about"}
PASSAGE_KEYS = {"id", "source", "genre", "doc_date", "text", "quantities", "dates"}
QUANTITY_KEYS = {"start", "end", "text", "value", "unit", "kind", "qualifier", "low", "high", "currency"}
DATE_KEYS = {"start", "end", "text", "value"}
# a date value: a year, month, day, quarter, half or season (X for unknown digits), an interval of two, or relative
DATE_POINT = r"(?:\d{3}X|[\dX]{4})(?:-(?:[\dX]{2}(?:-[\dX]{2})?|Q[1-4]|H[12]|SP|SU|FA|WI))?"
DATE_VALUE = re.compile(rf"^(?:relative|{DATE_POINT}(?:/{DATE_POINT})?)$")


def _passages(name: str) -> list[dict]:
    with open(GOLD[name], encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


SETS = {name: _passages(name) for name in GOLD}
PASSAGES = [p for name in GOLD for p in SETS[name]]
SET_OF = {p["id"]: name for name in GOLD for p in SETS[name]}


def _exact(value: str) -> Fraction:
    """The exact rational of a gold number: a plain decimal string or ``"a/b"``."""
    assert isinstance(value, str), f"numbers are strings, got {type(value).__name__}: {value!r}"
    if "/" in value:
        num, den = value.split("/")
        return Fraction(int(num), int(den))
    try:
        return Fraction(Decimal(value))
    except InvalidOperation:
        raise AssertionError(f"not a decimal: {value!r}") from None


@pytest.mark.parametrize("name", list(GOLD))
def test_ids_unique_and_enough_passages(name):
    passages = SETS[name]
    ids = [p["id"] for p in passages]
    assert len(ids) == len(set(ids))
    assert len(passages) >= MIN_PASSAGES[name]
    genres = {p["genre"] for p in passages}
    assert genres == {"news", "communique"}


def test_ids_unique_across_sets():
    ids = [p["id"] for p in PASSAGES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_passage_fields(passage):
    assert set(passage) == PASSAGE_KEYS
    assert re.fullmatch(ID_PATTERN[SET_OF[passage["id"]]], passage["id"])
    assert passage["source"].startswith(("http://", "https://"))
    assert 100 <= len(passage["text"]) <= 700
    if passage["doc_date"] is not None:
        datetime.date.fromisoformat(passage["doc_date"])


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_quantities(passage):
    text = passage["text"]
    spans = []
    for q in passage["quantities"]:
        assert set(q) == QUANTITY_KEYS, q
        assert text[q["start"]:q["end"]] == q["text"], q
        assert q["kind"] in KINDS, q
        assert q["qualifier"] in QUALIFIERS, q
        assert isinstance(q["unit"], str), q
        ranged = q["low"] is not None or q["high"] is not None
        if ranged:
            assert q["low"] is not None and q["high"] is not None, q
            assert _exact(q["low"]) < _exact(q["high"]), q
            assert q["value"] is None, q
        else:
            assert q["value"] is not None, q
            _exact(q["value"])
        if q["kind"] == "FRACTION":
            assert q["unit"] == "", q
        if q["kind"] in ("SPEED", "RATE"):
            assert "/" in q["unit"], q
        if q["unit"] == "元" or q["unit"].startswith("元/"):
            assert q["currency"] == "CNY", q
        if q["currency"] is not None:
            assert q["kind"] in ("MONEY", "RATE"), q
        spans.append((q["start"], q["end"]))
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, f"overlapping quantities at {s1}-{e1} and {s2}-{e2}"


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_dates(passage):
    text = passage["text"]
    spans = []
    for d in passage["dates"]:
        assert DATE_KEYS <= set(d) <= DATE_KEYS | {"value_with_doc_date", "mod"}, d
        assert text[d["start"]:d["end"]] == d["text"], d
        assert DATE_VALUE.match(d["value"]), d
        if "value_with_doc_date" in d:
            assert passage["doc_date"] is not None, d
            assert DATE_VALUE.match(d["value_with_doc_date"]) and "X" not in d["value_with_doc_date"], d
        if "mod" in d:
            assert d["mod"] == "end", d
        spans.append((d["start"], d["end"]))
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, f"overlapping dates at {s1}-{e1} and {s2}-{e2}"


def test_quantities_and_dates_do_not_overlap():
    for p in PASSAGES:
        for q in p["quantities"]:
            for d in p["dates"]:
                assert q["end"] <= d["start"] or d["end"] <= q["start"], (p["id"], q["text"], d["text"])
