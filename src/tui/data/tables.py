"""Every table pkit shows or exports, built as :class:`~tui.data.table.Table` (no formatting).

Panes, dialogs and `pkit export` all call these builders, so a table has one set of
columns and rows wherever it appears.
"""

from __future__ import annotations

from typing import Literal

from tui.data.analytics import Change, Ratio, check_claims, check_quote, software_vs_hardware, yoy
from tui.data.facts import Facts, Figure
from tui.data.fiscal import Period, fy_label
from tui.data.model import Observation, Quote, Source, Statement
from tui.data.table import (
    FIGURE_COLUMNS,
    Cell,
    Column,
    Drill,
    Table,
    TableRow,
    coverage,
    figure_cells,
    part_tag,
    period_dates,
    value_cell,
)
from tui.data.views import (
    TreeRow,
    assembly_rows,
    category_tree,
    compare,
    history,
    import_dependence,
    import_rows,
    latest_months,
)

BASIS_NOTE = "parts from another source than their total: shares may not add to 100%"


def _change_cell(ch: Change | None, fig: Figure) -> Cell:
    """A change for the same period as the value beside it; missing when the value is."""
    if ch is None:
        return Cell()
    if fig.value is None:
        return Cell(text=fig.missing_reason)
    if ch.pct is None:
        return Cell(text=ch.refused or "not computed")
    return Cell(number=ch.pct, qualifier=ch.qualifier)


def _ratio_cell(r: Ratio | None, kind: str = "share") -> Cell:
    if r is None:
        return Cell()
    if r.value is None:
        return Cell(text=r.refused)
    return Cell(number=r.value, qualifier=r.qualifier, kind="share" if kind == "share" else "ratio")


