"""A readable per-sentence table of facts, for terminals and the README."""

from __future__ import annotations

from typing import Iterable

from .facts import Entity, Quantity, Sentence, TimeExpr, number_to_str


def _oneline(text: str, width: int = 60) -> str:
    flat = text.replace("\n", "⏎")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def fact_row(f) -> str:
    """One fact as ``LABEL  text  key=value …``."""
    if isinstance(f, Quantity):
        fields = [f"value={number_to_str(f.value)}", f"unit={f.unit}", f"kind={f.kind}"]
        if f.qualifier:
            fields.append(f"qualifier={f.qualifier}")
        if f.low is not None or f.high is not None:
            fields.append(f"range={number_to_str(f.low)}..{number_to_str(f.high)}")
        if f.currency:
            fields.append(f"currency={f.currency}")
        if f.si_value is not None:
            fields.append(f"si={number_to_str(f.si_value)} {f.si_unit}")
        label = "QUANTITY"
    elif isinstance(f, Entity):
        fields = []
        if f.adcode:
            fields.append(f"adcode={f.adcode}")
        if f.parents:
            fields.append("parents=" + ",".join(f.parents))
        label = f.label
    elif isinstance(f, TimeExpr):
        fields = [f"value={f.value}"] + ([f"mod={f.mod}"] if f.mod else [])
        label = "DATE"
    else:  # pragma: no cover
        raise TypeError(type(f).__name__)
    return f"    {label:<9}{_oneline(f.text, 30):<16} {' '.join(fields)}".rstrip()


def format_table(sentences: Iterable[Sentence], only_with_facts: bool = False) -> str:
    """The facts of each sentence under a line naming it (index, kind, offsets, text)."""
    lines = []
    for i, s in enumerate(sentences):
        facts = s.facts
        if only_with_facts and not facts:
            continue
        lines.append(f"[{i}] {s.kind} {s.start}:{s.end}  {_oneline(s.text)}")
        lines.extend(fact_row(f) for f in facts)
    return "\n".join(lines)


def record_line(r) -> str:
    """One record as ``metric (name)  value  change  place  period  status``."""
    from .records.record import NoAmount

    parts = [f"{_oneline(r.metric.text, 20) if r.metric else '?'}"]
    if r.metric and r.metric.name != r.metric.text:
        parts[0] += f" ({r.metric.name})"
    if r.value is not None:
        parts.append(f"value={number_to_str(r.value.value)} {r.value.unit}".rstrip())
    if r.change is not None:
        amount = r.change.quantity
        shown = amount.text if isinstance(amount, NoAmount) else f"{number_to_str(amount.value)}{amount.unit}"
        parts.append(f"change={r.change.direction} {shown}" + (f" basis={r.change.basis}" if r.change.basis else ""))
    if r.place is not None:
        parts.append(f"place={r.place.name} {r.place.adcode or ''}".rstrip() + (" (implied)" if r.place.implied else ""))
    if r.period is not None:
        parts.append(f"period={r.period.value}" + (f" mod={r.period.mod}" if r.period.mod else ""))
    if r.subject is not None:
        parts.append(f"subject={r.subject.text}")
    if r.status != "actual":
        parts.append(f"status={r.status}")
    return "    RECORD   " + "  ".join(parts)


def format_records(sentences: Iterable[Sentence]) -> str:
    """The records of each sentence that has some, under a line naming the sentence."""
    lines = []
    for i, s in enumerate(sentences):
        records = getattr(s, "records", ())
        if not records:
            continue
        lines.append(f"[{i}] {s.kind} {s.start}:{s.end}  {_oneline(s.text)}")
        lines.extend(record_line(r) for r in records)
    return "\n".join(lines)
