"""The ordos-nlp command: formats, folders, encodings, errors, progress, stdin."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import ordos_nlp
from ordos_nlp import cli, tables
from ordos_nlp.facts import Entity, Quantity, TimeExpr

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
SEED_PATH = SEEDS / "000_4a1a09de4157cfcd.txt"
SEED = SEED_PATH.read_text("utf-8")
DOC_DATE = date(2026, 4, 1)

FIELDS = {
    "entity": [f for f in Entity.__dataclass_fields__],
    "quantity": [f for f in Quantity.__dataclass_fields__],
    "date": [f for f in TimeExpr.__dataclass_fields__],
}


def as_fact_dict(row):
    """A CLI row back into the fact's own to_dict()."""
    out = {}
    for name in FIELDS[row["fact"]]:
        key = "date_value" if (row["fact"] == "date" and name == "value") else name
        out[name] = row[key]
    return out


def run_cli(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_sentences():
    return ordos_nlp.extract(SEED, doc_date=DOC_DATE)


@pytest.fixture
def mixed(tmp_path):
    """A folder with a GB18030 file, a UTF-8 file, a binary file and a file the glob skips."""
    d = tmp_path / "archive"
    (d / "sub").mkdir(parents=True)
    gb = SEED[:2990]
    utf = SEED[2990:6000]
    (d / "a_gb18030.txt").write_bytes(gb.encode("gb18030"))
    (d / "sub" / "b_utf8.txt").write_bytes(utf.encode("utf-8"))
    (d / "c_binary.txt").write_bytes(bytes(range(256)) * 8)
    (d / "notes.md").write_text("东胜区", "utf-8")
    return d, {"a_gb18030.txt": gb, "b_utf8.txt": utf}


def test_jsonl_of_seeds_equals_extract(capsys, seed_sentences):
    code, out, err = run_cli(capsys, "extract", SEEDS, "--format", "jsonl", "--doc-date", "2026-04-01")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert all(list(r) == list(tables.COLUMNS) for r in rows)
    assert {r["file"] for r in rows} == {str(SEED_PATH)}
    expected = [f.to_dict() for s in seed_sentences for f in s.facts]
    assert [as_fact_dict(r) for r in rows] == expected
    for r in rows:
        s = seed_sentences[r["sentence"]]
        assert (r["sentence_kind"], r["sentence_start"], r["sentence_end"]) == (s.kind, s.start, s.end)
        assert SEED[r["start"] : r["end"]] == r["text"]


def test_default_format_is_jsonl_and_stdin(capsys, monkeypatch):
    text = "今年一季度,东胜区达成授信192.34亿元。"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("gb18030"))))
    code, out, _ = run_cli(capsys, "extract", "-", "--doc-date", "2026-04-01")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["file"], r["text"], r["label"]) for r in rows] == [
        ("<stdin>", "今年一季度", "DATE"),
        ("<stdin>", "东胜区", "GPE"),
        ("<stdin>", "192.34亿元", "QUANTITY"),
    ]
    assert rows[0]["date_value"] == "2026-Q1"
    assert (rows[2]["value"], rows[2]["unit"], rows[2]["kind"], rows[2]["currency"]) == ("19234000000", "元", "MONEY", "CNY")


def test_mixed_folder(capsys, mixed):
    d, texts = mixed
    code, out, err = run_cli(capsys, "extract", d, "--quiet")
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    files = sorted({Path(r["file"]).name for r in rows})
    assert files == ["a_gb18030.txt", "b_utf8.txt"]
    for name, text in texts.items():
        mine = [r for r in rows if r["file"].endswith(name)]
        expected = [f.to_dict() for s in ordos_nlp.extract(text) for f in s.facts]
        assert [as_fact_dict(r) for r in mine] == expected
    assert {r["doc"] for r in rows} == {0, 1}
    lines = err.strip().splitlines()
    assert lines[0] == f"ordos-nlp: error: {d / 'c_binary.txt'}: cannot be read as text (contains NUL bytes (first at byte 0): binary data?)"
    assert "1 of 3 files" in lines[-1]


def test_glob_and_explicit_files(capsys, mixed):
    d, _ = mixed
    code, out, _ = run_cli(capsys, "extract", d, "--glob", "*.md", "-q")
    assert code == 0 and {json.loads(line)["file"] for line in out.splitlines()} == {str(d / "notes.md")}
    code, out, _ = run_cli(capsys, "extract", d / "sub" / "b_utf8.txt", d / "notes.md", "-q")
    assert code == 0 and len({json.loads(line)["file"] for line in out.splitlines()}) == 2


