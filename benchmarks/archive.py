"""Archive throughput: extract() in one process, the Dask archive on 1 and 2 workers,
plain extract_many(n_process=2), and a kill-and-resume check.

    python benchmarks/archive.py            # a ~50 MB archive (long: about an hour on 2 busy cores)
    python benchmarks/archive.py --mb 5     # smaller

The archive is built in a temporary folder from the seed page and the test
sentences of tests/cases/*.json, shuffled and recombined into articles of varied
length (a few longer than one processing chunk), in UTF-8, GB18030 and UTF-8 with
BOM, named YYYY/MM/YYYY-MM-DD_pN.txt, plus a few binary files that must end as
error rows. Printed: characters per second of each way, the speed-up of 2 workers
over 1, peak memory (RSS) per worker process, the overhead of the Dask archive
against extract_many(n_process=2) writing the same Parquet rows, and whether a run
killed half-way and resumed has every file's facts and records exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ordos_nlp  # noqa: E402
from ordos_nlp import archive  # noqa: E402
from ordos_nlp.api import CHUNK_CHARS  # noqa: E402

SEED = ROOT / "seeds" / "000_4a1a09de4157cfcd.txt"


# ---------------------------------------------------------------------------
# The archive


def _texts(obj, out: list) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "text" and isinstance(v, str):
                out.append(v)
            else:
                _texts(v, out)
    elif isinstance(obj, list):
        for v in obj:
            _texts(v, out)


def units() -> tuple[list[str], list[str]]:
    """(paragraphs of the seed page, test sentences with Chinese in them)."""
    seed = SEED.read_text("utf-8")
    paragraphs = [p.strip() for p in seed.split("\n\n") if len(p.strip()) > 8]
    sentences: list[str] = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.json")):
        _texts(json.loads(path.read_text("utf-8")), sentences)
    sentences = sorted({s.strip() for s in sentences if any("\u4e00" <= c <= "\u9fff" for c in s) and len(s) > 4})
    return paragraphs, sentences


def article(rng: random.Random, paragraphs: list[str], sentences: list[str], target_chars: int) -> str:
    head = rng.choice(sentences).split("，")[0].split(",")[0][:30]
    parts = [head, "", f"□记者 {rng.choice(['王彦卿', '李娜', '张伟', '高敏'])}", ""]
    size = 0
    while size < target_chars:
        if rng.random() < 0.5:
            p = rng.choice(paragraphs)
        else:
            p = "".join(s if s.endswith(("。", "！", "？", "”")) else s + "。" for s in rng.sample(sentences, rng.randint(1, 4)))
        parts.append(p)
        parts.append("")
        size += len(p) + 2
    return "\n".join(parts)


def build(folder: Path, mb: float, seed: int = 0) -> dict:
    """Write the archive; returns counts and the characters of its readable files."""
    rng = random.Random(seed)
    paragraphs, sentences = units()
    target = int(mb * 1_000_000)
    total = chars = files = 0
    day0 = date(2024, 1, 1)
    pages: dict[date, int] = {}
    while total < target:
        day = day0 + timedelta(days=rng.randrange(3 * 365))
        pages[day] = pages.get(day, 0) + 1
        name = folder / f"{day:%Y}" / f"{day:%m}" / f"{day.isoformat()}_p{pages[day]}.txt"
        name.parent.mkdir(parents=True, exist_ok=True)
        if rng.random() < 0.01:
            n = rng.randint(CHUNK_CHARS + 1, 2 * CHUNK_CHARS)  # longer than one chunk
        else:
            n = int(min(30_000, max(300, rng.lognormvariate(7.8, 0.8))))  # ~2,400 characters typical
        text = article(rng, paragraphs, sentences, n)
        r = rng.random()
        data = text.encode("gb18030") if r < 0.12 else (b"\xef\xbb\xbf" + text.encode()) if r < 0.15 else text.encode()
        name.write_bytes(data)
        total += len(data)
        chars += len(text)
        files += 1
    bad = 0
    for i in range(3):
        (folder / f"scan_{i}.txt").write_bytes(bytes(rng.randrange(256) for _ in range(20_000)))
        bad += 1
    return {"files": files + bad, "bad": bad, "bytes": total, "chars": chars}


# ---------------------------------------------------------------------------
# The ways to run it


def readable(folder: Path):
    for path in sorted(folder.rglob("*.txt")):
        try:
            yield str(path), ordos_nlp.read_text_file(path)
        except ordos_nlp.UndecodableFileError:
            continue


def _cpu(who=resource.RUSAGE_SELF) -> float:
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


def run_single(folder: Path) -> dict:
    """extract() file by file in this process, after the pipeline is built and warm."""
    t0 = time.perf_counter()
    archive.cluster._warm()
    t_load = time.perf_counter() - t0
    facts = 0
    c0 = _cpu()
    t0 = time.perf_counter()
    for path, text in readable(folder):
        facts += sum(len(s.facts) for s in ordos_nlp.extract(text, doc_date=archive.date_from_path(path)))
    return {"seconds": time.perf_counter() - t0, "start": t_load, "facts": facts, "cpu": _cpu() - c0,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


PLAIN = """
import sys, resource
from pathlib import Path
from datetime import date
import ordos_nlp

