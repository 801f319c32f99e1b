"""Every observation as published (the raw table `pkit export` writes)."""

from __future__ import annotations

from tui.data.facts import Facts
from tui.data.fiscal import Period
from tui.data.table import Cell, Column, Table, TableRow, coverage, period_dates

OBSERVATION_COLUMNS = (
    Column("series", "Series id", "text"),
    Column("series_name", "Series", "label"),
    Column("period", "Period", "text"),
    Column("period_start", "Start", "text"),
    Column("period_end", "End", "text"),
    Column("coverage", "Coverage", "text"),
    Column("value", "Value", "value"),
    Column("qualifier", "Qualifier", "text"),
    Column("unit", "Unit", "text"),
    Column("status", "Status", "text"),
    Column("preferred", "Preferred", "text"),
    Column("conflict", "Conflict", "text"),
    Column("lower_bound", "Lower bound", "text"),
    Column("source", "Source id", "text"),
    Column("publisher", "Publisher", "text"),
    Column("source_url", "URL", "text"),
    Column("note", "Note", "text"),
)


def observations_table(facts: Facts, fy: int | None = None) -> Table:
    """Every published value (alternatives and errata too) of every series."""
    rows = []
    for s in facts.ds.series.values():
        for label, obs in facts.observations(s.id).items():
            fig = facts.figure(s.id, label)
            for ob in obs:
                if fy is not None and not _in_fy(ob.period, fy):
                    continue
                src = facts.ds.sources.get(ob.source)
                start, end = period_dates(ob.period)
                cells = {
                    "series": Cell(ob.series),
                    "series_name": Cell(s.name),
                    "period": Cell(ob.period.label),
                    "period_start": Cell(start.isoformat()),
                    "period_end": Cell(end.isoformat()),
                    "coverage": Cell(coverage(fig) if ob.value is not None else "missing"),
                    "value": Cell(number=ob.value, qualifier=ob.qualifier),
                    "qualifier": Cell(ob.qualifier),
                    "unit": Cell(ob.unit),
                    "status": Cell(ob.status),
                    "preferred": Cell("yes" if ob.preferred else ""),
                    "conflict": Cell("yes" if fig.status == "conflict" else ""),
                    "lower_bound": Cell("yes" if ob.qualifier == ">" else ""),
                    "source": Cell(ob.source),
                    "publisher": Cell(src.publisher if src else ""),
                    "source_url": Cell(src.url if src else ""),
                    "note": Cell(ob.note),
                }
                rows.append(TableRow(f"{ob.line}", cells, fig))
    rows.sort(key=lambda r: (r.cell("series").text, _sort_key(facts, r.cell("period").text)))
    return Table("observations", "observations", OBSERVATION_COLUMNS, tuple(rows))


def _sort_key(facts: Facts, label: str) -> tuple[int, int, int]:
    p = facts.ds.periods.get(label)
    return p.sort_key if p is not None else (0, 0, 0)


def _in_fy(p: Period, fy: int) -> bool:
    if p.fy is not None:
        return p.fy == fy
    return p.year in (fy, fy + 1)  # calendar years overlapping the fiscal year
