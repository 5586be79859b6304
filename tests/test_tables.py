"""Facts as tables: to_frame(), to_parquet(), fact_rows() and the input shapes they accept."""

import builtins
import math
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import ordos_nlp
from ordos_nlp import tables
from ordos_nlp.facts import Entity, Quantity, Sentence, TimeExpr

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

SEED_PATH = Path(__file__).parents[1] / "seeds" / "000_4a1a09de4157cfcd.txt"


@pytest.fixture(scope="module")
def seed():
    text = SEED_PATH.read_text("utf-8")
    return text, ordos_nlp.extract(text, doc_date=date(2026, 4, 1))


# A hand-made document: every field filled somewhere, a range, a fraction, a date modifier.
DOC = [
    Sentence(
        text="东胜区投资3至5万元,占三分之一。",
        start=0,
        end=17,
        entities=(Entity("东胜区", 0, 3, "GPE", "150602", ("150600", "150000")),),
        quantities=(
            Quantity("3至5万元", 5, 10, Decimal("30000"), "元", "MONEY", low=Decimal("30000"),
                     high=Decimal("50000"), currency="CNY"),
            Quantity("三分之一", 12, 16, Fraction(1, 3), "", "COUNT"),
        ),
    ),
    Sentence(
        text="自2009年以来新增5.3万亩。",
        start=17,
        end=32,
        kind="body",
        quantities=(Quantity("5.3万亩", 26, 31, Decimal("53000"), "亩", "AREA",
                             si_value=Fraction(106000000, 3), si_unit="m²"),),
        dates=(TimeExpr("自2009年以来", 17, 25, "2009", "since"),),
    ),
]


def test_columns_and_types():
    df = ordos_nlp.to_frame(DOC)
    assert tuple(df.columns) == tables.COLUMNS + tables.FLOAT_COLUMNS
    assert len(df) == 5
    for c in tables.INT_COLUMNS:
        assert df[c].dtype == "int64"
    for c in tables.FLOAT_COLUMNS:
        assert df[c].dtype == "float64"
    for c in ("fact", "label", "text", "unit", "kind", "date_value"):
        assert isinstance(df[c].dtype, pd.StringDtype)
    assert list(df["fact"]) == ["entity", "quantity", "quantity", "date", "quantity"]
    assert list(df["label"]) == ["GPE", "QUANTITY", "QUANTITY", "DATE", "QUANTITY"]
    assert list(df["sentence"]) == [0, 0, 0, 1, 1]


def test_exact_values_stay_exact():
    df = ordos_nlp.to_frame(DOC)
    money = df[df["kind"] == "MONEY"].iloc[0]
    assert money["value"] == Decimal("30000") and isinstance(money["value"], Decimal)
    assert (money["low"], money["high"], money["currency"]) == (Decimal("30000"), Decimal("50000"), "CNY")
    third = df[df["text"] == "三分之一"].iloc[0]
    assert third["value"] == Fraction(1, 3)
    assert math.isclose(third["value_float"], 1 / 3)
    area = df[df["kind"] == "AREA"].iloc[0]
    assert area["si_value"] == Fraction(106000000, 3)
    assert math.isclose(area["si_value_float"], 106000000 / 3)
    gpe = df[df["label"] == "GPE"].iloc[0]
    assert (gpe["adcode"], gpe["parents"]) == ("150602", ("150600", "150000"))
    date_row = df[df["fact"] == "date"].iloc[0]
    assert (date_row["date_value"], date_row["mod"]) == ("2009", "since")
    assert pd.isna(date_row["value"]) and math.isnan(date_row["value_float"])


def test_seed_page_rows_match_extract(seed):
    text, sentences = seed
    df = ordos_nlp.to_frame(sentences)
    facts = [f for s in sentences for f in s.facts]
    assert len(df) == len(facts) > 100
    for row, f in zip(df.itertuples(index=False), facts):
        assert (row.text, row.start, row.end) == (f.text, f.start, f.end)
        assert text[row.start : row.end] == row.text
        s = sentences[row.sentence]
        assert (row.sentence_start, row.sentence_end, row.sentence_kind) == (s.start, s.end, s.kind)
        if isinstance(f, Quantity):
            assert row.value == f.value and row.unit == f.unit and row.kind == f.kind
    assert (df["doc"] == 0).all() and df["file"].isna().all()


