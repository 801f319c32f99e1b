"""The Exports table: the category tree of one year's exports with shares and changes."""

from __future__ import annotations

from typing import Literal

from tui.data.analytics import Ratio
from tui.data.facts import Facts, Figure
from tui.data.fiscal import fy_label
from tui.data.table import FIGURE_COLUMNS, Cell, Column, Table, TableRow
from tui.data.tables.figures import figure_row, money_title
from tui.data.views import TreeRow, category_tree

BASIS_NOTE = "parts from another source than their total: shares may not add to 100%"


def _ratio_cell(r: Ratio | None, kind: str = "share") -> Cell:
    if r is None:
        return Cell()
    if r.value is None:
        return Cell(text=r.refused)
    return Cell(number=r.value, qualifier=r.qualifier, kind="share" if kind == "share" else "ratio")


def exports_columns(facts: Facts) -> tuple[Column, ...]:
    return (
        Column("category", "Category", "label"),
        Column("value", money_title(facts, facts.ds.manifest.total_series), "value"),
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
            "trend": Cell(values=tuple(r.history)),
            "basis_note": Cell(mixed.get(r.series.id, "") or mixed.get(r.series.parent or "", "")),
        }
        flags = ("basis",) if r.series.id in mixed else ()
        rows.append(figure_row(facts, r.series.id, r.figure, cells, r.change, flags=flags))
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
