"""The detail line of a table row: every column in full, figures exactly as published."""

from __future__ import annotations

from rich.text import Text

from tui.data import fmt
from tui.data.record import replace
from tui.data.table import Cell, Column, Table, TableRow
from tui.ui.glyphs import Glyphs
from tui.ui.widgets.cells import RIGHT, column_decimals, number_text

FLAG_WORDS = {
    "conflict": "sources disagree",
    "basis": "parts from another source than the total",
    # the value shown is not the erratum: a wrong value for the same period is kept as one
    "erratum": "an erratum for this period is on record",
}


def _value(column: Column, cell: Cell, decimals: int, g: Glyphs) -> str:
    if cell.number is None:
        return f"{g.missing} {cell.text}".rstrip()
    if (cell.kind or column.kind) == "value":
        sign = "+" if cell.signed and cell.number > 0 else ""
        places = None if cell.decimals is None else max(cell.decimals, 0)
        text = f"{cell.qualifier}{sign}{fmt.number(cell.number, places)}{cell.suffix}"
    else:  # computed (a share, a change): as the column shows it, bounds never overstated
        text = number_text(cell, column.kind, decimals, g).strip()
    if cell.part:
        text += f" ({cell.part})"
    # a quoted rate ("claim") is at the end of the line, after its own mark
    words = [FLAG_WORDS.get(f, f) for f in cell.flags if f != "claim"]
    return f"{text} ({', '.join(words)})" if words else text


def row_detail(table: Table, row: TableRow, g: Glyphs) -> Text:
    """``Label · Title value · ...``: the full label a narrow column cuts, exact figures."""
    out = Text()
    said: set[str] = set()  # why a figure is missing, said once (a change misses with it)
    for column in table.shown:
        cell = row.cell(column.key)
        if column.kind in ("bar", "trend"):
            continue
        if column.kind in RIGHT:
            cells = [r.cell(column.key) for r in table.rows]
            if cell.number is None and cell.text in said:
                cell = replace(cell, text="")
            said.add(cell.text)
            text = _value(column, cell, column_decimals(column.kind, cells), g)
            out.append(f" · {column.title} ", style="dim")
            out.append(text)
        elif cell.text and not any(why and why in cell.text for why in said):
            if out:
                out.append(" · ", style="dim")
            out.append(cell.text, style="bold" if column.kind == "label" else "")
    out.append_text(claim_text(row, g))
    return out


def claim_text(row: TableRow, g: Glyphs) -> Text:
    """`` · § quoted +189.32% vs computed +910.45% from ...: disagrees (note)``: the rate a
    source quotes for the row's change, checked against its figures; several in short (the
    citation lists each in full)."""
    out = Text()
    checks = row.claims
    if len(checks) == 1:
        check = checks[0]
        out.append(" · ", style="dim")
        out.append(f"{g.claim} {check.versus(kind=False)}", style="bold" if check.flagged else "")
        if check.claim.note:
            out.append(f" ({check.claim.note})", style="italic")
    elif checks:
        by_wording: dict[str, list[str]] = {}
        for check in checks:
            by_wording.setdefault(check.wording, []).append(check.pair)
        out.append(f" · {g.claim} quoted", style="dim")
        for n, (wording, pairs) in enumerate(by_wording.items()):
            flagged = wording == "disagrees"
            text = f" {', '.join(pairs)} computed: {wording}"
            out.append(text + (";" if n < len(by_wording) - 1 else ""), "bold" if flagged else "")
    return out
