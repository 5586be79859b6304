"""What is not a quantity although it reads as one: anything inside ``《…》``,
numbers in short quoted names (``“并购六条”``), idioms and names (``units.json``
``blacklist``: ``三五成群``, ``年一贯制``), the start of a place's name (``五台县``,
``五十家子嘎查``), and periods counted from now (``未来4天``, ``8年前``, ``十年来``),
which are dates."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..numerals.lexicon import to_canonical
from .context import _window
from .found import _Found
from .units import CUES, _BLACKLIST, _alt


_TITLE_RE = re.compile(r"《[^《》\n]{0,80}》")
_QUOTE_RE = re.compile(r"“[^“”\n]{1,10}”|「[^「」\n]{1,10}」|『[^『』\n]{1,10}』|‘[^‘’\n]{1,10}’|\"[^\"\n]{1,10}\"")
_BLACK_RE = re.compile(_alt(to_canonical(b) for b in _BLACKLIST))
_PERIOD_BEFORE = tuple(CUES["period_before"])
_PERIOD_AFTER = re.compile(r"(?:以前|以后|之前|之后|以来|前(?!往|进|行|夕)|后(?![续期备劲方面])|来(?![到自看]))")


#: after ``N家子`` (五十家子, 八家子), what makes it a village's name rather than a count of
#: subsidiaries (五十家子公司)
_VILLAGE_WORDS = ("嘎查", "村", "屯", "镇", "乡")


def _place_name_start(t: str, f: _Found) -> bool:
    """``五台县``, ``九台区``: a Chinese numeral and counter that begin a division's name (the
    gazetteer's), or ``五十家子嘎查``: a village named ``N家子``. The name, not a count."""
    if not f.chinese:
        return False
    from ..entities.gazetteer import get_gazetteer  # the owner of place names
    from ..fold import fold  # 五臺縣, 八家子鄉: the names are matched in simplified characters

    after = fold(t[f.end : f.end + 3])
    if f.unit == "家" and after.startswith("子") and after[1:].startswith(_VILLAGE_WORDS):
        return True
    names = get_gazetteer().names
    here = fold(t[f.start : f.end]) + after
    return any(here[: f.end - f.start + k] in names for k in (1, 2, 3) if k <= len(after))


def _relative_period(t: str, start: int, end: int) -> bool:
    """``未来4天``, ``前4天``, ``8年前``, ``十年来``: a period counted from now is a
    date (``relative``), not a duration; ``提前3天`` is a duration."""
    before = _window(t, start, 2)
    if before.endswith(_PERIOD_BEFORE) or (before.endswith("前") and not before.endswith("提前")):
        return True
    return bool(_PERIOD_AFTER.match(t, end))


class _Blocked:
    """Titles, short quotations and blacklisted phrases of one text, for fast look-ups.

    Within each kind the ranges come from one ``finditer`` and so do not overlap."""

    def __init__(self, t: str):
        self.kinds = []
        for kind, rx, inner in (("title", _TITLE_RE, 0), ("quote", _QUOTE_RE, 1), ("black", _BLACK_RE, 0)):
            ranges = [(m.start() + inner, m.end() - inner) for m in rx.finditer(t)]
            if ranges:
                self.kinds.append((kind, [r[0] for r in ranges], ranges))

    def blocks(self, f: _Found) -> bool:
        for kind, starts, ranges in self.kinds:
            if kind == "black":
                i = bisect_right(starts, f.end - 1) - 1
                if i >= 0 and ranges[i][1] > f.start:
                    return True
                continue
            if kind == "quote" and not f.chinese:
                continue
            i = bisect_right(starts, f.start) - 1
            if i >= 0 and f.end <= ranges[i][1]:
                return True
        return False
