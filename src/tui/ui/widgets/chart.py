"""A bar chart of one series' periods (or of recent months), drawn cell by cell.

Drawn by hand, not by a plotting library: gaps, bounds, part-year marks and the ASCII and
console glyph sets have to be exact (chart_draw.py lays them out, glyphs.py picks the glyphs).
The highlighted point follows the table beside it (:meth:`select`), and moving here posts
:class:`Selected` for the table to follow; `s` posts :class:`Cite`. Nothing runs while idle.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.widget import Widget

from tui.data.chart import ChartPanel
from tui.data.fmt import UNIT_SHORT
from tui.ui.glyphs import Glyphs
from tui.ui.widgets.chart_draw import MIN_ROWS, draw_panel, geometry, label_width


def chart_bindings() -> list[BindingType]:
    from tui.ui.actions import bindings

    return bindings("chart")


def chart_rows(screen_height: int, min_screen: int = 22, divisor: int = 4, most: int = 14) -> int:
    """Rows for a chart on a screen this high: a sparkline row when there is no room."""
    if screen_height < min_screen:
        return 1
    return max(MIN_ROWS + 1, min(most, screen_height // divisor - 1))


class PanelChart(Widget, can_focus=True):
    """One panel at a time: the one holding the highlighted point."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chart--bar",
        "chart--mark",
        "chart--earlier",
        "chart--bound",
        "chart--conflict",
        "chart--gap",
        "chart--axis",
        "chart--label",
        "chart--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = chart_bindings()

    class Selected(Message):
        """The highlighted point moved here (arrow keys or a click)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class Cite(Message):
        """`s` on the chart: cite the highlighted point."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(
        self,
        glyphs: Glyphs,
        min_screen: int = 22,
        divisor: int = 4,
        most: int = 14,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.glyphs = glyphs
        self.panels: tuple[ChartPanel, ...] = ()
        self.unit = ""
        self.panel = 0
        self.cursor: int | None = None
        self._rows = (min_screen, divisor, most)

    # -- the model ---------------------------------------------------------------------------

    def show(self, panels: tuple[ChartPanel, ...], unit: str, key: str | None = None) -> None:
        if panels == self.panels and UNIT_SHORT.get(unit, unit) == self.unit and key is None:
            return  # the same picture (Overview's months on an FY step): nothing to send
        self.panels = panels
        self.unit = UNIT_SHORT.get(unit, unit)
        self.panel, self.cursor = 0, None
        if key is not None:
            self.select(key)
        self.refresh(layout=True)

    def select(self, key: str) -> bool:
        """Highlight the point of a period label (no message: the caller moved first)."""
        for n, panel in enumerate(self.panels):
            i = panel.index(key)
            if i is not None:
                if (n, i) != (self.panel, self.cursor):
                    self.panel, self.cursor = n, i
                    self.refresh()
                return True
        if self.cursor is not None:
            self.cursor = None
            self.refresh()
        return False

    @property
    def current_key(self) -> str | None:
        if not self.panels or self.cursor is None:
            return None
        return self.panels[self.panel].points[self.cursor].key

    # -- drawing -----------------------------------------------------------------------------

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        if not self.panels:
            return 0
        return chart_rows(self.app.size.height, *self._rows)

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        if not self.panels or width <= 0 or height <= 0:
            return Text("")
        grid = draw_panel(
            self.panels[self.panel], self.glyphs, width, height, self.cursor, self.unit
        )
        styles = {
            role: self.get_component_rich_style(f"chart--{role}")
            for role in {cell[1] for row in grid for cell in row}
            if role
        }
        out = Text(no_wrap=True, overflow="crop")
        for n, row in enumerate(grid):
            if n:
                out.append("\n")
            run, role = "", ""
            for glyph, r in row:
                if r != role and run:
                    out.append(run, styles.get(role))
                    run = ""
                role = r
                run += glyph
            if run:
                out.append(run, styles.get(role))
        return out

    # -- moving ------------------------------------------------------------------------------

    def action_step(self, step: int) -> None:
        if not self.panels:
            return
        points = self.panels[self.panel].points
        new = len(points) - 1 if self.cursor is None else self.cursor + step
        if not 0 <= new < len(points):
            self._hop_panel(step)
            return
        self.cursor = new
        self.refresh()
        self.post_message(self.Selected(points[new].key))

    def _hop_panel(self, step: int) -> None:
        """Past the end of one axis, on to the next (full years, then months)."""
        nxt = self.panel + step
        if not 0 <= nxt < len(self.panels):
            return
        self.panel = nxt
        self.cursor = 0 if step > 0 else len(self.panels[nxt].points) - 1
        self.refresh()
        self.post_message(self.Selected(self.panels[nxt].points[self.cursor].key))

    def action_cite(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Cite(key))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.panels or self.content_size.height < MIN_ROWS:
            return
        panel = self.panels[self.panel]
        cur = panel.points[self.cursor] if self.cursor is not None else None
        label_w = label_width(panel, self.unit)
        geo = geometry(panel, self.content_size.width, label_w, cur.slot if cur else None)
        if offset.x < label_w:
            return
        slot = geo.start + (offset.x - label_w) // geo.slot_w
        in_lane = (offset.x - label_w) % geo.slot_w >= geo.bar_w
        hits = [i for i, p in enumerate(panel.points) if p.slot == slot]
        if not hits:
            return
        pick = next((i for i in hits if panel.points[i].is_bar != in_lane), hits[0])
        self.cursor = pick
        self.refresh()
        self.post_message(self.Selected(panel.points[pick].key))
