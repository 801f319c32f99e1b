"""The figure table's search prompt: `/` in any table asks here, then the table jumps to the
match. A modal screen, kept with the table it serves (screens build on widgets, not back)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class SearchPrompt(ModalScreen[str | None]):
    """Enter searches (n/N then move between matches); Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, current: str = "") -> None:
        super().__init__(classes="search-screen")
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="search-box"):
            yield Static("Search this table (Enter: find; then n next, N previous)")
            yield Input(value=self.current, placeholder="text to find", id="search-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.is_active:
            self.dismiss(event.value)
