"""An export table as an Excel workbook (pandas with openpyxl).

A writer layer over the export's rows: the same rows and columns as CSV, JSON and Markdown,
so a change to the export's columns shows here too. Numbers stay numbers (exactly as held,
no rounding format); every other cell is text: periods such as ``2024-07`` never turn into
dates, and text starting with ``=`` is never a formula. Links to sources are hyperlinks, and
a second sheet, ``notes``, gives the units and the full citation of every source used.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from tui.data.facts import Facts

NOTES_SHEET = "notes"
_URL_COLUMNS = ("source_url", "url")
# cells that link to their row's source: the URL itself and the source's id or title
_LINKED_COLUMNS = (*_URL_COLUMNS, "source", "source_title", "id", "title", "item")
_NOTE_COLUMNS = ["item", "note", "url"]
_TEXT_FORMAT = "@"


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _cell(value: object) -> object:
    """Numbers as numbers, nothing as an empty cell, everything else as its text."""
    if value is None or _is_number(value):
        return value
    return str(value)


def _link(text: object) -> str | None:
    return text if isinstance(text, str) and text.startswith(("https://", "http://")) else None


def _notes(facts: Facts, table: str, rows: Sequence[Mapping[str, object]]) -> list[list[str]]:
    units: dict[str, set[str]] = {}
    for r in rows:
        if r.get("unit"):
            units.setdefault(str(r["unit"]), set()).add(str(r.get("series", "")))
    used = {str(r.get("source") or r.get("id") or "") for r in rows}
    out = [
        ["about", f"pkit export of the {table} table", ""],
        ["values", "Exactly as published by each source; an empty value is missing, not zero.", ""],
        ["periods", "Text, never dates: FY2024-25 is July 2024 to June 2025; 2024-07 a month.", ""],
    ]
    for unit, series in sorted(units.items()):
        out.append(["unit", f"{unit}: {', '.join(sorted(s for s in series if s))}", ""])
    for sid in sorted(used):
        src = facts.ds.sources.get(sid)
        if src is not None:
            out.append([sid, f"{src.publisher}, {src.date}: {src.title}", src.url])
    return out


def xlsx_bytes(
    facts: Facts, table: str, rows: Sequence[Mapping[str, object]], columns: Sequence[str]
) -> bytes:
    """The rows as a workbook: sheet ``table`` (these columns) and sheet ``notes``."""
    import pandas as pd

    cols = list(columns)
    frame = pd.DataFrame(
        [[_cell(r.get(c)) for c in cols] for r in rows], columns=cols, dtype=object
    )
    note_rows = _notes(facts, table, rows)
    notes = pd.DataFrame(note_rows, columns=_NOTE_COLUMNS, dtype=object)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=table, index=False)
        notes.to_excel(writer, sheet_name=NOTES_SHEET, index=False)
        _dress(writer.sheets[table], cols, rows)
        _dress(
            writer.sheets[NOTES_SHEET],
            _NOTE_COLUMNS,
            [dict(zip(_NOTE_COLUMNS, r, strict=True)) for r in note_rows],
        )
    return buf.getvalue()


def _dress(sheet: Any, cols: list[str], rows: Sequence[Mapping[str, object]]) -> None:
    """Text cells marked as text, sources made links, header frozen, columns widened."""
    sheet.freeze_panes = "A2"
    widths = [len(c) for c in cols]
    for row, data in zip(sheet.iter_rows(min_row=2), rows, strict=True):
        url = next((u for u in (_link(data.get(c)) for c in _URL_COLUMNS) if u), None)
        for i, cell in enumerate(row):
            if isinstance(cell.value, str):
                if cell.data_type == "f":  # openpyxl reads "=..." as a formula: keep it text
                    cell.data_type = "s"
                cell.number_format = _TEXT_FORMAT
                widths[i] = max(widths[i], min(len(cell.value), 60))
                if url and cols[i] in _LINKED_COLUMNS and cell.value:
                    cell.hyperlink = url
                    cell.style = "Hyperlink"
            elif cell.value is not None:
                widths[i] = max(widths[i], len(str(cell.value)))
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width + 2
