"""Every figure that cites one source."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.data.facts import Facts
from tui.data.model import Source
from tui.data.tables import source_figures_table
from tui.ui.glyphs import Glyphs
from tui.ui.screens.dialog import Dialog
from tui.ui.widgets.figure_table import FigureTable
from tui.ui.widgets.key_footer import KeyFooter


class SourceFigures(Dialog[None]):
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
            yield FigureTable(self.glyphs, id="sf-table")
            yield Static("", id="sf-detail", classes="row-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(FigureTable)
        table.show(source_figures_table(self.facts, self.source))
        if table.row_count:
            table.focus()
            return
        # a source cited only for words: say so, instead of an empty table
        table.display = False
        self.query_one("#sf-box").add_class("-empty")
        self.query_one("#sf-detail", Static).update(self._cited_for())

    def _cited_for(self) -> str:
        ds, sid = self.facts.ds, self.source.id
        uses = [
            (sum(q.source == sid for q in ds.quotes), "quote"),
            (sum(sid in st.sources for st in ds.statements), "key statement"),
            (sum(c.source == sid for c in ds.claims), "quoted growth rate"),
        ]
        said = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in uses if n]
        listed = " and ".join([", ".join(said[:-1]), said[-1]] if len(said) > 1 else said)
        cited = f"; it is cited for {listed}" if said else ""
        return f"No figure in the dataset comes from this source{cited}."
