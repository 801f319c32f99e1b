"""The Quotes table: who said what, with the figure each claim is checked against."""

from __future__ import annotations

from tui.data.analytics import check_quote
from tui.data.facts import Facts
from tui.data.model import Quote
from tui.data.table import Cell, Column, Drill, Table, TableRow

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
