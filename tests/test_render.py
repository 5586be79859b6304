"""displaCy views: ordos_nlp.render()."""

import json
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ordos_nlp
from ordos_nlp.api import as_doc_date
from ordos_nlp.facts import Entity, Quantity, Sentence, TimeExpr, number_to_str
from ordos_nlp.render import COLORS, KIND_STYLES, RECORD_COLORS, display_spans, fact_label, fact_title, record_title

SEED_PATH = Path(__file__).parents[1] / "seeds" / "000_4a1a09de4157cfcd.txt"
REALTEXT = Path(__file__).parents[1] / "benchmarks" / "realtext" / "records.jsonl"
TEXT = "今年一季度,东胜区达成授信192.34亿元,遗鸥数量为209\n\n只。"
# real phrases of the seed page: a dateline with a short place name, a city by its short name
DATELINE = "康巴什讯 近日,市农牧局组织旗区农牧部门,开展盐碱耕地质量长期定位监测点春季取样化验工作。"
SHORT_NAME = "鄂尔多斯始终将以初心为舵、以匠心为刃、以恒心为锚,持续推动政务服务提质增效。"


class View(HTMLParser):
    """What a reader sees in the markup: paragraphs, the sentences in them, and the marks.

    ``marks``: (text, label, background) of each displaCy <mark>; ``mark_attrs``: the
    mark's attributes; ``sentences``: (kind, style, text without labels, paragraph index);
    ``paragraphs``: (class, style) of each <p>; ``shown``: the text a reader reads,
    labels left out.
    """

    def __init__(self):
        super().__init__()
        self.marks, self.mark_attrs, self.mark_inner = [], [], []
        self.sentences, self.paragraphs = [], []
        self.shown = ""
        self._mark = None
        self._sentence = None
        self._depth_in_label = 0
        self._stack = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._stack.append(tag)
        if tag == "p":
            self.paragraphs.append((attrs.get("class", ""), attrs.get("style", "")))
        elif tag == "mark":
            bg = re.search(r"background: ([^;]+);", attrs.get("style", "")).group(1)
            self._mark = {"text": "", "label": "", "bg": bg, "in_label": False, "inner": []}
            self.mark_attrs.append(attrs)
        elif tag == "span" and self._mark is not None:
            self._mark["in_label"] = True
        elif tag == "span" and "ordos-sentence" in attrs.get("class", ""):
            self._sentence = [attrs["data-kind"], attrs.get("style", ""), "", len(self.paragraphs) - 1]
        if self._mark is not None and tag != "mark" and not self._mark["in_label"]:
            self._mark["inner"].append(tag)

    def handle_endtag(self, tag):
        self._stack.pop()
        if tag == "mark" and self._mark is not None:
            m, self._mark = self._mark, None
            self.marks.append((m["text"], m["label"].strip(), m["bg"]))
            self.mark_inner.append(m["inner"])
        elif tag == "span" and self._mark is not None:
            self._mark["in_label"] = False
        elif tag == "span" and self._sentence is not None and "span" not in self._stack:
            self.sentences.append(tuple(self._sentence))
            self._sentence = None

    def handle_startendtag(self, tag, attrs):
        if self._mark is not None:
            self._mark["inner"].append(tag)

    def handle_data(self, data):
        if self._mark is not None and self._mark["in_label"]:
            self._mark["label"] += data
            return
        if self._mark is not None:
            self._mark["text"] += data
        if self._sentence is not None:
            self._sentence[2] += data
        if not {"h1", "title", "style"} & set(self._stack):
            self.shown += data


def view(markup) -> View:
    v = View()
    v.feed(markup)
    return v


def marks(markup):
    """(text, label, background) of each mark, the text as a reader sees it (spaces collapsed)."""
    return [(" ".join(t.split()), label, bg) for t, label, bg in view(markup).marks]


def test_labels_carry_values_and_colours():
    found = marks(ordos_nlp.render(TEXT, jupyter=False, doc_date=date(2026, 4, 1), records=False))
    assert ("192.34亿元", "QUANTITY 19,234,000,000 元", COLORS["QUANTITY"]) in found
    assert ("今年一季度", "DATE 2026-Q1", COLORS["DATE"]) in found
    assert ("东胜区", "GPE 东胜区 150602", COLORS["GPE"]) in found
    assert ("209只", "QUANTITY 209 只", COLORS["QUANTITY"]) in found  # the PDF's line break joined


