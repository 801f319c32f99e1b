"""Two fiscal years side by side, sorted by contribution to the change in the total."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import fmt
from tui.data.facts import Facts
from tui.data.views import compare
from tui.fiscal import fy_label
from tui.glyphs import Glyphs
from tui.widgets.figure_table import FigureTable, Row


class CompareScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,c", "dismiss", "Close"),
        Binding("left_square_bracket", "base(-1)", "Base year -"),
        Binding("right_square_bracket", "base(1)", "Base year +"),
    ]

    def __init__(self, facts: Facts, fy: int, glyphs: Glyphs) -> None:
        super().__init__()
        self.facts = facts
        self.fy_b = fy
        years = facts.explorer_years
        self.fy_a = max((y for y in years if y < fy), default=fy)
        self.glyphs = glyphs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="cmp-box"):
            yield Static("", id="cmp-title", classes="dialog-title")
            yield FigureTable(
                [
                    ("name", "Category"),
                    ("a", "A"),
                    ("b", "B"),
                    ("abs", "Change"),
                    ("pct", "%"),
                    ("pts", "Shr pts"),
                    ("contrib", "Contrib"),
                ],
                id="cmp-table",
            )
            yield Static(
                "[ ] move base year A · s source · Esc close · sorted by contribution "
                "to the change in the total · Shr pts: change in share of the total",
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self._fill()
        self.query_one(FigureTable).focus()

    def _fill(self) -> None:
        g = self.glyphs
        rows = compare(self.facts, self.fy_a, self.fy_b)
        self.query_one("#cmp-title", Static).update(
            Text.assemble(
                ("Compare ", "bold"),
                f"A = {fy_label(self.fy_a)}  vs  B = {fy_label(self.fy_b)}"
                " (full years only; a dash means a year is not published)",
            )
        )
        out = []
        for r in rows:
            pts = "" if r.share_change_pts is None else f"{r.share_change_pts:+.2f}"
            contrib = "" if r.contribution is None else f"{r.contribution:.1f}%"
            absolute = (
                ""
                if r.change.absolute is None
                else f"{r.change.absolute:+,.3f}".rstrip("0").rstrip(".")
            )
            out.append(
                Row(
                    r.series.id,
                    [
                        "  " * min(r.depth, 1) + r.series.label,
                        Text(fmt.value(r.a, g.ascii), justify="right"),
                        Text(fmt.value(r.b, g.ascii), justify="right"),
                        Text(absolute or g.missing, justify="right"),
                        Text(fmt.change_text(r.change, g.ascii), justify="right"),
                        Text(pts, justify="right"),
                        Text(contrib, justify="right"),
                    ],
                    [r.a, r.b],
                )
            )
        self.query_one(FigureTable).sync(out)

    def action_base(self, step: int) -> None:
        years = [y for y in self.facts.explorer_years if y < self.fy_b]
        if not years:
            return
        idx = years.index(self.fy_a) if self.fy_a in years else len(years) - 1
        idx = max(0, min(len(years) - 1, idx + step))
        self.fy_a = years[idx]
        self._fill()

    def citation(self) -> Any:
        return self.query_one(FigureTable).current_payload
