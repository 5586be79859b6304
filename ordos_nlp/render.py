"""displaCy views of the facts: entities, quantities with their values, dates, laid out as a page.

``render(text)`` marks every fact of a text with displaCy's ``ent`` renderer. The
label says what the pipeline understood, not only what kind of span it found:

- quantities: ``QUANTITY 19,234,000,000 元``, ranges ``QUANTITY 30,000–50,000 元``,
  with the qualifier when there is one (``QUANTITY 2,200,000 株 over``);
- dates: ``DATE 2026-Q1`` (and the modifier: ``DATE 2009 since``);
- places with an administrative code: their official name and code
  (``GPE 东胜区 150602``, also for a short form such as 东胜), the units above
  them in the tooltip; other entities by label;
- statistical records (``Sentence.records``), numbered in text order: the metric
  marked ``METRIC R3`` (with its name when the text wrote it otherwise), and the
  labels of its value and change naming the record (``QUANTITY 4.2 % · R3 ↑ yoy``),
  all three underlined in the record's colour; the tooltip says the record's
  metric, place and period. A metric that overlaps a fact is not marked (displaCy
  cannot nest marks): its value and change then name it in their labels.

The text is laid out as the page reads: one paragraph per line of the page, the
PDF's line breaks inside a sentence joined (``209\\n\\n只`` shows as ``209只``),
headlines, bylines, datelines, credits and author marks styled apart from the
body (the layout's sentence kinds), and no mark ever broken across two lines.
Each kind of fact has its own colour (:data:`COLORS`). In a notebook the view is
displayed; elsewhere the HTML is returned, and ``path=`` writes a standalone page
(UTF-8, with a legend) that any browser opens.
"""

from __future__ import annotations

import bisect
import html
import os
import re
from datetime import date
from pathlib import Path
from typing import Optional, Union

from spacy.tokens import Doc

from .facts import Entity, Quantity, Sentence, TimeExpr, number_to_str
from .records.record import Record
from .html_table import cell

__all__ = ["render", "COLORS", "RECORD_COLORS", "KIND_STYLES", "fact_label", "fact_title", "record_title", "display_spans"]

#: Background colour of each fact type (a label ``QUANTITY 3.5 %`` takes the colour of ``QUANTITY``).
COLORS = {
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "PERSON": "#aa9cfc",
    "QUANTITY": "#a3e635",
    "DATE": "#f9a8d4",
    "METRIC": "#bfdbfe",
}

#: Underline colours of the records, in turn (R1, R2, …): the parts of one record share one.
RECORD_COLORS = ("#1d4ed8", "#c2410c", "#047857", "#7e22ce", "#be123c", "#a16207")

_ARROWS = {"up": "↑", "down": "↓", "flat": "→"}

#: Inline style of each sentence kind that is not body text (``Sentence.kind``).
KIND_STYLES = {
    "headline": "font-weight: bold; color: #1a1a1a",
    "dateline": "font-weight: bold; color: #1f4e79",
    "byline": "color: #555; font-size: 0.9em",
    "author": "color: #555; font-size: 0.9em",
    "credit": "color: #777; font-size: 0.85em",
}

# A paragraph made of headlines only: larger, with a rule on its left; a subtitle
# right under a title keeps close to it.
_HEADLINE_LINE = (
    "font-size: 1.3em; line-height: 2.2; margin: {top} 0 0.3em; "
    "padding-left: 0.6em; border-left: 0.25em solid #c0392b"
)
_BODY_LINE = "margin: 0 0 0.8em"

# displaCy's ``ent`` mark (spacy.displacy.templates.TPL_ENT) that never wraps inside:
# the text and its label stay on one line, and a box never splits in two.
_MARK = (
    '<mark class="entity" data-type="{type}"{record}{title} style="background: {bg}; padding: 0.45em 0.6em; '
    "margin: 0 0.25em; line-height: 1; border-radius: 0.35em; white-space: nowrap;{ring} "
    'box-decoration-break: clone; -webkit-box-decoration-break: clone;">{text}'
    '<span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; '
    'vertical-align: middle; margin-left: 0.5rem">{label}</span></mark>'
)

