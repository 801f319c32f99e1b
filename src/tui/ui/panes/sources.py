"""Pane 5: the sources register with the figures that cite each source, and every conflict
with all its values, the preferred one and why."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui.data import fmt
from tui.data.facts import Facts
from tui.data.model import Source
from tui.data.table import Citable, Table
from tui.data.tables import conflicts_table, sources_table
from tui.ui.actions import key_display
from tui.ui.panes.base import Pane
from tui.ui.widgets.figure_table import FigureTable


class SourcesPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="so-head", classes="pane-head")
        yield FigureTable(self.glyphs, id="so-table")
        yield Static("", id="so-detail")
        yield Static("", id="cf-head", classes="pane-subhead")
        yield FigureTable(self.glyphs, id="cf-table")

    def focus_main(self) -> None:
        self.query_one("#so-table", FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        if not first:
            return  # the register does not depend on the fiscal year
        self.query_one("#so-table", FigureTable).show(sources_table(facts))
        conflicts = facts.conflicts()
        self.query_one("#so-head", Static).update(
            f"{len(facts.ds.sources)} sources · {len(facts.ds.table)} figures · "
            f"{len(conflicts)} conflicts below · {key_display(self.app, 'open')} lists a "
            "source's figures"
        )
        table = conflicts_table(facts)
        checks = len(table.rows) - len(conflicts)
        self.query_one("#cf-head", Static).update(
            Text(
                f"{len(conflicts)} conflicts (all values kept, one preferred) and "
                f"{checks} quoted growth rates that do not recompute",
                style="bold",
            )
        )
        self.query_one("#cf-table", FigureTable).show(table)
        self._detail()

    @on(DataTable.RowHighlighted, "#so-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        facts = self.facts
        src = self.query_one("#so-table", FigureTable).current_payload
        box = self.query_one("#so-detail", Static)
        if facts is None or not isinstance(src, Source):
            box.update("")
            return
        figs = facts.citing(src.id)
        t = Text()
        t.append(f"{src.url}\n", style="underline")
        shown = ", ".join(
            f"{facts.ds.series[o.series].name} {o.period.short} "
            f"{o.qualifier}{fmt.number(o.value) if o.value is not None else self.glyphs.missing}"
            + (" [erratum]" if o.status == "erratum" else "")
            for o in figs[:4]
        )
        more = f" (+{len(figs) - 4} more: {key_display(self.app, 'open')})" if len(figs) > 4 else ""
        t.append(f"Cited by: {shown or 'no figures (quotes or statements only)'}{more}")
        box.update(t)

    def citation(self) -> Citable | None:
        focused = self.app.focused
        if isinstance(focused, FigureTable) and focused.id == "cf-table":
            return focused.current_payload
        return self.query_one("#so-table", FigureTable).current_payload

    def export_table(self) -> Table | None:
        if self.facts is None:
            return None
        focused = self.app.focused
        if isinstance(focused, FigureTable) and focused.id == "cf-table":
            return conflicts_table(self.facts)
        return sources_table(self.facts)
