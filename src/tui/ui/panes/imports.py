"""Pane 3: hardware imports by fiscal year, the import bill against hardware export
earnings, and PTA handset assembly (calendar years, labelled so)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tui.data.facts import Facts
from tui.data.fiscal import fy_label
from tui.data.numbers import exact
from tui.data.table import Citable, Table
from tui.data.tables import assembly_table, imports_table
from tui.data.views import import_dependence
from tui.ui.panes.base import Pane
from tui.ui.widgets.figure_table import FigureTable

BAR_WIDTH = 10
DETAIL_LINES = 4  # the detail line's most (app.tcss .row-detail max-height)
MIN_LINES = 4  # a header and three rows


class ImportsPane(Pane):
    def compose(self) -> ComposeResult:
        yield Static("", id="im-head", classes="pane-head")
        yield FigureTable(self.glyphs, id="im-table")
        yield Static("", classes="row-detail")
        yield Static("", id="as-head", classes="pane-subhead")
        yield FigureTable(self.glyphs, id="as-table")

    def focus_main(self) -> None:
        self.query_one("#im-table", FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        dep = import_dependence(facts)
        head = Text()
        head.append(f"Hardware imports, {fy_label(fy)}", style="bold")
        if dep is not None and dep.value is not None:
            head.append(f"  ·  {dep.qualifier}{exact(dep.value)}{dep.unit} of hardware needs ")
            head.append("imported: " + ", ".join(dep.items))
        self.query_one("#im-head", Static).update(head)
        self.query_one("#im-table", FigureTable).show(imports_table(facts, fy))
        self.query_one("#as-head", Static).update(
            Text.assemble(
                ("Mobile handsets, PTA data, calendar years", "bold"),
                " (million units; CY, not FY)",
            )
        )
        self.query_one("#as-table", FigureTable).show(assembly_table(facts))
        self.fit_tables()
        self.call_after_refresh(self.fit_tables)  # once the headings have their height

    def on_resize(self) -> None:
        self.fit_tables()

    def fit_tables(self) -> None:
        """Each table as tall as its rows when both fit (the spare room below them, not
        between them); else the handsets get up to half the room and the imports the rest."""
        if not self.size.height:
            return
        imports = self.query_one("#im-table", FigureTable)
        assembly = self.query_one("#as-table", FigureTable)
        heads = sum(w.outer_size.height for w in self.query(".pane-head, .pane-subhead"))
        room = self.size.height - heads - DETAIL_LINES
        want_im, want_as = imports.natural_height(), assembly.natural_height()
        if want_im + want_as <= room:
            imports.styles.height = want_im
            assembly.styles.height = want_as
        else:
            imports.styles.height = "1fr"  # what the detail line leaves
            share = (room + DETAIL_LINES - 1) // 2  # with the detail line on one line
            assembly.styles.height = min(want_as, max(MIN_LINES, share))

    def citation(self) -> Citable | None:
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
