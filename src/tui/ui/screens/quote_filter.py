"""Filter statements by speaker, organisation or topic."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.data.model import Quote
from tui.ui.actions import app_binding
from tui.ui.plain import plain
from tui.ui.screens.dialog import show_keys
from tui.ui.widgets.picker import PickerList

FILTER_TITLE = "Filter statements"


class QuoteFilter(ModalScreen[tuple[str, str] | None]):
    BINDINGS = [Binding("escape,q", "cancel", "Cancel"), app_binding("help")]

    def __init__(self, quotes: list[Quote]) -> None:
        super().__init__()
        self.choices: list[tuple[str, str, str]] = []
        people: dict[str, str] = {}
        for q in quotes:
            people.setdefault(q.person, q.speaker)
        for pid, name in sorted(people.items(), key=lambda kv: kv[1]):
            n = sum(1 for q in quotes if q.person == pid)
            self.choices.append(("speaker", pid, f"Speaker: {name} ({n})"))
        orgs = sorted({o.strip() for q in quotes for o in q.organisation.split(";") if o.strip()})
        for org in orgs:
            self.choices.append(("organisation", org, f"Organisation: {org}"))
        for topic in sorted({t for q in quotes for t in q.topics}):
            self.choices.append(("topic", topic, f"Topic: {topic}"))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="filter-box"):
            yield Static(FILTER_TITLE, classes="dialog-title")
            yield PickerList(
                *[Option(plain(label), id=str(i)) for i, (_, _, label) in enumerate(self.choices)]
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        show_keys(self, self.query_one(".dialog-title", Static), FILTER_TITLE, ("select",))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # Esc already closed the dialog (keys arrived together)
            return
        field, value, _ = self.choices[int(event.option.id or 0)]
        self.dismiss((field, value))

    def action_cancel(self) -> None:
        self.dismiss(None)
