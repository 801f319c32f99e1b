"""Pane 3: hardware imports by fiscal year, the import bill against hardware export
earnings, and PTA handset assembly (calendar years, labelled so)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui import fmt
from tui.data.analytics import software_vs_hardware
from tui.data.facts import Facts, Figure
from tui.data.numbers import exact
from tui.data.table import Table
from tui.data.tables import assembly_table, imports_table
from tui.data.views import assembly_rows, import_dependence, import_rows
from tui.fiscal import fy_label
from tui.panes.base import Pane
from tui.widgets.figure_table import FigureTable, Row

BAR_WIDTH = 10


class ImportsPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="im-head", classes="pane-head")
        yield FigureTable(
            [
                ("name", "Import line (US$m unless stated)"),
                ("value", "Value"),
                ("yoy", "YoY"),
                ("bar", "Bar"),
                ("trend", "Trend"),
            ],
            flex="name",
            id="im-table",
        )
        yield Static("", classes="row-detail")
        yield Static("", id="as-head", classes="pane-subhead")
        yield FigureTable(
            [
                ("period", "Calendar year"),
                ("local", "Assembled"),
                ("imported", "Imported"),
                ("share", "Local share"),
                ("bar", "Assembled"),
            ],
            id="as-table",
        )

    def focus_main(self) -> None:
        self.query_one("#im-table", FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        g = self.glyphs
        dep = import_dependence(facts)
        head = Text()
        head.append(f"Hardware imports, {fy_label(fy)}", style="bold")
        if dep is not None and dep.value is not None:
            head.append(
                f"  ·  {dep.qualifier}{exact(dep.value)}{dep.unit} of hardware needs imported: "
            )
            head.append(", ".join(dep.items))
        self.query_one("#im-head", Static).update(head)
        self.query_one("#im-table", FigureTable).sync(self._import_rows(facts, fy))
        self.query_one("#as-head", Static).update(
            Text.assemble(
                ("Mobile handsets, PTA data, calendar years", "bold"),
                " (million units; CY, not FY)",
            )
        )
        self.query_one("#as-table", FigureTable).sync(self._assembly_rows(facts))
        del g
        if first:
            self.focus_main()

    def _import_rows(self, facts: Facts, fy: int) -> list[Row]:
        g = self.glyphs
        rows = import_rows(facts, fy)
        money = [r.figure.value for r in rows if r.figure.ok and r.figure.unit == "US$ million"]
        top = max((v for v in money if v is not None), default=0.0)
        trend_w = None if self.app.size.width >= 100 else 6
        out: list[Row] = []
        for r in rows:
            fig = r.figure
            bar = g.bar(fig.value, top, BAR_WIDTH) if fig.unit == "US$ million" else ""
            out.append(
                Row(
                    r.series.id,
                    [
                        "  " * r.depth + r.series.label,
                        self.cell_value(fig),
                        Text(fmt.change_text(r.change, g.ascii), justify="right"),
                        bar,
                        g.sparkline(r.history, trend_w),
                    ],
                    fig,
                )
            )
        hv = software_vs_hardware(facts, fy)
        out.append(
            Row(
                "hw-exports",
                [
                    "Hardware consultancy (exports)",
                    self.cell_value(hv.hardware),
                    "",
                    g.bar(hv.hardware.value, top, BAR_WIDTH),
                    "",
                ],
                hv.hardware,
            )
        )
        if hv.import_to_export is not None:
            r_ = hv.import_to_export
            out.append(
                Row(
                    "bill-ratio",
                    [
                        hv.import_to_export_label,
                        Text(fmt.ratio_text(r_, "x", g.ascii), justify="right"),
                        "",
                        "",
                        "",
                    ],
                    r_.numerator,
                )
            )
        return out

    def _assembly_rows(self, facts: Facts) -> list[Row]:
        g = self.glyphs
        rows = assembly_rows(facts)
        local_id, import_id, share_id = (
            "handsets_local",
            "handsets_commercial_imports",
            ("handsets_local_share"),
        )
        top = max(
            (f[local_id].value or 0.0 for _, f in rows if local_id in f and f[local_id].ok),
            default=0.0,
        )
        out: list[Row] = []
        for period, figs in rows:
            local = figs.get(local_id)
            imported = figs.get(import_id)
            shr = figs.get(share_id)
            label = period.label if period.kind == "CY" else f"CY{period.year} ({period.span})"

            def cell(f: Figure | None) -> Text:
                return self.cell_value(f) if f is not None else Text(g.missing, justify="right")

            out.append(
                Row(
                    period.label,
                    [
                        label,
                        cell(local),
                        cell(imported),
                        cell(shr),
                        g.bar(local.value if local else None, top, BAR_WIDTH),
                    ],
                    [f for f in (local, imported, shr) if f is not None and f.observations],
                )
            )
        return out

    def citation(self) -> Any:
        focused = self.app.focused
        if isinstance(focused, FigureTable) and focused in self.query(FigureTable):
            return focused.current_payload
        return self.query_one("#im-table", FigureTable).current_payload

    def export_table(self) -> Table | None:
        if self.facts is None or self.fy is None:
            return None
        focused = self.app.focused
        if isinstance(focused, FigureTable) and focused.id == "as-table":
            return assembly_table(self.facts)
        return imports_table(self.facts, self.fy)
