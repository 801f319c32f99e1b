"""Pane 4: what industry and government voices say. Direct quotes and reported speech are
told apart: reported speech is never shown inside quotation marks."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Static

from tui.data.analytics import QuoteCheck, check_quote
from tui.data.facts import Facts
from tui.data.model import Quote
from tui.data.table import Citable, Table
from tui.data.tables import quotes_table
from tui.data.views import other_names
from tui.ui.actions import bindings, key_display
from tui.ui.glyphs import Glyphs
from tui.ui.panes.base import Pane
from tui.ui.widgets.figure_table import FigureTable


class QuotesPane(Pane):
    BINDINGS: ClassVar[list[BindingType]] = bindings("quotes")

    def __init__(self, glyphs: Glyphs, **kwargs: Any) -> None:
        super().__init__(glyphs, **kwargs)
        self.filter_field = ""  # speaker | organisation | topic
        self.filter_value = ""
        self._checks: dict[str, QuoteCheck] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="qu-head", classes="pane-head")
        yield FigureTable(self.glyphs, id="qu-table")
        yield Static("", id="qu-detail")

    def focus_main(self) -> None:
        self.query_one("#qu-table", FigureTable).focus()

    def show(self, facts: Facts, fy: int, first: bool) -> None:
        if first or not self._checks:
            self._checks = {q.id: check_quote(facts, q) for q in facts.ds.quotes}
        self._sync()

    def matching(self) -> list[Quote]:
        if self.facts is None:
            return []
        out = []
        for q in self.facts.ds.quotes:
            if self.filter_field == "speaker" and q.person != self.filter_value:
                continue
            if self.filter_field == "organisation" and self.filter_value not in q.organisation:
                continue
            if self.filter_field == "topic" and self.filter_value not in q.topics:
                continue
            out.append(q)
        return out

    def _sync(self) -> None:
        quotes = self.matching()
        if self.facts is None:
            return
        self.query_one("#qu-table", FigureTable).show(quotes_table(self.facts, quotes))
        total = len(self.facts.ds.quotes)
        bits = [f"{len(quotes)} of {total} statements"]
        if self.filter_field:
            clear = key_display(self.app, "clear")
            bits.append(f"{self.filter_field}: {self._filter_label()} ({clear} clears)")
        bits.append(f"{key_display(self.app, 'open')} opens the figure a statement is about")
        self.query_one("#qu-head", Static).update(Text(" · ".join(bits)))
        self._show_detail()

    def _filter_label(self) -> str:
        if self.filter_field == "speaker" and self.facts is not None:
            return next(
                (q.speaker for q in self.facts.ds.quotes if q.person == self.filter_value), ""
            )
        return self.filter_value

    def _show_detail(self) -> None:
        table = self.query_one("#qu-table", FigureTable)
        q = table.current_payload
        detail = self.query_one("#qu-detail", Static)
        if not isinstance(q, Quote):
            detail.update(Text("No statement matches." if self.facts else "", style="dim"))
            return
        also = other_names(self.facts, q) if self.facts is not None else ()
        detail.update(render_quote(q, self._checks.get(q.id), self.glyphs.ascii, also))

    @on(DataTable.RowHighlighted, "#qu-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return bool(self.filter_field)
        return True

    def action_clear(self) -> None:
        self.filter_field = self.filter_value = ""
        self._sync()
        self.refresh_bindings()
        self.focus_main()

    def action_filter(self) -> None:
        if self.facts is None:
            return
        from tui.ui.screens.quote_filter import QuoteFilter

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self.filter_field, self.filter_value = choice
                self._sync()
                self.refresh_bindings()
                self.focus_main()

        self.app.push_screen(QuoteFilter(self.facts.ds.quotes), chosen)

    def citation(self) -> Citable | None:
        return self.query_one("#qu-table", FigureTable).current_payload

    def export_table(self) -> Table | None:
        if self.facts is None:
            return None
        return quotes_table(self.facts, self.matching())


def render_quote(
    q: Quote, check: QuoteCheck | None, ascii_only: bool, also_named: tuple[str, ...] = ()
) -> Text:
    """Direct speech inside quotation marks; reported speech plainly labelled, never quoted.

    ``also_named``: the other names sources print for the same person (the name this source
    prints comes first, always)."""
    t = Text()
    t.append(q.speaker, style="bold")
    if q.role:
        t.append(f", {q.role}")
    t.append(f"  ({q.outlet}, {q.date})\n", style="dim")
    if not q.text:
        t.append("[statement reported; its wording is not in the sources held]\n", style="italic")
    elif q.is_direct:
        open_q, close_q = ('"', '"') if ascii_only else ("“", "”")
        t.append(f"{open_q}{q.text}{close_q}\n")
    else:
        t.append("Reported speech (not a quote): ", style="bold italic")
        t.append(f"{q.text}\n", style="italic")
    if also_named:
        t.append(f"Also printed as: {'; '.join(also_named)}\n", style="dim")
    if q.person_note:
        t.append(f"Name: {q.person_note}\n", style="dim")
    if q.note:
        t.append(f"Note: {q.note}\n", style="dim")
    if check is not None and check.verdict in ("agrees", "disagrees", "unchecked"):
        label = {
            "agrees": "matches the data",
            "disagrees": "differs from the data",
            "unchecked": "not checkable",
        }[check.verdict]
        t.append(
            f"Figure check: {label}. {check.detail}",
            style="bold" if check.verdict == "disagrees" else "",
        )
    return t
