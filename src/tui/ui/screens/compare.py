"""Two fiscal years side by side, sorted by contribution to the change in the total."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tui.data.chart import change_chart
from tui.data.facts import Facts
from tui.data.fiscal import fy_label
from tui.data.tables import compare_table
from tui.ui.glyphs import Glyphs
from tui.ui.screens.dialog import Dialog
from tui.ui.widgets.chart_bars import ChangeBars
from tui.ui.widgets.figure_table import FigureTable
from tui.ui.widgets.key_footer import KeyFooter


class CompareScreen(Dialog[None]):
    # the change chart goes beside the table where there is room, below it where not
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (140, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "close", "Close", show=False),
        Binding("left_square_bracket", "base(-1)", "Base year -"),
        Binding("right_square_bracket", "base(1)", "Base year +"),
    ]

    def __init__(self, facts: Facts, fy: int, glyphs: Glyphs) -> None:
        super().__init__()
        self.facts = facts
        self.fy_b = fy
        years = facts.explorer_years
        self.fy_a = max((y for y in years if y < fy), default=fy)
        self.glyphs = glyphs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="cmp-box"):
            yield Static("", id="cmp-title", classes="dialog-title")
            with Horizontal(id="cmp-body"):
                yield FigureTable(self.glyphs, id="cmp-table")
                yield ChangeBars(self.glyphs, id="cmp-chart")
            yield Static("", id="cmp-detail", classes="row-detail")
            yield Static(
                "Sorted by contribution to the change in the total · Shr pts: change in "
                "share of the total, in percentage points",
                classes="dialog-keys",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(FigureTable).focus()

    def _fill(self) -> None:
        self.query_one("#cmp-title", Static).update(
            Text.assemble(
                ("Compare ", "bold"),
                f"A = {fy_label(self.fy_a)}  vs  B = {fy_label(self.fy_b)}"
                f" (full years only; {self.glyphs.missing} means a year is not published)",
            )
        )
        table = self.query_one(FigureTable)
        table.show(compare_table(self.facts, self.fy_a, self.fy_b))
        self.show_detail(table)  # cells updated in place send no RowHighlighted
        bars = self.query_one(ChangeBars)
        bars.show(change_chart(self.facts, self.fy_a, self.fy_b))
        bars.select(table.current_key)

    @on(FigureTable.RowHighlighted, "#cmp-table")
    def _row_moved(self, event: FigureTable.RowHighlighted) -> None:
        self.query_one(ChangeBars).select(event.row_key.value)

    def action_base(self, step: int) -> None:
        years = [y for y in self.facts.explorer_years if y < self.fy_b]
        if not years:
            return
        idx = years.index(self.fy_a) if self.fy_a in years else len(years) - 1
        new = max(0, min(len(years) - 1, idx + step))
        if new == idx:
            self.notify(
                f"{fy_label(self.fy_a)} is the {'first' if step < 0 else 'last'} base year."
            )
            return
        self.fy_a = years[new]
        self._fill()