def texts(names):
    for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
        try:
            text = ordos_nlp.read_text_file(path)
        except ordos_nlp.UndecodableFileError:
            continue
        names.append(str(path))
        yield text

if __name__ == "__main__":
    names = []
    results = ordos_nlp.extract_many(texts(names), n_process=int(sys.argv[3]), doc_date=date(2026, 4, 1))
    rows = ordos_nlp.to_parquet(((names[i], r) for i, r in enumerate(results)), sys.argv[2])
    print(rows, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run_plain(folder: Path, out: Path, n_process: int) -> dict:
    """extract_many(n_process=…) + to_parquet over the readable files, in a fresh process (as the
    archive, it starts cold: imports, worker processes, pipelines)."""
    c0 = _cpu(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PLAIN, str(folder), str(out), str(n_process)],
                          check=True, capture_output=True, text=True)
    rows, rss = done.stdout.split()
    return {"seconds": time.perf_counter() - t0, "facts": int(rows), "cpu": _cpu(resource.RUSAGE_CHILDREN) - c0,
            "rss_mb": int(rss) / 1024}


def run_archive(folder: Path, out: Path, workers: int, partition_size) -> dict:
    """The archive on a local cluster: start-up (cluster, pipelines, first text) timed apart."""
    from distributed import Client

    t0 = time.perf_counter()
    cluster = archive.local_cluster(workers)  # the cluster extract_archive(workers=…) starts
    client = Client(cluster)
    client.run(archive.cluster._warm)
    t_start = time.perf_counter() - t0
    try:
        before = client.run(archive.cluster._worker_info)
        c0 = _cpu()
        t1 = time.perf_counter()
        result = archive.extract_archive(folder, out, client=client, partition_size=partition_size,
                                         doc_date_from="filename")
        work = time.perf_counter() - t1
        client_cpu = _cpu() - c0
        after = client.run(archive.cluster._worker_info)
    finally:
        client.close()
        cluster.close()
    worker_cpu = sum(after[w]["cpu_s"] - before[w]["cpu_s"] for w in after)
    return {"seconds": t_start + work, "start": t_start, "work": work, "facts": result.total_facts,
            "failed": result.failed, "cpu": worker_cpu + client_cpu, "worker_cpu": worker_cpu,
            "rss_mb": [v["maxrss_kb"] / 1024 for v in after.values()]}


