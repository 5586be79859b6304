"""The articles of a newspaper page, from the sentences the layout found.

A page holds several articles one after another. Each opens with a headline
(one or more lines), a byline (``□王彦卿 王婷婷``) or a dateline (``康巴什讯``);
inside an article, headline lines followed straight by body text are subheads.
An author mark (``(贾宇)``) or a photo credit (``教体轩 摄``) closes an article,
and a gap of blank lines wider than the page's usual paragraph gap starts a new
one (photo captions often stand alone that way). ``(上接第一版)`` is kept as the
article's continuation mark.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .marks import AUTHOR_MARK, BYLINE_LINE, CONTINUATION, CREDIT_LINE, DATELINE, INLINE_BYLINE, clean_names
from .segment import segment


@dataclass(frozen=True)
class Mark:
    """A piece of page furniture: its text and offsets into the page."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Byline:
    """A byline: the newsroom before 记者 (``org``) and the people."""

    text: str
    start: int
    end: int
    org: Optional[Mark] = None
    persons: tuple[Mark, ...] = ()

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "org": self.org.to_dict() if self.org else None,
            "persons": [p.to_dict() for p in self.persons],
        }


@dataclass(frozen=True)
class Credit:
    """A trailing author mark (``(贾宇)``) or photo credit (``教体轩 摄``) and its people."""

    text: str
    start: int
    end: int
    persons: tuple[Mark, ...] = ()

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "persons": [p.to_dict() for p in self.persons]}


@dataclass(frozen=True)
class DatelinePlace:
    """The place of a dateline as written (``康巴什``) and the unit it names (康巴什区, 150603)."""

    text: str
    start: int
    end: int
    name: Optional[str] = None
    adcode: Optional[str] = None

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name, "adcode": self.adcode}


@dataclass(frozen=True)
class Dateline:
    """``康巴什讯`` / ``本报讯``: the dateline and its place (None for the paper itself)."""

    text: str
    start: int
    end: int
    place: Optional[DatelinePlace] = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "place": self.place.to_dict() if self.place else None,
        }


@dataclass(frozen=True)
class Body:
    """Where the article's text runs: from its first body sentence to the end of its last."""

    start: int
    end: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Article:
    """One article of a page, every part with offsets into the page. ``headline`` holds
    the lines of the headline block in order (kickers and column labels included),
    ``subheads`` the section headings inside the body."""

    index: int
    start: int
    end: int
    headline: tuple[Mark, ...] = ()
    subheads: tuple[Mark, ...] = ()
    byline: Optional[Byline] = None
    dateline: Optional[Dateline] = None
    body: Optional[Body] = None
    author_mark: Optional[Credit] = None
    photo_credit: Optional[Credit] = None
    continuation: Optional[Mark] = None

    def to_dict(self) -> dict:
        def d(x):
            return x.to_dict() if x is not None else None

        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "headline": [h.to_dict() for h in self.headline],
            "subheads": [s.to_dict() for s in self.subheads],
            "byline": d(self.byline),
            "dateline": d(self.dateline),
            "body": d(self.body),
            "author_mark": d(self.author_mark),
            "photo_credit": d(self.photo_credit),
            "continuation": d(self.continuation),
        }


# ---------------------------------------------------------------------------
# reading the marks


def _people(text: str, start: int, names_start: int, names: str) -> tuple[Mark, ...]:
    return tuple(Mark(n, start + names_start + o, start + names_start + o + len(n)) for o, n in clean_names(names))


def _byline(text: str, s: int, e: int) -> Byline:
    """A byline, credit or author mark of ``text[s:e]`` with its newsroom and people."""
    piece = text[s:e]
    m = (
        BYLINE_LINE.match(piece)
        or INLINE_BYLINE.match(piece)
        or CREDIT_LINE.match(piece)
        or AUTHOR_MARK.search(piece)
    )
    org = persons = None
    if m is not None:
        if "org" in m.groupdict() and m.group("org"):
            org = Mark(m.group("org"), s + m.start("org"), s + m.end("org"))
        persons = _people(text, s, m.start("names"), m.group("names"))
    return Byline(piece, s, e, org, persons or ())


def _credit(text: str, s: int, e: int) -> Credit:
    b = _byline(text, s, e)
    return Credit(b.text, b.start, b.end, b.persons)


def _dateline(text: str, s: int, e: int) -> Dateline:
    piece = text[s:e]
    m = DATELINE.match(piece)
    place = None
    if m is not None:
        group = "dplace" if m.group("dplace") else "place" if m.group("place") else None
        if group and m.group(group) not in ("本报", "本台"):
            name, adcode = resolve_place_name(m.group(group))
            place = DatelinePlace(m.group(group), s + m.start(group), s + m.end(group), name, adcode)
    return Dateline(piece, s, e, place)


def resolve_place_name(written: str) -> tuple[Optional[str], Optional[str]]:
    """``(full name, adcode)`` of a place as written (``康巴什`` → 康巴什区, 150603), or ``(None, None)``."""
    from ..entities.gazetteer import get_gazetteer, resolve

    gaz = get_gazetteer()
    readings = [r for r in gaz.lookup(written) if r.code]
    if not readings:
        codes = gaz.towns_by_stem(written)
        if len(codes) == 1:
            return gaz.name_of(codes[0]), codes[0]
        return None, None
    place = resolve(readings, {"150000"}, gaz)
    if place is None or not place.code:
        return None, None
    return gaz.name_of(place.code), place.code


