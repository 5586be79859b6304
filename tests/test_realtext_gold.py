"""The real-text entity gold (dev set benchmarks/realtext/, held-out set benchmarks/heldout/) is well formed.

Every figure reported on it depends on these properties: offsets that point at
the text they claim, labels from FACTS.md, one id per passage, flat spans, and a
source for each quoted passage.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = {
    "simplified": ROOT / "benchmarks" / "realtext" / "entities.jsonl",
    "places": ROOT / "benchmarks" / "realtext" / "entities_places.jsonl",
    "traditional": ROOT / "benchmarks" / "realtext" / "entities_traditional.jsonl",
    "divisions": ROOT / "benchmarks" / "realtext" / "entities_divisions.jsonl",
    "heldout": ROOT / "benchmarks" / "heldout" / "entities.jsonl",
    "heldout2": ROOT / "benchmarks" / "heldout" / "entities_2.jsonl",
    "heldout3": ROOT / "benchmarks" / "heldout" / "entities_3.jsonl",
}
# the script each file is written in and the genres it may hold (the held-out set also
# annotates its communiqué passages, so that all its passages are in all three files)
SCRIPT = {
    "simplified": "simplified",
    "places": "simplified",
    "traditional": "traditional",
    "divisions": "simplified",
    "heldout": "simplified",
    "heldout2": "simplified",
    "heldout3": "simplified",
}
GENRES = {
    "simplified": {"news"},
    "places": {"news"},
    "traditional": {"news"},
    "divisions": {"news"},
    "heldout": {"news", "communique"},
    "heldout2": {"news"},
    "heldout3": {"news"},
}
ID_PATTERN = {
    "simplified": r"ent-\d{3}",
    "places": r"ent-p\d{3}",
    "traditional": r"ent-t\d{3}",
    "divisions": r"div-\d{3}",
    "heldout": r"ho-\d{2}",
    "heldout2": r"ho2-\d{2}",
    "heldout3": r"ho3-\d{2}",
}
LABELS = {"ORG", "GPE", "LOC", "PERSON"}
FIELDS = {"id", "source", "genre", "script", "text", "entities"}


def _passages(script: str) -> list[dict]:
    lines = FILES[script].read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


ALL = [(script, p) for script in FILES for p in _passages(script)]
IDS = [p["id"] for _, p in ALL]


def test_every_file_holds_passages():
    assert len(_passages("simplified")) >= 85
    assert len(_passages("places")) >= 15
    assert len(_passages("traditional")) >= 15
    assert len(_passages("divisions")) >= 15
    assert len(_passages("heldout")) >= 16
    assert len(_passages("heldout2")) >= 24
    assert len(_passages("heldout3")) >= 30


def _sources_outside(name: str) -> set[str]:
    """The pages quoted by every passage file but the set ``name``."""
    paths = {path for other, path in FILES.items() if other != name}
    paths |= set((ROOT / "benchmarks" / "realtext").glob("*.jsonl"))
    paths |= {path for path in (ROOT / "benchmarks" / "heldout").glob("entities*.jsonl")}
    paths.discard(FILES[name])
    return {
        json.loads(line)["source"]
        for path in paths
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    }


@pytest.mark.parametrize("name", ["heldout2", "heldout3", "places", "divisions"])
def test_a_later_set_quotes_pages_of_its_own(name):
    """A held-out passage from a page quoted elsewhere would not be held out, and a dev set
    added for a class of names adds pages of its own: each page once, in no other file."""
    sources = [p["source"] for p in _passages(name)]
    assert not _sources_outside(name) & set(sources)
    assert len(sources) == len(set(sources))


def test_held_out_passages_are_of_a_readable_length():
    assert all(150 <= len(p["text"]) <= 400 for p in _passages("heldout2"))
    assert all(150 <= len(p["text"]) <= 600 for p in _passages("heldout3"))


def test_ids_are_unique_across_files():
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("script,passage", ALL, ids=IDS)
def test_passage_record(script, passage):
    assert set(passage) == FIELDS
    assert passage["script"] == SCRIPT[script]
    assert passage["genre"] in GENRES[script]
    assert re.fullmatch(ID_PATTERN[script], passage["id"]), passage["id"]
    assert re.match(r"https?://\S+$", passage["source"]), passage["source"]
    assert 100 <= len(passage["text"]) <= 700


@pytest.mark.parametrize("script,passage", ALL, ids=IDS)
def test_entity_offsets_labels_and_flatness(script, passage):
    text = passage["text"]
    previous_end = 0
    spans = sorted(passage["entities"], key=lambda e: (e["start"], e["end"]))
    assert spans == passage["entities"], "entities are listed in text order"
    for ent in spans:
        assert ent["label"] in LABELS
        assert 0 <= ent["start"] < ent["end"] <= len(text)
        assert text[ent["start"]:ent["end"]] == ent["text"]
        assert ent["text"] == ent["text"].strip(), "no surrounding whitespace"
        assert ent["start"] >= previous_end, f"{ent['text']!r} overlaps the span before it"
        previous_end = ent["end"]
        if "adcode" in ent:
            assert ent["label"] == "GPE"
            assert re.fullmatch(r"\d{6}", ent["adcode"])
        assert set(ent) <= {"start", "end", "text", "label", "adcode"}


def test_every_label_is_represented():
    seen = {e["label"] for _, p in ALL for e in p["entities"]}
    assert seen == LABELS