def test_fact_labels():
    assert fact_label(Quantity("3至5万元", 0, 6, 30000, "元", "MONEY", low=30000, high=50000)) == "QUANTITY 30,000–50,000 元"
    assert fact_label(Quantity("220余万株", 0, 6, 2200000, "株", "COUNT", qualifier="over")) == "QUANTITY 2,200,000 株 over"
    assert fact_label(Quantity("7537.8亿元", 0, 9, Decimal("753780000000"), "元", "MONEY")) == "QUANTITY 753,780,000,000 元"
    assert fact_label(Quantity("1234.5亩", 0, 7, Decimal("1234.5"), "亩", "AREA")) == "QUANTITY 1,234.5 亩"
    assert fact_label(Quantity("三分之一", 0, 4, Fraction(1, 3), "", "RATIO")) == "QUANTITY 1/3"
    assert fact_label(TimeExpr("自2009年以来", 0, 8, "2009", "since")) == "DATE 2009 since"
    assert fact_label(Entity("市农牧局", 0, 4, "ORG")) == "ORG"
    # a place by its short form: the official name of its code, then the code
    assert fact_label(Entity("东胜", 0, 2, "GPE", "150602", ("150600", "150000"))) == "GPE 东胜区 150602"
    with pytest.raises(TypeError, match="Sentence"):
        fact_label(Sentence("x", 0, 1))


numbers = st.one_of(
    st.integers(min_value=-10**15, max_value=10**15),
    st.decimals(min_value=-10**12, max_value=10**12, places=3, allow_nan=False, allow_infinity=False),
)


@given(numbers)
def test_labels_group_digits_by_thousands(value):
    shown = fact_label(Quantity("x", 0, 1, value, "元", "MONEY")).split()[1]
    assert shown.replace(",", "") == number_to_str(value)  # the same number, exactly
    assert re.fullmatch(r"-?\d{1,3}(,\d{3})*(\.\d+)?", shown)


def test_places_show_their_name_and_code():
    v = view(ordos_nlp.render(DATELINE + SHORT_NAME, jupyter=False))
    found = [(t, label) for t, label, _ in v.marks]
    assert ("康巴什", "GPE 康巴什区 150603") in found and ("鄂尔多斯", "GPE 鄂尔多斯市 150600") in found
    titles = {m.get("title") for m in v.mark_attrs}
    assert "鄂尔多斯市 150600 · 内蒙古自治区" in titles
    assert "康巴什区 150603 · 鄂尔多斯市 · 内蒙古自治区" in titles


def test_fact_titles():
    q = Quantity("192.34亿元", 0, 8, Decimal("19234000000"), "元", "MONEY")
    assert fact_title(q) == "MONEY 19234000000 元"  # exact, as it can be copied
    assert fact_title(Entity("市农牧局", 0, 4, "ORG")) is None
    assert fact_title(Entity("东胜", 0, 2, "GPE", "150602", ("150600", "150000"))) == "东胜区 150602 · 鄂尔多斯市 · 内蒙古自治区"
    with pytest.raises(TypeError, match="fact_title"):
        fact_title("东胜")


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


@pytest.fixture(scope="module")
def seed():
    text = SEED_PATH.read_text("utf-8")
    sentences = ordos_nlp.extract(text, doc_date=date(2026, 4, 1))
    markup = ordos_nlp.render(text, jupyter=False, legend=False, doc_date=date(2026, 4, 1))
    return text, sentences, markup, view(markup)


def test_seed_page_marks_every_fact_once(seed):
    text, sentences, _, v = seed
    assert len(v.marks) == len(display_spans(sentences)) > 100
    assert {bg for _, _, bg in v.marks} == set(COLORS.values())


def test_seed_page_loses_no_text(seed):
    text, _, _, v = seed
    assert "".join(v.shown.split()) == "".join(text.split())


def test_headlines_stand_apart_from_the_body(seed):
    text, sentences, _, v = seed
    assert [(k, "".join(t.split())) for k, _, t, _ in v.sentences] == [(s.kind, "".join(s.text.split())) for s in sentences]
    kinds = {k for k, _, _, _ in v.sentences}
    assert {"headline", "byline", "dateline", "author", "credit", "body"} <= kinds
    # every kind but body text is styled, each sentence as its kind says; body text is not
    for k, style, _, _ in v.sentences:
        assert style == KIND_STYLES.get(k, "")
    assert all(KIND_STYLES[k] for k in kinds - {"body"}) and "body" not in KIND_STYLES
    # a headline is a paragraph of its own, styled apart; a dateline runs into its article
    headline_paragraphs = {p for k, _, _, p in v.sentences if k == "headline"}
    for p in headline_paragraphs:
        assert {k for k, _, _, q in v.sentences if q == p} == {"headline"}
    assert len(headline_paragraphs) == sum(1 for s in sentences if s.kind == "headline")
    head_style = {v.paragraphs[p][1] for p in headline_paragraphs}
    body_style = {style for cls, style in v.paragraphs if "headline" not in cls}
    assert head_style and body_style and not head_style & body_style
    assert all("font-size: 1.3em" in style for style in head_style)
    datelines = [p for k, _, t, p in v.sentences if k == "dateline" and t == "本报讯"]
    assert datelines and any(k == "body" and p == datelines[0] for k, _, _, p in v.sentences)