def test_missing_file_and_empty_folder(capsys, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "ok.txt").write_text("东胜区投资3万元。", "utf-8")
    code, out, err = run_cli(capsys, "extract", tmp_path / "nope.txt", tmp_path / "empty", tmp_path / "ok.txt")
    assert code == 1
    assert f"ordos-nlp: error: {tmp_path / 'nope.txt'}: no such file or directory" in err
    assert "warning" in err and "no files matching '*.txt'" in err
    assert len(out.splitlines()) == 2
    code, out, err = run_cli(capsys, "extract", tmp_path / "empty")
    assert code == 1 and "no input files" in err


def test_csv(capsys, tmp_path, mixed):
    d, _ = mixed
    path = tmp_path / "facts.csv"
    code, out, _ = run_cli(capsys, "extract", d, "-q", "--out", path)  # format from the suffix
    assert code == 1 and out == ""
    assert path.read_bytes().startswith(b"\xef\xbb\xbfdoc,")  # a byte-order mark: Excel reads UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(tables.COLUMNS)
    gpe = next(r for r in rows if r["label"] == "GPE" and r["parents"])
    assert gpe["parents"] == "150000" and gpe["adcode"] == "150600"
    money = next(r for r in rows if r["kind"] == "MONEY")
    assert money["value"].isdigit() and money["low"] == "" and money["currency"] == "CNY"
    broken = [r for r in rows if "\n" in r["text"]]
    assert broken, "a fact across a PDF line break keeps its line break inside the CSV cell"
    code, _, _ = run_cli(capsys, "extract", d, "-q", "--out", path, "--no-bom")
    assert path.read_bytes().startswith(b"doc,")


def test_parquet(capsys, tmp_path, mixed, seed_sentences):
    pd = pytest.importorskip("pandas")
    d, _ = mixed
    path = tmp_path / "facts.parquet"
    code, _, _ = run_cli(capsys, "extract", SEED_PATH, "--doc-date", "2026-04-01", "--format", "parquet", "-o", path)
    assert code == 0
    df = pd.read_parquet(path)
    assert list(df.columns) == list(tables.COLUMNS + tables.FLOAT_COLUMNS + tables.FRACTION_COLUMNS)
    assert len(df) == sum(len(s.facts) for s in seed_sentences)
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", str(d), "--format", "parquet"])
    assert info.value.code == 2
    assert "usage: ordos-nlp extract" in capsys.readouterr().err


def test_table(capsys):
    code, out, _ = run_cli(capsys, "extract", SEED_PATH, "--format", "table", "--doc-date", "2026-04-01")
    assert code == 0
    assert "QUANTITY 192.34亿元" in out and "value=19234000000 unit=元 kind=MONEY" in out
    assert "adcode=150602" in out and "value=2026-Q1" in out and "qualifier=over" in out
    n = len(ordos_nlp.extract(SEED))
    assert out.rstrip().splitlines()[-1].startswith(f"{n} sentences, ")


