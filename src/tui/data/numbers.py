"""Numbers written exactly: the shortest text that reads back as the same value.

``f"{x:g}"`` keeps six significant digits (1438.827 would become 1438.83); every number
that leaves pkit (exports, citations, detail lines) goes through :func:`exact` instead.
"""

from __future__ import annotations

from decimal import Decimal


def exact(value: float) -> str:
    """``3810.0`` -> ``3810``, ``1438.827`` -> ``1438.827``, ``1e20`` -> ``1`` and 20 zeros."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def grouped(value: float) -> str:
    """:func:`exact` with thousands separators: ``1,438.827``."""
    text = exact(value)
    if not Decimal(text).is_finite():
        return text
    return format(Decimal(text), ",f")


def published(raw: str, value: float) -> str:
    """The value as written in the data (``788.640`` keeps its last zero), grouped by thousands."""
    try:
        number = Decimal(raw.strip())
    except ArithmeticError:
        return grouped(value)
    if not number.is_finite() or number != Decimal(repr(float(value))):
        return grouped(value)
    return format(number, ",f")
