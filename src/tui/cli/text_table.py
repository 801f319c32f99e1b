"""A small boxed text table for ``pkit summary``: cheaper to import and draw than Rich's Table.

Column widths are measured in terminal cells. When the table is wider than the page, the
widest left-justified columns give way and their cells are word-wrapped onto extra lines
(nothing is cut); right-justified columns (the figures) are never wrapped or cut.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from rich.cells import cell_len, chop_cells

from tui.data.record import field, mutable_record, record

Justify = Literal["left", "right"]
Style = Literal["", "bold", "italic"]
# a line as pieces of text, each with a style ("" for none)
Line = list[tuple[str, Style]]

# the Select Graphic Rendition codes Rich writes for the two styles
_SGR = {"bold": "\x1b[1m", "italic": "\x1b[3m"}
_SGR_RESET = "\x1b[0m"
# bell, backspace, vertical tab, form feed, carriage return: what Rich strips from text
# (rich.control.strip_control_codes), so that a cell cannot move the cursor
_CONTROL_CODES = dict.fromkeys((7, 8, 11, 12, 13))


def strip_control_codes(text: str) -> str:
    return text.translate(_CONTROL_CODES)


@record
class Column:
    header: str
    justify: Justify = "left"


@record
class Frame:
    """The characters of a box: top, header row, header rule, body row, bottom.

    Each edge is (left, fill, divider, right)."""

    top: str
    head: str
    rule: str
    row: str
    bottom: str


# Rich's box.HEAVY_HEAD and box.ASCII, as Rich draws them for a table with a header
HEAVY_HEAD = Frame(top="┏━┳┓", head="┃ ┃┃", rule="┡━╇┩", row="│ ││", bottom="└─┴┘")
ASCII_BOX = Frame(top="+--+", head="| ||", rule="|-+|", row="| ||", bottom="+--+")


@mutable_record
class TextTable:
    """A title, columns and rows of plain text cells (never read as markup)."""

    title: str
    columns: list[Column] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def add_column(self, header: str, justify: Justify = "left") -> None:
        self.columns.append(Column(header, justify))

    def add_row(self, *cells: str) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append([strip_control_codes(cell) for cell in cells])

    def render(self, width: int, styled: bool, ascii_box: bool = False) -> str:
        """The table at ``width`` cells, one line each ending in a newline; bold and italic
        written as terminal escape codes when ``styled``; an ASCII box when ``ascii_box``."""
        frame = ASCII_BOX if ascii_box else HEAVY_HEAD
        return "".join(draw(line, styled) + "\n" for line in render_lines(self, width, frame))


def column_widths(table: TextTable, width: int) -> list[int]:
    """Each column's width in cells: its widest cell (header included), narrowed while the
    table is wider than ``width``, in this order:

    1. a right-justified column (figures) down to its widest figure: its header wraps;
    2. the widest left-justified column, one cell at a time, down to its longest word
       (a tree label's indent counts with its first word): text wraps between words;
    3. the widest left-justified column below that, down to one cell: words are split.

    Figures are never wrapped or cut: a table that cannot fit runs past the width."""
    columns = table.columns
    widths = [
        max([cell_len(col.header), *(cell_len(r[i]) for r in table.rows)])
        for i, col in enumerate(columns)
    ]
    # per column: one space either side and the divider on its left, plus the right edge
    excess = sum(widths) + 3 * len(widths) + 1 - width
    right = [i for i, col in enumerate(columns) if col.justify == "right"]
    left = [i for i, col in enumerate(columns) if col.justify == "left"]
    for i in right:
        floor = max([_longest_word(columns[i].header), *(cell_len(r[i]) for r in table.rows)])
        give = min(max(excess, 0), widths[i] - floor)
        widths[i] -= give
        excess -= give
    words = {
        i: max(_longest_word(t) for t in (columns[i].header, *(r[i] for r in table.rows)))
        for i in left
    }
    for floors in (words, dict.fromkeys(left, 1)):
        while excess > 0:
            open_ = [i for i in left if widths[i] > floors[i]]
            if not open_:
                break
            widest = max(open_, key=lambda i: (widths[i], i))
            widths[widest] -= 1
            excess -= 1
    return widths


def _longest_word(text: str) -> int:
    """The widest word of ``text`` in cells, with the leading indent (which :func:`wrap`
    keeps on every line)."""
    body = text.lstrip(" ")
    return len(text) - len(body) + max([0, *(cell_len(w) for w in body.split())])


def wrap(text: str, width: int) -> list[str]:
    """``text`` word-wrapped to ``width`` cells (a leading indent, a tree label's depth, kept
    on every line while it leaves room; a word longer than a line split across lines).
    Joining the lines with spaces gives back the words of ``text``; nothing is dropped."""
    if cell_len(text) <= width:
        return [text]
    body = text.lstrip(" ")
    indent = text[: len(text) - len(body)]
    if 2 * cell_len(indent) < width:
        line = lead = indent  # the indent on every line
    else:  # too deep to repeat: on the first line only, if it fits there
        line, lead = (indent if cell_len(indent) < width else ""), ""
    lines: list[str] = []
    for word in body.split():
        gap = " " if line.strip() else ""
        if cell_len(line + gap + word) <= width:
            line += gap + word
            continue
        if line.strip():
            lines.append(line)
            line = lead
        if not line.strip() and cell_len(line) + cell_len(word[0]) > width:
            line = ""  # not even one character fits after the indent: drop it
        # the word from a fresh line, split into pieces when it is wider than the room left
        *full, last = [p for p in chop_cells(word, width - cell_len(line)) if p]
        lines.extend(line + piece for piece in full)
        line = (lead if full else line) + last
    if line.strip() or not lines:
        lines.append(line)
    return lines


def _edge(spec: str, widths: Iterable[int]) -> str:
    left, fill, divider, right = spec[0], spec[1], spec[2], spec[3]
    return left + divider.join(fill * (w + 2) for w in widths) + right


def plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def draw(line: Line, styled: bool) -> str:
    """The line as text, each styled piece wrapped in its escape codes when ``styled`` (as Rich
    writes a styled segment: on, text, reset; nothing for an empty piece)."""
    if not styled:
        return plain(line)
    return "".join(
        f"{_SGR[style]}{text}{_SGR_RESET}" if style and text else text for text, style in line
    )


def _cells_line(
    spec: str, cells: list[str], table: TextTable, widths: list[int], style: Style = ""
) -> Line:
    left, divider, right = spec[0], spec[2], spec[3]
    line: Line = [(left, "")]
    for n, (cell, col, w) in enumerate(zip(cells, table.columns, widths, strict=True)):
        pad = " " * (w - cell_len(cell))
        line.append((" " + (pad + cell if col.justify == "right" else cell + pad) + " ", style))
        line.append((divider if n < len(cells) - 1 else right, ""))
    return line


def _row_lines(
    spec: str, row: list[str], table: TextTable, widths: list[int], style: Style = ""
) -> Iterator[Line]:
    """One table row: its text cells (and a figure column's header narrower than its title)
    wrapped to their widths, as many lines as the tallest cell needs."""
    cells = [
        wrap(cell, w) if col.justify == "left" or cell_len(cell) > w else [cell]
        for cell, col, w in zip(row, table.columns, widths, strict=True)
    ]
    for n in range(max(len(c) for c in cells)):
        parts = [c[n] if n < len(c) else "" for c in cells]
        yield _cells_line(spec, parts, table, widths, style)


def render_lines(table: TextTable, width: int, frame: Frame = HEAVY_HEAD) -> list[Line]:
    """The title line and the boxed table, line by line (title italic, header bold)."""
    widths = column_widths(table, width)
    title = wrap(table.title, width) if table.title else []
    out: list[Line] = [[(line, "italic")] for line in title]
    out.append([(_edge(frame.top, widths), "")])
    header = [c.header for c in table.columns]
    out.extend(_row_lines(frame.head, header, table, widths, "bold"))
    out.append([(_edge(frame.rule, widths), "")])
    for row in table.rows:
        out.extend(_row_lines(frame.row, row, table, widths))
    out.append([(_edge(frame.bottom, widths), "")])
    return out
