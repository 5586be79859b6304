"""The records gold (seed page and real passages) is well formed, and the scorer counts right.

The gold files are data for ``benchmarks/records_eval.py`` (``make records``):
tests/gold/seed_records.json, tests/gold/seed_articles.json,
benchmarks/realtext/records.jsonl (dev) and benchmarks/heldout/records.jsonl (held out), all in RECORDS.md's ``Record.to_dict()``
shape with offsets into the exact text. A gold file that drifts from its text
or from the contract would make every figure measured on it meaningless, so
each span, value and code is checked here; the scorer's matching is checked on
hand-made record lists.
"""
from __future__ import annotations

import copy
import datetime
import importlib.util
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_RECORDS = ROOT / "tests" / "gold" / "seed_records.json"
SEED_ARTICLES = ROOT / "tests" / "gold" / "seed_articles.json"
PASSAGES = {
    "dev": ROOT / "benchmarks" / "realtext" / "records.jsonl",
    "heldout": ROOT / "benchmarks" / "heldout" / "records.jsonl",
}
# per set: the id pattern and the least number of communiqué and news passages
ID_PATTERN = {"dev": r"^rec-\d{3}$", "heldout": r"^ho-\d{2}$"}
MIN_GENRES = {"dev": {"communique": 18, "news": 10}, "heldout": {"communique": 8, "news": 8}}

RECORD_KEYS = {"metric", "value", "change", "alt_changes", "place", "period", "subject", "status", "article"}
QUANTITY_KEYS = {"text", "start", "end", "value", "unit", "kind", "qualifier", "low", "high",
                 "si_value", "si_unit", "currency"}
CHANGE_KEYS = QUANTITY_KEYS | {"direction", "basis", "basis_text"}
KINDS = {"MONEY", "AREA", "MASS", "LENGTH", "VOLUME", "ENERGY", "POWER", "SPEED", "RATE", "PERCENT",
         "PERCENT_POINT", "MULTIPLE", "TEMPERATURE", "DURATION", "FRACTION", "COUNT"}
DIRECTIONS = {"up", "down", "flat"}
BASES = {"yoy", "yoy_end", "mom", "other", None}
STATUSES = {"actual", "target", "planned"}
QUALIFIERS = {"over", "under", "about", None}
MODS = {"end", "start", None}
_POINT = r"(\d{4}|XXXX)(-(Q[1-4]|H[12]|SP|SU|AU|WI|0[1-9]|1[0-2]))?"
PERIOD = re.compile(rf"^{_POINT}(/{_POINT})?$")
ADCODE = re.compile(r"^\d{6}$")
PLACE_CODE = re.compile(r"^\d{6}(\d{3})?$")  # a record's place may be a township (9 digits)
EXACT = re.compile(r"^-?\d+(\.\d+)?$")
EXACT_FRACTION = re.compile(r"^-?\d+/[1-9]\d*$")  # si_value of 亩 (10000/15 m²) stays exact


def _load_seed():
    gold = json.loads(SEED_RECORDS.read_text(encoding="utf-8"))
    text = (ROOT / gold["document"]).read_text(encoding="utf-8")
    return gold, text


