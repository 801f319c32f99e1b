"""``pkit summary``: headline figures and the category table as Rich tables.

Rich prints plain text when piped and honours NO_COLOR by itself.
"""

from __future__ import annotations

import io
import json
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tui import fmt
from tui.data.analytics import software_vs_hardware, yoy
from tui.data.facts import Facts, Figure
from tui.data.numbers import exact
from tui.data.views import category_tree, import_dependence
from tui.fiscal import fy_header, fy_label


def _src(facts: Facts, fig: Figure) -> str:
    # escaped: "[src-id]" would otherwise be read (and dropped) as Rich markup
    if fig.source is None:
        return escape(fig.missing_reason)
    src = facts.ds.sources.get(fig.source)
    return escape(f"{src.publisher}, {src.date} [{fig.source}]" if src else fig.source)


def print_summary(facts: Facts, fy: int, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    total_id = facts.ds.manifest.total_series
    total = facts.best_for_fy(total_id, fy)
    hv = software_vs_hardware(facts, fy)
    head = Table(title=f"pkit summary: {fy_header(fy)}", title_justify="left", show_lines=False)
    head.add_column("figure")
    head.add_column("value (US$m)", justify="right")
    head.add_column("YoY", justify="right")
    head.add_column("source")
    rows: list[tuple[str, Figure, str]] = [
        (facts.ds.series[total_id].name, total, fmt.change_text(yoy(facts, total_id, fy), True)),
        (
            "Software consultancy",
            hv.software,
            fmt.change_text(yoy(facts, hv.software.series, fy), True),
        ),
        (
            "Hardware consultancy",
            hv.hardware,
            fmt.change_text(yoy(facts, hv.hardware.series, fy), True),
        ),
    ]
    for fig in hv.imports:
        name = facts.ds.series[fig.series].name
        rows.append((f"{name} (import)", fig, fmt.change_text(yoy(facts, fig.series, fy), True)))
    for label, fig, ch in rows:
        tag = fmt.period_tag(fig)
        shown = fmt.value(fig, True) + (f" ({tag})" if tag else "")
        head.add_row(escape(label), shown, ch, _src(facts, fig))
    head.add_row(
        "Software / hardware consultancy",
        fmt.ratio_text(hv.sw_hw_ratio, "x", True),
        "",
        hv.sw_hw_ratio.refused,
    )
    head.add_row(
        "Hardware share of ICT exports",
        fmt.ratio_text(hv.hw_share_of_total, "%", True),
        "",
        hv.hw_share_of_total.refused,
    )
    console.print(head)
    dep = import_dependence(facts)
    if dep is not None and dep.value is not None:
        console.print(
            f"{dep.label}: {exact(dep.value)}{dep.unit} ({', '.join(dep.items)}) "
            f"[sources: {', '.join(dep.sources)}]",
            markup=False,
        )
    tree = Table(title=f"Categories, {fy_header(fy)}", title_justify="left")
    tree.add_column("category")
    tree.add_column("US$m", justify="right")
    tree.add_column("period")
    tree.add_column("% of parent", justify="right")
    tree.add_column("YoY", justify="right")
    tree.add_column("status")
    tree.add_column("source")
    for row in category_tree(facts, fy):
        tree.add_row(
            "  " * row.depth + escape(row.series.name),
            fmt.value(row.figure, True),
            fmt.period_tag(row.figure) or "FY",
            fmt.ratio_text(row.share_parent, "%", True) if row.share_parent else "",
            fmt.change_text(row.change, True),
            row.status,
            _src(facts, row.figure),
        )
    console.print(tree)


# ---------------------------------------------------------------------------------------------
# `pkit summary --format text|md|json`: what print_summary prints, recorded and rendered


class _Recorder(Console):
    """A console that keeps what is printed (tables and lines) instead of drawing it."""

    def __init__(self) -> None:
        super().__init__(file=io.StringIO(), highlight=False)
        self.items: list[Table | str] = []

    def print(self, *objects: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for obj in objects:
            if isinstance(obj, Table):
                self.items.append(obj)
            else:
                text = str(obj)
                self.items.append(
                    Text.from_markup(text).plain if kwargs.get("markup", True) else text
                )


def _plain(cell: object) -> str:
    if isinstance(cell, Text):
        return cell.plain
    return Text.from_markup(str(cell)).plain


def _rows(table: Table) -> tuple[list[str], list[list[str]]]:
    header = [_plain(col.header) for col in table.columns]
    cells = [[_plain(c) for c in col.cells] for col in table.columns]
    return header, [list(row) for row in zip(*cells, strict=True)]


def render_summary(
    facts: Facts,
    fy: int,
    form: str = "text",
    *,
    ascii_only: bool = False,
    terminal: bool = False,
    width: int | None = None,
) -> str:
    """The summary as text (Rich tables; ASCII boxes and characters when asked), Markdown or
    JSON (tables as lists of rows keyed by column, lines as notes).

    Rendered to a string, so that the caller writes it (a closed pipe then ends quietly).
    ``terminal``: styled for a terminal ``width`` columns wide; otherwise plain text.
    """
    rec = _Recorder()
    print_summary(facts, fy, rec)
    if form == "json":
        tables, notes = [], []
        for item in rec.items:
            if isinstance(item, Table):
                header, rows = _rows(item)
                title = _plain(item.title or "")
                tables.append(
                    {"title": title, "rows": [dict(zip(header, r, strict=True)) for r in rows]}
                )
            else:
                notes.append(item)
        doc = {"fy": fy_label(fy), "tables": tables, "notes": notes}
        return json.dumps(doc, ensure_ascii=ascii_only, indent=2) + "\n"
    if form == "md":
        out: list[str] = []
        for item in rec.items:
            if isinstance(item, Table):
                header, rows = _rows(item)
                out.append(f"## {_md(_plain(item.title or ''))}\n")
                out.append("| " + " | ".join(_md(h) for h in header) + " |")
                out.append(
                    "|"
                    + "|".join("---:" if c.justify == "right" else "---" for c in item.columns)
                    + "|"
                )
                out.extend("| " + " | ".join(_md(c.strip()) for c in r) + " |" for r in rows)
                out.append("")
            else:
                out.append(_md(item) + "\n")
        text = "\n".join(out)
    elif form == "text":
        buf = io.StringIO()
        console = Console(
            file=buf, highlight=False, force_terminal=terminal, width=width, safe_box=True
        )
        for item in rec.items:
            if isinstance(item, Table) and ascii_only:
                item.box = box.ASCII
            if isinstance(item, str):
                console.print(item, markup=False)
            else:
                console.print(item)
        text = buf.getvalue()
    else:
        raise ValueError(f"unknown format {form!r} (valid: text, md, json)")
    if ascii_only:
        from tui.ascii_filter import to_ascii

        text = to_ascii(text)
    return text


def _md(text: str) -> str:
    from tui.data.export import md_escape  # one Markdown rule for exports and summary

    return md_escape(text)
