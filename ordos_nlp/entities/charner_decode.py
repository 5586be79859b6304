"""From the tagger's output to names: ``B-/I-/E-/S-`` tags → ``(start, end, label)`` spans.

Two pieces: ``TagDecoder`` reads names off a sequence of tags (a regular
expression over one letter per tag), and ``BioesViterbi`` picks the tag
sequence to read, the most probable one that obeys the B/I/E/S rules: a
softmax tagger alone may change label inside a name (鄂尔多斯军分区 as
LOC + ORG + LOC) or leave a name without its end.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

# the model's labels as the pipeline names them (older corpora say PER; all places are LOC)
MODEL_LABELS = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}


class TagDecoder:
    """``B-X I-X* E-X`` / ``S-X`` runs (leniently: a run may lack its B or its E) → spans."""

    def __init__(self, tags: Sequence[str]):
        self.tags = list(tags)
        labels = sorted({t[2:] for t in tags if t != "O" and len(t) > 2})
        self.labels = labels
        letters = {}
        code = []
        base = ord("a")
        for li, lab in enumerate(labels):
            for j, part in enumerate("BIES"):
                letters[f"{part}-{lab}"] = chr(base + 4 * li + j)
        for t in self.tags:
            code.append(letters.get(t, "O"))
        self.code = np.array([ord(c) for c in code], dtype=np.uint32)
        alts = []
        for li, lab in enumerate(labels):
            b, i, e, s = (chr(base + 4 * li + j) for j in range(4))
            alts.append(f"(?P<L{li}>[{b}{i}]{i}*{e}?|{e}|{s})")
        self.regex = re.compile("|".join(alts))
        self.group_label = {f"L{li}": MODEL_LABELS.get(lab, lab) for li, lab in enumerate(labels)}

    def decode(self, tag_ids: np.ndarray) -> list[tuple[int, int, str]]:
        if len(tag_ids) == 0:
            return []
        s = self.code[tag_ids].tobytes().decode("utf-32-le")
        return [(m.start(), m.end(), self.group_label[m.lastgroup]) for m in self.regex.finditer(s)]


class BioesViterbi:
    """The best tag sequence that obeys B/I/E/S, searched only where the tagger is unsure.

    Characters whose most likely tag is O with probability ≥ ``sure`` stay O;
    every run of the others, with one character more on each side, is decoded
    as a whole (all runs at once, longest first), under the rules: I/E follow B/I of
    the same label; B, S and O follow O, E or S; a run ends on O, E or S.
    """

    def __init__(self, tags: Sequence[str], sure: float = 0.9):
        self.tags = list(tags)
        self.o = self.tags.index("O")
        self.log_sure = float(np.log(sure))
        t = len(self.tags)
        allowed = np.zeros((t, t), dtype=bool)
        part = [x[0] if x != "O" else "O" for x in self.tags]
        label = [x[2:] if x != "O" else "" for x in self.tags]
        for i in range(t):
            for j in range(t):
                if part[i] in "BI":
                    allowed[i, j] = part[j] in "IE" and label[j] == label[i]
                else:
                    allowed[i, j] = part[j] in "BSO"
        self.trans = np.where(allowed, 0.0, -np.inf).astype(np.float32)
        self.start = np.array([0.0 if p in "BSO" else -np.inf for p in part], dtype=np.float32)
        self.end = np.array([0.0 if p in "ESO" else -np.inf for p in part], dtype=np.float32)

    def decode(self, logp: np.ndarray) -> np.ndarray:
        n, t = logp.shape
        ids = np.full(n, self.o, dtype=np.int64)
        unsure = logp[:, self.o] < self.log_sure
        if not unsure.any():
            return ids
        grow = unsure.copy()
        grow[1:] |= unsure[:-1]
        grow[:-1] |= unsure[1:]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], grow.astype(np.int8), [0]))))
        starts, ends = edges[0::2], edges[1::2]
        lens = ends - starts
        # longest runs first: the runs still going at step k are then a prefix of the rows,
        # and each step works on those alone (no padding of short runs to the longest)
        order = np.argsort(-lens, kind="stable")
        starts, lens = starts[order], lens[order]
        width = int(lens[0])
        going = (lens[None, :] > np.arange(width + 1)[:, None]).sum(axis=1)  # runs longer than k
        trans = self.trans[None]
        delta = logp[starts] + self.start
        final = np.empty((len(starts), t), dtype=np.float32)
        backs = []
        for k in range(1, width + 1):
            m, was = int(going[k]), int(going[k - 1])
            final[m:was] = delta[m:was]  # the runs of length k end here
            if not m:
                break
            cand = delta[:m, :, None] + trans
            backs.append(cand.argmax(axis=1))
            delta = cand.max(axis=1) + logp[starts[:m] + k]
        # back from each run's best last tag (E, S or O) through the pointers
        tags = (final + self.end).argmax(axis=1)
        ids[starts + lens - 1] = tags
        for k in range(width - 1, 0, -1):
            m = int(going[k])
            tags[:m] = backs[k - 1][np.arange(m), tags[:m]]
            ids[starts[:m] + k - 1] = tags[:m]
        return ids
