"""Every key, from the one action registry."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.actions import ACTIONS

TABLE_KEYS = (
    ("up down / k j", "Move the row cursor (at a table's edge: the next table)"),
    ("h l", "Scroll left and right"),
    ("g G", "Top and bottom"),
    ("Esc", "Back: close a dialog, clear a filter"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, pane: str) -> None:
        super().__init__()
        self.pane = pane

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("Key", no_wrap=True)
        table.add_column("Does")
        for a in ACTIONS:
            where = f" ({', '.join(a.panes)} pane)" if a.panes else ""
            table.add_row(a.display_keys, f"{a.title}{where}: {a.help}")
        for key, text in TABLE_KEYS:
            table.add_row(key, text)
        with VerticalScroll(classes="dialog wide", id="help-box"):
            yield Static(
                "pkit keys (Esc to close). Every command is also in ctrl+p.", classes="dialog-title"
            )
            yield Static(table)

    def action_scroll(self, step: int) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_relative(y=step)
