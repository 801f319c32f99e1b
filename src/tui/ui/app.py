"""The pkit Textual app: one App, five panes, one action registry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.lazy import Lazy
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, Static, TabbedContent, TabPane

from tui import gc_pause
from tui.data.facts import Facts
from tui.data.fiscal import fy_header, fy_label
from tui.data.problems import Problem
from tui.data.table import Citable
from tui.ui.actions import ACTIONS, PANE_TITLES, PANES, bindings, by_binding
from tui.ui.glyphs import Glyphs, detect_mode
from tui.ui.panes.base import Pane
from tui.ui.plain import plain
from tui.ui.widgets.figure_table import FigureTable

if TYPE_CHECKING:
    from tui.data.model import Dataset
    from tui.data.preload import Preload

# app keys that still work over a dialog
DIALOG_APP_ACTIONS = ("help", "command_palette", "quit")
MIN_WIDTH = 60
MIN_HEIGHT = 20


@dataclass
class Options:
    """Everything the CLI decided; the app reads it and never parses arguments itself."""

    data_dir: Path
    fy: int | None = None
    theme: str | None = None
    ascii: bool = False
    low_bandwidth: bool = False
    serve_mode: bool = False  # hosted over serve-ssh: read-only, no suspend, no disk writes
    restore: bool = True
    start_pane: str | None = None
    notices: list[str] = field(default_factory=list)
    preload: Preload | None = None  # a loader process already started for data_dir
    facts: Facts | None = None  # the data already validated (a snapshot, a serve template)
    facts_from: str = ""  # where those came from, for load_path
    keep_snapshot: bool = False  # after validating data_dir here, write its snapshot
    data_note: str = ""  # why the data are validated in full, shown once they are


class DataReady(Message):
    def __init__(self, facts: Facts) -> None:
        super().__init__()
        self.facts = facts


class DataFailed(Message):
    def __init__(self, problems: list[Problem], root: Path) -> None:
        super().__init__()
        self.problems = problems
        self.root = root


class Header(Horizontal):
    """One line: the app name and the fiscal year on the left, key hints on the right."""

    def compose(self) -> ComposeResult:
        yield Static("pkit  loading data…", id="header-left")
        yield Static("[ ] year · ? keys · ^p commands", id="header-right")

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


class PkitApp(App[int]):
    TITLE = "pkit"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = list(bindings())

    fy: reactive[int | None] = reactive(None, init=False)

    def __init__(self, options: Options) -> None:
        super().__init__()
        self.options = options
        self.glyphs = Glyphs(ascii=options.ascii, mode_=detect_mode(options.ascii))
        self.facts: Facts | None = None
        self._stale: set[str] = set(PANES)
        self._prefs_live = False
        self.load_path = ""  # where the data were loaded: "loader process" or "in this process"
        if options.low_bandwidth:
            self.animation_level = "none"
        if options.ascii:
            from tui.ui.ascii_filter import AsciiFilter

            self._filters.append(AsciiFilter())
        from tui.ui.themes import install_themes

        install_themes(self, options.theme)

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        from tui.ui.panes.exports import ExportsPane
        from tui.ui.panes.imports import ImportsPane
        from tui.ui.panes.overview import OverviewPane
        from tui.ui.panes.quotes import QuotesPane
        from tui.ui.panes.sources import SourcesPane

        yield Header(id="header")
        panes: dict[str, Pane] = {
            "overview": OverviewPane(id="overview-pane"),
            "exports": ExportsPane(id="exports-pane"),
            "imports": ImportsPane(id="imports-pane"),
            "quotes": QuotesPane(id="quotes-pane"),
            "sources": SourcesPane(id="sources-pane"),
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
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.call_after_refresh(gc_pause.resume)  # paused by `pkit` until the first frame
        self._check_size()
        for notice in self.options.notices:
            self.notify(notice, severity="warning", timeout=8, markup=False)
        if self.options.facts is not None:  # validated already: figures on the first frame
            self.load_path = self.options.facts_from
            # once mounting is done, still before the first frame: filled here, the tables
            # would be laid out again by the start's resize passes (measured: ~25% more CPU)
            self.call_later(self._data_ready, DataReady(self.options.facts))
            return
        # start loading once the first frame is out: the worker's pandas import would
        # otherwise compete with the first render for the GIL
        self.call_after_refresh(self.load_data)

    def on_resize(self, event: events.Resize) -> None:
        # self.size still holds the old size while the first Resize is handled
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        self.screen_stack[0].set_class(small, "-too-small")  # the main screen, under dialogs

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_data(self) -> None:
        from tui.data import DatasetError, Facts

        root = self.options.data_dir
        try:
            facts = Facts(self._dataset(root))
            _ = facts.explorer_years, facts.latest_full_fy  # warm the caches off the UI thread
        except DatasetError as exc:
            self.post_message(DataFailed(exc.problems, root))
            return
        except Exception as exc:  # noqa: BLE001 - shown on the error screen, never a traceback
            self.post_message(DataFailed([Problem(str(root), 0, f"cannot load: {exc}")], root))
            return
        self.post_message(DataReady(facts))
        if self.options.preload is not None and not self.options.preload.cancelled:
            self.options.preload.reap()  # it may still be writing the snapshot

    def _dataset(self, root: Path) -> Dataset:
        """From the loader process if one was started (no pandas here), else loaded here."""
        from tui.data.snapshot import validate_and_keep

        keep = self.options.keep_snapshot
        preload = self.options.preload
        if preload is None:
            self.load_path = "in this process"
            return validate_and_keep(root, keep)
        from tui.data.preload import PreloadFailed

        self.load_path = "loader process"  # its answer: a Dataset or a DatasetError
        try:
            return preload.result()
        except PreloadFailed as exc:
            if preload.cancelled:
                raise  # pkit is quitting: loading here would only delay its exit
            self.load_path = f"in this process ({exc})"
        return validate_and_keep(root, keep)

    @on(DataReady)
    def _data_ready(self, message: DataReady) -> None:
        if not self.query("#header"):  # quitting: the data came after the main screen went
            return
        self.facts = message.facts
        if self.options.data_note:  # after the first frame: a toast there would delay it
            self.notify(self.options.data_note, timeout=8)
        years = message.facts.explorer_years
        start = self.options.fy
        if start is None or start not in years:
            if start is not None:
                self.notify(f"No data for {fy_label(start)}; showing the latest full year.")
            start = message.facts.latest_full_fy
        if self.options.start_pane in PANES:
            self.show_pane(self.options.start_pane or "overview")
        if self.fy == start:  # the reactive will not fire for the same value
            self._refresh_views()
        self.fy = start
        # from now on a change is the user's: saving before would overwrite what was saved
        # with the defaults (e.g. under --no-restore)
        self.call_after_refresh(self._start_saving)

    def _start_saving(self) -> None:
        self._prefs_live = True

    @on(DataFailed)
    def _data_failed(self, message: DataFailed) -> None:
        from tui.ui.screens.errors import ErrorScreen

        self._set_header(f"dataset {message.root} failed validation")
        self.push_screen(ErrorScreen(message.problems, message.root))

    # -- fiscal year -------------------------------------------------------------------------

    def watch_fy(self, fy: int | None) -> None:
        self._stale = set(PANES)
        self._refresh_views()
        self.save_preferences()

    def save_preferences(self) -> None:
        """Keep theme, pane and FY for next time (not on a shared server)."""
        if self.options.serve_mode or self.facts is None or not self._prefs_live:
            return
        from tui.ui.prefs import save_preferences

        save_preferences({"theme": self.theme, "pane": self.active_pane, "fy": self.fy})

    def _refresh_views(self) -> None:
        if self.facts is None or self.fy is None:
            return
        self._set_header(fy_header(self.fy))
        active = self.active_pane
        self._update_pane(active)

    def _update_pane(self, name: str) -> None:
        if self.facts is None or self.fy is None or name not in self._stale:
            return
        pane = self.pane(name)
        if pane is None:  # a lazy pane not mounted yet: try again after the next frame
            self.call_after_refresh(self._update_pane, name)
            return
        self._stale.discard(name)
        pane.update_view(self.facts, self.fy)
        if name == self.active_pane and not pane.has_focus_within:
            pane.focus_main()  # keep a table the user chose (Imports' second table, say)

    def _set_header(self, text: str) -> None:
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
            self.bell()
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

        self.push_screen(FyPicker(self.facts.explorer_years, self.fy), chosen)

    def action_compare(self) -> None:
        if self.facts is None or self.fy is None:
            return
        from tui.ui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(self.facts, self.fy, self.glyphs))

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
        self.save_preferences()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        dialog = bool(self.screen_stack) and isinstance(self.screen_stack[-1], ModalScreen)
        if dialog and action not in DIALOG_APP_ACTIONS:
            return False  # in a dialog only its own keys, help, the palette and quit work
        no_suspend = self.options.serve_mode or self.options.low_bandwidth
        return not (action == "suspend_process" and no_suspend)

    # -- sources, export, help ---------------------------------------------------------------

    def show_citation(self, target: Citable) -> None:
        if self.facts is None:
            return
        from tui.ui.screens.citation import CitationScreen

        self.push_screen(CitationScreen(self.facts, target, self.glyphs))

    @on(FigureTable.Cite)
    def _cite(self, message: FigureTable.Cite) -> None:
        self.show_citation(message.target)

    @on(FigureTable.Open)
    def _open(self, message: FigureTable.Open) -> None:
        drill = message.row.drill
        if self.facts is None or drill is None:
            return
        if drill.kind == "figures" and drill.target in self.facts.ds.sources:
            from tui.ui.screens.source_figures import SourceFigures

            source = self.facts.ds.sources[drill.target]
            self.push_screen(SourceFigures(self.facts, source, self.glyphs))
        elif drill.kind == "history" and drill.target in self.facts.ds.series:
            from tui.ui.screens.history import HistoryScreen

            self.push_screen(
                HistoryScreen(self.facts, drill.target, self.glyphs, focus_period=drill.period)
            )

    @on(FigureTable.Export)
    def _export(self, message: FigureTable.Export) -> None:
        from tui.ui.screens.export import ExportScreen

        if self.facts is not None:
            self.push_screen(
                ExportScreen(message.table, self.facts, serve_mode=self.options.serve_mode)
            )

    def action_show_brief(self) -> None:
        if self.facts is None or self.fy is None:
            return
        from tui.ui.screens.brief import BriefScreen

        brief = BriefScreen(self.facts, self.fy, self.active_pane, self.options.serve_mode)
        self.push_screen(brief)

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(help_rows(self), self.glyphs))

    def action_pick_theme(self) -> None:
        from tui.ui.screens.theme_picker import ThemePicker

        self.push_screen(ThemePicker(self.theme))

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        if self.options.serve_mode:
            self.copy_to_clipboard(url)
            self.notify("Opening links is off on a shared server; the URL was copied (OSC 52).")
            return
        super().open_url(url, new_tab=new_tab)

    def action_suspend_process(self) -> None:
        if self.options.serve_mode or self.options.low_bandwidth:
            return
        super().action_suspend_process()

    # -- command palette ---------------------------------------------------------------------

    def _scope_node(self, scope: str, screen: Screen[Any]) -> App[Any] | Widget | None:
        """Where an action of ``scope`` runs: the app, the screen's focused table, or a pane."""
        if scope == "app":
            return self
        if scope == "table":
            focused = screen.focused
            return focused if isinstance(focused, FigureTable) else None
        return self.pane(scope) if self.active_pane == scope else None

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for a in ACTIONS:
            if not a.palette:
                continue
            if a.panes and self.active_pane not in a.panes:
                continue
            node = self._scope_node(a.scope, screen)
            if node is None:
                continue
            yield SystemCommand(f"{a.title}  \\[{a.display_keys}]", a.help, _runner(node, a.action))
        if self.facts is not None:
            for y in reversed(self.facts.explorer_years):
                yield SystemCommand(
                    f"Set fiscal year {fy_label(y)}", fy_header(y), _fy_setter(self, y)
                )


def help_rows(app: App[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for every key active where help was asked, from the registry."""
    rows: dict[str, tuple[str, list[str]]] = {}
    for active in app.active_bindings.values():
        binding = active.binding
        if not active.enabled or binding.system:
            continue
        entry = by_binding(binding.id, binding.action)
        what = f"{entry.title}: {entry.help}" if entry else binding.description or binding.action
        _, keys = rows.setdefault(binding.action, (what, []))
        keys.append(app.get_key_display(binding))
    return [(" ".join(dict.fromkeys(keys)), what) for what, keys in rows.values()]


def _runner(node: App[Any] | Widget, action: str) -> Any:
    async def run() -> None:
        await node.run_action(action)

    return run


def _fy_setter(app: PkitApp, fy: int) -> Any:
    def run() -> None:
        app.set_fy(fy)

    return run
