"""The MSRA training corpus: reading it, the fixed dev split, and its text normalisation.

Shared by ``training/convert.py`` and ``benchmarks/ner_eval.py`` so that both
see the same dev sentences.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ner" / "msra_train.jsonl"
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
DEV_FRACTION = 0.05
SEED = 20260401

# full-width digits and Latin letters → ASCII (one character for one: offsets do not move)
_FULL = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
HALF_WIDTH = str.maketrans({c: chr(ord(c) - 0xFEE0) for c in _FULL})


def read(path: Path | str = DEFAULT_DATA) -> list[dict]:
    """``[{"text", "entities": [(start, end, label)]}]`` with our labels (PERSON, ORG, LOC)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            out.append({"text": r["text"], "entities": [(s, e, LABELS[l]) for s, e, l in r["entities"]]})
    return out


def split(records: list, fraction: float = DEV_FRACTION, seed: int = SEED) -> tuple[list, list]:
    """(train, dev): a seeded random ``fraction`` of the sentences is dev, the same on every run."""
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    n_dev = round(len(records) * fraction)
    dev_ids = set(order[:n_dev])
    train = [r for i, r in enumerate(records) if i not in dev_ids]
    dev = [r for i, r in enumerate(records) if i in dev_ids]
    return train, dev


def normalise(text: str) -> str:
    """The text as the recogniser is trained on it: full-width digits and letters as ASCII.

    Today's news writes digits in ASCII; the corpus mostly full-width. jieba cuts the two
    differently, so the training text is brought to the form the model will meet.
    """
    return text.translate(HALF_WIDTH)