def _fig_row(
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


def _money_title(facts: Facts, series_id: str) -> str:
    unit = facts.ds.series[series_id].unit if series_id in facts.ds.series else ""
    return {"US$ million": "US$m"}.get(unit, unit or "Value")


# -- Overview --------------------------------------------------------------------------------

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
        cells = {"figure": Cell(label), "yoy_pct": _change_cell(ch, fig)}
        cells["about"] = _about(facts, fig)
        rows.append(_fig_row(facts, key, fig, cells))

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


# -- Exports ---------------------------------------------------------------------------------


def exports_columns(facts: Facts) -> tuple[Column, ...]:
    return (
        Column("category", "Category", "label"),
        Column("value", _money_title(facts, facts.ds.manifest.total_series), "value"),
        Column("share_of_parent_pct", "%par", "share"),
        Column("share_of_total_pct", "%ICT", "share"),
        Column("yoy_pct", "YoY", "change"),
        Column("trend", "Trend", "trend", exported=False),
        *(c for c in FIGURE_COLUMNS if c.key != "value"),
        Column("basis_note", "Basis", "text", shown=False),
    )


def exports_table(facts: Facts, fy: int, collapsed: frozenset[str] = frozenset()) -> Table:
    return facts.view(("table", "exports", fy, collapsed), lambda: _exports(facts, fy, collapsed))


def _exports(facts: Facts, fy: int, collapsed: frozenset[str]) -> Table:
    tree = category_tree(facts, fy, collapsed=collapsed)
    mixed = _mixed_bases(facts, tree)
    rows: list[TableRow] = []
    for r in tree:
        fold: Literal["open", "closed", "leaf"] = "leaf"
        if r.has_children:
            fold = "closed" if r.series.id in collapsed else "open"
        on_other_basis = r.series.parent in mixed
        cells = {
            "category": Cell(r.series.label, depth=r.depth, fold=fold, strong=r.depth == 0),
            "share_of_parent_pct": _share_cell(r.share_parent, on_other_basis),
            "share_of_total_pct": _share_cell(r.share_total, False),
            "yoy_pct": _change_cell(r.change, r.figure),
            "trend": Cell(values=tuple(r.history)),
            "basis_note": Cell(mixed.get(r.series.id, "") or mixed.get(r.series.parent or "", "")),
        }
        flags = ("basis",) if r.series.id in mixed else ()
        rows.append(_fig_row(facts, r.series.id, r.figure, cells, flags=flags))
    notes = (BASIS_NOTE,) if mixed else ()
    return Table("exports", f"exports-{fy_label(fy)}", exports_columns(facts), tuple(rows), notes)


def _mixed_bases(facts: Facts, tree: list[TreeRow]) -> dict[str, str]:
    """Parents whose parts (from other publishers) add up past the total: parent -> why."""
    by_id = {r.series.id: r for r in tree}
    sums: dict[str, float] = {}
    others: dict[str, set[str]] = {}
    for r in tree:
        parent = by_id.get(r.series.parent or "")
        if parent is None or not r.figure.ok or r.figure.value is None:
            continue
        sums[parent.series.id] = sums.get(parent.series.id, 0.0) + r.figure.value
        others.setdefault(parent.series.id, set()).add(_publisher(facts, r.figure))
    out = {}
    for pid, total in sums.items():
        top = by_id[pid].figure
        mine = _publisher(facts, top)
        if top.value is None or total <= top.value or others[pid] <= {mine}:
            continue
        parts = ", ".join(sorted(others[pid] - {mine}))
        out[pid] = f"total from {mine}, parts from {parts}; parts add to {total:,.2f}"
    return out


def _share_cell(r: Ratio | None, other_basis: bool) -> Cell:
    cell = _ratio_cell(r)
    if other_basis and cell.number is not None:
        return Cell(cell.text, cell.number, cell.qualifier, flags=("basis",))
    return cell


def _publisher(facts: Facts, fig: Figure) -> str:
    src = facts.ds.sources.get(fig.source or "")
    return src.publisher if src else ""


# -- Imports and assembly ----------------------------------------------------------------------

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
            "yoy_pct": _change_cell(r.change, fig),
            "bar": Cell(values=bar),
            "trend": Cell(values=tuple(r.history)),
        }
        rows.append(_fig_row(facts, r.series.id, fig, cells))
    hv = software_vs_hardware(facts, fy)
    hw = hv.hardware
    rows.append(
        _fig_row(
            facts,
            "hw-exports",
            hw,
            {
                "line": Cell("Hardware consultancy (exports)"),
                "yoy_pct": _change_cell(yoy(facts, hw.series, fy), hw),
                "bar": Cell(values=(hw.value, top)),
            },
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


# -- Quotes ------------------------------------------------------------------------------------

QUOTES_COLUMNS = (
    Column("speaker", "Speaker", "label"),
    Column("organisation", "Organisation", "label"),
    Column("date", "Date", "text"),
    Column("kind", "Kind", "text"),
    Column("data_check", "Data", "text"),
    Column("id", "Id", "text", shown=False),
    Column("role", "Role", "text", shown=False),
    Column("outlet", "Outlet", "text", shown=False),
    Column("text", "Text", "text", shown=False),
    Column("topics", "Topics", "text", shown=False),
    Column("source", "Source id", "text", shown=False),
    Column("publisher", "Publisher", "text", shown=False),
    Column("source_url", "URL", "text", shown=False),
    Column("check_detail", "Check", "text", shown=False),
    Column("note", "Note", "text", shown=False),
)
CHECK_WORDS = {"agrees": "matches", "disagrees": "differs", "unchecked": "unchecked", "none": ""}


def quotes_table(facts: Facts, quotes: list[Quote] | None = None, fy: int | None = None) -> Table:
    """Statements (all, or ``quotes``); with ``fy``, those about that fiscal year or none."""
    rows = []
    for q in facts.ds.quotes if quotes is None else quotes:
        if (
            fy is not None
            and q.periods
            and not any(
                facts.ds.periods.get(p) is not None and facts.ds.periods[p].fy == fy
                for p in q.periods
            )
        ):
            continue
        rows.append(_quote_row(facts, q))
    return Table("quotes", "quotes", QUOTES_COLUMNS, tuple(rows))


def _quote_row(facts: Facts, q: Quote) -> TableRow:
    src = facts.ds.sources.get(q.source)
    check = check_quote(facts, q)
    cells = {
        "speaker": Cell(q.speaker),
        "organisation": Cell(q.organisation),
        "date": Cell(q.date),
        "kind": Cell("direct" if q.is_direct else "reported"),
        "data_check": Cell(CHECK_WORDS.get(check.verdict, "")),
        "id": Cell(q.id),
        "role": Cell(q.role),
        "outlet": Cell(q.outlet),
        "text": Cell(q.text),
        "topics": Cell(", ".join(q.topics)),
        "source": Cell(q.source),
        "publisher": Cell(src.publisher if src else ""),
        "source_url": Cell(src.url if src else ""),
        "check_detail": Cell(check.detail),
        "note": Cell(q.note),
    }
    series = q.claim_series or (q.series[0] if q.series else None)
    period = q.claim_period or (q.periods[0] if q.periods else None)
    drill = Drill("history", series, period) if series in facts.ds.series and series else None
    extra = " ".join((q.text, q.role, q.outlet, " ".join(q.topics)))
    return TableRow(q.id, cells, q, drill, extra)


# -- Sources and conflicts -----------------------------------------------------------------------

SOURCES_COLUMNS = (
    Column("id", "Id", "text", shown=False),
    Column("title", "Title", "label"),
    Column("publisher", "Publisher", "text"),
    Column("date", "Date", "text"),
    Column("url", "URL", "text", shown=False),
    Column("basis", "Basis", "text"),
    Column("reliability", "Reliability", "text", shown=False),
    Column("figures", "Figs", "count"),
)


def sources_table(facts: Facts) -> Table:
    return facts.view(("table", "sources"), lambda: _sources(facts))


def _sources(facts: Facts) -> Table:
    counts = facts.source_counts()
    rows = []
    for s in sorted(facts.ds.sources.values(), key=lambda s: (s.publisher.lower(), s.date)):
        cells = {
            "publisher": Cell(s.publisher),
            "date": Cell(s.date),
            "basis": Cell(s.basis),
            "figures": Cell(number=float(counts.get(s.id, 0))),
            "title": Cell(s.title),
            "id": Cell(s.id),
            "url": Cell(s.url),
            "reliability": Cell(s.reliability),
        }
        rows.append(TableRow(s.id, cells, s, Drill("figures", s.id)))
    return Table("sources", "sources", SOURCES_COLUMNS, tuple(rows))


CONFLICTS_COLUMNS = (
    Column("check", "Check", "label"),
    Column("period", "Period", "text"),
    Column("preferred", "Preferred", "value"),
    Column("others", "Other values / verdict", "label"),
    Column("series", "Series id", "text", shown=False),
    Column("unit", "Unit", "text", shown=False),
    Column("source", "Source id", "text", shown=False),
    Column("reason", "Why preferred", "text", shown=False),
)


def conflicts_table(facts: Facts) -> Table:
    return facts.view(("table", "conflicts"), lambda: _conflicts(facts))


def _conflicts(facts: Facts) -> Table:
    rows = []
    for f in facts.conflicts():
        chosen = f.chosen
        others = "  ".join(
            f"{o.qualifier}{_plain_number(o.value)} ({o.source})"
            for o in f.observations
            if o is not chosen and o.status == "ok" and o.value is not None
        )
        cells = {
            "check": Cell(facts.ds.series[f.series].label),
            "period": Cell(f.period.short),
            "preferred": value_cell(f),
            "others": Cell(others),
            "series": Cell(f.series),
            "unit": Cell(f.unit),
            "source": Cell(f.source or ""),
            "reason": Cell(chosen.reason if chosen is not None else ""),
        }
        key = f"{f.series}:{f.period.label}"
        rows.append(TableRow(key, cells, f, Drill("history", f.series, f.period.label)))
    for c in check_claims(facts):
        if not (c.flagged or c.verdict == "unchecked"):
            continue
        verdict = {"rounding": "differs (rounding?)", "disagrees": "disagrees"}.get(
            c.verdict, "cannot check"
        )
        recomputed = "" if c.recomputed is None else f" vs {c.recomputed:+.2f}%"
        cells = {
            "check": Cell(f"Growth: {facts.ds.series[c.claim.series].label}"),
            "period": Cell(c.current.period.short),
            "preferred": Cell(),
            "others": Cell(f"quoted {c.claim.quoted_pct:+g}%{recomputed}: {verdict}"),
            "series": Cell(c.claim.series),
            "unit": Cell("%"),
            "source": Cell(c.claim.source),
        }
        drill = Drill("history", c.claim.series, c.current.period.label)
        rows.append(TableRow(f"claim:{c.claim.id}", cells, c, drill))
    return Table("conflicts", "conflicts", CONFLICTS_COLUMNS, tuple(rows))


def _plain_number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


# -- dialogs ---------------------------------------------------------------------------------


def history_table(facts: Facts, series_id: str) -> Table:
    lines = history(facts, series_id)
    top = max((r.figure.value or 0.0 for r in lines if r.figure.ok), default=0.0)
    columns = (
        Column("period_short", "Period", "label"),
        Column("months", "Months", "text", shown=False),
        Column("value", _money_title(facts, series_id), "value"),
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
            "yoy_pct": _change_cell(r.change, f),
            "status": Cell(status),
        }
        rows.append(_fig_row(facts, f.period.label, f, cells, drill=False))
    return Table("history", f"history-{series_id}", columns, tuple(rows))


def compare_table(facts: Facts, fy_a: int, fy_b: int) -> Table:
    unit = _money_title(facts, facts.ds.manifest.total_series)
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
            "change_pct": Cell(text=ch.refused, number=ch.pct, qualifier=ch.qualifier),
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
        rows.append(TableRow(r.series.id, cells, (r.a, r.b), drill))
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


# -- every observation (the raw table) -------------------------------------------------------

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
