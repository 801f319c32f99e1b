"""The dialogs' tables: a series' history, two years compared, a source's figures."""

from __future__ import annotations

from tui.data.analytics import claims_on
from tui.data.facts import Facts, Figure
from tui.data.fiscal import fy_label
from tui.data.model import Observation, Source
from tui.data.table import (
    FIGURE_COLUMNS,
    Cell,
    Column,
    Drill,
    Table,
    TableRow,
    part_tag,
    period_dates,
    value_cell,
)
from tui.data.tables.figures import figure_row, money_title
from tui.data.views import compare, history


def history_table(facts: Facts, series_id: str) -> Table:
    lines = history(facts, series_id)
    top = max((r.figure.value or 0.0 for r in lines if r.figure.ok), default=0.0)
    columns = (
        Column("period_short", "Period", "label"),
        Column("months", "Months", "text", shown=False),
        Column("value", money_title(facts, series_id), "value"),
        Column("bar", "Bar", "bar", exported=False),
        Column("yoy_pct", "YoY", "change"),
        Column("status", "Status", "label"),
        *(c for c in FIGURE_COLUMNS if c.key != "value"),
    )
    rows = []
    for r in lines:
        f = r.figure
        status = {"conflict": "conflict", "erratum": "erratum"}.get(f.status, "")
        if f.value is None:
            status = f"missing: {f.missing_reason}"
        cells = {
            "period_short": Cell(f.period.short),
            "months": Cell(f.period.span),
            "bar": Cell(values=(f.value, top)),
            "status": Cell(status),
        }
        rows.append(figure_row(facts, f.period.label, f, cells, r.change, drill=False))
    return Table("history", f"history-{series_id}", columns, tuple(rows))


def compare_table(facts: Facts, fy_a: int, fy_b: int) -> Table:
    unit = money_title(facts, facts.ds.manifest.total_series)
    columns = (
        Column("category", "Category", "label"),
        Column("a_value", f"A {unit}", "value"),
        Column("b_value", f"B {unit}", "value"),
        Column("change_abs", "Change", "value"),
        Column("change_pct", "%", "change"),
        Column("share_pts", "Shr pts", "points"),
        Column("contribution_pct", "Contrib", "share"),
        Column("series", "Series id", "text", shown=False),
        Column("unit", "Unit", "text", shown=False),
        Column("a_period", "A period", "text", shown=False),
        Column("b_period", "B period", "text", shown=False),
        Column("a_source", "A source", "text", shown=False),
        Column("b_source", "B source", "text", shown=False),
    )
    rows = []
    for r in compare(facts, fy_a, fy_b):
        ch = r.change
        claims = claims_on(facts, ch)
        dec = [f.decimals for f in (r.a, r.b) if f.raw]
        cells = {
            "category": Cell(r.series.label, depth=min(r.depth, 1)),
            "a_value": value_cell(r.a),
            "b_value": value_cell(r.b),
            "change_abs": Cell(
                text=ch.refused,
                number=ch.absolute,
                decimals=max(dec) if dec else None,
                signed=True,
            ),
            "change_pct": Cell(
                text=ch.refused,
                number=ch.pct,
                qualifier=ch.qualifier,
                flags=("claim",) if claims else (),
            ),
            "share_pts": Cell(number=r.share_change_pts),
            "contribution_pct": Cell(number=r.contribution),
            "series": Cell(r.series.id),
            "unit": Cell(r.b.unit or r.a.unit),
            "a_period": Cell(r.a.period.label),
            "b_period": Cell(r.b.period.label),
            "a_source": Cell(r.a.source or ""),
            "b_source": Cell(r.b.source or ""),
        }
        drill = Drill("history", r.series.id, r.b.period.label)
        rows.append(TableRow(r.series.id, cells, (r.a, r.b), drill, claims=claims))
    title = f"compare-{fy_label(fy_a)}-{fy_label(fy_b)}"
    return Table("compare", title, columns, tuple(rows))


def source_figures_table(facts: Facts, source: Source) -> Table:
    columns = (
        Column("series_name", "Series", "label"),
        Column("period_short", "Period", "text"),
        Column("value", "Value", "value"),
        Column("role", "Status", "text"),
        Column("series", "Series id", "text", shown=False),
        Column("period", "Period label", "text", shown=False),
        Column("period_start", "Start", "text", shown=False),
        Column("period_end", "End", "text", shown=False),
        Column("qualifier", "Qualifier", "text", shown=False),
        Column("unit", "Unit", "text", shown=False),
        Column("source", "Source id", "text", shown=False),
        Column("source_url", "URL", "text", shown=False),
        Column("note", "Note", "text", shown=False),
    )
    rows = []
    for ob in facts.citing(source.id):
        fig = facts.figure(ob.series, ob.period)
        rows.append(_observation_row(facts, ob, fig, source))
    return Table("source-figures", f"figures-{source.id}", columns, tuple(rows))


def _observation_row(facts: Facts, ob: Observation, fig: Figure, source: Source) -> TableRow:
    role = ob.status if ob.status != "ok" else ("preferred" if ob.preferred else "")
    if ob.status == "ok" and fig.status == "conflict" and not ob.preferred:
        role = "alternative"
    start, end = period_dates(ob.period)
    raw = facts.raw_of(ob) if ob.value is not None else ""
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    cells = {
        "series_name": Cell(facts.ds.series[ob.series].name),
        "period_short": Cell(ob.period.short),
        "value": Cell(
            text="" if ob.value is not None else (ob.note or "not published"),
            number=ob.value,
            qualifier=ob.qualifier,
            decimals=decimals if raw else None,
            part=part_tag(ob.period),
        ),
        "role": Cell(role),
        "series": Cell(ob.series),
        "period": Cell(ob.period.label),
        "period_start": Cell(start.isoformat()),
        "period_end": Cell(end.isoformat()),
        "qualifier": Cell(ob.qualifier),
        "unit": Cell(ob.unit),
        "source": Cell(ob.source),
        "source_url": Cell(source.url),
        "note": Cell(ob.note),
    }
    key = f"{ob.series}:{ob.period.label}"
    return TableRow(key, cells, fig, Drill("history", ob.series, ob.period.label))