def _load_passages(name: str | None = None):
    names = [name] if name else list(PASSAGES)
    rows = []
    for n in names:
        with open(PASSAGES[n], encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows


def _documents():
    gold, text = _load_seed()
    yield "seed", text, gold["records"]
    for p in _load_passages():
        yield p["id"], p["text"], p["records"]


def _load_scorer():
    path = ROOT / "benchmarks" / "records_eval.py"
    spec = importlib.util.spec_from_file_location("ordos_records_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _exact(value) -> bool:
    if not isinstance(value, str) or not EXACT.match(value):
        return False
    try:
        Decimal(value)
    except InvalidOperation:
        return False
    return True


def _check_span(text: str, item: dict, where: str) -> None:
    assert isinstance(item["start"], int) and isinstance(item["end"], int), where
    assert 0 <= item["start"] < item["end"] <= len(text), where
    assert text[item["start"]:item["end"]] == item["text"], f"{where}: {item['text']!r} != {text[item['start']:item['end']]!r}"


def _check_quantity(text: str, q: dict, where: str, keys=QUANTITY_KEYS, amount_required=True) -> None:
    assert set(q) == keys, f"{where}: keys {sorted(set(q) ^ keys)}"
    _check_span(text, q, where)
    if q["value"] is None:
        assert not amount_required, f"{where}: a value quantity needs its number"
    else:
        assert _exact(q["value"]), f"{where}: value {q['value']!r} is not an exact decimal string"
        assert q["kind"] in KINDS, f"{where}: kind {q['kind']!r}"
        assert isinstance(q["unit"], str), where
    assert q["qualifier"] in QUALIFIERS, where
    for k in ("low", "high"):
        assert q[k] is None or _exact(q[k]), f"{where}: {k} {q[k]!r}"
    assert q["si_value"] is None or _exact(q["si_value"]) or EXACT_FRACTION.match(q["si_value"]), where


def _check_change(text: str, c: dict, where: str) -> None:
    # a change with no amount is only a stated standstill (持平)
    _check_quantity(text, c, where, CHANGE_KEYS, amount_required=c["direction"] != "flat")
    assert c["direction"] in DIRECTIONS, where
    assert c["basis"] in BASES, where
    assert c["basis_text"] is None or (isinstance(c["basis_text"], str) and c["basis_text"]), where


def _check_record(text: str, r: dict, where: str) -> None:
    assert set(r) == RECORD_KEYS, f"{where}: keys {sorted(set(r) ^ RECORD_KEYS)}"
    m = r["metric"]
    assert set(m) == {"text", "start", "end", "name"} and m["name"], where
    _check_span(text, m, where + " metric")
    assert r["value"] is not None or r["change"] is not None, f"{where}: a record needs a value or a change"
    if r["value"] is not None:
        _check_quantity(text, r["value"], where + " value")
    if r["change"] is not None:
        _check_change(text, r["change"], where + " change")
    for alt in r["alt_changes"]:
        _check_change(text, alt, where + " alt_change")
    if r["place"] is not None:
        assert set(r["place"]) == {"name", "adcode", "implied"}, where
        assert r["place"]["name"], where
        assert r["place"]["adcode"] == "CN" or PLACE_CODE.match(r["place"]["adcode"] or ""), f"{where}: adcode {r['place']['adcode']!r}"
        assert isinstance(r["place"]["implied"], bool), where
    if r["period"] is not None:
        assert set(r["period"]) == {"value", "mod"}, where
        assert PERIOD.match(r["period"]["value"]), f"{where}: period {r['period']['value']!r}"
        assert r["period"]["mod"] in MODS, where
    if r["subject"] is not None:
        assert set(r["subject"]) == {"text", "start", "end"}, where
        _check_span(text, r["subject"], where + " subject")
    assert r["status"] in STATUSES, where
    assert isinstance(r["article"], int) and r["article"] >= 0, where


@pytest.mark.parametrize("name,text,records", list(_documents()), ids=[d[0] for d in _documents()])
def test_every_record_matches_its_text_and_the_contract(name, text, records):
    assert records, name
    for i, r in enumerate(records):
        _check_record(text, r, f"{name}[{i}]")


def test_no_record_is_annotated_twice():
    for name, _text, records in _documents():
        keys = [(r["metric"]["name"], json.dumps(r["value"], sort_keys=True), json.dumps(r["change"], sort_keys=True))
                for r in records]
        assert len(keys) == len(set(keys)), name


def test_passage_ids_are_unique_across_sets():
    ids = [p["id"] for p in _load_passages()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", list(PASSAGES))
def test_passages_are_real_sourced_and_sized(name):
    passages = _load_passages(name)
    ids = [p["id"] for p in passages]
    assert len(ids) == len(set(ids))
    assert all(re.match(ID_PATTERN[name], i) for i in ids)
    genres = [p["genre"] for p in passages]
    assert all(genres.count(g) >= n for g, n in MIN_GENRES[name].items())
    assert set(genres) == {"communique", "news"}
    texts = [p["text"] for p in passages]
    assert len(texts) == len(set(texts))
    for p in passages:
        assert set(p) == {"id", "source", "genre", "doc_date", "doc_place", "doc_period", "text", "records"}, p["id"]
        assert p["source"].startswith(("http://", "https://")), p["id"]
        assert 150 <= len(p["text"]) <= 900, p["id"]
        if p["doc_date"] is not None:
            datetime.date.fromisoformat(p["doc_date"])
        assert p["doc_place"] is None or p["doc_place"] == "CN" or ADCODE.match(p["doc_place"]), p["id"]
        assert p["doc_period"] is None or re.match(r"^\d{4}$", p["doc_period"]), p["id"]
        assert all(r["article"] == 0 for r in p["records"]), p["id"]


def test_seed_records_sit_inside_their_articles():
    gold, text = _load_seed()
    assert gold["doc_date"] == "2026-04-01" and gold["doc_place"] == "150600"
    articles = json.loads(SEED_ARTICLES.read_text(encoding="utf-8"))["articles"]
    for r in gold["records"]:
        a = articles[r["article"]]
        for part in (r["metric"], r["value"], r["change"]):
            if part is not None:
                assert a["body"]["start"] <= part["start"] and part["end"] <= a["body"]["end"], r["metric"]["name"]


def test_seed_articles_are_ordered_spans_of_the_page():
    _gold, text = _load_seed()
    articles = json.loads(SEED_ARTICLES.read_text(encoding="utf-8"))["articles"]
    assert [a["index"] for a in articles] == list(range(len(articles)))
    previous_end = 0
    for a in articles:
        assert previous_end <= a["start"] <= a["body"]["start"] < a["body"]["end"] <= a["end"] <= len(text)
        previous_end = a["end"]
        spans = list(a["headline"]) + list(a["subheads"])
        for key in ("byline", "dateline", "author_mark", "photo_credit", "continuation"):
            if a[key] is not None:
                spans.append(a[key])
        for s in spans:
            _check_span(text, s, f"article {a['index']}")
            assert a["start"] <= s["start"] and s["end"] <= a["end"]
        for h in a["headline"]:
            assert h["end"] <= a["body"]["start"]
        for s in a["subheads"]:
            assert a["body"]["start"] <= s["start"] < a["body"]["end"]
        for key in ("byline", "author_mark", "photo_credit"):
            for person in (a[key] or {}).get("persons", []):
                _check_span(text, person, f"article {a['index']} {key}")
        if a["dateline"] is not None and a["dateline"]["place"] is not None:
            place = a["dateline"]["place"]
            _check_span(text, place, f"article {a['index']} dateline")
            assert re.match(r"^\d{6}(\d{3})?$", place["adcode"])
    kinds = {k for a in articles for k in ("byline", "dateline", "author_mark", "photo_credit", "continuation") if a[k]}
    assert kinds == {"byline", "dateline", "author_mark", "photo_credit", "continuation"}


# --------------------------------------------------------------------------- the scorer

def _q(text, start, value, unit, **extra):
    q = {"text": text, "start": start, "end": start + len(text), "value": value, "unit": unit, "kind": "PERCENT",
         "qualifier": None, "low": None, "high": None, "si_value": None, "si_unit": None, "currency": None}
    q.update(extra)
    return q


def _rec(name, start, value=None, change=None, adcode="150600", period=("2026-02", "end"), status="actual"):
    return {"metric": {"text": name, "start": start, "end": start + len(name), "name": name},
            "value": value, "change": change, "alt_changes": [],
            "place": {"name": "鄂尔多斯市", "adcode": adcode, "implied": True},
            "period": {"value": period[0], "mod": period[1]}, "subject": None, "status": status, "article": 0}


def _gold_and_pred():
    gold = [
        _rec("制造业贷款增速", 0, value=_q("14.79%", 9, "14.79", "%")),
        _rec("民营企业贷款余额", 20, change=dict(_q("3.5%", 32, "3.5", "%"), direction="up", basis="yoy", basis_text="同比")),
        _rec("授信", 40, value=_q("192.34亿元", 44, "19234000000", "元", kind="MONEY")),
        _rec("上市公司", 60, value=_q("4家", 58, "4", "家", kind="COUNT")),
    ]
    pred = [
        # same value span, wrong place
        _rec("制造业贷款增速", 0, value=_q("14.79%", 9, "14.79", "%"), adcode="150602"),
        # same change amount at a shifted span, right in every field
        _rec("民营企业贷款余额", 20, change=dict(_q("3.5 %", 31, "3.50", "%"), direction="up", basis="yoy", basis_text=None)),
        # same value, wrong period and status
        _rec("授信", 40, value=_q("192.34亿元", 44, "19234000000", "元", kind="MONEY"), period=("2026-Q1", None), status="target"),
        # a record the gold does not have
        _rec("存款余额", 80, value=_q("7537.8亿元", 85, "753780000000", "元", kind="MONEY")),
    ]
    return gold, pred


def test_matching_pairs_by_value_span_then_amount_and_by_change_without_value():
    scorer = _load_scorer()
    gold, pred = _gold_and_pred()
    assert scorer.match_records(gold, pred) == [(0, 0), (1, 1), (2, 2)]
    # a change is never matched against a record that has a value
    only_value = [_rec("x", 20, value=_q("3.5%", 32, "3.5", "%"))]
    assert scorer.match_records([gold[1]], only_value) == []


def test_scores_count_records_and_fields():
    scorer = _load_scorer()
    gold, pred = _gold_and_pred()
    s = scorer.score([(gold, pred)])
    assert (s["gold"], s["pred"], s["matched"]) == (4, 4, 3)
    assert s["precision"] == pytest.approx(0.75) and s["recall"] == pytest.approx(0.75)
    assert s["f1"] == pytest.approx(0.75)
    acc = s["accuracy"]
    assert acc["metric"] == 1.0 and acc["change"] == 1.0
    assert acc["place"] == pytest.approx(2 / 3)
    assert acc["period"] == pytest.approx(2 / 3) and acc["status"] == pytest.approx(2 / 3)
    assert acc["all"] == pytest.approx(1 / 3)


def test_field_checks_see_each_kind_of_error():
    scorer = _load_scorer()
    g = _rec("民营企业贷款余额", 20, change=dict(_q("3.5%", 32, "3.5", "%"), direction="up", basis="yoy", basis_text="同比"))
    for field, mutate in (
        ("change", lambda r: r["change"].update(direction="down")),
        ("change", lambda r: r["change"].update(basis="mom")),
        ("change", lambda r: r["change"].update(value="3.6")),
        ("metric", lambda r: r["metric"].update(name="贷款余额", start=22)),
        ("place", lambda r: r.update(place=None)),
        ("period", lambda r: r["period"].update(mod=None)),
        ("status", lambda r: r.update(status="planned")),
    ):
        p = copy.deepcopy(g)
        mutate(p)
        assert not scorer.CHECKS[field](g, p), field
        assert not scorer.all_ok(g, p), field
        assert scorer.all_ok(g, copy.deepcopy(g))


def test_the_gold_scores_perfectly_against_itself():
    scorer = _load_scorer()
    docs = [(records, copy.deepcopy(records)) for _name, _text, records in _documents()]
    s = scorer.score(docs)
    assert s["f1"] == 1.0 and all(v == 1.0 for v in s["accuracy"].values())
