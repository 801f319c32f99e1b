"""The baseline: a bare Textual app with a header, two tabs, a 50-row DataTable and a footer.

``python -m bench.baseline_app`` shows tab "1 Alpha" (a 50-row table); ``2`` switches to
"2 Beta" (another 50-row table), ``1`` back. ``--import-pandas`` imports pandas before the
app starts (the memory baseline). Nothing here imports pkit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, TabbedContent, TabPane

TITLE = "bench-baseline"
TABS = {"alpha": "1 Alpha", "beta": "2 Beta"}
ROWS = 50
COLUMNS = ("Figure", "US$m", "YoY", "Source / note")


def row_label(tab: str, n: int) -> str:
    """The first cell of row ``n`` in ``tab``: what the harness waits for."""
    return f"{tab}-{n:02d}"


def table_rows(tab: str) -> list[tuple[str, str, str, str]]:
    seed = 7 if tab == "alpha" else 13
    rows = []
    for n in range(ROWS):
        value = (n + 1) * seed * 10.25
        change = ((n * seed) % 41 - 20) / 2
        rows.append(
            (row_label(tab, n), f"{value:,.2f}", f"{change:+.1f}%", f"{tab} source {n % 9}")
        )
    return rows


class BaselineApp(App[None]):
    TITLE = TITLE
    CSS = """
    #tabs, ContentSwitcher, TabPane, DataTable { height: 1fr; }
    TabPane { padding: 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        ("1", "show_tab('alpha')", "Alpha"),
        ("2", "show_tab('beta')", "Beta"),
        ("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="alpha", id="tabs"):
            for tab, label in TABS.items():
                with TabPane(label, id=tab):
                    yield DataTable(id=f"{tab}-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        for tab in TABS:
            table: DataTable[str] = self.query_one(f"#{tab}-table", DataTable)
            table.add_columns(*COLUMNS)
            table.add_rows(table_rows(tab))
        self.query_one("#alpha-table", DataTable).focus()

    def action_show_tab(self, tab: str) -> None:
        self.query_one("#tabs", TabbedContent).active = tab

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.query_one(f"#{event.pane.id}-table", DataTable).focus()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.baseline_app")
    parser.add_argument(
        "--import-pandas", action="store_true", help="import pandas before starting"
    )
    args = parser.parse_args(argv)
    if args.import_pandas:
        import pandas  # noqa: F401

    BaselineApp().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
