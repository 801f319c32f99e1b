"""Pick the fiscal year for every pane."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.data.fiscal import fy_header
from tui.ui.actions import app_binding
from tui.ui.screens.dialog import show_keys
from tui.ui.widgets.picker import PickerList


class FyPicker(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape,q", "dismiss_none", "Cancel"),
        app_binding("help"),
    ]

    def __init__(self, years: list[int], current: int) -> None:
        super().__init__()
        self.years = years
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="fy-box"):
            yield Static("Fiscal year", classes="dialog-title")
            yield PickerList(
                *[Option(fy_header(y), id=str(y)) for y in reversed(self.years)], id="fy-list"
            )

    def on_mount(self) -> None:
        ol = self.query_one(OptionList)
        ol.highlighted = (
            list(reversed(self.years)).index(self.current) if self.current in self.years else 0
        )
        ol.focus()
        show_keys(self, self.query_one(".dialog-title", Static), "Fiscal year", ("select",))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # Esc already closed the dialog (keys arrived together)
            return
        self.dismiss(int(event.option.id or self.current))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
