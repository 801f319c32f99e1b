"""Pane 1: the headline figures for the selected fiscal year, each with its source."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui import fmt
from tui.data.analytics import Change, Ratio, software_vs_hardware, yoy
from tui.data.facts import Facts, Figure
from tui.data.model import Statement
from tui.data.numbers import exact
from tui.data.table import Table
from tui.data.tables import overview_table
from tui.data.views import import_dependence, latest_months
from tui.fiscal import fy_short
from tui.panes.base import Pane
from tui.widgets.figure_table import FigureTable, Row


class OverviewPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="ov-head", classes="pane-head")
        yield FigureTable(
            [("what", "Figure"), ("value", "US$m"), ("change", "YoY"), ("note", "Source / note")],
            flex="note",
            id="ov-table",
        )
        yield Static("", classes="row-detail")

    def on_resize(self) -> None:
        if self.facts is not None and self.fy is not None:
            self.query_one(FigureTable).sync(self._rows(self.facts, self.fy))

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
        head.append(fmt.with_unit(total, g.ascii), style="bold")
        tag = fmt.period_tag(total)
        if tag:
            head.append(f" ({tag})")
        if total_ch.pct is not None:
            head.append(f"  {fmt.change_text(total_ch, g.ascii)} YoY")
        elif total_ch.refused:
            head.append(f"  YoY: {total_ch.refused}", style="dim")
        head.append(f"   {fy_short(years[0])}-{fy_short(years[-1])} ")
        head.append(spark)
        self.query_one("#ov-head", Static).update(head)
        self.query_one(FigureTable).sync(self._rows(facts, fy))
        if first:
            self.focus_main()

    def _rows(self, facts: Facts, fy: int) -> list[Row]:
        g = self.glyphs
        hv = software_vs_hardware(facts, fy)
        total_id = facts.ds.manifest.total_series
        rows: list[Row] = []

        def fig_row(key: str, label: str, fig: Figure, ch: Change | None) -> None:
            change = Text(fmt.change_text(ch, g.ascii) if ch else "", justify="right")
            if ch is not None and ch.pct is None:
                change = Text(g.missing, style="dim", justify="right")
            rows.append(
                Row(key, [label, self.cell_value(fig), change, self._note(facts, fig)], fig)
            )

        def ratio_row(key: str, label: str, r: Ratio | None, suffix: str) -> None:
            if r is None:
                return
            note = r.refused or f"{facts.ds.series[r.numerator.series].name} / " + (
                f"{facts.ds.series[r.denominator.series].name}"
            )
            rows.append(
                Row(
                    key,
                    [label, Text(fmt.ratio_text(r, suffix, g.ascii), justify="right"), "", note],
                    r.numerator,
                )
            )

        total = hv.total if hv.total.ok else facts.best_for_fy(total_id, fy)
        fig_row("total", "ICT services exports", total, yoy(facts, total_id, fy))
        fig_row("software", "Software consultancy", hv.software, yoy(facts, hv.software.series, fy))
        fig_row("hardware", "Hardware consultancy", hv.hardware, yoy(facts, hv.hardware.series, fy))
        ratio_row("ratio", "Software per $1 of hardware", hv.sw_hw_ratio, "x")
        ratio_row("hw-share", "Hardware share of ICT exports", hv.hw_share_of_total, "%")
        for fig in hv.imports:
            fig_row(f"import-{fig.series}", "Hardware import bill", fig, yoy(facts, fig.series, fy))
        if hv.import_to_export is not None:
            ratio_row("bill-ratio", hv.import_to_export_label, hv.import_to_export, "x")
        dep = import_dependence(facts)
        if dep is not None:
            rows.append(self._statement_row(dep))
        for sid, label in (
            ("freelancing", "Freelancing (own series)"),
            ("ict_trade_surplus", "ICT trade surplus"),
        ):
            if sid in facts.ds.series:
                fig_row(sid, label, facts.best_for_fy(sid, fy), yoy(facts, sid, fy))
        months = max(4, self.app.size.height - 20)
        for r in reversed(latest_months(facts, total_id, months)):
            label = f"{r.figure.period.short} (month)"
            fig_row(f"month-{r.figure.period.label}", label, r.figure, r.change)
        return rows

    def _statement_row(self, st: Statement) -> Row:
        value = "" if st.value is None else f"{st.qualifier}{exact(st.value)}{st.unit}"
        items = ", ".join(st.items)
        return Row(
            "statement",
            ["Hardware needs met by imports", Text(value, justify="right"), "", items or st.note],
            st,
        )

    def _note(self, facts: Facts, fig: Figure) -> Text:
        series = facts.ds.series[fig.series]
        prefix = f"{series.name}: " if series.group == "imports" else ""
        if fig.value is None:
            return Text(prefix + fig.missing_reason, style="dim")
        src = facts.ds.sources.get(fig.source or "")
        text = Text(prefix + (f"{src.publisher}, {src.date}" if src else fig.source or ""))
        if fig.status == "conflict":
            text.append(f"  ({len(fig.observations)} values)", style="italic")
        return text

    def citation(self) -> Any:
        return self.query_one(FigureTable).current_payload

    def export_table(self) -> Table | None:
        if self.facts is None or self.fy is None:
            return None
        return overview_table(self.facts, self.fy)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.pkit.action_show_source()
