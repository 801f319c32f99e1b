"""Every period of one series: a chart above a table with bars, YoY and status.

The chart's highlighted point is the table's row (move in one, the other follows; tab
switches between them); `s` cites it in either.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tui.data import fmt
from tui.data.analytics import cagr
from tui.data.chart import series_chart
from tui.data.facts import Facts
from tui.data.tables import history_table
from tui.ui.actions import bindings
from tui.ui.glyphs import Glyphs
from tui.ui.screens.dialog import Dialog
from tui.ui.widgets.chart import PanelChart
from tui.ui.widgets.figure_table import FigureTable
from tui.ui.widgets.key_footer import KeyFooter


class HistoryScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings("history")

    def __init__(
        self, facts: Facts, series_id: str, glyphs: Glyphs, focus_period: str | None = None
    ) -> None:
        super().__init__()
        self.facts = facts
        self.series_id = series_id
        self.glyphs = glyphs
        self.focus_period = focus_period

    def compose(self) -> ComposeResult:
        s = self.facts.ds.series[self.series_id]
        with Vertical(classes="dialog wide", id="hist-box"):
            yield Static(
                Text.assemble((s.name, "bold"), f"  ({s.unit}; {s.description})"),
                classes="dialog-title",
            )
            yield Static("", id="hist-summary")
            yield PanelChart(self.glyphs, id="hist-chart")
            yield FigureTable(self.glyphs, id="hist-table")
            yield Static("", id="hist-detail", classes="row-detail")
            yield Static(
                "Full years, part-years (10M = first ten months) and months as published",
                classes="dialog-keys",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(FigureTable)
        model = history_table(self.facts, self.series_id)
        table.show(model)
        table.styles.max_height = table.natural_height()  # the detail line under the last row
        years = [p.year for p in self.facts.periods_of(self.series_id) if p.kind == "FY"]
        summary = ""
        if len(years) >= 2:
            c = cagr(self.facts, self.series_id, min(years), max(years))
            span = f"{fmt.fy_span_short([min(years), max(years)])}"
            summary = (
                f"CAGR {span}: {c.qualifier}{c.pct:+.1f}% a year"
                if c.pct is not None
                else f"CAGR {span}: not computed ({c.refused})"
            )
        self.query_one("#hist-summary", Static).update(summary)
        keys = [r.key for r in model.rows]
        if self.focus_period in keys:
            table.move_cursor(row=keys.index(self.focus_period))
        elif keys:
            table.move_cursor(row=len(keys) - 1)
        chart = series_chart(self.facts, self.series_id)
        self.query_one(PanelChart).show(chart.panels, chart.unit, table.current_key)
        table.focus()

    @on(FigureTable.RowHighlighted, "#hist-table")
    def _row_moved(self, event: FigureTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.query_one(PanelChart).select(event.row_key.value)

    @on(PanelChart.Selected)
    def _point_moved(self, event: PanelChart.Selected) -> None:
        table = self.query_one(FigureTable)
        if table.current_key != event.key and event.key in table.model_rows:
            table.move_cursor(row=table.get_row_index(event.key))

    @on(PanelChart.Cite)
    def _cite_point(self, event: PanelChart.Cite) -> None:
        self._point_moved(PanelChart.Selected(event.key))
        table = self.query_one(FigureTable)
        # run in the table's own context: a message made here would stop at this screen
        table.call_later(table.action_cite)

    def action_toggle_chart(self) -> None:
        chart, table = self.query_one(PanelChart), self.query_one(FigureTable)
        (table if chart.has_focus else chart).focus()
