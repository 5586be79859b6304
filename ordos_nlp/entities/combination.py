"""How the recogniser's names join the rules'.

``combine`` joins the two layers: the rules' newspaper marks (bylines,
datelines, credits) always stand; a model name that crosses a rule name, or
equals one, or is shorter, gives way; a model name that holds one or more
rule names whole (南京海拓 around 南京) replaces them, and so does one that reads on
from a rules' organisation to its department (中山大学|历史系: ``sub_units``); a
model name on a rules' place, read as an organisation or a person more likely
than not, takes that label (a country for its team, 杨学山 named like a hill); a
model name where the rules have nothing is taken when the model is sure enough of
it. A place read into frequent words is left out unless the dictionary tags it as
a proper name (``proper_places``: 苏联, 太平洋).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .candidates import IS_HAN, LEVEL_ABBREV, Candidate, Tokens, _freq, _needs_context, _pos_table
from .gazetteer import resolve
from .lexicon import get_lexicon
from .rules import BOOK_TITLE
from .sub_units import sub_unit_tail

#: the rank of the recogniser's names among the candidates (the rules' rank from 19 up)
MODEL_PRIORITY = 10

# a model name where the rules found nothing: the least probability of its tags
# (chosen on the MSRA dev split: benchmarks/ner_eval.py)
MIN_PROB = 0.35

# a model name on a rule's place, read as an organisation or a person: more likely than not
RELABEL_MIN_PROB = 0.5

# the rules whose places it may relabel: a name of the gazetteer, a name by its last character
# (杨学|山); a village, a zone or a list item is a place by its own word (巴格巴嘎查)
RELABEL_SOURCES = ("gazetteer", "suffix")

# a model name that holds rule names whole (a place prefix and a company name): the rules agree in part
MIN_PROB_WIDER = 0.0


def _prob(c: Candidate) -> float:
    return getattr(c, "prob", 1.0)


def _names_no_place(rule: Candidate, m: Candidate) -> bool:
    """Whether the model reads a name the rules took for a place (a place's name, a name
    ending in a place's kind word: 杨学|山) as an organisation or a person, more likely
    than not: a country's name for its team, a person named like a hill (``RELABEL_SOURCES``)."""
    return (rule.label in ("GPE", "LOC") and rule.source in RELABEL_SOURCES and m.label in ("ORG", "PERSON")
            and _prob(m) >= RELABEL_MIN_PROB)


def combine(rule_cands: list[Candidate], model_cands: list[Candidate], min_prob: Optional[float] = None,
            text: str = "") -> list[Candidate]:
    """The rules' names with the model's joined in (see the module docstring); sorted, non-overlapping.

    ``min_prob``: the least tag probability a model name needs (default ``MIN_PROB``);
    ``text``: the text read, where a model name may add a sub-unit to a rule's (``sub_units``).
    """
    if min_prob is None:
        min_prob = MIN_PROB
    chosen = sorted(rule_cands, key=lambda c: c.start)
    starts = [c.start for c in chosen]
    from bisect import bisect_left

    for m in sorted(model_cands, key=lambda c: (c.start, -c.length)):
        i = bisect_left(starts, m.start)
        # rule names overlapping m: scan left one step (a name starting before m) and right
        lo = i - 1 if i > 0 and chosen[i - 1].end > m.start else i
        hi = i
        while hi < len(chosen) and chosen[hi].start < m.end:
            hi += 1
        over = chosen[lo:hi]
        if not over:
            if _prob(m) >= min_prob:
                chosen.insert(i, m)
                starts.insert(i, m.start)
            continue
        if any(r.priority >= 100 or r.source == "model" for r in over):
            continue
        if len(over) == 1 and (over[0].start, over[0].end) == (m.start, m.end) and _names_no_place(over[0], m):
            chosen[lo] = m  # 同西班牙这样的球队交手, 总经济师杨学山: the place's name names a team, a person
            continue
        inside = all(m.start <= r.start and r.end <= m.end for r in over)
        if not inside or (m.start, m.end) in {(r.start, r.end) for r in over}:
            continue
        if m.label in ("GPE", "LOC") and (any(r.label == "ORG" for r in over) or _division_chain(over, m)):
            continue  # a place never swallows an organisation, nor a chain of divisions (one GPE a level)
        if any(r.label == "ORG" and r.source == "suffix" and r.end < m.end for r in over) and not (
                m.label == "ORG" and text and sub_unit_tail(text, max(r.end for r in over), m.end)):
            continue  # 金寨一中|金光耀: a name that ends in its kind word ends there, but for its sub-unit
        if _prob(m) < min(min_prob, MIN_PROB_WIDER):
            continue
        if m.label in ("GPE", "LOC") and any(r.label == "PERSON" for r in over) and _prob(m) < RELABEL_MIN_PROB:
            continue  # 小王|书记: a person the rules found is a place's part only if more likely than not
        del chosen[lo:hi]
        del starts[lo:hi]
        chosen.insert(lo, m)
        starts.insert(lo, m.start)
    return chosen


def _division_chain(over: list[Candidate], m: Candidate) -> bool:
    """Whether two or more divisions side by side are all of ``m`` (黄岛街道|弘祥社区)."""
    if len(over) < 2 or any(r.label != "GPE" for r in over):
        return False
    return over[0].start == m.start and over[-1].end == m.end and all(
        a.end == b.start for a, b in zip(over, over[1:]))


# a division's level word at the end of a name: whichever division it is, the name is one
DIVISION_ENDINGS = LEVEL_ABBREV + ("街道",)


def resolve_model_places(chosen: list[Candidate], text: str) -> list[Candidate]:
    """Codes and parents for the model's places, read in the context of the other places found.

    A division named with a common word (莲花镇, 发展乡) needs its region in the text to be
    read as that division; without it, a name the model reads as a place stays a GPE, with
    no code, when it ends in its level word (项目位于莲花镇: some town 莲花镇), and is a LOC
    otherwise."""
    gaz = get_lexicon().gaz
    context: set[str] = set()
    for c in chosen:
        if c.label == "GPE" and c.source != "model" and c.adcode:
            context.add(c.adcode)
            context.update(c.parents)
    for c in chosen:
        if c.source == "model" and c.label == "GPE" and c.readings and not _needs_context(c.readings):
            r = resolve(list(c.readings), set(), gaz)
            if r is not None and len({(p.code, p.parent) for p in c.readings}) == 1:
                context.update(gaz.lineage(r))
    out = []
    for c in chosen:
        if c.source == "model":
            if c.label == "GPE" and c.readings:
                if _needs_context(c.readings) and not any(
                    code in context for p in c.readings for code in gaz.parents(p.code)
                ):
                    if text[c.start : c.end].endswith(DIVISION_ENDINGS):
                        c = replace(c, adcode=None)
                    else:
                        c = replace(c, label="LOC", adcode=None, readings=())
                else:
                    r = resolve(list(c.readings), context, gaz)
                    if r is not None:
                        c = replace(c, adcode=r.code, parents=gaz.place_parents(r))
                    else:
                        c = replace(c, adcode=None)
        out.append(c)
    return out


def repeat_people(text: str, tokens: Tokens, chosen: list[Candidate]) -> list[Candidate]:
    """A person named once is that person wherever else the text writes the name: the
    recogniser reads the same name with less certainty in another sentence (吉木舍每周…,
    then 吉木舍娴熟地…). Three characters or more are read anywhere; two only as whole words."""
    names = {text[c.start : c.end] for c in chosen if c.label == "PERSON" and c.length >= 2}
    if not names:
        return chosen
    blocked = [m.span() for m in BOOK_TITLE.finditer(text)]
    spans = sorted((c.start, c.end) for c in chosen)
    from bisect import bisect_left

    added = []
    for name in sorted(names, key=len, reverse=True):
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            i = bisect_left(spans, (end, end))
            free = not any(s < end and pos < e for s, e in spans[max(0, i - 8) : i])
            whole = len(name) >= 3 or (
                (pos == 0 or tokens.is_bound(pos) or not IS_HAN.match(text[pos - 1]))
                and (end == len(text) or tokens.is_bound(end)
                     or not IS_HAN.match(text[end])))
            if free and whole and not any(bs < end and pos < be for bs, be in blocked):
                added.append(Candidate(pos, end, "PERSON", MODEL_PRIORITY, "repeat"))
                spans.insert(i, (pos, end))
            pos = text.find(name, end)
    if not added:
        return chosen
    return sorted(chosen + added, key=lambda c: c.start)


# a list of names: 、 between them, or spaces in a byline line (通讯员 王瑞波 霍日查)
_LIST_ITEM = re.compile(r"(?P<sep>、|[ \u3000]+)(?P<name>[\u4e00-\u9fff]{2,4}?)(?=、|[ \u3000]*\n|[ \u3000]*$|等)")


def listed_people(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A name in a list of names is a PERSON like its neighbours (蒙瑞、布赫巴雅尔、宋玉环、白金、
    付梦迪…; 记者 李玉波 通讯员 王瑞波 霍日查): a word that is also a common noun (白金) is a
    name where it stands between names, or last before 等 or the line's end."""
    lex = get_lexicon()
    people = {(c.start, c.end) for c in chosen if c.label == "PERSON"}
    if not people:
        return chosen
    spans = sorted((c.start, c.end) for c in chosen)
    starts = {s for s, _ in spans}
    added = []
    for c in sorted(chosen, key=lambda c: c.start):
        if c.label != "PERSON":
            continue
        pos = c.end
        while True:
            m = _LIST_ITEM.match(text, pos)
            if m is None:
                break
            s, e = m.span("name")
            if m.group("sep") != "、" and text.startswith("、", e):
                break  # spaces then 、: not one list
            name = text[s:e]
            if (any(a < e and s < b for a, b in spans) or name in lex.titles or name in lex.gaz.names
                    or name in lex.not_entities or name in lex.address_words):
                break
            nxt = m.end()
            between = text[nxt : nxt + 1] == "、" and (nxt + 1) in starts and any(
                a == nxt + 1 for a, _ in people)
            last = not text.startswith("、", nxt)
            if not (between or last):
                break
            if last and not between and _freq().get(name, 0) >= 50 and (
                    _pos_table().get(name) not in ("nr", "nrfg", "nrt")):
                break  # 王婷婷 供图: a word after the names, not one of them
            added.append(Candidate(s, e, "PERSON", MODEL_PRIORITY, "list"))
            spans.append((s, e))
            if last:
                break
            pos = e
    if not added:
        return chosen
    return sorted(chosen + added, key=lambda c: c.start)
