"""The public entry points: input checks, chunking of long texts, doc → facts."""

from __future__ import annotations

import multiprocessing
import re
from collections import deque
from collections.abc import Sequence
from datetime import date, datetime
from typing import Callable, Iterable, Iterator, Optional, Union

from spacy.tokens import Doc

from .doc_facts import sentences_from_doc
from .facts import Sentence
from .layout import segment
from .pipeline import load

# Texts longer than this are processed in pieces cut between sentences. Far below
# spaCy's max_length (1,000,000), and small enough to keep memory flat.
CHUNK_CHARS = 100_000


def _check_text(text, where: str = "extract()") -> None:
    if not isinstance(text, (str, Doc)):
        raise TypeError(f"{where} expects str or spacy.tokens.Doc, got {type(text).__name__}")


def as_doc_date(doc_date) -> Optional[date]:
    """``doc_date`` as a ``date``: a ``date``, a ``datetime`` (its day) or an ISO string (``"2026-04-01"``).

    ``TypeError`` for another type, ``ValueError`` for a string that is no ISO date.
    """
    if doc_date is None:
        return None
    if isinstance(doc_date, datetime):
        return doc_date.date()
    if isinstance(doc_date, date):
        return doc_date
    if isinstance(doc_date, str):
        try:
            return date.fromisoformat(doc_date.strip())
        except ValueError:
            raise ValueError(f"doc_date must be an ISO date such as '2026-04-01', got {doc_date!r}") from None
    raise TypeError(f"doc_date must be a datetime.date, an ISO date string or None, got {type(doc_date).__name__}")


PERIOD = re.compile(r"^[0-9]{4}(?:-(?:Q[1-4]|H[12]|[0-9]{2}(?:-[0-9]{2})?|SP|SU|AU|WI))?$")


def _check_place(doc_place) -> None:
    if doc_place is None:
        return
    if not isinstance(doc_place, str):
        raise TypeError(f"doc_place must be a place name or adcode (str) or None, got {type(doc_place).__name__}")
    from .records.places import unit_of_name

    if unit_of_name(doc_place.strip()) is None:
        raise ValueError(f"doc_place {doc_place!r} is not a known place name or adcode")


def _check_period(doc_period) -> None:
    if doc_period is None:
        return
    if not isinstance(doc_period, str):
        raise TypeError(f"doc_period must be a date value such as '2023' (str) or None, got {type(doc_period).__name__}")
    if not PERIOD.match(doc_period):
        raise ValueError(f"doc_period must be a date value such as '2023' or '2023-Q1', got {doc_period!r}")


