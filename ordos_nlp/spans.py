"""Putting character-offset matches onto a spaCy ``Doc`` as token-aligned spans.

Our finders work on characters; jieba's tokens do not always end where a fact
does (``五档``, ``什讯``). Rather than widen a fact to the enclosing tokens, we
split the tokens at the fact's edges, so that ``span.text == fact.text`` always.
Splitting invalidates the token indices held by span groups, so they are
rebuilt from their character offsets (extension values are keyed by characters
and survive).
"""

from __future__ import annotations

from typing import Iterable

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from .arrays import distinct


_TEXT_KEY = "ordos_nlp.text"


def remember_text(doc: Doc, text: str) -> None:
    """Leave ``text`` (what the tokenizer was given) on ``doc`` for ``doc_text``."""
    doc.user_data[_TEXT_KEY] = text


_FOLDED_KEY = "ordos_nlp.folded"


def remember_folded(doc: Doc, folded: str) -> None:
    """Leave the text with traditional characters folded (``fold.fold``) on ``doc``."""
    doc.user_data[_FOLDED_KEY] = folded


def doc_folded_text(doc: Doc) -> str:
    """``doc_text(doc)`` with traditional characters read as simplified ones (same length),
    folded once per document."""
    folded = doc.user_data.get(_FOLDED_KEY)
    if folded is None:
        from .fold import fold

        folded = fold(doc_text(doc))
        doc.user_data[_FOLDED_KEY] = folded
    return folded


def doc_text(doc: Doc) -> str:
    """``doc.text``, cached: spaCy rebuilds it from the tokens on every access,
    and splitting tokens never changes it."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def _cuts_inside_tokens(doc: Doc, offsets: Iterable[int]) -> dict[int, list[int]]:
    """``{token index: [cut offsets inside that token]}`` for offsets that fall inside a token."""
    offs = distinct(numpy.fromiter(offsets, dtype=numpy.int64))[0]
    if not len(offs) or not len(doc):
        return {}
    # token offsets as arrays: iterating Token objects in Python is the slow part
    starts = doc.to_array(IDX).astype(numpy.int64)
    lengths = doc.to_array(LENGTH).astype(numpy.int64)
    pos = numpy.searchsorted(starts, offs, side="right") - 1
    ok = pos >= 0
    offs, pos = offs[ok], pos[ok]
    rel = offs - starts[pos]
    inside = (rel > 0) & (rel < lengths[pos])
    wanted: dict[int, list[int]] = {}
    for i, r in zip(pos[inside].tolist(), rel[inside].tolist()):
        wanted.setdefault(i, []).append(r)
    return wanted


def ensure_token_boundaries(doc: Doc, spans: Iterable[tuple[int, int]]) -> None:
    """Split tokens so that every ``(start, end)`` character pair falls on token edges."""
    offsets = [o for s, e in spans for o in (s, e)]
    wanted = _cuts_inside_tokens(doc, offsets)
    if not wanted:
        return
    saved = {
        name: [(s.start_char, s.end_char, s.label_, s.kb_id_) for s in group]
        for name, group in doc.spans.items()
    }
    with doc.retokenize() as retok:
        for i, cuts in wanted.items():
            tok = doc[i]
            edges = [0, *sorted(set(cuts)), len(tok.text)]
            orths = [tok.text[a:b] for a, b in zip(edges, edges[1:])]
            heads = [(tok, 0)] * len(orths)
            retok.split(tok, orths, heads=heads)
    for name, items in saved.items():
        doc.spans[name] = [
            doc.char_span(s, e, label=label, kb_id=kb) for s, e, label, kb in items
        ]


def make_spans(doc: Doc, items: list[tuple[int, int, str]]) -> list[Span]:
    """Token-aligned spans for ``(start, end, label)`` items, splitting tokens where needed."""
    ensure_token_boundaries(doc, [(s, e) for s, e, _ in items])
    out = []
    for s, e, label in items:
        span = doc.char_span(s, e, label=label)
        if span is None:  # only whitespace-only edges can fail; never expected
            raise ValueError(f"cannot align span {s}:{e} {doc.text[s:e]!r}")
        out.append(span)
    return out


def set_doc_ents(doc: Doc) -> None:
    """``doc.ents`` = entities, quantities and dates together, for displaCy.

    They do not overlap by construction of the components; should they, the
    earlier group in (entities, dates, quantities) wins.
    """
    taken = numpy.zeros(len(doc), dtype=bool)
    chosen: list[Span] = []
    for name in ("entities", "dates", "quantities"):
        if name not in doc.spans:
            continue
        for span in doc.spans[name]:
            if taken[span.start : span.end].any():
                continue
            taken[span.start : span.end] = True
            chosen.append(span)
    doc.ents = sorted(chosen, key=lambda s: s.start)


FACT_GROUPS = (("entities", "entity"), ("quantities", "quantity"), ("dates", "time"))


def facts_by_range(doc: Doc, ranges) -> list[dict[str, list]]:
    """The facts the components left on ``doc`` (``entities``, ``quantities``, ``dates``), each
    under the first of the sorted, non-overlapping ``(start, end, …)`` ranges that holds it whole."""
    from bisect import bisect_right

    starts = [r[0] for r in ranges]
    buckets: list[dict[str, list]] = [{group: [] for group, _ in FACT_GROUPS} for _ in ranges]
    for group, attr in FACT_GROUPS:
        for span in doc.spans.get(group, []):
            fact = getattr(span._, attr)
            if fact is None:
                continue
            i = bisect_right(starts, fact.start) - 1
            if i >= 0 and ranges[i][0] <= fact.start and fact.end <= ranges[i][1]:
                buckets[i][group].append(fact)
    return buckets

