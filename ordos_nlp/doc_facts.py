"""From a processed ``Doc`` to the typed facts, sentence by sentence.

Pure reading: it only looks at what the components left on the ``Doc``
(``doc._.sentence_kinds`` and the span groups), and never calls spaCy back.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from .facts import Sentence
from .spans import doc_text, facts_by_range


def _sentence_ranges(doc: Doc) -> list[tuple[int, int, str]]:
    if doc._.sentence_kinds is not None:
        return list(doc._.sentence_kinds)
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char, "body") for s in doc.sents]
    text = doc_text(doc)
    return [(0, len(text), "body")] if text.strip() else []


def sentences_from_doc(doc: Doc) -> list[Sentence]:
    """The facts of ``doc`` grouped by sentence; a fact belongs to the sentence holding it whole,
    a record to the sentence holding its figure (value, else change)."""
    text = doc_text(doc)
    ranges = _sentence_ranges(doc)
    starts = [s for s, _, _ in ranges]
    buckets = facts_by_range(doc, ranges)
    records: list[list] = [[] for _ in ranges]
    for r in doc._.records or ():
        anchor = r.value if r.value is not None else r.change.quantity
        i = bisect_right(starts, anchor.start) - 1
        if i >= 0:
            records[i].append(r)
    articles = list(doc._.articles or ())
    art_starts = [a.start for a in articles]
    out = []
    for (s, e, kind), facts, recs in zip(ranges, buckets, records):
        j = bisect_right(art_starts, s) - 1
        article = articles[j].index if j >= 0 and s < articles[j].end else None
        out.append(
            Sentence(
                text=text[s:e],
                start=s,
                end=e,
                kind=kind,
                entities=tuple(sorted(facts["entities"], key=lambda f: f.start)),
                quantities=tuple(sorted(facts["quantities"], key=lambda f: f.start)),
                dates=tuple(sorted(facts["dates"], key=lambda f: f.start)),
                records=tuple(recs),
                article=article,
            )
        )
    return out
