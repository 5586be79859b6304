"""displaCy views: ordos_nlp.render()."""

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import ordos_nlp
from ordos_nlp.facts import Entity, Quantity, Sentence, TimeExpr
from ordos_nlp.render import COLORS, display_spans, fact_label

SEED_PATH = Path(__file__).parents[1] / "seeds" / "000_4a1a09de4157cfcd.txt"
TEXT = "今年一季度,东胜区达成授信192.34亿元,遗鸥数量为209\n\n只。"


class Marks(HTMLParser):
    """(text, label, background) of each displaCy <mark>."""

    def __init__(self):
        super().__init__()
        self.marks, self._stack = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "mark":
            bg = re.search(r"background: ([^;]+);", attrs.get("style", "")).group(1)
            self._stack.append({"text": "", "label": "", "bg": bg, "in_label": False})
        elif tag == "span" and self._stack:
            self._stack[-1]["in_label"] = True

    def handle_endtag(self, tag):
        if tag == "mark" and self._stack:
            m = self._stack.pop()
            self.marks.append((" ".join(m["text"].split()), m["label"].strip(), m["bg"]))

    def handle_data(self, data):
        if self._stack:
            key = "label" if self._stack[-1]["in_label"] else "text"
            self._stack[-1][key] += data


def marks(markup):
    p = Marks()
    p.feed(markup)
    return p.marks


def test_labels_carry_values_and_colours():
    found = marks(ordos_nlp.render(TEXT, jupyter=False, doc_date=date(2026, 4, 1)))
    assert ("192.34亿元", "QUANTITY 19234000000 元", COLORS["QUANTITY"]) in found
    assert ("今年一季度", "DATE 2026-Q1", COLORS["DATE"]) in found
    assert ("东胜区", "GPE 150602", COLORS["GPE"]) in found
    assert ("209 只", "QUANTITY 209 只", COLORS["QUANTITY"]) in found  # the line break, drawn as a space


def test_fact_labels():
    assert fact_label(Quantity("3至5万元", 0, 6, 30000, "元", "MONEY", low=30000, high=50000)) == "QUANTITY 30000–50000 元"
    assert fact_label(Quantity("220余万株", 0, 6, 2200000, "株", "COUNT", qualifier="over")) == "QUANTITY 2200000 株 over"
    assert fact_label(TimeExpr("自2009年以来", 0, 8, "2009", "since")) == "DATE 2009 since"
    assert fact_label(Entity("市农牧局", 0, 4, "ORG")) == "ORG"


def test_overlaps_are_resolved():
    s = Sentence(
        "2025年度鄂尔多斯市", 0, 11,
        entities=(Entity("鄂尔多斯市", 6, 11, "GPE", "150600"), Entity("2025年度鄂尔多斯", 0, 10, "ORG")),
        dates=(TimeExpr("2025年度", 0, 6, "2025"),),
    )
    spans = display_spans([s])
    assert [(x["start"], x["end"]) for x in spans] == [(0, 10)]


def test_page_and_file(tmp_path):
    path = tmp_path / "page.html"
    fragment = ordos_nlp.render(TEXT, jupyter=False, path=path, title="<seed>")
    page = path.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "&lt;seed&gt;" in page and "<seed>" not in page
    assert fragment in page and not fragment.lstrip().startswith("<!DOCTYPE")
    whole = ordos_nlp.render(TEXT, jupyter=False, page=True)
    assert whole.startswith("<!DOCTYPE html>")
    # a legend chip per fact type
    for label, colour in COLORS.items():
        assert f"background: {colour}" in whole and f">{label}</span>" in whole


def test_seed_page_marks_every_fact_once():
    text = SEED_PATH.read_text("utf-8")
    found = marks(ordos_nlp.render(text, jupyter=False, legend=False))
    sentences = ordos_nlp.extract(text)
    assert len(found) == len(display_spans(sentences)) > 100
    assert {bg for _, _, bg in found} == set(COLORS.values())


def test_doc_input_and_colour_override():
    nlp = ordos_nlp.load()
    doc = nlp(TEXT)
    found = marks(ordos_nlp.render(doc, jupyter=False, colors={"QUANTITY": "#123456"}))
    assert ("192.34亿元", "QUANTITY 19234000000 元", "#123456") in found


def test_escaping():
    found = marks(ordos_nlp.render("<b>东胜区</b> & 3万元", jupyter=False))
    assert ("东胜区", "GPE 150602", COLORS["GPE"]) in found


def test_jupyter_display(monkeypatch):
    shown = []
    display_mod = pytest.importorskip("IPython.display")
    monkeypatch.setattr(display_mod, "display", lambda obj: shown.append(obj))
    assert ordos_nlp.render(TEXT, jupyter=True) is None
    assert "QUANTITY 19234000000 元" in shown[0].data


@pytest.mark.parametrize("bad", [None, b"x", 3])
def test_type_error(bad):
    with pytest.raises(TypeError, match="render"):
        ordos_nlp.render(bad)
