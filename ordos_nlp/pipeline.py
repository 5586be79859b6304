"""``load()``: the spaCy ``Language`` behind ``extract()``, assembled from ``config.cfg``."""

from __future__ import annotations

import logging
from functools import lru_cache
from importlib import resources
from typing import Optional

import spacy
from spacy.language import Language
from thinc.api import Config

SEGMENTERS = ("jieba", "char", "pkuseg")


def _quiet_jieba() -> None:
    try:
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:  # pragma: no cover - jieba is a dependency
        pass


def pipeline_config(segmenter: str = "jieba") -> Config:
    """The pipeline's config with the chosen segmenter."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, got {segmenter!r}")
    text = resources.files("ordos_nlp").joinpath("config.cfg").read_text("utf-8")
    config = Config().from_str(text)
    config["nlp"]["tokenizer"]["segmenter"] = segmenter
    return config


@lru_cache(maxsize=8)
def _load(segmenter: str, pkuseg_model: Optional[str]) -> Language:
    _quiet_jieba()
    from . import extensions  # noqa: F401

    config = pipeline_config(segmenter)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    if segmenter == "pkuseg":
        if not pkuseg_model:
            raise ValueError(
                "segmenter='pkuseg' needs a local pkuseg model: load(segmenter='pkuseg', "
                "pkuseg_model='/path/to/model') (spacy-pkuseg would otherwise download one)"
            )
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
    return nlp


def load(segmenter: str = "jieba", *, pkuseg_model: Optional[str] = None) -> Language:
    """The ordos_nlp pipeline (built once per setting and cached).

    ``segmenter``: ``"jieba"`` (default), ``"char"`` or ``"pkuseg"`` (with a local
    ``pkuseg_model`` directory; nothing is downloaded). The returned object is
    shared: copy it (``spacy.load(path)`` after ``nlp.to_disk(path)``) before
    changing it.
    """
    if not isinstance(segmenter, str):
        raise TypeError(f"segmenter must be str, got {type(segmenter).__name__}")
    return _load(segmenter, pkuseg_model)
