"""``python -m ordos_nlp FILE [--doc-date YYYY-MM-DD]``: print the facts of a text file as a table."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from . import extract
from .report import format_table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ordos_nlp", description=__doc__)
    parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--doc-date", type=date.fromisoformat, default=None, help="publication date, YYYY-MM-DD")
    parser.add_argument("--all", action="store_true", help="also list sentences without facts")
    args = parser.parse_args(argv)
    text = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8-sig").read()
    sentences = extract(text, doc_date=args.doc_date)
    print(format_table(sentences, only_with_facts=not args.all))
    n = {k: sum(len(getattr(s, k)) for s in sentences) for k in ("entities", "quantities", "dates")}
    print(f"\n{len(sentences)} sentences, {n['entities']} entities, {n['quantities']} quantities, {n['dates']} dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
