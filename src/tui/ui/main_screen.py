"""The main screen: the five panes, the fiscal year they follow, and the keys that act on them
(pane switching, year, compare, brief). Dialogs are pushed over it; the app underneath only
hands the data over and keeps the app-wide keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.lazy import Lazy
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TabbedContent, TabPane

from tui.data.fiscal import fy_header, fy_label
from tui.ui.actions import PANE_TITLES, PANES, bindings, key_display
from tui.ui.glyphs import Glyphs
from tui.ui.panes.base import Pane
from tui.ui.plain import plain
from tui.ui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from tui.data.facts import Facts

MIN_WIDTH = 60
MIN_HEIGHT = 20
# The hidden panes are filled this long after the data arrive, so that a first visit only
# shows them. Once, not after every year change: any layout pass makes Textual redraw the
# visible tables' scrollbars (about 700 bytes), which a slow link should not pay per step.
WARM_DELAY = 0.3


class Header(Horizontal):
    """One line: the app name and the fiscal year on the left, key hints on the right."""

    def compose(self) -> ComposeResult:
        yield Static("pkit  loading data…", id="header-left")
        keys = [key_display(self.app, a) for a in ("fy-prev", "fy-next", "help", "palette")]
        yield Static(
            f"{keys[0]} {keys[1]} year · {keys[2]} keys · {keys[3]} commands", id="header-right"
        )

    def update(self, text: str) -> None:
        self.query_one("#header-left", Static).update(plain(text))  # may name a --data path


class PaneTabs(TabbedContent):
    """The pane tabs. Only keys, clicks and the palette switch panes.

    TabbedContent also activates the tab of any widget that gets focus. A pane focuses its
    table when shown, and that focus lands a moment later: after a quick second key it
    would switch back to the previous pane.
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.stop()
        event.prevent_default()  # Textual would also run TabbedContent's own handler


class TooSmall(Static):
    """Shown instead of the layout when the terminal is below 60x20."""


