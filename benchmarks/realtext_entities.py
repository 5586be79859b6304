"""Entities on the real-text dev set: precision, recall and F1 of ``ordos_nlp.extract``.

    python benchmarks/realtext_entities.py [--show N] [--file PATH ...]

Reads the simplified dev set (``benchmarks/realtext/entities.jsonl``, the
division-rich passages of ``benchmarks/realtext/entities_divisions.jsonl`` and
the place-rich passages of ``benchmarks/realtext/entities_places.jsonl``, scored
as one block) and ``benchmarks/realtext/entities_traditional.jsonl``
(traditional), runs
``ordos_nlp.extract`` on each passage and scores the entities it returns against
the gold: exact ``(start, end, label)``, per label (ORG, GPE, LOC, PERSON) and
micro-averaged overall, plus a line where GPE and LOC are merged into one
place label (a span found with the wrong one of the two counts there).
``--show N`` prints up to N missed and N spurious spans per file, for reading
the errors. ``--tool jieba`` scores ``jieba.posseg`` instead, for comparison: its
tags nr/nrfg/nrt are read as PERSON, ns as GPE, nt as ORG (jieba has no LOC, so
its fair line is the one with GPE and LOC merged). ``--file PATH`` (repeatable)
scores the given files instead of the two dev files, each as its own block
named after the file (the held-out set: ``--file
benchmarks/heldout/entities.jsonl``). Figures only: nothing is asserted here.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
#: the files of each dev block, scored together as one block, in order
FILES = {
    "simplified": (
        ROOT / "realtext" / "entities.jsonl",
        ROOT / "realtext" / "entities_divisions.jsonl",
        ROOT / "realtext" / "entities_places.jsonl",
    ),
    "traditional": (ROOT / "realtext" / "entities_traditional.jsonl",),
}
LABELS = ("ORG", "GPE", "LOC", "PERSON")


def read(*paths: Path) -> list[dict]:
    """The passages of the given JSONL files, in file order."""
    return [json.loads(line) for path in paths for line in path.read_text("utf-8").splitlines() if line.strip()]


def predicted(text: str) -> set[tuple[int, int, str]]:
    """The entity spans ``ordos_nlp.extract`` gives for one passage."""
    import ordos_nlp

    return {(e.start, e.end, e.label) for s in ordos_nlp.extract(text) for e in s.entities}


JIEBA_TAGS = {"nr": "PERSON", "nrfg": "PERSON", "nrt": "PERSON", "ns": "GPE", "nt": "ORG"}


def predicted_jieba(text: str) -> set[tuple[int, int, str]]:
    """The names ``jieba.posseg`` tags in one passage, as entity spans."""
    import jieba.posseg

    out, pos = set(), 0
    for pair in jieba.posseg.cut(text):
        end = pos + len(pair.word)
        if pair.flag in JIEBA_TAGS:
            out.add((pos, end, JIEBA_TAGS[pair.flag]))
        pos = end
    return out


def gold_spans(passage: dict) -> set[tuple[int, int, str]]:
    return {(e["start"], e["end"], e["label"]) for e in passage["entities"]}


def merge_places(spans: set[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """GPE and LOC read as one label, for the place line."""
    return {(s, e, "PLACE" if lab in ("GPE", "LOC") else lab) for s, e, lab in spans}


def prf(pairs: list[tuple[set, set]]) -> dict[str, dict]:
    """Per label and overall (micro) scores of exact spans over (gold, predicted) pairs."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, pred in pairs:
        for item in gold & pred:
            tp[item[2]] += 1
        for item in pred - gold:
            fp[item[2]] += 1
        for item in gold - pred:
            fn[item[2]] += 1

    def row(t: int, f_p: int, f_n: int) -> dict:
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "tp": t, "fp": f_p, "fn": f_n}

    labels = sorted(set(tp) | set(fp) | set(fn))
    out = {lab: row(tp[lab], fp[lab], fn[lab]) for lab in labels}
    out["overall"] = row(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


def report(name: str, passages: list[dict], show: int = 0, tool: str = "ordos_nlp") -> str:
    find = predicted_jieba if tool == "jieba" else predicted
    pairs = [(gold_spans(p), find(p["text"])) for p in passages]
    scores = prf(pairs)
    places = prf([(merge_places(g), merge_places(p)) for g, p in pairs])
    n_gold = sum(len(g) for g, _ in pairs)
    lines = [f"== {name} ({tool}): {len(passages)} passages, {n_gold} gold entities",
             f"{'label':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"]
    for lab in (*LABELS, "overall"):
        r = scores.get(lab, {"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "fp": 0, "fn": 0})
        lines.append(f"{lab:<16}{r['p']:>7.3f}{r['r']:>7.3f}{r['f']:>7.3f}{r['tp'] + r['fn']:>7}{r['tp'] + r['fp']:>7}")
    r = places.get("PLACE", {"p": 0.0, "r": 0.0, "f": 0.0})
    lines.append(f"{'GPE+LOC merged':<16}{r['p']:>7.3f}{r['r']:>7.3f}{r['f']:>7.3f}")
    o = places["overall"]
    lines.append(f"{'overall, merged':<16}{o['p']:>7.3f}{o['r']:>7.3f}{o['f']:>7.3f}")
    if show:
        missed, spurious = [], []
        for p, (gold, pred) in zip(passages, pairs):
            t = p["text"]
            missed += [f"  {p['id']} {lab:<6} {t[s:e]!r}" for s, e, lab in sorted(gold - pred)]
            spurious += [f"  {p['id']} {lab:<6} {t[s:e]!r}" for s, e, lab in sorted(pred - gold)]
        lines += ["-- missed", *missed[:show], "-- spurious", *spurious[:show]]
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, help="print up to N missed and N spurious spans per file")
    ap.add_argument("--tool", choices=("ordos_nlp", "jieba"), default="ordos_nlp", help="what to score")
    ap.add_argument("--file", type=Path, action="append", default=None, metavar="PATH",
                    help="score this JSONL file (same format) instead of the dev files; repeatable, one block each")
    args = ap.parse_args(argv)
    files = {str(path): (path,) for path in args.file} if args.file else FILES
    for name, paths in files.items():
        print(report(name, read(*paths), args.show, args.tool))
        print()


if __name__ == "__main__":
    main()
