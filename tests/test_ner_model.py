"""The trained entity recogniser: packaged, offline, and joined with the rules.

Cases (tests/cases/ner_combined.json) run through ``ordos_nlp.load()`` (the
combination); the rest checks the package files, the ``entities=`` settings,
the model on its own, and that the combination obeys FACTS.md's boundary rules
on the seed page. The seed-page floors themselves are in test_seed_page.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import spacy

import ordos_nlp
from ordos_nlp.entities.charner import CharNER, char_features, get_char_ner, jieba_bounds, model_path
from ordos_nlp.entities.model_source import _balanced

ROOT = Path(__file__).resolve().parents[1]
_CASE_FILE = json.loads((ROOT / "tests" / "cases" / "ner_combined.json").read_text("utf-8"))
CASES = _CASE_FILE["cases"]
COMBINE_CASES = _CASE_FILE["combine"]
MAPPING_CASES = _CASE_FILE["msra_mapping"]
SEED = (ROOT / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")


@pytest.fixture(scope="module")
def nlp():
    return ordos_nlp.load()


def _found(doc):
    return [(s.text, s.label_, s._.adcode) for s in doc.spans["entities"]]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(nlp, case):
    doc = nlp(case["text"])
    found = _found(doc)
    expected = [tuple(e) for e in case["entities"]]
    if case.get("exact"):
        assert [(t, l) for t, l, _ in found] == [(e[0], e[1]) for e in expected], found
    for e in expected:
        assert any(t == e[0] and l == e[1] and (len(e) == 2 or a == e[2]) for t, l, a in found), (e, found)
    wanted = {e[0] for e in expected}
    for word in case.get("absent", []):
        assert all(word not in t or t in wanted for t, _, _ in found), (word, found)


@pytest.mark.parametrize("case", COMBINE_CASES, ids=[c["id"] for c in COMBINE_CASES])
def test_combine_case(case):
    """The rules' and the recogniser's candidates on a real phrase, joined by ``combine``."""
    from ordos_nlp.entities.candidates import Candidate
    from ordos_nlp.entities.combination import MODEL_PRIORITY, combine
    from ordos_nlp.entities.model_source import ModelCandidate

    text = case["text"]

    def at(name):
        start = text.index(name)
        return start, start + len(name)

    rules = [Candidate(*at(n), label, 50, source) for n, label, source in case["rules"]]
    model = [ModelCandidate(*at(n), label, MODEL_PRIORITY, "model", prob=p) for n, label, p in case["model"]]
    kept = combine(rules, model, text=text)
    assert [(text[c.start : c.end], c.label) for c in kept] == [tuple(e) for e in case["expected"]]


def test_model_ships_with_the_package():
    path = model_path()
    pkg = Path(ordos_nlp.__file__).resolve().parent
    # installed: ordos_nlp/models/ner_msra; a checkout: the top-level models/ner_msra
    assert path.resolve() in ((pkg / "models" / "ner_msra").resolve(), (pkg.parent / "models" / "ner_msra").resolve())
    assert (path / "config.cfg").is_file() and (path / "tagger" / "model").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 50_000_000, size
    assert "null" in (path / "config.cfg").read_text("utf-8").split("[paths]")[1].split("[")[0]


def test_model_loads_offline():
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network use during load')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import ordos_nlp\n"
        "doc = ordos_nlp.load()('南京海拓与重庆风渡签约')\n"
        "print(sorted((s.text, s.label_) for s in doc.spans['entities']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={"PATH": "", "HF_HUB_OFFLINE": "1", "NO_PROXY": "*"}, cwd="/")
    assert out.returncode == 0, out.stderr
    assert "南京海拓" in out.stdout


def test_entities_settings(nlp):
    assert nlp is ordos_nlp.load() is ordos_nlp.load(entities="combined")
    rules, model = ordos_nlp.load(entities="rules"), ordos_nlp.load(entities="model")
    assert len({id(nlp), id(rules), id(model)}) == 3
    assert rules is ordos_nlp.load(entities="rules")
    comp = {name: x.get_pipe("ordos_entities") for name, x in (("c", nlp), ("r", rules), ("m", model))}
    assert (comp["c"].use_rules, comp["c"].use_model) == (True, True)
    assert (comp["r"].use_rules, comp["r"].use_model) == (True, False)
    assert (comp["m"].use_rules, comp["m"].use_model) == (False, True)
    text = "张建国在东胜区“国防林”生态基地植树。"
    assert ("张建国", "PERSON", None) in _found(model(text))
    assert all(l != "PERSON" for _, l, _ in _found(rules(text)))
    with pytest.raises(ValueError, match="entities"):
        ordos_nlp.load(entities="crf")
    with pytest.raises(TypeError):
        ordos_nlp.load(entities=None)


def test_combined_round_trips(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipe")
    again = spacy.load(tmp_path / "pipe")
    assert again.get_pipe("ordos_entities").use_model
    text = SEED[:3000]
    assert _found(again(text)) == _found(nlp(text))


def test_model_alone_as_spacy_pipeline():
    alone = spacy.load(model_path())
    doc = alone("张建国和李秀英昨天在东胜区见面。")
    assert [(e.text, e.label_) for e in doc.ents] == [("张建国", "PERSON"), ("李秀英", "PERSON"), ("东胜区", "LOC")]
    ner = get_char_ner()
    assert isinstance(ner, CharNER)
    # the constrained decoding keeps one label per name (greedy tags read 南 | 京海拓公司)
    assert ner.predict("南京海拓公司与重庆风渡公司签约") == [(0, 6, "ORG"), (7, 13, "ORG")]
    assert ner.predict("") == []


def test_numpy_forward_pass_equals_thinc():
    ner = get_char_ner()
    feats = char_features(SEED[:1500], jieba_bounds(SEED[:1500]))
    ref = ner._softmax.predict(ner._encode.predict(ner._embed_rest.predict([feats]))[0])
    assert ner._net is not None
    assert np.allclose(ner._net(feats), ref, rtol=1e-5, atol=1e-5)


def test_model_directory_loads_with_plain_spacy():
    """The shipped directory is an ordinary spaCy pipeline: its parts come in through entry points."""
    code = (
        "import sys, spacy\n"
        f"nlp = spacy.load({str(model_path())!r})\n"
        "doc = nlp('张建国和李秀英昨天在东胜区见面。')\n"
        "print([(e.text, e.label_) for e in doc.ents])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd="/")
    assert out.returncode == 0, out.stderr
    assert "('张建国', 'PERSON')" in out.stdout and "('东胜区', 'LOC')" in out.stdout


def test_long_text_is_tagged_in_windows():
    ner = get_char_ner()
    text = "张建国和李秀英昨天在东胜区见面。" * 50
    whole = ner.predict(text)
    old = ner.window
    try:
        ner.window = 97
        assert ner.predict(text) == whole
    finally:
        ner.window = old


def test_combination_obeys_boundaries_on_seed_page(nlp):
    doc = nlp(SEED)
    text = doc.text
    taken = [(s.start_char, s.end_char) for g in ("quantities", "dates") for s in doc.spans[g]]
    spans = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["entities"])
    for (a0, a1, _), (b0, b1, _) in zip(spans, spans[1:]):
        assert a1 <= b0
    for s, e, label in spans:
        name = text[s:e]
        assert not any(a < e and s < b for a, b in taken), name
        assert _balanced(name) and name[0] not in "“‘《" and name[-1] not in "”’》", name
        assert name not in {"全市", "我市", "全区", "旗区", "双方", "保护区", "本报"}, name
        assert not name.endswith("讯") and "记者" not in name, name
        if label == "PERSON":
            assert not any(name.startswith(t) for t in ("记者", "教师", "通讯员")), name
    for m in re.finditer(r"《[^》]*》", text):
        assert not any(m.start() < e and s < m.end() for s, e, _ in spans), m.group()


def test_batches_give_the_same_names_as_one_by_one(nlp):
    """The recogniser reads a batch's texts side by side: the names must not change."""
    texts = [SEED, "", "张建国", *[s + "。" for s in SEED.split("。")[:60]]]
    ner = get_char_ner()
    assert ner.predict_scored_many(texts) == [ner.predict_scored(t) for t in texts]

    def names(doc):
        return [(s.start_char, s.end_char, s.label_) for s in doc.spans["entities"]]

    piped = [names(doc) for doc in nlp.pipe(texts, batch_size=16)]
    assert piped == [names(nlp(t)) for t in texts]
    assert any(piped)


