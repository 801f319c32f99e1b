"""``pkit summary``: headline figures and the category table as boxed text tables.

The tables are drawn by :mod:`tui.cli.text_table` and the page is written by
:mod:`tui.cli.text_page`: plain text when piped, bold headers and italic titles on a terminal,
lines word-wrapped as Rich wraps them. No Rich console: importing rich.console cost more than
the rest of the summary (a test keeps it out).
"""

from __future__ import annotations

import json
from typing import Any

from tui.cli.text_table import TextTable
from tui.data import fmt
from tui.data.analytics import change_label, change_of, check_claim, software_vs_hardware
from tui.data.facts import Facts, Figure
from tui.data.fiscal import fy_header, fy_label
from tui.data.glyphs import ASCII
from tui.data.model import Statement
from tui.data.numbers import exact
from tui.data.views import category_tree, import_dependence


class _Notes:
    """The tables' source cells as numbers (``[1]``) and their missing figures' reasons as
    letters (``(a)``), listed in full under the tables: a long citation or reason in a cell
    would make every row of an 80-column table many lines tall."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        self.sources: dict[str, int] = {}  # source id -> its number, in order of first use
        self.missing: dict[str, list[str]] = {}  # reason -> the rows it explains

    def cell(self, label: str, fig: Figure) -> str:
        """``[n]`` for the figure's source; ``(a)`` for why it is missing."""
        if fig.source is None:
            reason = fig.missing_reason or "not published in the sources found"
            self.missing.setdefault(reason, []).append(label.strip())
            return f"({_letter(list(self.missing).index(reason))})"
        number = self.sources.setdefault(fig.source, len(self.sources) + 1)
        return f"[{number}]"

    def lines(self) -> list[str]:
        out: list[str] = []
        for i, (reason, labels) in enumerate(self.missing.items()):
            out.append(f"({_letter(i)}) not shown: {', '.join(labels)}: {reason}")
        for source_id, number in self.sources.items():
            src = self.facts.ds.sources.get(source_id)
            url = f" {src.url}" if src is not None and src.url else ""
            out.append(f"[{number}] {_cite(self.facts, source_id)}{url}")
        return out


def _letter(index: int) -> str:
    """0 -> ``a`` ... 25 -> ``z``, 26 -> ``aa``."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _change(facts: Facts, fig: Figure) -> str:
    """The figure's change on the same period a year earlier, labelled (``+24.2% FY vs FY``)."""
    if not fig.ok:
        return "-"
    ch = change_of(facts, fig)
    text = fmt.change_text(ch, ASCII)
    label = change_label(ch)
    return f"{text} {label}" if label else text


def _cite(facts: Facts, source_id: str) -> str:
    src = facts.ds.sources.get(source_id)
    return f"{src.publisher}, {src.date} [{source_id}]" if src else source_id


def claim_check_lines(facts: Facts, figures: list[Figure]) -> list[str]:
    """The quoted growth rates that end at one of ``figures``, each checked, with its source."""
    keys = {(f.series, f.period.label) for f in figures}
    lines = []
    for claim in facts.ds.claims:
        if (claim.series, claim.to_period) not in keys:
            continue
        check = check_claim(facts, claim)
        name = facts.ds.series[claim.series].name
        lines.append(
            f"Quoted growth, {name} {claim.from_period} to {claim.to_period}: {check.summary} "
            f"[source: {_cite(facts, claim.source)}]"
        )
    return lines


def statement_line(facts: Facts, st: Statement) -> str:
    """A key statement with its value, its basis and its sources."""
    value = f"{st.qualifier}{exact(st.value)}{st.unit}" if st.value is not None else ""
    items = f" ({', '.join(st.items)})" if st.items else ""
    basis = f"; basis: {st.basis}" if st.basis else ""
    sources = "; ".join(_cite(facts, s) for s in st.sources)
    return f"{st.label}: {value}{items}{basis} [sources: {sources}]"


