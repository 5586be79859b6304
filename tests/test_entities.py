"""Entity cases (tests/cases/entities.json) through layout + entities, and the component's contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

import ordos_nlp  # noqa: F401  (registers extensions)
from ordos_nlp.entities.rules import RuleFinder, Tokens

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "cases" / "entities.json").read_text("utf-8"))["cases"]
SEED = ROOT / "seeds" / "000_4a1a09de4157cfcd.txt"


def _has_layout() -> bool:
    try:
        from spacy.util import registry

        registry.factories.get("ordos_layout")
        return True
    except Exception:  # pragma: no cover - the layout component is part of the package
        return False


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    if _has_layout():
        nlp.add_pipe("ordos_layout")
    nlp.add_pipe("ordos_entities")
    return nlp


def _found(doc):
    return [(s.text, s.label_, s._.adcode) for s in doc.spans["entities"]]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(nlp, case):
    doc = nlp(case["text"])
    found = _found(doc)
    for ent in doc.spans["entities"]:
        assert doc.text[ent.start_char : ent.end_char] == ent.text == ent._.entity.text
        assert ent._.entity.start == ent.start_char and ent._.entity.end == ent.end_char
    expected = [tuple(e) for e in case["entities"]]
    got = [(t, l) if len(e) == 2 else (t, l, a) for (t, l, a), e in zip(found, expected)] if case.get("exact") else None
    if case.get("exact"):
        assert [(t, l) for t, l, _ in found] == [(e[0], e[1]) for e in expected], found
        for (t, l, a), e in zip(found, expected):
            if len(e) == 3:
                assert a == e[2], (t, a, e)
    else:
        for e in expected:
            assert any(t == e[0] and l == e[1] and (len(e) == 2 or a == e[2]) for t, l, a in found), (e, found)
    for word in case.get("absent", []):
        assert all(t != word for t, _, _ in found), (word, found)
    del got


def test_gpe_parents(nlp):
    doc = nlp("乌审旗图克镇召开会议，东胜区举行活动。")
    by_text = {s.text: s for s in doc.spans["entities"]}
    assert by_text["图克镇"]._.adcode == "150626107"
    assert by_text["图克镇"]._.parents == ("150626", "150600", "150000")
    assert by_text["东胜区"]._.parents == ("150600", "150000")


def test_zone_parents(nlp):
    doc = nlp("鄂尔多斯高新区聚焦新能源产业。")
    (zone,) = [s for s in doc.spans["entities"] if s.text == "鄂尔多斯高新区"]
    assert zone.label_ == "GPE" and zone._.adcode is None
    assert zone._.parents == ("150600", "150000")


def test_soft_line_break_inside_name(nlp):
    text = "近日，鄂尔多斯高新区作为我市科技创新核\n\n心载体，与鄂尔多斯市林草事业发\n\n展中心签署协议，助力发展。"
    doc = nlp(text)
    found = [(s.text, s.label_) for s in doc.spans["entities"]]
    assert ("鄂尔多斯市林草事业发\n\n展中心", "ORG") in found
    for s in doc.spans["entities"]:
        assert text[s.start_char : s.end_char] == s.text


def test_doc_ents_and_entity_objects(nlp):
    doc = nlp("市农牧局开展盐碱地专项监测。")
    assert [(e.text, e.label_) for e in doc.ents] == [("市农牧局", "ORG")]
    ent = doc.spans["entities"][0]._.entity
    assert ent.to_dict() == {"text": "市农牧局", "start": 0, "end": 4, "label": "ORG", "adcode": None, "parents": []}


def test_skips_quantities_and_dates(nlp):
    text = "东胜区举办活动。"
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "ordos_entities":
            doc.spans["dates"] = [doc.char_span(0, 3, label="DATE", alignment_mode="expand")]
        doc = proc(doc)
    assert [s.text for s in doc.spans["entities"]] == []


def test_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    assert "ordos_entities" in again.pipe_names
    text = "康巴什讯 近日，市农牧局开展监测。"
    assert _found(again(text)) == _found(nlp(text))


def test_config_switch():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("ordos_entities", config={"use_rules": False})
    doc = nlp("东胜区举办活动。")
    assert list(doc.spans["entities"]) == []


def test_extra_candidate_source(nlp):
    from ordos_nlp.entities.rules import Candidate

    nlp2 = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    comp = nlp2.add_pipe("ordos_entities")
    comp.add_source(lambda text, tokens, sentences: [Candidate(0, 2, "PERSON", 10, "model")])
    doc = nlp2("张三在东胜区工作。")
    assert [(s.text, s.label_) for s in doc.spans["entities"]] == [("张三", "PERSON"), ("东胜区", "GPE")]


def test_pure_finder_without_pipeline():
    text = "鄂尔多斯市退役军人事务局组织开展活动。"
    cands = RuleFinder().find(text, Tokens.from_jieba(text))
    assert [(text[c.start : c.end], c.label) for c in cands] == [("鄂尔多斯市退役军人事务局", "ORG")]


def test_seed_page_all_entities_well_formed(nlp):
    text = SEED.read_text("utf-8")
    doc = nlp(text)
    spans = list(doc.spans["entities"])
    assert len(spans) > 60
    last = -1
    for s in spans:
        assert s.start_char >= last
        last = s.end_char
        assert s.label_ in ("ORG", "GPE", "LOC", "PERSON")
        assert text[s.start_char : s.end_char] == s.text


FRAGMENTS = [
    "鄂尔多斯市", "东胜区", "康巴什讯", "本报讯", "市农牧局", "□", "记者", "王彦卿", " ", "\n\n", "。", "，",
    "“", "”", "《", "》", "(", ")", "（贾宇）", "摄", "教体轩", "中心", "小学", "第三", "基地", "灌区",
    "高新区", "集团", "公司", "有限公司", "旗区", "全市", "合作", "同心", "上海", "石化", "中国式现代化",
    "2026年", "192.34亿元", "表示", "教师", "赵智睿", "村", "镇", "嘎查", "和", "局", "委", "办公室", "abc", "１２３",
]


def test_any_text_gives_well_formed_entities(nlp):
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(FRAGMENTS), max_size=25))
    def check(parts):
        text = "".join(parts)
        doc = nlp(text)
        last = 0
        for s in doc.spans["entities"]:
            assert s.start_char >= last
            last = s.end_char
            assert text[s.start_char : s.end_char] == s.text
            assert s.text.strip() == s.text and s.text
            assert s.label_ in ("ORG", "GPE", "LOC", "PERSON")

    check()


def test_empty_and_blank_texts(nlp):
    for text in ("", " ", "\n\n", "。", "abc"):
        doc = nlp(text)
        assert list(doc.spans["entities"]) == []


def test_find_entities_without_a_pipeline():
    from ordos_nlp.entities import find_entities

    text = "康巴什讯 近日，鄂尔多斯市林草事业发\n\n展中心联合东胜区开展调查。(靳玉荣)"
    got = [(e.text, e.label, e.adcode) for e in find_entities(text)]
    assert got == [
        ("康巴什", "GPE", "150603"),
        ("鄂尔多斯市林草事业发\n\n展中心", "ORG", None),
        ("东胜区", "GPE", "150602"),
        ("靳玉荣", "PERSON", None),
    ]
    for e in find_entities(text):
        assert text[e.start : e.end] == e.text


def test_second_home_region_adds_its_names():
    """A pipeline for another home region is not ignored: the short forms only its region
    reads as places reach the segmenter, and each region's names are kept apart."""
    from ordos_nlp.entities.lexicon import NAMES_BY_HOME, add_names_to_jieba

    first = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    first.add_pipe("ordos_entities")
    second = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    second.add_pipe("ordos_entities", config={"home_region": "350500"})  # 泉州市
    home2 = second.get_pipe("ordos_entities")
    assert ("350500", "350000") in NAMES_BY_HOME
    assert "洛江" in home2.jieba_names  # 洛江区's short form: a word elsewhere, a place at home
    assert "洛江" not in first.get_pipe("ordos_entities").jieba_names
    assert add_names_to_jieba(("350500", "350000")) is home2.jieba_names  # once per region
    with pytest.raises(TypeError, match="str"):
        add_names_to_jieba("150000")


def test_rule_families_share_no_method_name():
    """The rule families are mixins of one class: a method name two of them define would make
    one family call the other's method unawares."""
    from collections import defaultdict

    from ordos_nlp.entities.rules import _Run

    owners = defaultdict(list)
    for base in _Run.__mro__[1:-1]:
        for name, value in vars(base).items():
            if callable(value) and not name.startswith("__"):
                owners[name].append(base.__name__)
    assert {name: bases for name, bases in owners.items() if len(bases) > 1} == {}
