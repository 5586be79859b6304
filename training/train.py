"""Train the entity recogniser and install it into the package.

    python training/train.py [--config training/ner.cfg] [--corpus training/corpus]
                             [--output training/output] [--no-install] [key=value ...]

Runs ``spacy train`` (CPU) on the DocBins that ``convert.py`` wrote, then copies
the best pipeline (by tag accuracy on the dev split) to
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
                "and Weibo NER (Peng and Dredze 2015, He and Sun 2016)")
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


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default=str(ROOT / "training" / "ner.cfg"))
    ap.add_argument("--corpus", default=str(ROOT / "training" / "corpus"))
    ap.add_argument("--output", default=str(ROOT / "training" / "output"))
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--suffix", default="", help="corpus file suffix (_words: the jieba-token corpora)")
    ap.add_argument("--start-from", default="", help="a trained pipeline whose tagger training goes on from "
                    "(its weights, not fresh ones); the config's tagger block is replaced by it")
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
    config = Path(args.config)
    if args.start_from:
        config = sourced_config(config, Path(args.start_from), Path(args.output))
    t = time.perf_counter()
    train(config, Path(args.output), overrides=overrides, use_gpu=-1)
    print(f"training took {(time.perf_counter() - t) / 60:.1f} min")
    if not args.no_install:
        install(Path(args.output) / "model-best")


if __name__ == "__main__":
    main()
