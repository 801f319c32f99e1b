"""Horizontal bars of the change by category between two years (Compare), one row each.

Bars run right of a zero line for an increase and left of it for a decrease, sorted by
contribution to the change in the total, as the table beside them. The highlighted bar is
the table's row. Categories with no change to draw (a year not published) are named, not
drawn as zero.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.data.chart import ChangeBar, ChangeChart
from tui.data.fmt import UNIT_SHORT
from tui.ui.glyphs import Glyphs

LABEL_MAX = 22


def bar_rows(chart: ChangeChart, g: Glyphs, width: int, cursor: str | None) -> list[Text]:
    """The caption, one line per bar, and what was left out; roles as Text styles' names."""
    unit = UNIT_SHORT.get(chart.unit, chart.unit)
    arrow = "→" if g.mode == "unicode" else "->"
    lines = [Text(f"Change {chart.a_label} {arrow} {chart.b_label}, {unit}", style="axis")]
    bars = chart.bars
    if not bars:
        lines.append(Text("No category has both years published.", style="gap"))
        return lines
    label_w = min(LABEL_MAX, max(len(b.label) for b in bars), max(6, width // 3))
    value_w = max(len(b.shown) for b in bars)
    room = max(2, width - label_w - value_w - 3)
    pos = max((b.change for b in bars if b.change > 0), default=0.0)
    neg = max((-b.change for b in bars if b.change < 0), default=0.0)
    left = round(room * neg / (pos + neg)) if neg else 0
    right = room - left
    for b in bars:
        line = Text(no_wrap=True, overflow="crop")
        name = b.label if len(b.label) <= label_w else b.label[: label_w - 1] + g.ellipsis[0]
        line.append(name.ljust(label_w) + " ", style="label")
        line.append(_half(b, g, left, neg, negative=True), style="bar")
        line.append("|" if g.ascii else "│", style="axis")
        line.append(_half(b, g, right, pos, negative=False), style="bar")
        line.append(" " + b.shown.rjust(value_w), style="label")
        if b.key == cursor:
            line.stylize("cursor")
        lines.append(line)
    if chart.left_out:
        n = len(chart.left_out)
        lines.append(
            Text(f"{n} not drawn: a year is not published ({', '.join(chart.left_out)})", "gap")
        )
    for line in lines:
        if line.cell_len > width:  # cut with the mode's ellipsis (ASCII stays ASCII)
            line.truncate(max(0, width - len(g.ellipsis)))
            line.append(g.ellipsis)
    return lines


def _half(b: ChangeBar, g: Glyphs, width: int, scale: float, negative: bool) -> str:
    """One side of the zero line: the bar on its side, spaces on the other."""
    if width <= 0:
        return ""
    if (b.change < 0) != negative or b.change == 0 or scale <= 0:
        return " " * width
    if negative:  # whole cells, growing leftwards from the zero line
        full = g.bar(scale, scale, 1)[:1]
        n = max(1, round(-b.change / scale * width))
        return (full * n).rjust(width)
    return g.bar(b.change, scale, width).ljust(width)


class ChangeBars(Widget):
    """The change chart beside Compare's table; :meth:`select` follows the table's row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chart--bar",
        "chart--axis",
        "chart--label",
        "chart--gap",
        "chart--cursor",
    }

    def __init__(self, glyphs: Glyphs, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.glyphs = glyphs
        self.chart: ChangeChart | None = None
        self.cursor: str | None = None

    def show(self, chart: ChangeChart) -> None:
        self.chart = chart
        self.refresh(layout=True)

    def select(self, key: str | None) -> None:
        if key != self.cursor:
            self.cursor = key
            self.refresh()

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        if self.chart is None:
            return 0
        return 1 + max(1, len(self.chart.bars)) + (1 if self.chart.left_out else 0)

    def render(self) -> Text:
        width = self.content_size.width
        if self.chart is None or width <= 0:
            return Text("")
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, line in enumerate(bar_rows(self.chart, self.glyphs, width, self.cursor)):
            if n:
                out.append("\n")
            out.append_text(self._styled(line))
        return out

    def _styled(self, line: Text) -> Text:
        """Role names (bar, axis, ...) to the theme's styles for them."""
        styled = Text(line.plain, no_wrap=True, overflow="ellipsis")
        roles = [(line.style, 0, len(line.plain))] if line.style else []
        roles += [(s.style, s.start, s.end) for s in line.spans]
        for role, start, end in roles:
            styled.stylize(self.get_component_rich_style(f"chart--{role}"), start, end)
        return styled
