"""Statistical records: metric, value, change and base, place, period, subject, status.

- ``Record`` and its parts (``record.py``): the contract of RECORDS.md;
- the spaCy component ``ordos_records`` (``component.py``), after the entities;
- ``record_row(record)``: one flat row per record for tables (``rows.py``).
"""

from .record import Change, Metric, NoAmount, Period, Record, RecordPlace, Subject
from .rows import ROW_COLUMNS, record_row

__all__ = ["Change", "Metric", "NoAmount", "Period", "Record", "RecordPlace", "Subject", "ROW_COLUMNS", "record_row"]
