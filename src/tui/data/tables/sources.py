"""The Sources and Conflicts tables: the register, and the figures sources disagree on."""

from __future__ import annotations

from tui.data.analytics import check_claims
from tui.data.facts import Facts
from tui.data.table import Cell, Column, Drill, Table, TableRow, value_cell

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