def chunk_bounds(text: str, limit: Optional[int] = None) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of at most ``limit`` characters, cut only between sentences.

    A cut prefers a sentence end followed by a line break (a paragraph end), then
    any sentence end; a single sentence longer than ``limit`` is kept whole unless
    it exceeds spaCy's own limit, where it is cut at a line break or, failing that,
    at the limit (never silently dropped). ``limit`` defaults to :data:`CHUNK_CHARS`.
    """
    if limit is None:
        limit = CHUNK_CHARS
    if len(text) <= limit:
        return [(0, len(text))]
    ends = [e for _, e, _ in segment(text).sentences]
    bounds = []
    start = 0
    i = 0
    hard_limit = 10 * limit
    while len(text) - start > limit:
        best = None
        best_para = None
        while i < len(ends) and ends[i] - start <= limit:
            if ends[i] > start:
                best = ends[i]
                if "\n" in text[ends[i] : ends[i] + 3]:
                    best_para = ends[i]
            i += 1
        cut = best_para or best
        if cut is None:  # one sentence longer than the limit
            nxt = ends[i] if i < len(ends) else len(text)
            if nxt - start <= hard_limit:
                cut = nxt
            else:
                nl = text.rfind("\n", start, start + hard_limit)
                cut = nl + 1 if nl > start else start + hard_limit
        bounds.append((start, cut))
        start = cut
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _doc_for(nlp, text: str, doc_date: Optional[date], doc_place: Optional[str] = None,
             doc_period: Optional[str] = None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.doc_date = doc_date
    doc._.doc_place = doc_place.strip() if doc_place else None
    doc._.doc_period = doc_period
    return doc


def extract(
    text: Union[str, Doc],
    doc_date: Union[date, str, None] = None,
    doc_place: Optional[str] = None,
    doc_period: Optional[str] = None,
) -> list[Sentence]:
    """Sentences of ``text`` with their entities, quantities, dates and records.

    Offsets are into ``text`` exactly as given. ``doc_date`` (the publication
    date: a ``date`` or an ISO string such as ``"2026-04-01"``) resolves relative
    dates such as 今年一季度; ``doc_place`` (a place name
    or adcode) and ``doc_period`` (``"2023"``) are the place and period a record
    takes when the text states none. A ``Doc`` made by ``ordos_nlp.load()`` is
    read as it is (processed first if it was only tokenised). Raises
    ``TypeError`` for anything but ``str``/``Doc``.
    """
    _check_text(text)
    doc_date = as_doc_date(doc_date)
    _check_place(doc_place)
    _check_period(doc_period)
    nlp = load()
    if isinstance(text, Doc):
        doc = text
        if doc._.sentence_kinds is None:
            if doc_date is not None:
                doc._.doc_date = doc_date
            if doc_place is not None:
                doc._.doc_place = doc_place.strip()
            if doc_period is not None:
                doc._.doc_period = doc_period
            doc = nlp(doc)
        return sentences_from_doc(doc)
    return _extract_text(nlp, text, doc_date, doc_place, doc_period)


def _extract_text(nlp, text: str, doc_date: Optional[date], doc_place: Optional[str] = None,
                  doc_period: Optional[str] = None, on_chars: Optional[Callable[[int], None]] = None) -> list[Sentence]:
    """Facts of a plain string, chunk by chunk; ``on_chars(n)`` hears of each chunk's ``n`` characters done."""
    out: list[Sentence] = []
    for chars, sentences in _sentence_pieces(nlp, text, doc_date, doc_place, doc_period):
        out.extend(sentences)
        if on_chars is not None:
            on_chars(chars)
    return out


def _sentence_pieces(nlp, text: str, doc_date: Optional[date], doc_place: Optional[str] = None,
                    doc_period: Optional[str] = None) -> Iterator[tuple[int, list[Sentence]]]:
    """``(characters, sentences)`` of each piece of ``text`` (:func:`chunk_bounds`), offsets and
    article indices already those of the whole text: one piece in memory at a time."""
    articles = 0
    for start, end in chunk_bounds(text) if text else ():
        doc = nlp(_doc_for(nlp, text[start:end], doc_date, doc_place, doc_period))
        found = doc._.articles or []
        # a piece cut inside an article goes on with the previous piece's last article
        shift = articles - 1 if articles and found and _continues(found[0]) else articles
        sentences = [s.shifted(start, shift) for s in sentences_from_doc(doc)]
        articles = shift + len(found)
        del doc
        yield end - start, sentences


def _continues(article) -> bool:
    """Whether an article found at the start of a piece has no opening of its own."""
    return not (article.headline or article.byline or article.dateline or article.continuation)


def extract_records(
    text: Union[str, Doc],
    doc_date: Union[date, str, None] = None,
    doc_place: Optional[str] = None,
    doc_period: Optional[str] = None,
) -> list:
    """The statistical records of ``text`` (``ordos_nlp.records.Record``), in text order.

    The same records as ``Sentence.records`` of ``extract()`` with the same
    arguments. ``doc_place`` is a place name or adcode (``"包头市"``,
    ``"150200"``), ``doc_period`` a date value (``"2023"``): what a record takes
    when its text names no place or period. Raises ``TypeError`` for input of
    the wrong type and ``ValueError`` for an unknown place or a malformed period.
    """
    _check_text(text, "extract_records()")
    return [r for s in extract(text, doc_date, doc_place, doc_period) for r in s.records]


def _checked(texts: Iterable) -> Iterator[str]:
    for t in texts:
        if not isinstance(t, str):
            raise TypeError(f"extract_many() expects an iterable of str, got an item of type {type(t).__name__}")
        yield t


