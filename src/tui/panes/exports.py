"""Pane 2: the export category tree for one fiscal year; Enter opens a category's history."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui import fmt
from tui.data.facts import Facts
from tui.data.table import Table
from tui.data.tables import exports_table
from tui.data.views import TreeRow, category_tree
from tui.fiscal import fy_label
from tui.panes.base import Pane
from tui.widgets.figure_table import FigureTable, Row

NARROW_TREND = 6
FOLD_ABOVE = 200  # categories; more than this and the tree starts folded


class ExportsPane(Pane):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.collapsed: set[str] = set()
        self._rows: list[TreeRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="ex-head", classes="pane-head")
        yield FigureTable(
            [
                ("name", "Category"),
                ("value", "US$m"),
                ("parent", "%par"),
                ("total", "%ICT"),
                ("yoy", "YoY"),
                ("trend", "Trend"),
                ("status", "St"),
            ],
            id="ex-table",
        )
        yield Static("", classes="row-detail")

    def focus_main(self) -> None:
        self.query_one(FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        if first:
            tree = facts.tree(facts.ds.manifest.total_series)
            if len(tree) > FOLD_ABOVE:  # a very large tree opens folded below the top level
                self.collapsed = {s.id for d, s in tree if d >= 1 and facts.children(s.id)}
        self._rows = category_tree(facts, fy, collapsed=frozenset(self.collapsed))
        g = self.glyphs
        legend = (
            "ok=full  10M=part-year  -=missing  !=conflict"
            if g.ascii
            else "✓ full  10M part-year  — missing  ⚑ conflict"
        )
        years = facts.explorer_years
        span = years if self.app.size.width >= 100 else years[-NARROW_TREND:]
        self.query_one("#ex-head", Static).update(
            Text.assemble(
                (f"{fy_label(fy)} ", "bold"),
                f"trend {fmt.fy_span_short(span)} · {legend} · Enter history · space fold",
            )
        )
        self._sync()
        if first:
            self.focus_main()

    def on_resize(self) -> None:
        if self.facts is not None and self.fy is not None and self._rows:
            self.show(self.facts, self.fy, False)

    def _sync(self) -> None:
        g = self.glyphs
        width_years = None if self.app.size.width >= 100 else NARROW_TREND
        rows: list[Row] = []
        for r in self._rows:
            if r.has_children:
                mark = g.collapsed if r.series.id in self.collapsed else g.expanded
            else:
                mark = g.leaf
            name = Text("  " * r.depth + f"{mark} {r.series.label}")
            if r.depth == 0:
                name.stylize("bold")
            share_p = fmt.ratio_text(r.share_parent, "%", g.ascii) if r.share_parent else ""
            share_t = fmt.ratio_text(r.share_total, "%", g.ascii) if r.share_total else ""
            yoy_text = fmt.change_text(r.change, g.ascii)
            value = fmt.value(r.figure, g.ascii)
            rows.append(
                Row(
                    r.series.id,
                    [
                        name,
                        Text(value, justify="right", style="dim" if not r.figure.ok else ""),
                        Text(share_p, justify="right"),
                        Text(share_t, justify="right"),
                        Text(yoy_text, justify="right"),
                        g.sparkline(r.history, width_years),
                        self._status(r),
                    ],
                    r.figure,
                )
            )
        self.query_one(FigureTable).sync(rows)

    def _status(self, r: TreeRow) -> Text:
        g = self.glyphs
        st = r.status
        if st == "missing":
            return Text(g.missing, style="dim")
        if st == "conflict":
            return Text("!" if g.ascii else "⚑", style="bold")
        if st == "partial":
            return Text(fmt.period_tag(r.figure), style="italic")
        return Text("ok" if g.ascii else "✓")

    def action_toggle_fold(self) -> None:
        key = self.query_one(FigureTable).current_key
        row = next((r for r in self._rows if r.series.id == key), None)
        if key is None or row is None or not row.has_children:
            return
        if key in self.collapsed:
            self.collapsed.discard(key)
        else:
            self.collapsed.add(key)
        if self.facts is not None and self.fy is not None:
            self._rows = category_tree(self.facts, self.fy, collapsed=frozenset(self.collapsed))
        self._sync()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.facts is None or event.row_key.value is None:
            return
        from tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.facts, event.row_key.value, self.glyphs))

    def citation(self) -> Any:
        return self.query_one(FigureTable).current_payload

    def export_table(self) -> Table | None:
        if self.facts is None or self.fy is None:
            return None
        return exports_table(self.facts, self.fy)  # the whole tree, folded or not