def test_input_shapes(seed):
    _, sentences = seed
    n = len(ordos_nlp.to_frame(sentences))
    many = ordos_nlp.to_frame([sentences, [], sentences[:5]])
    assert set(many["doc"]) <= {0, 2} and (many["doc"] == 0).sum() == n
    pairs = ordos_nlp.to_frame([("a.txt", sentences), (Path("b.txt"), DOC)])
    assert list(pairs["file"].unique()) == ["a.txt", "b.txt"]
    mapping = ordos_nlp.to_frame({"a.txt": DOC})
    assert set(mapping["file"]) == {"a.txt"}
    gen = ordos_nlp.to_frame(iter([DOC, DOC]))
    assert list(gen["doc"].unique()) == [0, 1]
    lazy = ordos_nlp.to_frame(ordos_nlp.extract_many(["东胜区投资3万元。", "", "达拉特旗"]))
    assert list(lazy["doc"]) == [0, 0, 2]


def test_empty_input_gives_typed_empty_frame():
    for empty in ([], iter([]), [[], []], {}):
        df = ordos_nlp.to_frame(empty)
        assert len(df) == 0
        assert tuple(df.columns) == tables.COLUMNS + tables.FLOAT_COLUMNS
        assert df["start"].dtype == "int64"


@pytest.mark.parametrize("bad", [None, "东胜区", 42, [1, 2], [DOC[0], "x"], [("a.txt", "text")], Sentence("x", 0, 1)])
def test_wrong_shapes_raise_type_error(bad):
    with pytest.raises(TypeError):
        ordos_nlp.to_frame(bad)


def test_parquet_round_trip(tmp_path, seed):
    import pyarrow.parquet as pq

    _, sentences = seed
    path = tmp_path / "facts.parquet"
    n = ordos_nlp.to_parquet([("seed.txt", sentences), ("doc.txt", DOC)], path, row_group_size=50)
    back = pd.read_parquet(path)
    assert n == len(back) == len(ordos_nlp.to_frame(sentences)) + 5
    assert pq.read_metadata(path).num_row_groups > 1
    schema = pq.read_schema(path)
    assert schema == tables.parquet_schema()
    assert schema.metadata[b"ordos_nlp.columns"] == b"facts/2"
    assert str(schema.field("value").type) == "decimal128(38, 10)"
    assert str(schema.field("value_fraction").type) == "string"
    assert str(schema.field("value_float").type) == "double"
    assert str(schema.field("parents").type) == "list<element: string>"
    doc = back[back["file"] == "doc.txt"]
    # the share 1/3 has no finite decimal: null in value, whole in value_fraction
    assert [v for v in doc["value"] if v is not None and not pd.isna(v)] == [30000, 53000]
    assert list(doc["value_fraction"].dropna()) == ["1/3"]
    assert Fraction(doc["si_value_fraction"].dropna().iloc[0]) == Fraction(106000000, 3)
    assert list(doc["parents"].iloc[0]) == ["150600", "150000"]
    assert doc["adcode"].dropna().iloc[0] == "150602"
    frame = ordos_nlp.to_frame([("seed.txt", sentences), ("doc.txt", DOC)])
    again = tables.read_facts(path)
    assert list(again["value"]) == list(frame["value"])
    assert list(again["si_value"]) == list(frame["si_value"])
    assert list(again["parents"]) == list(frame["parents"])
    # a researcher's sum is exact: 7537.8亿元 + 4673.7亿元 on the seed page
    money = back[back["unit"] == "元"]["value"]
    assert isinstance(money.sum(), Decimal)
    assert money.sum() == sum(v for v in frame[frame["unit"] == "元"]["value"])


