"""Small HTML tables for notebooks: what ``_repr_html_`` of the fact types returns."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from html import escape
from typing import Any, Iterable, Optional, Sequence


def cell(value: Any) -> str:
    """A value as table text: ``None`` empty, numbers with thousands separators, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return " ".join(cell(v) for v in value)
    if isinstance(value, Fraction):
        value = value.numerator if value.denominator == 1 else value
        if isinstance(value, Fraction):
            return f"{value.numerator}/{value.denominator}"
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return str(value)
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + ("." + frac if frac else "")


def html_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: Optional[str] = None) -> str:
    """An HTML ``<table>`` with escaped cells (numbers right-aligned)."""
    out = ['<table class="ordos-nlp">']
    if caption:
        out.append(f'<caption style="text-align:left">{escape(caption)}</caption>')
    out.append("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr></thead><tbody>")
    for row in rows:
        tds = []
        for v in row:
            numeric = not isinstance(v, (str, bool)) and v is not None and not isinstance(v, (tuple, list))
            style = ' style="text-align:right"' if numeric else ""
            tds.append(f"<td{style}>{escape(cell(v))}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)
