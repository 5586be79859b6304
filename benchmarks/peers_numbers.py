"""cn2an beside ordos_nlp on the numerals of the public suites, for the accuracy page.

    python benchmarks/peers_numbers.py [--suites PATH]

Reads ``numbers.jsonl`` of the suites folder (default ``../shared/data/suites``)
and reads each row's text with ``ordos_nlp.parse_number`` and with
``cn2an.cn2an(text, "smart")``; a row counts when the number is exactly the
suite's value (a percentage also counts as value/100, as in ``suites.py``). A
reader that raises or returns nothing for a row with a value has missed it.
Figures only: nothing is asserted here.
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _exact(v):
    if v is None:
        return None
    try:
        return Fraction(str(v))
    except (ValueError, ZeroDivisionError):
        return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--suites", default=str(ROOT.parent / "shared" / "data" / "suites"))
    args = ap.parse_args(argv)
    path = Path(args.suites) / "numbers.jsonl"
    if not path.is_file():
        print(f"no suites at {args.suites}: numbers.jsonl is needed (pass --suites PATH)", file=sys.stderr)
        return 2
    import cn2an

    import ordos_nlp

    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    readers = {"ordos_nlp.parse_number": ordos_nlp.parse_number, "cn2an.cn2an(smart)": lambda t: cn2an.cn2an(t, "smart")}
    for name, read in readers.items():
        right = 0
        for r in rows:
            want = _exact(r["value"])
            try:
                got = _exact(read(r["text"]))
            except Exception:  # a peer that cannot read a row has missed it
                got = None
            if got == want or (want is not None and got is not None and got / 100 == want):
                right += 1
        print(f"{name:<26}{right:>5}/{len(rows)}  {right / len(rows):6.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
