"""Every figure that cites one source."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import fmt
from tui.data.facts import Facts
from tui.data.model import Source
from tui.glyphs import Glyphs
from tui.widgets.figure_table import FigureTable, Row


class SourceFigures(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]

    def __init__(self, facts: Facts, source: Source, glyphs: Glyphs) -> None:
        super().__init__()
        self.facts = facts
        self.source = source
        self.glyphs = glyphs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="sf-box"):
            yield Static(
                Text.assemble((self.source.publisher, "bold"), f": {self.source.title}"),
                classes="dialog-title",
            )
            yield FigureTable(
                [
                    ("series", "Series"),
                    ("period", "Period"),
                    ("value", "Value"),
                    ("status", "Status"),
                ],
                id="sf-table",
            )
            yield Static("s source · Esc close", classes="dialog-keys")

    def on_mount(self) -> None:
        rows = []
        for ob in self.facts.citing(self.source.id):
            fig = self.facts.figure(ob.series, ob.period)
            num = "-" if ob.value is None else f"{ob.qualifier}{fmt.number(ob.value)}"
            status = ob.status if ob.status != "ok" else ("preferred" if ob.preferred else "")
            if ob.status == "ok" and fig.status == "conflict" and not ob.preferred:
                status = "alternative"
            rows.append(
                Row(
                    f"{ob.series}:{ob.period.label}",
                    [
                        self.facts.ds.series[ob.series].name,
                        ob.period.short,
                        Text(num, justify="right"),
                        status,
                    ],
                    fig,
                )
            )
        table = self.query_one(FigureTable)
        table.sync(rows)
        table.focus()

    def citation(self) -> Any:
        return self.query_one(FigureTable).current_payload
