"""The ``ordos-nlp`` command: facts of text files as JSON Lines, CSV, Parquet or a table; displaCy pages.

    ordos-nlp extract FILE_OR_DIR... [--format jsonl|csv|parquet|table] [--out PATH]
                      [--doc-date YYYY-MM-DD] [--doc-date-from filename] [--glob "*.txt"]
                      [--jobs N] [--quiet] [--no-bom] [--workers N | --scheduler tcp://HOST:PORT]
    ordos-nlp render FILE [-o page.html] [--doc-date YYYY-MM-DD]

``-`` reads standard input. Files may be UTF-8 (with or without BOM),
GB18030/GBK or Big5 (see ``ordos_nlp.io``). A file that cannot be read is named
on standard error and skipped; the command then carries on and exits with
status 1 at the end. Exit status 2 is a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import deque
from datetime import date
from pathlib import Path
from typing import Iterator, Optional, Union

PROG = "ordos-nlp"
FORMATS = ("jsonl", "csv", "parquet", "table")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet",
                  ".txt": "table"}
STDIN = "-"
STDIN_NAME = "<stdin>"


# ---------------------------------------------------------------------------
# Arguments


def _iso_date(s: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {s!r}") from None


def _positive(s: str) -> int:
    try:
        n = int(s)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number: {s!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    from .version import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Typed, exact facts (entities, quantities, dates) from Chinese local news.",
        epilog="Run 'ordos-nlp extract --help' or 'ordos-nlp render --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    ex = sub.add_parser(
        "extract",
        help="facts of text files, one row per fact",
        description=(
            "Extract the facts of text files (or of every matching file under a folder) and write one row "
            "per fact: the file, the sentence (index, kind, offsets) and every field of the fact. Exact "
            "numbers are written as strings ('19234000000', '1/3'). Files that cannot be read are "
            "reported on standard error and skipped; the exit status is then 1."
        ),
    )
    ex.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="text files, folders, or - for standard input")
    ex.add_argument(
        "-f", "--format", choices=FORMATS, default=None,
        help="output format (default: from the --out suffix .jsonl/.csv/.parquet/.txt, else jsonl); "
        "table is the readable per-sentence view",
    )
    ex.add_argument("-o", "--out", metavar="PATH", default=None, help="write here instead of standard output "
                    "(required for parquet)")
    ex.add_argument("--doc-date", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                    help="publication date, resolves 今年 and dates without a year")
    ex.add_argument("--doc-date-from", choices=("filename",), default=None,
                    help="take each file's publication date from its name (2026-04-01_p3.txt); "
                    "--doc-date is used for files without one")
    ex.add_argument("--glob", default="*.txt", metavar="PATTERN",
                    help="files to take from folders, searched recursively (default: %(default)s)")
    ex.add_argument("--encoding", default=None, metavar="CODEC",
                    help="read every file with this codec instead of detecting UTF-8/GB18030/Big5")
    ex.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                    help="worker processes (default: 1)")
    ex.add_argument("--all", action="store_true", help="table format: also list sentences without facts")
    ex.add_argument("--records", action="store_true",
                    help="write statistical records (indicator, value, change, place, period) instead of facts, "
                    "one row per record")
    ex.add_argument("--doc-place", default=None, metavar="PLACE",
                    help="the place a record takes when its text names none: a name or adcode (鄂尔多斯市, 150600)")
    ex.add_argument("--doc-period", default=None, metavar="PERIOD",
                    help="the period a record takes when its text names none (2023, 2023-Q1)")
    ex.add_argument("--no-bom", action="store_true",
                    help="csv format: no UTF-8 byte-order mark (by default there is one, so that Excel reads "
                    "the file as UTF-8)")
    ex.add_argument("-q", "--quiet", action="store_true",
                    help="no progress bar (it is shown only when standard error is a terminal)")
    dk = ex.add_argument_group(
        "archives on Dask",
        "With --workers or --scheduler, --out is a folder: a Parquet dataset of facts plus _status.csv (one "
        "row per file). A run that is stopped resumes where it was: files already done are skipped. "
        "See docs/archive.md.",
    )
    dk.add_argument("--workers", type=_positive, default=None, metavar="N",
                    help="run on a local Dask cluster of N worker processes")
    dk.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="run on the Dask cluster at this scheduler address (tcp://host:8786)")
    dk.add_argument("--partition-size", default=None, metavar="SIZE",
                    help="input bytes per Dask task and part file, e.g. 1MB (default: 1MB, less for "
                    "small archives: about 8 per worker)")

    ex.set_defaults(subparser=ex)

    rd = sub.add_parser(
        "render",
        help="an HTML page marking the facts of a text (displaCy)",
        description="Write an HTML page that marks every entity, quantity (with its value and unit) and date.",
    )
    rd.add_argument("file", metavar="FILE", help="a text file, or - for standard input")
    rd.add_argument("-o", "--out", metavar="PAGE.html", default=None, help="write here (default: standard output)")
    rd.add_argument("--doc-date", type=_iso_date, default=None, metavar="YYYY-MM-DD",
                    help="publication date, resolves 今年 and dates without a year")
    rd.add_argument("--encoding", default=None, metavar="CODEC", help="read with this codec instead of detecting")
    rd.add_argument("--title", default=None, help="page heading (default: the file name)")
    rd.set_defaults(subparser=rd)
    return parser


# ---------------------------------------------------------------------------
# Inputs


class Run:
    """What a command run has seen: the number of failures, and where to report them."""

    def __init__(self, progress=None):
        self.failures = 0
        self.progress = progress

    def error(self, message: str) -> None:
        self.failures += 1
        self.say(f"{PROG}: error: {message}")

    def warn(self, message: str) -> None:
        self.say(f"{PROG}: warning: {message}")

    def say(self, line: str) -> None:
        if self.progress is not None and not self.progress.disable:
            self.progress.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)


def expand_inputs(inputs: list[str], pattern: str, run: Run) -> list[Union[Path, str]]:
    """Files to read: standard input first when asked for, then those of ``ordos_nlp.files.find_files``
    (sorted, each once); missing files are reported as errors, empty folders as warnings."""
    from .files import find_files, missing_message

    found = find_files([arg for arg in inputs if arg != STDIN], pattern)
    for path in found.missing:
        run.error(missing_message(path))
    for message in found.empty:
        run.warn(message)
    return ([STDIN] if STDIN in inputs else []) + list(found.files)


def _read(source: Union[Path, str], encoding: Optional[str]) -> tuple[str, str]:
    from .io import decode_bytes, read_text_file

    if source == STDIN:
        data = sys.stdin.buffer.read()
        return STDIN_NAME, decode_bytes(data, name=STDIN_NAME, encoding=encoding)[0]
    return str(source), read_text_file(source, encoding=encoding)


def estimated_chars(source: Union[Path, str]) -> int:
    """A file's characters guessed from its size (Chinese text: 2–3 bytes a character), for the bar's total."""
    if source == STDIN:
        return 0
    try:
        return os.stat(source).st_size // 3
    except OSError:
        return 0


def read_sources(sources, encoding: Optional[str], run: Run) -> Iterator[tuple[str, str]]:
    """``(name, text)`` for each source that can be read; the others are reported and skipped.

    The progress bar counts characters: its total starts from the files' sizes and is
    corrected to the true count as each file is read.
    """
    from .io import UndecodableFileError

    bar = run.progress
    for source in sources:
        guess = estimated_chars(source)
        try:
            name, text = _read(source, encoding)
        except UndecodableFileError as err:
            run.error(str(err))
        except OSError as err:
            run.error(f"{source}: {err.strerror or err}")
        else:
            if bar is not None:
                bar.total = max(bar.n, bar.total + len(text) - guess)
                bar.refresh()
            yield name, text
            continue
        if bar is not None:
            bar.total = max(bar.n, bar.total - guess)
            bar.refresh()


def extracted(texts: Iterator[tuple[str, str]], doc_date, jobs: int, run: Run, date_from_name: bool = False,
              doc_place: Optional[str] = None, doc_period: Optional[str] = None):
    """``(name, sentences)`` per readable text, in input order; the bar advances by characters
    (chunk by chunk within a long text when ``jobs`` is 1). ``date_from_name``: each file's
    publication date from its name (``2026-04-01_p3.txt``), else ``doc_date``."""
    from .api import _extract_text, extract_dated, extract_many
    from .files import date_from_path
    from .pipeline import load

    def date_of(name: str):
        return (date_from_path(name) if date_from_name and name != STDIN_NAME else None) or doc_date

    advance = run.progress.update if run.progress is not None else None
    if jobs == 1:
        nlp = load()
        for name, text in texts:
            try:
                sentences = _extract_text(nlp, text, date_of(name), doc_place, doc_period, on_chars=advance)
            except Exception as err:  # one bad text must not end an archive run
                run.error(f"{name}: extraction failed: {type(err).__name__}: {err}")
                continue
            yield name, sentences
        return
    pending: deque = deque()

    def feed():
        for name, text in texts:
            pending.append((name, len(text)))
            yield (text, date_of(name), doc_place, doc_period) if own else text

    own = date_from_name or doc_place is not None or doc_period is not None
    results = extract_dated(feed(), jobs) if own else extract_many(feed(), n_process=jobs, doc_date=doc_date)
    for sentences in results:
        name, n = pending.popleft()
        if advance is not None:
            advance(n)
        yield name, sentences


# ---------------------------------------------------------------------------
# Outputs


def _format_for(args, parser) -> str:
    """The format asked for, else the one the --out suffix names; a suffix no format writes is an error."""
    if args.format:
        return args.format
    if args.out and args.out != STDIN:
        suffix = Path(args.out).suffix.lower()
        fmt = SUFFIX_FORMATS.get(suffix)
        if fmt:
            return fmt
        if suffix:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            parser.error(f"cannot write {suffix} files ({args.out}): use one of {known}, or name the format "
                         "with --format")
    return "jsonl"


def _progress(total: int, quiet: bool, unit: str = "file"):
    from tqdm import tqdm

    disable = quiet or total < 2 or not sys.stderr.isatty()
    try:  # a terminal that reports no size (some pseudo-terminals) would hide the bar
        size = os.get_terminal_size(sys.stderr.fileno())
        sized = size.columns > 0 and size.lines > 0
    except (OSError, ValueError, AttributeError):
        sized = False
    extra = {"dynamic_ncols": True} if sized else {"ncols": 80, "nrows": 24}
    scale = {"unit_scale": True} if unit == "char" else {}
    return tqdm(total=total, unit=unit, file=sys.stderr, disable=disable, leave=False, **scale, **extra)


def cmd_extract(args, parser) -> int:
    if args.workers or args.scheduler:
        from .archive.command import archive_command

        return archive_command(args, parser, run=Run(), progress_bar=_progress, prog=PROG, stdin=STDIN)
    fmt = _format_for(args, parser)
    if fmt == "parquet" and (not args.out or args.out == STDIN):
        parser.error("--format parquet needs --out PATH")
    if args.inputs.count(STDIN) > 1:
        parser.error("standard input (-) can be read only once")
    from .api import _check_period, _check_place

    try:
        _check_place(args.doc_place)
        _check_period(args.doc_period)
    except ValueError as err:
        parser.error(str(err))
    if fmt == "parquet":
        from .tables import _require

        try:
            _require("pyarrow", "--format parquet")
        except ImportError as err:
            print(f"{PROG}: error: {err}", file=sys.stderr)
            return 2
    run = Run()
    sources = expand_inputs(args.inputs, args.glob, run)
    if not sources:
        run.error("no input files")
        return 1
    run.progress = _progress(sum(estimated_chars(src) for src in sources), args.quiet, unit="char")
    from .writers import CsvWriter, JsonlWriter, ParquetWriter, TableWriter

    if fmt == "jsonl":
        writer = JsonlWriter(args.out, records=args.records)
    elif fmt == "csv":
        writer = CsvWriter(args.out, bom=not args.no_bom, records=args.records)
    elif fmt == "table":
        writer = TableWriter(args.out, args.all, several=len(sources) > 1, records=args.records)
    else:
        writer = ParquetWriter(args.out, records=args.records)
    try:
        texts = read_sources(sources, args.encoding, run)
        by_name = args.doc_date_from == "filename"
        found = extracted(texts, args.doc_date, args.jobs, run, by_name, args.doc_place, args.doc_period)
        for doc, (name, sentences) in enumerate(found):
            writer.document(doc, name, sentences)
    finally:
        run.progress.close()
        writer.close()
    if run.failures:
        run.say(f"{PROG}: {run.failures} of {len(sources)} files could not be read or processed")
        return 1
    return 0


def cmd_render(args, parser) -> int:
    from .io import UndecodableFileError
    from .render import render

    run = Run()
    try:
        name, text = _read(args.file, args.encoding)
    except UndecodableFileError as err:
        run.error(str(err))
        return 1
    except OSError as err:
        run.error(f"{args.file}: {err.strerror or err}")
        return 1
    title = args.title or (Path(name).name if args.file != STDIN else STDIN_NAME)
    if args.out and args.out != STDIN:
        render(text, jupyter=False, path=args.out, doc_date=args.doc_date, title=title)
    else:
        page = render(text, jupyter=False, page=True, doc_date=args.doc_date, title=title)
        from .writers import _TextSink

        sink = _TextSink(None)
        sink.stream.write(page)
        sink.close()
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args, args.subparser)
        return cmd_render(args, args.subparser)
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head: stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except OSError:  # pragma: no cover
            pass
        return 0


if __name__ == "__main__":
    sys.exit(main())