# ---------------------------------------------------------------------------
# grouping sentences into articles


@dataclass
class _Draft:
    start: int
    end: int
    headline: list = field(default_factory=list)  # line spans
    subheads: list = field(default_factory=list)
    byline: Optional[tuple[int, int]] = None
    dateline: Optional[tuple[int, int]] = None
    body: Optional[tuple[int, int]] = None
    author: Optional[tuple[int, int]] = None
    credit: Optional[tuple[int, int]] = None
    continuation: Optional[tuple[int, int]] = None

    @property
    def closed(self) -> bool:
        return self.author is not None or self.credit is not None

    def add_body(self, s: int, e: int) -> None:
        self.body = (self.body[0] if self.body else s, e)
        self.end = max(self.end, e)


def _units(text: str, sentences) -> list[tuple[int, int, str, list]]:
    """Sentences with consecutive headline lines joined into one unit (their lines kept);
    continuation marks apart."""
    units: list[tuple[int, int, str, list]] = []
    for s, e, kind in sentences:
        if kind == "headline" and CONTINUATION.match(text[s:e]):
            kind = "continuation"
        if kind == "headline" and units and units[-1][2] == "headline":
            units[-1][3].append((s, e))
            units[-1] = (units[-1][0], e, "headline", units[-1][3])
            continue
        units.append((s, e, kind, [(s, e)]))
    return units


def _gap_lines(text: str, a: int, b: int) -> int:
    return text.count("\n", a, b)


def _wide_gap(text: str, units) -> int:
    """The number of line breaks that marks a wider gap than the page's paragraphs."""
    gaps = Counter(_gap_lines(text, p[1], u[0]) for p, u in zip(units, units[1:]))
    gaps.pop(0, None)
    usual = max(gaps.most_common(1)[0][0], 1) if gaps else 1
    return 2 * usual


def articles_from_sentences(text: str, sentences) -> list[Article]:
    """The articles of ``text`` given the layout's ``(start, end, kind)`` sentences."""
    units = _units(text, sentences)
    if not units:
        return []
    wide = _wide_gap(text, units)
    drafts: list[_Draft] = []
    cur: Optional[_Draft] = None
    for i, (s, e, kind, lines) in enumerate(units):
        nxt = units[i + 1][2] if i + 1 < len(units) else None
        gap_wide = i > 0 and _gap_lines(text, units[i - 1][1], s) >= wide
        started = cur is not None and (cur.body is not None or cur.closed)
        if kind == "headline":
            if cur is None or cur.closed or gap_wide or (started and nxt not in ("body", "headline")):
                cur = _Draft(s, e)
                drafts.append(cur)
            if started and cur.body is not None:
                cur.subheads.extend(lines)
            elif not cur.headline:
                cur.headline = list(lines)
            else:
                cur = _Draft(s, e, headline=list(lines))
                drafts.append(cur)
        elif kind in ("byline", "dateline", "continuation"):
            if cur is None or started or gap_wide or (kind == "byline" and cur.byline is not None):
                cur = _Draft(s, e)
                drafts.append(cur)
            setattr(cur, kind, (s, e))
        elif kind in ("author", "credit"):
            if cur is None:
                cur = _Draft(s, e)
                drafts.append(cur)
            setattr(cur, kind, (s, e))
        else:  # body
            if cur is None or cur.closed or gap_wide:
                cur = _Draft(s, e)
                drafts.append(cur)
            cur.add_body(s, e)
        cur.end = max(cur.end, e)
    return [_article(text, i, d) for i, d in enumerate(drafts)]


def _mark(text: str, span) -> Optional[Mark]:
    return Mark(text[span[0] : span[1]], span[0], span[1]) if span else None


def _article(text: str, index: int, d: _Draft) -> Article:
    return Article(
        index=index,
        start=d.start,
        end=d.end,
        headline=tuple(_mark(text, h) for h in d.headline),
        subheads=tuple(_mark(text, s) for s in d.subheads),
        byline=_byline(text, *d.byline) if d.byline else None,
        dateline=_dateline(text, *d.dateline) if d.dateline else None,
        body=Body(*d.body) if d.body else None,
        author_mark=_credit(text, *d.author) if d.author else None,
        photo_credit=_credit(text, *d.credit) if d.credit else None,
        continuation=_mark(text, d.continuation),
    )


def split_articles(page: str) -> list[Article]:
    """The articles of a newspaper page in order, with headline, subheads, byline,
    dateline, body, author mark, photo credit and continuation mark at exact offsets.

    Raises ``TypeError`` for anything but ``str``.
    """
    if not isinstance(page, str):
        raise TypeError(f"split_articles() expects str, got {type(page).__name__}")
    return articles_from_sentences(page, segment(page).sentences)


def article_index(articles: list[Article], offset: int) -> Optional[int]:
    """The index of the article holding ``offset``, or None."""
    for a in articles:
        if a.start <= offset < a.end:
            return a.index
    return None


__all__ = ["Article", "Body", "Byline", "Credit", "Dateline", "DatelinePlace", "Mark", "articles_from_sentences", "split_articles"]
