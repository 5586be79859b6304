"""Chinese in matplotlib charts: find a font with Chinese glyphs on this machine and use it.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs, so a label such as
``金额(亿元)`` shows as empty boxes. :func:`use_cjk_font` picks a font already
installed, never downloads one, and says how to install one when there is none.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Optional

__all__ = ["use_cjk_font", "find_cjk_font", "MissingCJKFontWarning", "PREFERRED_FONTS", "INSTALL_HINT"]

#: Font families known to cover simplified Chinese, best first (the first one installed wins).
PREFERRED_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "SimHei",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Source Han Sans CN",
    "Droid Sans Fallback",
    "Arial Unicode MS",
    "Noto Serif CJK SC",
    "SimSun",
)

# A font that has these has the Chinese a chart needs.
_SAMPLE = "中文数量金额年月日元"

INSTALL_HINT = (
    "no font with Chinese glyphs found, so Chinese in charts shows as empty boxes. Install one, "
    "then restart Python: Debian/Ubuntu `sudo apt-get install fonts-noto-cjk` (or fonts-wqy-zenhei); "
    "macOS `brew install --cask font-noto-sans-cjk`; without system rights `pip install mplfonts` "
    "then `mplfonts init` (fonts shipped in the package); Windows has Microsoft YaHei."
)


class MissingCJKFontWarning(UserWarning):
    """No installed font has Chinese glyphs: labels in Chinese will not be readable."""


_warned = False  # the hint is given once per process: a notebook calls this in every run


def _has_chinese(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):  # unreadable or not a font
        return False
    return all(ord(c) in charmap for c in _SAMPLE)


def _check_prefer(prefer) -> tuple[str, ...]:
    if prefer is None:
        return ()
    if isinstance(prefer, str) or not isinstance(prefer, Sequence):
        raise TypeError(f"prefer must be a sequence of font family names, got {type(prefer).__name__}")
    for name in prefer:
        if not isinstance(name, str):
            raise TypeError(f"prefer must hold font family names (str), got an item of type {type(name).__name__}")
    return tuple(prefer)


def find_cjk_font(prefer: Optional[Sequence[str]] = None) -> Optional[str]:
    """The family name of an installed font with Chinese glyphs, or ``None`` when there is none.

    Looks among the fonts matplotlib knows: first the families of ``prefer``, then
    :data:`PREFERRED_FONTS`, then any font whose glyphs cover Chinese. Fonts
    installed after matplotlib built its font cache are found too, and added to
    its font manager. ``TypeError`` when ``prefer`` is not a sequence of names.
    """
    order = _check_prefer(prefer) + PREFERRED_FONTS
    from matplotlib import font_manager

    manager = font_manager.fontManager

    def best_known() -> Optional[str]:
        names = {entry.name for entry in manager.ttflist}
        return next((name for name in order if name in names), None)

    found = best_known()
    if found:
        return found
    listed = {entry.fname for entry in manager.ttflist}
    added = False
    for path in font_manager.findSystemFonts():
        if path not in listed and _has_chinese(path):
            manager.addfont(path)
            added = True
    if added:
        found = best_known()
        if found:
            return found
    covered: dict[str, bool] = {}
    for entry in manager.ttflist:
        if entry.fname not in covered:
            covered[entry.fname] = _has_chinese(entry.fname)
        if covered[entry.fname]:
            return entry.name
    return None


def use_cjk_font(prefer: Optional[Sequence[str]] = None) -> Optional[str]:
    """Make matplotlib draw Chinese: the font found by :func:`find_cjk_font` becomes the
    first sans-serif family (and the minus sign a plain hyphen, which every CJK font has).

    Returns the family name used, or ``None`` when no installed font has Chinese
    glyphs; then it warns once (:class:`MissingCJKFontWarning`) with how to install
    one, and leaves matplotlib's settings alone. Nothing is downloaded.
    """
    global _warned
    name = find_cjk_font(prefer)
    if name is None:
        if not _warned:
            _warned = True
            warnings.warn(INSTALL_HINT, MissingCJKFontWarning, stacklevel=2)
        return None
    from matplotlib import rcParams

    rcParams["font.family"] = ["sans-serif"]
    rcParams["font.sans-serif"] = [name, *(n for n in rcParams["font.sans-serif"] if n != name)]
    rcParams["axes.unicode_minus"] = False
    return name
