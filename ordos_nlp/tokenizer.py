"""The pipeline's tokenizer: spaCy's Chinese tokenizer with jieba's words cut fast.

It is ``spacy.zh.ChineseTokenizer`` (same settings, same serialisation, the
``char`` and ``pkuseg`` segmenters untouched) except for ``segmenter = "jieba"``,
where the words come from ``segmenter.FastJieba`` (the same words as
``jieba.cut``, over ten times faster) and the ``Doc`` is built from their
offsets directly; traditional characters are cut as their simplified forms
(``fold``), so that 內蒙古自治區 is cut as 内蒙古自治区 is. It also leaves the input text on the ``Doc``
(``spans.doc_text``): spaCy rebuilds ``doc.text`` from the tokens on every
access, a cost the components would otherwise pay once per document.
"""

from __future__ import annotations

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.tokens import Doc
from spacy.util import registry

from .fold import fold
from .segmenter import get_segmenter
from .spans import remember_folded, remember_text


def words_and_spaces(text: str, tokens: list[tuple[str, int, int]]) -> tuple[list[str], list[bool]]:
    """spaCy's ``util.get_words_and_spaces`` from ``(word, start, end)`` tokens that tile ``text``.

    Whitespace between words becomes one token per run, except a single space
    right after a word, which becomes that word's trailing space.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    n = len(text)
    for word, s, e in tokens:
        if e <= pos:
            continue
        if s < pos:
            s = pos
        word = text[s:e]  # the caller's characters (the words may come from the folded text)
        if word.isspace():
            continue
        if s > pos:
            words.append(text[pos:s])
            spaces.append(False)
        words.append(word)
        spaces.append(False)
        pos = e
        if pos < n and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < n:
        words.append(text[pos:])
        spaces.append(False)
    return words, spaces


class OrdosChineseTokenizer(ChineseTokenizer):
    """``ChineseTokenizer`` with the fast jieba path; see the module docstring."""

    def __init__(self, vocab, segmenter: Segmenter = Segmenter.jieba):
        name = segmenter.value if isinstance(segmenter, Segmenter) else segmenter
        if name != Segmenter.jieba:
            super().__init__(vocab, segmenter=segmenter)
            return
        # spaCy's __init__ would start Python jieba (a warm-up cut: 0.7 s), which is not used
        self.vocab = vocab
        self.segmenter = Segmenter.jieba.value
        self.pkuseg_seg = None
        self.jieba_seg = None

    def __call__(self, text: str) -> Doc:
        if self.segmenter == Segmenter.jieba:
            # traditional characters are cut as their simplified forms (same length, same offsets)
            folded = fold(text)
            words, spaces = words_and_spaces(text, get_segmenter().tokens(folded))
            doc = Doc(self.vocab, words=words, spaces=spaces)
            remember_folded(doc, folded)
        else:
            doc = super().__call__(text)
        remember_text(doc, text)
        return doc


@registry.tokenizers("ordos_nlp.ChineseTokenizer.v1")
def create_tokenizer(segmenter: Segmenter = Segmenter.jieba):
    """The tokenizer of ``config.cfg`` (``segmenter``: jieba, char or pkuseg)."""

    def tokenizer_factory(nlp):
        return OrdosChineseTokenizer(nlp.vocab, segmenter=segmenter)

    return tokenizer_factory
