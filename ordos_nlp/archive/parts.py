"""Part files: written whole or not at all, each carrying the manifest of its files.

A part file holds the fact rows of one partition (schema :func:`archive_schema`) and,
in its Parquet footer, the status rows of the files it covers. It is written to a
hidden temporary file in the output folder and renamed into place after an
``fsync``, so that a part, and the record that its files are done, appear in the
same instant or not at all.

The statistical records of the same partition go to the part of the same name in
the records folder (:func:`records_folder`, schema :func:`archive_records_schema`),
written the same way and always *before* the facts part: a facts part that is there
means that its records part is there too. A records part without its facts part
(a run killed between the two) is left over, and removed when the folder is cleaned.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from datetime import date
from typing import Callable, Iterable, Optional

#: The columns the archive adds to those of :func:`ordos_nlp.to_parquet` (and of the record tables).
EXTRA_COLUMNS = ("file_sha256", "doc_date")
#: What :func:`records_folder` adds to the output folder's name.
RECORDS_SUFFIX = ".records"
MANIFEST_KEY = b"ordos_nlp.archive.files"
FORMAT = "ordos_nlp.archive/1"
_PART_RE = re.compile(r"^part-(?P<pid>\d{8}T\d{6}\d{6}Z-[0-9a-f]{6}-\d{6})-v(?P<version>\d+)\.parquet$")
_TMP_PREFIX = "."
_TMP_SUFFIX = ".tmp"
_ROW_GROUP = 20_000


def _fsync(path: str) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - a filesystem without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _replace(tmp: str, final: str) -> None:
    """Make ``tmp`` visible as ``final`` in one step, durably."""
    _fsync(tmp)
    os.replace(tmp, final)
    _fsync(os.path.dirname(final) or ".")


def _tmp_path(out: str, name: str) -> str:
    return os.path.join(out, f"{_TMP_PREFIX}{name}.{uuid.uuid4().hex[:8]}{_TMP_SUFFIX}")  # hidden: no reader lists it


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _part_name(pid: str, version: int = 1) -> str:
    return f"part-{pid}-v{version}.parquet"


def records_folder(out) -> str:
    """The folder of the records parts of the archive output folder ``out``: ``out`` with
    ``.records`` added, beside it (``facts.parquet`` → ``facts.parquet.records``).

    Beside, not inside: ``dask.dataframe.read_parquet(out)`` reads every ``.parquet``
    file under ``out``, also in subfolders, so the facts folder holds facts only.
    """
    if not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"records_folder() expects a folder path, got {type(out).__name__}")
    return os.path.abspath(os.fspath(out)).rstrip(os.sep) + RECORDS_SUFFIX


def archive_schema():
    """The Arrow schema of the part files: :func:`ordos_nlp.tables.parquet_schema` plus
    ``file_sha256`` (string, the hex SHA-256 of the file's bytes) and ``doc_date``
    (date32, the publication date used, null when none)."""
    from ..tables import parquet_schema

    return _with_extra_columns(parquet_schema())


def archive_records_schema():
    """The Arrow schema of the records parts: :func:`ordos_nlp.record_tables.record_schema`
    (exact ``value`` and ``change`` as ``decimal128`` with ``*_fraction`` strings) plus
    ``file_sha256`` and ``doc_date`` as in :func:`archive_schema`."""
    from ..record_tables import record_schema

    return _with_extra_columns(record_schema())


def _with_extra_columns(base):
    from ..table_base import _require

    pa = _require("pyarrow", "ordos_nlp.archive")
    fields = list(base)
    fields[fields.index(base.field("file"))] = pa.field("file", pa.string(), nullable=False)
    fields += [pa.field("file_sha256", pa.string(), nullable=False), pa.field("doc_date", pa.date32())]
    meta = dict(base.metadata or {})
    meta[b"ordos_nlp.archive"] = FORMAT.encode()
    return pa.schema(fields, metadata=meta)


_EPOCH = date(1970, 1, 1)


def _json_schema(schema):
    """``schema`` as ``pyarrow.json`` reads it: ``doc_date`` as a day number (cast afterwards)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, pa.int32() if f.name == "doc_date" else f.type) for f in schema])


class _Rows:
    """Rows of one file (facts or records), kept as compact Arrow tables until the file is finished.

    Rows go to Arrow through JSON Lines and ``pyarrow.json``: as fast as ``pa.array`` on
    lists, and without importing pandas (``pa.array`` does: about 40 MB per worker).
    ``to_arrow`` makes a row JSON-safe (:func:`ordos_nlp.tables.arrow_row`,
    :func:`ordos_nlp.record_tables.arrow_record_row`).
    """

    def __init__(self, schema, sha: str, doc_date: Optional[date], to_arrow: Callable[[dict], dict]):
        self.schema = schema
        self.to_arrow = to_arrow
        self.sha = sha
        self.days = None if doc_date is None else (doc_date - _EPOCH).days
        self.tables: list = []
        self.count = 0
        self._lines: list[str] = []

    def add(self, rows: Iterable[dict]) -> None:
        for row in rows:
            d = self.to_arrow(row)
            d["file_sha256"] = self.sha
            d["doc_date"] = self.days
            self._lines.append(json.dumps(d, ensure_ascii=False))
            if len(self._lines) >= _ROW_GROUP:
                self._convert()

    def _convert(self) -> None:
        if not self._lines:
            return
        import io

        import pyarrow as pa
        import pyarrow.json as pj

        data = "\n".join(self._lines).encode("utf-8")
        table = pj.read_json(
            io.BytesIO(data),
            read_options=pj.ReadOptions(use_threads=False, block_size=len(data) + 1),
            parse_options=pj.ParseOptions(explicit_schema=_json_schema(self.schema), unexpected_field_behavior="error"),
        )
        i = table.schema.get_field_index("doc_date")
        table = table.set_column(i, "doc_date", table.column(i).cast(pa.date32())).cast(self.schema)
        self.tables.append(table)
        self.count += table.num_rows
        self._lines = []

    def finish(self) -> list:
        self._convert()
        return self.tables


def _read_manifest(path: str) -> list[dict]:
    import pyarrow.parquet as pq

    meta = pq.read_metadata(path).metadata or {}
    return json.loads(meta[MANIFEST_KEY].decode("utf-8"))


def _write_part(out: str, name: str, statuses: list[dict], table=None, records=None) -> None:
    """Write the part ``name`` whole or not at all: first its records part (the rows of
    ``records``), then in ``out`` the rows of ``table`` with the manifest ``statuses``
    (``None``: no rows, as for a file that failed on its worker)."""
    _write_table(records_folder(out), name, archive_records_schema(), records)
    _write_table(out, name, archive_schema(), table, {MANIFEST_KEY: json.dumps(statuses, ensure_ascii=False)})


def _write_table(folder: str, name: str, schema, table=None, metadata: Optional[dict] = None) -> None:
    import pyarrow.parquet as pq

    os.makedirs(folder, exist_ok=True)
    tmp = _tmp_path(folder, name)
    try:
        w = pq.ParquetWriter(tmp, schema)
        if table is not None:
            w.write_table(table.cast(schema), row_group_size=_ROW_GROUP * 4)
        if metadata:
            w.add_key_value_metadata(metadata)
        w.close()
        _replace(tmp, os.path.join(folder, name))
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
