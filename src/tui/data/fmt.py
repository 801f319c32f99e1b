"""Plain-text formatting of figures, shared by the CLI and the panes (no Rich, no Textual)."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from tui.data.analytics import Change, Ratio
from tui.data.facts import Figure
from tui.data.glyphs import UNICODE, Marks
from tui.data.numbers import grouped

UNIT_SHORT = {
    "US$ million": "US$m",
    "million units": "m units",
    "units": "units",
    "%": "%",
    "US$ per unit": "US$/unit",
    "count": "",
}


def number(value: float, decimals: int | None = None) -> str:
    """Thousands separators; keep the published precision when known."""
    if decimals is None:
        return grouped(value)
    return f"{value:,.{decimals}f}"


def value(fig: Figure, marks: Marks = UNICODE) -> str:
    """A figure as published: ``3,810``, ``>1,100``, ``~1,400``; the missing mark when none."""
    if fig.value is None:
        return marks.missing
    return f"{fig.qualifier}{number(fig.value, max(fig.decimals, 0) if fig.raw else None)}"


def with_unit(fig: Figure, marks: Marks = UNICODE) -> str:
    text = value(fig, marks)
    if fig.value is None:
        return text
    unit = UNIT_SHORT.get(fig.unit, fig.unit)
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".rstrip()


def period_tag(fig: Figure) -> str:
    """``10M`` for the first ten months of a fiscal year, ``Jul 2024`` for a month, else ''."""
    p = fig.period
    if p.kind in ("FYTD", "CYTD"):
        return f"{p.months}M"
    if p.kind == "M":
        return p.short
    return ""


def bounded(x: float, digits: int, qualifier: str = "") -> str:
    """``x`` to ``digits`` places; a bound rounds only towards what it bounds, so a lower
    bound is never shown above the truth (1,100 / 7.5 = 146.67 is ``>146.6``, not ``>146.7``)."""
    mode = {">": ROUND_FLOOR, "<": ROUND_CEILING}.get(qualifier)
    if mode is None:
        return f"{x:,.{digits}f}"
    shown = Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=mode)
    return f"{shown:,.{digits}f}"


def pct(x: float | None, qualifier: str = "", marks: Marks = UNICODE) -> str:
    """``▲+12.3%`` (``+12.3%`` in ASCII): the trend mark, the bound, the sign, one decimal."""
    if x is None:
        return marks.missing
    sign = "+" if x > 0 else "-" if x < 0 else ""
    shown = bounded(x, 1, qualifier).lstrip("-")
    return f"{marks.trend(x)}{qualifier}{sign}{shown}%"


def change_text(ch: Change, marks: Marks = UNICODE) -> str:
    if ch.pct is None:
        return marks.missing
    return pct(ch.pct, ch.qualifier, marks)


def ratio_text(r: Ratio | None, suffix: str = "x", marks: Marks = UNICODE) -> str:
    if r is None or r.value is None:
        return marks.missing
    digits = 1 if suffix != "%" or r.value >= 1 else 2
    if suffix == "%" and r.value < 0.1:
        digits = 2
    return f"{r.qualifier}{bounded(r.value, digits, r.qualifier)}{suffix}"


def source_line(fig: Figure, publisher: str = "", date: str = "") -> str:
    if fig.source is None:
        return fig.missing_reason
    bits = [b for b in (publisher, date) if b]
    return f"source: {fig.source}" + (f" ({', '.join(bits)})" if bits else "")


def fy_span_short(years: list[int]) -> str:
    """``FY16-FY25`` for a run of fiscal start years."""
    from tui.data.fiscal import fy_short

    if not years:
        return ""
    return f"{fy_short(years[0])}-{fy_short(years[-1])}"
