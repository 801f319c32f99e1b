"""Textual's footer, compact, that keeps the important keys when the terminal is narrow.

The hints are Textual's own (the active bindings, shown with ``App.get_key_display``); when
they do not fit on one line, the least important go first (the registry's footer order),
so ``? Help`` and ``q Quit`` (or a dialog's close key) are always on screen. Every key stays
listed under ``?``.

Textual's footer rebuilds its keys every time the screen's bindings are refreshed, which
happens several times while a pane is shown (focus moves, tables fill); rebuilding means
mounting a widget per key. This one rebuilds only when what it shows would change, and at
most once per frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

from tui.ui.actions import footer_rank


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False, compact=True)
        self._fitted = 0  # the width the hints were fitted to
        self._shown: tuple[object, ...] | None = None  # the bindings the keys show
        self._pending = False  # a rebuild is scheduled for after the next refresh

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self._pending or shown_bindings(screen) == self._shown:
            return
        super().bindings_changed(screen)
        # Textual schedules the rebuild only for this footer's screen, in focus
        self._pending = screen.app.app_focus and self.is_attached and screen is self.screen

    def compose(self) -> ComposeResult:
        if self._pending:
            self._pending = False
            self._shown = shown_bindings(self.screen)
        keys = list(super().compose())
        active = self.screen.active_bindings
        ranks = []
        for key in keys:
            bound = active.get(str(getattr(key, "key", "")))
            ranks.append(footer_rank(bound.binding.id if bound else None))
        self._fitted = self.size.width or self.app.size.width
        kept = fit([hint_width(key) for key in keys], ranks, self._fitted)
        yield from (key for i, key in enumerate(keys) if i in kept)

    def on_resize(self, event: events.Resize) -> None:
        if self._fitted and event.size.width != self._fitted:
            self.call_after_refresh(self.recompose)


def shown_bindings(screen: Screen[object]) -> tuple[object, ...]:
    """What a footer shows of ``screen``'s active bindings: equal tuples, equal footers."""
    return tuple(
        (key, binding.action, binding.description, enabled, tooltip)
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show
    )


def hint_width(key: Widget) -> int:
    """Cells a compact footer key takes: ``key description`` and a gap after it."""
    shown = str(getattr(key, "key_display", ""))
    description = str(getattr(key, "description", ""))
    return cell_len(shown) + (1 + cell_len(description) if description else 0) + 1


def fit(widths: Sequence[int], ranks: Sequence[int], width: int) -> set[int]:
    """The indexes of the hints to show in ``width`` cells: the least important (highest
    rank, the later of equals) are left out first."""
    kept = set(range(len(widths)))
    by_importance = sorted(kept, key=lambda i: (ranks[i], i))
    while kept and sum(widths[i] for i in kept) > width:
        kept.discard(by_importance.pop())
    return kept
