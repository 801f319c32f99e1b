"""What every pane has: a loading state, a view for one fiscal year, a citation, an export."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from tui.data.facts import Facts, Figure
from tui.data.fmt import value
from tui.data.table import Citable, Table
from tui.ui.actions import key_display
from tui.ui.glyphs import Glyphs
from tui.ui.widgets.figure_table import FigureTable
from tui.ui.widgets.row_detail import claim_text


class Pane(Vertical):
    """Base of the five panes. Subclasses implement :meth:`show` and :meth:`export_rows`."""

    can_focus = False
    facts: Facts | None = None
    fy: int | None = None

    def __init__(self, glyphs: Glyphs, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.glyphs = glyphs
        self._detail_of: FigureTable | None = None  # the table the detail line describes

    def on_mount(self) -> None:
        if self.facts is None:
            self.loading = True  # until the data arrive

    def update_view(self, facts: Facts, fy: int) -> None:
        first = self.facts is None
        self.facts = facts
        self.fy = fy
        self.loading = False
        self.show(facts, fy, first)
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        """Cells updated in place send no RowHighlighted: say what is highlighted now."""
        boxes = self.query(".row-detail")
        tables = list(self.query(FigureTable))
        if not boxes or not tables:
            return
        focused = self.app.focused
        table = focused if isinstance(focused, FigureTable) and focused in tables else tables[0]
        boxes.first(Static).update(self._row_detail(table))
        self._detail_of = table

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The detail line follows the table that gets the focus (a pane filled while
        hidden, or a table whose cursor did not move, sends no RowHighlighted then)."""
        if isinstance(event.widget, FigureTable) and event.widget is not self._detail_of:
            self._refresh_detail()

    def show(self, facts: Facts, fy: int, first: bool) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def citation(self) -> Citable | None:
        """The highlighted thing whose source `s` opens (Figure, Statement, Quote or Source)."""
        return None

    def export_table(self) -> Table | None:
        """The whole table in focus, as `pkit export` writes it (exact numbers, sources)."""
        return None

    def focus_main(self) -> None:
        """Focus the pane's main table, if any."""

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """One line: what the highlighted figure is, where it is from, or why it is missing."""
        boxes = self.query(".row-detail")
        if not boxes or self.facts is None:
            return
        table = event.data_table
        focused = self.app.focused
        if (
            isinstance(focused, FigureTable)
            and focused is not table
            and focused in self.query(FigureTable)
        ):
            return  # the other table of the pane moved (filled anew): the line is the focused's
        if isinstance(table, FigureTable):
            boxes.first(Static).update(self._row_detail(table))
            self._detail_of = table
        else:
            boxes.first(Static).update(self.describe(None))

    def _row_detail(self, table: FigureTable) -> Text:
        """The highlighted row's figure (:meth:`describe`), then the rates sources quote for
        its change, each checked."""
        payload = table.current_payload
        # a figure as a sentence; anything else (ratios, statements, a row of several
        # figures) as the table's own row in full, every column with its title
        text = self.describe(payload) if isinstance(payload, Figure) else table.detail()
        row = table.current_row
        if row is not None and row.claims:
            text.append_text(claim_text(row, self.glyphs))
        return text

    def describe(self, payload: Citable | None) -> Text:
        facts = self.facts
        if facts is None or not isinstance(payload, Figure):
            return Text("")
        series = facts.ds.series.get(payload.series)
        name = series.name if series else payload.series
        t = Text()
        t.append(f"{name}, {payload.period.short}", style="bold")
        t.append(f" ({payload.period.span}): ")
        if payload.value is None:
            t.append(f"{self.glyphs.missing} {payload.missing_reason}", style="italic")
            return t
        t.append(value(payload, self.glyphs) + f" {payload.unit}")
        src = facts.ds.sources.get(payload.source or "")
        if src is not None:
            t.append(
                f" · {src.publisher}, {src.date} · {key_display(self.app, 'source')} for the source"
            )
        if payload.status == "conflict":
            t.append(f" · {len(payload.observations)} values recorded", style="bold")
        elif payload.status == "rounding":
            t.append(" · also published rounded (same figure)", style="dim")
        return t
