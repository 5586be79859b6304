"""For any text: extract() never raises, and every offset is exact."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ordos_nlp

NEWSY = st.sampled_from(
    list("0123456789０１２３４５６７８９.,，。、；：！？“”《》()（）%\n 一二三四五六七八九十百千万亿两零点分之余多近约超第年月日季度元亩吨只个项家名市区旗局")
    + ["鄂尔多斯市", "东胜区", "记者", "讯", "□", "摄", "百分之", "个百分点", "以上", "左右", "至", "-"]
)
TEXTS = st.one_of(st.text(max_size=200), st.lists(NEWSY, max_size=80).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_offsets_exact_for_any_text(text):
    for s in ordos_nlp.extract(text):
        assert text[s.start : s.end] == s.text
        for f in s.facts:
            assert text[f.start : f.end] == f.text
            assert s.start <= f.start < f.end <= s.end
            f.to_dict()
