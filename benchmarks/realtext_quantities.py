"""Score quantities and dates of ordos_nlp.extract() on real news and communiqué passages.

    python benchmarks/realtext_quantities.py [--gold PATH] [--show N]

The gold is ``benchmarks/realtext/quantities_dates.jsonl`` (one passage a line,
conventions in ``benchmarks/realtext/README_quantities_dates.md``). Each passage
is run through ``ordos_nlp.extract(text, doc_date=...)`` with its ``doc_date``
when it has one. Prints figures only; nothing is asserted.

Matching is exact:

* quantities: same span (start, end) and same value and unit. For a range or a
  vague numeral (gold ``low``/``high`` set) low and high must both be equal;
  otherwise the value. Values compare as exact rationals; units compare after
  mapping symbol spellings to one name (``km`` = ``公里``, ``千瓦小时`` = ``千瓦时``).
  A prediction on a gold span whose number differs is a *silently wrong
  number*: counted and listed apart, because a researcher cannot see it. So is
  a prediction on part of a gold span that reads another number (``-11℃`` for
  ``-16~-11℃``), and, apart again, one on part of a gold span that keeps the
  number but loses the rest of the unit (``25微克`` MASS for ``25微克/立方米``).
* dates: same span and same value (``value_with_doc_date`` where the gold has
  one and the passage has a ``doc_date``). A date on part of a gold span with
  another value (``10月`` for ``1-10月``) is listed apart as well.
"""
from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_PATH = ROOT / "benchmarks" / "realtext" / "quantities_dates.jsonl"

# one name per unit: symbol spellings and synonyms map to the name the gold uses
UNIT_NAMES = {
    "km": "公里", "m": "米", "mm": "毫米", "cm": "厘米", "t": "吨", "kg": "千克",
    "h": "小时", "°C": "℃", "千瓦小时": "千瓦时", "m/s": "米/秒", "km/h": "公里/小时",
}


