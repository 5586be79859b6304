"""``load()``: the spaCy ``Language`` behind ``extract()``, assembled from ``config.cfg``."""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources
from typing import Optional

import spacy
from spacy.language import Language
from thinc.api import Config

SEGMENTERS = ("jieba", "char", "pkuseg")
WARM_UP = "东胜区讯 记者王彦卿报道，2026年一季度全市完成投资192.34亿元，新建5G基站1,236个。"
ENTITIES = ("combined", "rules", "model")


def _quiet_jieba() -> None:
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:  # pragma: no cover - jieba is a dependency
        pass


def pipeline_config(segmenter: str = "jieba", entities: str = "combined") -> Config:
    """The pipeline's config with the chosen segmenter and entity layers."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, got {segmenter!r}")
    if entities not in ENTITIES:
        raise ValueError(f"entities must be one of {ENTITIES}, got {entities!r}")
    text = resources.files("ordos_nlp").joinpath("config.cfg").read_text("utf-8")
    config = Config().from_str(text)
    config["nlp"]["tokenizer"]["segmenter"] = segmenter
    config["components"]["ordos_entities"]["use_rules"] = entities != "model"
    config["components"]["ordos_entities"]["use_model"] = entities != "rules"
    return config


_LOAD_LOCK = threading.RLock()


@lru_cache(maxsize=8)
def _load(segmenter: str, pkuseg_model: Optional[str], entities: str = "combined") -> Language:
    _quiet_jieba()
    from . import extensions, tokenizer  # noqa: F401  (extensions; the registered tokenizer)

    config = pipeline_config(segmenter, entities)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    if segmenter == "pkuseg":
        if not pkuseg_model:
            raise ValueError(
                "segmenter='pkuseg' needs a local pkuseg model: load(segmenter='pkuseg', "
                "pkuseg_model='/path/to/model') (spacy-pkuseg would otherwise download one)"
            )
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
    # what the components read lazily (jieba's dictionary, the segmenter, the recogniser's
    # tables) is read now, so that load() pays for it and the first text does not
    nlp(WARM_UP)
    return nlp


def load(segmenter: str = "jieba", *, entities: str = "combined", pkuseg_model: Optional[str] = None) -> Language:
    """The ordos_nlp pipeline (built once per setting and cached).

    ``segmenter``: ``"jieba"`` (default), ``"char"`` or ``"pkuseg"`` (with a local
    ``pkuseg_model`` directory; nothing is downloaded). ``entities``: which entity
    layers run: ``"combined"`` (default: the gazetteer and name rules joined with
    the trained recogniser in ``models/ner_msra``), ``"rules"`` or
    ``"model"`` (each alone). The returned object is
    shared: copy it (``spacy.load(path)`` after ``nlp.to_disk(path)``) before
    changing it.
    """
    if not isinstance(segmenter, str):
        raise TypeError(f"segmenter must be str, got {type(segmenter).__name__}")
    if not isinstance(entities, str):
        raise TypeError(f"entities must be str, got {type(entities).__name__}")
    if entities not in ENTITIES:
        raise ValueError(f"entities must be one of {ENTITIES}, got {entities!r}")
    with _LOAD_LOCK:  # two threads asking first build one pipeline, not two half-built ones
        return _load(segmenter, pkuseg_model, entities)
