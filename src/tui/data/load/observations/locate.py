"""Where each observation is: the file line its CSV record starts on, also when quoted
cells hold line breaks or pandas joined or split a row."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from tui.data.load.lines import Lines

if TYPE_CHECKING:
    import pandas as pd


def locate(frame: pd.DataFrame, text: str, lines: Lines) -> bool:
    """Give each row its line (column ``line``); True when some cell spans lines."""
    broken_cells = '"' in text and _any_cell_contains(frame, "\n")
    starts = _record_lines(text) if broken_cells else lines.data_rows()
    if len(starts) != len(frame):  # a row pandas joined or split: fall back to the csv module
        starts = _record_lines(text)
    n = len(frame)
    frame["line"] = starts[:n] if len(starts) >= n else list(range(2, n + 2))
    return broken_cells


def _record_lines(text: str) -> list[int]:
    """1-based line of each CSV data record (after the header), honouring quoted newlines."""
    import csv

    reader = csv.reader(io.StringIO(text))
    starts: list[int] = []
    prev_end = 0
    for row in reader:
        start = prev_end + 1
        prev_end = reader.line_num
        if row and any(cell.strip() for cell in row):
            starts.append(start)
    return starts[1:]


def _any_cell_contains(frame: pd.DataFrame, needle: str) -> bool:
    """``df.apply(lambda c: c.str.contains(needle)).any()`` for string columns, at C speed."""
    return any(needle in "".join(frame[c].tolist()) for c in frame.columns)
