"""Placeholder: replaced by the full parser."""

from __future__ import annotations

from decimal import Decimal

import cn2an


def parse_number(s):
    if not isinstance(s, str):
        raise TypeError(f"parse_number() expects str, got {type(s).__name__}")
    try:
        v = cn2an.cn2an(s, "smart")
    except Exception:
        return None
    return Decimal(str(v)).normalize()
