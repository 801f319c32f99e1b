"""One table model for every pane, dialog and export (no Textual, no Rich).

A :class:`Table` has typed columns and rows whose cells hold exact numbers, and each row
carries the thing it shows (a :data:`Citable`) and what Enter opens below it (a
:class:`Drill`). The UI renders a Table; the exporter writes the same Table, so the
explorer's `e` and `pkit export` give the same columns and rows.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal, TypeAlias

from tui.data.analytics import ClaimCheck
from tui.data.facts import Facts, Figure
from tui.data.fiscal import FY_START_MONTH, Period
from tui.data.model import Quote, Source, Statement
from tui.data.numbers import exact
from tui.data.record import field, record

Citable: TypeAlias = Figure | Statement | Quote | Source | ClaimCheck | tuple[Figure, ...]
"""What `s` cites: one figure, a statement, a quote, a source, a claim check or figures."""

Record: TypeAlias = dict[str, str | float | None]
"""One exported row: column key to its exact value (text, number or nothing)."""

ColumnKind = Literal[
    "label",  # a name (takes the spare width, truncated with an ellipsis)
    "text",  # other text
    "value",  # a published figure (qualifier, decimals, part-year, flags)
    "share",  # percent of a whole
    "change",  # percent change
    "points",  # percentage points
    "ratio",  # x times
    "count",  # a whole number
    "bar",  # display only: a bar of the row's value
    "trend",  # display only: a sparkline of full years
]
NUMERIC: frozenset[str] = frozenset({"value", "share", "change", "points", "ratio", "count"})


@record
class Column:
    """A table column: its key, its header, and where it appears."""

    key: str  # also the column's name in exports
    title: str  # the header on screen
    kind: ColumnKind = "text"
    shown: bool = True  # False: exported only (unit, ISO dates, URL...)
    exported: bool = True  # False: on screen only (bars, trends, glyph flags)


@record
class Cell:
    """One cell: exact data, never pre-formatted numbers."""

    text: str = ""  # text cells; for numbers, why the number is missing ("" when present)
    number: float | None = None  # exact, as published or computed (never rounded)
    qualifier: str = ""  # ">" lower bound, "<" upper bound, "~" approximate
    decimals: int | None = None  # published decimals of a value (None: unknown)
    part: str = ""  # part-year tag, e.g. "10M" (the same label in every table)
    flags: tuple[str, ...] = ()  # conflict | erratum | basis | claim
    kind: ColumnKind | None = None  # a cell of another kind in a mixed column (Overview)
    suffix: str = ""  # unit shown after a value in a mixed column ("%", "x")
    depth: int = 0  # tree depth of a label
    fold: Literal["", "open", "closed", "leaf"] = ""  # tree node state of a label
    values: tuple[float | None, ...] = ()  # trend: full-year values; bar: (value, maximum)
    strong: bool = False  # a heading row's label
    signed: bool = False  # a difference: shown with its sign


@record
class Drill:
    """What Enter opens below a row."""

    kind: Literal["history", "figures"]
    target: str  # a series id (history) or a source id (figures)
    period: str | None = None  # the period to highlight in a history


@record
class TableRow:
    """One row: its cells by column key, what `s` cites and what enter opens."""

    key: str
    cells: Mapping[str, Cell]
    target: Citable | None = None
    drill: Drill | None = None
    extra: str = ""  # searched text that is in no column (a quote's words)
    claims: tuple[ClaimCheck, ...] = ()  # rates sources quote for the row's change

    def cell(self, key: str) -> Cell:
        return self.cells.get(key, EMPTY)


EMPTY = Cell()


@record
class Table:
    """A table as panes show it and `pkit export` writes it."""

    name: str  # the table's name in `pkit export --table`
    title: str  # a file-name stem: exports-FY2024-25
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    notes: tuple[str, ...] = field(default=())  # legend lines the table needs

    @property
    def shown(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.shown)

    @property
    def exported(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.exported)


# -- exporting -------------------------------------------------------------------------------


def export_value(column: Column, cell: Cell) -> str | float | None:
    """A cell as exported: numbers exact (None when missing), text as is."""
    if column.kind in NUMERIC:
        return cell.number
    return cell.text


def records(table: Table) -> list[Record]:
    """Every row of the table with its exported columns, in order (the whole table)."""
    cols = table.exported
    return [{c.key: export_value(c, r.cell(c.key)) for c in cols} for r in table.rows]


def concat(name: str, title: str, tables: Sequence[Table]) -> Table:
    """Tables of one kind (one per fiscal year, say) as one table."""
    if not tables:
        return Table(name, title, (), ())
    rows = tuple(
        TableRow(f"{t.title}/{r.key}", r.cells, r.target, r.drill, r.extra, r.claims)
        for t in tables
        for r in t.rows
    )
    notes = tuple(dict.fromkeys(n for t in tables for n in t.notes))
    return Table(name, title, tables[0].columns, rows, notes)


# -- the figure columns every figure table exports --------------------------------------------

FIGURE_COLUMNS: tuple[Column, ...] = (
    Column("series", "Series id", "text", shown=False),
    Column("period", "Period", "text", shown=False),
    Column("period_start", "Start", "text", shown=False),
    Column("period_end", "End", "text", shown=False),
    Column("coverage", "Coverage", "text", shown=False),
    Column("value", "Value", "value", shown=False),
    Column("qualifier", "Qualifier", "text", shown=False),
    Column("unit", "Unit", "text", shown=False),
    Column("conflict", "Conflict", "text", shown=False),
    Column("erratum", "Erratum", "text", shown=False),
    Column("lower_bound", "Lower bound", "text", shown=False),
    Column("claim", "Quoted rate", "text", shown=False),  # a source's rate for the change
    Column("source", "Source id", "text", shown=False),
    Column("publisher", "Publisher", "text", shown=False),
    Column("source_url", "URL", "text", shown=False),
    Column("other_values", "Other values", "text", shown=False),
    Column("note", "Note", "text", shown=False),
)


def period_dates(p: Period) -> tuple[date, date]:
    """ISO start and end dates of a period (fiscal years start in July)."""
    if p.kind == "M":
        return date(p.year, p.month, 1), _month_end(p.year, p.month)
    if p.kind in ("FY", "FYTD"):
        start = date(p.year, FY_START_MONTH, 1)
        last = FY_START_MONTH - 1 + p.months  # 1-based month count from January of p.year
        year, month = p.year + (last - 1) // 12, (last - 1) % 12 + 1
        return start, _month_end(year, month)
    return date(p.year, 1, 1), _month_end(p.year, p.months)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def coverage(fig: Figure) -> str:
    if fig.value is None:
        return "missing"
    p = fig.period
    if p.kind in ("FY", "CY"):
        return "full year"
    return "1 month" if p.months == 1 or p.kind == "M" else f"{p.months} months"


def part_tag(p: Period) -> str:
    """The one part-year label: ``10M`` for the first ten months of a year, else ''."""
    return f"{p.months}M" if p.kind in ("FYTD", "CYTD") else ""


def figure_flags(fig: Figure) -> tuple[str, ...]:
    flags = []
    if fig.status == "conflict":
        flags.append("conflict")
    if any(o.status == "erratum" for o in fig.observations):
        flags.append("erratum")
    return tuple(flags)


def value_cell(fig: Figure, extra_flags: tuple[str, ...] = ()) -> Cell:
    """A figure as a cell: exact value, its published decimals, part-year tag and flags."""
    return Cell(
        text="" if fig.value is not None else fig.missing_reason,
        number=fig.value,
        qualifier=fig.qualifier if fig.value is not None else "",
        decimals=fig.decimals if fig.raw else None,
        part=part_tag(fig.period),
        flags=figure_flags(fig) + extra_flags,
    )


def figure_cells(facts: Facts, fig: Figure) -> dict[str, Cell]:
    """The exported figure columns of one figure."""
    start, end = period_dates(fig.period)
    src = facts.ds.sources.get(fig.source or "")
    chosen = fig.chosen
    others = [
        f"{o.qualifier}{_exact(o.value)} ({o.source})"
        for o in fig.observations
        if o is not chosen and o.status == "ok" and o.value is not None
    ]
    yes = "yes"
    return {
        "series": Cell(fig.series),
        "period": Cell(fig.period.label),
        "period_start": Cell(start.isoformat()),
        "period_end": Cell(end.isoformat()),
        "coverage": Cell(coverage(fig)),
        "value": value_cell(fig),
        "qualifier": Cell(fig.qualifier if fig.value is not None else ""),
        "unit": Cell(fig.unit),
        "conflict": Cell(yes if fig.status == "conflict" else ""),
        "erratum": Cell(yes if "erratum" in figure_flags(fig) else ""),
        "lower_bound": Cell(yes if fig.value is not None and fig.qualifier == ">" else ""),
        "source": Cell(fig.source or ""),
        "publisher": Cell(src.publisher if src else ""),
        "source_url": Cell(src.url if src else ""),
        "other_values": Cell("; ".join(others)),
        "note": Cell(fig.missing_reason or fig.note),
    }


def claim_cell(checks: Sequence[ClaimCheck]) -> Cell:
    """The rates sources quote for a row's change, each checked, with its source id."""
    return Cell(" | ".join(f"{c.versus()} [{c.claim.source}]" for c in checks))


def _exact(value: float | None) -> str:
    if value is None:
        return ""
    return exact(value)
