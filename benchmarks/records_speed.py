"""Time of the pipeline with and without the records stage, on the seed page ×50.

Prints figures only (no assertions): seconds per run of each pipeline, best of
five interleaved runs, and the share the records stage adds.
"""

from __future__ import annotations

import time
from pathlib import Path

import ordos_nlp

SEED = (Path(__file__).resolve().parents[1] / "seeds" / "000_4a1a09de4157cfcd.txt").read_text("utf-8")
COPIES = 50


RUNS = 5


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    nlp = ordos_nlp.load()
    texts = [SEED] * COPIES
    with nlp.select_pipes(disable=["ordos_records"]):
        docs = list(nlp.pipe(texts))
    reader = nlp.get_pipe("ordos_records")
    times: dict[str, list[float]] = {"with": [], "without": [], "stage": []}
    for _ in range(RUNS):  # interleaved, so that a busy moment of the machine hits all three
        times["with"].append(timed(lambda: list(nlp.pipe(texts))))
        with nlp.select_pipes(disable=["ordos_records"]):
            times["without"].append(timed(lambda: list(nlp.pipe(texts))))
        times["stage"].append(timed(lambda: [reader(d) for d in docs]))
    with_records, without, stage = (min(times[k]) for k in ("with", "without", "stage"))
    print(f"seed page x{COPIES} ({len(SEED) * COPIES:,} characters)")
    print(f"  pipeline without records: {without:.2f} s")
    print(f"  pipeline with records:    {with_records:.2f} s  (+{100 * (with_records - without) / without:.1f}%)")
    print(f"  records stage alone:      {stage:.2f} s  ({100 * stage / without:.1f}% of the rest)")


if __name__ == "__main__":
    main()
