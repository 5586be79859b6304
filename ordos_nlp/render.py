"""displaCy views of the facts: entities, quantities with their values, dates.

``render(text)`` marks every fact of a text in displaCy's ``ent`` style. The
label says what the pipeline understood, not only what kind of span it found:

- quantities: ``QUANTITY 19234000000 元``, ranges ``QUANTITY 30000–50000 元``,
  with the qualifier when there is one (``QUANTITY 2200000 株 over``);
- dates: ``DATE 2026-Q1`` (and the modifier: ``DATE 2009 since``);
- places with an administrative code: ``GPE 150602``; other entities by label.

Each kind of fact has its own colour (:data:`COLORS`). In a notebook the view
is displayed; elsewhere the HTML is returned, and ``path=`` writes a standalone
page (UTF-8, with a legend) that any browser opens.
"""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from .facts import Entity, Quantity, Sentence, TimeExpr, number_to_str

__all__ = ["render", "COLORS", "fact_label", "display_spans"]

#: Background colour of each fact type (a label ``QUANTITY 3.5 %`` takes the colour of ``QUANTITY``).
COLORS = {
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "PERSON": "#aa9cfc",
    "QUANTITY": "#a3e635",
    "DATE": "#f9a8d4",
}

_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="generator" content="ordos_nlp {version}">
<title>{title}</title>
<style>
body {{ font-size: 16px; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
       "PingFang SC", "Microsoft YaHei", sans-serif; padding: 2rem; max-width: 80rem; margin: auto; }}
h1 {{ font-size: 1.3rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
{content}
</body>
</html>
"""


def fact_label(fact) -> str:
    """The displaCy label of one fact: its type, then its normalised value where it has one."""
    if isinstance(fact, Quantity):
        if fact.low is not None and fact.high is not None:
            value = f"{number_to_str(fact.low)}–{number_to_str(fact.high)}"
        else:
            value = number_to_str(fact.value)
        parts = ["QUANTITY", value, fact.unit]
        if fact.qualifier:
            parts.append(fact.qualifier)
        return " ".join(p for p in parts if p)
    if isinstance(fact, TimeExpr):
        return " ".join(p for p in ("DATE", fact.value, fact.mod) if p)
    if isinstance(fact, Entity):
        return f"{fact.label} {fact.adcode}" if fact.adcode else fact.label
    raise TypeError(f"not a fact: {type(fact).__name__}")


def _base_label(fact) -> str:
    if isinstance(fact, Quantity):
        return "QUANTITY"
    if isinstance(fact, TimeExpr):
        return "DATE"
    return fact.label


def display_spans(sentences: list[Sentence]) -> list[dict]:
    """displaCy's manual ``ents``: one per fact, sorted, overlaps resolved.

    Facts of different types can overlap (a date inside an organisation's name);
    displaCy's ``ent`` style cannot draw that, so the earlier fact is kept, and
    of two starting together the longer.
    """
    facts = sorted(
        (f for s in sentences for f in s.facts), key=lambda f: (f.start, -(f.end - f.start))
    )
    out = []
    last_end = -1
    for f in facts:
        if f.start < last_end or f.end <= f.start:
            continue
        out.append({"start": f.start, "end": f.end, "label": fact_label(f), "base": _base_label(f)})
        last_end = f.end
    return out


def _legend(colors: dict[str, str]) -> str:
    chips = "".join(
        f'<span style="background: {c}; padding: 0.2em 0.6em; margin-right: 0.4em; border-radius: 0.35em; '
        f'font-size: 0.8em; font-weight: bold">{html.escape(label)}</span>'
        for label, c in colors.items()
    )
    return f'<div class="ordos-legend" style="margin-bottom: 1em">{chips}</div>'


def _markup(text: str, sentences: list[Sentence], colors: dict[str, str], legend: bool) -> str:
    from spacy import displacy

    spans = display_spans(sentences)
    label_colors = {s["label"]: colors.get(s["base"], "#ddd") for s in spans}
    data = {
        "text": text,
        "ents": [{k: s[k] for k in ("start", "end", "label")} for s in spans],
        "title": None,
        "settings": {"lang": "zh", "direction": "ltr"},
    }
    body = displacy.render(
        data, style="ent", manual=True, page=False, jupyter=False, options={"colors": label_colors}
    )
    return (_legend(colors) if legend else "") + body


def _in_jupyter() -> bool:
    from spacy.util import is_in_jupyter

    return bool(is_in_jupyter())


def render(
    text_or_doc: Union[str, Doc],
    *,
    jupyter: Optional[bool] = None,
    page: bool = False,
    path: Union[str, "os.PathLike[str]", None] = None,
    doc_date: Optional[date] = None,
    title: Optional[str] = None,
    colors: Optional[dict[str, str]] = None,
    legend: bool = True,
) -> Optional[str]:
    """Show the facts of a text (or of a ``Doc`` from ``ordos_nlp.load()``) with displaCy.

    - ``jupyter``: display in the notebook (``None``: when running in one). Then
      ``None`` is returned.
    - ``page``: return a whole HTML page instead of a ``<div>`` fragment.
    - ``path``: also write a standalone UTF-8 HTML page there (always a whole
      page; parent folders must exist).
    - ``doc_date``: the publication date, to resolve 今年 and dates without a year.
    - ``title``: heading of the page (default: the file name, or "ordos_nlp").
    - ``colors``: overrides of :data:`COLORS` by fact type (``{"QUANTITY": "#ddd"}``).
    - ``legend``: a row of coloured chips naming the fact types, above the text.

    Raises ``TypeError`` for anything but ``str``/``Doc`` (as ``extract()`` does).
    """
    from .version import __version__
    from .api import extract

    if isinstance(text_or_doc, Doc):
        text = text_or_doc.text
    elif isinstance(text_or_doc, str):
        text = text_or_doc
    else:
        raise TypeError(f"render() expects str or spacy.tokens.Doc, got {type(text_or_doc).__name__}")
    sentences = extract(text_or_doc, doc_date=doc_date)
    palette = {**COLORS, **(colors or {})}
    markup = _markup(text, sentences, palette, legend)
    if title is None:
        title = Path(path).stem if path is not None else "ordos_nlp"
    whole = _PAGE.format(title=html.escape(title), content=markup, version=__version__)
    if path is not None:
        Path(path).write_text(whole, encoding="utf-8")
    if jupyter is None:
        jupyter = _in_jupyter()
    if jupyter:
        from IPython.display import HTML, display

        display(HTML(markup))
        return None
    return whole if page else markup
