"""Reading the observations file into a frame of strings: its header checked, every cell
kept exactly as written (no NA guessing), within the row limit."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from tui.data.load.files import DataFile
from tui.data.text import MAX_ROWS, quoted

if TYPE_CHECKING:
    import pandas as pd

OBS_REQUIRED = ("series", "period", "value", "source")
OBS_OPTIONAL = (
    "qualifier",
    "unit",
    "status",
    "preferred",
    "reason",
    "note",
    "excerpt",
    "basis",
)
# the columns that hold ids or codes: surrounding spaces are not part of them
_TRIMMED = ("series", "period", "source", "qualifier", "status", "preferred", "unit", "basis")


def read_observations(file: DataFile) -> tuple[pd.DataFrame, str] | None:
    """The rows as strings (every optional column present) and the file's text; None when
    the file cannot be read as observations (the problems are reported)."""
    text = file.read_text()
    if text is None or not _header_ok(file):
        return None
    frame = _parse(file, text)
    if frame is None:
        return None
    frame.columns = [str(c).strip() for c in frame.columns]
    for col in OBS_OPTIONAL:
        if col not in frame.columns:
            frame[col] = ""
    if len(frame) == 0:
        file.add(1, "no observations (only a header)")
        return None
    if len(frame) > MAX_ROWS:
        file.add(0, f"{len(frame):,} observations; the limit is {MAX_ROWS:,}")
        return None
    return frame, text


def _header_ok(file: DataFile) -> bool:
    """Every required column present; unknown columns are reported too."""
    import csv

    header = next((ln for ln in file.lines.lines if ln.strip()), "")
    cols = [c.strip() for c in next(csv.reader([header]), [])]
    for col in OBS_REQUIRED:
        if col not in cols:
            file.add(1, f"missing column '{col}'")
    known = ", ".join(OBS_REQUIRED + OBS_OPTIONAL)
    for col in cols:
        if col not in OBS_REQUIRED and col not in OBS_OPTIONAL:
            file.add(1, f"unknown column {quoted(col)} (known: {known})")
    return all(col in cols for col in OBS_REQUIRED)


def _parse(file: DataFile, text: str) -> pd.DataFrame | None:
    import pandas as pd

    try:
        return pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            skipinitialspace=False,
        )
    except (pd.errors.ParserError, ValueError) as exc:
        msg = str(exc)
        m = re.search(r"line (\d+)", msg)
        file.add(int(m.group(1)) if m else 0, f"CSV cannot be read: {msg.strip()}")
        return None


def trim_codes(frame: pd.DataFrame) -> None:
    """Strip spaces around ids and codes (checked on distinct values: an id or period
    column of a million rows has a few thousand)."""
    for col in _TRIMMED:
        if any(v != v.strip() for v in frame[col].unique()):
            frame[col] = frame[col].str.strip()