_LINE_BREAK = re.compile(r"[^\S\n]*\n\s*")  # a run of whitespace holding a line break

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


def _grouped(value) -> str:
    """An exact number with thousands separators: ``19,234,000,000``, ``1,234.5``, ``1/3``."""
    return cell(value) if value is not None else ""


def _place_name(code: str) -> Optional[str]:
    from .entities import get_gazetteer

    return get_gazetteer().name_of(code)


def fact_label(fact) -> str:
    """The displaCy label of one fact: its type, then its normalised value where it has one.

    ``QUANTITY 19,234,000,000 元``, ``DATE 2026-Q1``, ``GPE 东胜区 150602`` (the
    official name of the code, whatever short form the text used), ``ORG``.
    """
    if isinstance(fact, Quantity):
        if fact.low is not None and fact.high is not None:
            value = f"{_grouped(fact.low)}–{_grouped(fact.high)}"
        else:
            value = _grouped(fact.value)
        parts = ["QUANTITY", value, fact.unit]
        if fact.qualifier:
            parts.append(fact.qualifier)
        return " ".join(p for p in parts if p)
    if isinstance(fact, TimeExpr):
        return " ".join(p for p in ("DATE", fact.value, fact.mod) if p)
    if isinstance(fact, Entity):
        if not fact.adcode:
            return fact.label
        return " ".join(p for p in (fact.label, _place_name(fact.adcode), fact.adcode) if p)
    raise TypeError(f"fact_label() expects an Entity, Quantity or TimeExpr, got {type(fact).__name__}")


def fact_title(fact) -> Optional[str]:
    """The tooltip of one fact, or ``None``: a place's units above it, a quantity's kind and exact value.

    ``东胜区 150602 · 鄂尔多斯市 · 内蒙古自治区``; ``MONEY 19234000000 元`` (no
    separators: the value as it can be copied).
    """
    if isinstance(fact, Quantity):
        if fact.low is not None and fact.high is not None:
            value = f"{number_to_str(fact.low)}–{number_to_str(fact.high)}"
        else:
            value = number_to_str(fact.value)
        out = " ".join(p for p in (fact.kind, value, fact.unit) if p)
        if fact.si_value is not None and fact.si_unit and fact.si_unit != fact.unit:
            out += f" = {number_to_str(fact.si_value)} {fact.si_unit}"
        return out
    if isinstance(fact, Entity):
        if not fact.adcode:
            return None
        names = [f"{_place_name(fact.adcode) or fact.text} {fact.adcode}"]
        names += [_place_name(code) or code for code in fact.parents]
        return " · ".join(names)
    if isinstance(fact, TimeExpr):
        return None
    raise TypeError(f"fact_title() expects an Entity, Quantity or TimeExpr, got {type(fact).__name__}")


def _base_label(fact) -> str:
    if isinstance(fact, Quantity):
        return "QUANTITY"
    if isinstance(fact, TimeExpr):
        return "DATE"
    return fact.label


def record_title(record, tag: str = "") -> str:
    """One line saying what a record is: ``R3 地区生产总值 · 内蒙古自治区 150000 (implied) · 2022 · actual``.

    The metric's name, the place (``implied`` when the text wrote no place next to
    the figure), the period with its modifier, the status; ``tag`` goes first.
    """
    if not isinstance(record, Record):
        raise TypeError(f"record_title() expects an ordos_nlp.records.Record, got {type(record).__name__}")
    parts = [" ".join(p for p in (tag, record.metric.name if record.metric else "(no metric)") if p)]
    if record.place is not None:
        place = " ".join(p for p in (record.place.name, record.place.adcode) if p)
        parts.append(place + (" (implied)" if record.place.implied else ""))
    if record.period is not None:
        parts.append(" ".join(p for p in (record.period.value, record.period.mod) if p))
    if record.subject is not None:
        parts.append(record.subject.text)
    parts.append(record.status)
    return " · ".join(parts)


def _change_note(record) -> str:
    """``↑ yoy``: the direction of a record's change and its base, as a label shows them."""
    change = record.change
    return " ".join(p for p in (_ARROWS.get(change.direction, change.direction), change.basis) if p)


