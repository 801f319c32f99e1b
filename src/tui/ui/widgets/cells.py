"""How a table cell reads on screen: one precision rule per column kind (no Textual).

Display may be tidier than the data, never truer-looking: values keep at most the column's
decimals (never more than were published), a lower bound rounds down and an upper bound up,
and the exact value is always in the detail line, the citation and every export.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from rich.text import Text

from tui.data.numbers import exact
from tui.data.table import Cell, Column, ColumnKind
from tui.ui.glyphs import Glyphs

MAX_VALUE_DECIMALS = 1  # SBP's tables print US$ million to one decimal
RIGHT: frozenset[str] = frozenset({"value", "share", "change", "points", "ratio", "count"})


def rounded(number: float, decimals: int, qualifier: str = "") -> str:
    """``number`` to ``decimals`` places with thousands separators; bounds never overstated."""
    mode = {">": ROUND_FLOOR, "<": ROUND_CEILING}.get(qualifier, ROUND_HALF_UP)
    quantum = Decimal(1).scaleb(-decimals)
    value = Decimal(exact(number)).quantize(quantum, rounding=mode)
    if value.is_zero():
        value = abs(value)  # never "-0.00"
    return f"{value:,.{decimals}f}"


def column_decimals(kind: ColumnKind, cells: Sequence[Cell]) -> int:
    """The one precision of a column."""
    if kind == "value":
        published = [c.decimals for c in cells if c.number is not None and c.decimals is not None]
        return min(MAX_VALUE_DECIMALS, max([0, *published]))
    return {"share": 1, "change": 1, "points": 2, "ratio": 1}.get(kind, 0)


def number_text(cell: Cell, kind: ColumnKind, decimals: int, g: Glyphs) -> str:
    """A number as the column shows it (without flags and part-year tag)."""
    kind = cell.kind or kind
    n = cell.number
    if n is None:
        return g.missing
    q = cell.qualifier
    if kind == "value":
        own = decimals if cell.decimals is None else min(decimals, max(cell.decimals, 0))
        sign = "+" if cell.signed and n > 0 else ""
        return f"{q}{sign}{rounded(n, own, q)}"
    if kind == "share":
        places = 1 if cell.decimals is None else min(1, max(cell.decimals, 0))
        if 0 < abs(n) < 0.05 and q != ">":
            return "<0.1%"
        return f"{q}{rounded(n, places, q)}%"
    if kind == "change":
        sign = "+" if n > 0 else ""
        return f"{g.up_down(n)}{q}{sign}{rounded(n, 1)}%"
    if kind == "points":
        text = rounded(n, 2)
        return f"+{text}" if n > 0 and text != "0.00" else text
    if kind == "ratio":
        return f"{q}{rounded(n, 1, q)}x"
    return rounded(n, 0)


def cell_parts(column: Column, cell: Cell, decimals: int, g: Glyphs) -> tuple[Text, Text]:
    """The cell as plain Rich Text (data text is never parsed as markup): the figure, and the
    marks after it (part-year tag, conflict, basis), which a numeric column aligns apart so
    that they never shift the digits."""
    kind = column.kind
    mark = Text()
    if kind in RIGHT:
        if cell.number is None and not (cell.kind or kind == "value"):
            missing = Text(g.missing if cell.text else "", style="dim")
            if "claim" in cell.flags:
                mark.append(g.claim, style="bold")
            return missing, mark
        text = Text(number_text(cell, kind, decimals, g))
        if cell.number is None:
            text.stylize("dim")
        if cell.part:
            mark.append(f" ({cell.part})", style="italic")
        for flag in ("conflict", "basis", "claim"):
            if flag in cell.flags:
                mark.append(getattr(g, flag), style="bold")
        return text, mark
    if kind == "trend":
        return Text(g.sparkline(cell.values)), mark
    if kind == "bar":
        if len(cell.values) != 2 or cell.values[1] is None:
            return Text(""), mark
        return Text(g.bar(cell.values[0], cell.values[1], 10)), mark
    text = Text(cell.text)
    if cell.fold:
        mark_ = {"open": g.expanded, "closed": g.collapsed}.get(cell.fold, g.leaf)
        text = Text.assemble("  " * cell.depth, mark_, " ", cell.text)
    elif cell.depth:
        text = Text.assemble("  " * cell.depth, cell.text)
    if cell.strong:
        text.stylize("bold")
    return text, mark


def aligned(parts: Sequence[tuple[Text, Text]]) -> list[Text]:
    """A numeric column's cells, all one width: figures aligned on their decimal point (on
    the last digit when they have no decimals), marks just after them.

    Padded here, not justified by Rich: right justification strips trailing spaces, so a
    mark or a decimal pad would shift the digits of its row.
    """
    split = []
    for figure, mark in parts:
        point = figure.plain.find(".")
        if point > 0 and figure.plain[point + 1 : point + 2].isdigit():
            whole, rest = figure.divide([point])
            split.append((whole, Text.assemble(rest, mark)))
        else:
            split.append((figure, mark))
    left_w = max((w.cell_len for w, _ in split), default=0)
    right_w = max((r.cell_len for _, r in split), default=0)
    return [
        Text.assemble(
            " " * (left_w - whole.cell_len),
            whole,
            rest,
            " " * (right_w - rest.cell_len),
            end="",
            no_wrap=True,
        )
        for whole, rest in split
    ]
