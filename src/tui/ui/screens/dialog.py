"""What every dialog shares: q and Esc close it, ? lists its keys, a footer shows them, a
row-detail line shows the highlighted row of its table in full."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from tui.data.export import write_output
from tui.ui.actions import app_binding
from tui.ui.widgets.figure_table import FigureTable

T = TypeVar("T")


CLOSE = Binding("escape,q", "close", "Close", id="close")


class Dialog(ModalScreen[T]):
    BINDINGS: ClassVar[list[BindingType]] = [
        CLOSE,
        app_binding("help"),
    ]

    def action_close(self) -> None:
        self.dismiss(None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if isinstance(event.data_table, FigureTable):
            self.show_detail(event.data_table)

    def show_detail(self, table: FigureTable) -> None:
        """The highlighted row in full in the dialog's detail line, if it has one (a column
        may cut a label; figures there are exactly as published)."""
        for box in self.query(".row-detail").results(Static):
            box.update(table.detail())


def keys_line(screen: Screen[Any], also: tuple[str, ...] = ()) -> str:
    """The keys a dialog offers (its enabled, shown bindings, and those of the actions
    ``also``) as Textual displays them, for a dialog without a footer:
    ``esc Close · y Copy citation · ? Help``."""
    seen: dict[str, str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        shown = binding.show or binding.action in also
        if active.enabled and shown and binding.action not in seen:
            key = screen.app.get_key_display(binding)
            seen[binding.action] = f"{key} {binding.description}"
    return " · ".join(seen.values())


def show_keys(
    screen: Screen[Any], where: Static, title: str = "", also: tuple[str, ...] = ()
) -> None:
    """Write the screen's :func:`keys_line` into ``where`` (after ``title``), once its
    bindings are in place (after the next refresh)."""

    def fill() -> None:
        line = keys_line(screen, also)
        where.update(f"{title} ({line})" if title else line)

    screen.call_after_refresh(fill)


def save_typed_path(
    app: App[Any], typed: str, content: Callable[[Path], str | bytes]
) -> Path | None:
    """Write ``content(path)`` to the file name the user typed, through the exporter's writer
    (atomic for a regular file); say what went wrong and return None when it cannot.
    Notices are plain text: a typed name is never markup."""
    name = typed.strip()
    if not name:
        app.notify("Give a file name.", severity="warning")
        return None
    path = Path(name).expanduser()
    if path.is_dir() or not path.parent.exists():
        app.notify(
            f"Cannot write {path}: folder missing or a folder given.",
            severity="error",
            markup=False,
        )
        return None
    try:
        write_output(path, content(path))
    except OSError as exc:
        app.notify(f"Cannot write {path}: {exc.strerror or exc}", severity="error", markup=False)
        return None
    return path
