"""Entities: the rules, the trained model and the two combined, on the corpora's dev splits and the seed page.

    python benchmarks/ner_eval.py [--data FOLDER] [--corpus msra|cluener|weibo|all] [--limit N] [--model PATH ...]

For each of ``ordos_nlp.load(entities="rules" | "model" | "combined")``:

- precision, recall and F1 per label on the dev split of each corpus
  (``training/corpora.py``: the seeded share that training never sees: MSRA,
  CLUENER2020, Weibo NER), exact spans; MSRA and CLUENER have no GPE, so GPE
  and LOC are both scored as LOC everywhere; CLUENER addresses that are not one
  known place name are unannotated: a name that overlaps one is neither right
  nor wrong; the units are read as they are (full-width digits included);
- on MSRA also a second figure, "under FACTS.md": the same predictions against
  the gold mapped to FACTS.md where its rule is mechanical (``facts_gold``;
  training/README.md lists the mappings), beside the raw figure, never instead
  of it;
- the same on the seed page gold (``tests/gold/seed_page.json``, the scorer of
  ``tests/test_seed_page.py``: exact span and label, GPE and LOC apart);
- characters per second of the whole pipeline on the MSRA dev sentences (one short
  ``Doc`` each: per-call costs dominate) and on page-sized texts (the seed page,
  repeated), with ``jieba.posseg`` on the same texts for scale.

``--model PATH`` also scores a saved spaCy pipeline on its own (no rules, no
filters): the packaged recogniser, or a comparison model such as the tagger
over jieba words. Figures only: nothing is asserted here.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "tests"))

import corpora  # noqa: E402

SETTINGS = ("rules", "model", "combined")
DEV_LABELS = ("PERSON", "ORG", "LOC")


def prf(gold: list[set], pred: list[set], labels=DEV_LABELS, unknown: list = ()) -> dict:
    """Per label and overall (micro) precision/recall/F1 of exact ``(start, end, label)`` spans.

    ``unknown``: per unit, ``(start, end)`` spans without annotation; a predicted
    name that overlaps one is not counted.
    """
    tp, fp, fn = Counter(), Counter(), Counter()
    unknown = list(unknown) or [()] * len(gold)
    for g, p, u in zip(gold, pred, unknown):
        for item in p & g:
            tp[item[2]] += 1
        for item in p - g:
            if any(s < item[1] and item[0] < e for s, e in u):
                continue
            fp[item[2]] += 1
        for item in g - p:
            fn[item[2]] += 1

    def row(t, f_p, f_n):
        p_ = t / (t + f_p) if t + f_p else 0.0
        r_ = t / (t + f_n) if t + f_n else 0.0
        return {"p": p_, "r": r_, "f": 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0, "tp": t, "fp": f_p, "fn": f_n}

    out = {lab: row(tp[lab], fp[lab], fn[lab]) for lab in labels}
    out["all"] = row(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out


#: a title in 《》: FACTS.md counts nothing inside it
BOOK_TITLE = re.compile(r"《[^《》]*》")


#: the body FACTS.md names after a place (市政府, 以色列政府)
GOVERNMENT = "政府"


@lru_cache(maxsize=1)
def government_words() -> tuple[str, ...]:
    """Dictionary words longer than 政府 that start with it (政府军, 政府部门): no body of its own."""
    from ordos_nlp.segmenter import word_freq
    from ordos_nlp.word_table import jieba_dictionary_path

    with open(jieba_dictionary_path(), encoding="utf-8") as f:
        words = [line.split(" ", 1)[0] for line in f]
    words += list(word_freq().added)
    return tuple(w for w in words if w.startswith(GOVERNMENT) and len(w) > len(GOVERNMENT))


def facts_gold(text: str, gold: set, recognizer, short_names) -> tuple[set, list, Counter]:
    """MSRA gold mapped to FACTS.md where the spec's rule is mechanical and checkable.

    ``(gold, unknown, counts)``: the mapped ``(start, end, label)`` spans, the spans
    whose characters no prediction is scored on, and how many spans each mapping moved.

    1. ``short-name``: a LOC made only of one-character short names (``short_names``,
       the lexicon's closed list) inside a compound (中俄贸易, 中药材, 青藏高原; the
       recogniser's own test, ``recognizer.short_names_in_compound``) leaves the gold,
       and a name predicted over its characters is not counted (FACTS.md: "Country
       abbreviations inside compounds are not places");
    2. ``in-title``: a name inside a title in 《》 leaves the gold; one predicted there
       stays an error (FACTS.md: "Nothing inside a title in 《》 is an entity");
    3. ``government``: a place written right before 政府 (以色列|政府, 俄|政府; MSRA tags
       the place and leaves 政府 untagged) becomes one ORG with it, unless the two
       characters start a longer dictionary word (政府军, 政府部门) or a name of the gold
       starts there (FACTS.md: "Abbreviated bodies are organisations: …市政府…" and "An
       organisation's full name includes its place prefix");
    4. ``place-prefix``: places written right before an organisation, nothing between
       (湖北省|阳新县国税局), become one ORG with it (FACTS.md: "An organisation's full
       name includes its place prefix").
    """
    counts: Counter = Counter()
    titles = [m.span() for m in BOOK_TITLE.finditer(text)]
    starts = {s for s, _, _ in gold}
    unknown, kept = [], []
    for s, e, label in sorted(gold):
        if any(ts < s and e < te for ts, te in titles):
            counts["in-title"] += 1
        elif label == "LOC" and all(ch in short_names for ch in text[s:e]) \
                and recognizer.short_names_in_compound(text, s, e):
            counts["short-name"] += 1
            unknown.append((s, e))
        elif label == "LOC" and text.startswith(GOVERNMENT, e) and e not in starts \
                and not any(text.startswith(w, e) for w in government_words()):
            counts["government"] += 1
            kept.append((s, e + len(GOVERNMENT), "ORG"))
        else:
            kept.append((s, e, label))
    out, places = set(), []  # places: a run of adjacent LOCs waiting for an ORG right after them
    for s, e, label in kept:
        if places and places[-1][1] != s:
            out.update(places)
            places = []
        if label == "LOC":
            places.append((s, e, label))
        elif label == "ORG" and places:
            counts["place-prefix"] += len(places)
            out.add((places[0][0], e, "ORG"))
            places = []
        else:
            out.add((s, e, label))
    out.update(places)
    return out, unknown, counts


def as_dev(label: str) -> str:
    return "LOC" if label == "GPE" else label


def pipeline_spans(nlp, texts: list[str]) -> tuple[list[set], float]:
    """Entity spans of each text (GPE read as LOC) and the seconds the pipeline took."""
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=256))
    sec = time.perf_counter() - t
    out = [{(sp.start_char, sp.end_char, as_dev(sp.label_)) for sp in doc.spans.get("entities", [])} for doc in docs]
    return out, sec


def model_spans(path: str, texts: list[str]) -> tuple[list[set], float]:
    """A saved pipeline on its own: the character tagger through its fast path, any other through spaCy."""
    import spacy

    from ordos_nlp.entities.charner import CharNER, CharTokenizer, jieba_bounds
    from ordos_nlp.entities.lexicon import add_names_to_jieba

    add_names_to_jieba()
    nlp = spacy.load(path)
    if isinstance(nlp.tokenizer, CharTokenizer):
        ner = CharNER(path)
        t = time.perf_counter()
        spans = [set(ner.predict(text, jieba_bounds(text))) for text in texts]
        return [{(s, e, as_dev(l)) for s, e, l in x} for x in spans], time.perf_counter() - t
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=256))
    sec = time.perf_counter() - t
    return [{(e.start_char, e.end_char, as_dev(e.label_)) for e in d.ents} for d in docs], sec


def posseg_seconds(texts: list[str]) -> float:
    import jieba
    import jieba.posseg

    jieba.initialize()
    t = time.perf_counter()
    for text in texts:
        list(jieba.posseg.cut(text))
    return time.perf_counter() - t


def table(title: str, rows: dict[str, dict], labels=DEV_LABELS) -> str:
    lines = [f"== {title}", f"{'':<12}" + "".join(f"{lab:>21}" for lab in (*labels, "all"))]
    lines.append(f"{'':<12}" + "".join(f"{'P':>7}{'R':>7}{'F1':>7}" for _ in (*labels, "all")))
    for name, r in rows.items():
        cells = "".join(f"{r[lab]['p']:>7.3f}{r[lab]['r']:>7.3f}{r[lab]['f']:>7.3f}" for lab in (*labels, "all"))
        lines.append(f"{name:<12}{cells}")
    return "\n".join(lines)


def seed_page(nlp) -> dict:
    from test_seed_page import load_document, load_gold, score

    from ordos_nlp.doc_facts import sentences_from_doc

    gold = load_gold()
    text = load_document(gold)
    sentences = sentences_from_doc(nlp(text))
    return score(gold, sentences, types=("entities",))["entities"]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(corpora.DEFAULT_DIR), help="the folder of the corpora")
    ap.add_argument("--corpus", default="all", choices=(*corpora.CORPORA, "all"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N dev units of each corpus")
    ap.add_argument("--model", action="append", default=[], help="also score this saved pipeline alone")
    ap.add_argument("--settings", default=",".join(SETTINGS))
    ap.add_argument("--show", type=int, default=0, help="print N dev errors of the combination")
    ap.add_argument("--pages", type=int, default=20, help="copies of the seed page for the page speed")
    args = ap.parse_args(argv)

    import ordos_nlp

    names = list(corpora.CORPORA) if args.corpus == "all" else [args.corpus]
    devs = {}
    for name in names:
        _, dev = corpora.load_split(name, args.data)
        devs[name] = dev[: args.limit] if args.limit else dev
        n_names = sum(len(r["entities"]) for r in devs[name])
        print(f"{name} dev: {len(devs[name]):,} units, {sum(len(r['text']) for r in devs[name]):,} characters, "
              f"{n_names:,} names")
    texts = {name: [r["text"] for r in dev] for name, dev in devs.items()}
    gold = {name: [{(s, e, lab) for s, e, lab in r["entities"]} for r in dev] for name, dev in devs.items()}
    unknown = {name: [r["unknown"] for r in dev] for name, dev in devs.items()}
    facts = {}  # MSRA under FACTS.md: (gold, unknown, counts of each mapping)
    if "msra" in devs:
        from ordos_nlp.entities.lexicon import get_lexicon

        recognizer = ordos_nlp.load(entities="rules").get_pipe("ordos_entities")
        short_names = get_lexicon().place_abbreviations
        mapped = [facts_gold(t, g, recognizer, short_names) for t, g in zip(texts["msra"], gold["msra"])]
        facts = {"gold": [m[0] for m in mapped], "unknown": [m[1] for m in mapped],
                 "counts": sum((m[2] for m in mapped), Counter())}
    speed_texts = texts[names[0]]
    n_chars = sum(len(t) for t in speed_texts)

    settings = [s for s in args.settings.split(",") if s]
    dev_rows = {name: {} for name in names}
    facts_rows = {}
    seed_rows, speed, page_speed = {}, {}, {}
    preds = {}
    from test_seed_page import load_document, load_gold

    page = load_document(load_gold())
    pages = [page] * args.pages
    n_page_chars = len(page) * args.pages
    for setting in settings:
        nlp = ordos_nlp.load(entities=setting)
        list(nlp.pipe(speed_texts[:50]))  # warm up (lazy tables)
        for name in names:
            pred, sec = pipeline_spans(nlp, texts[name])
            preds[name, setting] = pred
            dev_rows[name][setting] = prf(gold[name], pred, unknown=unknown[name])
            if name == "msra":
                facts_rows[setting] = prf(facts["gold"], pred, unknown=facts["unknown"])
            if name == names[0]:
                speed[setting] = n_chars / sec
        seed_rows[setting] = seed_page(nlp)
        page_speed[setting] = n_page_chars / pipeline_spans(nlp, pages)[1]
    for path in args.model:
        label = Path(path).name
        for name in names:
            pred, sec = model_spans(path, texts[name])
            dev_rows[name][label] = prf(gold[name], pred, unknown=unknown[name])
            if name == "msra":
                facts_rows[label] = prf(facts["gold"], pred, unknown=facts["unknown"])
            if name == names[0]:
                speed[label + " (alone)"] = n_chars / sec
        page_speed[label + " (alone)"] = n_page_chars / model_spans(path, pages)[1]
    posseg = n_chars / posseg_seconds(speed_texts)
    page_posseg = n_page_chars / posseg_seconds(pages)

    for name in names:
        print(table(f"{name} dev, exact spans (GPE scored as LOC)", dev_rows[name]))
        if name == "msra" and facts_rows:
            moved = ", ".join(f"{k} {v:,}" for k, v in sorted(facts["counts"].items()))
            print(table(f"msra dev under FACTS.md (gold mapped where the spec is mechanical: {moved}; "
                        "training/README.md)", facts_rows))
            print("   all F1, raw → under FACTS.md: " + "; ".join(
                f"{k} {dev_rows['msra'][k]['all']['f']:.3f} → {facts_rows[k]['all']['f']:.3f}" for k in facts_rows))
    print("== seed page, entities (exact span and label)")
    print(f"{'':<12}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for setting, e in seed_rows.items():
        print(f"{setting:<12}{e['tp'] + e['fn']:>6}{e['tp'] + e['fp']:>6}{e['tp']:>6}"
              f"{e['precision']:>8.3f}{e['recall']:>8.3f}{e['f1']:>8.3f}")
    if "combined" in seed_rows:
        e = seed_rows["combined"]
        print("   combined, seed page misses:", "; ".join(e["missed"]) or "none")
        print("   combined, seed page false positives:", "; ".join(e["false_positives"]) or "none")
    print("== speed, one process: characters per second (whole pipeline unless 'alone')")
    print(f"{'':<28}{names[0] + ' dev units':>18}{'seed page x' + str(args.pages):>18}")
    for label in speed:
        print(f"{label:<28}{speed[label]:>18,.0f}{page_speed[label]:>18,.0f}")
    print(f"{'jieba.posseg':<28}{posseg:>18,.0f}{page_posseg:>18,.0f}")
    for name in names:
        if not args.show or (name, "combined") not in preds:
            continue
        shown = 0
        for r, g, p in zip(devs[name], gold[name], preds[name, "combined"]):
            if g != p and shown < args.show:
                shown += 1
                t = r["text"]
                print(f"-- {name}:", t)
                print("   missed:", sorted((t[s:e], l) for s, e, l in g - p),
                      " extra:", sorted((t[s:e], l) for s, e, l in p - g))


if __name__ == "__main__":
    main()
