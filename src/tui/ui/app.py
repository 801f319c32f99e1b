"""The pkit Textual app: one App, five panes, one action registry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from tui import gc_pause
from tui.data.facts import Facts
from tui.data.fiscal import fy_header, fy_label
from tui.data.problems import Problem
from tui.data.record import field, mutable_record
from tui.data.table import Citable
from tui.ui.actions import ACTIONS, bindings, keys_display
from tui.ui.glyphs import Glyphs, detect_mode
from tui.ui.main_screen import MainScreen
from tui.ui.panes.base import Pane
from tui.ui.widgets.figure_table import FigureTable

if TYPE_CHECKING:
    from tui.data.model import Dataset
    from tui.data.preload import Preload


@mutable_record
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


PREFS_DELAY = 0.5  # seconds without a change before the preferences are written


class PkitApp(App[int]):
    """Themes, the data hand-over to the main screen, and the app-wide keys."""

    TITLE = "pkit"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS: ClassVar[list[BindingType]] = list(bindings())

    def __init__(self, options: Options) -> None:
        super().__init__()
        self.options = options
        self.glyphs = Glyphs(ascii=options.ascii, mode_=detect_mode(options.ascii))
        self.facts: Facts | None = None
        self._prefs_live = False
        self._prefs_timer: Timer | None = None  # a write waiting for the user to pause
        self._prefs_pending: dict[str, Any] = {}  # what it will write
        self.load_path = ""  # where the data were loaded: "loader process" or "in this process"
        # pkit's own line filters, and the types of Textual's it replaces (get_line_filters)
        self.extra_filters: list[LineFilter] = []
        self.replaced_filters: tuple[type[LineFilter], ...] = ()
        if options.low_bandwidth:
            self.animation_level = "none"
        if options.ascii:
            from tui.ui.ascii_filter import AsciiFilter

            self.extra_filters.append(AsciiFilter())
        from tui.ui.themes import install_themes

        install_themes(self, options.theme)

    def get_default_screen(self) -> MainScreen:
        """The main screen: panes, year and their keys; dialogs are pushed over it."""
        self.main = MainScreen(
            self.glyphs, serve_mode=self.options.serve_mode, on_composed=self._hand_over
        )
        return self.main

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, less those pkit replaces, then pkit's own (ASCII, no colour)."""
        filters = super().get_line_filters()
        if not self.extra_filters and not self.replaced_filters:
            return filters
        kept = [f for f in filters if not isinstance(f, self.replaced_filters)]
        return [*kept, *self.extra_filters]

    def get_key_display(self, binding: Binding) -> str:
        """Textual's key display; in ASCII mode a key shown as a symbol (⏎) is named instead."""
        shown = super().get_key_display(binding)
        return binding.key if self.options.ascii and not shown.isascii() else shown

    def on_mount(self) -> None:
        self.call_after_refresh(gc_pause.resume)  # paused by `pkit` until the first frame

    def _hand_over(self) -> None:
        """Called by the main screen once its panes are mounted, before the first frame."""
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
        main = self.main
        if not main.is_attached:  # quitting: the data came after the main screen went
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
        main.show_data(message.facts, start, self.options.start_pane)
        # from now on a change is the user's: saving before would overwrite what was saved
        # with the defaults (e.g. under --no-restore)
        self.call_after_refresh(self._start_saving)

    def _start_saving(self) -> None:
        self._prefs_live = True

    @on(DataFailed)
    def _data_failed(self, message: DataFailed) -> None:
        from tui.ui.screens.errors import ErrorScreen

        self.main.set_header(f"dataset {message.root} failed validation")
        self.push_screen(ErrorScreen(message.problems, message.root))

    # -- what the main screen shows, kept for next time --------------------------------------

    @property
    def fy(self) -> int | None:
        return self.main.fy

    @property
    def active_pane(self) -> str:
        return self.main.active_pane

    def pane(self, name: str) -> Pane | None:
        return self.main.pane(name)

    @on(MainScreen.Changed)
    def save_preferences(self) -> None:
        """Keep theme, pane and FY for next time (not on a shared server).

        Written once the user pauses (and at exit): the write syncs the file to disk, which
        a pane switch or FY step should not wait for, and ``]]]]`` needs one write, not four.
        """
        if self.options.serve_mode or self.facts is None or not self._prefs_live:
            return
        if self._prefs_timer is not None:
            self._prefs_timer.stop()
        # taken now: at exit the panes they are read from are gone
        self._prefs_pending = {"theme": self.theme, "pane": self.active_pane, "fy": self.fy}
        self._prefs_timer = self.set_timer(PREFS_DELAY, self._write_preferences)

    def _write_preferences(self) -> None:
        self._prefs_timer = None
        from tui.ui.prefs import save_preferences

        save_preferences(self._prefs_pending)

    def on_unmount(self) -> None:
        if self._prefs_timer is not None:  # the user quit within PREFS_DELAY of a change
            self._prefs_timer.stop()
            self._write_preferences()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
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

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen, help_rows

        self.push_screen(HelpScreen(help_rows(self), self.glyphs))  # the keys of this place

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
        if not isinstance(screen, MainScreen):  # a dialog: only its own keys and the app's
            return None
        if scope == "main":
            return screen
        return screen.pane(scope) if screen.active_pane == scope else None

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for a in ACTIONS:
            if not a.palette:
                continue
            if a.panes and self.active_pane not in a.panes:
                continue
            node = self._scope_node(a.scope, screen)
            if node is None:
                continue
            keys = keys_display(self, a)
            yield SystemCommand(f"{a.title}  \\[{keys}]", a.help, _runner(node, a.action))
        if self.facts is not None and isinstance(screen, MainScreen):
            for y in reversed(self.facts.explorer_years):
                yield SystemCommand(
                    f"Set fiscal year {fy_label(y)}", fy_header(y), _fy_setter(screen, y)
                )


def _runner(node: App[Any] | Widget, action: str) -> Any:
    async def run() -> None:
        await node.run_action(action)

    return run


def _fy_setter(main: MainScreen, fy: int) -> Any:
    def run() -> None:
        main.set_fy(fy)

    return run
