"""The citation of the highlighted figure: `y` copies it with OSC 52 (works over SSH)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.data.cite import citation_lines, citation_text
from tui.data.facts import Facts
from tui.data.table import Citable
from tui.ui.actions import app_binding
from tui.ui.glyphs import Glyphs
from tui.ui.screens.dialog import show_keys


def _styled(lines: list[str]) -> Text:
    t = Text()
    for i, line in enumerate(lines):
        if i == 0:
            t.append(line + "\n", style="bold")
        elif line.startswith(("URL:", "    http")):
            t.append(line + "\n", style="underline")
        elif line.startswith(("Excerpt:",)):
            t.append(line + "\n", style="italic")
        else:
            t.append(line + "\n")
    return t


class CitationScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,s", "dismiss", "Close"),
        Binding("y", "copy", "Copy citation"),
        Binding("o", "open", "Open URL"),
        app_binding("help"),
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
    ]

    def __init__(self, facts: Facts, target: Citable, glyphs: Glyphs) -> None:
        super().__init__()
        self.facts = facts
        self.target = target
        self.glyphs = glyphs

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="cite-box", classes="dialog"):
            yield Static(_styled(citation_lines(self.facts, self.target)), id="cite-text")
            yield Static("", classes="dialog-keys")

    def on_mount(self) -> None:
        show_keys(self, self.query_one(".dialog-keys", Static))

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(citation_text(self.facts, self.target))
        self.app.notify("Citation copied (OSC 52: your terminal must allow clipboard access).")

    def action_open(self) -> None:
        for line in citation_lines(self.facts, self.target):
            if line.startswith("URL: "):
                self.app.open_url(line[5:])
                return

    def action_scroll_down(self) -> None:
        self.query_one("#cite-box", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#cite-box", VerticalScroll).scroll_up()

    def citation(self) -> Citable:
        return self.target
