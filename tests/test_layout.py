"""Sentences, kinds and soft line breaks (cases in tests/cases/layout.json)."""

import json
from pathlib import Path

import pytest

from ordos_nlp.layout import segment
from ordos_nlp.layout.view import TextView

CASES = json.loads((Path(__file__).parent / "cases" / "layout.json").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:16] for c in CASES])
def test_sentences(case):
    layout = segment(case["text"])
    texts = [case["text"][s:e] for s, e, _ in layout.sentences]
    assert texts == case["sentences"]
    if "kinds" in case:
        assert [k for _, _, k in layout.sentences] == case["kinds"]


def test_soft_break_view_maps_back():
    text = "累计数量达7858只。遗鸥数量为209\n\n只,白骨顶数量占比突出。"
    layout = segment(text)
    view = TextView.build(text, layout.soft_breaks)
    assert "209只" in view.text
    i = view.text.index("209只")
    s, e = view.to_original(i, i + 4)
    assert text[s:e] == "209\n\n只"


def test_empty_and_blank():
    assert segment("").sentences == ()
    assert segment("\n \n").sentences == ()
