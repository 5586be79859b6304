"""Chinese, Arabic, full-width and mixed numerals to exact values (no spaCy here)."""

from .parse import parse_number

__all__ = ["parse_number"]
