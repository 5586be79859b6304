"""MSRA → spaCy DocBins for the character tagger, and the word-alignment report.

    python training/convert.py [--data PATH] [--out training/corpus]

Writes ``train.spacy`` and ``dev.spacy`` (one token per character, tags
``B-/I-/E-/S-`` + label or ``O``, ``doc.ents`` set) into the git-ignored
``--out`` folder, and prints how many gold names do not start and end on the
pipeline's own token boundaries (``ordos_nlp.load().tokenizer``: jieba with the
gazetteer names added), by label: the loss a model over jieba words would have.
``--words`` also writes ``train_words.spacy``/``dev_words.spacy``: jieba tokens
with the same tags, names that cut a token left unannotated (for comparison).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import msra  # noqa: E402


def bioes(n: int, entities) -> list[str]:
    tags = ["O"] * n
    for s, e, lab in entities:
        if e - s == 1:
            tags[s] = f"S-{lab}"
        else:
            tags[s] = f"B-{lab}"
            for i in range(s + 1, e - 1):
                tags[i] = f"I-{lab}"
            tags[e - 1] = f"E-{lab}"
    return tags


def char_doc(vocab, text: str, entities):
    from spacy.tokens import Doc

    doc = Doc(vocab, words=list(text), spaces=[False] * len(text), tags=bioes(len(text), entities))
    doc.ents = [doc.char_span(s, e, label=lab) for s, e, lab in entities]
    return doc


def word_doc(vocab, text: str, words: list[tuple[int, int]], entities):
    """jieba tokens; a name that cuts a token leaves its tokens unannotated (missing)."""
    from spacy.tokens import Doc

    starts = {s: i for i, (s, _) in enumerate(words)}
    ends = {e: i for i, (_, e) in enumerate(words)}
    tags = ["O"] * len(words)
    for s, e, lab in entities:
        if s in starts and e in ends:
            i, j = starts[s], ends[e]
            if i == j:
                tags[i] = f"S-{lab}"
            else:
                tags[i] = f"B-{lab}"
                for k in range(i + 1, j):
                    tags[k] = f"I-{lab}"
                tags[j] = f"E-{lab}"
        else:
            for k, (ws, we) in enumerate(words):
                if ws < e and s < we:
                    tags[k] = ""  # missing: the tagger learns nothing here
    doc = Doc(vocab, words=[text[s:e] for s, e in words], spaces=[False] * len(words), tags=tags)
    return doc


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(msra.DEFAULT_DATA))
    ap.add_argument("--out", default=str(msra.ROOT / "training" / "corpus"))
    ap.add_argument("--words", action="store_true", help="also write the jieba-token corpora")
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    import ordos_nlp

    t0 = time.perf_counter()
    records = msra.read(args.data)
    train, dev = msra.split(records)
    print(f"{args.data}: {len(records):,} sentences → train {len(train):,}, dev {len(dev):,} "
          f"(seed {msra.SEED}, {msra.DEV_FRACTION:.0%})")
    n_fw = sum(1 for r in records if msra.normalise(r["text"]) != r["text"])
    print(f"full-width digits/letters made ASCII in {n_fw:,} sentences")

    tokenizer = ordos_nlp.load(entities="rules").tokenizer  # jieba + the gazetteer names the entity component adds
    vocab = spacy.blank("zh").vocab
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total, cut = Counter(), Counter()
    for name, part in (("train", train), ("dev", dev)):
        chars, words = DocBin(attrs=["ORTH", "TAG", "ENT_IOB", "ENT_TYPE"]), DocBin(attrs=["ORTH", "TAG"])
        for r in part:
            text = msra.normalise(r["text"])
            toks = [(t.idx, t.idx + len(t)) for t in tokenizer(text)]
            bounds = {s for s, _ in toks} | {e for _, e in toks}
            for s, e, lab in r["entities"]:
                total[lab] += 1
                if s not in bounds or e not in bounds:
                    cut[lab] += 1
            chars.add(char_doc(vocab, text, r["entities"]))
            if args.words:
                words.add(word_doc(vocab, text, toks, r["entities"]))
        chars.to_disk(out / f"{name}.spacy")
        if args.words:
            words.to_disk(out / f"{name}_words.spacy")
    print("gold names not on the pipeline's token boundaries (start or end inside a jieba word):")
    for lab in sorted(total):
        print(f"  {lab:<7}{cut[lab]:>7,} of {total[lab]:>7,}  {cut[lab] / total[lab]:6.2%}")
    n_cut, n_all = sum(cut.values()), sum(total.values())
    print(f"  {'all':<7}{n_cut:>7,} of {n_all:>7,}  {n_cut / n_all:6.2%}")
    print(f"wrote {out}/train.spacy, {out}/dev.spacy in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
