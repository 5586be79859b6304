"""Statistical records (RECORDS.md): cases in tests/cases/records.json, the component,
the shape of Record.to_dict(), and what the records stage must leave alone."""

import datetime
import json
from pathlib import Path

import pytest

import ordos_nlp
from ordos_nlp.records import ROW_COLUMNS, Record, record_row

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "cases" / "records.json").read_text("utf-8"))
SEED = (ROOT / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")


def project(r: Record) -> dict:
    d = r.to_dict()
    c = d["change"]
    return {
        "name": d["metric"]["name"] if d["metric"] else None,
        "value": d["value"]["text"] if d["value"] else None,
        "change": [c["text"], c["direction"], c["basis"], c["basis_text"]] if c else None,
        "alt_changes": [[a["text"], a["direction"], a["basis"], a["basis_text"]] for a in d["alt_changes"]],
        "place": d["place"]["adcode"] if d["place"] else None,
        "period": [d["period"]["value"], d["period"]["mod"]] if d["period"] else None,
        "subject": d["subject"]["text"] if d["subject"] else None,
        "status": d["status"],
    }


def records_of(case: dict) -> list[Record]:
    kw = {k: case.get(k) for k in ("doc_place", "doc_period")}
    if case.get("doc_date"):
        kw["doc_date"] = datetime.date.fromisoformat(case["doc_date"])
    return ordos_nlp.extract_records(case["text"], **kw)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:14] for c in CASES])
def test_case(case):
    got = [project(r) for r in records_of(case)]
    assert len(got) == len(case["records"]), got
    for g, want in zip(got, case["records"]):
        assert {k: g[k] for k in want} == want


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:14] for c in CASES])
def test_offsets_are_into_the_text(case):
    text = case["text"]
    for r in records_of(case):
        for part in (r.metric, r.value, r.change and r.change.quantity, r.subject, *[c.quantity for c in r.alt_changes]):
            if part is not None:
                assert text[part.start : part.end] == part.text


@pytest.fixture(scope="module")
def seed_sentences():
    return ordos_nlp.extract(SEED, doc_date=datetime.date(2026, 4, 1), doc_place="150600")


def test_to_dict_has_the_contract_shape_and_round_trips(seed_sentences):
    records = [r for s in seed_sentences for r in s.records]
    assert records
    for r in records:
        d = r.to_dict()
        assert list(d) == ["metric", "value", "change", "alt_changes", "place", "period", "subject", "status", "article"]
        assert json.loads(json.dumps(d, ensure_ascii=False)) == d
        if d["metric"] is not None:
            assert set(d["metric"]) == {"text", "start", "end", "name"}
        if d["value"] is not None:
            assert d["value"] == r.value.to_dict() and isinstance(d["value"]["value"], str)
        if d["change"] is not None:
            assert d["change"] == {**r.change.quantity.to_dict(), "direction": r.change.direction,
                                   "basis": r.change.basis, "basis_text": r.change.basis_text}
        if d["place"] is not None:
            assert set(d["place"]) == {"name", "adcode", "implied"}
        if d["period"] is not None:
            assert set(d["period"]) == {"value", "mod"}
        assert d["status"] in ("actual", "target", "planned")


def test_records_on_their_sentence_and_article(seed_sentences):
    for s in seed_sentences:
        for r in s.records:
            anchor = r.value or r.change.quantity
            assert s.start <= anchor.start < s.end
            assert r.article == s.article
    via_api = ordos_nlp.extract_records(SEED, doc_date=datetime.date(2026, 4, 1), doc_place="150600")
    assert [r.to_dict() for r in via_api] == [r.to_dict() for s in seed_sentences for r in s.records]


def test_each_article_has_its_own_place(seed_sentences):
    places = {r.article: r.place.name for s in seed_sentences for r in s.records if r.place and r.place.implied}
    wushen = [a.index for a in ordos_nlp.split_articles(SEED) if a.headline and "乌审旗" in a.headline[0].text]
    assert places[wushen[0]] == "乌审旗"


