"""``load()``: the spaCy ``Language`` behind ``extract()``, assembled from ``config.cfg``.

``ordos_nlp.load()`` gives the pipeline that ``extract()`` uses, built once per
setting and shared. ``spacy.load("ordos_nlp", ...)`` comes through the same
function with spaCy's keywords (``vocab``, ``disable``, ``enable``,
``exclude``, ``config``) and gets a pipeline of its own, as spaCy users expect.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping, Optional, Union

import spacy
from spacy.language import Language
from thinc.api import Config

SEGMENTERS = ("jieba", "char", "pkuseg")
WARM_UP = "东胜区讯 记者王彦卿报道，2026年一季度全市完成投资192.34亿元，新建5G基站1,236个。"
ENTITIES = ("combined", "rules", "model")
_LOCK = threading.RLock()


def _quiet_jieba() -> None:
    """Python jieba's start-up chatter off, where something has imported it (the pipeline
    cuts with jieba-rs; ``segmenter.python_jieba`` quiets the copy it starts)."""
    jieba = sys.modules.get("jieba")
    if jieba is not None:
        jieba.setLogLevel(logging.WARNING)


def pipeline_config(
    segmenter: str = "jieba", entities: str = "combined", overrides: Optional[Mapping[str, Any]] = None
) -> Config:
    """The pipeline's config with the chosen segmenter and entity layers.

    ``overrides``: spaCy-style config overrides, nested (``{"nlp": {"batch_size": 8}}``)
    or in dot notation (``{"components.ordos_entities.home_region": "150600"}``).
    """
    if segmenter not in SEGMENTERS:
        raise ValueError(f"segmenter must be one of {SEGMENTERS}, got {segmenter!r}")
    if entities not in ENTITIES:
        raise ValueError(f"entities must be one of {ENTITIES}, got {entities!r}")
    text = resources.files("ordos_nlp").joinpath("config.cfg").read_text("utf-8")
    config = Config().from_str(text)
    config["nlp"]["tokenizer"]["segmenter"] = segmenter
    config["components"]["ordos_entities"]["use_rules"] = entities != "model"
    config["components"]["ordos_entities"]["use_model"] = entities != "rules"
    if overrides:
        config = Config(config).from_str(config.to_str(), overrides=_dotted(overrides))
    return config


def _dotted(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """Config overrides in spaCy's dot notation, whether given nested or dotted."""
    nested = any(isinstance(v, Mapping) for v in overrides.values())
    return spacy.util.dict_to_dot(dict(overrides), for_overrides=True) if nested else dict(overrides)


def _meta() -> dict:
    from .version import __version__

    return {
        "lang": "zh",
        "name": "ordos_nlp",
        "version": __version__,
        "description": "Typed, checkable facts (entities, quantities, dates) from Chinese local news",
        "license": "MIT",
        "url": "",
        "author": "the ordos-nlp contributors",
    }


def _build(segmenter: str, pkuseg_model: Optional[str], entities: str, overrides=None, **spacy_kwargs) -> Language:
    _quiet_jieba()
    from . import extensions, tokenizer  # noqa: F401  (extensions; the registered tokenizer)

    config = pipeline_config(segmenter, entities, overrides)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True, meta=_meta(), **spacy_kwargs)
    if segmenter == "pkuseg":
        if not pkuseg_model:
            raise ValueError(
                "segmenter='pkuseg' needs a local pkuseg model: load(segmenter='pkuseg', "
                "pkuseg_model='/path/to/model') (spacy-pkuseg would otherwise download one)"
            )
        try:
            import spacy_pkuseg  # noqa: F401
        except ImportError as err:
            raise ImportError("segmenter='pkuseg' needs spacy-pkuseg: pip install 'ordos-nlp[pkuseg]'") from err
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
    # what the components read lazily (jieba's dictionary, the segmenter, the recogniser's
    # tables) is read now, so that load() pays for it and the first text does not
    nlp(WARM_UP)
    return nlp


