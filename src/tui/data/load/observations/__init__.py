"""The observations file: ``read`` it as strings, ``locate`` each row's line, ``validate``
every row rule, and settle its ``conflicts``; then fill what a row may leave to its series
(unit) or source (basis). pandas is imported only when a file is loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.data.fiscal import Period
from tui.data.load.files import DataFile
from tui.data.load.observations.conflicts import mark, settle
from tui.data.load.observations.locate import locate
from tui.data.load.observations.read import (
    OBS_OPTIONAL,
    OBS_REQUIRED,
    read_observations,
    trim_codes,
)
from tui.data.load.observations.validate import check_rows, check_text, rows_of
from tui.data.model import Series, Source

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["OBS_OPTIONAL", "OBS_REQUIRED", "load_observations"]


def load_observations(
    file: DataFile, sources: dict[str, Source], series: dict[str, Series]
) -> tuple[pd.DataFrame | None, dict[str, Period]]:
    """The validated rows (None if any problem) and the periods whose labels parse."""
    read = read_observations(file)
    if read is None:
        return None, {}
    frame, text = read
    broken_cells = locate(frame, text, file.lines)
    trim_codes(frame)
    rows = rows_of(frame, sources, series)
    check_text(rows, file, text, broken_cells)
    check_rows(rows)
    conflicts, roundings = settle(rows)
    for line, message in rows.problems:
        file.add(line, message)
    if rows.problems:
        return None, rows.periods
    _fill_defaults(frame, sources, series)
    mark(frame, conflicts, roundings)
    return frame, rows.periods


def _fill_defaults(
    frame: pd.DataFrame, sources: dict[str, Source], series: dict[str, Series]
) -> None:
    """An empty unit is the series' unit; an empty basis the source's usual one."""
    # series.toml may have failed to load (its problems are already reported): no KeyError here
    series_unit = {sid: s.unit for sid, s in series.items()}
    frame["unit"] = frame["unit"].where(
        frame["unit"] != "", frame["series"].map(lambda s: series_unit.get(s, ""))
    )
    source_basis = {sid: s.basis for sid, s in sources.items()}
    frame["basis"] = frame["basis"].where(
        frame["basis"] != "", frame["source"].map(lambda s: source_basis.get(s, ""))
    )