class _Drawn:
    """The marks laid so far, sorted and never overlapping: where a new one fits."""

    def __init__(self, spans: list[dict]):
        self.starts = [s["start"] for s in spans]
        self.ends = [s["end"] for s in spans]

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return False
        return i == len(self.starts) or self.starts[i] >= end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _link_records(spans: list[dict], sentences: list[Sentence]) -> list[dict]:
    """``spans`` with each record's parts linked: its metric marked, its value and change labelled.

    Records are numbered R1, R2, … in text order, counting only those with a part
    on the page. A metric is marked only where it overlaps no mark already laid;
    when it is not, the value and change name the metric in their labels. A metric
    shared by several records is one mark naming them all (``METRIC R5 R6 R7``);
    when their names differ, each value and change says its own.
    """
    at = {(s["start"], s["end"]): s for s in spans}
    drawn = _Drawn(spans)
    metrics: dict[tuple[int, int], dict] = {}
    linked = []  # (tag, record, [(span, note)], metric mark or None)
    for record in (r for s in sentences for r in s.records):
        parts = []
        if record.value is not None and (record.value.start, record.value.end) in at:
            parts.append((at[record.value.start, record.value.end], ""))
        change = record.change
        if change is not None and isinstance(change.quantity, Quantity):
            key = (change.quantity.start, change.quantity.end)
            if key in at and all(span is not at[key] for span, _ in parts):
                parts.append((at[key], _change_note(record)))
        metric = record.metric
        key = None if metric is None else (metric.start, metric.end)
        mark = metrics.get(key)  # one metric for several figures (分别为11.9%、62.3%、25.8%)
        if mark is None and metric is not None and metric.end > metric.start and drawn.free(*key):
            mark = metrics[key] = {"start": metric.start, "end": metric.end, "base": "METRIC", "records": [],
                                   "names": []}
            drawn.add(*key)
        if not parts and mark is None:
            continue  # nothing of it on the page
        tag = f"R{len(linked) + 1}"
        if mark is not None:
            mark["records"].append(tag)
            mark["names"].append(metric.name)
            mark["ring"] = mark.get("ring") or RECORD_COLORS[len(linked) % len(RECORD_COLORS)]
        linked.append((tag, record, parts, mark))
    for mark in metrics.values():
        names = set(mark["names"])
        one_name = mark["names"][0] if len(names) == 1 else None
        mark["label"] = " ".join(["METRIC", *mark["records"]])
        if one_name is not None and any(one_name != r.metric.text for t, r, _, m in linked if m is mark):
            mark["label"] += f" {one_name}"
        mark["single"] = one_name is not None
    for i, (tag, record, parts, mark) in enumerate(linked):
        ring = RECORD_COLORS[i % len(RECORD_COLORS)]
        line = record_title(record, tag)
        if mark is not None:
            mark["title"] = f"{mark['title']}\n{line}" if mark.get("title") else line
        for span, note in parts:
            words = [tag]
            if record.metric is not None and (mark is None or not mark["single"]):
                words.append(record.metric.name)
            if note:
                words.append(note)
            span["label"] += " · " + " ".join(words)
            span["title"] = f"{span['title']}\n{line}" if span["title"] else line
            span.setdefault("records", []).append(tag)
            span.setdefault("ring", ring)
    for mark in metrics.values():
        del mark["names"], mark["single"]
    return sorted(spans + list(metrics.values()), key=lambda s: s["start"])


