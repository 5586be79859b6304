"""The real-text passages the recogniser is trained on: what ``training/convert.py --realtext`` adds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

convert = pytest.importorskip("convert")


def test_units_are_the_simplified_dev_passages_with_the_recognisers_labels():
    units = convert.realtext_units()
    rows = [json.loads(line) for path in convert.REALTEXT for line in path.open(encoding="utf-8") if line.strip()]
    held_out = convert._held_out_texts()
    rows = [r for r in rows if r.get("script", "simplified") == "simplified" and r["text"] not in held_out]
    assert len(units) == len(rows) > 100
    for unit, row in zip(units, rows):
        assert len(unit["text"]) == len(row["text"])  # full-width made ASCII one for one: offsets hold
        assert [(s, e) for s, e, _ in unit["entities"]] == [(e["start"], e["end"]) for e in row["entities"]]
        for (s, e, label), gold in zip(unit["entities"], row["entities"]):
            assert label == ("LOC" if gold["label"] == "GPE" else gold["label"])
            assert label in ("PERSON", "ORG", "LOC")
            assert 0 <= s < e <= len(unit["text"])


def test_no_held_out_passage_is_trained_on():
    trained = {p.resolve() for p in convert.REALTEXT}
    assert all(p.parent.name == "realtext" for p in trained)
    held_out = {json.loads(line)["text"] for p in (ROOT / "benchmarks" / "heldout").glob("entities*.jsonl")
                for line in p.open(encoding="utf-8") if line.strip()}
    assert not held_out & {u["text"] for u in convert.realtext_units()}


def test_char_docs_carry_the_names_as_tags():
    import spacy

    text = "记者从鄂尔多斯市能源局获悉"
    doc = convert.char_doc(spacy.blank("zh").vocab, text, [(3, 11, "ORG")])
    assert [t.tag_ for t in doc][3:11] == ["B-ORG"] + ["I-ORG"] * 6 + ["E-ORG"]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(3, 11, "ORG")]