def _pipe(texts: Iterable[str], doc_date: Optional[date], batch_size: int) -> Iterator[list[Sentence]]:
    nlp = load()
    batch: list[str] = []

    def flush():
        short = [(i, t) for i, t in enumerate(batch) if 0 < len(t) <= CHUNK_CHARS]
        results: dict[int, list[Sentence]] = {}
        docs = (_doc_for(nlp, t, doc_date) for _, t in short)
        for (i, _), doc in zip(short, nlp.pipe(docs, batch_size=batch_size)):
            results[i] = sentences_from_doc(doc)
        for i, t in enumerate(batch):
            if i not in results:
                results[i] = extract(t, doc_date) if t else []
            yield results[i]

    for text in _checked(texts):
        batch.append(text)
        if len(batch) >= batch_size:
            yield from flush()
            batch = []
    if batch:
        yield from flush()


_WORKER_DATE: Optional[date] = None


def _worker_init(doc_date: Optional[date]) -> None:
    global _WORKER_DATE
    _WORKER_DATE = doc_date
    load()  # each worker builds its own pipeline once: a jieba pipeline cannot be pickled


def _worker_extract(text: str) -> list[Sentence]:
    if not isinstance(text, str):
        raise TypeError(f"extract_many() expects an iterable of str, got an item of type {type(text).__name__}")
    return extract(text, _WORKER_DATE)


def _worker_extract_dated(item: tuple) -> list[Sentence]:
    return extract(*item)


def extract_dated(items: Iterable[tuple], n_process: int) -> Iterator[list[Sentence]]:
    """``extract(text, doc_date, doc_place, doc_period)`` for such tuples, each with its own settings,
    in ``n_process`` worker processes (the command line's ``--doc-date-from filename --jobs N``)."""
    ctx = multiprocessing.get_context(None)
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(None,)) as pool:
        yield from pool.imap(_worker_extract_dated, items, chunksize=4)


def extract_many(
    texts: Iterable[str],
    n_process: int = 1,
    batch_size: int = 64,
    doc_date: Union[date, str, None] = None,
    start_method: Optional[str] = None,
    progress: bool = False,
) -> Iterator[list[Sentence]]:
    """``extract()`` over many texts: an iterator with one list of sentences per text, in order.

    ``n_process > 1`` runs that many worker processes, each building its own
    pipeline; ``start_method`` picks the multiprocessing start method
    (``"spawn"``, ``"fork"``, ``"forkserver"``; default: the platform's).
    ``progress=True`` shows a bar of characters done (tqdm: a text bar in a
    terminal, a widget in a notebook); its total is known when ``texts`` is a
    list or another sequence.
    """
    if isinstance(texts, (str, bytes, Doc)):
        raise TypeError(f"extract_many() expects an iterable of str, got {type(texts).__name__}")
    if not isinstance(n_process, int) or isinstance(n_process, bool) or n_process < 1:
        raise ValueError(f"n_process must be a positive int, got {n_process!r}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    doc_date = as_doc_date(doc_date)
    if not isinstance(progress, bool):
        raise TypeError(f"progress must be a bool, got {type(progress).__name__}")

    def run(items: Iterable[str]) -> Iterator[list[Sentence]]:
        if n_process == 1:
            return _pipe(items, doc_date, batch_size)
        return _pool_map(items, n_process, batch_size, doc_date, start_method)

    if not progress:
        return run(texts)
    return _with_progress(texts, run)


def _with_progress(texts: Iterable[str], run) -> Iterator[list[Sentence]]:
    """``run(texts)`` with a bar that advances by each text's characters as its facts arrive."""
    from tqdm.auto import tqdm

    total = sum(len(t) for t in texts if isinstance(t, str)) if isinstance(texts, Sequence) else None
    lengths: deque = deque()

    def feed() -> Iterator[str]:
        for t in texts:
            lengths.append(len(t) if isinstance(t, str) else 0)
            yield t

    bar = tqdm(total=total, unit="char", unit_scale=True, desc="ordos_nlp")
    try:
        for result in run(feed()):
            bar.update(lengths.popleft())
            yield result
    finally:
        bar.close()


def _pool_map(texts, n_process, batch_size, doc_date, start_method) -> Iterator[list[Sentence]]:
    ctx = multiprocessing.get_context(start_method)
    with ctx.Pool(n_process, initializer=_worker_init, initargs=(doc_date,)) as pool:
        chunk = max(1, min(batch_size, 16))
        yield from pool.imap(_worker_extract, texts, chunksize=chunk)
