"""``ordos-nlp extract FILES --out FOLDER --workers N | --scheduler ADDRESS``: an archive run
from the command line. It writes facts into FOLDER and records beside it (``--records``
changes nothing: both are always written).

The command line checks its options here and hands over what it owns: its name, its
error reporting and its progress bar; this package never imports it. The files are
found as without Dask (:func:`ordos_nlp.files.find_files`): empty folders are warned
about, and missing files are given to the run, which gives them an error row.
"""

from __future__ import annotations

from typing import Callable

from ..files import find_files
from .plan import parse_size
from .run import extract_archive


def archive_command(args, parser, *, run, progress_bar: Callable, prog: str, stdin: str) -> int:
    """Run ``ordos-nlp extract`` with ``--workers`` or ``--scheduler`` (``args``, checked against
    ``parser``); returns the exit status. ``run`` reports errors, warnings and lines (the
    command line's ``Run``), ``progress_bar(total, quiet)`` makes the bar over files, ``prog``
    names the command and ``stdin`` is the input that means standard input."""
    if args.workers and args.scheduler:
        parser.error("--workers starts a local cluster; with --scheduler the cluster has its own workers")
    if not args.out or args.out == stdin:
        parser.error("an archive run (--workers/--scheduler) needs --out FOLDER")
    if args.format not in (None, "parquet"):
        parser.error("an archive run writes a Parquet dataset: --format parquet (or no --format)")
    if stdin in args.inputs:
        parser.error("an archive run reads files, not standard input")
    if args.jobs != 1:
        parser.error("--jobs is for runs without Dask: use --workers N")
    try:
        size = None if args.partition_size is None else parse_size(args.partition_size)
    except (TypeError, ValueError) as err:
        parser.error(f"--partition-size: {err}")
    if args.doc_place is not None or args.doc_period is not None:
        from ..api import _check_period, _check_place

        try:
            _check_place(args.doc_place)
            _check_period(args.doc_period)
        except ValueError as err:
            parser.error(str(err))
    try:
        from ..tables import _require

        _require("pyarrow", "an archive run")
        import distributed  # noqa: F401
    except ImportError as err:
        hint = "" if "extra" in str(err) else " (pip install 'ordos-nlp[archive]')"
        run.error(f"{err}{hint}")
        return 2
    found = find_files(args.inputs, args.glob)
    for message in found.empty:
        run.warn(message)
    if not found.files and not found.missing:
        run.error("no input files")
        return 1
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = progress_bar(total, args.quiet)
            run.progress = bar
        bar.update(done - bar.n)

    try:
        result = extract_archive(
            [*found.files, *found.missing], args.out, client=args.scheduler, workers=args.workers,
            partition_size=size,
            doc_date_from=args.doc_date_from, doc_date=args.doc_date, doc_place=args.doc_place,
            doc_period=args.doc_period, glob=args.glob, encoding=args.encoding,
            progress=progress,
        )
    except (OSError, RuntimeError, ValueError) as err:
        if bar is not None:
            bar.close()
        run.error(str(err))
        return 1
    if bar is not None:
        bar.close()
    if not result.files:  # every file was inside the output folder
        run.error("no input files")
        return 1
    for _, message in result.errors:
        run.error(message)
    if not args.quiet or result.failed:
        run.say(
            f"{prog}: {result.files} files: {result.processed} processed ({result.failed} with errors), "
            f"{result.skipped} already done; {result.facts} facts written, {result.total_facts} in {result.out}; "
            f"{result.records} records written, {result.total_records} in {result.records_out}"
        )
    return 1 if result.failed else 0
