"""The training corpora (MSRA, CLUENER2020, Weibo NER): reading, labels, the fixed dev splits.

Shared by ``training/convert.py`` and ``benchmarks/ner_eval.py`` so that both
see the same dev units. Each corpus keeps a seeded share of its units as dev,
never trained on; a training unit whose text equals a dev unit's is left out
(Weibo repeats messages).

Labels become the recogniser's three: PERSON, ORG and LOC (all places:
neither MSRA nor CLUENER splits administrative from natural places, so Weibo's
GPE is read as LOC too; the pipeline tells GPE from LOC with its gazetteer).
CLUENER's ``ADDRESS`` is a fine-grained address (a whole chain, streets,
buildings, stations as one span): an address that is exactly one place name
the gazetteer knows (``北京``, ``美国``) is a LOC, as MSRA tags it; any other
address is left unannotated (``None``: neither a name nor outside one), since
its edges follow a convention that is none of ours. CLUENER's ORG and LOC
spans that are a place name alone (a football club named after its city:
``罗马``, ``米兰``), or a kind of body or place rather than one (an
organisation or place suffix alone: ``博物馆``, ``海军``), are left
unannotated too: FACTS.md reads the first as places and the second as no name.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "ner"
SEED = 20260401

# full-width digits and Latin letters → ASCII (one character for one: offsets do not move)
_FULL = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
HALF_WIDTH = str.maketrans({c: chr(ord(c) - 0xFEE0) for c in _FULL})


@dataclass(frozen=True)
class Corpus:
    name: str
    file: str
    labels: dict  # source label → PERSON / ORG / LOC, or None (unannotated)
    dev_fraction: float


CORPORA = {
    c.name: c
    for c in (
        Corpus("msra", "msra_train.jsonl", {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}, 0.05),
        Corpus("cluener", "cluener_train.jsonl",
               {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "ADDRESS": "ADDRESS"}, 0.05),
        # small: a larger share, so that dev holds a hundred names or more
        Corpus("weibo", "weibo_train.jsonl", {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}, 0.10),
    )
}


def place_names() -> set[str]:
    """The gazetteer's place names (divisions, their short forms, countries)."""
    from ordos_nlp.entities.gazetteer import get_gazetteer

    return set(get_gazetteer().all_names())


def kind_words() -> set[str]:
    """Words that name a kind of body or place, not one: the lexicon's name suffixes alone
    (unless the organisation lexicon knows the word as a name) and its fixed non-names."""
    from ordos_nlp.entities.lexicon import get_lexicon

    lex = get_lexicon()
    return (set(lex.org_suffixes) | set(lex.loc_suffixes) | set(lex.not_entities)) - set(lex.org_lexicon)


def read(corpus: str, folder: Path | str = DEFAULT_DIR, is_place: Optional[Callable[[str], bool]] = None) -> list[dict]:
    """``[{"text", "entities": [(start, end, label)], "unknown": [(start, end)]}]`` of one corpus.

    ``unknown``: spans left unannotated (CLUENER addresses that are not one
    known place name). ``is_place`` decides that (default: the gazetteer).
    """
    spec = CORPORA[corpus]
    mixed = "ADDRESS" in spec.labels  # CLUENER: addresses, clubs named after cities, kinds
    if is_place is None and mixed:
        names = place_names()
        is_place = names.__contains__
    kinds = kind_words() if mixed else set()
    out = []
    with open(Path(folder) / spec.file, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text, ents, unknown = r["text"], [], []
            for s, e, lab in r["entities"]:
                label = spec.labels[lab]
                if label == "ADDRESS":
                    if is_place(text[s:e]):
                        ents.append((s, e, "LOC"))
                    else:
                        unknown.append((s, e))
                elif mixed and (text[s:e] in kinds or (label == "ORG" and is_place(text[s:e]))):
                    unknown.append((s, e))
                else:
                    ents.append((s, e, label))
            out.append({"text": text, "entities": ents, "unknown": unknown})
    return out


def split(records: list, fraction: float, seed: int = SEED) -> tuple[list, list]:
    """(train, dev): a seeded random ``fraction`` of the units is dev, the same on every run.

    Training units whose text is also a dev unit's are dropped from train.
    """
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    n_dev = round(len(records) * fraction)
    dev_ids = set(order[:n_dev])
    dev = [r for i, r in enumerate(records) if i in dev_ids]
    dev_texts = {r["text"] for r in dev}
    train = [r for i, r in enumerate(records) if i not in dev_ids and r["text"] not in dev_texts]
    return train, dev


def load_split(corpus: str, folder: Path | str = DEFAULT_DIR) -> tuple[list, list]:
    """(train, dev) of one corpus, as ``read`` and ``split`` give them."""
    return split(read(corpus, folder), CORPORA[corpus].dev_fraction)


def normalise(text: str) -> str:
    """The text as the recogniser is trained on it: full-width digits and letters as ASCII.

    Today's news writes digits in ASCII; MSRA mostly full-width. jieba cuts the two
    differently, so the training text is brought to the form the model will meet.
    """
    return text.translate(HALF_WIDTH)