def summary_items(facts: Facts, fy: int) -> list[TextTable | str]:
    """What the summary shows, in order: the headline table, the checked claims and the key
    statement (lines of plain text), the category table, then why the missing figures are
    missing (``(a)`` in the tables) and the sources (``[1]``), with their URLs."""
    items: list[TextTable | str] = []
    notes = _Notes(facts)
    total_id = facts.ds.manifest.total_series
    total = facts.best_for_fy(total_id, fy)
    hv = software_vs_hardware(facts, fy)
    head = TextTable(title=f"pkit summary: {fy_header(fy)}")
    head.add_column("figure")
    head.add_column("value (US$m)", justify="right")
    head.add_column("change", justify="right")
    head.add_column("source")
    m = facts.ds.manifest
    shown: list[tuple[str, Figure]] = [
        (facts.ds.series[total_id].name, total),
        ("Software consultancy", facts.best_for_fy(m.software_series, fy)),
        ("Hardware consultancy", facts.best_for_fy(m.hardware_export_series, fy)),
    ]
    for fig in hv.imports:
        shown.append((f"{facts.ds.series[fig.series].name} (import)", fig))
    for label, fig in shown:
        tag = fmt.period_tag(fig)
        value = fmt.value(fig, ASCII) + (f" ({tag})" if tag else "")
        head.add_row(label, value, _change(facts, fig), notes.cell(label, fig))
    head.add_row(
        "Software / hardware consultancy",
        fmt.ratio_text(hv.sw_hw_ratio, "x", ASCII),
        "",
        hv.sw_hw_ratio.refused,
    )
    head.add_row(
        "Hardware share of ICT exports",
        fmt.ratio_text(hv.hw_share_of_total, "%", ASCII),
        "",
        hv.hw_share_of_total.refused,
    )
    items.append(head)
    items.extend(claim_check_lines(facts, [fig for _, fig in shown]))
    dep = import_dependence(facts)
    if dep is not None and dep.value is not None:
        items.append(statement_line(facts, dep))
    tree = TextTable(title=f"Categories, {fy_header(fy)}")
    tree.add_column("category")
    tree.add_column("US$m", justify="right")
    tree.add_column("period")
    tree.add_column("% of parent", justify="right")
    tree.add_column("YoY", justify="right")
    tree.add_column("status")
    tree.add_column("source")
    for row in category_tree(facts, fy):
        tree.add_row(
            "  " * row.depth + row.series.name,
            fmt.value(row.figure, ASCII),
            fmt.period_tag(row.figure) or "FY",
            fmt.ratio_text(row.share_parent, "%", ASCII) if row.share_parent else "",
            fmt.change_text(row.change, ASCII),
            row.status,
            notes.cell(row.series.name, row.figure),
        )
    items.append(tree)
    items.extend(notes.lines())
    return items


# ---------------------------------------------------------------------------------------------
# `pkit summary --format text|md|json`: the items rendered


def render_summary(
    facts: Facts,
    fy: int,
    form: str = "text",
    *,
    ascii_only: bool = False,
    terminal: bool = False,
    width: int | None = None,
) -> str:
    """The summary as text (boxed tables; ASCII boxes and characters when asked), Markdown or
    JSON (tables as lists of rows keyed by column, lines as notes).

    Rendered to a string, so that the caller writes it (a closed pipe then ends quietly).
    ``terminal``: styled for a terminal ``width`` columns wide; otherwise plain text (``width``
    None: see text_page.page_width).
    """
    if form == "json":
        return json.dumps(summary_doc(facts, fy), ensure_ascii=ascii_only, indent=2) + "\n"
    items = summary_items(facts, fy)
    if form == "md":
        out: list[str] = []
        for item in items:
            if isinstance(item, TextTable):
                out.append(f"## {_md(item.title)}\n")
                out.append("| " + " | ".join(_md(c.header) for c in item.columns) + " |")
                out.append(
                    "|"
                    + "|".join("---:" if c.justify == "right" else "---" for c in item.columns)
                    + "|"
                )
                out.extend("| " + " | ".join(_md(c.strip()) for c in r) + " |" for r in item.rows)
                out.append("")
            else:
                out.append(_md(item) + "\n")
        text = "\n".join(out)
    elif form == "text":
        from tui.cli.text_page import page_width, render_page, styled_terminal

        text = render_page(
            items,
            page_width(width, terminal),
            styled=styled_terminal(terminal),
            ascii_box=ascii_only,
        )
    else:
        raise ValueError(f"unknown format {form!r} (valid: text, md, json)")
    if ascii_only:
        from tui.ui.ascii_text import to_ascii

        text = to_ascii(text)
    return text


