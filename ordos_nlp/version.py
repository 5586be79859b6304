"""The version of ordos_nlp, in a module of its own: the modules that write it into their
output (Parquet metadata, HTML pages, the worker check of the archive) read it here
without importing the package's ``__init__``, which imports them."""

__version__ = "0.1.0"
