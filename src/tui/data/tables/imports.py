"""The Imports and Assembly tables: hardware imports and local assembly."""

from __future__ import annotations

from tui.data.analytics import software_vs_hardware, yoy
from tui.data.facts import Facts
from tui.data.fiscal import fy_label
from tui.data.table import (
    FIGURE_COLUMNS,
    Cell,
    Column,
    Drill,
    Table,
    TableRow,
    figure_cells,
    period_dates,
    value_cell,
)
from tui.data.tables.figures import figure_row
from tui.data.views import assembly_rows, import_rows

IMPORTS_COLUMNS = (
    Column("line", "Import line (US$m unless stated)", "label"),
    Column("value", "Value", "value"),
    Column("yoy_pct", "YoY", "change"),
    Column("bar", "Bar", "bar", exported=False),
    Column("trend", "Trend", "trend", exported=False),
    *(c for c in FIGURE_COLUMNS if c.key != "value"),
)


def imports_table(facts: Facts, fy: int) -> Table:
    return facts.view(("table", "imports", fy), lambda: _imports(facts, fy))


def _imports(facts: Facts, fy: int) -> Table:
    lines = import_rows(facts, fy)
    money = [r.figure.value for r in lines if r.figure.ok and r.figure.unit == "US$ million"]
    top = max((v for v in money if v is not None), default=0.0)
    rows: list[TableRow] = []
    for r in lines:
        fig = r.figure
        bar = (fig.value, top) if fig.unit == "US$ million" else ()
        cells = {
            "line": Cell(r.series.label, depth=r.depth),
            "bar": Cell(values=bar),
            "trend": Cell(values=tuple(r.history)),
        }
        rows.append(figure_row(facts, r.series.id, fig, cells, r.change))
    hv = software_vs_hardware(facts, fy)
    hw = hv.hardware
    rows.append(
        figure_row(
            facts,
            "hw-exports",
            hw,
            {
                "line": Cell("Hardware consultancy (exports)"),
                "bar": Cell(values=(hw.value, top)),
            },
            yoy(facts, hw.series, fy),
        )
    )
    if hv.import_to_export is not None:
        r_ = hv.import_to_export
        cells = figure_cells(facts, r_.numerator)
        cells.update(
            {
                "line": Cell(hv.import_to_export_label),
                "value": Cell(r_.refused, r_.value, r_.qualifier, kind="ratio"),
                "qualifier": Cell(r_.qualifier),
                "unit": Cell("ratio"),
                "note": Cell(f"computed: {r_.numerator.series} / {r_.denominator.series}"),
            }
        )
        rows.append(TableRow("bill-ratio", cells, (r_.numerator, r_.denominator)))
    return Table("imports", f"imports-{fy_label(fy)}", IMPORTS_COLUMNS, tuple(rows))


def assembly_table(facts: Facts) -> Table:
    return facts.view(("table", "assembly"), lambda: _assembly(facts))


def _assembly(facts: Facts) -> Table:
    series = facts.series_in_group("assembly")
    periods = assembly_rows(facts)
    columns = [Column("period", "Calendar year", "label")]
    columns += [Column(s.id, s.label, "value") for s in series]
    bar_id = series[0].id if series else ""
    columns += [
        Column("bar", series[0].label if series else "Bar", "bar", exported=False),
        Column("period_label", "Period", "text", shown=False),
        Column("period_start", "Start", "text", shown=False),
        Column("period_end", "End", "text", shown=False),
        Column("coverage", "Coverage", "text", shown=False),
        Column("unit", "Unit", "text", shown=False),
        Column("conflict", "Conflict", "text", shown=False),
        Column("source", "Source id", "text", shown=False),
        Column("publisher", "Publisher", "text", shown=False),
        Column("source_url", "URL", "text", shown=False),
    ]
    top = max(
        (f[bar_id].value or 0.0 for _, f in periods if bar_id in f and f[bar_id].ok),
        default=0.0,
    )
    rows = []
    for period, figs in periods:
        start, end = period_dates(period)
        present = [f for f in figs.values() if f.ok]
        sources = list(dict.fromkeys(f.source or "" for f in present))
        srcs = [facts.ds.sources.get(s) for s in sources]
        label = period.label if period.kind == "CY" else f"CY{period.year} ({period.span})"
        cells: dict[str, Cell] = {
            "period": Cell(label),
            "bar": Cell(values=(figs[bar_id].value if bar_id in figs else None, top)),
            "period_label": Cell(period.label),
            "period_start": Cell(start.isoformat()),
            "period_end": Cell(end.isoformat()),
            "coverage": Cell("full year" if period.kind == "CY" else f"{period.months} months"),
            "unit": Cell("; ".join(dict.fromkeys(f"{f.series}: {f.unit}" for f in present))),
            "conflict": Cell("yes" if any(f.status == "conflict" for f in present) else ""),
            "source": Cell("; ".join(sources)),
            "publisher": Cell("; ".join(dict.fromkeys(s.publisher for s in srcs if s))),
            "source_url": Cell("; ".join(dict.fromkeys(s.url for s in srcs if s))),
        }
        for sid, fig in figs.items():
            cells[sid] = value_cell(fig)
        target = tuple(f for f in figs.values() if f.observations)
        drill = Drill("history", bar_id, period.label) if bar_id else None
        rows.append(TableRow(period.label, cells, target, drill))
    return Table("assembly", "assembly", tuple(columns), tuple(rows))
