"""From one sentence's quantities to draft records: which figure is a level, which
a change, which phrase names them, and which changes belong to which level.

Clause by clause (the sentence cut at commas and semicolons): a figure after a
change verb is a change; any other is a level. A change whose clause names no
metric of its own (``,比上年增长10.2%``) is the change of the level before it;
figures listed together (``7537.8亿元、4673.7亿元``, ``5目9科31种``) share their
metric phrase. Figures that are not records (RECORDS.md) are left out here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .change import Base, ChangeCue, ComparisonCue, change_cue, comparison_clause, find_base
from .lexicon import Lexicon
from .metric import after_last_verb, counted_noun_after, first_word, is_list_gap, names_for, trim
from .record import NoAmount
from .view import Item, SentenceView

DIGIT = re.compile(r"[0-9０-９]")
RATIO = re.compile(r"[0-9０-９.]\s*[:：∶]\s*[0-9０-９]")
# an ordinal or rank around a figure: 第六位, 排名第3
RANK_AFTER = re.compile(r"^(?:位|名)(?:次)?")
THRESHOLD = ("以上", "以下", "及以上", "及以下")
PERCENT_KINDS = ("PERCENT",)
# kinds whose figure written before a noun gives that noun's capacity (40万吨草酸)
CAPACITY = ("MASS", "VOLUME", "POWER", "ENERGY", "LENGTH", "AREA")


@dataclass
class Draft:
    """A record being read, in view offsets."""

    clause: int
    anchor: int  # view offset of its first figure
    metric: Optional[tuple[int, int]] = None
    name: Optional[str] = None
    value: Optional[Item] = None
    change: Optional[tuple[Item, str, Optional[Base]]] = None
    alt_changes: list = field(default_factory=list)
    subject: Optional[Item] = None
    status: str = "actual"
    group: int = -1  # figures sharing one metric phrase
    rate_of: Optional["Draft"] = None  # the record whose growth rate this one changes
    base_of: Optional["Draft"] = None  # the record this level is the comparison base of
    base: Optional[Base] = None  # ... and the base phrase that quotes it
    quoted: bool = False  # a figure of another place, in brackets (高于全国(4.1%))


def _inside_title(text: str, start: int) -> bool:
    return text.rfind("《", 0, start) > text.rfind("》", 0, start)


def not_a_record(view: SentenceView, q: Item, persons: list[Item], clause: tuple[int, int]) -> bool:
    """RECORDS.md's "Not records": durations and streaks, scheme design numbers written
    in words (五档, 三大环节), thresholds inside names, ratios, ranks, one person's figures."""
    fact = q.fact
    text = view.text
    if fact.kind == "DURATION":
        return True
    if fact.value is None:
        return True
    if fact.kind == "COUNT" and not DIGIT.search(fact.text):
        return True
    if _inside_title(text, q.start):
        return True
    if fact.text.endswith(THRESHOLD) and q.end < len(text) and re.match(r"[\u4e00-\u9fff]", text[q.end]):
        return True
    if RATIO.search(text[max(0, q.start - 2) : q.start + 1]) or RATIO.search(text[q.end - 1 : q.end + 2]):
        return True
    if text[q.start - 1 : q.start] == "第" or RANK_AFTER.match(text[q.end : q.end + 2]) and fact.kind == "COUNT" and fact.unit in ("位", "名"):
        return True
    if any(clause[0] <= p.start < q.start for p in persons):
        return True
    if "之一" in text[q.end : clause[1]]:  # 全国18个典型地区之一: the size of an honour list
        return True
    return False


def _status(view: SentenceView, q: Item, clause: tuple[int, int], lex: Lexicon, metric_text: str) -> str:
    text = view.text
    seg_start = max((s for s, _ in view.segments() if s <= q.start), default=0)
    cue = lex.target_re.search(text, seg_start, q.start)
    if cue is not None and "的" not in text[cue.end() : q.start] and "占" not in text[seg_start : q.start]:
        return "target"
    head = text[clause[0] : q.start]
    if lex.plan_word in head and not re.search(r"占|的", head[head.index(lex.plan_word) :]) and "占" not in head:
        return "target"
    fact = q.fact
    if fact.kind != "COUNT":
        if any(w in metric_text for w in lex.planned_metric):
            return "planned"
        after = text[q.end : clause[1]]
        if any(w in after for w in lex.planned_after):
            return "planned"
    return "actual"