class MainScreen(Screen[None]):
    """Owns the panes and the fiscal year every pane shows."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("main")

    fy: reactive[int | None] = reactive(None, init=False)

    class Changed(Message):
        """The pane or the year changed (the app keeps them for next time)."""

    def __init__(
        self,
        glyphs: Glyphs,
        *,
        serve_mode: bool = False,
        on_composed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        # called, not messaged: a message would reach the app after the first frame
        self._on_composed = on_composed
        self.glyphs = glyphs
        self.serve_mode = serve_mode
        self.facts: Facts | None = None
        self._filled: dict[str, int] = {}  # the year each pane shows
        self._warm_timer: Timer | None = None

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from tui.ui.panes.exports import ExportsPane
        from tui.ui.panes.imports import ImportsPane
        from tui.ui.panes.overview import OverviewPane
        from tui.ui.panes.quotes import QuotesPane
        from tui.ui.panes.sources import SourcesPane

        g = self.glyphs
        yield Header(id="header")
        panes: dict[str, Pane] = {
            "overview": OverviewPane(g, id="overview-pane"),
            "exports": ExportsPane(g, id="exports-pane"),
            "imports": ImportsPane(g, id="imports-pane"),
            "quotes": QuotesPane(g, id="quotes-pane"),
            "sources": SourcesPane(g, id="sources-pane"),
        }
        with PaneTabs(id="tabs", initial="overview"):
            for name in PANES:
                with TabPane(PANE_TITLES[name], id=name):
                    # hidden panes are mounted just after the first frame, not before it
                    yield panes[name] if name == "overview" else Lazy(panes[name])
        yield TooSmall(
            f"Terminal too small.\npkit needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\n"
            "Enlarge the window, or press q to quit.",
            id="too-small",
        )
        yield KeyFooter()

    def on_mount(self) -> None:
        self._check_size(self.app.size)
        if self._on_composed is not None:
            self._on_composed()

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def on_screen_resume(self) -> None:
        self._check_size(self.app.size)  # the terminal may have been resized under a dialog

    def _check_size(self, size: Size) -> None:
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        self.set_class(small, "-too-small")

    # -- the data and the fiscal year --------------------------------------------------------

    def show_data(self, facts: Facts, start_fy: int, start_pane: str | None) -> None:
        """The data arrived: show ``start_pane`` (if it is a pane) for ``start_fy``."""
        self.facts = facts
        self._filled = {}
        if start_pane in PANES:
            self.show_pane(start_pane or "overview")
        if self.fy == start_fy:  # the reactive will not fire for the same value
            self._refresh_views()
        self.fy = start_fy
        self._warm_later()

    def watch_fy(self, fy: int | None) -> None:
        self._refresh_views()
        self.post_message(self.Changed())

    def _warm_later(self) -> None:
        """Fill the hidden panes once the user pauses (a pane switch restarts the wait)."""
        if self._warm_timer is not None:
            self._warm_timer.stop()
        self._warm_timer = self.set_timer(WARM_DELAY, self._warm)

    def _warm(self) -> None:
        """Fill every hidden pane for the year in view, in one layout pass."""
        self._warm_timer = None
        if not self.is_attached:
            return
        names = [name for name in PANES if name != self.active_pane]
        if any(self.pane(name) is None for name in names):
            self._warm_later()  # a lazy pane not mounted yet
            return
        for name in names:
            self._update_pane(name)

    def _refresh_views(self) -> None:
        if self.facts is None or self.fy is None:
            return
        self.set_header(fy_header(self.fy))
        self._update_pane(self.active_pane)

    def _update_pane(self, name: str) -> None:
        if self.facts is None or self.fy is None or self._filled.get(name) == self.fy:
            return
        pane = self.pane(name)
        if pane is None:  # a lazy pane not mounted yet: try again after the next frame
            self.call_after_refresh(self._update_pane, name)
            return
        self._filled[name] = self.fy
        pane.update_view(self.facts, self.fy)
        if name == self.active_pane and not pane.has_focus_within:
            pane.focus_main()  # keep a table the user chose (Imports' second table, say)

    def set_header(self, text: str) -> None:
        self.query_one("#header", Header).update(f"pkit  {text}")

    def action_step_fy(self, step: int) -> None:
        if self.facts is None or self.fy is None:
            return
        years = self.facts.explorer_years
        idx = years.index(self.fy) if self.fy in years else len(years) - 1
        new = idx + step
        if 0 <= new < len(years):
            self.fy = years[new]
        else:
            self.app.bell()
            edge = "first" if new < 0 else "last"
            self.notify(f"{fy_label(self.fy)} is the {edge} fiscal year with data.", timeout=2)

    def set_fy(self, fy: int) -> None:
        if self.facts is not None and fy in self.facts.explorer_years:
            self.fy = fy

    def action_pick_fy(self) -> None:
        if self.facts is None or self.fy is None:
            return
        from tui.ui.screens.fy_picker import FyPicker

        def chosen(fy: int | None) -> None:
            if fy is not None:
                self.set_fy(fy)

        self.app.push_screen(FyPicker(self.facts.explorer_years, self.fy), chosen)

    def action_compare(self) -> None:
        if self.facts is None or self.fy is None:
            return
        from tui.ui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.facts, self.fy, self.glyphs))

    def action_show_brief(self) -> None:
        if self.facts is None or self.fy is None:
            return
        from tui.ui.screens.brief import BriefScreen

        self.app.push_screen(BriefScreen(self.facts, self.fy, self.active_pane, self.serve_mode))

    # -- panes -------------------------------------------------------------------------------

    @property
    def active_pane(self) -> str:
        active = self.query_one("#tabs", TabbedContent).active
        return active if active in PANES else "overview"

    def pane(self, name: str) -> Pane | None:
        """The pane widget, or None while a lazy pane is not mounted yet."""
        return self.query_one_optional(f"#{name}-pane", Pane)

    def show_pane(self, name: str) -> None:
        self.query_one("#tabs", TabbedContent).active = name

    def action_show_pane(self, name: str) -> None:
        self.show_pane(name)

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_prev_pane(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        idx = PANES.index(self.active_pane)
        self.show_pane(PANES[(idx + step) % len(PANES)])

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        name = event.pane.id or "overview"
        if name != self.query_one("#tabs", TabbedContent).active:
            # a stale event: focusing a widget also activates its tab, so acting on an old
            # activation would focus the old pane and switch back (tabs ping-pong)
            return
        self._update_pane(name)
        pane = self.pane(name)
        if pane is not None:
            pane.focus_main()
        self.refresh_bindings()
        self.post_message(self.Changed())
        if self._warm_timer is not None:
            self._warm_later()  # not while the user is switching panes