def test_component_runs_after_the_entities():
    nlp = ordos_nlp.load()
    names = nlp.pipe_names
    assert names.index("ordos_records") == names.index("ordos_entities") + 1
    doc = nlp("全年地区生产总值4263.9亿元,比上年增长10.2%。")
    [r] = doc._.records
    assert r.metric.text == "地区生产总值" and r.change.basis == "yoy"


def _mentions(sentences) -> list:
    return [(s.text, s.start, s.end, s.kind, s.entities, s.quantities, s.dates) for s in sentences]


def test_records_stage_changes_no_mention():
    nlp = ordos_nlp.load()
    with_records = ordos_nlp.extract(SEED, doc_date=datetime.date(2026, 4, 1))
    with nlp.select_pipes(disable=["ordos_records"]):
        doc = nlp.make_doc(SEED)
        doc._.doc_date = datetime.date(2026, 4, 1)
        doc = nlp(doc)
        without = ordos_nlp.extract(doc)
    assert _mentions(with_records) == _mentions(without)
    assert all(not s.records for s in without)


def test_doc_place_by_name_or_adcode():
    text = "全年地区生产总值4263.9亿元,比上年增长10.2%。"
    by_name = ordos_nlp.extract_records(text, doc_place="包头市", doc_period="2023")
    by_code = ordos_nlp.extract_records(text, doc_place="150200", doc_period="2023")
    assert [r.to_dict() for r in by_name] == [r.to_dict() for r in by_code]
    assert by_name[0].place.adcode == "150200" and by_name[0].place.implied
    assert by_name[0].period.value == "2023"


def test_without_year_the_period_stays_open():
    [r] = ordos_nlp.extract_records("今年一季度,全市累计组织专场对接会7场。", doc_place="150600")
    assert r.period.value == "XXXX-Q1"
    [r] = ordos_nlp.extract_records("今年一季度,全市累计组织专场对接会7场。", doc_place="150600",
                                    doc_date=datetime.date(2026, 4, 1))
    assert r.period.value == "2026-Q1"


@pytest.mark.parametrize("bad, kind", [(42, "int"), (b"x", "bytes"), (None, "NoneType")])
def test_type_errors_name_the_type(bad, kind):
    with pytest.raises(TypeError, match=kind):
        ordos_nlp.extract_records(bad)


def test_bad_arguments():
    with pytest.raises(TypeError, match="int"):
        ordos_nlp.extract_records("全市", doc_place=150600)
    with pytest.raises(TypeError, match="int"):
        ordos_nlp.extract_records("全市", doc_period=2023)
    with pytest.raises(ValueError):
        ordos_nlp.extract_records("全市", doc_place="不存在的地方")
    with pytest.raises(ValueError):
        ordos_nlp.extract_records("全市", doc_period="去年")
    with pytest.raises(TypeError, match="str"):
        record_row("x")


def test_record_row_is_flat(seed_sentences):
    s = next(s for s in seed_sentences if s.records)
    row = record_row(s.records[0], s)
    assert tuple(row) == ROW_COLUMNS
    assert row["sentence_start"] == s.start and row["sentence_end"] == s.end
    assert all(not isinstance(v, (dict, list)) for v in row.values())


def test_long_texts_keep_records_with_shifted_offsets():
    from ordos_nlp.api import CHUNK_CHARS

    unit = "全年地区生产总值4263.9亿元,比上年增长10.2%。\n\n"
    text = unit * (CHUNK_CHARS // len(unit) + 10)
    records = ordos_nlp.extract_records(text, doc_place="150600", doc_period="2023")
    assert len(records) == text.count("4263.9亿元")
    for r in records[-3:]:
        assert text[r.value.start : r.value.end] == "4263.9亿元"
        assert text[r.change.quantity.start : r.change.quantity.end] == "10.2%"
