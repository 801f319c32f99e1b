"""Which rows a table shows first: the sort by one column, and the search's next match
(no Textual)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.data.table import Table, TableRow
from tui.ui.widgets.cells import RIGHT


def ordered(table: Table, column: int, direction: int) -> list[TableRow]:
    """The rows sorted by shown column ``column`` (1 up, -1 down, 0 the table's own order);
    rows with nothing in that column stay last, in their own order."""
    rows = list(table.rows)
    shown = table.shown
    if not direction or not shown:
        return rows
    col = shown[min(column, len(shown) - 1)]
    numeric = col.kind in RIGHT

    def number(r: TableRow) -> float | None:
        cell = r.cell(col.key)
        if numeric:
            return cell.number
        return cell.values[0] if cell.values else None

    if numeric or col.kind in ("bar", "trend"):
        present = [r for r in rows if number(r) is not None]
        present.sort(key=lambda r: number(r) or 0.0, reverse=direction < 0)
    else:
        present = [r for r in rows if r.cell(col.key).text]
        present.sort(key=lambda r: r.cell(col.key).text.casefold(), reverse=direction < 0)
    chosen = {r.key for r in present}
    return present + [r for r in rows if r.key not in chosen]


def next_match(
    count: int, start: int, step: int, matches: Callable[[int], bool], include_start: bool
) -> int | None:
    """The index of the next row (``step`` 1) or the previous one (-1) from ``start`` that
    ``matches``, wrapping around; None when no row does."""
    if not count:
        return None
    start = min(max(start, 0), count - 1)
    first = 0 if include_start else 1
    for i in range(first, count + first):
        idx = (start + step * i) % count
        if matches(idx):
            return idx
    return None


def haystack(cells: Sequence[str], extra: str) -> str:
    """What a search looks at: the row as shown, and text that is in no column."""
    return f"{' '.join(cells)} {extra}".lower()
