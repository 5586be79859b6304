"""spaCy component ``ordos_entities``: ORG, GPE, LOC and PERSON spans.

The component reads the text view (soft line breaks removed) and the sentence
kinds that ``ordos_layout`` left on the doc (traditional characters folded to
simplified ones, ``fold``), asks each candidate source for
entities (today the rule layer; a trained model can be added as another
source), merges them, maps them back to the caller's offsets, drops any that
overlap a quantity or date, and writes ``doc.spans["entities"]`` with an
``Entity`` on each span (``span._.entity``; ``span._.adcode`` and
``span._.parents`` read it).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path
from typing import Callable, Iterable, Protocol

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from .. import extensions  # noqa: F401  (registers Doc/Span extensions)
from ..facts import Entity
from ..layout.view import TextView
from ..spans import doc_folded_text, doc_text, make_spans, set_doc_ents
from .lexicon import add_names_to_jieba, get_lexicon
from .candidates import LEAD_CHARS, SpanIndex, between_list_items
from .org_kinds import kind_of_body
from .place_mentions import relabel_places
from .rules import Candidate, RuleFinder, Tokens
from .sub_units import join_sub_units
from .user_names import UserNames

# the motherland: what follows it is a part of the country (祖国北疆), not a named place
MOTHERLAND = ("祖国", "祖國")

LABELS = ("ORG", "GPE", "LOC", "PERSON")


class CandidateSource(Protocol):
    """Anything that proposes entities on the text view.

    ``__call__(view_text, tokens, sentences) -> list[Candidate]``; candidates of
    every source are merged by priority, then length.
    """

    def __call__(self, text: str, tokens: Tokens, sentences) -> list[Candidate]: ...


class RuleSource:
    """The rule layer as a candidate source."""

    name = "rules"

    def __init__(self, home: tuple[str, ...] = ("150000",)):
        self.finder = RuleFinder(get_lexicon(), home)

    def __call__(self, text: str, tokens: Tokens, sentences) -> list[Candidate]:
        return self.finder.find(text, tokens, sentences)


def merge_candidates(groups: Iterable[list[Candidate]]) -> list[Candidate]:
    """Non-overlapping candidates from several sources: higher priority, then longer, wins."""
    from .rules import _Intervals, _rank

    chosen = _Intervals()
    allc = [c for g in groups for c in g]
    for c in sorted(allc, key=_rank):
        chosen.add_if_free(c)
    return chosen.items()


def _view_offsets(soft_breaks) -> Callable[[int], int]:
    """Original offset → view offset (a removed character maps to where it was cut)."""
    if not soft_breaks:
        return lambda o: o
    starts = [s for s, _ in soft_breaks]
    removed_before = []
    total = 0
    for s, e in soft_breaks:
        removed_before.append(total)
        total += e - s
    ends = [e for _, e in soft_breaks]

    def to_view(o: int) -> int:
        i = bisect_right(starts, o) - 1
        if i < 0:
            return o
        if o < ends[i]:  # inside a removed range
            return starts[i] - removed_before[i]
        return o - removed_before[i] - (ends[i] - starts[i])

    return to_view


def _view_tokens(doc: Doc, soft_breaks, view_text: str = "") -> Tokens:
    """The doc's word boundaries in view offsets (whitespace tokens left out).

    Words that a soft line break cut in two (``发\n\n展``) are segmented again
    on the view, where they read whole.
    """
    if len(doc) == 0:
        return Tokens(())
    arr = doc.to_array([IDX, LENGTH, IS_SPACE])
    keep = arr[:, 2] == 0
    starts = arr[keep, 0].astype(np.int64)
    ends = starts + arr[keep, 1].astype(np.int64)
    if soft_breaks:
        cut_starts = np.array([s for s, _ in soft_breaks], dtype=np.int64)
        cut_lens = np.array([e - s for s, e in soft_breaks], dtype=np.int64)
        removed = np.concatenate(([0], np.cumsum(cut_lens)))
        starts = starts - removed[np.searchsorted(cut_starts, starts, side="right")]
        ends = ends - removed[np.searchsorted(cut_starts, ends - 1, side="right")]
        spans = list(zip(starts.tolist(), ends.tolist()))
        if view_text:
            spans = _resegment_breaks(spans, (cut_starts - removed[:-1]).tolist(), view_text)
        return Tokens(spans)
    return Tokens(zip(starts.tolist(), ends.tolist()))


def _resegment_breaks(spans: list, break_points: list, text: str) -> list:
    """Segment the few words around each soft break again, on the joined text."""
    from ..segmenter import word_spans

    starts = [a for a, _ in spans]
    out_replace = {}
    for p in break_points:
        i = bisect_right(starts, p) - 1  # token starting at or before the break
        if i < 0:
            continue
        lo = max(0, i - 2)
        hi = min(len(spans), i + 3)
        a, b = spans[lo][0], spans[hi - 1][1]
        if b <= a:
            continue
        new = [(a + s, a + e) for s, e in word_spans(text[a:b])]
        out_replace[(lo, hi)] = new
    if not out_replace:
        return spans
    result = []
    pos = 0
    for (lo, hi), new in sorted(out_replace.items()):
        if lo < pos:  # windows of two close breaks overlap: keep the first
            continue
        result.extend(spans[pos:lo])
        result.extend(new)
        pos = hi
    result.extend(spans[pos:])
    return result


class EntityRecognizer:
    """Finds ORG, GPE, LOC and PERSON entities; see the module docstring."""

    def __init__(self, nlp: Language, name: str = "ordos_entities", use_rules: bool = True,
                 extend_jieba: bool = True, home_region: str = "150000", use_model: bool = False,
                 model: str = "", user_lexicon: str = ""):
        self.name = name
        self.home_region = home_region
        self._tokenizer = getattr(nlp, "tokenizer", None)
        self.use_rules = use_rules
        self.extend_jieba = extend_jieba
        self.use_model = use_model
        self.model = model
        self.user_lexicon = user_lexicon
        self.user_names = UserNames()
        if user_lexicon:
            self.user_names.load(user_lexicon)
        self.sources: list[CandidateSource] = [self.user_names]
        if use_rules:
            self.sources.append(RuleSource(self._home()))
        self._abbreviations = get_lexicon().place_abbreviations
        self._party_words = tuple(sorted(get_lexicon().party_words, key=len, reverse=True))
        self.model_source = None
        if use_model:
            from .model_source import ModelSource

            self.model_source = ModelSource(model or None)
        #: the names this pipeline's home region added to the segmenter (none when not extended)
        self.jieba_names: frozenset[str] = frozenset()
        if extend_jieba:
            self.jieba_names = add_names_to_jieba(self._home())
            if getattr(self._tokenizer, "jieba_seg", None) is not None:
                # spaCy's own Chinese tokenizer cuts with Python jieba: it needs the names too
                from ..segmenter import python_jieba

                python_jieba()

    def _home(self) -> tuple[str, ...]:
        """The home region's code and the codes above it (150600 → 150600, 150000)."""
        if not self.home_region:
            return ()
        from .gazetteer import get_gazetteer

        return (self.home_region, *get_gazetteer().parents(self.home_region))

    def _jieba_tokens(self) -> bool:
        seg = getattr(self._tokenizer, "segmenter", None)
        return str(getattr(seg, "value", seg)) == "jieba"

    def add_names(self, names) -> None:
        """Add names this pipeline finds from now on, before its rules and model: ``{"恒基": "ORG"}``
        (labels ORG, GPE, LOC, PERSON), as ``jieba.add_word`` adds words. Other pipelines are unaffected."""
        self.user_names.add(names)

    def add_source(self, source: CandidateSource) -> None:
        """Merge another source of candidates (e.g. a trained model) with the rules."""
        self.sources.append(source)

    # ------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        return self._finish(doc, *self._prepare(doc))

    #: a batch for the recogniser ends at this many characters (or ``batch_size`` docs): texts
    #: side by side share the network's passes and the embedding of what they repeat
    #: (``CharNER.group_rows``); a larger batch would only hold memory
    batch_chars = 32000

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64):
        """``__call__`` over a stream; the recogniser reads each batch's texts in one pass."""
        for batch in self._batches(docs, batch_size):
            prepared = [self._prepare(doc) for doc in batch]
            scored = [None] * len(batch)
            if self.model_source is not None:
                scored = self.model_source.ner.predict_scored_many(
                    [view.text for _, view, _, _ in prepared], [tokens.spans for _, _, tokens, _ in prepared]
                )
            for doc, prep, sc in zip(batch, prepared, scored):
                yield self._finish(doc, *prep, scored=sc)

    def _batches(self, docs: Iterable[Doc], batch_size: int):
        batch: list[Doc] = []
        chars = 0
        for doc in docs:
            batch.append(doc)
            chars += len(doc_text(doc))
            if len(batch) >= batch_size or chars >= self.batch_chars:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def _prepare(self, doc: Doc):
        """The text, its view without soft breaks, the view's words and sentences."""
        text = doc_text(doc)
        # matching and the recogniser read traditional characters as simplified ones; the
        # fold keeps lengths, so the view's offsets are the caller's and entities keep its text
        view = TextView.build(doc_folded_text(doc), doc._.soft_breaks or ())
        to_view = _view_offsets(doc._.soft_breaks or ())
        if self._jieba_tokens():
            tokens = _view_tokens(doc, doc._.soft_breaks or (), view.text)
        else:  # characters or another segmenter: words come from jieba, as with the default
            tokens = Tokens.from_jieba(view.text)
        sentences = [
            (to_view(s), to_view(e), kind) for s, e, kind in (doc._.sentence_kinds or ())
        ]
        return text, view, tokens, sentences

    def _finish(self, doc: Doc, text: str, view, tokens, sentences, scored=None) -> Doc:
        cands = merge_candidates(src(view.text, tokens, sentences) for src in self.sources)
        taken = _taken_ranges(doc)
        if self.model_source is not None:
            cands = self._with_model(cands, view, tokens, sentences, taken, scored)
        cands = join_sub_units(view.text, relabel_places(view.text, tokens, cands))
        items = []
        entities = []
        quotes = _short_quotes(view.text)
        for c in cands:
            if c.label not in LABELS:
                continue
            if quotes and c.label in ("GPE", "LOC") and _inside_quote(quotes, c.start, c.end):
                continue  # “中国薯都”, “草原钢城”: a place inside a slogan or nickname
            s, e = view.to_original(c.start, c.end)
            if taken.overlaps(s, e):
                continue
            items.append((s, e, c.label))
            entities.append(
                Entity(text[s:e], s, e, c.label, c.adcode if c.label == "GPE" else None,
                       tuple(c.parents) if c.label == "GPE" else ())
            )
        spans = make_spans(doc, items)
        for span, ent in zip(spans, entities):
            span._.entity = ent
        doc.spans["entities"] = spans
        set_doc_ents(doc)
        return doc

    def short_names_in_compound(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is one-character place short names inside a compound
        (中俄贸易, 中药材), which FACTS.md counts as no place; the rule the recogniser's
        places go through, also read by ``benchmarks/ner_eval.py`` to map corpus gold to it."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, got {type(text).__name__}")
        if not isinstance(start, int) or not isinstance(end, int):
            raise TypeError(f"start and end must be int, got {type(start).__name__} and {type(end).__name__}")
        if not 0 <= start < end <= len(text):
            raise ValueError(f"need 0 <= start < end <= len(text), got {start}, {end} for {len(text)} characters")
        return self._abbreviation_in_compound(text, start, end)

    def _abbreviation_in_compound(self, text: str, s: int, e: int) -> bool:
        """Whether ``text[s:e]`` is one-character short names (中, 俄, 京蒙) inside a compound noun.

        The run of short names around it must be followed by a noun it modifies
        (中俄|贸易, 京蒙|协作, 中|药材); before a word for the parties themselves
        (中美|两国, 中|方, 中斯|两国: ``party_words.txt``; the candidate's own character
        counts in the run even where the list lacks it) or anything else they name
        places, and so does a short name that jieba leaves alone after a preposition
        (在|京|会见: its object, whatever jieba's tag for the next word says).
        """
        abbreviations = self._abbreviations
        start, run_end = s, e
        while start > 0 and text[start - 1] in abbreviations and run_end - start < 4:
            start -= 1
        while run_end < len(text) and text[run_end] in abbreviations and run_end - start < 4:
            run_end += 1
        if text.startswith(self._party_words, run_end):
            return False  # 中方, 中斯两国, 阿伊双方: the parties themselves
        if not all(ch in abbreviations for ch in text[s:e]):
            return e - s == 1  # 变废为宝: one character that is no short name is no place either
        from .candidates import _pos_table
        from ..segmenter import word_spans

        if e - s > 1 and _pos_table().get(text[s:e]) == "ns":
            return False  # 东亚, 南非: a region's own name, not short names
        end = e
        while end < len(text) and text[end] in abbreviations and end - s < 4:
            end += 1
        window = text[max(0, s - 3) : end + 6]
        around = word_spans(window)
        cut = s - max(0, s - 3)
        if any(a == cut and b > cut + (end - s) for a, b in around):
            return True  # 华人, 中药材: the short names start a longer word (not 访美, 在京)
        if end - s == 1 and (cut, cut + 1) in around:
            before = next((window[a:b] for a, b in around if b == cut), "")
            if (_pos_table().get(before) or "")[:1] == "p":
                return False  # 在|京|会见: a word of its own, the object of a preposition
        after = word_spans(text[end : end + 6])
        if not after or after[0][0] != 0:
            return False
        word = text[end : end + after[0][1]]
        if word in self._party_words or len(word) < 2:
            return False
        pos = _pos_table().get(word) or "n"  # a word the dictionary does not know: a noun
        return pos[:1] in ("n", "b") and pos not in ("ns", "nr", "nrt", "nrfg", "nt") or pos == "vn"

    def _with_model(self, cands, view, tokens, sentences, taken, scored=None):
        """The trained model's names joined with the rules' (``combination.combine``)."""
        from .combination import combine, listed_people, repeat_people, resolve_model_places

        found = []
        rule_starts = {c.start for c in cands}
        # the edges of the rules' places and bodies, between which a list item is no person
        place_ends = {c.end for c in cands if c.label != "PERSON"}
        place_starts = {c.start for c in cands if c.label != "PERSON"}
        text = view.text
        for c in self.model_source(view.text, tokens, sentences, scored):
            s, e = view.to_original(c.start, c.end)
            if taken.overlaps(s, e):  # quantities and dates keep their characters
                continue
            if text[c.start] in LEAD_CHARS and c.start + 1 in rule_starts:
                continue  # 与彦兰彦嘎查: a preposition glued to a name the rules read whole
            if c.label == "LOC" and text.endswith(MOTHERLAND, 0, c.start):
                continue  # 祖国北疆, 祖国南疆: a part of the country by its direction, no named place
            if c.label in ("GPE", "LOC") and self._abbreviation_in_compound(text, c.start, c.end):
                continue  # 中俄贸易, 京蒙协作: one-character short names inside a compound
            if c.label == "ORG" and kind_of_body(tokens.words_in(text, c.start, c.end)):
                continue  # 理事会, 事故调查组: a kind of body, not a body
            if c.label == "PERSON" and c.start > 0 and between_list_items(
                    text, c.start - 1, c.end, place_ends, place_starts):
                continue  # 巴丹吉林沙漠、胡杨林、居延海: an item between places or bodies in a list is one too
            if c.label == "PERSON" and _verb_and_object(text[c.start : c.end]):
                continue  # 穿衣服、戴帽子: a verb and its object in a list of actions, no name
            if (c.label == "PERSON" and _common_noun(text[c.start : c.end]) and not _sure_person(c)) \
                    or _quoted_before_noun(text, c.start, c.end):
                continue  # 马铃薯 as a person, “大西洋”马铃薯: a common noun or a variety, no name
            found.append(c)
        # alone, the model's names are all taken; beside the rules, the unsure ones are left out
        chosen = combine(cands, found, min_prob=None if self.use_rules else 0.0, text=text)
        return resolve_model_places(repeat_people(text, tokens, listed_people(text, chosen)), text)

    # -- serialisation: the configuration is all there is -----------------
    def _cfg(self) -> dict:
        return {"use_rules": self.use_rules, "extend_jieba": self.extend_jieba, "home_region": self.home_region,
                "use_model": self.use_model, "model": self.model, "user_lexicon": self.user_lexicon,
                "user_names": self.user_names.names}

    def to_disk(self, path, exclude=()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(
            json.dumps(self._cfg()), "utf-8"
        )

    def from_disk(self, path, exclude=()):
        cfg_file = Path(path) / "cfg.json"
        if cfg_file.exists():
            cfg = json.loads(cfg_file.read_text("utf-8"))
            self.use_rules = cfg.get("use_rules", self.use_rules)
            self.extend_jieba = cfg.get("extend_jieba", self.extend_jieba)
            self.home_region = cfg.get("home_region", self.home_region)
            self.user_names.add(cfg.get("user_names", {}))
        return self

    def to_bytes(self, exclude=()):
        return json.dumps(self._cfg()).encode("utf-8")

    def from_bytes(self, data, exclude=()):
        if data:
            cfg = json.loads(data.decode("utf-8"))
            self.use_rules = cfg.get("use_rules", self.use_rules)
            self.extend_jieba = cfg.get("extend_jieba", self.extend_jieba)
            self.home_region = cfg.get("home_region", self.home_region)
            self.user_names.add(cfg.get("user_names", {}))
        return self


#: a slogan or nickname in quotation marks: short, and a place inside it is no place
_SHORT_QUOTE = re.compile(r"[“「『\"]([^“”「」『』\"\n]{2,5})[”」』\"]")


def _short_quotes(text: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in _SHORT_QUOTE.finditer(text)]


def _inside_quote(quotes: list[tuple[int, int]], s: int, e: int) -> bool:
    """Whether ``[s, e)`` lies inside a short quote without being all of it."""
    for qs, qe in quotes:
        if qs <= s and e <= qe and (qs, qe) != (s, e):
            return True
    return False


def _common_noun(word: str) -> bool:
    """A dictionary word that is a plain common noun (马铃薯, 国道): the recogniser's names
    are never these."""
    from .candidates import _freq, _pos_table

    return _pos_table().get(word) == "n" and _freq().get(word, 0) >= 50


def _verb_and_object(word: str) -> bool:
    """A one-character verb before a common noun (戴帽子, 穿鞋子): a surname-like verb and a
    dictionary noun read as a surname and a given name."""
    from .candidates import _freq, _pos_table

    return (len(word) == 3 and _pos_table().get(word[0]) == "v"
            and _pos_table().get(word[1:]) == "n" and _freq().get(word[1:], 0) >= 200)


#: a person the recogniser is this sure of keeps its name even where jieba's dictionary
#: lists the word as a common noun (老舍, 桥本: names it tags ``n``)
SURE_PERSON = 0.95


def _sure_person(c: Candidate) -> bool:
    """Two characters or more, and the recogniser's least tag probability at ``SURE_PERSON``
    or above; one character (马 in 马列主义) is never sure enough."""
    return c.end - c.start >= 2 and getattr(c, "prob", 0.0) >= SURE_PERSON


def _quoted_before_noun(text: str, s: int, e: int) -> bool:
    """“大西洋”马铃薯: a quoted word right before a noun names a variety or a brand."""
    from .candidates import _pos_table
    from ..segmenter import word_spans

    if s == 0 or e >= len(text) or text[s - 1] not in "“「『\"" or text[e] not in "”」』\"":
        return False
    after = word_spans(text[e + 1 : e + 6])
    if not after or after[0][0] != 0:
        return False
    word = text[e + 1 : e + 1 + after[0][1]]
    return (_pos_table().get(word) or "")[:1] == "n" and _pos_table().get(word) not in ("ns", "nt", "nr", "nz")


def _taken_ranges(doc: Doc) -> SpanIndex:
    """The characters the quantities and dates hold, which no entity may overlap."""
    return SpanIndex(
        (sp.start_char, sp.end_char) for name in ("quantities", "dates") if name in doc.spans for sp in doc.spans[name]
    )


@Language.factory(
    "ordos_entities",
    default_config={"use_rules": True, "extend_jieba": True, "home_region": "150000", "use_model": False,
                    "model": "", "user_lexicon": ""},
)
def make_entities(nlp: Language, name: str, use_rules: bool, extend_jieba: bool,
                  home_region: str, use_model: bool, model: str, user_lexicon: str = "") -> EntityRecognizer:
    """``home_region``: code of the region the texts come from (default Inner Mongolia);
    a county's two-character short form there (东胜, 伊旗) needs no other mention.
    ``use_model``: join the trained recogniser's names (``model``: a pipeline directory;
    empty for the one in the package) with the rules'. ``user_lexicon``: a file of the user's
    own names (``name<TAB>label`` per line), found before the rules and the model."""
    return EntityRecognizer(nlp, name, use_rules=use_rules, extend_jieba=extend_jieba,
                            home_region=home_region, use_model=use_model, model=model,
                            user_lexicon=user_lexicon)
