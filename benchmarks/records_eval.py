"""Statistical records against their gold: the seed page and the real passages.

``make records`` runs ``ordos_nlp.extract_records`` over the seed page
(tests/gold/seed_records.json) and over benchmarks/realtext/records.jsonl
(another set with ``--passages PATH``, the seed page left out with ``--no-seed``) and
prints, for each set apart, record precision/recall/F1 and, among matched
records, the accuracy of metric, change, place, period, status and of all fields
together.

Matching (RECORDS.md): a gold record with a value is matched by its value,
first by the same span, then by the same exact number and unit; a gold record
without a value is matched by its change the same way, against predicted
records without a value. Each predicted record is used once.

Field checks, among matched pairs:
- metric: the same name, or the same span (a name completed from context, such
  as 数量 → 水鸟数量, is right either way);
- change: amount (exact number and unit), direction and basis all equal, or no
  change on either side;
- place: the same adcode (the same name where the gold has no adcode), or no
  place on either side;
- period: value and mod equal;
- status: equal;
- all: value, metric, change, place, period, subject and status together.

The comparison functions are pure (dicts in, numbers out) and unit-tested in
tests/test_records_gold.py.
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
SEED_GOLD = ROOT / "tests" / "gold" / "seed_records.json"
PASSAGES = ROOT / "benchmarks" / "realtext" / "records.jsonl"
FIELDS = ("metric", "change", "place", "period", "status", "all")


# --------------------------------------------------------------------------- numbers

def exact_number(value) -> Optional[Fraction]:
    """An exact number from a value as records carry it ("3.5", "1/3", 7, Decimal); None if absent."""
    if value is None:
        return None
    try:
        return Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return None


def _same_amount(a: Optional[dict], b: Optional[dict]) -> bool:
    """Two quantities (Quantity.to_dict() shape) state the same amount: exact number and unit."""
    if a is None or b is None:
        return a is b
    return exact_number(a.get("value")) == exact_number(b.get("value")) and (a.get("unit") or "") == (
        b.get("unit") or ""
    )


def _span(q: Optional[dict]) -> Optional[tuple]:
    return None if q is None else (q.get("start"), q.get("end"))


# --------------------------------------------------------------------------- matching

def match_records(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index), each record used at most once.

    Records with a value are matched by the value's span, then by its exact
    number and unit (the nearest one first); records without a value by their
    change, against predicted records without a value.
    """
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()

    def keyed(record: dict) -> tuple[str, Optional[dict]]:
        if record.get("value") is not None:
            return "value", record["value"]
        return "change", record.get("change")

    def run(same) -> None:
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            gkind, gq = keyed(g)
            if gq is None:
                continue
            best = None
            for pi, p in enumerate(pred):
                if pi in used_p:
                    continue
                pkind, pq = keyed(p)
                if pkind != gkind or pq is None or not same(gq, pq):
                    continue
                distance = abs((pq.get("start") or 0) - (gq.get("start") or 0))
                if best is None or distance < best[0]:
                    best = (distance, pi)
            if best is not None:
                pairs.append((gi, best[1]))
                used_g.add(gi)
                used_p.add(best[1])

    run(lambda a, b: _span(a) == _span(b))
    run(_same_amount)
    return sorted(pairs)


# --------------------------------------------------------------------------- fields

def _norm_name(name: Optional[str]) -> str:
    return "".join(ch for ch in (name or "") if ch not in " \n\t“”\"'‘’")


def metric_ok(g: dict, p: dict) -> bool:
    gm, pm = g.get("metric") or {}, p.get("metric") or {}
    if _norm_name(gm.get("name")) and _norm_name(gm.get("name")) == _norm_name(pm.get("name")):
        return True
    return gm.get("start") is not None and (gm.get("start"), gm.get("end")) == (pm.get("start"), pm.get("end"))


def change_ok(g: dict, p: dict) -> bool:
    gc, pc = g.get("change"), p.get("change")
    if gc is None or pc is None:
        return gc is None and pc is None
    return (
        _same_amount(gc, pc)
        and gc.get("direction") == pc.get("direction")
        and gc.get("basis") == pc.get("basis")
    )


def place_ok(g: dict, p: dict) -> bool:
    gp, pp = g.get("place"), p.get("place")
    if gp is None or pp is None:
        return gp is None and pp is None
    if gp.get("adcode"):
        return gp.get("adcode") == pp.get("adcode")
    return gp.get("name") == pp.get("name")


def period_ok(g: dict, p: dict) -> bool:
    gp, pp = g.get("period"), p.get("period")
    if gp is None or pp is None:
        return gp is None and pp is None
    return gp.get("value") == pp.get("value") and gp.get("mod") == pp.get("mod")


def status_ok(g: dict, p: dict) -> bool:
    return (g.get("status") or "actual") == (p.get("status") or "actual")


