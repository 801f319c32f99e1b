"""What every pane has: a loading state, a view for one fiscal year, a citation, an export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.containers import Vertical

from tui.data.facts import Facts, Figure
from tui.fmt import period_tag, value
from tui.glyphs import Glyphs

if TYPE_CHECKING:
    from tui.app import PkitApp


class Pane(Vertical):
    """Base of the five panes. Subclasses implement :meth:`show` and :meth:`export_rows`."""

    can_focus = False
    facts: Facts | None = None
    fy: int | None = None

    @property
    def pkit(self) -> PkitApp:
        from tui.app import PkitApp

        app = self.app
        assert isinstance(app, PkitApp)
        return app

    @property
    def glyphs(self) -> Glyphs:
        return self.pkit.glyphs

    def update_view(self, facts: Facts, fy: int) -> None:
        first = self.facts is None
        self.facts = facts
        self.fy = fy
        self.loading = False
        self.show(facts, fy, first)

    def show(self, facts: Facts, fy: int, first: bool) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def citation(self) -> Any:
        """The highlighted thing whose source `s` opens (Figure, Statement, Quote or Source)."""
        return None

    def export_rows(self) -> tuple[str, list[dict[str, Any]]]:
        """(title, rows) of the current view for export; each row keeps its source."""
        return ("", [])

    def focus_main(self) -> None:
        """Focus the pane's main table, if any."""

    # -- shared cell formatting --------------------------------------------------------------

    def cell_value(self, fig: Figure, width: int = 0) -> Text:
        g = self.glyphs
        text = value(fig, g.ascii)
        tag = period_tag(fig) if fig.period.kind in ("FYTD", "CYTD") else ""
        if tag:
            text = f"{text} ({tag})"
        style = ""
        if fig.value is None:
            style = "dim"
        t = Text(text, style=style, justify="right")
        if fig.status == "conflict":
            t.append("*" if g.ascii else "⚑", style="bold")
        return t
