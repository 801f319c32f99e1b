"""The cells and rows every figure table shares: a change, a figure's row, a money title."""

from __future__ import annotations

from tui.data.analytics import Change
from tui.data.facts import Facts, Figure
from tui.data.table import Cell, Drill, TableRow, figure_cells, value_cell


def change_cell(ch: Change | None, fig: Figure) -> Cell:
    """A change for the same period as the value beside it; missing when the value is."""
    if ch is None:
        return Cell()
    if fig.value is None:
        return Cell(text=fig.missing_reason)
    if ch.pct is None:
        return Cell(text=ch.refused or "not computed")
    return Cell(number=ch.pct, qualifier=ch.qualifier)


def figure_row(
    facts: Facts,
    key: str,
    fig: Figure,
    cells: dict[str, Cell],
    drill: bool = True,
    flags: tuple[str, ...] = (),
) -> TableRow:
    all_cells = figure_cells(facts, fig)
    all_cells["value"] = value_cell(fig, flags)
    all_cells.update(cells)
    period = fig.period.label
    return TableRow(key, all_cells, fig, Drill("history", fig.series, period) if drill else None)


def money_title(facts: Facts, series_id: str) -> str:
    unit = facts.ds.series[series_id].unit if series_id in facts.ds.series else ""
    return {"US$ million": "US$m"}.get(unit, unit or "Value")
