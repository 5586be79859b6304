"""Archives on Dask (ordos_nlp.archive): same facts and records as extract(), error rows, resume after a kill."""

import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

import ordos_nlp  # noqa: E402
from ordos_nlp import archive, cli  # noqa: E402
from ordos_nlp.api import CHUNK_CHARS  # noqa: E402
from ordos_nlp.record_tables import RECORD_COLUMNS, RECORD_EXACT, json_record_row, record_rows  # noqa: E402
from ordos_nlp.tables import COLUMNS, EXACT_COLUMNS, fact_rows, json_row  # noqa: E402

ROOT = Path(__file__).parents[1]
SEED = (ROOT / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")
LONG = "鄂尔多斯市东胜区今年一季度新增投资1.5亿元,同比增长12%。\n" * (CHUNK_CHARS // 30 + 50)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0", silence_logs=40
    )
    c = distributed.Client(cluster)
    c.run(archive.cluster._warm)  # both workers build their pipeline once, in parallel
    yield c
    c.close()
    cluster.close()


def make_archive(d: Path) -> dict:
    """A small archive: UTF-8, GB18030 and BOM files, a long one, an empty one, a binary, a huge one."""
    (d / "2026" / "04").mkdir(parents=True)
    files = {
        "2026/04/2026-04-01_p1.txt": SEED[:2500].encode("utf-8"),
        "2026/04/2026-04-02_p2.txt": SEED[2500:5200].encode("gb18030"),
        "2026/04/03/p3.txt": b"\xef\xbb\xbf" + SEED[5200:7000].encode("utf-8"),
        "undated.txt": SEED[7000:].encode("utf-8"),
        "long.txt": LONG.encode("utf-8"),
        "empty.txt": b"",
        "photo.txt": bytes(range(256)) * 16,
        "huge.txt": (LONG * 2).encode("utf-8"),
        "notes.md": "东胜区".encode("utf-8"),  # not matched by *.txt
    }
    for name, data in files.items():
        (d / name).parent.mkdir(parents=True, exist_ok=True)
        (d / name).write_bytes(data)
    return {str((d / n).resolve()): data for n, data in files.items() if n.endswith(".txt")}


def expected_rows(path: str, doc_date=None) -> list[dict]:
    text = ordos_nlp.read_text_file(path)
    rows = [json_row(r) for r in fact_rows([(path, ordos_nlp.extract(text, doc_date=doc_date))])]
    for r in rows:
        del r["doc"]
    return rows


def dataset_rows(out) -> dict[str, list[dict]]:
    """Rows of the dataset by file, in their order, without doc and the float/extra columns."""
    by_file: dict[str, list[dict]] = {}
    for r in pq.read_table(str(out)).to_pylist():
        by_file.setdefault(r["file"], []).append(r)
    return by_file


def expected_records(path: str, doc_date=None, doc_place=None, doc_period=None) -> list[dict]:
    """The record rows of a file as ``to_parquet(kind="records")`` would write them alone (without doc),
    checked against ``extract_records`` with the same arguments."""
    text = ordos_nlp.read_text_file(path)
    sentences = ordos_nlp.extract(text, doc_date, doc_place, doc_period)
    rows = [json_record_row(r) for r in record_rows([(path, sentences)])]
    alone = ordos_nlp.extract_records(text, doc_date, doc_place, doc_period)
    offsets = ("sentence_start", "sentence_end")
    own = [json_record_row(x.to_row()) for x in alone]
    assert [{c: v for c, v in r.items() if c not in offsets} for r in own] \
        == [{c: r[c] for c in r if c not in ("doc", "file", "sentence", *offsets)} for r in rows]
    for r in rows:
        del r["doc"]
    return rows


def record_dataset_rows(out) -> dict[str, list[dict]]:
    """The records dataset beside ``out``, by file, as :func:`expected_records` gives them."""
    folder = archive.records_folder(out)
    assert folder == str(out) + ".records"
    by_file: dict[str, list[dict]] = {}
    for r in pq.read_table(folder).to_pylist():
        by_file.setdefault(r["file"], []).append(r)
    return by_file


def strip_records(rows):
    return [
        {c: (_exact_text(r, c) if c in RECORD_EXACT else r[c]) for c in RECORD_COLUMNS if c != "doc"} for r in rows
    ]


def _exact_text(row: dict, column: str):
    """A Parquet row's exact number as ``json_row`` writes it (the decimal, else the ``_fraction`` string)."""
    from ordos_nlp.facts import number_to_str
    from ordos_nlp.tables import _exact

    value = row[column]
    return row[f"{column}_fraction"] if value is None else number_to_str(_exact(value))


def strip(rows):
    return [
        {c: (_exact_text(r, c) if c in EXACT_COLUMNS else r[c]) for c in COLUMNS if c != "doc"} for r in rows
    ]


@pytest.fixture(scope="module")
def run(client, tmp_path_factory):
    base = tmp_path_factory.mktemp("archive")
    files = make_archive(base / "in")
    out = base / "facts.parquet"
    huge = max(len(v) for v in files.values())
    result = archive.extract_archive(
        [base / "in", base / "in" / "missing.txt"], out, client=client, doc_date_from="filename",
        doc_date=date(2026, 1, 1), partition_size="8KB", max_file_bytes=huge - 1,
    )
    return base, files, out, result


def test_date_from_path():
    assert archive.date_from_path("a/2026-04-01_p3.txt") == date(2026, 4, 1)
    assert archive.date_from_path("20260401-2.txt") == date(2026, 4, 1)
    assert archive.date_from_path("x/2026_04_01.txt") == date(2026, 4, 1)
    assert archive.date_from_path("/data/2026/04/01/p3.txt") == date(2026, 4, 1)
    assert archive.date_from_path("/data/2026-04-01/p3.txt") == date(2026, 4, 1)
    assert archive.date_from_path("鄂尔多斯日报2026年4月1日第3版.txt") == date(2026, 4, 1)
    assert archive.date_from_path("2026年04月01日.txt") == date(2026, 4, 1)
    assert archive.date_from_path("2026-02-30_p1.txt") is None
    assert archive.date_from_path("p12345678.txt") is None
    assert archive.date_from_path("id_120260401999.txt") is None


def test_parse_size():
    assert archive.parse_size("1MB") == 1 << 20
    assert archive.parse_size("512 KiB") == 512 << 10
    assert archive.parse_size(100) == 100
    for bad in ("", "1XB", "0", "-3"):
        with pytest.raises(ValueError):
            archive.parse_size(bad)


def test_same_facts_as_extract_file_by_file(run):
    base, files, out, result = run
    got = dataset_rows(out)
    dates = {p: archive.date_from_path(p) or date(2026, 1, 1) for p in files}
    good = [p for p in files if not p.endswith(("photo.txt", "huge.txt"))]
    assert set(got) == {p for p in good if expected_rows(p, dates[p])}
    for p in good:
        exp = expected_rows(p, dates[p])
        assert strip(got.get(p, [])) == exp, p
        for r in got.get(p, []):
            assert r["file_sha256"] == hashlib.sha256(files[p]).hexdigest()
            assert r["doc_date"] == dates[p]
            for c in ("value", "low", "high", "si_value"):  # the float companions, as to_parquet gives them
                exact = _exact_text(r, c)
                assert r[f"{c}_float"] == (None if exact is None else float(Fraction(exact)))
    assert result.total_facts == sum(len(v) for v in got.values()) == result.facts
    import dask.dataframe as dd
    import pandas as pd

    frame = pd.read_parquet(out)  # the folder reads as one table, facts only
    assert len(frame) == result.total_facts
    assert list(frame.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert len(ordos_nlp.read_facts(out)) == len(dd.read_parquet(str(out), columns=["file"])) == result.total_facts


def test_same_records_as_extract_records_file_by_file(run):
    base, files, out, result = run
    got = record_dataset_rows(out)
    dates = {p: archive.date_from_path(p) or date(2026, 1, 1) for p in files}
    good = [p for p in files if not p.endswith(("photo.txt", "huge.txt"))]
    expected = {p: expected_records(p, dates[p]) for p in good}
    assert set(got) == {p for p in good if expected[p]}
    assert expected[next(p for p in good if p.endswith("long.txt"))]  # records of a text done piece by piece
    for p in good:
        assert strip_records(got.get(p, [])) == expected[p], p
        for r in got.get(p, []):
            assert r["file_sha256"] == hashlib.sha256(files[p]).hexdigest()
            assert r["doc_date"] == dates[p]
            for c in RECORD_EXACT:
                exact = _exact_text(r, c)
                assert r[f"{c}_float"] == (None if exact is None else float(Fraction(exact)))
    status = archive.read_status(out).set_index("file")
    assert all(status.loc[p, "records"] == len(expected[p]) for p in good)
    assert status["records"].isna().sum() == 3  # the error rows: photo, huge, missing
    assert result.total_records == result.records == sum(len(v) for v in got.values()) > 0
    import pandas as pd

    frame = pd.read_parquet(result.records_out)
    assert list(frame.columns) == [*RECORD_COLUMNS, "value_float", "change_float", "value_fraction",
                                   "change_fraction", *archive.EXTRA_COLUMNS]
    assert sorted(os.listdir(result.records_out)) == sorted(n for n in os.listdir(out) if n.startswith("part-"))


def test_every_file_has_a_row_bad_files_an_error(run):
    base, files, out, result = run
    status = archive.read_status(out).set_index("file")
    missing = str((base / "in" / "missing.txt").resolve())
    assert set(status.index) == set(files) | {missing}
    assert result.files == len(files) + 1 and result.processed == result.files and result.skipped == 0
    errors = {p: status.loc[p, "error"] for p in status.index if not pd_isna(status.loc[p, "error"])}
    assert set(errors) == {p for p in files if p.endswith(("photo.txt", "huge.txt"))} | {missing}
    assert all(p in msg for p, msg in errors.items())  # each error names its file
    assert "binary" in errors[next(p for p in errors if p.endswith("photo.txt"))]
    assert "too large" in errors[next(p for p in errors if p.endswith("huge.txt"))]
    assert sorted(result.errors) == sorted(errors.items())
    empty = next(p for p in files if p.endswith("empty.txt"))
    assert (status.loc[empty, "facts"], status.loc[empty, "sentences"]) == (0, 0)
    for p, data in files.items():
        assert status.loc[p, "bytes"] == len(data)
        assert status.loc[p, "sha256"] == hashlib.sha256(data).hexdigest()
    gb = next(p for p in files if p.endswith("p2.txt"))
    assert status.loc[gb, "encoding"] == "gb18030" and status.loc[gb, "doc_date"] == "2026-04-02"
    assert status.loc[next(p for p in files if p.endswith("p3.txt")), "doc_date"] == "2026-04-03"
    # _status.csv is the same table
    csv_status = archive.resume._status_cache(str(out))
    assert sum(len(v) for v in csv_status.values()) == len(status)
    assert not [n for n in os.listdir(out) if n.startswith(".") or n == archive.LOCK_FILE]


def pd_isna(x):
    import pandas as pd

    return pd.isna(x)


def pd_na():
    import pandas as pd

    return pd.NA


def copy_run(run, tmp_path):
    base, files, out, _ = run
    dst = tmp_path / "facts.parquet"
    shutil.copytree(out, dst)
    shutil.copytree(archive.records_folder(out), archive.records_folder(dst))
    return base, files, dst


def test_rerun_skips_done_files_and_retries_errors(run, client, tmp_path):
    base, files, out = copy_run(run, tmp_path)
    before = dataset_rows(out)
    r = archive.extract_archive([base / "in"], out, client=client, doc_date_from="filename",
                                doc_date=date(2026, 1, 1), partition_size="8KB",
                                max_file_bytes=max(len(v) for v in files.values()) - 1)
    assert r.skipped == len(files) - 2 and r.processed == 2 and r.failed == 2 and r.facts == 0
    assert dataset_rows(out) == before
    status = archive.read_status(out)
    assert status["file"].is_unique and len(status) == len(files) + 1


def test_changed_file_is_redone_once(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(["全市新增投资3.5亿元。", "东胜区完成造林1200亩。", "今年一季度授信192.34亿元。"]):
        (src / f"{i}.txt").write_text(text, "utf-8")
    out = tmp_path / "facts.parquet"
    r = archive.extract_archive(src, out, client=client)
    assert (r.processed, r.skipped) == (3, 0)
    target = str(src / "1.txt")
    Path(target).write_text("康巴什区新建公园2个,总面积15.6公顷。", "utf-8")
    r = archive.extract_archive(src, out, client=client)
    assert (r.processed, r.skipped) == (1, 2)
    got = dataset_rows(out)
    for p in sorted(src.iterdir()):
        assert strip(got[str(p)]) == expected_rows(str(p)), p
    status = archive.read_status(out).set_index("file")
    assert len(status) == 3 and status.loc[target, "sha256"] == hashlib.sha256(Path(target).read_bytes()).hexdigest()
    # a part whose records part is gone (an output of a version without records): its files are redone
    first = status.loc[str(src / "0.txt"), "part"]
    os.remove(os.path.join(archive.records_folder(out), first))
    assert archive.read_status(out).set_index("file").loc[str(src / "0.txt"), "records"] is pd_na()
    r = archive.extract_archive(src, out, client=client)
    assert (r.processed, r.skipped) == (2, 1)
    got, records = dataset_rows(out), record_dataset_rows(out)
    for p in sorted(src.iterdir()):
        assert strip(got[str(p)]) == expected_rows(str(p)), p
        assert strip_records(records.get(str(p), [])) == expected_records(str(p)), p
    assert first not in os.listdir(out)


def test_duplicates_from_a_late_task_and_leftovers_are_cleaned(run, client, tmp_path):
    base, files, out = copy_run(run, tmp_path)
    records = Path(archive.records_folder(out))
    before, records_before = dataset_rows(out), record_dataset_rows(out)
    parts = sorted(n for n in os.listdir(out) if n.startswith("part-"))
    with_facts = next(n for n in parts if pq.ParquetFile(out / n).metadata.num_rows)
    # a task of an earlier, killed run that finished after the restart: the same files again
    late = "part-20000101T000000000000Z-abcdef-000000-v1.parquet"
    shutil.copy(out / with_facts, out / late)
    shutil.copy(records / with_facts, records / late)
    # a rewrite that was killed before deleting the old version; a temp file of a killed task
    pid = archive.parts._PART_RE.match(parts[-1]).group("pid")
    shutil.copy(out / parts[-1], out / f"part-{pid}-v0.parquet")
    shutil.copy(records / parts[-1], records / f"part-{pid}-v0.parquet")
    (out / f".{parts[0]}.0123abcd.tmp").write_bytes(b"PAR1 half written")
    (records / f".{parts[0]}.0123abcd.tmp").write_bytes(b"PAR1 half written")
    # a task killed after its records part and before its facts part
    shutil.copy(records / with_facts, records / "part-20000101T000000000000Z-abcdef-000001-v1.parquet")
    (out / archive.STATUS_FILE).unlink()
    r = archive.extract_archive([base / "in" / "*.txt", base / "in" / "2026"], out, client=client,
                                max_file_bytes=max(len(v) for v in files.values()) - 1)
    assert r.skipped == len(files) - 2
    assert sorted(Path(p).name for p, _ in r.errors) == ["huge.txt", "photo.txt"]  # errors are retried
    assert dataset_rows(out) == before
    assert record_dataset_rows(out) == records_before
    names = os.listdir(out)
    assert not [n for n in names if n.startswith(".") or n.endswith("-v0.parquet")]
    assert late not in names
    assert sorted(os.listdir(records)) == sorted(n for n in names if n.startswith("part-"))


def test_a_run_that_is_killed_resumes_exactly_once(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(16):
        start = (i * 1013) % (len(SEED) - 3000)
        (src / f"2026-03-{i + 1:02d}_p1.txt").write_text(SEED[start : start + 3000], "utf-8")
    out = tmp_path / "facts.parquet"
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(f"""
        from ordos_nlp.archive import extract_archive
        if __name__ == "__main__":
            extract_archive({str(src)!r}, {str(out)!r}, workers=1, partition_size=1, doc_date_from="filename")
    """), "utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            if out.is_dir() and any(n.startswith("part-") for n in os.listdir(out)):
                break
            time.sleep(0.05)
        assert proc.poll() is None, proc.stderr.read().decode()
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its local cluster
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    done_before = archive.read_status(out)
    assert 1 <= len(done_before) < 16
    assert (out / archive.LOCK_FILE).exists()  # left by the killed run; its process is gone
    r = archive.extract_archive(src, out, client=client, partition_size=1, doc_date_from="filename")
    assert r.skipped == len(done_before) and r.processed == 16 - len(done_before) and r.failed == 0
    got = dataset_rows(out)
    status = archive.read_status(out).set_index("file")
    assert len(status) == 16 and status["error"].isna().all()
    records = record_dataset_rows(out)
    assert sum(map(len, records.values())) == r.total_records > 0
    for p in sorted(src.iterdir()):
        exp = expected_rows(str(p), archive.date_from_path(p))
        assert strip(got.get(str(p), [])) == exp, p  # nothing lost, nothing twice
        assert status.loc[str(p), "facts"] == len(exp)
        exp = expected_records(str(p), archive.date_from_path(p))
        assert strip_records(records.get(str(p), [])) == exp, p  # the records too
        assert status.loc[str(p), "records"] == len(exp)
    parts = sorted(n for n in os.listdir(out) if n.startswith("part-"))
    assert sorted(os.listdir(archive.records_folder(out))) == parts


def test_a_file_that_kills_its_worker_gets_an_error_row(tmp_path):
    import dask

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("全市新增投资3.5亿元。", "utf-8")
    (src / "poison.txt").write_text("东胜区完成造林1200亩。", "utf-8")
    (src / "z.txt").write_text("今年一季度授信192.34亿元。", "utf-8")

    def make_plugin():
        class Poison(distributed.WorkerPlugin):  # a local class travels by value
            def setup(self, worker):
                from ordos_nlp.archive import partition as a

                real = a._read

                def read(path, *args):
                    if path.endswith("poison.txt"):
                        os._exit(3)
                    return real(path, *args)

                a._read = read

        return Poison()

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                           dashboard_address=":0", silence_logs=50)
        with cluster, distributed.Client(cluster) as c:
            c.register_plugin(make_plugin())
            r = archive.extract_archive(src, tmp_path / "out", client=c, partition_size="1MB")
    assert r.processed == 3 and r.failed == 1
    (path, message), = r.errors
    assert path.endswith("poison.txt") and "KilledWorker" in message and path in message
    status = archive.read_status(tmp_path / "out").set_index("file")
    assert status["error"].notna().sum() == 1 and status["facts"].fillna(0).sum() == r.total_facts > 0
    assert set(dataset_rows(tmp_path / "out")) == {str(src / "a.txt"), str(src / "z.txt")}


def test_a_second_run_on_the_same_output_is_refused(run, tmp_path):
    base, files, out = copy_run(run, tmp_path)
    lock = out / archive.LOCK_FILE
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": os.getpid(), "since": "now"}))
    with pytest.raises(RuntimeError, match="another run"):
        archive.extract_archive([base / "in" / "empty.txt"], out)
    lock.write_text(json.dumps({"host": socket.gethostname(), "pid": 2**22 + 12345, "since": "then"}))
    r = archive.extract_archive([base / "in" / "empty.txt"], out)  # a dead run's lock is taken over
    assert r.skipped == 1 and not lock.exists()


def test_bad_arguments(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(FileExistsError):
        archive.extract_archive(tmp_path, tmp_path / "f")
    with pytest.raises(ValueError, match="doc_date_from"):
        archive.extract_archive(tmp_path, tmp_path / "o", doc_date_from="name")
    with pytest.raises(ValueError, match="workers"):
        archive.extract_archive(tmp_path, tmp_path / "o", workers=0)
    with pytest.raises(ValueError, match="workers"):
        archive.extract_archive(tmp_path, tmp_path / "o", workers=2, client="tcp://127.0.0.1:1")
    with pytest.raises(TypeError):
        archive.extract_archive(tmp_path, tmp_path / "o", doc_date="2026-04-01")
    with pytest.raises(ValueError, match="doc_place"):
        archive.extract_archive(tmp_path, tmp_path / "o", doc_place="不存在的地方")
    with pytest.raises(TypeError, match="doc_period"):
        archive.extract_archive(tmp_path, tmp_path / "o", doc_period=2023)
    (tmp_path / "r.records").write_text("x")
    with pytest.raises(FileExistsError, match="r.records"):
        archive.extract_archive(tmp_path, tmp_path / "r")
    assert not (tmp_path / "o").exists()


def test_command_line_on_a_scheduler(client, tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "2026-04-01_p1.txt").write_text("今年一季度,全市累计组织专场对接会7场,达成授信192.34亿元。", "utf-8")
    (src / "2026-04-02_p2.txt").write_bytes("东胜区完成造林1200亩。".encode("gb18030"))
    (src / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    out = tmp_path / "facts.parquet"
    argv = ["extract", str(src), "--out", str(out), "--scheduler", client.scheduler.address,
            "--doc-date-from", "filename", "--doc-place", "鄂尔多斯市", "--doc-period", "2025", "-q"]
    code = cli.main(argv)
    err = capsys.readouterr().err
    assert code == 1
    assert f"error: {src / 'bad.txt'}: cannot be read as text" in err
    assert "3 files: 3 processed (1 with errors), 0 already done" in err
    assert f"records written, " in err and f" in {out}.records" in err
    rows = dataset_rows(out)
    assert [r["text"] for r in rows[str(src / "2026-04-01_p1.txt")]] == ["今年一季度", "7场", "192.34亿元"]
    assert rows[str(src / "2026-04-01_p1.txt")][0]["date_value"] == "2026-Q1"
    records = record_dataset_rows(out)
    for name, day in (("2026-04-01_p1.txt", date(2026, 4, 1)), ("2026-04-02_p2.txt", date(2026, 4, 2))):
        exp = expected_records(str(src / name), day, "鄂尔多斯市", "2025")
        assert strip_records(records.get(str(src / name), [])) == exp, name
    place = records[str(src / "2026-04-02_p2.txt")]  # 东胜区 names its place; no period: the one given
    assert [(r["place_name"], r["period"]) for r in place] == [("东胜区", "2025")]
    (src / "bad.txt").unlink()
    code = cli.main(argv[:-1])  # without -q: the summary also when all went well
    assert code == 0
    assert "2 files: 0 processed (0 with errors), 2 already done" in capsys.readouterr().err


def test_command_line_finds_the_same_files_with_and_without_dask(client, tmp_path, capsys):
    """One file finder: the same files, each once, and the same reports, with or without --scheduler."""
    src = tmp_path / "in"
    (src / "2026").mkdir(parents=True)
    (src / "2026" / "a.txt").write_text("东胜区完成造林1200亩。", "utf-8")
    (src / "b.txt").write_text("全市新增投资3.5亿元。", "utf-8")
    (src / "notes.md").write_text("今年一季度达成授信192.34亿元。", "utf-8")
    (tmp_path / "empty").mkdir()
    nope = tmp_path / "nope.txt"
    inputs = [str(src / "*.txt"), str(src), str(src / "notes.md"), str(tmp_path / "empty"), str(nope)]
    code = cli.main(["extract", *inputs, "-q"])
    plain, plain_err = capsys.readouterr()
    out = tmp_path / "facts.parquet"
    dask_code = cli.main(["extract", *inputs, "-q", "--out", str(out), "--scheduler", client.scheduler.address])
    dask_err = capsys.readouterr().err
    assert code == dask_code == 1
    docs = {(r["doc"], r["file"]) for r in map(json.loads, plain.splitlines())}
    assert [f for _, f in sorted(docs)] == sorted(dataset_rows(out)) == sorted(
        str(p) for p in (src / "2026" / "a.txt", src / "b.txt", src / "notes.md"))
    for err in (plain_err, dask_err):
        assert f"ordos-nlp: error: {nope}: no such file or directory" in err
        assert f"ordos-nlp: warning: {tmp_path / 'empty'}: no files matching '*.txt'" in err
    status = archive.read_status(out).set_index("file")
    assert status.loc[str(nope), "error"] == f"{nope}: no such file or directory"
    assert status["error"].notna().sum() == 1


@pytest.mark.parametrize("argv, message", [
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1", "--out", "o"], "--workers starts"),
    (["--workers", "2"], "needs --out"),
    (["--workers", "2", "--out", "o", "--format", "csv"], "Parquet"),
    (["--workers", "2", "--out", "o", "--jobs", "2"], "--jobs"),
    (["--workers", "2", "--out", "o", "--partition-size", "lots"], "partition-size"),
    (["--workers", "2", "--out", "o", "--doc-place", "不存在的地方"], "doc_place"),
])
def test_command_line_usage_errors(argv, message, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", str(tmp_path), *argv])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err