@lru_cache(maxsize=8)
def _cached(segmenter: str, pkuseg_model: Optional[str], entities: str = "combined") -> Language:
    return _build(segmenter, pkuseg_model, entities)


def _names(value, what: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable):
        raise TypeError(f"{what} must be a str or a list of str, got {type(value).__name__}")
    out = list(value)
    for v in out:
        if not isinstance(v, str):
            raise TypeError(f"{what} must be a str or a list of str, got an item of type {type(v).__name__}")
    return out


def load(
    segmenter: str = "jieba",
    *,
    entities: str = "combined",
    pkuseg_model: Optional[str] = None,
    user_lexicon: Union[str, "os.PathLike[str]", None] = None,
    vocab: Any = None,
    disable: Union[str, Iterable[str], None] = None,
    enable: Union[str, Iterable[str], None] = None,
    exclude: Union[str, Iterable[str], None] = None,
    config: Optional[Mapping[str, Any]] = None,
) -> Language:
    """The ordos_nlp pipeline.

    ``segmenter``: ``"jieba"`` (default), ``"char"`` or ``"pkuseg"`` (with a local
    ``pkuseg_model`` directory; nothing is downloaded). ``entities``: which entity
    layers run: ``"combined"`` (default: the gazetteer and name rules joined with
    the trained recogniser in ``models/ner_msra``), ``"rules"`` or
    ``"model"`` (each alone).

    Without spaCy's keywords the pipeline is built once per setting and shared
    (``extract()`` uses it): copy it before changing it. With any of spaCy's
    keywords (``vocab``, ``disable``, ``enable``, ``exclude``, ``config`` — the
    ones ``spacy.load("ordos_nlp", ...)`` passes) a new pipeline is built for the
    caller. ``config`` overrides settings, e.g.
    ``{"components.ordos_entities.home_region": "150600"}``.

    ``user_lexicon``: a UTF-8 file of your own names, ``name<TAB>label`` per line
    (ORG, GPE, LOC, PERSON), found before the rules and the model; the pipeline
    built with it is yours alone (``add_names`` on its ``ordos_entities`` adds more).
    """
    if not isinstance(segmenter, str):
        raise TypeError(f"segmenter must be str, got {type(segmenter).__name__}")
    if not isinstance(entities, str):
        raise TypeError(f"entities must be str, got {type(entities).__name__}")
    if entities not in ENTITIES:
        raise ValueError(f"entities must be one of {ENTITIES}, got {entities!r}")
    if pkuseg_model is not None and not isinstance(pkuseg_model, str):
        raise TypeError(f"pkuseg_model must be str or None, got {type(pkuseg_model).__name__}")
    if config is not None and not isinstance(config, Mapping):
        raise TypeError(f"config must be a dict of overrides, got {type(config).__name__}")
    if user_lexicon is not None:
        if not isinstance(user_lexicon, (str, os.PathLike)):
            raise TypeError(f"user_lexicon must be a file path, got {type(user_lexicon).__name__}")
        if not os.path.isfile(user_lexicon):
            raise FileNotFoundError(f"user_lexicon: no such file: {os.fspath(user_lexicon)}")
        config = {**_dotted(config or {}), "components.ordos_entities.user_lexicon": os.path.abspath(user_lexicon)}
    spacy_kwargs = {}
    if vocab is not None and vocab is not True:
        spacy_kwargs["vocab"] = vocab
    for key, value in (("disable", disable), ("enable", enable), ("exclude", exclude)):
        if value is not None:
            names = _names(value, key)
            if names:
                spacy_kwargs[key] = names
    own = any(v is not None for v in (vocab, disable, enable, exclude, config))
    with _LOCK:  # threads asking at once share one build
        if own:
            return _build(segmenter, pkuseg_model, entities, overrides=config or None, **spacy_kwargs)
        return _cached(segmenter, pkuseg_model, entities)
