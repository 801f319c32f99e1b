"""Pane 5: the sources register with the figures that cite each source, and every conflict
with all its values, the preferred one and why."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui import fmt
from tui.data.analytics import check_claims
from tui.data.facts import Facts
from tui.data.model import Source
from tui.data.table import Table
from tui.data.tables import conflicts_table, sources_table
from tui.panes.base import Pane
from tui.widgets.figure_table import FigureTable, Row


class SourcesPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="so-head", classes="pane-head")
        yield FigureTable(
            [
                ("publisher", "Publisher"),
                ("date", "Date"),
                ("basis", "Basis"),
                ("n", "Figs"),
                ("title", "Title"),
            ],
            flex="title",
            id="so-table",
        )
        yield Static("", id="so-detail")
        yield Static("", id="cf-head", classes="pane-subhead")
        yield FigureTable(
            [("what", "Check"), ("period", "Period"), ("values", "Values (* preferred) / verdict")],
            flex="what",
            id="cf-table",
        )

    def focus_main(self) -> None:
        self.query_one("#so-table", FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        if not first:
            return  # the register does not depend on the fiscal year
        counts = facts.source_counts()
        rows = []
        for s in sorted(facts.ds.sources.values(), key=lambda s: (s.publisher.lower(), s.date)):
            flag = " (low)" if s.reliability == "low" else ""
            rows.append(
                Row(
                    s.id,
                    [
                        s.publisher[:22],
                        s.date[:10],
                        s.basis,
                        Text(str(counts.get(s.id, 0)), justify="right"),
                        s.title + flag,
                    ],
                    s,
                )
            )
        self.query_one("#so-table", FigureTable).sync(rows)
        conflicts = facts.conflicts()
        self.query_one("#so-head", Static).update(
            f"{len(facts.ds.sources)} sources · {len(facts.ds.table)} figures · "
            f"{len(conflicts)} conflicts below · s cites · Enter lists figures"
        )
        checks = [c for c in check_claims(facts) if c.flagged or c.verdict == "unchecked"]
        self.query_one("#cf-head", Static).update(
            Text(
                f"{len(conflicts)} conflicts (all values kept, one preferred) and "
                f"{len(checks)} quoted growth rates that do not recompute",
                style="bold",
            )
        )
        crow = []
        for f in conflicts:
            vals = "  ".join(
                f"{o.qualifier}{fmt.number(o.value)}" + ("*" if o.preferred else "")
                for o in f.observations
                if o.status == "ok" and o.value is not None
            )
            crow.append(
                Row(
                    f"{f.series}:{f.period.label}",
                    [facts.ds.series[f.series].label, f.period.short, vals],
                    f,
                )
            )
        for c in checks:
            verdict = {
                "rounding": "differs (rounding?)",
                "disagrees": "disagrees",
                "unchecked": "cannot check",
            }[c.verdict]
            recomputed = "" if c.recomputed is None else f" vs {c.recomputed:+.1f}%"
            crow.append(
                Row(
                    f"claim:{c.claim.id}",
                    [
                        f"Growth: {facts.ds.series[c.claim.series].label}",
                        c.current.period.short,
                        f"quoted {c.claim.quoted_pct:+g}%{recomputed}: {verdict}",
                    ],
                    c,
                )
            )
        self.query_one("#cf-table", FigureTable).sync(crow)
        self._detail()
        self.focus_main()

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
            f"{o.qualifier}{fmt.number(o.value) if o.value is not None else '-'}"
            + (" [erratum]" if o.status == "erratum" else "")
            for o in figs[:4]
        )
        more = f" (+{len(figs) - 4} more: Enter)" if len(figs) > 4 else ""
        t.append(f"Cited by: {shown or 'no figures (quotes or statements only)'}{more}")
        box.update(t)

    @on(DataTable.RowSelected, "#so-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        src = self.query_one("#so-table", FigureTable).current_payload
        if self.facts is not None and isinstance(src, Source):
            from tui.screens.source_figures import SourceFigures

            self.app.push_screen(SourceFigures(self.facts, src, self.glyphs))

    @on(DataTable.RowSelected, "#cf-table")
    def _conflict_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.pkit.action_show_source()

    def citation(self) -> Any:
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