# ---------------------------------------------------------------------------------------------
# `pkit summary --format json`: the same figures as numbers, for a program


def _number(value: float | None) -> float | int | None:
    """The value as published, as a JSON number (``3810``, ``1438.827``), or null."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(exact(value))


def _figure_doc(facts: Facts, fig: Figure) -> dict[str, Any]:
    src = facts.ds.sources.get(fig.source) if fig.source else None
    ch = change_of(facts, fig) if fig.ok else None
    p = fig.period
    return {
        "series": fig.series,
        "value": _number(fig.value),
        "qualifier": fig.qualifier,
        "unit": fig.unit,
        "period": p.label,
        "coverage": f"{p.months} months" if p.is_partial else "full period",
        "status": fig.status,
        "missing_reason": "" if fig.ok else fig.missing_reason,
        "change_pct": ch.pct if ch is not None else None,
        "change_qualifier": ch.qualifier if ch is not None else "",
        "change_compares": change_label(ch) if ch is not None else "",
        "basis": fig.basis,
        "source": fig.source or "",
        "publisher": src.publisher if src else "",
        "source_date": src.date if src else "",
        "url": src.url if src else "",
    }


def summary_doc(facts: Facts, fy: int) -> dict[str, Any]:
    """What ``summary_items`` shows, as numbers exactly as published (changes and ratios are
    computed, at full precision, and say so), with the source of every figure."""
    m = facts.ds.manifest
    hv = software_vs_hardware(facts, fy)
    shown: list[tuple[str, Figure]] = [
        (facts.ds.series[m.total_series].name, facts.best_for_fy(m.total_series, fy)),
        ("Software consultancy", facts.best_for_fy(m.software_series, fy)),
        ("Hardware consultancy", facts.best_for_fy(m.hardware_export_series, fy)),
    ]
    shown += [(f"{facts.ds.series[f.series].name} (import)", f) for f in hv.imports]
    ratios = [
        ("Software / hardware consultancy", hv.sw_hw_ratio, "times"),
        ("Hardware share of ICT exports", hv.hw_share_of_total, "%"),
    ]
    dep = import_dependence(facts)
    return {
        "fy": fy_label(fy),
        "figures": [{"figure": label} | _figure_doc(facts, fig) for label, fig in shown],
        "ratios": [
            {
                "figure": label,
                "value": r.value,
                "qualifier": r.qualifier,
                "unit": unit,
                "computed": True,
                "refused": r.refused,
            }
            for label, r, unit in ratios
        ],
        "claim_checks": claim_check_lines(facts, [fig for _, fig in shown]),
        "statements": [statement_line(facts, dep)] if dep is not None and dep.value else [],
        "categories": [
            {"category": row.series.name, "depth": row.depth}
            | _figure_doc(facts, row.figure)
            | {
                "share_of_parent_pct": row.share_parent.value if row.share_parent else None,
                "share_of_parent_qualifier": row.share_parent.qualifier if row.share_parent else "",
                "row_status": row.status,
            }
            for row in category_tree(facts, fy)
        ],
    }


def _md(text: str) -> str:
    from tui.data.export import md_escape  # one Markdown rule for exports and summary

    return md_escape(text)
