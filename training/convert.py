"""The NER corpora (MSRA, CLUENER2020, Weibo) → spaCy DocBins for the character tagger.

    python training/convert.py [--data FOLDER] [--corpora msra,cluener,weibo] [--out training/corpus]

Writes ``train.spacy`` (the training units of every corpus), ``dev.spacy``
(their dev units together: the checkpoint is chosen on it) and
``dev_<corpus>.spacy`` (one token per character, tags ``B-/I-/E-/S-`` + label
or ``O``, ``doc.ents`` set; characters of unannotated spans have no tag and no
entity annotation) into the git-ignored ``--out`` folder, and prints how many
gold names do not start and end on the pipeline's own token boundaries
(``ordos_nlp.load().tokenizer``: jieba with the gazetteer names added), by
label: the loss a model over jieba words would have.
``--realtext N`` adds the passages of the simplified real-text dev set
(``REALTEXT``: three files of ``benchmarks/realtext/``, local news annotated to FACTS.md;
GPE is read as LOC) to the training units, each ``N`` times: the corpora are
news of other places and decades, and these passages (about 1,700 names) are the
recogniser's only examples of the text the library is for. The held-out sets
(``benchmarks/heldout/``) are never read here.
``--words`` also writes ``train_words.spacy``/``dev_words.spacy``: jieba tokens
with the same tags, names that cut a token left unannotated (for comparison).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpora  # noqa: E402


def bioes(n: int, entities, unknown=()) -> list[str]:
    """One tag per character; ``""`` (no tag: nothing is learnt there) inside ``unknown`` spans."""
    tags = ["O"] * n
    for s, e in unknown:
        tags[s:e] = [""] * (e - s)
    for s, e, lab in entities:
        if e - s == 1:
            tags[s] = f"S-{lab}"
        else:
            tags[s] = f"B-{lab}"
            for i in range(s + 1, e - 1):
                tags[i] = f"I-{lab}"
            tags[e - 1] = f"E-{lab}"
    return tags


def char_doc(vocab, text: str, entities, unknown=()):
    from spacy.tokens import Doc

    doc = Doc(vocab, words=list(text), spaces=[False] * len(text), tags=bioes(len(text), entities, unknown))
    doc.set_ents([doc.char_span(s, e, label=lab) for s, e, lab in entities],
                 missing=[doc.char_span(s, e) for s, e in unknown], default="outside")
    return doc


def word_doc(vocab, text: str, words: list[tuple[int, int]], entities, unknown=()):
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
            unknown = [*unknown, (s, e)]
    for s, e in unknown:
        for k, (ws, we) in enumerate(words):
            if ws < e and s < we:
                tags[k] = ""  # missing: the tagger learns nothing here
    doc = Doc(vocab, words=[text[s:e] for s, e in words], spaces=[False] * len(words), tags=tags)
    return doc


# the dev passages the recogniser is trained on (traditional ones are skipped: the recogniser
# reads text folded to simplified characters); a new file of passages stays out of training
# until it is listed here, so that it measures the recogniser on text it has not seen
REALTEXT = tuple(corpora.ROOT / "benchmarks" / "realtext" / f"{name}.jsonl"
                 for name in ("entities", "entities_divisions", "entities_places"))


HELD_OUT = corpora.ROOT / "benchmarks" / "heldout"


def _held_out_texts() -> set[str]:
    texts = set()
    for path in HELD_OUT.glob("*.jsonl"):
        with open(path, encoding="utf-8") as f:
            texts.update(json.loads(line)["text"] for line in f if line.strip())
    return texts


def realtext_units(paths=REALTEXT) -> list[dict]:
    """The simplified real-text dev passages as training units (``text``, ``entities``), except
    any passage a held-out set holds too (a page may be quoted in both)."""
    held_out = _held_out_texts()
    units = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                row = json.loads(line)
                if row.get("script", "simplified") != "simplified":
                    continue  # the recogniser reads traditional text folded to simplified
                if row["text"] in held_out:
                    continue
                ents = [(e["start"], e["end"], "LOC" if e["label"] == "GPE" else e["label"]) for e in row["entities"]]
                units.append({"text": corpora.normalise(row["text"]), "entities": ents, "unknown": []})
    return units


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(corpora.DEFAULT_DIR), help="the folder of the corpora")
    ap.add_argument("--corpora", default=",".join(corpora.CORPORA), help="which corpora, comma-separated")
    ap.add_argument("--out", default=str(corpora.ROOT / "training" / "corpus"))
    ap.add_argument("--words", action="store_true", help="also write the jieba-token corpora")
    ap.add_argument("--realtext", type=int, default=0, metavar="N",
                    help="add the simplified real-text dev passages to the training units, N times each")
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    import ordos_nlp

    t0 = time.perf_counter()
    tokenizer = ordos_nlp.load(entities="rules").tokenizer  # jieba + the gazetteer names the entity component adds
    vocab = spacy.blank("zh").vocab
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total, cut = Counter(), Counter()
    bins = {part: (DocBin(attrs=["ORTH", "TAG", "ENT_IOB", "ENT_TYPE"]), DocBin(attrs=["ORTH", "TAG"]))
            for part in ("train", "dev")}
    for name in args.corpora.split(","):
        train, dev = corpora.load_split(name, args.data)
        n_fw = sum(1 for r in train + dev if corpora.normalise(r["text"]) != r["text"])
        labels = Counter(lab for r in train for _, _, lab in r["entities"])
        n_unknown = sum(len(r["unknown"]) for r in train + dev)
        print(f"{name}: train {len(train):,}, dev {len(dev):,} units (seed {corpora.SEED}, "
              f"{corpora.CORPORA[name].dev_fraction:.0%}); train names "
              + ", ".join(f"{lab} {n:,}" for lab, n in sorted(labels.items()))
              + f"; {n_unknown:,} spans left unannotated; full-width digits/letters made ASCII in {n_fw:,} units")
        own_dev = DocBin(attrs=["ORTH", "TAG", "ENT_IOB", "ENT_TYPE"])
        for part, records in (("train", train), ("dev", dev)):
            chars, words = bins[part]
            for r in records:
                text = corpora.normalise(r["text"])
                toks = [(t.idx, t.idx + len(t)) for t in tokenizer(text)]
                bounds = {s for s, _ in toks} | {e for _, e in toks}
                for s, e, lab in r["entities"]:
                    total[lab] += 1
                    if s not in bounds or e not in bounds:
                        cut[lab] += 1
                doc = char_doc(vocab, text, r["entities"], r["unknown"])
                chars.add(doc)
                if part == "dev":
                    own_dev.add(doc)
                if args.words:
                    words.add(word_doc(vocab, text, toks, r["entities"], r["unknown"]))
        own_dev.to_disk(out / f"dev_{name}.spacy")
    if args.realtext:
        units = realtext_units()
        chars = bins["train"][0]
        docs = [char_doc(vocab, unit["text"], unit["entities"]) for unit in units]
        for _ in range(args.realtext):
            for doc in docs:
                chars.add(doc)
        print(f"realtext: {len(units)} passages, {sum(len(u['entities']) for u in units):,} names, "
              f"each {args.realtext} times in train")
    for part, (chars, words) in bins.items():
        chars.to_disk(out / f"{part}.spacy")
        if args.words:
            words.to_disk(out / f"{part}_words.spacy")
    print("gold names not on the pipeline's token boundaries (start or end inside a jieba word):")
    for lab in sorted(total):
        print(f"  {lab:<7}{cut[lab]:>7,} of {total[lab]:>7,}  {cut[lab] / total[lab]:6.2%}")
    n_cut, n_all = sum(cut.values()), sum(total.values())
    print(f"  {'all':<7}{n_cut:>7,} of {n_all:>7,}  {n_cut / n_all:6.2%}")
    print(f"wrote {out}/train.spacy, {out}/dev.spacy, dev_<corpus>.spacy in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
