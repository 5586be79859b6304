"""Natural places in lists and named again (ordos_nlp/entities/place_mentions.py): properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from ordos_nlp.entities.candidates import Tokens
from ordos_nlp.entities.place_mentions import listed_places, places_listed_after, relabel_places

ROOT = Path(__file__).resolve().parents[1]
# names of deserts, sandy lands and lakes as real reports list them
NAMES = ["巴丹吉林", "腾格里", "乌兰布和", "库布齐", "巴音温都尔", "毛乌素", "浑善达克", "乌珠穆沁",
         "塔克拉玛干", "古尔班通古特", "柴达木", "库姆塔格", "呼伦湖", "乌梁素海", "岱海"]
COUNTS = "一两三四五六七八九十"
LEADS = ["境内分布有", "内蒙古有", "包括", "，"]


def _list_text(lead: str, names: list[str], count: int, joiner: str, kind: str) -> str:
    body = "、".join(names[:-1]) + joiner + names[-1]
    return f"{lead}{body}{COUNTS[count - 1]}大{kind}，生态持续向好。"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=2, max_size=6, unique=True), st.sampled_from(LEADS),
       st.sampled_from(["、", "和", "及"]), st.sampled_from(["沙漠", "沙地", "湖泊"]))
def test_a_list_that_matches_its_count_gives_each_name(names, lead, joiner, kind):
    text = _list_text(lead, names, len(names), joiner, kind)
    assert [text[s:e] for s, e in listed_places(text, Tokens.from_jieba(text))] == names


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=2, max_size=6, unique=True), st.sampled_from(LEADS),
       st.integers(min_value=1, max_value=3))
def test_a_count_other_than_the_names_gives_none(names, lead, extra):
    text = _list_text(lead, names, len(names) + extra, "和", "沙漠")
    assert listed_places(text, Tokens.from_jieba(text)) == []


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=2, max_size=5, unique=True), st.randoms(use_true_random=False))
def test_the_order_of_a_list_does_not_change_its_places(names, rnd):
    shuffled = list(names)
    rnd.shuffle(shuffled)
    found = []
    for order in (names, shuffled):
        text = _list_text("境内分布有", order, len(order), "和", "沙漠")
        found.append(sorted(text[s:e] for s, e in listed_places(text, Tokens.from_jieba(text))))
    assert found[0] == found[1] == sorted(names)


# scenic spots as a park's guide lists them after its count (阿尔山国家森林公园: 八个景点:…)
SPOTS = ["阿尔山天池", "三潭峡", "地池", "龟背岩", "石塘林", "杜鹃湖", "驼峰岭天池", "大峡谷", "乌苏浪子湖",
         "鹿鸣湖", "柴河源大峡谷", "好森沟"]


def _after_text(names: list[str], count: int, joiner: str) -> str:
    body = "、".join(names[:-1]) + joiner + names[-1]
    return f"一共包括{COUNTS[count - 1]}个景点:{body}。按照景区观光车的安排游览。"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(SPOTS), min_size=2, max_size=8, unique=True), st.sampled_from(["、", "和"]))
def test_a_list_after_its_count_gives_each_name(names, joiner):
    text = _after_text(names, len(names), joiner)
    assert [text[s:e] for s, e in places_listed_after(text)] == names


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(SPOTS), min_size=2, max_size=7, unique=True), st.integers(min_value=1, max_value=2))
def test_a_list_after_a_count_other_than_its_names_gives_none(names, extra):
    assert places_listed_after(_after_text(names, len(names) + extra, "、")) == []


def test_places_listed_after_names_the_type_it_got():
    with pytest.raises(TypeError, match="bytes"):
        places_listed_after("八个景点:天池".encode())


@pytest.fixture(scope="module")
def rules_nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("ordos_layout")
    nlp.add_pipe("ordos_entities")
    return nlp


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=2, max_size=5, unique=True))
def test_listed_names_are_places_in_the_pipeline(rules_nlp, names):
    text = _list_text("境内分布有", names, len(names), "和", "沙漠")
    doc = rules_nlp(text)
    labels = {s.text: s.label_ for s in doc.spans["entities"]}
    assert all(labels.get(n) == "LOC" for n in names), labels


def test_every_mention_of_a_lake_read_as_a_person_is_a_place():
    import ordos_nlp

    line = next(x for x in (ROOT / "benchmarks" / "realtext" / "entities.jsonl").read_text("utf-8").splitlines()
                if '"ent-109"' in x)
    text = json.loads(line)["text"]
    doc = ordos_nlp.load()(text)
    spans = [s for s in doc.spans["entities"] if s.text == "居延海"]
    assert len(spans) == text.count("居延海")
    assert {s.label_ for s in spans} == {"LOC"}


def test_relabel_places_names_the_type_it_got():
    with pytest.raises(TypeError, match="bytes"):
        relabel_places(b"\xe5\xb1\x85", Tokens(()), [])