def read_sentence(view: SentenceView, lex: Lexicon) -> list[Draft]:
    """The draft records of one sentence, in text order."""
    return _SentenceReader(view, lex).read()


class _SentenceReader:
    """Reads one sentence figure by figure, remembering what the figures before said."""

    def __init__(self, view: SentenceView, lex: Lexicon):
        self.view, self.lex, self.text = view, lex, view.text
        self.persons = [e for e in view.entities if e.label == "PERSON"]
        self.drafts: list[Draft] = []
        self.groups = 0
        self.sentence_base: Optional[Base] = None  # 与上年同期相比, as a clause of its own
        self.pending_base: Optional[Base] = None  # the base quoting a level, for the change after it
        self.prev_q: Optional[Item] = None
        self.prev_draft: Optional[Draft] = None
        self.prev_role: Optional[str] = None

    def read(self) -> list[Draft]:
        text, lex = self.text, self.lex
        for ci, clause in enumerate(self.view.clauses()):
            cs, ce = clause
            cb = comparison_clause(text, cs, ce, lex)
            if cb is not None:
                self.sentence_base = cb
                continue
            qs = [q for q in self.view.quantities if cs <= q.start < ce]
            left = cs
            for q in qs:
                if not_a_record(self.view, q, self.persons, clause):
                    continue  # its words stay in the phrase around it (两年平均下降2.3%)
                gap = text[left : q.start]
                if gap.rstrip().endswith(lex.restatement):
                    left = q.end
                    continue  # 约合20533美元: the same level in another currency
                after_quoted = self._after_quoted(gap, cs)
                if after_quoted is not None:
                    # 高于全国平均增速(4.1%)3.3个百分点: the gap to the quoted place's figure
                    self._change(q, ci, clause, q.start, after_quoted)
                elif self.prev_q is not None and self.prev_q.end >= cs and self.prev_draft is not None and is_list_gap(gap):
                    self._listed(q, ci)
                else:
                    cue = change_cue(text, left, q.start, lex, q.fact.kind)
                    if cue is not None:
                        self._change(q, ci, clause, left, cue)
                    else:
                        self._level(q, ci, clause, left)
                left = q.end
            last = self.drafts[-1] if self.drafts else None
            if not qs and last is not None and last.change is None and last.value is not None:
                _flat_without_number(self.view, last, clause, lex, self.sentence_base)
        _name_groups(self.view, self.drafts)
        for d in self.drafts:
            if d.base_of is not None:
                d.name = d.base_of.name
        return self.drafts

    def _after_quoted(self, gap: str, cs: int) -> Optional[ChangeCue]:
        """The comparison a figure right after a bracketed figure of another place states."""
        prev = self.prev_draft
        if gap.strip() not in (")", "）") or prev is None or not prev.quoted:
            return None
        bracket = prev.anchor - 1
        m = self.lex.comparison_re.search(self.text, cs, bracket)
        if m is None:
            return None
        base = Base("other", m.start(), bracket, self.text[m.start() : bracket])
        return ComparisonCue(m.start(), self.lex.comparisons[m.group("verb")], base)

    def _remember(self, q: Item, draft: Draft, role: str) -> None:
        self.prev_q, self.prev_draft, self.prev_role = q, draft, role

    def _new(self, q: Item, ci: int, metric, subject, clause: tuple[int, int]) -> Draft:
        self.groups += 1
        d = Draft(ci, q.start, metric=metric, subject=subject, group=self.groups)
        metric_text = self.text[metric[0] : metric[1]] if metric else ""
        d.status = _status(self.view, q, clause, self.lex, metric_text)
        self.drafts.append(d)
        return d

    def _listed(self, q: Item, ci: int) -> None:
        """A figure listed after another (7537.8亿元、4673.7亿元): the same metric and role."""
        prev = self.prev_draft
        d = Draft(ci, q.start, metric=prev.metric, subject=prev.subject, group=prev.group, status=prev.status)
        if self.prev_role == "change":
            _, direction, base = prev.change
            d.change = (q, _flat(q, direction), base)
        else:
            d.value = q
        self.drafts.append(d)
        self.prev_q, self.prev_draft = q, d

    def _change(self, q: Item, ci: int, clause: tuple[int, int], left: int, cue: ChangeCue) -> None:
        text, lex = self.text, self.lex
        base = getattr(cue, "base", None) or find_base(text, left, cue.verb_start, lex)
        if base is None and self.pending_base is not None and self.pending_base.end <= q.start:
            base = self.pending_base
        self.pending_base = None
        if base is None:
            base = self.sentence_base
        m_end = base.start if base is not None and base.start >= left else cue.verb_start
        a, b, subject = trim(self.view, left, m_end, lex, leading_verbs=False)
        if b <= a:  # no metric of its own: a change of the record before it
            target = _level_for_change(self.drafts)
            if target is not None and _rate_change(target, q):
                # 同比增长7.4%,比上年同期提高2.9个百分点: a change of the growth rate itself
                d = self._new(q, ci, target.metric, target.subject, clause)
                d.change, d.rate_of = (q, _flat(q, cue.direction), base), target
                self._remember(q, d, "change")
                return
            if target is not None:
                _attach(target, q, cue.direction, base)
                self._remember(q, target, "change")
                return
        d = self._new(q, ci, (a, b) if b > a else None, subject, clause)
        d.change = (q, _flat(q, cue.direction), base)
        self._remember(q, d, "change")

    def _level(self, q: Item, ci: int, clause: tuple[int, int], left: int) -> None:
        text, lex, view = self.text, self.lex, self.view
        count = q.fact.kind == "COUNT"
        a, b, subject = trim(view, left, q.start, lex, leading_verbs=count)
        if count and b > a:
            a = after_last_verb(text, a, b)
        after = counted_noun_after(view, q.end, clause[1], lex) if count or q.fact.kind in CAPACITY else None
        if after is not None:
            a, b = _noun_after(view, after, lex, count)
        quoted = _quoted_base(text, a, b, lex)
        if quoted is not None and self.drafts and self.drafts[-1].value is not None:
            # 比2000年的150亿元增长15.4倍: the level of the base is a record of its own
            main = self.drafts[-1]
            d = Draft(ci, q.start, metric=main.metric, subject=main.subject, value=q, base_of=main, base=quoted)
            self.drafts.append(d)
            self.pending_base = quoted
            self._remember(q, main, "level")
            return
        if text[a:b] in lex.rate_words:
            # 计划完成固定资产投资85.9亿元,增速12%: the growth rate of the level before
            target = _level_for_change(self.drafts)
            if target is not None and target.value is not None:
                negative = q.fact.value is not None and q.fact.value < 0
                _attach(target, q, "down" if negative else "up", None)
                self._remember(q, target, "change")
                return
        metric = (a, b) if b > a else None
        if text[q.start - 1 : q.start] in "(（" and metric is not None and b >= q.start - 1:
            # 呼和浩特市(23.1%): a figure of the place before the bracket, its metric said elsewhere
            from .places import quoted_place

            quoted = quoted_place(view, q.start, q.end, lex, None)
            if quoted is not None:
                metric = (quoted[1], q.start - 1) if q.start - 1 - quoted[1] >= 2 else None
        else:
            quoted = None
        compared = _level_for_change(self.drafts) if quoted is not None else None
        if compared is not None and compared.metric is not None:
            # 失业率为3.5%,低于全国平均水平(5.2%): the same indicator, of the other place
            metric = compared.metric
        d = self._new(q, ci, metric, subject, clause)
        d.value, d.quoted = q, quoted is not None
        if compared is not None and compared.metric is not None and compared.value is None:
            d.rate_of = compared  # 增长7.4%,高于全国平均增速(4.1%): the growth rate of the place
        self._remember(q, d, "level")


