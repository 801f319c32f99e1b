"""A dataset that failed validation: every problem as file:line, and a way out."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tui.data.problems import Problem
from tui.ui.plain import plain


class ErrorScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "app.quit", "Quit"), Binding("y", "copy", "Copy problems")]

    def __init__(self, problems: list[Problem], root: Path) -> None:
        super().__init__()
        self.problems = problems
        self.root = root

    def _lines(self) -> list[str]:
        return [
            f"{self.root / p.file}:{p.line}: {p.message}"
            if p.line
            else f"{self.root / p.file}: {p.message}"
            for p in self.problems
        ]

    def compose(self) -> ComposeResult:
        n = len(self.problems)
        yield Static(
            plain(f"pkit cannot open the dataset in {self.root}: {n} problem{'s' * (n != 1)}"),
            id="error-title",
        )
        with VerticalScroll(id="error-list"):
            yield Static("\n".join(self._lines()), markup=False)
        yield Static(
            "Fix the files (or run `pkit validate DIR`), then start pkit again. "
            "q quit · y copy the list",
            id="error-help",
        )

    def action_copy(self) -> None:
        self.app.copy_to_clipboard("\n".join(self._lines()))
        self.app.notify("Problems copied (OSC 52).")