def test_usage_errors(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", "x.txt", "--doc-date", "April"])
    assert info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", "-", "-"])
    assert info.value.code == 2


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0 and capsys.readouterr().out.strip() == f"ordos-nlp {ordos_nlp.__version__}"
    with pytest.raises(SystemExit):
        cli.main(["extract", "--help"])
    assert "--glob" in capsys.readouterr().out


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal(capsys, mixed, monkeypatch):
    d, texts = mixed
    bar = FakeTTY()
    monkeypatch.setattr(sys, "stderr", bar)
    assert cli.main(["extract", str(d)]) == 1
    shown = bar.getvalue()
    total = sum(len(t) for t in texts.values())
    # characters, with the total corrected to the true count once both files are read
    assert total == 6000 and re.search(r"/6\.00k \[", shown) and "char/s" in shown
    assert "c_binary.txt" in shown  # errors are printed above the bar
    quiet = FakeTTY()
    monkeypatch.setattr(sys, "stderr", quiet)
    cli.main(["extract", str(d), "--quiet"])
    assert "char/s" not in quiet.getvalue() and "c_binary.txt" in quiet.getvalue()
    capsys.readouterr()


def test_progress_moves_inside_one_long_file(capsys, tmp_path, monkeypatch):
    """A long file is read chunk by chunk, and the bar moves with each chunk, not once at the end."""
    from ordos_nlp import api

    monkeypatch.setattr(api, "CHUNK_CHARS", 2_000)
    path = tmp_path / "long.txt"
    path.write_text(SEED * 3, "utf-8")
    seen = []
    run = cli.Run()

    class Bar:
        n, total, disable = 0, 0, True

        def update(self, k):
            self.n += k
            seen.append(self.n)

        def refresh(self):
            pass

    run.progress = Bar()
    run.progress.total = cli.estimated_chars(path)  # as the command starts it
    [(name, sentences)] = list(cli.extracted(cli.read_sources([path], None, run), None, 1, run))
    assert len(seen) > 3 and seen[-1] == len(SEED) * 3 == run.progress.total
    assert sentences == ordos_nlp.extract(SEED * 3)


def test_every_file_accounted_for(capsys, tmp_path):
    """An empty file and a file without facts each get one row saying so."""
    (tmp_path / "a_empty.txt").write_text("", "utf-8")
    (tmp_path / "b_plain.txt").write_text("这段话里没有任何事实。", "utf-8")
    (tmp_path / "c_facts.txt").write_text("东胜区投资3万元。", "utf-8")
    code, out, _ = run_cli(capsys, "extract", tmp_path, "-q")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    none = [(Path(r["file"]).name, r["doc"]) for r in rows if r["fact"] == "none"]
    assert none == [("a_empty.txt", 0), ("b_plain.txt", 1)]
    assert all(r["sentence"] is None and r["text"] is None for r in rows if r["fact"] == "none")
    code, out, _ = run_cli(capsys, "extract", tmp_path, "--format", "table")
    assert out.count("(no facts)") == 2


def test_unwritable_suffix_is_an_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", str(SEED_PATH), "-o", str(tmp_path / "out.xlsx")])
    assert info.value.code == 2
    assert "cannot write .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "out.xlsx").exists()


def test_render_command(capsys, tmp_path):
    page = tmp_path / "page.html"
    code, _, _ = run_cli(capsys, "render", SEED_PATH, "-o", page, "--doc-date", "2026-04-01")
    assert code == 0
    html = page.read_text("utf-8")
    assert "QUANTITY 19,234,000,000 元" in html and "DATE 2026-Q1" in html and SEED_PATH.name in html
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02")
    code, _, err = run_cli(capsys, "render", binary, "-o", page)
    assert code == 1 and str(binary) in err


def test_entry_point_runs_as_a_program(tmp_path, mixed):
    """The installed script (or python -m ordos_nlp.cli): exit status and stderr of a real process."""
    d, _ = mixed
    script = Path(sys.executable).with_name("ordos-nlp")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "ordos_nlp.cli"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    version = subprocess.run(cmd + ["--version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and version.stdout.startswith("ordos-nlp ")
    proc = subprocess.run(cmd + ["extract", str(d), "--format", "jsonl"], capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    assert {Path(json.loads(line)["file"]).name for line in proc.stdout.splitlines()} == {"a_gb18030.txt", "b_utf8.txt"}
    assert "c_binary.txt: cannot be read as text" in proc.stderr
    assert "\r" not in proc.stderr  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_doc_date_from_filename_without_dask(capsys, tmp_path, jobs):
    """Each page's publication date from its name resolves 今年; a name without one takes --doc-date."""
    text = "今年一季度,全市达成授信192.34亿元。"
    (tmp_path / "2025-04-01_p1.txt").write_text(text, "utf-8")
    (tmp_path / "page.txt").write_text(text, "utf-8")
    code, out, err = run_cli(capsys, "extract", tmp_path, "--doc-date-from", "filename", "--doc-date",
                             "2026-04-01", "-q", "--jobs", jobs)
    assert code == 0, err
    dates = {Path(r["file"]).name: r["date_value"] for r in map(json.loads, out.splitlines()) if r["fact"] == "date"}
    assert dates == {"2025-04-01_p1.txt": "2025-Q1", "page.txt": "2026-Q1"}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "table"])
def test_records_in_every_format(capsys, tmp_path, fmt):
    from ordos_nlp.record_tables import RECORD_COLUMNS

    args = ["extract", SEED_PATH, "--records", "--doc-date", "2026-04-01", "--doc-place", "鄂尔多斯市", "--format", fmt]
    out_path = tmp_path / f"records.{fmt}"
    code, out, err = run_cli(capsys, *args, "-o", out_path)
    assert code == 0, err
    expected = ordos_nlp.extract_records(SEED, doc_date="2026-04-01", doc_place="鄂尔多斯市")
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out_path.read_text("utf-8").splitlines()]
        assert len(rows) == len(expected) and list(rows[0]) == list(RECORD_COLUMNS)
        assert rows[0]["value"] == str(expected[0].value.value) and rows[0]["adcode"] == "150600"
    elif fmt == "csv":
        with open(out_path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == len(expected) and rows[0]["adcode"] == "150600"
    elif fmt == "parquet":
        pd = pytest.importorskip("pandas")
        assert len(pd.read_parquet(out_path)) == len(expected)
    else:
        shown = out_path.read_text("utf-8")
        assert "RECORD   存贷款余额 (存款余额)  value=753780000000 元" in shown
        assert shown.rstrip().endswith(f"{len(expected)} records")


def test_bad_doc_place_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["extract", str(SEED_PATH), "--records", "--doc-place", "不存在的地方"])
    assert info.value.code == 2