def test_blas_thread_setting_is_restored():
    """The recogniser holds numpy's BLAS to one thread only while it runs."""
    from threadpoolctl import threadpool_info

    def blas_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    assert get_char_ner().predict("张建国和李秀英昨天在东胜区见面。")
    assert blas_threads() == before


def test_threads_share_the_recogniser():
    """Several threads at once: the same names, and the BLAS setting as it was once all are out."""
    import threading

    from threadpoolctl import threadpool_info

    def blas_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    ner = get_char_ner()
    text = "张建国和李秀英昨天在东胜区见面。" * 40
    expected = ner.predict(text)
    before = blas_threads()
    results, errors = [], []

    def work():
        try:
            for _ in range(10):
                results.append(ner.predict(text))
        except Exception as exc:  # pragma: no cover - what the test is looking for
            errors.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 40 and all(r == expected for r in results)
    assert blas_threads() == before


def test_blas_setting_is_scoped_to_the_calls_inside():
    """Overlapping calls from two threads, in either order: one BLAS thread inside the call
    that set it, and the caller's setting again once every call has left, also when a call
    fails."""
    import threading

    from threadpoolctl import threadpool_info

    from ordos_nlp.entities.charner import one_blas_thread

    def blas_threads():
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    for main_first in (True, False):
        other_in, other_may_leave = threading.Event(), threading.Event()

        def other_call():
            with one_blas_thread():
                other_in.set()
                other_may_leave.wait(30)

        other = threading.Thread(target=other_call)
        if not main_first:
            other.start()
            assert other_in.wait(30)
        with one_blas_thread():
            if main_first:
                assert all(n == 1 for n in blas_threads())
                other.start()
                assert other_in.wait(30)
                other_may_leave.set()
                other.join()
                assert all(n == 1 for n in blas_threads())  # the other call left the setting alone
        other_may_leave.set()
        other.join()
        assert blas_threads() == before
    with pytest.raises(RuntimeError):
        with one_blas_thread():
            raise RuntimeError("inside")
    assert blas_threads() == before