def subject_ok(g: dict, p: dict) -> bool:
    gs, ps = g.get("subject"), p.get("subject")
    if gs is None or ps is None:
        return gs is None and ps is None
    return (gs.get("start"), gs.get("end")) == (ps.get("start"), ps.get("end"))


def all_ok(g: dict, p: dict) -> bool:
    return (
        _same_amount(g.get("value"), p.get("value"))
        and metric_ok(g, p)
        and change_ok(g, p)
        and place_ok(g, p)
        and period_ok(g, p)
        and subject_ok(g, p)
        and status_ok(g, p)
    )


CHECKS = {
    "metric": metric_ok,
    "change": change_ok,
    "place": place_ok,
    "period": period_ok,
    "status": status_ok,
    "all": all_ok,
}


# --------------------------------------------------------------------------- scoring

def score(pairs_of_lists: list[tuple[list[dict], list[dict]]]) -> dict:
    """Counts and rates over several (gold records, predicted records) documents."""
    n_gold = n_pred = n_match = 0
    right = {f: 0 for f in FIELDS}
    for gold, pred in pairs_of_lists:
        pairs = match_records(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        n_match += len(pairs)
        for gi, pi in pairs:
            for f, check in CHECKS.items():
                right[f] += check(gold[gi], pred[pi])
    precision = n_match / n_pred if n_pred else 0.0
    recall = n_match / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    acc = {f: (right[f] / n_match if n_match else 0.0) for f in FIELDS}
    return {"gold": n_gold, "pred": n_pred, "matched": n_match,
            "precision": precision, "recall": recall, "f1": f1, "accuracy": acc}


def format_score(title: str, s: dict) -> str:
    acc = "  ".join(f"{f} {s['accuracy'][f]:.3f}" for f in FIELDS)
    return (f"{title}: gold {s['gold']}  predicted {s['pred']}  matched {s['matched']}\n"
            f"  records  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}\n"
            f"  among matched: {acc}")


# --------------------------------------------------------------------------- data

def load_seed(path: Path = SEED_GOLD) -> dict:
    with open(path, encoding="utf-8") as f:
        gold = json.load(f)
    gold["text"] = (ROOT / gold["document"]).read_text(encoding="utf-8")
    return gold


def load_passages(path: Path = PASSAGES) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _date(value: Optional[str]) -> Optional[datetime.date]:
    return None if not value else datetime.date.fromisoformat(value)


def predict(extract_records, doc: dict) -> list[dict]:
    records = extract_records(doc["text"], doc_date=_date(doc.get("doc_date")),
                              doc_place=doc.get("doc_place"), doc_period=doc.get("doc_period"))
    return [r.to_dict() if hasattr(r, "to_dict") else r for r in records]


def _misses(name: str, gold: list[dict], pred: list[dict], limit: int) -> list[str]:
    pairs = match_records(gold, pred)
    lines = []
    matched_g = {g for g, _ in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            q = g.get("value") or g.get("change") or {}
            lines.append(f"  {name} missed: {g['metric']['name']} {q.get('text')!r} @{q.get('start')}")
    for gi, pi in pairs:
        wrong = [f for f, check in CHECKS.items() if f != "all" and not check(gold[gi], pred[pi])]
        if wrong:
            lines.append(f"  {name} {gold[gi]['metric']['name']}: wrong {', '.join(wrong)}")
    return lines[:limit]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=Path, default=SEED_GOLD)
    parser.add_argument("--passages", type=Path, default=PASSAGES)
    parser.add_argument("--no-seed", action="store_true",
                        help="score the passages only (a held-out set: --passages benchmarks/heldout/records.jsonl)")
    parser.add_argument("--show", type=int, default=0, help="print up to N misses and wrong fields per set")
    args = parser.parse_args(argv)

    try:
        import ordos_nlp
    except ImportError as exc:  # the package itself is missing
        print(f"records_eval: cannot import ordos_nlp ({exc})", file=sys.stderr)
        return 2
    extract_records = getattr(ordos_nlp, "extract_records", None)
    if extract_records is None:
        print("records_eval: ordos_nlp.extract_records is not available in this version of the "
              "package; nothing to measure.", file=sys.stderr)
        return 2

    if not args.no_seed:
        seed = load_seed(args.seed)
        seed_pred = predict(extract_records, seed)
        print(format_score("seed page", score([(seed["records"], seed_pred)])))
        if args.show:
            print("\n".join(_misses("seed", seed["records"], seed_pred, args.show)))

    passages = load_passages(args.passages)
    runs = [(p, predict(extract_records, p)) for p in passages]
    print(format_score(f"real passages ({len(passages)})", score([(p["records"], pr) for p, pr in runs])))
    for genre in sorted({p["genre"] for p in passages}):
        part = [(p["records"], pr) for p, pr in runs if p["genre"] == genre]
        print(format_score(f"  {genre} ({len(part)})", score(part)))
    if args.show:
        lines = []
        for p, pr in runs:
            lines += _misses(p["id"], p["records"], pr, args.show)
        print("\n".join(lines[: args.show]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