def _flat_without_number(view: SentenceView, d: Draft, clause: tuple[int, int], lex: Lexicon,
                         sentence_base: Optional[Base]) -> None:
    """``烟叶产量0.8万吨,与去年持平``: the level's change is flat, with no amount."""
    text = view.text
    at = text.find(lex.flat_word, *clause)
    if at < 0:
        return
    base = find_base(text, clause[0], at, lex) or sentence_base
    if base is None:
        m = re.search(r"(?:与|和|同|较|比)[^，,；;。]{1,8}$", text[clause[0] : at])
        if m is not None:
            base = Base("yoy" if "去年" in m.group() or "上年" in m.group() else "other",
                        clause[0] + m.start(), clause[0] + m.end(), m.group())
    end = at + len(lex.flat_word)
    s, e = view.to_original(at, end)
    q = Item(at, end, NoAmount(view.raw[at:end], s, e))
    d.change = (q, "flat", base)


def _noun_after(view: SentenceView, span: tuple[int, int], lex: Lexicon, count: bool) -> tuple[int, int]:
    """The metric a figure written before its noun gives: a count's counted noun, the
    product of a capacity (``60万吨草酸亚铁项目`` → 草酸亚铁). When the noun is itself
    measured by the next figure (``4家上市公司总市值达1658亿元``) the count names its first word."""
    text = view.text
    a, b = span
    if count:
        m = lex.link_head.match(text, b)
        nxt = m.end() if m else b
        if m and any(q.start == nxt for q in view.quantities):
            return a, first_word(text, a, b)
        return a, b
    for tail in lex.planned_after:
        if text.endswith(tail, a, b) and b - len(tail) > a:
            return a, b - len(tail)
    return a, b


