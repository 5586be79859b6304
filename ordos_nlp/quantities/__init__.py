"""Quantities: a number with its unit or counter word (FACTS.md, Quantities).

``find_quantities(text) -> list[Quantity]`` is the pure finder; the spaCy
component ``ordos_quantities`` (``component.make_quantities``) runs it on the
layout's joined view and stores ``doc.spans["quantities"]``. Units, counters,
currencies and SI factors are data in ``units.json``.
"""

from .finder import find_quantities
from .units import UNITS, UnitInfo

__all__ = ["UNITS", "UnitInfo", "find_quantities"]
