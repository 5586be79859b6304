"""Time of the pipeline with and without the records stage, on the seed page ×50.

Prints figures only (no assertions): seconds per run of each pipeline, best of
three, and the share the records stage adds.
"""

from __future__ import annotations

import time
from pathlib import Path

import ordos_nlp

SEED = (Path(__file__).resolve().parents[1] / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")
COPIES = 50


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    nlp = ordos_nlp.load()
    texts = [SEED] * COPIES
    with_records = best_of(lambda: list(nlp.pipe(texts)))
    with nlp.select_pipes(disable=["ordos_records"]):
        without = best_of(lambda: list(nlp.pipe(texts)))
    docs = [nlp.make_doc(t) for t in texts]
    with nlp.select_pipes(disable=["ordos_records"]):
        docs = list(nlp.pipe(docs))
    stage = best_of(lambda: [nlp.get_pipe("ordos_records")(d) for d in docs])
    print(f"seed page x{COPIES} ({len(SEED) * COPIES:,} characters)")
    print(f"  pipeline without records: {without:.2f} s")
    print(f"  pipeline with records:    {with_records:.2f} s  (+{100 * (with_records - without) / without:.1f}%)")
    print(f"  records stage alone:      {stage:.2f} s  ({100 * stage / without:.1f}% of the rest)")


if __name__ == "__main__":
    main()
