"""The keyword scanner finds every occurrence of every key, in scan order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ordos_nlp.entities.keyword_scan import KeywordScanner

# a small alphabet, so that keys overlap, nest and repeat in the text
CHARS = "鄂尔多斯市旗达拉特"


def brute_force(keys, text):
    found = []
    for key in keys:
        i = text.find(key)
        while i >= 0:
            found.append((i, i + len(key), key))
            i = text.find(key, i + 1)
    return sorted(found, key=lambda f: (f[1], f[0]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(CHARS, min_size=1, max_size=4), max_size=12), st.text(CHARS + "，\n", max_size=60))
def test_every_occurrence_by_end_longest_first(keys, text):
    entries = {k: len(k) * 10 for k in keys}
    scanner = KeywordScanner(entries)
    got = list(scanner.iter(text))
    assert [(s, e, k) for s, e, k, _ in got] == brute_force(entries, text)
    assert all(v == entries[k] for _, _, k, v in got)


def test_overlapping_and_nested_names():
    scanner = KeywordScanner({"鄂尔多斯": "GPE", "鄂尔多斯市": "GPE", "达拉特旗": "GPE", "市": "SUFFIX"})
    text = "鄂尔多斯市达拉特旗"
    assert [(s, e, k) for s, e, k, _ in scanner.iter(text)] == [
        (0, 4, "鄂尔多斯"), (0, 5, "鄂尔多斯市"), (4, 5, "市"), (5, 9, "达拉特旗"),
    ]
    assert "达拉特旗" in scanner and "达拉特" not in scanner


def test_offsets_count_characters_beyond_the_basic_plane():
    scanner = KeywordScanner({"𠀋村": 1})
    assert [(s, e) for s, e, _, _ in scanner.iter("到𠀋村去")] == [(1, 3)]


def test_empty_scanner_and_bad_input():
    assert list(KeywordScanner({}).iter("鄂尔多斯")) == []
    with pytest.raises(TypeError, match="list"):
        KeywordScanner(["鄂尔多斯"])
    with pytest.raises(TypeError, match="bytes"):
        list(KeywordScanner({"市": 1}).iter(b"\xe5\xb8\x82"))