def display_spans(sentences: list[Sentence], records: Optional[bool] = None) -> list[dict]:
    """One mark per fact, sorted, overlaps resolved: ``start``, ``end`` (offsets into the text),
    ``label``, ``base`` (the fact type, or ``METRIC``) and ``title`` (tooltip or ``None``);
    a record's parts also carry ``records`` (``["R3"]``) and ``ring`` (its colour).

    Facts of different types can overlap (a date inside an organisation's name);
    displaCy's ``ent`` style cannot draw that, so the earlier fact is kept, and
    of two starting together the longer. ``records`` links the parts of each
    statistical record (see :func:`render`); ``None``: when the sentences hold any.
    """
    facts = sorted(
        (f for s in sentences for f in s.facts), key=lambda f: (f.start, -(f.end - f.start))
    )
    out = []
    last_end = -1
    for f in facts:
        if f.start < last_end or f.end <= f.start:
            continue
        out.append({"start": f.start, "end": f.end, "label": fact_label(f), "base": _base_label(f), "title": fact_title(f)})
        last_end = f.end
    if records is None:
        records = any(s.records for s in sentences)
    return _link_records(out, sentences) if records else out


def _legend(colors: dict[str, str]) -> str:
    chips = "".join(
        f'<span style="background: {c}; padding: 0.2em 0.6em; margin-right: 0.4em; border-radius: 0.35em; '
        f'font-size: 0.8em; font-weight: bold">{html.escape(label)}</span>'
        for label, c in colors.items()
    )
    return f'<div class="ordos-legend" style="margin-bottom: 1em">{chips}</div>'


def _joined(text: str) -> tuple[str, list[int]]:
    """``text`` with its line breaks joined, and where each offset of ``text`` (and its end) lands.

    A break between two Latin letters or digits becomes a space (``Inner Mongolia``),
    any other disappears (``209\\n\\n只`` → ``209只``), as the finders read it.
    """
    out: list[str] = []
    where = [0] * (len(text) + 1)
    pos = 0
    n = 0
    for m in _LINE_BREAK.finditer(text):
        for i in range(pos, m.start()):
            where[i] = n + (i - pos)
        out.append(text[pos : m.start()])
        n += m.start() - pos
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        glue = " " if (before + after).isascii() and before.isalnum() and after.isalnum() else ""
        for i in range(m.start(), m.end()):
            where[i] = n
        out.append(glue)
        n += len(glue)
        pos = m.end()
    for i in range(pos, len(text) + 1):
        where[i] = n + (i - pos)
    out.append(text[pos:])
    return "".join(out), where


class _Sentences:
    """Each sentence through displaCy's ``ent`` renderer, its own markup without displaCy's wrapper."""

    def __init__(self, colors: dict[str, str]):
        from spacy.displacy.render import EntityRenderer
        from spacy.displacy.templates import TPL_ENTS

        self.colors = colors
        self.renderer = EntityRenderer({"template": _MARK})
        head, _, tail = TPL_ENTS.partition("{content}")
        self.head = head.format(dir=self.renderer.direction)
        self.tail = tail

    def markup(self, sentence: Sentence, spans: list[dict]) -> str:
        shown, where = _joined(sentence.text)
        ents = []
        for span in spans:
            title = f' title="{html.escape(span["title"])}"' if span["title"] else ""
            ents.append(
                {
                    "start": where[span["start"] - sentence.start],
                    "end": where[span["end"] - sentence.start],
                    "label": html.escape(span["label"]),
                    "params": {
                        "bg": self.colors.get(span["base"], "#ddd"),
                        "type": span["base"],
                        "title": title,
                        "record": f' data-record="{" ".join(span["records"])}"' if span.get("records") else "",
                        "ring": f' box-shadow: inset 0 -0.25em 0 {span["ring"]};' if span.get("ring") else "",
                    },
                }
            )
        out = self.renderer.render_ents(shown, ents, None)
        if out.startswith(self.head) and out.endswith(self.tail):
            out = out[len(self.head) : len(out) - len(self.tail)]
        # two marks side by side (a metric and its value) may go to two lines: a label's
        # last letter and the next figure would otherwise hold them together
        out = out.replace("</mark><mark ", "</mark><wbr/><mark ")
        style = KIND_STYLES.get(sentence.kind)
        style_attr = f' style="{style}"' if style else ""
        return f'<span class="ordos-sentence ordos-{sentence.kind}" data-kind="{sentence.kind}"{style_attr}>{out}</span>'


