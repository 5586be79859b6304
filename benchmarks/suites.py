"""Score the library on the public conformance suites (numbers.jsonl, quantities.jsonl).

    python benchmarks/suites.py [--shared PATH]

PATH is the suites folder (or a folder holding ``data/suites``); without it,
``$ORDOS_SUITES``, then ``../shared/data/suites`` next to the repository root.
Prints figures only; nothing is asserted. The scoring rules are those of the
suite README:

* numbers: one ``parse_number(text)`` per row; ``value: null`` means None is
  expected; for rows with unit ``%``/``个百分点``, value/100 is also accepted.
* quantities: one ``ordos_nlp.extract(text)`` per case. A gold quantity is
  matched by a prediction whose span overlaps it and whose value (or, for a
  range, low and high) and unit are exactly equal, in the source's reading with
  ``facts`` applied over it, or in one of its ``alts``. ``facts_excluded`` gold
  is not scored and predictions overlapping it are ignored. An unmatched
  prediction counts against precision only when its kind is in the case's
  ``complete_for`` (``["*"]``: every kind).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PERCENT_UNITS = ("%", "个百分点")
QUANTITY_FIELDS = ("value", "unit", "kind", "qualifier", "low", "high", "currency")


# --------------------------------------------------------------------------- values


def exact(value: Any) -> Optional[Fraction]:
    """A suite value (``"3.5"``, ``"1/3"``, None) or a predicted one (int, Decimal,
    Fraction) as a Fraction; None when absent or not an exact number (a float
    prediction is compared through its binary value, so ``0.1`` never equals "0.1")."""
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if "/" in text:
                num, den = text.split("/", 1)
                return Fraction(int(num), int(den))
            return Fraction(Decimal(text))
        except (ValueError, ArithmeticError):
            return None
    try:
        return Fraction(value)
    except (TypeError, ValueError, ArithmeticError):
        return None


def show(value: Any) -> str:
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else str(value.numerator)
    if isinstance(value, Decimal):
        return format(value, "f")
    return repr(value) if isinstance(value, (float, str)) else str(value)


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


# --------------------------------------------------------------------------- numbers


def number_matches(got: Any, row: dict) -> bool:
    want = exact(row.get("value"))
    if row.get("value") is None:
        return got is None
    if got is None or isinstance(got, float):
        return False
    have = exact(got)
    if have is None:
        return False
    if have == want:
        return True
    return row.get("unit") in PERCENT_UNITS and have == want / 100


def score_numbers(rows: Iterable[dict], parse: Optional[Callable[[str], Any]] = None) -> dict:
    """Accuracy of ``parse`` (default ``ordos_nlp.numerals.parse_number``) on numbers.jsonl rows.

    Returns ``{"total", "correct", "accuracy", "errors", "wrong_non_none",
    "per_source": {source: {"correct", "total", "accuracy"}}, "per_tag": {...},
    "wrong": [{"source", "id", "text", "expected", "got"}]}``.
    """
    if parse is None:
        from ordos_nlp.numerals import parse_number as parse
    total = correct = errors = wrong_non_none = 0
    per_source: dict[str, Counter] = defaultdict(Counter)
    per_tag: dict[str, Counter] = defaultdict(Counter)
    wrong = []
    for row in rows:
        total += 1
        try:
            got = parse(row["text"])
            error = None
        except Exception as exc:  # a crash is a wrong answer, counted apart
            got, error = None, f"{type(exc).__name__}: {exc}"
            errors += 1
        ok = error is None and number_matches(got, row)
        correct += ok
        groups = [per_source[row.get("source", "?")]] + [per_tag[t] for t in row.get("tags", [])]
        for group in groups:
            group["total"] += 1
            group["correct"] += ok
        if not ok:
            if got is not None:
                wrong_non_none += 1
            wrong.append(
                {
                    "source": row.get("source"),
                    "id": row.get("id"),
                    "text": row["text"],
                    "expected": row.get("value"),
                    "unit": row.get("unit"),
                    "got": error or (None if got is None else show(got)),
                }
            )

    def table(groups: dict[str, Counter]) -> dict[str, dict]:
        return {
            key: {"correct": c["correct"], "total": c["total"], "accuracy": _ratio(c["correct"], c["total"])}
            for key, c in sorted(groups.items())
        }

    return {
        "total": total,
        "correct": correct,
        "accuracy": _ratio(correct, total),
        "errors": errors,
        "wrong_non_none": wrong_non_none,
        "per_source": table(per_source),
        "per_tag": table(per_tag),
        "wrong": wrong,
    }


# --------------------------------------------------------------------------- quantities


def _get(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def predicted_quantities(result: Any) -> list:
    """The quantities of an ``extract`` result: a list of sentences with
    ``.quantities`` (or, for test predictors, a flat list of quantities)."""
    out = []
    for item in result or ():
        quantities = _get(item, "quantities")
        if quantities is not None and _get(item, "value") is None and _get(item, "unit") is None:
            out.extend(quantities)
        else:
            out.append(item)
    return out


def gold_readings(gold: dict) -> list[dict]:
    """The accepted readings of a gold quantity: the source's with ``facts``
    applied over it, then each of ``alts`` applied over that."""
    base = {key: gold.get(key) for key in QUANTITY_FIELDS}
    base.update(gold.get("facts") or {})
    readings = [base]
    for alt in gold.get("alts") or ():
        reading = dict(base)
        reading.update(alt)
        readings.append(reading)
    return readings


def reading_matches(pred: Any, reading: dict) -> bool:
    unit = _get(pred, "unit")
    if unit != reading.get("unit"):
        return False
    percent = unit in PERCENT_UNITS

    def same(have: Any, want: Any) -> bool:
        have_x, want_x = exact(have), exact(want)
        if have is None or want_x is None or isinstance(have, float) or have_x is None:
            return False
        return have_x == want_x or (percent and have_x == want_x / 100)

    if reading.get("value") is not None:
        return same(_get(pred, "value"), reading["value"])
    if reading.get("low") is None and reading.get("high") is None:
        return False
    for bound in ("low", "high"):
        want = reading.get(bound)
        have = _get(pred, bound)
        if want is None:
            if have is not None:
                return False
        elif not same(have, want):
            return False
    return True


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _describe_pred(pred: Any) -> dict:
    return {
        "text": _get(pred, "text"),
        "start": _get(pred, "start"),
        "end": _get(pred, "end"),
        "value": show(_get(pred, "value")) if _get(pred, "value") is not None else None,
        "low": show(_get(pred, "low")) if _get(pred, "low") is not None else None,
        "high": show(_get(pred, "high")) if _get(pred, "high") is not None else None,
        "unit": _get(pred, "unit"),
        "kind": _get(pred, "kind"),
    }


def score_quantities(cases: Iterable[dict], extract_fn: Callable[[str], Any]) -> dict:
    """Precision/recall/F1 of ``extract_fn`` on quantities.jsonl cases.

    Returns ``{"cases", "errors", "gold", "excluded", "tp", "fp", "fn",
    "precision", "recall", "f1", "qualifier_agree", "per_kind": {kind: {"tp",
    "fp", "fn", "precision", "recall", "f1"}}, "per_source": {...},
    "misses": [...], "false_positives": [...], "error_cases": [...]}``.
    A case whose ``extract_fn`` raises counts as an error: its gold are misses.
    """
    tp = fp = fn = excluded = n_cases = qualifier_agree = 0
    per_kind: dict[str, Counter] = defaultdict(Counter)
    per_source: dict[str, Counter] = defaultdict(Counter)
    misses, false_positives, error_cases = [], [], []

    for case in cases:
        n_cases += 1
        text = case["text"]
        source = case.get("source", "?")
        scored = [q for q in case.get("quantities", ()) if not q.get("facts_excluded")]
        excluded_spans = [(q["start"], q["end"]) for q in case.get("quantities", ()) if q.get("facts_excluded")]
        excluded += len(case.get("quantities", ())) - len(scored)
        try:
            preds = predicted_quantities(extract_fn(text))
        except Exception as exc:
            error_cases.append({"id": case.get("id"), "text": text, "error": f"{type(exc).__name__}: {exc}"})
            preds = None
        if preds is None:
            for gold in scored:
                fn += 1
                per_kind[str(gold_readings(gold)[0].get("kind"))]["fn"] += 1
                per_source[source]["fn"] += 1
                misses.append(_miss(case, gold, "extract raised"))
            continue

        used: set[int] = set()
        for gold in scored:
            readings = gold_readings(gold)
            kind = str(readings[0].get("kind"))
            hit = None
            for i, pred in enumerate(preds):
                if i in used:
                    continue
                start, end = _get(pred, "start"), _get(pred, "end")
                if start is None or end is None or not overlaps(start, end, gold["start"], gold["end"]):
                    continue
                if any(reading_matches(pred, r) for r in readings):
                    hit = i
                    break
            if hit is None:
                fn += 1
                per_kind[kind]["fn"] += 1
                per_source[source]["fn"] += 1
                near = [
                    _describe_pred(p)
                    for i, p in enumerate(preds)
                    if i not in used and _overlaps_gold(p, gold)
                ]
                misses.append(_miss(case, gold, "no match", near))
            else:
                used.add(hit)
                tp += 1
                per_kind[kind]["tp"] += 1
                per_source[source]["tp"] += 1
                if _get(preds[hit], "qualifier") == readings[0].get("qualifier"):
                    qualifier_agree += 1

        complete = set(case.get("complete_for") or ())
        for i, pred in enumerate(preds):
            if i in used:
                continue
            start, end = _get(pred, "start"), _get(pred, "end")
            if start is not None and end is not None and any(
                overlaps(start, end, s, e) for s, e in excluded_spans
            ):
                continue  # overlaps a facts_excluded gold: ignored
            kind = _get(pred, "kind")
            if "*" not in complete and kind not in complete:
                continue  # gold not complete for this kind: neither rewarded nor penalised
            fp += 1
            per_kind[str(kind)]["fp"] += 1
            per_source[source]["fp"] += 1
            false_positives.append({"id": case.get("id"), "text": text, "pred": _describe_pred(pred)})

    def prf(c: Counter) -> dict:
        p = _ratio(c["tp"], c["tp"] + c["fp"])
        r = _ratio(c["tp"], c["tp"] + c["fn"])
        f = _ratio(2 * p * r, p + r) if p + r else 0.0
        return {"tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "precision": p, "recall": r, "f1": f}

    overall = prf(Counter(tp=tp, fp=fp, fn=fn))
    return {
        "cases": n_cases,
        "errors": len(error_cases),
        "gold": tp + fn,
        "excluded": excluded,
        **overall,
        "qualifier_agree": qualifier_agree,
        "per_kind": {k: prf(c) for k, c in sorted(per_kind.items())},
        "per_source": {k: prf(c) for k, c in sorted(per_source.items())},
        "misses": misses,
        "false_positives": false_positives,
        "error_cases": error_cases,
    }


def _overlaps_gold(pred: Any, gold: dict) -> bool:
    start, end = _get(pred, "start"), _get(pred, "end")
    return start is not None and end is not None and overlaps(start, end, gold["start"], gold["end"])


def _miss(case: dict, gold: dict, why: str, near: Optional[list] = None) -> dict:
    reading = gold_readings(gold)[0]
    return {
        "id": case.get("id"),
        "text": case["text"],
        "gold": {"text": gold.get("text"), "start": gold.get("start"), "end": gold.get("end"), **reading},
        "why": why,
        "near": near or [],
    }


# --------------------------------------------------------------------------- files and printing


def find_suites(arg: Optional[str] = None) -> Path:
    raw = arg or os.environ.get("ORDOS_SUITES") or str(REPO.parent / "shared" / "data" / "suites")
    path = Path(raw)
    if (path / "data" / "suites").is_dir():
        path = path / "data" / "suites"
    return path


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def print_numbers(result: dict, limit: int = 30) -> None:
    print(f"== parse_number on numbers.jsonl: {result['correct']}/{result['total']} = {_pct(result['accuracy'])}"
          f"  (errors {result['errors']}, wrong non-None answers {result['wrong_non_none']})")
    for title, table in (("source", result["per_source"]), ("tag", result["per_tag"])):
        print(f"-- per {title}")
        for key, c in table.items():
            print(f"   {key:28s} {c['correct']:4d}/{c['total']:<4d} {_pct(c['accuracy'])}")
    wrong = result["wrong"]
    print(f"-- wrong answers ({len(wrong)}; first {min(limit, len(wrong))})")
    for w in wrong[:limit]:
        unit = f" {w['unit']}" if w.get("unit") else ""
        print(f"   [{w['source']}] {w['text']!r}: expected {w['expected']}{unit}, got {w['got']}")


def print_quantities(result: dict, limit: int = 40) -> None:
    print(
        f"== extract on quantities.jsonl: {result['cases']} cases, {result['gold']} scored gold "
        f"({result['excluded']} excluded), errors {result['errors']}"
    )
    print(
        f"   P {_pct(result['precision'])}  R {_pct(result['recall'])}  F1 {_pct(result['f1'])}"
        f"  (tp {result['tp']}, fp {result['fp']}, fn {result['fn']}; "
        f"qualifier agrees on {result['qualifier_agree']}/{result['tp']} matches)"
    )
    for title, table in (("kind", result["per_kind"]), ("source", result["per_source"])):
        print(f"-- per {title}")
        for key, c in table.items():
            print(
                f"   {key:28s} tp {c['tp']:3d} fp {c['fp']:3d} fn {c['fn']:3d}"
                f"  P {_pct(c['precision'])} R {_pct(c['recall'])} F1 {_pct(c['f1'])}"
            )
    if result["error_cases"]:
        print(f"-- extract raised on {len(result['error_cases'])} cases (first {min(limit, len(result['error_cases']))})")
        for e in result["error_cases"][:limit]:
            print(f"   {e['id']}: {e['error'][:160]}")
    print(f"-- misses ({len(result['misses'])}; first {min(limit, len(result['misses']))})")
    for m in result["misses"][:limit]:
        g = m["gold"]
        want = g["value"] if g["value"] is not None else f"{g['low']}~{g['high']}"
        near = "; ".join(f"{p['text']!r}={p['value'] or (str(p['low']) + '~' + str(p['high']))} {p['unit']}" for p in m["near"])
        print(f"   {m['id']} {g['text']!r} want {want} {g['unit']} ({g['kind']}) in {m['text'][:50]!r}"
              + (f"  got {near}" if near else f"  [{m['why']}]"))
    fps = result["false_positives"]
    print(f"-- false positives ({len(fps)}; first {min(limit, len(fps))})")
    for f in fps[:limit]:
        p = f["pred"]
        print(f"   {f['id']} {p['text']!r} = {p['value']} {p['unit']} ({p['kind']}) in {f['text'][:50]!r}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", metavar="PATH", help="the suites folder (default: $ORDOS_SUITES or ../shared/data/suites)")
    args = parser.parse_args(argv)
    folder = find_suites(args.shared)
    numbers, quantities = folder / "numbers.jsonl", folder / "quantities.jsonl"
    if not numbers.is_file() and not quantities.is_file():
        print(f"No conformance suites found at {folder}; nothing to score (pass --shared PATH or set ORDOS_SUITES).")
        return 0
    if numbers.is_file():
        print_numbers(score_numbers(read_jsonl(numbers)))
        print()
    if quantities.is_file():
        try:
            from ordos_nlp import extract
        except Exception as exc:  # the pipeline may not be assembled yet
            print(f"== extract on quantities.jsonl: skipped, ordos_nlp.extract is not importable ({type(exc).__name__}: {exc})")
        else:
            print_quantities(score_quantities(read_jsonl(quantities), extract))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into head
        sys.stderr.close()
        sys.exit(0)
