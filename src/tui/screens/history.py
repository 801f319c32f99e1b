"""Every period of one series: a table with bars, YoY and status; `s` cites the row."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import fmt
from tui.data.analytics import cagr
from tui.data.facts import Facts
from tui.data.views import history
from tui.glyphs import Glyphs
from tui.widgets.figure_table import FigureTable, Row

BAR_WIDTH = 16


class HistoryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

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
                Text.assemble((s.name, "bold"), f"  ({s.unit}; {s.description[:60]})"),
                classes="dialog-title",
            )
            yield Static("", id="hist-summary")
            yield FigureTable(
                [
                    ("period", "Period"),
                    ("span", "Months"),
                    ("value", "Value"),
                    ("bar", "Bar"),
                    ("yoy", "YoY"),
                    ("status", "Status"),
                ],
                id="hist-table",
            )
            yield Static(
                "s source · Esc close · full years, part-years (10M = first ten months) "
                "and months as published",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        g = self.glyphs
        rows = history(self.facts, self.series_id)
        top = max((r.figure.value or 0.0 for r in rows if r.figure.ok), default=0.0)
        out = []
        for r in rows:
            f = r.figure
            status = {
                "ok": "",
                "rounding": "also published rounded",
                "conflict": "conflict",
                "missing": "missing",
                "erratum": "erratum",
            }[f.status]
            if f.status == "missing":
                status = f"missing: {f.missing_reason}"[:40]
            yoy = fmt.change_text(r.change, g.ascii) if r.change is not None else ""
            out.append(
                Row(
                    f.period.label,
                    [
                        f.period.short,
                        f.period.span,
                        Text(fmt.value(f, g.ascii), justify="right"),
                        g.bar(f.value, top, BAR_WIDTH),
                        Text(yoy, justify="right"),
                        status,
                    ],
                    f,
                )
            )
        table = self.query_one(FigureTable)
        table.sync(out)
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
        keys = [r.key for r in out]
        if self.focus_period in keys:
            table.move_cursor(row=keys.index(self.focus_period))
        elif keys:
            table.move_cursor(row=len(keys) - 1)
        table.focus()

    def on_data_table_row_selected(self, event: Any) -> None:
        event.stop()
        self.app.action_show_source()  # type: ignore[attr-defined]

    def citation(self) -> Any:
        return self.query_one(FigureTable).current_payload
