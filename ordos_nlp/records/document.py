"""From a processed ``Doc`` to its records: sentences read one by one, with what
carries across them (RECORDS.md): within a paragraph, a change with no stated
base takes the base of the change before it and a sentence with no date the
period before it; a breakdown paragraph (``其中``, ``分产业看``) takes its
total's base across the line break; each article has its own place and period.

Only what the components left on the ``Doc`` is read: the layout's sentences,
soft breaks and articles, and the quantities, dates and entities spans.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Optional

from spacy.tokens import Doc

from ..entities.gazetteer import LEVEL_CITY, get_gazetteer
from ..spans import doc_text, facts_by_range
from .change import Base, season_year_basis
from .lexicon import Lexicon, get_lexicon
from .periods import base_period, first_period, sentence_period, year_of
from .places import Unit, article_unit, clause_place, quoted_place, unit_of_code, unit_of_entity
from .reader import Draft, read_sentence
from .record import Change, Metric, Period, Record, RecordPlace, Subject
from .view import SentenceView, add_items, build_view


# the sentences of an article's opening that may name its place
LEAD_SENTENCES = 3


@dataclass(frozen=True)
class Settings:
    """What the caller says about the document: its unit, its period, its date."""

    place: Optional[Unit] = None
    period: Optional[str] = None
    doc_date: Optional[date] = None

    @property
    def reported(self) -> Optional[str]:
        """The year of ``doc_period``, which a date that writes no year refers to."""
        return self.period[:4] if self.period and self.period[:4].isdigit() else None

    @property
    def year(self) -> Optional[str]:
        if self.period and self.period[:4].isdigit():
            return self.period[:4]
        if self.doc_date is not None:
            return f"{self.doc_date.year:04d}"
        return None


def sentence_views(doc: Doc, lex: Lexicon) -> list[SentenceView]:
    """Every sentence of ``doc`` as a view, with its facts, paragraph and article."""
    text = doc_text(doc)
    ranges = list(doc._.sentence_kinds) if doc._.sentence_kinds is not None else [(0, len(text), "body")]
    soft = list(doc._.soft_breaks or ())
    articles = list(doc._.articles or ())
    art_starts = [a.start for a in articles]
    views: list[SentenceView] = []
    paragraph = 0
    prev_end = None
    for s, e, kind in ranges:
        if prev_end is not None and "\n" in text[prev_end:s]:
            paragraph += 1
        prev_end = e
        i = bisect_right(art_starts, s) - 1
        article = articles[i].index if i >= 0 and s < articles[i].end else None
        views.append(build_view(text, s, e, soft, kind, paragraph, article, lex.simplify))
    buckets = facts_by_range(doc, ranges)
    for v, b in zip(views, buckets):
        add_items(v, b["quantities"], v.quantities)
        add_items(v, b["dates"], v.dates)
        add_items(v, b["entities"], v.entities)
    return views


@dataclass
class _ArticleContext:
    unit: Optional[Unit]
    period: Optional[Period]


def _page_unit(views: list[SentenceView]) -> Optional[Unit]:
    """The city (or league) a text without ``doc_place`` is about: the one its places most
    often belong to, when one leads."""
    counts: Counter = Counter()
    for v in views:
        for e in v.entities:
            unit = unit_of_entity(e) if e.label == "GPE" else None
            if unit is None:
                continue
            city = next((c for c in unit.lineage if get_gazetteer().level_of(c) == LEVEL_CITY), None)
            if city is not None:
                counts[city] += 1
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return unit_of_code(top[0][0])


def _article_contexts(views: list[SentenceView], settings: Settings, lex: Lexicon) -> dict:
    out: dict = {}
    by_article: dict = {}
    for v in views:
        by_article.setdefault(v.article, []).append(v)
    fallback = settings.place or _page_unit(views)
    for index, vs in by_article.items():
        headline = [v for v in vs if v.kind == "headline"][:3]
        dateline = [v for v in vs if v.kind == "dateline"]
        body = [v for v in vs if v.kind == "body"]
        unit = article_unit(headline, dateline, body[:LEAD_SENTENCES], fallback, [*headline, *body], lex)
        out[index] = _ArticleContext(unit, first_period(headline, settings.year, lex, settings.reported))
    return out


@dataclass
class _Paragraph:
    index: int = -1
    base: Optional[Base] = None
    period: Optional[Period] = None
    place: Optional[RecordPlace] = None


def records_from_doc(doc: Doc, settings: Settings = Settings(), lex: Optional[Lexicon] = None) -> list[Record]:
    """The records of a processed ``doc``, in text order."""
    lex = lex or get_lexicon()
    if not doc.spans.get("quantities"):
        return []  # every record has a figure (持平 too is said of one)
    text = doc_text(doc)
    views = sentence_views(doc, lex)
    contexts = _article_contexts(views, settings, lex)
    records: list[Record] = []
    para = _Paragraph()
    prev_para_base: Optional[Base] = None
    for v in views:
        if v.kind != "body" or not v.quantities:
            if v.paragraph != para.index:
                prev_para_base = para.base or prev_para_base
                para = _Paragraph(v.paragraph)
            if v.kind == "body" and v.dates:
                # a sentence without figures still dates the paragraph's next ones
                stated = sentence_period(v, len(v.text), _base_spans(v, lex), settings.year, lex, settings.reported)
                para.period = stated or para.period
            continue
        if v.paragraph != para.index:
            prev_para_base = para.base or prev_para_base
            para = _Paragraph(v.paragraph)
            if lex.breakdown.match(v.text):
                para.base = _inherited(prev_para_base)
        ctx = contexts.get(v.article) or _ArticleContext(settings.place, None)
        for d in read_sentence(v, lex):
            records.append(_record(text, v, d, ctx, para, settings, lex))
    return records


def _inherited(base: Optional[Base]) -> Optional[Base]:
    return None if base is None else Base(base.basis, base.start, base.end, "")


def _record(text: str, v: SentenceView, d: Draft, ctx: _ArticleContext, para: _Paragraph, settings: Settings,
            lex: Lexicon) -> Record:
    skip = list(_base_spans(v, lex))
    if d.change is not None and d.change[2] is not None:
        skip.append((d.change[2].start, d.change[2].end))
    period = sentence_period(v, d.anchor, skip, settings.year, lex, settings.reported)
    if period is None:
        period = para.period or ctx.period or (Period(settings.period) if settings.period else None)
    elif d.base_of is None:
        para.period = period
    if d.base is not None:
        period = base_period(d.base.text, period)
    place = _place(v, d, ctx, para, lex)
    # bases are stated and inherited in text order, whichever change is the main one
    written = sorted([c for c in (d.change, *d.alt_changes) if c is not None], key=lambda c: c[0].start)
    read = {id(c): _change(v, c, para, year_of(period)) for c in written}
    change = read[id(d.change)] if d.change is not None else None
    alt = tuple(read[id(c)] for c in d.alt_changes)
    metric = None
    if d.metric is not None:
        s, e = v.to_original(*d.metric)
        # the caller's characters: a PDF line break inside the phrase stays in its text
        metric = Metric(text[s:e], s, e, d.name or v.raw[d.metric[0] : d.metric[1]])
    return Record(
        metric=metric,
        value=d.value.fact if d.value is not None else None,
        change=change,
        alt_changes=alt,
        place=place,
        period=period,
        subject=_subject(v, d, lex),
        status=d.status,
        article=v.article,
    )


def _base_spans(v: SentenceView, lex: Lexicon) -> list[tuple[int, int]]:
    """Where the sentence states comparison bases: the dates there are not periods."""
    if "bases" not in v.cache:
        from .change import comparison_clause

        spans = []
        if lex.any_base.search(v.text):
            spans = [m.span() for pattern, _ in lex.bases for m in pattern.finditer(v.text)]
        for cs, ce in v.clauses():
            cb = comparison_clause(v.text, cs, ce, lex)
            if cb is not None:
                spans.append((cb.start, cb.end))
        v.cache["bases"] = spans
    return v.cache["bases"]


def _change(v: SentenceView, change, para: _Paragraph, period_year: Optional[int]) -> Change:
    q, direction, base = change
    if base is not None and base.text:
        base = season_year_basis(base, period_year)
        if base.basis != "other":  # 较2021年, 高于全国: said of this change only, not carried
            para.base = base
        return Change(q.fact, direction, base.basis, base.text)
    inherited = para.base
    if inherited is not None:
        return Change(q.fact, direction, inherited.basis, None)
    return Change(q.fact, direction, None, None)


def _place(v: SentenceView, d: Draft, ctx: _ArticleContext, para: _Paragraph, lex: Lexicon) -> Optional[RecordPlace]:
    if d.value is not None:
        quoted = quoted_place(v, d.value.start, d.value.end, lex, ctx.unit)
        if quoted is not None:
            return quoted[2]
    clauses = v.clauses()
    for ci in range(d.clause, -1, -1):
        key = ("place", ci)
        if key not in v.cache:
            v.cache[key] = clause_place(v, clauses[ci], lex, ctx.unit)
        p = v.cache[key]
        if p is not None:
            if not p.implied:
                para.place = p
            # named in the record's own clause, or else carried to it
            return p if ci == d.clause else replace(p, implied=True)
    if para.place is not None:
        return replace(para.place, implied=True)
    if ctx.unit is not None:
        return ctx.unit.as_place(True)
    return None


def _subject(v: SentenceView, d: Draft, lex: Lexicon) -> Optional[Subject]:
    """The company a figure belongs to: the organisation opening its metric, written right
    before the figure, or opening the sentence part (between semicolons) that holds it."""

    def ok(e) -> bool:
        if e.label != "ORG" or e.fact.text.endswith(lex.not_subject_suffixes):
            return False
        if v.text[e.start - 1 : e.start] in "“‘「《":  # a named platform or product, not an owner
            return False
        return v.text[e.start - 1 : e.start] != "、" and v.text[e.end : e.end + 1] != "、"

    def subject(e) -> Subject:
        return Subject(e.fact.text, e.fact.start, e.fact.end)

    if d.subject is not None and ok(d.subject):
        return subject(d.subject)
    first = d.metric[0] if d.metric is not None else d.anchor
    for e in v.entities:
        if ok(e) and 0 <= min(first, d.anchor) - e.end <= 1:
            return subject(e)
    seg = next(((a, b) for a, b in v.segments() if a <= d.anchor <= b), None)
    if seg is not None:
        for e in v.entities:
            if seg[0] <= e.start < d.anchor and ok(e):
                return subject(e)
    return None
