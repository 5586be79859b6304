"""Page layout: which line breaks are PDF artefacts, and where sentences, headlines,
bylines, datelines, photo credits and author marks begin and end."""

from .segment import Layout, segment

__all__ = ["Layout", "segment"]
