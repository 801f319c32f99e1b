"""Export the whole table as CSV, JSON, Markdown or an Excel workbook, with sources, through
the data layer's exporter (the same output as `pkit export`).

Locally the file is written atomically; on a shared server (serve-ssh) nothing is written
to the server's disk: the text is copied with OSC 52 instead.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.data.export import FORMATS, render_table, table_output
from tui.data.facts import Facts
from tui.data.table import Table
from tui.ui.actions import app_binding
from tui.ui.screens.dialog import save_typed_path, show_keys
from tui.ui.widgets.picker import PickerList


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Cancel"), app_binding("help")]

    def __init__(self, table: Table, facts: Facts, serve_mode: bool = False) -> None:
        super().__init__()
        self.table = table
        self.facts = facts
        self.title_ = table.title or table.name
        self.rows = table.rows
        self.serve_mode = serve_mode
        self.fmt = "csv"

    def compose(self) -> ComposeResult:
        names = {"csv": "CSV", "json": "JSON", "md": "Markdown", "xlsx": "Excel workbook"}
        options = [Option(f"Copy as {names.get(f, f)} (OSC 52)", id=f"copy-{f}") for f in FORMATS]
        if not self.serve_mode:
            saves = [
                Option(f"Save as {names.get(f, f)}…", id=f"save-{f}") for f in (*FORMATS, "xlsx")
            ]
            options = [*saves, *options]
        with Vertical(classes="dialog", id="export-box"):
            yield Static(
                f"Export {self.title_}: {len(self.rows)} rows, each with its source",
                classes="dialog-title",
            )
            yield PickerList(*options, id="export-options")
            yield Input(id="export-path", placeholder="file name")
            yield Static("", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).display = False
        self.query_one(OptionList).focus()
        show_keys(self, self.query_one(".dialog-keys", Static), also=("select",))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not self.is_active:  # Esc already closed the dialog (keys arrived together)
            return
        action, fmt = (event.option.id or "copy-csv").split("-")
        self.fmt = fmt
        if action == "copy":
            self.app.copy_to_clipboard(render_table(self.table, fmt))
            self.app.notify(f"Copied {len(self.rows)} rows as {fmt.upper()} (OSC 52).")
            self.dismiss(None)
            return
        box = self.query_one("#export-path", Input)
        box.value = f"pkit-{self.title_}.{fmt}"
        box.display = True
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not self.is_active:
            return
        if self.serve_mode:
            self.dismiss(None)
            return
        path = save_typed_path(
            self.app, event.value, lambda _: table_output(self.facts, self.table, self.fmt)
        )
        if path is None:
            return
        self.app.notify(f"Wrote {len(self.rows)} rows to {path}", markup=False)
        self.dismiss(None)
