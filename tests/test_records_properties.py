"""Metamorphic properties of records: the layout's spacing between sentences and the
names of the places must not change what a record says."""

import re
from decimal import Decimal
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ordos_nlp
from ordos_nlp.entities.gazetteer import LEVEL_COUNTY, get_gazetteer
from ordos_nlp.records.places import unit_of_name

SEED_WORDS = set(open("seeds/000_4a1a09de4157cfcd.txt", encoding="utf-8").read())

# a passage of a county communiqué (https://www.gsyongjing.gov.cn/yjx/tjj/FDZDGKNR/sjfb/index.html)
COMMUNIQUE = [
    "2021年,全年全县地区生产总值686065万元,比上年增长7.7%。",
    "其中,第一产业增加值159948万元,增长7.4%;第二产业增加值249042万元,增长5.3%;第三产业增加值277075万元,增长10%。",
    "按常住人口计算,人均地区生产总值38206元,比上年增长14.1%。",
    "全年全县万元地区生产总值能耗比上年下降3.3%。",
]


def _without_offsets(records) -> list:
    def clean(x):
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items() if k not in ("start", "end", "text")}
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x

    return [clean(r.to_dict()) for r in records]


@lru_cache(maxsize=1)
def unseen_counties() -> list[tuple[str, str]]:
    """County-level names outside the seed page that name one unit only."""
    gaz = get_gazetteer()
    out = []
    for code, (level, _, name) in gaz.divisions.items():
        if level != LEVEL_COUNTY or not 3 <= len(name) <= 5 or name[-1] not in "县旗":
            continue
        if set(name) <= SEED_WORDS:
            continue
        unit = unit_of_name(name)
        if unit is not None and unit.adcode == code:
            out.append((name, code))
        if len(out) >= 300:
            break
    return sorted(out)


SPACES = st.text(alphabet=" \u3000", min_size=0, max_size=3)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SPACES, min_size=len(COMMUNIQUE), max_size=len(COMMUNIQUE)), st.sampled_from(["\n", "\n\n"]))
def test_spacing_between_sentences_keeps_the_records(gaps, paragraph_break):
    plain = "".join(COMMUNIQUE[:3]) + "\n\n" + COMMUNIQUE[3]
    spaced = "".join(s + g for s, g in zip(COMMUNIQUE[:3], gaps)) + paragraph_break + gaps[3] + COMMUNIQUE[3]
    kw = dict(doc_place="622923", doc_period="2021")
    want = ordos_nlp.extract_records(plain, **kw)
    got = ordos_nlp.extract_records(spaced, **kw)
    assert len(want) == 6
    assert _without_offsets(got) == _without_offsets(want)
    for r in got:
        assert spaced[r.value.start if r.value else r.change.quantity.start :].startswith(
            (r.value or r.change.quantity).text
        )


AMOUNT = st.decimals(min_value=Decimal("1.1"), max_value=Decimal("9999.9"), places=1).map(lambda d: format(d, "f"))
RATE = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("30.0"), places=1).map(lambda d: format(d, "f"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), AMOUNT, RATE, AMOUNT, RATE)
def test_unseen_place_names_keep_the_records(data, gdp, growth, first, first_growth):
    name, code = data.draw(st.sampled_from(unseen_counties()))
    text = (
        f"{name}全年地区生产总值{gdp}亿元,比上年增长{growth}%。"
        f"其中,第一产业增加值{first}亿元,增长{first_growth}%。"
    )
    records = ordos_nlp.extract_records(text, doc_period="2023")
    assert [r.metric.name for r in records] == ["地区生产总值", "第一产业增加值"]
    assert [r.value.value for r in records] == [Decimal(gdp) * 10**8, Decimal(first) * 10**8]
    assert [r.change.quantity.value for r in records] == [Decimal(growth), Decimal(first_growth)]
    assert [(r.change.basis, r.change.basis_text) for r in records] == [("yoy", "比上年"), ("yoy", None)]
    assert [r.place.adcode for r in records] == [code, code]
    assert [r.place.implied for r in records] == [False, True]
    assert all(r.period.value == "2023" for r in records)
    assert re.sub(r"\s", "", records[0].metric.text) == "地区生产总值"
