"""Switch theme; moving through the list previews it, Esc restores the old one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.ui.actions import app_binding
from tui.ui.plain import plain
from tui.ui.screens.dialog import show_keys
from tui.ui.themes import theme_names
from tui.ui.widgets.picker import PickerList

THEME_TITLE = "Theme, previewed as you move"


class ThemePicker(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "cancel", "Restore"), app_binding("help")]

    def __init__(self, current: str) -> None:
        super().__init__()
        self.original = current
        self.names = theme_names()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="theme-box"):
            yield Static(THEME_TITLE, classes="dialog-title")
            yield PickerList(*[Option(plain(n), id=n) for n in self.names], id="theme-list")

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        if self.original in self.names:
            ol.highlighted = self.names.index(self.original)
        ol.focus()
        show_keys(self, self.query_one(".dialog-title", Static), THEME_TITLE, ("select",))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.app.theme = event.option.id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # Esc already closed the dialog (keys arrived together)
            return
        if event.option.id:
            self.app.theme = event.option.id
            save = getattr(self.app, "save_preferences", None)
            if callable(save):
                save()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.app.theme = self.original
        self.dismiss(None)
