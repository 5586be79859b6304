"""Time expressions (years, seasons, quarters, months, days, relative words) with normalised values."""

from .finder import find_dates

__all__ = ["find_dates"]
