"""The keys of the place where `?` was pressed (from the bindings there and the one action
registry, displayed as Textual displays them), and what every glyph means."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.ui.actions import by_binding, key_display
from tui.ui.glyphs import Glyphs
from tui.ui.screens.dialog import CLOSE, Dialog
from tui.ui.widgets.key_footer import KeyFooter


class HelpScreen(Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "close", "Close", show=False),
        Binding("j,down", "scroll(1)", "Down", show=False),
        Binding("k,up", "scroll(-1)", "Up", show=False),
        Binding("g,home", "edge(0)", "Top", show=False),
        Binding("G,end", "edge(1)", "Bottom", show=False),
    ]

    def __init__(self, rows: list[tuple[str, str]], glyphs: Glyphs) -> None:
        super().__init__()
        self.rows = rows
        self.glyphs = glyphs

    def compose(self) -> ComposeResult:
        keys = Table(box=None, show_header=True, header_style="bold", expand=True)
        keys.add_column("Key", no_wrap=True)
        keys.add_column("Does")
        for key, text in self.rows:
            keys.add_row(key, text)
        glyphs = Table(box=None, show_header=True, header_style="bold", expand=True)
        glyphs.add_column("Mark", no_wrap=True)
        glyphs.add_column("Means")
        for glyph, meaning in self.glyphs.meanings().items():
            glyphs.add_row(glyph, meaning)
        glyphs.add_row("(10M)", "a part-year: the first ten months of the fiscal year")
        with VerticalScroll(classes="dialog wide", id="help-box"):
            app = self.app
            close = " or ".join(
                app.get_key_display(Binding(k, "close")) for k in CLOSE.key.split(",")
            )
            palette = key_display(app, "palette")
            yield Static(
                f"Keys here ({close} closes). Every command is also in {palette}.",
                classes="dialog-title",
            )
            yield Static(keys)
            yield Static("Marks", classes="dialog-title")
            yield Static(glyphs)
        yield KeyFooter()

    def action_scroll(self, step: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=step)

    def action_edge(self, end: int) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        if end:
            box.scroll_end()
        else:
            box.scroll_home()


def help_rows(app: App[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for every key active where help was asked, from the registry."""
    rows: dict[str, tuple[str, list[str]]] = {}
    for active in app.active_bindings.values():
        binding = active.binding
        if not active.enabled or binding.system:
            continue
        entry = by_binding(binding.id, binding.action)
        what = f"{entry.title}: {entry.help}" if entry else binding.description or binding.action
        _, keys = rows.setdefault(binding.action, (what, []))
        keys.append(app.get_key_display(binding))
    return [(" ".join(dict.fromkeys(keys)), what) for what, keys in rows.values()]