def load_gold(path: Path | str = GOLD_PATH) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def exact(value) -> Fraction | None:
    """An exact rational for a decimal string, an int, a Decimal or ``"a/b"``; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, Fraction):
        return value
    text = str(value)
    try:
        return Fraction(text) if "/" in text else Fraction(Decimal(text))
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return None


def unit_name(unit: str | None) -> str:
    unit = unit or ""
    if "/" in unit:
        num, _, den = unit.partition("/")
        joined = f"{UNIT_NAMES.get(num, num)}/{UNIT_NAMES.get(den, den)}"
        return UNIT_NAMES.get(unit, joined)
    return UNIT_NAMES.get(unit, unit)


def same_number(gold: dict, pred: dict) -> bool:
    if gold.get("low") is not None or gold.get("high") is not None:
        return exact(pred.get("low")) == exact(gold.get("low")) and exact(pred.get("high")) == exact(gold.get("high"))
    return exact(pred.get("value")) == exact(gold.get("value"))


def gold_date_value(item: dict, doc_date: str | None) -> str:
    if doc_date and item.get("value_with_doc_date"):
        return item["value_with_doc_date"]
    return item["value"]


def predict(passage: dict):
    import ordos_nlp

    doc_date = passage.get("doc_date")
    kwargs = {"doc_date": datetime.date.fromisoformat(doc_date)} if doc_date else {}
    sentences = ordos_nlp.extract(passage["text"], **kwargs)
    quantities = [q.to_dict() for s in sentences for q in s.quantities]
    dates = [d.to_dict() for s in sentences for d in s.dates]
    return quantities, dates


def score(gold: list[dict]) -> dict:
    counts = Counter()
    wrong_numbers, wrong_units, q_misses, q_extra, d_misses, d_extra = [], [], [], [], [], []
    partial_wrong_numbers, partial_wrong_units, d_partial = [], [], []
    for passage in gold:
        pid, doc_date = passage["id"], passage.get("doc_date")
        pred_q, pred_d = predict(passage)
        gold_q = {(g["start"], g["end"]): g for g in passage["quantities"]}
        matched = set()
        for p in pred_q:
            key = (p["start"], p["end"])
            g = gold_q.get(key)
            counts["q_pred"] += 1
            if g is None:
                q_extra.append((pid, p))
                overlapping = [o for o in passage["quantities"] if o["start"] < p["end"] and p["start"] < o["end"]]
                if overlapping and not any(same_number(o, p) for o in overlapping):
                    counts["q_partial_wrong_number"] += 1
                    partial_wrong_numbers.append((pid, overlapping[0], p))
                elif overlapping:
                    counts["q_partial_wrong_unit"] += 1
                    partial_wrong_units.append((pid, overlapping[0], p))
                continue
            matched.add(key)
            if not same_number(g, p):
                counts["q_wrong_number"] += 1
                wrong_numbers.append((pid, g, p))
            elif unit_name(g["unit"]) != unit_name(p.get("unit")):
                counts["q_wrong_unit"] += 1
                wrong_units.append((pid, g, p))
            else:
                counts["q_tp"] += 1
        counts["q_gold"] += len(gold_q)
        q_misses += [(pid, g) for key, g in gold_q.items() if key not in matched]

        gold_d = {(g["start"], g["end"]): g for g in passage["dates"]}
        seen = set()
        for p in pred_d:
            key = (p["start"], p["end"])
            counts["d_pred"] += 1
            g = gold_d.get(key)
            if g is None:
                d_extra.append((pid, p))
                inside = [o for o in passage["dates"] if o["start"] < p["end"] and p["start"] < o["end"]]
                if inside and all(str(p.get("value")) != gold_date_value(o, doc_date) for o in inside):
                    counts["d_partial_wrong_value"] += 1
                    d_partial.append((pid, inside[0], p))
                continue
            seen.add(key)
            if str(p.get("value")) == gold_date_value(g, doc_date):
                counts["d_tp"] += 1
            else:
                d_misses.append((pid, g, p))
        counts["d_gold"] += len(gold_d)
        d_misses += [(pid, g, None) for key, g in gold_d.items() if key not in seen]
    return dict(counts=counts, wrong_numbers=wrong_numbers, wrong_units=wrong_units,
                partial_wrong_numbers=partial_wrong_numbers, partial_wrong_units=partial_wrong_units,
                q_misses=q_misses, q_extra=q_extra, d_misses=d_misses, d_extra=d_extra, d_partial=d_partial)


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _number(q: dict) -> str:
    if q.get("low") is not None or q.get("high") is not None:
        return f"{q.get('low')}..{q.get('high')}"
    return str(q.get("value"))


def report(result: dict, show: int = 20) -> str:
    c = result["counts"]
    qp, qr, qf = prf(c["q_tp"], c["q_pred"], c["q_gold"])
    dp, dr, df = prf(c["d_tp"], c["d_pred"], c["d_gold"])
    lines = [
        f"quantities  P {qp:.3f}  R {qr:.3f}  F1 {qf:.3f}   (tp {c['q_tp']}, predicted {c['q_pred']}, gold {c['q_gold']})",
        f"  same span, WRONG number (silently wrong): {c['q_wrong_number']}",
        f"  same span and number, other unit:          {c['q_wrong_unit']}",
        f"  part of a gold span, WRONG number:          {c['q_partial_wrong_number']}",
        f"  part of a gold span, same number, span or unit differs: {c['q_partial_wrong_unit']}",
        f"dates       P {dp:.3f}  R {dr:.3f}  F1 {df:.3f}   (tp {c['d_tp']}, predicted {c['d_pred']}, gold {c['d_gold']})",
        f"  part of a gold date span, other value:      {c['d_partial_wrong_value']}",
        "",
        "silently wrong numbers:",
    ]
    for pid, g, p in result["wrong_numbers"]:
        lines.append(f"  {pid} {g['text']!r}: gold {_number(g)} {g['unit']}, got {_number(p)} {p.get('unit')}")
    lines.append("other unit on the right number:")
    for pid, g, p in result["wrong_units"]:
        lines.append(f"  {pid} {g['text']!r}: gold {g['unit']}, got {p.get('unit')}")
    lines.append("part of a gold span read as another number:")
    for pid, g, p in result["partial_wrong_numbers"]:
        lines.append(f"  {pid} {p['text']!r} in {g['text']!r}: gold {_number(g)} {g['unit']}, got {_number(p)} {p.get('unit')}")
    lines.append(f"part of a gold span, same number, span or unit differs ({len(result['partial_wrong_units'])}, first {show}):")
    for pid, g, p in result["partial_wrong_units"][:show]:
        lines.append(f"  {pid} {p['text']!r} in {g['text']!r}: gold {g['unit']} {g['kind']}, got {p.get('unit')} {p.get('kind')}")
    for title, rows in (("quantity misses", result["q_misses"]), ("quantity false positives", result["q_extra"])):
        lines.append(f"{title} ({len(rows)}, first {show}):")
        lines += [f"  {pid} {q['text']!r} {_number(q)} {q.get('unit')} {q.get('kind')}" for pid, q in rows[:show]]
    lines.append(f"date misses ({len(result['d_misses'])}, first {show}):")
    for pid, g, p in result["d_misses"][:show]:
        got = f"got {p.get('value')}" if p else "not found"
        lines.append(f"  {pid} {g['text']!r} {g['value']} ({got})")
    lines.append("part of a gold date span read as another value:")
    for pid, g, p in result["d_partial"]:
        lines.append(f"  {pid} {p['text']!r} in {g['text']!r}: gold {gold_date_value(g, None)}, got {p.get('value')}")
    lines.append(f"date false positives ({len(result['d_extra'])}, first {show}):")
    lines += [f"  {pid} {d['text']!r} {d.get('value')}" for pid, d in result["d_extra"][:show]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(GOLD_PATH))
    parser.add_argument("--show", type=int, default=20, help="rows listed per error class")
    args = parser.parse_args(argv)
    gold = load_gold(args.gold)
    genres = Counter(p["genre"] for p in gold)
    print(f"{len(gold)} passages ({', '.join(f'{k} {v}' for k, v in sorted(genres.items()))})")
    print(report(score(gold), show=args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
