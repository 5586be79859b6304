"""The fast segmenter gives jieba's words, and the tokenizer spaCy's tokens.

The trained recogniser learnt its word features from Python jieba's words, and
the rules were written against them: if jieba-rs ever cut differently (another
dictionary, another HMM), these tests say so before the figures move. (Known and
left: where two routes through the word graph score exactly the same, as in
runs of one repeated character such as 大大大, the two may pick different
ones; 5 in 50,000 random strings, none in 2,250 MSRA sentences.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.lang.zh import ChineseTokenizer

import ordos_nlp
from ordos_nlp.entities.lexicon import add_names_to_jieba
from ordos_nlp.fold import fold
from ordos_nlp.segmenter import get_segmenter, python_jieba, word_spans
from ordos_nlp.spans import doc_text
from ordos_nlp.tokenizer import OrdosChineseTokenizer, words_and_spaces

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")
CASES = ROOT / "tests" / "cases"


def case_texts() -> list[str]:
    """Every phrase of the case files: real news text of every kind we handle."""
    out = []
    for path in sorted(CASES.glob("*.json")):
        def walk(x):
            if isinstance(x, dict):
                for k, v in x.items():
                    if k in ("text", "input", "phrase") and isinstance(v, str):
                        out.append(v)
                    else:
                        walk(v)
            elif isinstance(x, list):
                for v in x:
                    walk(v)

        walk(json.loads(path.read_text("utf-8")))
    return out


@pytest.fixture(scope="module")
def nlp():
    return ordos_nlp.load(entities="rules")  # adds the gazetteer names to the dictionary


@pytest.fixture(scope="module")
def jieba(nlp):
    return python_jieba()  # Python jieba with the same names


def test_case_files_give_texts():
    assert len(case_texts()) > 100


def test_same_words_as_jieba_on_seed_page_and_cases(jieba):
    texts = [SEED, *SEED.split("\n"), *case_texts()]
    seg = get_segmenter()
    differ = [t for t in texts if seg.words(t) != list(jieba.cut(t))]
    assert differ == []


def test_names_added_to_jieba_are_mirrored(jieba):
    # a gazetteer township jieba's own dictionary does not hold: one word in both
    add_names_to_jieba()
    text = "乌审旗图克镇召开会议"
    assert "图克镇" in jieba.cut(text)
    assert "图克镇" in get_segmenter().words(text)


def test_tokens_equal_spacy_chinese_tokenizer(nlp, jieba):
    ref = ChineseTokenizer(nlp.vocab, segmenter="jieba")
    tricky = ["  a  b \n\n c 鄂尔多斯 市\t \u3000 x  ", " ", "\n", "209\n\n只羊", "Ａ Ｂ　Ｃ", "a\r\nb"]
    for text in [SEED, *case_texts()[:300], *tricky]:
        # traditional characters are cut as their simplified forms would be (六個百分點)
        doc = nlp.tokenizer(text)
        assert doc.text == text
        ours = [(t.idx, len(t), t.whitespace_) for t in doc]
        theirs = [(t.idx, len(t), t.whitespace_) for t in ref(fold(text))]
        assert ours == theirs, text


def test_tokenizer_is_ours_and_remembers_the_text(nlp):
    assert isinstance(nlp.tokenizer, OrdosChineseTokenizer)
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "ordos_nlp.ChineseTokenizer.v1"
    doc = nlp.tokenizer("东胜区 \n\n 康巴什区")
    assert doc_text(doc) == doc.text == "东胜区 \n\n 康巴什区"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("鄂尔多斯市东胜区一二三 \n\t\u300012.ab，。、“”")), max_size=40))
def test_words_and_spaces_rebuild_the_text(text):
    seg = get_segmenter()
    words, spaces = words_and_spaces(text, seg.tokens(text))
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces)) == text
    for s, e in word_spans(text):
        assert text[s:e].strip()



def test_mixed_latin_digit_runs_split_as_jieba(jieba):
    """Runs such as 150-350 and COVID-19, where jieba-rs alone would differ."""
    cases = json.loads((CASES / "segmenter.json").read_text("utf-8"))["cases"]
    seg = get_segmenter()
    for case in cases:
        assert seg.words(case["text"]) == list(jieba.cut(case["text"])) == case["words"], case["text"]


def test_rjieba_stays_importable_after_the_pipeline_loads_it():
    """The segmenter loads jieba-rs's compiled module without the package's default
    segmenter; a later ``import rjieba`` must still work, with the same class."""
    import subprocess
    import sys

    code = (
        "import ordos_nlp, sys; ordos_nlp.load(); "
        "seg = ordos_nlp.segmenter.get_segmenter(); "
        "import rjieba; "
        "assert type(seg._jieba) is rjieba.Jieba, (type(seg._jieba), rjieba.Jieba); "
        "print(rjieba.cut('鄂尔多斯市东胜区'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['鄂尔多斯市', '东胜区']", out.stdout + out.stderr