def _flat(q: Item, direction: str) -> str:
    """``增长0.0%`` is flat; ``增长-0.1%`` is down."""
    value = q.fact.value
    if value is None:
        return direction
    if value == 0:
        return "flat"
    if value < 0:
        return {"up": "down", "down": "up"}.get(direction, direction)
    return direction


def _level_for_change(drafts: list[Draft]) -> Optional[Draft]:
    """The record a change with no metric of its own belongs to: the last one of the
    sentence (a second change of it, against another base or in other units, is an
    alternative change), past a level quoted as its base."""
    for d in reversed(drafts):
        if d.base_of is None and not d.quoted:
            return d
    return None


def _quoted_base(text: str, a: int, b: int, lex: Lexicon) -> Optional[Base]:
    """The base phrase that is all of ``text[a:b]`` (``比2000年的``, ``比去年同期``)."""
    if a >= b:
        return None
    base = find_base(text, a, b, lex)
    if base is None or base.start != a or text[base.end : b].strip("的 ") != "":
        return None
    return base


def _rate_change(d: Draft, q: Item) -> bool:
    """A change in percentage points after a growth rate in per cent changes that rate."""
    return (
        q.fact.kind == "PERCENT_POINT"
        and d.change is not None
        and d.change[0].fact.kind == "PERCENT"
        and (d.value is None or d.value.fact.kind != "PERCENT")
    )


def _attach(d: Draft, q: Item, direction: str, base: Optional[Base]) -> None:
    change = (q, _flat(q, direction), base)
    if d.change is None:
        d.change = change
    elif q.fact.kind in PERCENT_KINDS and d.change[0].fact.kind not in PERCENT_KINDS:
        d.alt_changes.append(d.change)
        d.change = change
    else:
        d.alt_changes.append(change)


RATE_SUFFIX = "增速"  # the name of a growth rate: 农林牧渔业增加值 → 农林牧渔业增加值增速


def _name_groups(view: SentenceView, drafts: list[Draft]) -> None:
    """Names for figures that share a metric phrase (存贷款余额分别为A、B → 存款余额, 贷款余额)."""
    by_group: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.base_of is None:
            by_group.setdefault(d.group, []).append(d)
    for members in by_group.values():
        first = members[0]
        if first.metric is None:
            continue
        a, b = first.metric
        respectively = "分别" in view.text[b : first.anchor]
        raw = view.raw[a:b]
        names = names_for(view.text[a:b], raw, len(members)) if respectively else [raw] * len(members)
        for d, name in zip(members, names):
            d.name = name + RATE_SUFFIX if d.rate_of is not None else name
