"""The public API's contract: types, errors, offsets, batches, processes, long texts."""

from dataclasses import FrozenInstanceError
from datetime import date
from pathlib import Path

import pytest
import spacy
from spacy import displacy

import ordos_nlp

SEED = (Path(__file__).parents[1] / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")


def _check_offsets(text, sentences):
    for s in sentences:
        assert text[s.start : s.end] == s.text
        for f in s.facts:
            assert text[f.start : f.end] == f.text
            assert s.start <= f.start <= f.end <= s.end


@pytest.mark.parametrize("bad", [None, b"\xe5\x85\xa8", 42, 3.5, ["全市"], {"text": "x"}])
def test_extract_rejects_non_text(bad):
    with pytest.raises(TypeError, match=type(bad).__name__):
        ordos_nlp.extract(bad)


def test_empty_text():
    assert ordos_nlp.extract("") == []
    assert ordos_nlp.extract("  \n\n ") == []


def test_seed_page_offsets_and_order():
    sentences = ordos_nlp.extract(SEED)
    _check_offsets(SEED, sentences)
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)


def test_facts_are_immutable_and_json_ready():
    import json

    sentences = ordos_nlp.extract("截至2月底,全市4家上市公司总市值达1658亿元。")
    s = sentences[0]
    with pytest.raises(FrozenInstanceError):
        s.start = 3
    json.dumps([x.to_dict() for x in sentences], ensure_ascii=False)
    for f in s.facts:
        with pytest.raises(FrozenInstanceError):
            f.text = "x"


def test_extract_accepts_a_doc():
    nlp = ordos_nlp.load()
    text = "今年一季度,全市累计组织专场对接会7场。"
    doc = nlp(text)
    assert [x.to_dict() for x in ordos_nlp.extract(doc)] == [x.to_dict() for x in ordos_nlp.extract(text)]
    bare = nlp.make_doc(text)
    assert [x.to_dict() for x in ordos_nlp.extract(bare)] == [x.to_dict() for x in ordos_nlp.extract(text)]


def test_load_is_cached_and_round_trips(tmp_path):
    nlp = ordos_nlp.load()
    assert nlp is ordos_nlp.load()
    assert nlp.lang == "zh"
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "jieba"
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert again.pipe_names == nlp.pipe_names
    text = SEED[:3000]
    a, b = nlp(text), again(text)
    assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [
        (e.start_char, e.end_char, e.label_) for e in b.ents
    ]


def test_char_segmenter_gives_same_facts():
    text = SEED[:2000]
    jieba_facts = [f.to_dict() for s in ordos_nlp.extract(text) for f in s.facts]
    nlp = ordos_nlp.load("char")
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "char"
    doc = nlp(text)
    char_facts = [f.to_dict() for s in ordos_nlp.extract(doc) for f in s.facts]
    assert char_facts == jieba_facts


def test_unknown_segmenter():
    with pytest.raises(ValueError, match="segmenter"):
        ordos_nlp.load("nltk")
    with pytest.raises(ValueError, match="pkuseg_model"):
        ordos_nlp.load("pkuseg")


def test_displacy_renders_entities_and_quantities():
    doc = ordos_nlp.load()(SEED[:1500])
    html = displacy.render(doc, style="ent", page=False, jupyter=False)
    labels = {e.label_ for e in doc.ents}
    assert "QUANTITY" in labels and "DATE" in labels
    for label in labels:
        assert label in html
    q = [s for s in doc.spans["quantities"]][0]
    assert q._.value == q._.quantity.value and q._.unit == q._.quantity.unit


def test_doc_facts_extension():
    doc = ordos_nlp.load()(SEED[:1500])
    assert [s.to_dict() for s in doc._.facts] == [s.to_dict() for s in ordos_nlp.extract(SEED[:1500])]


def test_extract_many_matches_extract():
    texts = [SEED[:1200], "", SEED[1200:2600], "达成授信192.34亿元。"]
    expected = [[s.to_dict() for s in ordos_nlp.extract(t)] for t in texts]
    got = [[s.to_dict() for s in r] for r in ordos_nlp.extract_many(texts, batch_size=2)]
    assert got == expected


@pytest.mark.parametrize("start_method", [None, "spawn"])
def test_extract_many_two_processes(start_method):
    texts = [SEED[i : i + 900] for i in range(0, 5400, 900)]
    expected = [[s.to_dict() for s in ordos_nlp.extract(t, doc_date=date(2026, 4, 1))] for t in texts]
    got = [
        [s.to_dict() for s in r]
        for r in ordos_nlp.extract_many(
            texts, n_process=2, batch_size=2, doc_date=date(2026, 4, 1), start_method=start_method
        )
    ]
    assert got == expected


def test_extract_many_bad_input():
    with pytest.raises(TypeError, match="str"):
        list(ordos_nlp.extract_many("全市"))
    with pytest.raises(TypeError, match="int"):
        list(ordos_nlp.extract_many(["全市", 5]))
    with pytest.raises(ValueError):
        list(ordos_nlp.extract_many(["全市"], n_process=0))


def test_long_text_is_chunked_between_sentences():
    from ordos_nlp.api import chunk_bounds

    copies = 5_000_000 // len(SEED) + 1
    text = SEED * copies
    assert len(text) > 5_000_000
    bounds = chunk_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    one = ordos_nlp.extract(SEED)
    many = ordos_nlp.extract(text)
    assert len(many) == copies * len(one)
    _check_offsets(text, many[:: max(1, len(many) // 500)])
    last = many[-len(one):]
    shift = len(SEED) * (copies - 1)
    articles = last[0].article - one[0].article  # article indices run on through the whole text
    assert [s.to_dict() for s in last] == [s.shifted(shift, articles).to_dict() for s in one]


def test_parse_number_is_exported():
    from decimal import Decimal

    assert ordos_nlp.parse_number("两千") == 2000
    assert isinstance(ordos_nlp.parse_number("两千"), (int, Decimal))
    with pytest.raises(TypeError, match="int"):
        ordos_nlp.parse_number(5)