def test_no_box_breaks_across_lines(seed):
    text, _, markup, v = seed
    for attrs in v.mark_attrs:
        style = attrs["style"]
        assert "white-space: nowrap" in style and "box-decoration-break: clone" in style
    assert all(inner == [] for inner in v.mark_inner)  # no <br> or other markup inside a mark
    assert all("\n" not in t for t, _, _ in v.marks)  # the PDF's breaks inside a fact are joined
    assert ("209只", "QUANTITY 209 只", COLORS["QUANTITY"]) in [(t, label.split(" · ")[0], bg) for t, label, bg in v.marks]
    assert "<br" not in markup  # line breaks make paragraphs, never breaks inside one


def test_doc_input_and_colour_override():
    nlp = ordos_nlp.load()
    doc = nlp(TEXT)
    found = marks(ordos_nlp.render(doc, jupyter=False, colors={"QUANTITY": "#123456"}, records=False))
    assert ("192.34亿元", "QUANTITY 19,234,000,000 元", "#123456") in found


def test_escaping():
    markup = ordos_nlp.render("<b>东胜区</b> & 3万元", jupyter=False)
    found = marks(markup)
    assert ("东胜区", "GPE 东胜区 150602", COLORS["GPE"]) in found
    assert "<b>" not in markup and "&lt;b&gt;" in markup


def test_jupyter_display(monkeypatch):
    shown = []
    display_mod = pytest.importorskip("IPython.display")
    monkeypatch.setattr(display_mod, "display", lambda obj: shown.append(obj))
    assert ordos_nlp.render(TEXT, jupyter=True) is None
    assert "QUANTITY 19,234,000,000 元" in shown[0].data


@pytest.mark.parametrize("bad", [None, b"x", 3])
def test_type_error(bad):
    with pytest.raises(TypeError, match="render"):
        ordos_nlp.render(bad)


# ---- records: a metric, its value and its change linked on the page

def passage(pid):
    """A real passage of the records dev set (benchmarks/realtext/records.jsonl) and its document settings."""
    for line in REALTEXT.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == pid:
            return row["text"], {k: row[k] for k in ("doc_date", "doc_place", "doc_period")}
    raise KeyError(pid)


def record_marks(markup):
    """{record tag: [(text, label, type, title)]} of the marks that belong to a record."""
    v = view(markup)
    out = {}
    for (text, label, _), attrs in zip(v.marks, v.mark_attrs):
        for tag in (attrs.get("data-record") or "").split():
            out.setdefault(tag, []).append((" ".join(text.split()), label, attrs["data-type"], attrs.get("title")))
    return out


def test_a_record_links_metric_value_and_change():
    text, settings = passage("rec-001")  # 2022年全区地区生产总值23159亿元,…比上年增长4.2%
    sentence = text[: text.index("。") + 1]
    linked = record_marks(ordos_nlp.render(sentence, jupyter=False, **settings))
    assert list(linked) == ["R1"]
    (metric, value, change) = linked["R1"]
    assert metric[:3] == ("地区生产总值", "METRIC R1", "METRIC")
    assert value[:3] == ("23159亿元", "QUANTITY 2,315,900,000,000 元 · R1", "QUANTITY")
    assert change[:3] == ("4.2%", "QUANTITY 4.2 % · R1 ↑ yoy", "QUANTITY")
    # the tooltip of every part says which record, where and when
    line = "R1 地区生产总值 · 内蒙古自治区 150000 (implied) · 2022 · actual"
    assert metric[3] == line
    assert value[3] == "MONEY 2315900000000 元\n" + line and change[3] == "PERCENT 4.2 %\n" + line


def test_records_are_numbered_in_text_order_each_in_its_colour():
    text, settings = passage("rec-001")
    sentences = ordos_nlp.extract(text, **settings)
    records = [r for s in sentences for r in s.records]
    markup = ordos_nlp.render(text, jupyter=False, **settings)
    linked = record_marks(markup)
    assert list(linked) == [f"R{i + 1}" for i in range(len(records))] and len(records) >= 6
    for (tag, parts), record in zip(linked.items(), records):
        texts = [t for t, _, _, _ in parts]
        assert texts[0] == record.metric.text and parts[0][2] == "METRIC" and tag in parts[0][1].split()
        assert record.value is None or " ".join(record.value.text.split()) in texts
        assert all(record_title(record, tag) in title.split("\n") for _, _, _, title in parts)
    # one metric for three figures: one mark naming the three records
    shared = [label for t, label, _ in marks(markup) if t == "第一、二、三产业对地区生产总值增长的贡献率"]
    assert len(shared) == 1 and re.fullmatch(r"METRIC R\d+ R\d+ R\d+", shared[0])
    for tag in shared[0].split()[1:]:  # each figure of it says which of the three it is
        record = records[int(tag[1:]) - 1]
        assert record.metric.text == "第一、二、三产业对地区生产总值增长的贡献率"
        (value,) = [label for t, label, kind, _ in linked[tag] if kind == "QUANTITY"]
        assert value.endswith(f" · {tag} {record.metric.name}")
    v = view(markup)
    rings = {}
    for attrs in v.mark_attrs:
        if attrs.get("data-record"):
            ring = re.search(r"box-shadow: inset 0 -0.25em 0 (#[0-9a-f]{6})", attrs["style"]).group(1)
            rings.setdefault(attrs["data-record"], set()).add(ring)
    assert all(len(r) == 1 for r in rings.values())  # one colour per record
    assert rings["R1"] == {RECORD_COLORS[0]} and rings["R2"] == {RECORD_COLORS[1]}


