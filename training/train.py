"""Train the entity recogniser and install it into the package.

    python training/train.py [--config training/ner.cfg] [--corpus training/corpus]
                             [--output training/output] [--no-install] [--keep best|last]
                             [--start-from PIPELINE] [--seeds 0,1,2] [key=value ...]

Runs ``spacy train`` (CPU) on the DocBins that ``convert.py`` wrote, then copies
the best pipeline (by entity F1 on the dev split; ``--keep last``: the last) to
``models/ner_msra`` (installed with the package as ``ordos_nlp/models``), where ``ordos_nlp.load()`` finds it. Extra
``section.key=value`` arguments override the config
(``training.max_steps=2000``).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "models" / "ner_msra"


def parse_overrides(items: list[str]) -> dict:
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def install(best: Path, target: Path = TARGET) -> None:
    """Copy the trained pipeline into the package (replacing what was there)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    for folder in sorted((p for p in target.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()  # the character tokenizer saves nothing; git keeps no empty folder either
    # the corpus paths of this machine mean nothing in the package
    cfg = target / "config.cfg"
    text = cfg.read_text("utf-8")
    text = re.sub(r"(?m)^(train|dev) = .*$", r"\1 = null", text, count=2)
    cfg.write_text(text, "utf-8")
    # the model reads integer features: the vocabulary it saw in training is not needed
    # (and the characters of the corpus stay out of the repository); the tag names are kept
    strings = target / "vocab" / "strings.json"
    tags = [t for t in json.loads(strings.read_text("utf-8")) if t == "O" or t[:2] in ("B-", "I-", "E-", "S-")]
    strings.write_text(json.dumps(sorted(tags), ensure_ascii=False, indent=1), "utf-8")
    meta_file = target / "meta.json"
    meta = json.loads(meta_file.read_text("utf-8"))
    meta.update(name="ner_msra", description="ordos_nlp entity recogniser: a character tagger "
                "(B/I/E/S + PERSON, ORG, LOC) with word features, trained on MSRA, CLUENER2020 "
                "and Weibo NER (Peng and Dredze 2015, He and Sun 2016), then on with local news "
                "passages annotated to FACTS.md (benchmarks/realtext)")
    meta_file.write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    print(f"installed {best} → {target} ({size / 1e6:.1f} MB)")


def sourced_config(config: Path, start: Path, output: Path) -> Path:
    """``config`` with its tagger taken from the pipeline at ``start`` (spaCy resumes training a
    sourced component instead of initialising it), written next to the output."""
    from spacy.util import load_config

    cfg = load_config(config, interpolate=False)
    cfg["components"]["tagger"] = {"source": str(start.resolve()), "component": "tagger"}
    output.mkdir(parents=True, exist_ok=True)
    path = output / "sourced.cfg"
    cfg.to_disk(path)
    return path


def average_weights(pipelines: list[Path], out: Path) -> Path:
    """One pipeline whose tagger weights are the mean of ``pipelines``' (trained on from the
    same weights with different seeds): it reads unseen text a little better than each of
    them, at the cost of one."""
    import numpy as np
    import spacy

    nlps = [spacy.load(p) for p in pipelines]
    for nodes in zip(*(list(nlp.get_pipe("tagger").model.walk()) for nlp in nlps)):
        for name in nodes[0].param_names:
            if nodes[0].has_param(name):
                first = nodes[0].get_param(name)
                nodes[0].set_param(name, np.mean([n.get_param(name) for n in nodes], axis=0).astype(first.dtype))
    nlps[0].to_disk(out)
    print(f"averaged the weights of {len(pipelines)} runs → {out}")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default=str(ROOT / "training" / "ner.cfg"))
    ap.add_argument("--corpus", default=str(ROOT / "training" / "corpus"))
    ap.add_argument("--output", default=str(ROOT / "training" / "output"))
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--suffix", default="", help="corpus file suffix (_words: the jieba-token corpora)")
    ap.add_argument("--start-from", default="", help="a trained pipeline whose tagger training goes on from "
                    "(its weights, not fresh ones); the config's tagger block is replaced by it")
    ap.add_argument("--keep", choices=("best", "last"), default="best",
                    help="which checkpoint to install: the best on the corpora's dev split, or the last "
                    "(when what is trained on is not what that split measures: the real-text passages)")
    ap.add_argument("--seeds", default="", help="train once per seed (comma-separated; each run in "
                    "OUTPUT/seed<N>) and install the mean of their weights")
    ap.add_argument("overrides", nargs="*")
    args = ap.parse_args(argv)

    import ordos_nlp.entities.charner_spacy  # noqa: F401  (registers the tokenizer, embedding and component)
    from ordos_nlp.entities.lexicon import add_names_to_jieba
    from spacy.cli.train import train

    add_names_to_jieba()  # the pipeline's segmentation, for the word features

    corpus = Path(args.corpus)
    overrides = {"paths.train": str(corpus / f"train{args.suffix}.spacy"),
                 "paths.dev": str(corpus / f"dev{args.suffix}.spacy")}
    overrides.update(parse_overrides(args.overrides))
    seeds = [int(x) for x in args.seeds.split(",")] if args.seeds else [None]
    runs = []
    t = time.perf_counter()
    for seed in seeds:
        output = Path(args.output) if seed is None else Path(args.output) / f"seed{seed}"
        config = Path(args.config)
        if args.start_from:
            config = sourced_config(config, Path(args.start_from), output)
        train(config, output, overrides=overrides if seed is None else {**overrides, "system.seed": seed}, use_gpu=-1)
        runs.append(output / f"model-{args.keep}")
    print(f"training took {(time.perf_counter() - t) / 60:.1f} min")
    chosen = runs[0] if len(runs) == 1 else average_weights(runs, Path(args.output) / "model-average")
    if not args.no_install:
        install(chosen)


if __name__ == "__main__":
    main()
