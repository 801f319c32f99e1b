"""Start the explorer: terminal capabilities, preferences, signals, then the App."""

from __future__ import annotations

import argparse
import io
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.data.record import mutable_record
from tui.ui.terminal_locale import utf8_locale

if TYPE_CHECKING:
    from tui.data.facts import Facts
    from tui.data.preload import Preload
    from tui.ui.app import PkitApp

COLOR_SYSTEMS = {"truecolor": "truecolor", "256": "256", "16": "standard", "mono": "mono"}


class OptionError(Exception):
    """An option found wrong only at launch (an unknown ``--theme``): the CLI says so, exit 2."""


def configure_environment(args: argparse.Namespace) -> None:
    """Set Textual's environment knobs before Textual is imported."""
    colors = getattr(args, "colors", None)
    if colors == "mono":  # Rich has no "mono" colour system: NO_COLOR does it
        os.environ["NO_COLOR"] = "1"
    elif colors:
        os.environ["TEXTUAL_COLOR_SYSTEM"] = COLOR_SYSTEMS[colors]
    if getattr(args, "low_bandwidth", False) or os.environ.get("SSH_CONNECTION"):
        os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


def _one_blas_thread() -> None:
    """Before data are validated in this process: pkit does no linear algebra, and numpy's
    BLAS would otherwise start worker threads that spin while idle and take CPU from the
    interface. (Not on the start path: with a snapshot, nothing imports numpy.)"""
    from tui.data.preload import BLAS_THREAD_VARS

    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")


def run_app(args: argparse.Namespace, data: Path, fy: int | None) -> int:
    configure_environment(args)
    low_bw = bool(getattr(args, "low_bandwidth", False) or os.environ.get("SSH_CONNECTION"))
    ascii_only = bool(getattr(args, "ascii", False)) or not utf8_locale()
    serve_mode = os.environ.get("PKIT_SERVE_MODE") == "1"
    bundled = getattr(args, "data", None) is None
    ready = validated_before(data, bundled=bundled, serve_mode=serve_mode)
    preload = None
    if ready.facts is None:
        _one_blas_thread()
        if not serve_mode:
            preload = _start_preload(data, keep_snapshot=ready.keep)
    try:
        return _run(
            args,
            data,
            fy,
            ascii_only=ascii_only,
            low_bw=low_bw,
            serve_mode=serve_mode,
            preload=preload,
            ready=ready,
        )
    finally:
        if preload is not None:
            preload.cancel()  # quit before the data arrived: stop the loader too


@mutable_record
class Validated:
    """The data validated before the app starts, or why they must be validated now."""

    facts: Facts | None = None
    origin: str = ""  # "snapshot" or "serve template"
    note: str = ""  # one line for the user: why the data are validated in full
    keep: bool = False  # write a snapshot once they are


def validated_before(data: Path, *, bundled: bool, serve_mode: bool) -> Validated:
    """Figures that need no validation now: the serve template's, or the bundled data's
    snapshot when no file changed since (read without pandas; see tui.data.snapshot).

    ``--data DIR`` is always validated in full; so is anything a snapshot does not match.
    """
    if serve_mode:
        from tui.data.held import held

        facts = held(data)
        return Validated(facts, "serve template") if facts is not None else Validated()
    if not bundled:
        return Validated()
    from tui.data.facts import Facts
    from tui.data.snapshot import load

    found = load(data)
    if found.dataset is not None:
        return Validated(Facts(found.dataset), "snapshot")
    return Validated(note=found.note, keep=found.state != "off")


def _start_preload(data: Path, keep_snapshot: bool = False) -> Preload | None:
    """The loader process, started before Textual is imported (see tui.data.preload)."""
    from tui.data.preload import Preload, wanted

    if not wanted(data):
        return None
    try:
        return Preload(data, keep_snapshot=keep_snapshot)
    except OSError:  # cannot start a process: the app loads in-process
        return None


def _run(
    args: argparse.Namespace,
    data: Path,
    fy: int | None,
    *,
    ascii_only: bool,
    low_bw: bool,
    serve_mode: bool,
    preload: Preload | None,
    ready: Validated,
) -> int:
    from tui.ui.app import Options, PkitApp
    from tui.ui.prefs import load_preferences

    notices: list[str] = []
    prefs, notice = load_preferences() if not getattr(args, "no_restore", False) else ({}, None)
    if notice:
        notices.append(notice)
    theme = getattr(args, "theme", None)
    if theme is not None:
        from tui.ui.themes import theme_names

        names = theme_names()
        if theme not in names:
            raise OptionError(f"--theme {theme}: unknown theme (valid: {', '.join(names)})")
    options = Options(
        data_dir=data,
        fy=fy if fy is not None else _int_or_none(prefs.get("fy")),
        theme=theme or _str_or_none(prefs.get("theme")),
        ascii=ascii_only,
        low_bandwidth=low_bw,
        serve_mode=serve_mode,
        restore=not getattr(args, "no_restore", False),
        start_pane=_str_or_none(prefs.get("pane")),
        notices=notices,
        preload=preload,
        facts=ready.facts,
        facts_from=ready.origin,
        keep_snapshot=ready.keep,
        data_note=ready.note,
    )
    app = PkitApp(options)
    if "NO_COLOR" in os.environ:
        _drop_colours(app)
    _install_hangup(preload)
    # Textual prints an unhandled exception's traceback (with local variables) through
    # error_console once the terminal is restored: keep it for the crash log instead
    from rich.console import Console

    errors = io.StringIO()
    app.error_console = Console(file=errors, width=120, markup=False, highlight=False)
    previous = _install_terminate(app)
    try:
        result = app.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if app.return_code not in (0, None) or errors.getvalue():
        from tui import crash

        return crash.report(errors.getvalue() or f"the app exited with status {app.return_code}")
    return int(result or 0) if isinstance(result, int) else 0


def _install_terminate(app: Any) -> Any:
    """SIGTERM ends the app as ``q`` does (terminal restored), with status 128+15.

    Returns the handler it replaced.
    """

    import asyncio  # here: only the explorer needs it

    def on_term(signum: int, frame: Any) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app is not running (yet, or any more): nothing to restore
            raise SystemExit(128 + signum) from None
        loop.call_soon_threadsafe(app.exit, 128 + signum)

    return signal.signal(signal.SIGTERM, on_term)


def _drop_colours(app: PkitApp) -> None:
    """NO_COLOR / --colors mono: no colour codes at all.

    Textual's own NO_COLOR filter (Monochrome) only turns colours grey and still sends them.
    """
    from rich.segment import Segment
    from rich.style import Style
    from textual.color import Color
    from textual.filter import LineFilter, Monochrome, NoColor

    class Colourless(LineFilter):
        def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
            return [
                Segment(text, style.without_color if isinstance(style, Style) else style, ctl)
                for text, style, ctl in segments
            ]

    app.replaced_filters = (Monochrome, NoColor)
    app.extra_filters.append(Colourless())


def _install_hangup(preload: Preload | None = None) -> None:
    """Exit promptly when the terminal goes away (SIGHUP after a dropped SSH session)."""

    def on_hup(signum: int, frame: Any) -> None:
        if preload is not None:
            preload.cancel()
        os._exit(129)  # the terminal is gone: nothing to restore, nothing to flush to

    signal.signal(signal.SIGHUP, on_hup)


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
