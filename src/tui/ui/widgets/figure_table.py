"""The one table widget: every pane and dialog shows a data-layer :class:`Table` with it.

Rows carry the thing they show (`s` cites it) and what Enter opens; `/` searches (n/N,
matches highlighted), `o` sorts by the column picked with left/right (up, down, natural),
`e` exports the whole table. Cells are updated in place when only values change.

Layout and writing are :class:`SizedTable`'s; sorting and search order :mod:`table_order`'s.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.data.table import Citable, Column, Table, TableRow
from tui.ui.glyphs import Glyphs
from tui.ui.widgets.cells import RIGHT, aligned, cell_parts, column_decimals
from tui.ui.widgets.row_detail import row_detail
from tui.ui.widgets.sized_table import Header, Shape, SizedTable
from tui.ui.widgets.table_order import haystack, next_match, ordered


def table_bindings() -> list[BindingType]:
    from tui.ui.actions import bindings

    return bindings("table")


def _role(column: Column) -> str:
    if column.kind == "label":
        return "label"
    return "text" if column.kind == "text" else "fixed"


class FigureTable(SizedTable):
    """Row cursor, vim keys, search, sort, cite, export; :meth:`show` renders a Table."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "Top", show=False),
        Binding("G,end", "scroll_bottom", "Bottom", show=False),
        Binding("left,h", "column(-1)", "Column left", show=False),
        Binding("right,l", "column(1)", "Column right", show=False),
        *table_bindings(),
    ]

    class Cite(Message):
        """`s` on a row: cite what it shows."""

        def __init__(self, target: Citable) -> None:
            super().__init__()
            self.target = target

    class Open(Message):
        """Enter on a row that has something below it."""

        def __init__(self, row: TableRow) -> None:
            super().__init__()
            self.row = row

    class Export(Message):
        """`e`: export the whole table."""

        def __init__(self, table: Table) -> None:
            super().__init__()
            self.table = table

    def __init__(self, glyphs: Glyphs | None = None, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.payloads: dict[str, Citable | None] = {}
        self.glyphs = glyphs or Glyphs()
        self.model: Table | None = None
        self.model_rows: dict[str, TableRow] = {}
        self.needle = ""  # the search text, lower case
        self.sort_col = 0  # the column the sort key acts on (left/right pick it)
        self.sort_dir = 0  # 1 ascending, -1 descending, 0 the table's own order

    # -- the model ---------------------------------------------------------------------------

    def show(self, table: Table) -> int:
        """Show a data-layer table (sorted and searched as the user asked); cells written."""
        shown = table.shown
        self.model = table
        self.model_rows = {r.key: r for r in table.rows}
        self.sort_col = min(self.sort_col, max(0, len(shown) - 1))
        rows = ordered(table, self.sort_col, self.sort_dir)
        blocks: list[list[Text]] = []
        for c in shown:
            decimals = column_decimals(c.kind, [r.cell(c.key) for r in table.rows])
            parts = [cell_parts(c, r.cell(c.key), decimals, self.glyphs) for r in rows]
            if c.kind in RIGHT:
                column = aligned(parts)
            else:
                column = [Text.assemble(p[0], p[1], end="", no_wrap=True) for p in parts]
                for text in column:
                    text.overflow = "ellipsis"
            if self.needle:
                for text in column:
                    text.highlight_words([self.needle], "reverse", case_sensitive=False)
            blocks.append(column)
        shapes = [Shape(c.key, c.title, _role(c), c.kind in RIGHT) for c in shown]
        keys = [r.key for r in rows]
        self.payloads = {r.key: r.target for r in rows}
        had_rows = bool(self.row_count)
        written = self.put(shapes, self._titles(), keys, blocks)
        if had_rows != bool(self.row_count) and self.has_focus:
            # s, Enter, /, o, e are offered only on a table with rows (a table that gets the
            # focus later refreshes the footer then: each refresh rebuilds the footer)
            self.refresh_bindings()
        return written

    def _titles(self) -> list[Header]:
        """Each column's title (underlined when left/right picked it) and sort mark."""
        if self.model is None:
            return []
        out = []
        for index, column in enumerate(self.model.shown):
            title = Text(column.title, justify="right" if column.kind in RIGHT else "left")
            mark = Text()
            if index == self.sort_col and self.sort_dir:
                mark.append(self.glyphs.sort_mark(self.sort_dir), style="bold")
            if index == self.sort_col and self.has_focus:
                title.stylize("underline")
            out.append((title, mark))
        return out

    def _refresh_headers(self) -> None:
        self.set_headers(self._titles())

    def on_focus(self) -> None:
        self._refresh_headers()

    def on_blur(self) -> None:
        self._refresh_headers()

    @property
    def current_row(self) -> TableRow | None:
        key = self.current_key
        return self.model_rows.get(key) if key is not None else None

    @property
    def current_payload(self) -> Citable | None:
        key = self.current_key
        return self.payloads.get(key) if key is not None else None

    def detail(self) -> Text:
        """The highlighted row in full: labels uncut, figures exactly as published."""
        row = self.current_row
        if row is None or self.model is None:
            return Text("")
        return row_detail(self.model, row, self.glyphs)

    # -- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "prev_match"):
            return bool(self.needle) and bool(self.row_count)
        if action in ("cite", "open_row", "sort", "search", "export"):
            return bool(self.row_count)  # an empty table offers none of them
        return True

    def action_cite(self) -> None:
        row = self.current_row
        if row is None or row.target is None:
            self.notify("Nothing to cite in this row.", timeout=3)
            return
        self.post_message(self.Cite(row.target))

    def action_open_row(self) -> None:
        row = self.current_row
        if row is None:
            return
        if row.drill is not None:
            self.post_message(self.Open(row))
        else:
            self.action_cite()  # nothing below: Enter shows the source

    def action_export(self) -> None:
        if self.model is not None:
            self.post_message(self.Export(self.model))

    def action_column(self, step: int) -> None:
        if self.model is None or not self.model.shown:
            return
        self.sort_col = (self.sort_col + step) % len(self.model.shown)
        self._refresh_headers()
        title = self.model.shown[self.sort_col].title
        self.notify(f"Column: {title} (o sorts by it)", timeout=2, markup=False)

    def action_sort(self) -> None:
        """Up, down, then back to the table's own order."""
        if self.model is None:
            return
        self.sort_dir = {0: 1, 1: -1, -1: 0}[self.sort_dir]
        self.show(self.model)
        if self.row_count:
            self.move_cursor(row=0)

    def action_search(self) -> None:
        from tui.ui.widgets.table_search import SearchPrompt

        def done(text: str | None) -> None:
            if text is not None:
                self.search(text)

        self.app.push_screen(SearchPrompt(self.needle), done)

    def search(self, text: str) -> None:
        self.needle = text.strip().lower()
        if self.model is not None:
            self.show(self.model)
        self.refresh_bindings()
        if self.needle:
            self._find(1, include_current=True)

    def action_next_match(self) -> None:
        self._find(1)

    def action_prev_match(self) -> None:
        self._find(-1)

    def _find(self, step: int, include_current: bool = False) -> None:
        keys = self.shown_keys
        if not keys or not self.needle:
            return

        def matches(idx: int) -> bool:
            row = self.model_rows.get(keys[idx])
            if row is None:
                return False
            return self.needle in haystack(self.shown_text(row.key), row.extra)

        found = next_match(len(keys), self.cursor_row, step, matches, include_current)
        if found is None:
            self.notify(
                f"No match for {self.needle!r}.", severity="warning", timeout=3, markup=False
            )
        else:
            self.move_cursor(row=found)

    # -- moving ------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1 and self._hop(1):
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0 and self._hop(-1):
            return
        super().action_cursor_up()

    def _hop(self, step: int) -> bool:
        """At the edge of a table, move focus to the next table of the same pane."""
        parent = self.parent
        if parent is None:
            return False
        tables = [t for t in parent.query(FigureTable) if t.display and t.row_count]
        if self not in tables:
            return False
        idx = tables.index(self) + step
        if 0 <= idx < len(tables):
            target = tables[idx]
            target.focus()
            target.move_cursor(row=0 if step > 0 else target.row_count - 1)
            return True
        return False

    def action_scroll_top(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)
