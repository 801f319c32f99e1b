"""The one table widget: every pane and dialog shows a data-layer :class:`Table` with it.

Rows carry the thing they show (`s` cites it) and what Enter opens; `/` searches (n/N,
matches highlighted), `o` sorts by the column picked with left/right (up, down, natural),
`e` exports the whole table. Cells are updated in place when only values change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.render import measure
from textual.widgets import DataTable
from textual.widgets._data_table import default_cell_formatter  # what DataTable measures
from textual.widgets.data_table import ColumnKey

from tui.data.table import Citable, Column, Table, TableRow
from tui.ui.glyphs import Glyphs
from tui.ui.plain import plain_cell
from tui.ui.widgets.cells import RIGHT, cell_text, column_decimals

Cell = str | Text


@dataclass(frozen=True)
class Row:
    key: str
    cells: Sequence[Cell]
    payload: Citable | None = None  # what `s` cites


def table_bindings() -> list[BindingType]:
    from tui.ui.actions import bindings

    return bindings("table")


class FigureTable(DataTable[Cell]):
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
        self._columns: list[tuple[str, str]] = []
        self._flex: str | None = None
        self._keys: list[str] = []
        self._cells: dict[str, list[Cell]] = {}
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
        keys = [(c.key, c.title) for c in shown]
        if keys != self._columns:
            self.clear(columns=True)
            self._keys, self._cells = [], {}
            self._columns = keys
            labels = [c for c in shown if c.kind == "label"]
            # the last name column takes what the others leave (a note, a title, a category)
            self._flex = labels[-1].key if labels else (keys[0][0] if keys else None)
            self.sort_col = min(self.sort_col, max(0, len(shown) - 1))
            for i, c in enumerate(shown):
                self.add_column(self._header(c, i), key=c.key)
        self.model = table
        self.model_rows = {r.key: r for r in table.rows}
        decimals = {
            c.key: column_decimals(c.kind, [r.cell(c.key) for r in table.rows]) for c in shown
        }
        out = []
        for r in self._ordered(table):
            cells: list[Cell] = []
            for c in shown:
                text = cell_text(c, r.cell(c.key), decimals[c.key], self.glyphs)
                if c.kind not in RIGHT:
                    text.no_wrap = True
                    text.overflow = "ellipsis"
                if self.needle:
                    text.highlight_words([self.needle], "reverse", case_sensitive=False)
                cells.append(text)
            out.append(Row(r.key, cells, r.target))
        self._refresh_headers()
        had_rows = bool(self.row_count)
        written = self.sync(out)
        if had_rows != bool(self.row_count):
            self.refresh_bindings()  # s, Enter, /, o, e are offered only on a table with rows
        return written

    def _ordered(self, table: Table) -> list[TableRow]:
        rows = list(table.rows)
        shown = table.shown
        if not self.sort_dir or not shown:
            return rows
        col = shown[min(self.sort_col, len(shown) - 1)]
        numeric = col.kind in RIGHT

        def number(r: TableRow) -> float | None:
            cell = r.cell(col.key)
            if numeric:
                return cell.number
            return cell.values[0] if cell.values else None

        if numeric or col.kind in ("bar", "trend"):
            present = [r for r in rows if number(r) is not None]
            present.sort(key=lambda r: number(r) or 0.0, reverse=self.sort_dir < 0)
        else:
            present = [r for r in rows if r.cell(col.key).text]
            present.sort(key=lambda r: r.cell(col.key).text.casefold(), reverse=self.sort_dir < 0)
        chosen = {r.key for r in present}
        return present + [r for r in rows if r.key not in chosen]  # blanks stay last

    def _header(self, column: Column, index: int) -> Text:
        title = Text(column.title, justify="right" if column.kind in RIGHT else "left")
        if index == self.sort_col and self.sort_dir:
            title.append(self.glyphs.sort_mark(self.sort_dir), style="bold")
        if index == self.sort_col and self.has_focus:
            title.stylize("underline")
        return title

    def _refresh_headers(self) -> None:
        if self.model is None:
            return
        for i, c in enumerate(self.model.shown):
            column = self.columns.get(ColumnKey(c.key))
            if column is not None:
                column.label = self._header(c, i)
                column.content_width = max(column.content_width, column.label.cell_len)
        self.refresh()

    def on_focus(self) -> None:
        self._refresh_headers()

    def on_blur(self) -> None:
        self._refresh_headers()

    @property
    def current_row(self) -> TableRow | None:
        key = self.current_key
        return self.model_rows.get(key) if key is not None else None

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
        keys = self._keys
        if not keys or not self.needle:
            return
        start = min(self.cursor_row, len(keys) - 1)
        first = 0 if include_current else 1
        for i in range(first, len(keys) + first):
            idx = (start + step * i) % len(keys)
            row = self.model_rows.get(keys[idx])
            if row is not None and self.needle in self._haystack(row):
                self.move_cursor(row=idx)
                return
        self.notify(f"No match for {self.needle!r}.", severity="warning", timeout=3, markup=False)

    def _haystack(self, row: TableRow) -> str:
        """What a search looks at: the row as shown, and text that is in no column."""
        shown = " ".join(
            c.plain if isinstance(c, Text) else c for c in self._cells.get(row.key, [])
        )
        return f"{shown} {row.extra}".lower()

    def on_resize(self) -> None:
        self.fit_width()
        if self.row_count:  # keep the cursor in view when the table shrinks
            self.move_cursor(row=self.cursor_row, animate=False)

    def fit_width(self) -> None:
        """Give the flex column what the other columns leave of the visible width."""
        if self._flex is None or not self.columns or not self.container_size.width:
            return
        keys = [k for k, _ in self._columns]
        widths = [
            max([len(label)] + [_cell_len(c[i]) for c in self._cells.values() if i < len(c)])
            for i, (_, label) in enumerate(self._columns)
        ]
        idx = keys.index(self._flex)
        others = sum(w + 2 * self.cell_padding for i, w in enumerate(widths) if i != idx)
        # the visible width, less the vertical scrollbar when the rows need one. Worked out
        # here, not read from the scrollbar's current state: that is transient (a table too
        # wide for a moment gets a horizontal scrollbar, which can bring a vertical one) and
        # its coming or going sends no Resize, so a width fitted to it could stay stale
        box = self.container_size
        bar = self.styles.scrollbar_size_vertical if self.virtual_size.height > box.height else 0
        room = box.width - bar - others - 2 * self.cell_padding - 1
        want = max(8, min(widths[idx], room))
        col = next((c for k, c in self.columns.items() if k.value == self._flex), None)
        if col is not None and (col.auto_width or col.width != want):
            col.auto_width = False
            col.width = want
            self._require_update_dimensions = True
            self.refresh()

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

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        row = min(self.cursor_row, self.row_count - 1)
        return self._keys[row] if row < len(self._keys) else None

    @property
    def current_payload(self) -> Citable | None:
        key = self.current_key
        return self.payloads.get(key) if key is not None else None

    def sync(self, rows: Sequence[Row]) -> int:
        """Show ``rows``; returns how many cells were written.

        Same keys in the same order: only changed cells are updated (cheap over SSH).
        Otherwise the rows are rebuilt, keeping the cursor on the same key where possible.
        """
        # every cell as plain Text: a str would be parsed as Rich markup by DataTable
        rows = [Row(r.key, [plain_cell(c) for c in r.cells], r.payload) for r in rows]
        keys = [r.key for r in rows]
        self.payloads = {r.key: r.payload for r in rows}
        col_keys = [k for k, _ in self._columns]
        written = 0
        if keys == self._keys:
            changed: set[int] = set()
            for r in rows:
                old = self._cells.get(r.key, [])
                for i, cell in enumerate(r.cells):
                    if i >= len(old) or _differs(old[i], cell):
                        self.update_cell(r.key, col_keys[i], cell)
                        changed.add(i)
                        written += 1
                self._cells[r.key] = list(r.cells)
            self._measure_columns([col_keys[i] for i in sorted(changed)])
            self._update_dimensions_now()
            self.fit_width()
            return written
        current = self.current_key
        with self.app.batch_update():
            self.clear()
            for r in rows:
                self.add_row(*r.cells, key=r.key)
                written += len(r.cells)
        self._keys = keys
        self._cells = {r.key: list(r.cells) for r in rows}
        if current in keys:
            self.move_cursor(row=keys.index(current), animate=False)
        self._update_dimensions_now()
        self.fit_width()
        return written

    def _update_dimensions_now(self) -> None:
        """Measure new rows now, as DataTable does on idle: else the first frame after a
        rebuild (a pane's first visit) shows every column cut to its old width."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _measure_columns(self, column_keys: Sequence[str]) -> None:
        """Set each column's content width to its widest cell, as ``update_width=True`` does.

        DataTable re-measures a whole column for every updated cell that got narrower
        (updated cells x rows: seconds for a few thousand rows); this measures each changed
        column once, with the same measure. FigureTable rows are all one line high.
        """
        console = self.app.console
        for key in column_keys:
            column = self.columns.get(ColumnKey(key))
            if column is None:
                continue
            widths = [_measured(console, cell) for cell in self.get_column(ColumnKey(key))]
            column.content_width = max([*widths, measure(console, column.label, 1)])
            self._require_update_dimensions = True


def _measured(console: Console, cell: object) -> int:
    """The width DataTable measures for a one-line cell (``measure`` of the formatted cell)."""
    if type(cell) is Text:  # Text.__rich_measure__'s maximum, without building console options
        lines = cell.plain.splitlines()
        return max(cell_len(line) for line in lines) if lines else 0
    return measure(console, default_cell_formatter(cell, wrap=False, height=1), 1)


def _cell_len(cell: Cell) -> int:
    return cell.cell_len if isinstance(cell, Text) else cell_len(cell)


def _differs(a: Cell, b: Cell) -> bool:
    if isinstance(a, Text) and isinstance(b, Text):
        return a.plain != b.plain or a.spans != b.spans or a.style != b.style
    return a != b
