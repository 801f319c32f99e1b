"""A DataTable whose columns pkit sizes itself (see :mod:`table_sizing`), through DataTable's
public API only: every column is added with its width, so the first frame after a change is
already laid out, and figures are padded here so that they stay aligned on their digits."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable

from tui.data.record import record
from tui.ui.widgets.table_sizing import ColumnNeed, Layout, fit, title_lines

Header = tuple[Text, Text]  # a column's title and its sort mark


@record
class Shape:
    """The columns of a table as written: key, title, kind of width, figures or not."""

    key: str
    title: str
    role: str  # see ColumnNeed.role
    figures: bool  # right-aligned: padded on the left to the column's width


class SizedTable(DataTable[Text]):
    """Rows written whole (:meth:`put`), cells changed in place when only values change."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shapes: list[Shape] = []
        self._keys: list[str] = []  # row keys in display order
        self._blocks: list[list[Text]] = []  # per column, per row: the cell before padding
        self._headers: list[Header] = []
        self._cells: dict[str, list[Text]] = {}  # per row key: the cells as written
        self._needs: list[ColumnNeed] = []
        self._layout = Layout((), 1)

    def put(
        self,
        shapes: list[Shape],
        headers: list[Header],
        keys: list[str],
        blocks: list[list[Text]],
    ) -> int:
        """Show rows ``keys`` with ``blocks`` (one list of cells per column); returns how
        many cells were written."""
        self._blocks, self._headers = blocks, headers
        self._needs = [
            ColumnNeed(max((t.cell_len for t in block), default=0), h[0].plain + h[1].plain, s.role)
            for s, block, h in zip(shapes, blocks, headers, strict=True)
        ]
        self._layout = self._fit(len(keys))
        return self._write(shapes, keys)

    def set_headers(self, headers: list[Header]) -> None:
        """New titles (a sort mark, the picked column underlined)."""
        if headers != self._headers and self._shapes:
            self.put(self._shapes, headers, self._keys, self._blocks)

    def relayout(self) -> None:
        """Fit the columns to the room the table has now."""
        if not self._needs:
            return
        layout = self._fit(len(self._keys))
        if layout != self._layout:
            self._layout = layout
            self._write(self._shapes, self._keys)

    def on_resize(self) -> None:
        self.relayout()
        if self.row_count:  # keep the cursor in view when the table shrinks
            self.move_cursor(row=self.cursor_row, animate=False)

    @property
    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        row = min(self.cursor_row, self.row_count - 1)
        return self._keys[row] if row < len(self._keys) else None

    def natural_height(self) -> int:
        """Lines to show every row: header, rows, and a horizontal scrollbar if it needs one."""
        bar = self.styles.scrollbar_size_horizontal if self.show_horizontal_scrollbar else 0
        return self.header_height + self.row_count + bar

    @property
    def shown_keys(self) -> list[str]:
        """The row keys in display order."""
        return list(self._keys)

    def shown_text(self, key: str) -> list[str]:
        """The row ``key`` as shown, one plain string per column."""
        return [cell.plain.strip() for cell in self._cells.get(key, [])]

    # -- inside ------------------------------------------------------------------------------

    def _fit(self, rows: int) -> Layout:
        """Widths for the room the table has now (natural widths before it has any)."""
        width = self.size.width
        if not width:
            return fit(self._needs, 10**6, self.cell_padding)
        if rows + self.header_height > self.size.height:
            width -= self.styles.scrollbar_size_vertical
        return fit(self._needs, width, self.cell_padding)

    def _rows(self, shapes: list[Shape]) -> list[list[Text]]:
        """Each row's cells as written: figures padded to their column's width."""
        columns = []
        for shape, block, width in zip(shapes, self._blocks, self._layout.widths, strict=True):
            if shape.figures:
                block = [
                    Text.assemble(" " * (width - t.cell_len), t, end="", no_wrap=True)
                    if t.cell_len < width
                    else t
                    for t in block
                ]
            columns.append(block)
        return [list(row) for row in zip(*columns, strict=True)] if columns else []

    def _write(self, shapes: list[Shape], keys: list[str]) -> int:
        """Columns, then rows: only changed cells when the rows are the same (cheap over
        SSH), else rebuilt with the cursor kept on the same key."""
        widths, rows = self._layout.widths, self._rows(shapes)
        two = self._layout.header_lines == 2
        headers = [
            _header(h, s, w, two) for h, s, w in zip(self._headers, shapes, widths, strict=True)
        ]
        redraw = shapes != self._shapes
        if redraw:
            self.clear(columns=True)
            self._keys, self._cells, self._shapes = [], {}, shapes
            for shape, header, width in zip(shapes, headers, widths, strict=True):
                self.add_column(header, width=width, key=shape.key)
        else:
            for column, header, width in zip(self.ordered_columns, headers, widths, strict=True):
                if column.width != width or column.label != header:
                    column.width, column.label = width, header
                    redraw = True
        self.header_height = self._layout.header_lines
        written = 0
        if keys == self._keys:
            for key, cells in zip(keys, rows, strict=True):
                old = self._cells.get(key, [])
                for i, cell in enumerate(cells):
                    if i >= len(old) or _differs(old[i], cell):
                        self.update_cell(key, shapes[i].key, cell)
                        written += 1
                self._cells[key] = cells
            if redraw and not written:
                # DataTable keeps drawn cells until its content changes; a new width or
                # title is not such a change: this public hook drops them
                self.notify_style_update()
        else:
            current = self.current_key
            with self.app.batch_update():
                self.clear()
                for key, cells in zip(keys, rows, strict=True):
                    self.add_row(*cells, key=key)
                    written += len(cells)
            self._keys = keys
            self._cells = dict(zip(keys, rows, strict=True))
            if current in keys:
                self.move_cursor(row=keys.index(current), animate=False)
        self._size_virtually()
        return written

    def _size_virtually(self) -> None:
        """The scrollable size and the scrollbars it needs, now.

        DataTable works the size out when idle, after the frame that needs it; and Textual
        decides on scrollbars only when the widget's own size changes, so a table that
        narrows to fit its room after a resize would keep a horizontal scrollbar it no
        longer needs (a blank line under the rows) until the next resize.
        """
        width = sum(c.get_render_width(self) for c in self.ordered_columns)
        height = self.row_count + self.header_height
        self.virtual_size = Size(width, height)
        room = self.size
        if not room.width or self.styles.overflow_x != "auto" or self.styles.overflow_y != "auto":
            return
        bar_v, bar_h = self.styles.scrollbar_size_vertical, self.styles.scrollbar_size_horizontal
        vertical = height > room.height
        horizontal = width > room.width - (bar_v if vertical else 0)
        vertical = vertical or (horizontal and height > room.height - bar_h)
        self.show_vertical_scrollbar = vertical
        self.show_horizontal_scrollbar = horizontal


def _header(header: Header, shape: Shape, width: int, two_lines: bool) -> Text:
    """A column's title with its sort mark: a figure's title wraps (the layout gave it
    the lines), and so does any title when the header has two lines anyway; otherwise a
    name's is cut with an ellipsis. The mark is never cut off."""
    title, mark = header
    if title.cell_len + mark.cell_len <= width:
        return Text.assemble(title, mark, justify=title.justify)
    if shape.figures or two_lines:  # two lines, cut with an ellipsis only when they do not hold it
        lines = title_lines(title.plain, max(1, width - mark.cell_len))
        if " ".join(lines) == title.plain:
            return Text.assemble(title, mark, justify=title.justify)
        text = Text("\n".join(lines), style=title.style, justify=title.justify)
        for span in title.spans:  # the picked column's underline
            text.stylize(span.style)
        return Text.assemble(text, mark, justify=title.justify)
    cut = title.copy()
    cut.truncate(max(1, width - mark.cell_len), overflow="ellipsis")
    return Text.assemble(cut, mark, no_wrap=True, justify=title.justify)


def _differs(a: Text, b: Text) -> bool:
    return a.plain != b.plain or a.spans != b.spans or a.style != b.style
