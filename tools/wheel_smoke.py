"""What a new user does first, run against an installed wheel (``tools/check_wheel.sh``).

Fails loudly (non-zero exit, the step named) on the first thing that does not work.
It must run from outside the checkout, with the package imported from site-packages.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path


def step(name: str):
    print(f"-- {name}", flush=True)


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"FAILED: {message}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--checkout", type=Path, required=True)
    ap.add_argument("--big-mb", type=float, default=float(os.environ.get("CHECK_WHEEL_BIG_MB", 20)))
    args = ap.parse_args()

    import ordos_nlp

    where = Path(ordos_nlp.__file__).resolve()
    step(f"import ordos_nlp from {where.parent}")
    check("site-packages" in where.parts, f"ordos_nlp imported from {where}, not from the installed wheel")
    check(args.checkout.resolve() not in where.parents, "ordos_nlp imported from the checkout")

    seed_path = sorted((args.work / "seeds").glob("000_*.txt"))[0]
    text = seed_path.read_text("utf-8")

    step("the README's examples")
    sentences = ordos_nlp.extract(text, doc_date=date(2026, 4, 1))
    quantities = {q.text: q for s in sentences for q in s.quantities}
    check(quantities["192.34亿元"].value == 19234000000, "192.34亿元 is exactly 19234000000")
    check(any(e.adcode == "150600" for s in sentences for e in s.entities), "鄂尔多斯市 has its adcode")
    check(any(d.value == "2026-Q1" for s in sentences for d in s.dates), "今年一季度 → 2026-Q1")
    check(str(ordos_nlp.parse_number("一百零五点六亿")) == "10560000000", "parse_number")
    check(ordos_nlp.extract(text, doc_date="2026-04-01") == sentences, "doc_date as an ISO string")
    many = list(ordos_nlp.extract_many([text[:3000], "", text[3000:6000]]))
    check(len(many) == 3 and many[1] == [], "extract_many")
    frame = ordos_nlp.to_frame(sentences)
    check(len(frame) == sum(len(s.facts) for s in sentences), "to_frame")

    step('spacy.load("ordos_nlp")')
    import spacy

    nlp = spacy.load("ordos_nlp")
    check(nlp.meta["name"] == "ordos_nlp" and nlp.meta["version"] == ordos_nlp.__version__, "nlp.meta")
    doc = nlp("达成授信192.34亿元。")
    check([sp.text for sp in doc.spans["quantities"]] == ["192.34亿元"], "the spaCy pipeline finds quantities")

    step("ordos-nlp extract on a folder of mixed files")
    folder = args.work / "mixed"
    folder.mkdir()
    (folder / "utf8.txt").write_text(text[:4000], "utf-8")
    (folder / "gb18030.txt").write_bytes(text[4000:7000].encode("gb18030"))
    (folder / "big5.txt").write_bytes("內蒙古自治區統計局發布,全年地區生產總值24627億元,比上年增長7.3%。".encode("big5"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    repeats = max(1, int(args.big_mb * 1e6 / len(text.encode("utf-8"))))
    (folder / "big.txt").write_text(text * repeats, "utf-8")
    exe = Path(sys.executable).with_name("ordos-nlp")
    out = args.work / "facts.parquet"
    started = time.perf_counter()
    proc = subprocess.run([str(exe), "extract", str(folder), "-o", str(out), "--doc-date", "2026-04-01", "--jobs", "2"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    check(proc.returncode == 1, f"exit status 1 for the binary file, got {proc.returncode}: {proc.stderr[-2000:]}")
    check("binary.txt" in proc.stderr and proc.stderr.count("error:") == 1, f"one error, naming binary.txt: {proc.stderr}")
    df = ordos_nlp.read_facts(out)
    by_file = df.groupby(df["file"].map(lambda f: Path(f).name)).size().to_dict()
    check(set(by_file) == {"utf8.txt", "gb18030.txt", "big5.txt", "empty.txt", "big.txt"}, f"files: {by_file}")
    check((df[df["file"].str.endswith("empty.txt")]["fact"] == "none").all(), "the empty file has its 'none' row")
    big = df[df["file"].str.endswith("big.txt")]
    check(len(big) == repeats * len(frame), f"the big file's facts: {len(big)} rows, expected {repeats * len(frame)}")
    money = df[(df["kind"] == "MONEY") & df["file"].str.endswith("big5.txt")]
    check(money["value"].tolist() == [2462700000000], f"Big5 text read: {money['value'].tolist()}")
    check(all(isinstance(a, str) for a in df["adcode"].dropna()), "adcode stays text")
    print(f"   {len(df)} rows from {len(by_file)} files; big.txt {repeats * len(text):,} characters; {seconds:.0f} s")
    csv_out = args.work / "facts.csv"
    proc = subprocess.run([str(exe), "extract", str(folder / "utf8.txt"), "-o", str(csv_out)], capture_output=True)
    check(proc.returncode == 0 and csv_out.read_bytes().startswith(b"\xef\xbb\xbf"), "CSV with a byte-order mark")
    proc = subprocess.run([str(exe), "extract", str(folder / "utf8.txt"), "-o", str(args.work / "x.xlsx")],
                          capture_output=True, text=True)
    check(proc.returncode == 2 and "cannot write .xlsx" in proc.stderr, "-o x.xlsx is a usage error")

    step("the notebooks")
    import nbclient
    import nbformat

    for path in sorted((args.work / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        check(not errors, f"{path.name}: {json.dumps(errors)[:2000]}")
        print(f"   {path.name}: ran")
    return 0


if __name__ == "__main__":
    sys.exit(main())
