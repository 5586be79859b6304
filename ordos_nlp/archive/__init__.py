"""Archives at scale: years of newspaper files on a Dask cluster, resumable, nothing lost.

:func:`extract_archive` reads text files (any encoding :func:`ordos_nlp.read_text_file`
reads) in partitions of about ``partition_size`` bytes, one Dask task per partition.
Each worker process builds the pipeline once (``ordos_nlp.load()`` is cached per
process) and runs it over the partition's texts with ``nlp.pipe``. The output is a
folder::

    facts.parquet/
        part-<run>-<seq>-v<k>.parquet   facts of one partition (one row per fact)
        _status.csv                     one row per input file: bytes, sha256, facts, error
        _lock                           while a run writes here
    facts.parquet.records/
        part-<run>-<seq>-v<k>.parquet   records of the same partition (one row per record)

``pandas.read_parquet("facts.parquet")`` (or ``dask.dataframe.read_parquet``) reads
the facts: the columns of :func:`ordos_nlp.to_parquet` plus ``file_sha256`` and
``doc_date``; ``pandas.read_parquet("facts.parquet.records")`` the records
(:func:`records_folder`), the columns of ``to_parquet(kind="records")`` plus the same
two. The records folder is beside the facts folder, not in it: Dask reads every
``.parquet`` file under a folder, subfolders included.

Each part file is written to a hidden temporary file and renamed into place, and the
facts part carries in its footer the manifest of the files it holds (path, sha256,
counts, error): a part is there whole or not at all, and so is the record that its
files are done. A partition's records part is committed before its facts part, so
the manifest also says that the records are there. A run that is killed and started
again skips the files already done (same path, same content hash), redoes files whose
content changed and files that failed, and leaves each file's facts and records in
the datasets exactly once.

Every input file ends with either its facts or an error row naming it: undecodable
and oversized files, files that cannot be read and files whose processing raised or
killed a worker process are recorded in ``_status.csv`` and never end the run.

The package, one idea per module:

- :mod:`~ordos_nlp.archive.plan`: which files (:func:`ordos_nlp.files.find_files`), their
  dates, and the partitions they are cut into;
- :mod:`~ordos_nlp.archive.run`: :func:`extract_archive`, the client side of a run;
- :mod:`~ordos_nlp.archive.cluster`: the local cluster, the client and the worker check;
- :mod:`~ordos_nlp.archive.partition`: one partition on a worker, read and extracted;
- :mod:`~ordos_nlp.archive.parts`: part files written whole, with their manifest;
- :mod:`~ordos_nlp.archive.resume`: the output folder made consistent, ``_status.csv``,
  :func:`read_status` and the lock;
- :mod:`~ordos_nlp.archive.command`: ``ordos-nlp extract --workers/--scheduler``.
"""

from ..files import date_from_path
from .cluster import WORKER_ENV, local_cluster
from .parts import EXTRA_COLUMNS, RECORDS_SUFFIX, archive_records_schema, archive_schema, records_folder
from .plan import DEFAULT_PARTITION_SIZE, parse_size
from .resume import LOCK_FILE, STATUS_COLUMNS, STATUS_FILE, read_status
from .run import DEFAULT_MAX_FILE_BYTES, ArchiveResult, extract_archive

__all__ = [
    "extract_archive",
    "ArchiveResult",
    "read_status",
    "date_from_path",
    "archive_schema",
    "archive_records_schema",
    "records_folder",
    "RECORDS_SUFFIX",
    "parse_size",
    "local_cluster",
    "STATUS_COLUMNS",
    "EXTRA_COLUMNS",
    "DEFAULT_PARTITION_SIZE",
    "DEFAULT_MAX_FILE_BYTES",
    "WORKER_ENV",
    "STATUS_FILE",
    "LOCK_FILE",
]