def test_records_off_draws_the_facts_alone():
    text, settings = passage("rec-001")
    with_records = ordos_nlp.render(text, jupyter=False, **settings)
    without = ordos_nlp.render(text, jupyter=False, records=False, **settings)
    assert "data-record" in with_records and 'data-type="METRIC"' in with_records
    assert "data-record" not in without and 'data-type="METRIC"' not in without and " · R1" not in without
    assert ">METRIC</span>" in with_records and ">METRIC</span>" not in without  # the legend's chip
    # the facts are the same marks, the record parts only add to their labels
    plain = [(t, label) for t, label, _ in marks(without)]
    linked = [(t, label.split(" · ")[0]) for t, label, bg in marks(with_records) if bg != COLORS["METRIC"]]
    assert plain == linked
    assert ordos_nlp.render(text, jupyter=False, records=True, **settings) == with_records


def test_a_text_without_records_looks_as_before():
    assert ordos_nlp.extract_records(DATELINE) == []
    assert ordos_nlp.render(DATELINE, jupyter=False) == ordos_nlp.render(DATELINE, jupyter=False, records=False)


def test_a_metric_over_an_entity_is_not_marked_and_its_value_names_it():
    # 其中,蒙古族39913人: FACTS.md reads no place inside 蒙古族; a user who adds 蒙古 as a LOC
    # puts an entity inside the metric, on a pipeline of their own
    text, settings = passage("rec-017")
    sentence = next(s for s in ordos_nlp.extract(text, **settings) if "蒙古族" in s.text)
    nlp = ordos_nlp.load(config={})
    nlp.get_pipe("ordos_entities").add_names({"蒙古": "LOC"})
    doc = nlp.make_doc(sentence.text)
    doc._.doc_date = as_doc_date(settings["doc_date"])
    doc._.doc_place = settings["doc_place"]
    doc._.doc_period = settings["doc_period"]
    doc = nlp(doc)
    (sentence,) = [s for s in ordos_nlp.extract(doc) if "蒙古族" in s.text]
    record = next(r for r in sentence.records if r.metric.text == "蒙古族")
    found = marks(ordos_nlp.render(doc, jupyter=False))
    assert ("蒙古", "LOC", COLORS["LOC"]) in found  # the entity keeps its mark
    assert not [m for m in found if m[2] == COLORS["METRIC"] and "蒙古" in m[0]]
    value = " ".join(record.value.text.split())
    (label,) = [label for t, label, _ in found if t == value]
    assert re.fullmatch(r"QUANTITY 39,913 人 · R\d+ 蒙古族", label)


def test_record_spans_never_overlap():
    for pid in ("rec-017", "rec-021", "rec-026"):
        text, settings = passage(pid)
        spans = display_spans(ordos_nlp.extract(text, **settings), records=True)
        assert any(s["base"] == "METRIC" for s in spans)
        for a, b in zip(spans, spans[1:]):
            assert a["end"] <= b["start"], (pid, a, b)


def test_record_title_and_option_types():
    text, settings = passage("rec-001")
    record = ordos_nlp.extract_records(text, **settings)[0]
    assert record_title(record) == "地区生产总值 · 内蒙古自治区 150000 (implied) · 2022 · actual"
    with pytest.raises(TypeError, match="record_title"):
        record_title("地区生产总值")
    with pytest.raises(TypeError, match="records"):
        ordos_nlp.render(text, jupyter=False, records="yes")


def test_a_metric_and_its_value_side_by_side_may_part_at_a_line_end():
    text, settings = passage("rec-001")
    markup = ordos_nlp.render(text, jupyter=False, **settings)
    # 地区生产总值23159亿元: "METRIC R1" then "23159" would hold the two boxes on one line
    assert re.search(r"METRIC R1</span></mark><wbr/><mark ", markup)
    assert "</mark><mark" not in markup
