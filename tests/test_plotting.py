"""Chinese in charts: ordos_nlp.plotting.use_cjk_font() finds an installed CJK font, or says how to get one."""

import warnings
from pathlib import Path

import pytest

matplotlib = pytest.importorskip("matplotlib")
from matplotlib import font_manager  # noqa: E402

from ordos_nlp import plotting  # noqa: E402


def make_font(path, family, text):
    """A small TrueType font named ``family`` with a glyph (a square) for each character of ``text``."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    pen.moveTo((100, 0))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, 0))
    pen.closePath()
    square = pen.glyph()
    names = [".notdef"] + [f"uni{ord(c):04X}" for c in text]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in text})
    fb.setupGlyf({name: square for name in names})
    fb.setupHorizontalMetrics({name: (1000, 100) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    fb.save(str(path))
    return str(path)


@pytest.fixture
def fonts(monkeypatch):
    """matplotlib's font list and the system font folders, replaced for one test; rcParams restored."""
    state = {"listed": [], "system": []}
    monkeypatch.setattr(font_manager.fontManager, "ttflist", state["listed"])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: list(state["system"]))
    monkeypatch.setattr(plotting, "_warned", False)
    with matplotlib.rc_context():
        yield state


DEJAVU = str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")  # no Chinese


def entry(path, name):
    return font_manager.FontEntry(fname=path, name=name)


def test_a_known_font_is_used(fonts):
    dejavu = DEJAVU
    fonts["listed"] += [entry(dejavu, "DejaVu Sans"), entry(dejavu, "WenQuanYi Zen Hei"), entry(dejavu, "Noto Sans CJK SC")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert plotting.use_cjk_font() == "Noto Sans CJK SC"  # the better of the two
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    assert plotting.use_cjk_font(prefer=["WenQuanYi Zen Hei"]) == "WenQuanYi Zen Hei"
    assert matplotlib.rcParams["font.sans-serif"].count("WenQuanYi Zen Hei") == 1


def test_any_font_with_chinese_glyphs_is_found_by_its_glyphs(fonts, tmp_path):
    dejavu = DEJAVU
    latin = make_font(tmp_path / "latin.ttf", "Ordos Latin", "abc")
    hei = make_font(tmp_path / "hei.ttf", "Ordos Test Hei", plotting._SAMPLE + "面积")
    fonts["listed"] += [entry(dejavu, "DejaVu Sans"), entry(latin, "Ordos Latin")]
    fonts["system"] += [dejavu, latin, hei]  # installed after matplotlib built its cache
    assert plotting.use_cjk_font() == "Ordos Test Hei"
    assert matplotlib.rcParams["font.sans-serif"][0] == "Ordos Test Hei"
    found = font_manager.findfont(font_manager.FontProperties(family="Ordos Test Hei"), fallback_to_default=False)
    assert found == hei  # added to matplotlib's fonts, so charts can use it


def test_no_font_warns_once_how_to_install_one(fonts, tmp_path):
    dejavu = DEJAVU
    fonts["listed"].append(entry(dejavu, "DejaVu Sans"))
    fonts["system"].append(make_font(tmp_path / "latin.ttf", "Ordos Latin", "abc"))
    before = list(matplotlib.rcParams["font.sans-serif"])
    with pytest.warns(plotting.MissingCJKFontWarning) as record:
        assert plotting.use_cjk_font() is None
    message = str(record[0].message)
    assert "apt-get install fonts-noto-cjk" in message
    assert "brew install --cask font-noto-sans-cjk" in message
    assert "pip install mplfonts" in message
    assert matplotlib.rcParams["font.sans-serif"] == before  # settings left alone
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert plotting.use_cjk_font() is None  # once is enough


@pytest.mark.parametrize("bad", ["Noto Sans CJK SC", 3, [b"SimHei"]])
def test_type_error(bad):
    with pytest.raises(TypeError, match="prefer"):
        plotting.use_cjk_font(prefer=bad)