def test_parquet_of_nothing_has_the_schema(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "empty.parquet"
    assert ordos_nlp.to_parquet([], path) == 0
    assert pq.read_schema(path) == tables.parquet_schema()


def test_missing_extra_names_it(monkeypatch):
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name.split(".")[0] in ("pandas", "pyarrow"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    import importlib

    monkeypatch.setattr(importlib, "import_module", lambda name, *a: fake_import(name))
    with pytest.raises(ImportError, match=r"ordos-nlp\[tables\]"):
        ordos_nlp.to_frame(DOC)
    with pytest.raises(ImportError, match=r"ordos-nlp\[tables\]"):
        ordos_nlp.to_parquet(DOC, "x.parquet")


def test_json_rows_are_strings():
    rows = [tables.json_row(r) for r in tables.fact_rows(DOC)]
    assert rows[1]["value"] == "30000" and rows[2]["value"] == "1/3"
    assert rows[0]["parents"] == ["150600", "150000"]
    assert all(set(r) == set(tables.COLUMNS) for r in rows)


@pytest.mark.parametrize(
    "value, decimal, fraction",
    [
        (19234000000, "19234000000", None),
        (Decimal("192.34E8"), "19234000000", None),
        (Decimal("3.5"), "3.5", None),
        (Fraction(1, 4), "0.25", None),
        (Fraction(1, 3), None, "1/3"),
        (Fraction(2000, 3), None, "2000/3"),
        (Decimal("0.12345678901"), None, "0.12345678901"),
        (10**30, None, str(10**30)),
        (-28, "-28", None),
        (None, None, None),
    ],
)
def test_exact_decimal_never_rounds(value, decimal, fraction):
    assert tables.exact_decimal(value) == (decimal, fraction)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_read_facts_round_trip_of_command_outputs(tmp_path, seed, suffix):
    from ordos_nlp.cli import main

    _, sentences = seed
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / f"facts{suffix}"
    assert main(["extract", str(SEED_PATH), str(empty), "-o", str(out), "-q", "--doc-date", "2026-04-01"]) == 0
    df = tables.read_facts(out)
    frame = ordos_nlp.to_frame(sentences)
    facts = df[df["fact"] != tables.NO_FACTS]
    assert list(facts["value"]) == list(frame["value"])
    assert list(facts["adcode"].dropna()) == list(frame["adcode"].dropna())
    assert all(isinstance(a, str) for a in facts["adcode"].dropna())
    assert list(facts["parents"]) == list(frame["parents"])
    assert list(facts["text"]) == list(frame["text"])  # line breaks inside facts survive
    none = df[df["fact"] == tables.NO_FACTS]
    assert list(none["file"]) == [str(empty)] and none["sentence"].isna().all()


def test_read_facts_rejects(tmp_path):
    with pytest.raises(TypeError, match="int"):
        tables.read_facts(3)
    with pytest.raises(ValueError, match="xlsx"):
        tables.read_facts(tmp_path / "facts.xlsx")


def test_records_as_tables(tmp_path):
    """One row per record, exact values, in pandas and Parquet."""
    from ordos_nlp.record_tables import RECORD_COLUMNS, RECORD_FLOAT, RECORD_FRACTION

    text = "截至2月底,全市各项存贷款余额分别为7537.8亿元、4673.7亿元,民营企业贷款余额同比增长3.5%。"
    sentences = ordos_nlp.extract(text, doc_date="2026-04-01", doc_place="鄂尔多斯市")
    df = ordos_nlp.to_frame(sentences, kind="records")
    assert tuple(df.columns) == RECORD_COLUMNS + RECORD_FLOAT
    assert list(df["name"]) == ["存款余额", "贷款余额", "民营企业贷款余额"]
    assert df["value"].iloc[0] == Decimal("753780000000") and df["value"].iloc[2] is None
    assert df["change"].iloc[2] == Decimal("3.5") and df["direction"].iloc[2] == "up"
    assert set(df["adcode"]) == {"150600"} and set(df["period"]) == {"2026-02"}
    path = tmp_path / "records.parquet"
    assert ordos_nlp.to_parquet([("page.txt", sentences)], path, kind="records") == 3
    back = pd.read_parquet(path)
    assert tuple(back.columns) == RECORD_COLUMNS + RECORD_FLOAT + RECORD_FRACTION
    assert back["value"].iloc[:2].sum() == Decimal("1221150000000")
    with pytest.raises(ValueError, match="kind"):
        ordos_nlp.to_frame(sentences, kind="rows")
    html = sentences[0].records[0]._repr_html_()
    assert "<table" in html and "753,780,000,000" in html and "存款余额" in html