def test_char_features_names_the_type_received():
    with pytest.raises(TypeError, match="bytes"):
        char_features(b"abc", [])
    with pytest.raises(TypeError, match="int"):
        get_char_ner().predict(5)


def test_short_names_in_compound_contract(nlp):
    """The compound test the recogniser's places go through (and the MSRA mapping in ner_eval)."""
    rec = nlp.get_pipe("ordos_entities")
    herbs = "内蒙古中药材产业依托独特的地理环境和资源禀赋"
    party = "我们愿同韩方共同努力,克服目前两国关系发展中面临的一些障碍"
    assert rec.short_names_in_compound(herbs, herbs.index("中"), herbs.index("中") + 1)
    assert not rec.short_names_in_compound(party, party.index("韩"), party.index("韩") + 1)
    with pytest.raises(TypeError, match="bytes"):
        rec.short_names_in_compound(herbs.encode(), 3, 4)
    with pytest.raises(TypeError, match="float"):
        rec.short_names_in_compound(herbs, 3.0, 4)
    with pytest.raises(ValueError):
        rec.short_names_in_compound(herbs, 4, 4)


def test_proper_place_word_contract():
    """A dictionary place name read whole is a place; a compass word before a distance, a word
    cut out of a longer one and a celestial body are not."""
    from ordos_nlp.entities.proper_places import proper_place_word
    from ordos_nlp.entities.rules import Tokens

    def read(text, name, prob=0.99):
        s = text.index(name)
        return proper_place_word(text, Tokens.from_jieba(text), s, s + len(name), prob)

    assert read("战后的苏联雄心勃勃", "苏联")
    assert read("成为威胁西北地区的主要沙尘源地之一", "西北")
    assert not read("成为威胁西北地区的主要沙尘源地之一", "西北", prob=0.5)
    assert not read("距旗政府所在地大沁他拉镇东北35公里处", "东北")
    assert not read("蒙古族牧民额尔敦朝古拉一边吆喝", "蒙古")
    assert not read("因为靠北,太阳的杀伤力很大", "太阳")
    with pytest.raises(TypeError, match="bytes"):
        proper_place_word(b"\xe8\x8b\x8f\xe8\x81\x94", Tokens(()), 0, 2, 0.9)
    with pytest.raises(TypeError, match="list"):
        proper_place_word("苏联", [(0, 2)], 0, 2, 0.9)


def test_sub_unit_contracts():
    """A department read on after its parent ends in a kind word; two bodies side by side whose
    second is a department are one."""
    from ordos_nlp.entities.candidates import Candidate
    from ordos_nlp.entities.sub_units import join_sub_units, sub_unit_tail

    text = "1967年毕业于中央美术学院中国画系。"
    school, dept = text.index("中央"), text.index("中国画系")
    assert sub_unit_tail(text, dept, dept + 4)
    assert not sub_unit_tail("六安一中陶一凡、金寨一中金光耀", 12, 15)
    joined = join_sub_units(text, [Candidate(dept, dept + 4, "ORG", 50, "suffix"),
                                   Candidate(school, dept, "ORG", 50, "suffix")])
    assert [(text[c.start : c.end], c.label) for c in joined] == [("中央美术学院中国画系", "ORG")]
    with pytest.raises(TypeError, match="NoneType"):
        sub_unit_tail(None, 0, 1)
    with pytest.raises(TypeError, match="bytes"):
        join_sub_units(text.encode(), [])



@pytest.mark.parametrize("case", MAPPING_CASES, ids=[c["id"] for c in MAPPING_CASES])
def test_msra_mapping_case(nlp, case):
    """benchmarks/ner_eval.py maps the MSRA gold to FACTS.md: a corpus place right before 政府
    is one ORG with it (abbreviated bodies are organisations, with their place prefix); 政府
    starting a longer word is left alone."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from ner_eval import facts_gold

    from ordos_nlp.entities.lexicon import get_lexicon

    text = case["text"]
    places = {(m.start(), m.end(), "LOC") for m in re.finditer("|".join(case["places"]), text)}
    mapped, _, _ = facts_gold(text, places, nlp.get_pipe("ordos_entities"), get_lexicon().place_abbreviations)
    assert [(text[s:e], lab) for s, e, lab in sorted(mapped)] == [tuple(m) for m in case["mapped"]]


def test_trim_keeps_a_quote_the_name_closes(nlp):
    """A name the recogniser starts after its opening quotation mark but ends after the closing
    one takes the opening one in too: quotation marks inside a name stay inside it (FACTS.md)."""
    source = nlp.get_pipe("ordos_entities").model_source
    text = "“蒙草”集团发布公告。"
    assert source._trim(text, 1, 6, "ORG") == (0, 6)
    assert source._trim(text, 1, 3, "ORG") == (1, 3)  # the quoted word alone keeps its marks outside
