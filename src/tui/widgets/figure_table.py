"""A DataTable whose rows carry the thing they show, updated in place instead of rebuilt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.binding import Binding
from textual.render import measure
from textual.widgets import DataTable
from textual.widgets._data_table import default_cell_formatter  # what DataTable measures
from textual.widgets.data_table import ColumnKey

from tui.plain import plain_cell

Cell = str | Text


@dataclass(frozen=True)
class Row:
    key: str
    cells: Sequence[Cell]
    payload: Any = None  # what `s` cites: a Figure, Statement, Quote or Source


class FigureTable(DataTable[Cell]):
    """Row cursor, vim keys, and :meth:`sync` that only touches cells that changed."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "scroll_left", "Left", show=False),
        Binding("l", "scroll_right", "Right", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]

    def __init__(
        self, columns: Sequence[tuple[str, str]], flex: str | None = None, **kwargs: Any
    ) -> None:
        """``flex``: the column that shrinks so the table fits the width (long text is cut)."""
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._columns = list(columns)
        self._flex = flex if flex is not None else (columns[0][0] if columns else None)
        self._keys: list[str] = []
        self._cells: dict[str, list[Cell]] = {}
        self.payloads: dict[str, Any] = {}

    def on_mount(self) -> None:
        for key, label in self._columns:
            self.add_column(label, key=key)

    def on_resize(self) -> None:
        self.fit_width()

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
    def current_payload(self) -> Any:
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
