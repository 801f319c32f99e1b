"""Pane 1: the headline figures for the selected fiscal year, each with its source."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui.data import fmt
from tui.data.analytics import yoy
from tui.data.chart import recent_months
from tui.data.facts import Facts
from tui.data.fiscal import fy_short
from tui.data.table import Table
from tui.data.tables import overview_table
from tui.ui.panes.base import Pane
from tui.ui.widgets.chart import PanelChart
from tui.ui.widgets.figure_table import FigureTable


class OverviewPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="ov-head", classes="pane-head")
        yield PanelChart(self.glyphs, min_screen=30, divisor=5, most=10, id="ov-chart")
        yield FigureTable(self.glyphs, id="ov-table")
        yield Static("", classes="row-detail")

    def focus_main(self) -> None:
        self.query_one(FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        g = self.glyphs
        total_id = facts.ds.manifest.total_series
        total = facts.best_for_fy(total_id, fy)
        total_ch = yoy(facts, total_id, fy)
        years = facts.explorer_years
        spark = g.sparkline(facts.annual_values(total_id, years))
        head = Text()
        head.append(f"{facts.ds.series[total_id].name}\n", style="bold")
        head.append(fmt.with_unit(total, g), style="bold")
        tag = fmt.period_tag(total)
        if tag:
            head.append(f" ({tag})")
        if total_ch.pct is not None:
            head.append(f"  {fmt.change_text(total_ch, g)} YoY")
        elif total_ch.refused:
            head.append(f"  YoY: {total_ch.refused}", style="dim")
        head.append(f"   {fy_short(years[0])}-{fy_short(years[-1])} ")
        head.append(spark)
        self.query_one("#ov-head", Static).update(head)
        months = recent_months(facts, total_id, 24)
        chart = self.query_one(PanelChart)
        chart.can_focus = False  # a picture of the months: the table holds the figures
        chart.show((months,) if months else (), facts.ds.series[total_id].unit)
        self.query_one(FigureTable).show(overview_table(facts, fy))

    @on(DataTable.RowHighlighted, "#ov-table")
    def _month_in_chart(self, event: DataTable.RowHighlighted) -> None:
        """A month's row highlights that month in the chart (its caption or the sparkline row
        then says its value and whether sources disagree); `s` on the row cites it."""
        key = event.row_key.value or ""
        self.query_one(PanelChart).select(key.removeprefix("month-"))

    def export_table(self) -> Table | None:
        if self.facts is None or self.fy is None:
            return None
        return overview_table(self.facts, self.fy)