def _markup(text: str, sentences: list[Sentence], colors: dict[str, str], legend: bool,
            records: Optional[bool] = None) -> str:
    """The page: a ``<p>`` per line of the text (its hard line breaks), each sentence in a span of its kind."""
    spans = display_spans(sentences, records)
    by_sentence: list[list[dict]] = [[] for _ in sentences]
    k = 0
    for span in spans:  # both sorted by offset; a fact lies inside its sentence
        while k < len(sentences) and sentences[k].end < span["end"]:
            k += 1
        if k < len(sentences):
            by_sentence[k].append(span)
    drawer = _Sentences(colors)
    lines: list[tuple[list[str], set[str]]] = [([], set())]

    def add_gap(gap: str) -> None:
        parts = _LINE_BREAK.split(gap)
        for i, part in enumerate(parts):
            if i:
                lines.append(([], set()))
            if part:
                lines[-1][0].append(html.escape(part, quote=False))
                if part.strip():
                    lines[-1][1].add("body")

    pos = 0
    for sentence, own in zip(sentences, by_sentence):
        add_gap(text[pos : sentence.start])
        lines[-1][0].append(drawer.markup(sentence, own))
        lines[-1][1].add(sentence.kind)
        pos = sentence.end
    add_gap(text[pos:])

    paragraphs = []
    previous = None
    for pieces, kinds in lines:
        if not kinds:
            continue  # an empty line of the text: paragraphs already stand apart
        if kinds == {"headline"}:
            top = "0.1em" if previous == "headline" else "1.4em"
            style, kind = _HEADLINE_LINE.format(top=top), "headline"
        else:
            style, kind = _BODY_LINE, "body"
        paragraphs.append(f'<p class="ordos-line ordos-{kind}-line" style="{style}">{"".join(pieces).strip()}</p>')
        previous = kind
    body = "\n".join(paragraphs)
    view = f'<div class="entities ordos-page" lang="zh" style="line-height: 2.5; direction: ltr">\n{body}\n</div>'
    if not any(span["base"] == "METRIC" for span in spans):
        colors = {k: c for k, c in colors.items() if k != "METRIC"}
    return (_legend(colors) if legend else "") + view


def _in_jupyter() -> bool:
    from spacy.util import is_in_jupyter

    return bool(is_in_jupyter())


def render(
    text_or_doc: Union[str, Doc],
    *,
    jupyter: Optional[bool] = None,
    page: bool = False,
    path: Union[str, "os.PathLike[str]", None] = None,
    doc_date: Union[date, str, None] = None,
    title: Optional[str] = None,
    colors: Optional[dict[str, str]] = None,
    legend: bool = True,
    records: Optional[bool] = None,
    doc_place: Optional[str] = None,
    doc_period: Optional[str] = None,
) -> Optional[str]:
    """Show the facts of a text (or of a ``Doc`` from ``ordos_nlp.load()``) with displaCy.

    - ``jupyter``: display in the notebook (``None``: when running in one). Then
      ``None`` is returned.
    - ``page``: return a whole HTML page instead of a ``<div>`` fragment.
    - ``path``: also write a standalone UTF-8 HTML page there (always a whole
      page; parent folders must exist).
    - ``doc_date``: the publication date (a ``date`` or an ISO string), to resolve
      今年 and dates without a year.
    - ``title``: heading of the page (default: the file name, or "ordos_nlp").
    - ``colors``: overrides of :data:`COLORS` by fact type (``{"QUANTITY": "#ddd"}``).
    - ``legend``: a row of coloured chips naming the fact types, above the text.
    - ``records``: link the parts of each statistical record (``Sentence.records``):
      the metric marked ``METRIC R3``, its value and change labelled ``· R3``,
      a tooltip with the record's place and period. ``None`` (the default): when
      the text has records; ``False``: facts only.
    - ``doc_place``, ``doc_period``: the place and period a record takes when the
      text states none, as in ``extract()``.

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
    if records is not None and not isinstance(records, bool):
        raise TypeError(f"render() expects records=True, False or None, got {type(records).__name__}")
    sentences = extract(text_or_doc, doc_date=doc_date, doc_place=doc_place, doc_period=doc_period)
    palette = {**COLORS, **(colors or {})}
    markup = _markup(text, sentences, palette, legend, records)
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
