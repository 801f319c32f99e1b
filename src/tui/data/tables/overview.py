"""The Overview table: the year's headline figures, ratios and key statements."""

from __future__ import annotations

from tui.data.analytics import Change, Ratio, software_vs_hardware, yoy
from tui.data.facts import Facts, Figure
from tui.data.fiscal import fy_label
from tui.data.model import Statement
from tui.data.table import FIGURE_COLUMNS, Cell, Column, Drill, Table, TableRow, figure_cells
from tui.data.tables.figures import figure_row
from tui.data.views import import_dependence, latest_months

OVERVIEW_COLUMNS = (
    Column("figure", "Figure", "label"),
    Column("value", "Value", "value"),
    Column("yoy_pct", "YoY", "change"),
    Column("about", "Source / note", "label"),
    *(c for c in FIGURE_COLUMNS if c.key != "value"),
)


def overview_table(facts: Facts, fy: int) -> Table:
    return facts.view(("table", "overview", fy), lambda: _overview(facts, fy))


def _about(facts: Facts, fig: Figure) -> Cell:
    series = facts.ds.series[fig.series]
    prefix = f"{series.name}: " if series.group == "imports" else ""
    if fig.value is None:
        return Cell(prefix + fig.missing_reason)
    src = facts.ds.sources.get(fig.source or "")
    text = prefix + (f"{src.publisher}, {src.date}" if src else fig.source or "")
    if fig.status == "conflict":
        text += f" ({len(fig.observations)} values)"
    return Cell(text)


def _overview(facts: Facts, fy: int) -> Table:
    hv = software_vs_hardware(facts, fy)
    total_id = facts.ds.manifest.total_series
    rows: list[TableRow] = []

    def fig_row(key: str, label: str, fig: Figure, ch: Change | None) -> None:
        cells = {"figure": Cell(label), "about": _about(facts, fig)}
        rows.append(figure_row(facts, key, fig, cells, ch))

    def ratio_row(key: str, label: str, r: Ratio | None, suffix: str) -> None:
        if r is None:
            return
        num, den = r.numerator, r.denominator
        about = r.refused or (
            f"{facts.ds.series[num.series].name} / {facts.ds.series[den.series].name}"
        )
        cells = figure_cells(facts, num)
        cells.update(
            {
                "figure": Cell(label),
                "value": Cell(
                    text=r.refused,
                    number=r.value,
                    qualifier=r.qualifier,
                    kind="share" if suffix == "%" else "ratio",
                ),
                "qualifier": Cell(r.qualifier),
                "unit": Cell("%" if suffix == "%" else "ratio"),
                "about": Cell(about),
                "lower_bound": Cell("yes" if r.value is not None and r.qualifier == ">" else ""),
                "note": Cell(f"computed: {num.series} / {den.series}"),
            }
        )
        rows.append(TableRow(key, cells, (num, den), Drill("history", num.series, None)))

    total = hv.total if hv.total.ok else facts.best_for_fy(total_id, fy)
    fig_row("total", "ICT services exports", total, yoy(facts, total_id, fy))
    fig_row("software", "Software consultancy", hv.software, yoy(facts, hv.software.series, fy))
    fig_row("hardware", "Hardware consultancy", hv.hardware, yoy(facts, hv.hardware.series, fy))
    ratio_row("ratio", "Software per $1 of hardware", hv.sw_hw_ratio, "x")
    ratio_row("hw-share", "Hardware share of ICT exports", hv.hw_share_of_total, "%")
    for fig in hv.imports:
        fig_row(f"import-{fig.series}", "Hardware import bill", fig, yoy(facts, fig.series, fy))
    if hv.import_to_export is not None:
        ratio_row("bill-ratio", hv.import_to_export_label, hv.import_to_export, "x")
    dep = import_dependence(facts)
    if dep is not None:
        rows.append(_statement_row(facts, dep))
    for sid, label in (
        ("freelancing", "Freelancing (own series)"),
        ("ict_trade_surplus", "ICT trade surplus"),
    ):
        if sid in facts.ds.series:
            fig_row(sid, label, facts.best_for_fy(sid, fy), yoy(facts, sid, fy))
    for r in reversed(latest_months(facts, total_id, 10_000)):
        label = f"{r.figure.period.short} (month)"
        fig_row(f"month-{r.figure.period.label}", label, r.figure, r.change)
    return Table("overview", f"overview-{fy_label(fy)}", OVERVIEW_COLUMNS, tuple(rows))


def _statement_row(facts: Facts, st: Statement) -> TableRow:
    src = facts.ds.sources.get(st.sources[0]) if st.sources else None
    cells = {
        "figure": Cell("Hardware needs met by imports"),
        "value": Cell(number=st.value, qualifier=st.qualifier, kind="share", decimals=0),
        "qualifier": Cell(st.qualifier),
        "unit": Cell(st.unit),
        "lower_bound": Cell("yes" if st.value is not None and st.qualifier == ">" else ""),
        "about": Cell(", ".join(st.items) or st.note),
        "source": Cell(", ".join(st.sources)),
        "publisher": Cell(src.publisher if src else ""),
        "source_url": Cell(src.url if src else ""),
        "note": Cell(st.note),
    }
    return TableRow("statement", cells, st)
