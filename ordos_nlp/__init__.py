"""ordos_nlp: typed, checkable facts from Chinese local news.

>>> import ordos_nlp
>>> [q.text for s in ordos_nlp.extract("达成授信192.34亿元。") for q in s.quantities]
['192.34亿元']
"""

from . import extensions  # noqa: F401  (registers Doc/Span extensions)
from .api import extract, extract_many
from .facts import Entity, Quantity, Sentence, TimeExpr
from .numerals import parse_number
from .pipeline import load

__version__ = "0.1.0"

__all__ = [
    "extract",
    "extract_many",
    "load",
    "parse_number",
    "Entity",
    "Quantity",
    "Sentence",
    "TimeExpr",
    "__version__",
]
