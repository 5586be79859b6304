"""Metric phrases: the shortest phrase that names what a figure measures.

The phrase is read from the words before the figure in its clause, with what
belongs elsewhere taken off its edges: time words, places and scope words (they
are the record's period and place), the organisation it belongs to (its
subject), discourse openers (其中, 据统计), determiners (各项), and the link
words between a metric and its figure (为, 达, 分别为). A count of things done
or held names the counted noun (``组织专场对接会7场`` → 专场对接会,
``对99家入库企业`` → 入库企业). One phrase that names several figures
(``存贷款余额分别为A、B``) gives each its own name (存款余额, 贷款余额).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .lexicon import Lexicon
from .view import Item, SentenceView, strip_punct as _strip_punct

HAN = re.compile(r"[\u3400-\u9fff]")
# words that end a counted noun written after its figure
NOUN_STOPS = frozenset("的 与 和 及 等 并 在 对 为 将 被 以 从 向 通过 或 其 之 把 给 均 都 已 也 还 就 共 分别 以内 以上 以下 左右".split())
NUMERAL = re.compile(r"[第]?[一二三四五六七八九十0-9]+")
LIST_MARKS = "、“”‘’《》()（）"
LIST_GAP = re.compile(r"^[\s、和与及或]*$")


@lru_cache(maxsize=1)
def _pos() -> dict:
    from ..segmenter import word_pos

    return word_pos()


def _words(text: str) -> list[tuple[str, int, int]]:
    from ..segmenter import get_segmenter

    return [(w, s, e) for w, s, e in get_segmenter().tokens(text) if not w.isspace()]


def is_verb(word: str) -> bool:
    return _pos().get(word, "") == "v"


def trim(view: SentenceView, a: int, b: int, lex: Lexicon, leading_verbs: bool) -> tuple[int, int, Optional[Item]]:
    """The metric part of ``view.text[a:b]`` and the organisation that opened it, if any."""
    text = view.text
    a, b, subject = _strip_head(view, a, b, lex)
    # a share (完成年度投资计划的69%) keeps the verb that says of what
    share = text[a:b].rstrip().endswith("的")
    m = lex.link_re.search(text[a:b])
    if m is not None and m.start() > 0:
        b = a + m.start()
    a, b = _strip_punct(text, a, b)
    if leading_verbs and a < b:
        a = _after_leading_verbs(text, a, b)
        a, b, _ = _strip_head(view, a, b, lex)
    for verb in () if share else lex.name_verbs:
        # 完成投资 keeps its verb; 实现地区生产总值 and 园区累计完成规模以上工业总产值
        # name what comes after it
        at = text.find(verb, a, b)
        if at >= 0 and b - at - len(verb) >= 4 and (leading_verbs is False or at == a):
            a = at + len(verb)
    b = _without_parenthesis(text, a, b)
    # a list of kinds before a shared head: 高端聚甲醛、生物合成饲用蛋白等中试项目 → 中试项目
    cut = text.rfind("等", a, b)
    if cut > a and cut + 1 < b and text[cut - 1] != "等":
        a = cut + 1
    return a, b, subject


def _without_parenthesis(text: str, a: int, b: int) -> int:
    """The metric without a note or footnote mark in brackets after it
    (地区生产总值(GDP) → 地区生产总值, 人均地区生产总值[2] → 人均地区生产总值)."""
    for opener in "（([［":
        at = text.find(opener, a, b)
        if at - a >= 2:
            return at
    return b


MONTHS_FROM = re.compile(r"[0-9０-９]{1,2}\s*[-－—–~～至到]\s*")
ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[)）])")


def _after_heading(view: SentenceView, a: int, b: int) -> int:
    """Skip a numbered section heading joined to the text after it (二、农牧业⏎全年…)."""
    m = ENUMERATOR.match(view.text, a, b)
    if m is None:
        return a
    for k in range(m.end(), min(b, m.end() + 20)):
        if view.orig[k] != view.orig[k - 1] + 1:  # a line break was joined here
            return k
    return m.end()


def _place_prefix(view: SentenceView, a: int, b: int) -> int:
    """The end of a place name (three characters or more) opening ``view.text[a:b]``
    that no entity marks, or ``a``."""
    from .places import unit_of_name

    for n in range(min(b - a - 2, 8), 2, -1):
        if unit_of_name(view.text[a : a + n]) is not None:
            return a + n
    return a


def _strip_head(view: SentenceView, a: int, b: int, lex: Lexicon) -> tuple[int, int, Optional[Item]]:
    """Take time words, places, scope words, openers, determiners and a leading
    organisation (returned as the subject) off the front of ``view.text[a:b]``."""
    text = view.text
    subject = None
    skip = [it for it in (*view.dates, *view.entities) if a <= it.start < b]
    changed = True
    while changed and a < b:
        changed = False
        a, b = _strip_punct(text, a, b)
        m = MONTHS_FROM.match(text, a, b)  # 1-10月: the first month of cumulative months
        if m is not None and any(it.start == m.end() for it in view.dates):
            a = m.end()
        for it in skip:
            if it.start == a and it.end <= b - 2:  # 蒙古族: a name that is the metric stays
                if it.label == "ORG" and subject is None:
                    subject = it
                a = it.end
                if it.label is None and it.fact.text.endswith("年") and text.startswith("度", a):
                    a += 1  # 本年度: the date is 本年
                changed = True
                break
        if changed:
            continue
        for skip_to in (_after_heading(view, a, b), _place_prefix(view, a, b)):
            if a < skip_to < b:
                a = skip_to
                changed = True
                break
        if changed:
            continue
        m = lex.scope_re.match(text, a, b) or lex.lead_re.match(text[a:b])
        if m is not None:
            length = m.end() - m.start()
            if length and a + length < b:
                a += length
                changed = True
                continue
        for det in lex.determiners:
            if text.startswith(det, a) and a + len(det) < b:
                a += len(det)
                changed = True
                break
    a, b = _strip_punct(text, a, b)
    return a, b, subject


def _after_leading_verbs(text: str, a: int, b: int) -> int:
    """Skip the verbs that open a counted phrase (组织专场对接会 → 专场对接会), unless
    only a one-word noun would be left."""
    words = _words(text[a:b])
    i = 0
    while i < len(words) - 1 and is_verb(words[i][0]):
        i += 1
    start = a + words[i][1] if i < len(words) else a
    # 出生人口, 整改问题, 新增就业: a verb before a one-word noun is part of the name
    return start if b - start > 2 else a


def counted_noun_after(view: SentenceView, start: int, clause_end: int, lex: Lexicon) -> Optional[tuple[int, int]]:
    """The noun a figure is written before (``99家入库企业实行`` → 入库企业, ``40万吨草酸`` → 草酸).

    The noun runs to a function word, punctuation, or a verb that has more of the
    clause after it holding another verb or figure (``退役军人补缴情况摸排``); a
    verb right after the figure means there is no such noun (``27项实现…``)."""
    text = view.text
    if start >= clause_end or not HAN.match(text[start]):
        return None
    if lex.change_tail.match(text, start) or any(p.match(text, start) for p, _ in lex.bases):
        return None
    # the noun phrase cannot run past the next list mark or punctuation
    stop = next((k for k in range(start, clause_end) if text[k] in LIST_MARKS), clause_end)
    words = _words(text[start:stop])
    pos = _pos()
    verbs_at = [i for i, (w, _, _) in enumerate(words) if pos.get(w) == "v"]
    figures = [q.start for q in view.quantities if start <= q.start < stop]
    end = start
    for i, (w, s, e) in enumerate(words):
        if w in NOUN_STOPS or not HAN.match(w[0]):
            break
        later = any(j > i for j in verbs_at) or any(f >= start + e for f in figures)
        quoted = text[start + e : start + e + 1] in "“‘《「"
        last = i == len(words) - 1 or not HAN.match(words[i + 1][0][0])
        tag = pos.get(w, "")
        if tag == "v" and (i == 0 and HAN.search(text, start + e, clause_end) or i > 0 and (later or quoted)):
            break
        if i > 0 and tag == "vn" and last:
            break
        end = start + e
    if end <= start:
        return None
    return start, end


def first_word(text: str, a: int, b: int) -> int:
    """The end of the first word of ``text[a:b]``."""
    words = _words(text[a:b])
    return a + words[0][2] if words else b


ADVERBS = ("共", "累计", "已", "共计", "先后", "陆续", "均", "总共")


def after_last_verb(text: str, a: int, b: int) -> int:
    """Where the counted noun starts after the verb of a phrase (调查共记录到水鸟 → 水鸟,
    平台汇聚数据 → 数据): a verb after an adverb, or after a subject of its own; a verb
    that opens the phrase or follows a short modifier is part of the name (出生人口,
    城镇新增就业)."""
    words = _words(text[a:b])
    for i in range(len(words) - 2, 0, -1):
        w, s, e = words[i]
        if not is_verb(w) or b - (a + e) < 2 or len(words[i + 1][0]) < 2 or "、" in text[a + e : b]:
            continue
        if words[i - 1][0] in ADVERBS or s >= 4:
            return a + e
    return a


def names_for(metric: str, raw: str, count: int) -> list[str]:
    """The name of each of ``count`` figures that one metric phrase gives together.

    ``存贷款余额`` for two figures → 存款余额, 贷款余额 (leading characters that
    share the rest of the phrase); ``A和B`` / ``A、B`` → A, B; otherwise the phrase.
    ``metric`` is the phrase in simplified characters (for the split), ``raw`` as written
    (for the names).
    """
    if count <= 1:
        return [raw] * count
    cuts = [m.start() for m in re.finditer(r"[、和及与]", metric)]
    bounds = [-1, *cuts, len(metric)]
    parts = [raw[a + 1 : b] for a, b in zip(bounds, bounds[1:]) if b > a + 1]
    if len(parts) == count:
        # 轻、重工业占比 / 城镇和农村居民收入: a short part shares the last part's tail
        last = parts[-1]
        return [p + last[len(p) :] if len(p) < len(last) and not NUMERAL.fullmatch(p) else p for p in parts]
    if len(metric) > count + 1:
        heads = raw[:count]
        tail = raw[count:]
        if all(HAN.match(c) for c in heads):
            return [h + tail for h in heads]
    return [raw] * count


def is_list_gap(gap: str) -> bool:
    return bool(LIST_GAP.match(gap))
