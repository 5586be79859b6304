"""``load()`` and spaCy's own door: ``spacy.load("ordos_nlp", ...)`` with spaCy's keywords."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import spacy

import ordos_nlp
from ordos_nlp.api import as_doc_date

PIPES = ["ordos_layout", "ordos_quantities", "ordos_dates", "ordos_entities"]


def test_spacy_load_by_package_name():
    nlp = spacy.load("ordos_nlp")
    assert nlp.meta["name"] == "ordos_nlp"
    assert nlp.meta["version"] == ordos_nlp.__version__
    assert nlp.pipe_names[: len(PIPES)] == PIPES
    assert nlp is not ordos_nlp.load()  # spaCy's callers get a pipeline of their own
    doc = nlp("今年一季度,全市达成授信192.34亿元。")
    assert [(sp.text, sp._.value) for sp in doc.spans["quantities"]] == [("192.34亿元", 19234000000)]


def test_spacy_keywords():
    nlp = spacy.load("ordos_nlp", exclude=["ordos_entities"])
    assert "ordos_entities" not in nlp.component_names
    nlp = spacy.load("ordos_nlp", disable=["ordos_dates"])
    assert nlp.disabled == ["ordos_dates"]
    assert not nlp("2026年3月5日").spans.get("dates")
    nlp = ordos_nlp.load(enable="ordos_layout")
    assert nlp.pipe_names == ["ordos_layout"]


def test_config_overrides_nested_and_dotted():
    dotted = ordos_nlp.load(config={"components.ordos_entities.home_region": "150600"})
    nested = ordos_nlp.load(config={"components": {"ordos_entities": {"home_region": "150200"}}})
    assert dotted.get_pipe("ordos_entities").home_region == "150600"
    assert nested.get_pipe("ordos_entities").home_region == "150200"
    assert ordos_nlp.load().get_pipe("ordos_entities").home_region == "150000"


def test_shared_pipeline_is_cached():
    assert ordos_nlp.load() is ordos_nlp.load()
    assert ordos_nlp.load().meta["name"] == "ordos_nlp"


@pytest.mark.parametrize(
    "kwargs, error",
    [({"config": "x"}, TypeError), ({"disable": 3}, TypeError), ({"disable": ["a", 1]}, TypeError),
     ({"pkuseg_model": 1}, TypeError), ({"entities": "both"}, ValueError)],
)
def test_bad_arguments(kwargs, error):
    with pytest.raises(error):
        ordos_nlp.load(**kwargs)


def test_doc_date_forms():
    assert as_doc_date("2026-04-01") == date(2026, 4, 1)
    assert as_doc_date(" 2026-04-01 ") == date(2026, 4, 1)
    assert as_doc_date(datetime(2026, 4, 1, 9, 30)) == date(2026, 4, 1)
    assert as_doc_date(None) is None
    with pytest.raises(ValueError, match="ISO date"):
        as_doc_date("1 April 2026")
    with pytest.raises(TypeError, match="int"):
        as_doc_date(20260401)


def test_iso_string_doc_date_equals_date():
    text = "今年一季度,全市累计组织专场对接会7场。"
    by_string = ordos_nlp.extract(text, doc_date="2026-04-01")
    assert by_string == ordos_nlp.extract(text, doc_date=date(2026, 4, 1))
    assert by_string[0].dates[0].value == "2026-Q1"
    many = list(ordos_nlp.extract_many([text], doc_date="2026-04-01"))
    assert many == [by_string]


def test_extract_many_progress_bar(capsys):
    texts = ["达成授信192.34亿元。", "全市4家上市公司总市值达1658亿元。"]
    plain = list(ordos_nlp.extract_many(texts))
    shown = list(ordos_nlp.extract_many(texts, progress=True))
    assert shown == plain
    err = capsys.readouterr().err
    assert "char" in err and "/" in err  # "43/43 [..., chars/s]": characters, with the total known
    with pytest.raises(TypeError):
        ordos_nlp.extract_many(texts, progress="yes")


def test_sentence_html_table():
    (s,) = ordos_nlp.extract("截至2月底,东胜区各项存款余额为7537.8亿元", doc_date="2026-04-01")
    html = s._repr_html_()
    assert html.startswith("<table") and "753,780,000,000" in html and "150602" in html and "2026-02 (end)" in html
