"""The seed page against its gold: entities, quantities and dates, P/R/F1.

    python benchmarks/seed_page.py [--show]

Scores ``ordos_nlp.extract`` on ``seeds/000_4a1a09de4157cfcd.txt`` (with its
publication date) against ``tests/gold/seed_page.json`` with the scorer of
``tests/test_seed_page.py``: exact span and label for entities, span, value,
unit, kind and qualifier for quantities, span and value for dates. ``--show``
lists the misses and false positives. Figures only: nothing is asserted here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_seed_page as seed  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)
    import ordos_nlp

    gold = seed.load_gold()
    text = seed.load_document(gold)
    result = seed.score(gold, ordos_nlp.extract(text, doc_date=seed.doc_date_of(gold)), with_doc_date=True)
    if not args.show:
        for entry in result.values():
            entry["missed"], entry["false_positives"] = [], []
    print(seed.format_report(result, "seed page (doc_date given)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
