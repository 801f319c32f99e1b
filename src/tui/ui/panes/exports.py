"""Pane 2: the export category tree for one fiscal year; Enter opens a category's history."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import Static

from tui.data import fmt
from tui.data.facts import Facts
from tui.data.fiscal import fy_label
from tui.data.table import Citable, Table
from tui.data.tables import exports_table
from tui.data.views import TreeRow, category_tree
from tui.ui.actions import bindings
from tui.ui.glyphs import Glyphs
from tui.ui.panes.base import Pane
from tui.ui.widgets.figure_table import FigureTable

NARROW_TREND = 6
FOLD_ABOVE = 200  # categories; more than this and the tree starts folded


class ExportsPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = bindings("exports")

    def __init__(self, glyphs: Glyphs, **kwargs: Any) -> None:
        super().__init__(glyphs, **kwargs)
        self.collapsed: set[str] = set()
        self._rows: list[TreeRow] = []
        self._head = ("", "")  # the year, the legend
        self._claims = False  # the table has a quoted rate (the legend explains its mark)

    def compose(self) -> ComposeResult:
        yield Static("", id="ex-head", classes="pane-head")
        yield FigureTable(self.glyphs, id="ex-table")
        yield Static("", classes="row-detail")

    def focus_main(self) -> None:
        self.query_one(FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        if first:
            tree = facts.tree(facts.ds.manifest.total_series)
            if len(tree) > FOLD_ABOVE:  # a very large tree opens folded below the top level
                self.collapsed = {s.id for d, s in tree if d >= 1 and facts.children(s.id)}
        self._sync()

    def _sync(self) -> None:
        facts, fy = self.facts, self.fy
        if facts is None or fy is None:
            return
        g = self.glyphs
        table = exports_table(facts, fy, frozenset(self.collapsed))
        self._rows = category_tree(facts, fy, collapsed=frozenset(self.collapsed))
        legend = [
            f"{g.missing} missing",
            "(10M) part-year",
            f"{g.conflict} sources disagree",
        ]
        if table.notes:
            legend.append(f"{g.basis} {table.notes[0]}")
        years = facts.explorer_years
        self._head = (fy_label(fy), f"trend {fmt.fy_span_short(years)} · " + " · ".join(legend))
        self._claims = any(r.claims for r in table.rows)
        self._show_head()
        shown = self.query_one(FigureTable)
        shown.show(table)
        # no taller than its rows: on a tall screen the detail line sits under the last row,
        # the spare room below it (the table still scrolls when the screen is short)
        shown.styles.max_height = shown.natural_height()

    def _show_head(self) -> None:
        """The year and the legend; the claim mark's entry only where two lines hold it all
        (else `?` lists the mark): on a short screen the rows come first."""
        year, legend = self._head
        claim = f" · {self.glyphs.claim} quoted rate"
        if self._claims and len(f"{year} {legend}{claim}") <= 2 * (self.size.width - 2):
            legend += claim
        self.query_one("#ex-head", Static).update(Text.assemble((f"{year} ", "bold"), legend))

    def on_resize(self) -> None:
        if self._head[0]:
            self._show_head()

    def action_toggle_fold(self) -> None:
        key = self.query_one(FigureTable).current_key
        row = next((r for r in self._rows if r.series.id == key), None)
        if key is None or row is None or not row.has_children:
            self.notify("Only a category with parts folds.", timeout=2)
            return
        if key in self.collapsed:
            self.collapsed.discard(key)
        else:
            self.collapsed.add(key)
        self._sync()

    def citation(self) -> Citable | None:
        return self.query_one(FigureTable).current_payload

    def export_table(self) -> Table | None:
        if self.facts is None or self.fy is None:
            return None
        return exports_table(self.facts, self.fy)  # the whole tree, folded or not
