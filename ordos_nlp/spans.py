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

from spacy.tokens import Doc, Span


def _cuts_inside_tokens(doc: Doc, offsets: Iterable[int]) -> dict[int, list[int]]:
    starts = {t.idx: t.i for t in doc}
    n_chars = len(doc.text)  # Doc.text is rebuilt on every access: read it once
    wanted: dict[int, list[int]] = {}
    for off in set(offsets):
        if off <= 0 or off >= n_chars or off in starts:
            continue
        # the token that contains this offset
        tok = doc[_token_index_at(doc, off)]
        if tok.idx < off < tok.idx + len(tok.text):
            wanted.setdefault(tok.i, []).append(off - tok.idx)
    return wanted


def _token_index_at(doc: Doc, char: int) -> int:
    lo, hi = 0, len(doc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc[mid].idx <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo


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
    taken: list[tuple[int, int]] = []
    chosen: list[Span] = []
    for name in ("entities", "dates", "quantities"):
        for span in doc.spans.get(name, []):
            if any(span.start < e and s < span.end for s, e in taken):
                continue
            taken.append((span.start, span.end))
            chosen.append(span)
    doc.ents = sorted(chosen, key=lambda s: s.start)