def kill_and_resume(folder: Path, out: Path, workers: int, partition_size: str, reference: Path) -> dict:
    """Run in a subprocess, kill it (and its cluster) half-way, resume, compare with ``reference``."""
    import pyarrow.parquet as pq

    total = sum(1 for _ in folder.rglob("*.txt"))
    script = out.parent / "run_archive.py"
    script.write_text(textwrap.dedent(f"""
        from ordos_nlp.archive import extract_archive
        if __name__ == "__main__":
            extract_archive({str(folder)!r}, {str(out)!r}, workers={workers}, partition_size={partition_size!r},
                            doc_date_from="filename")
    """), "utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], start_new_session=True, stderr=subprocess.DEVNULL)
    done_at_kill = 0
    while proc.poll() is None:
        time.sleep(0.5)
        if out.is_dir():
            done_at_kill = sum(len(archive.parts._read_manifest(str(p))) for p in out.glob("part-*.parquet"))
            if done_at_kill >= total // 2:
                os.killpg(proc.pid, signal.SIGKILL)
                break
    proc.wait()
    killed = proc.returncode == -signal.SIGKILL
    result = archive.extract_archive(folder, out, workers=workers, partition_size=partition_size,
                                     doc_date_from="filename")

    def per_file(path: Path) -> dict:
        """Rows per file of the facts and of the records beside them."""
        counts: dict = {}
        for kind, folder in (("facts", str(path)), ("records", archive.records_folder(path))):
            for f in pq.read_table(folder, columns=["file"]).column("file").to_pylist():
                counts[kind, f] = counts.get((kind, f), 0) + 1
        return counts

    got, ref = per_file(out), per_file(reference)
    status = archive.read_status(out)
    return {
        "killed": killed, "done_at_kill": done_at_kill, "skipped": result.skipped, "processed": result.processed,
        "status_rows": len(status), "files": total, "unique": bool(status["file"].is_unique),
        "lost": sorted(set(ref) - set(got)), "extra": sorted(set(got) - set(ref)),
        "different": sorted(f for f in ref if f in got and got[f] != ref[f]),
    }


# ---------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=50.0, help="archive size in MB (default: %(default)s)")
    ap.add_argument("--partition-size", default=None, help="archive partition size (default: the archive's own)")
    ap.add_argument("--workers", type=int, default=2, help="workers of the parallel runs (default: %(default)s)")
    ap.add_argument("--no-resume", action="store_true", help="skip the kill-and-resume check")
    ap.add_argument("--keep", metavar="DIR", help="build the archive and outputs here and keep them")
    args = ap.parse_args(argv)

    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="ordos-archive-bench-"))
    if args.keep and tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        src = tmp / "archive"
        t0 = time.perf_counter()
        info = build(src, args.mb)
        chars = info["chars"]
        print(f"archive: {info['files']} files ({info['bad']} binary), {info['bytes'] / 1e6:.1f} MB, "
              f"{chars:,} characters, built in {time.perf_counter() - t0:.1f} s  [{tmp}]")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start "
              "(wall times are noisy when other work shares the cores; CPU times much less)")

        def rate(seconds):
            return f"{chars / seconds:8,.0f} chars/s"

        print("\nthroughput")
        single = run_single(src)
        print(f"  extract(), one process, warm          {single['seconds']:7.1f} s {rate(single['seconds'])}"
              f"  (CPU {single['cpu']:.1f} s; pipeline load {single['start']:.1f} s; RSS {single['rss_mb']:.0f} MB)")
        tiny = tmp / "tiny"
        tiny.mkdir()
        shutil.copy(next(src.rglob("*_p1.txt")), tiny / "a.txt")
        fixed = run_plain(tiny, tmp / "tiny.parquet", args.workers)["seconds"]
        plain = run_plain(src, tmp / "plain.parquet", args.workers)
        print(f"  extract_many(n_process={args.workers}) + to_parquet {plain['seconds']:7.1f} s {rate(plain['seconds'])}"
              f"  (start-up about {fixed:.1f} s, measured on one file; "
              f"after it {rate(plain['seconds'] - fixed)}; CPU {plain['cpu']:.1f} s; RSS {plain['rss_mb']:.0f} MB)")
        runs = {}
        for n in sorted({1, args.workers}):
            a = runs[n] = run_archive(src, tmp / f"out{n}.parquet", n, args.partition_size)
            share = a["worker_cpu"] / (a["work"] * n)
            print(f"  archive, {n} worker{'s' if n > 1 else ' '}                     {a['seconds']:7.1f} s "
                  f"{rate(a['seconds'])}  (start-up {a['start']:.1f} s; after it {rate(a['work'])}; "
                  f"CPU {a['cpu']:.1f} s; "
                  f"workers had {share:.0%} of their cores; RSS {', '.join(f'{x:.0f}' for x in a['rss_mb'])} MB)")
        a1, an = runs[1], runs[args.workers]

        print("\nsummary (the machine's cores are shared: wall times vary from run to run)")
        print(f"  speed-up {args.workers} workers / 1 worker:  {a1['seconds'] / an['seconds']:.2f}x whole run, "
              f"{a1['work'] / an['work']:.2f}x after start-up")
        print(f"  Dask overhead vs extract_many:     {an['seconds'] / plain['seconds'] - 1:+.1%} whole run, "
              f"{an['work'] / (plain['seconds'] - fixed) - 1:+.1%} after start-up")
        print(f"  archive CPU per character vs extract(): {(a1['cpu'] / single['cpu']) - 1:+.1%} (1 worker), "
              f"{(an['cpu'] / single['cpu']) - 1:+.1%} ({args.workers} workers)")
        print(f"  peak RSS per archive worker:       {max(a1['rss_mb'] + an['rss_mb']):.0f} MB")
        same = single["facts"] == a1["facts"] == an["facts"] == plain["facts"]
        print(f"  facts: extract() {single['facts']:,}, archive {a1['facts']:,} / {an['facts']:,}, "
              f"extract_many {plain['facts']:,} ({'same' if same else 'DIFFERENT'}); "
              f"error rows {a1['failed']} / {an['failed']} (binary files: {info['bad']})")
        if not args.no_resume:
            k = kill_and_resume(src, tmp / "resumed.parquet", args.workers, args.partition_size,
                                tmp / f"out{args.workers}.parquet")
            ok = k["killed"] and not (k["lost"] or k["extra"] or k["different"]) and k["unique"] \
                and k["status_rows"] == k["files"]
            print(f"  kill and resume: killed={k['killed']} after {k['done_at_kill']} of {k['files']} files; "
                  f"resumed {k['processed']}, skipped {k['skipped']}; lost {len(k['lost'])}, "
                  f"extra {len(k['extra'])}, different {len(k['different'])} files "
                  f"-> {'OK' if ok else 'FAILED'}")
        print(f"  load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
