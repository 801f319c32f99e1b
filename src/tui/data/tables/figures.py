"""The cells and rows every figure table shares: a change, a figure's row, a money title."""

from __future__ import annotations

from tui.data.analytics import Change, claims_on
from tui.data.facts import Facts, Figure
from tui.data.table import Cell, Drill, TableRow, claim_cell, figure_cells, value_cell


def change_cell(ch: Change | None, fig: Figure, claimed: bool = False) -> Cell:
    """A change for the same period as the value beside it; missing when the value is.
    ``claimed``: a source quotes its own rate for this change (flagged)."""
    flags = ("claim",) if claimed else ()
    if ch is None:
        return Cell()
    if fig.value is None:
        return Cell(text=fig.missing_reason, flags=flags)
    if ch.pct is None:
        return Cell(text=ch.refused or "not computed", flags=flags)
    return Cell(number=ch.pct, qualifier=ch.qualifier, flags=flags)


def figure_row(
    facts: Facts,
    key: str,
    fig: Figure,
    cells: dict[str, Cell],
    change: Change | None = None,
    drill: bool = True,
    flags: tuple[str, ...] = (),
) -> TableRow:
    """A figure's row: its exported columns, ``cells``, and its change as ``yoy_pct`` with
    the rates sources quote for that change (flagged, and in the ``claim`` column)."""
    cur = change.current if change is not None else None
    same = cur is not None and (cur.series, cur.period) == (fig.series, fig.period)
    claims = claims_on(facts, change) if same else ()  # a rate for the value's own period
    all_cells = figure_cells(facts, fig)
    all_cells["value"] = value_cell(fig, flags)
    all_cells["yoy_pct"] = change_cell(change, fig, bool(claims))
    all_cells["claim"] = claim_cell(claims)
    all_cells.update(cells)
    period = fig.period.label
    drill_ = Drill("history", fig.series, period) if drill else None
    return TableRow(key, all_cells, fig, drill_, claims=claims)


def money_title(facts: Facts, series_id: str) -> str:
    unit = facts.ds.series[series_id].unit if series_id in facts.ds.series else ""
    return {"US$ million": "US$m"}.get(unit, unit or "Value")
