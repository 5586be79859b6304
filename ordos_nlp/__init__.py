"""ordos_nlp: typed, checkable facts from Chinese local news.

>>> import ordos_nlp
>>> [q.text for s in ordos_nlp.extract("达成授信192.34亿元。") for q in s.quantities]
['192.34亿元']
"""

from . import extensions  # noqa: F401  (registers Doc/Span extensions)
from .api import extract, extract_many, extract_records
from .facts import Entity, Quantity, Sentence, TimeExpr
from .layout.articles import Article, split_articles
from .records import Record
from .numerals import parse_number
from .pipeline import load
from .io import UndecodableFileError, read_text_file
from .tables import read_facts, to_frame, to_parquet
from .render import render  # after the submodule import: ordos_nlp.render is the function
from .version import __version__

__all__ = [
    "extract",
    "extract_many",
    "extract_records",
    "split_articles",
    "load",
    "parse_number",
    "read_text_file",
    "UndecodableFileError",
    "to_frame",
    "to_parquet",
    "read_facts",
    "render",
    "Entity",
    "Quantity",
    "Sentence",
    "TimeExpr",
    "Article",
    "Record",
    "__version__",
]
