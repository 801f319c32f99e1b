"""Helpers for the UI tests: build the app, wait for its data, read what is on screen.

What the user reads is taken from the widgets (table cells, Static content) and from the
rendered screen itself (:func:`screen_text`), never from the data layer alone. Expected
figures come from the dataset files, read here with ``csv``/``tomllib`` independently of
``tui.data``.
"""

from __future__ import annotations

import asyncio
import csv
import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ScreenStackError
from textual.content import Content
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from tui.locations import bundled_data_dir
from tui.ui.app import Options, PkitApp
from tui.ui.screens.errors import ErrorScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.widgets.figure_table import FigureTable

from .textual_adapter import key_event, screen_rows

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = bundled_data_dir()
SIZE = (80, 24)
HW = "hardware_consultancy"
HW_SOURCES = {"cwp-2025-08-19-hardware", "worldeconomist-2025-08-19-hardware"}
FULL_FY = re.compile(r"^FY(\d{4})-\d{2}$")
DASH = "—"


def make_app(data_dir: Path | None = None, *, animate: bool = False, **options: Any) -> PkitApp:
    """The app as `pkit --no-restore` starts it, on the bundled data unless told otherwise.

    Animations (the tab underline sliding) are off unless ``animate``: the tests wait for
    every animation to end, which costs real time and shows nothing the tests assert on.
    """
    app = PkitApp(Options(data_dir=data_dir or DATA, restore=False, **options))
    if not animate:
        app.animation_level = "none"
    return app


async def ready(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Wait until the data are shown (or the error screen is), then for the app to settle.

    Not just ``workers.wait_for_complete()``: the loader starts after the first frame, so
    it may not exist yet when this is called, and with a loader process it waits on a pipe
    while the app looks idle.
    """
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await app.workers.wait_for_complete()
        await settle(pilot)
        if isinstance(app, PkitApp) and (
            app.facts is not None or isinstance(app.screen, ErrorScreen)
        ):
            break
        if not isinstance(app, PkitApp) or not app.is_running:
            break
        if loop.time() > deadline:
            raise AssertionError(f"no data within {timeout}s:\n{screen_text(app)}")
        await asyncio.sleep(0.02)
    await settle(pilot)


def pumps(app: App[Any]) -> list[MessagePump]:
    """The app and every message pump of its active screen."""
    return [app, *app.screen.walk_children(with_self=True)]


def _done(handled: asyncio.Future[Any]) -> None:
    if not handled.done():  # cancelled when the wait was given up
        handled.set_result(None)


async def drained(app: App[Any], timeout: float) -> bool:
    """Wait until every message pump has handled what was queued on it before this call.

    A callback queued behind each pump's pending messages (``call_later``), as Textual's
    Pilot does; returns early when the app quits or crashes (its pumps then stop), and False
    when ``timeout`` passes first.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    waits: list[asyncio.Future[Any]] = []
    for pump in pumps(app):
        handled = loop.create_future()
        if pump.call_later(_done, handled):
            waits.append(handled)
    try:
        while waits:
            _, pending = await asyncio.wait(waits, timeout=0.05)
            if not pending or app.return_code is not None or not app.is_running:
                break
            if loop.time() > deadline:
                return False
    finally:
        for handled in waits:
            handled.cancel()
    return True


async def settle(pilot: Pilot[Any], timeout: float = 10.0) -> None:
    """Wait until the app has handled everything the last input caused.

    ``Pilot.press``/``Pilot.pause()`` end with ``wait_for_idle``, which compares the process's
    CPU time with wall time: on a loaded machine (``pytest -n``) a process that is not being
    scheduled looks idle, and assertions then run before a key's action. So each round here
    runs ``Pilot.pause(0)``, which refreshes the screen now (``call_after_refresh`` callbacks
    are then queued, not left for the refresh timer), then waits until every message pump
    has handled what that queued, and for animations. It returns when, twice in a row, no
    message is left queued.
    """
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    quiet = 0
    while quiet < 2:
        if app.return_code is not None or not app.is_running:
            return  # the app quit or crashed (a crash sets return_code 1): nothing to wait for
        if loop.time() > deadline:
            raise AssertionError(f"the app did not settle in {timeout}s")
        try:
            await pilot.pause(0)
            if not await drained(app, max(deadline - loop.time(), 0.0)):
                raise AssertionError(f"the app did not settle in {timeout}s")
            await app.animator.wait_until_complete()
            await asyncio.sleep(0)
            busy = app.is_running and any(p.message_queue_size for p in pumps(app))
        except ScreenStackError:
            if app.is_running and app.return_code is None:
                raise
            return  # it quit while we waited: its screens are gone
        quiet = 0 if busy else quiet + 1


async def until(
    pilot: Pilot[Any], predicate: Callable[[], bool], what: str, timeout: float = 10.0
) -> None:
    """Wait for something that happens in the background (a worker, a timer)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}:\n{screen_text(pilot.app)}")
        await asyncio.sleep(0.02)
        await settle(pilot)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one at a time, letting the app finish each before the next.

    Same events as ``Pilot.press``, but each key is followed by :func:`settle` instead of
    ``wait_for_idle`` (which sleeps at least 40 ms a key and can return too early under load).
    """
    for key in keys:
        send_key(pilot.app, key)
        await settle(pilot)


def send_key(app: App[Any], key: str) -> None:
    """Queue one key press on the app, without waiting for it to be handled.

    ``Pilot.press`` hands keys to the driver, which posts them from a coroutine scheduled
    thread-safely: the key reaches the app's queue a loop iteration or two later. Posting it
    directly puts it in the queue now, so :func:`settle` cannot return before it is seen.
    """
    assert app.is_running, "the app is not running"
    event = key_event(key)
    event.set_sender(app)
    app.post_message(event)


async def resize(pilot: Pilot[Any], width: int, height: int, timeout: float = 10.0) -> None:
    """Resize the terminal and wait until the screen has been laid out at the new size."""
    await pilot.resize_terminal(width, height)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while tuple(pilot.app.screen.size) != (width, height):
        if loop.time() > deadline:
            raise AssertionError(f"the screen did not reach {width}x{height}")
        await asyncio.sleep(0.01)
    await settle(pilot)


def focused(app: App[Any]) -> Widget | None:
    """The focused widget (a call, so that mypy does not narrow it between key presses)."""
    return app.focused


def screen_text(app: App[Any]) -> str:
    """The text of the active screen as the terminal shows it, one line per row.

    Cheaper and easier to assert on than the SVG of ``export_screenshot``; a modal screen
    renders only itself (the screen below is not included).
    """
    return "\n".join(strip.text for strip in screen_rows(app))


def screen_line(app: App[Any], needle: str) -> str:
    """The first on-screen line containing ``needle`` (fails showing the screen if none)."""
    text = screen_text(app)
    for line in text.splitlines():
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} is not on screen:\n{text}")


def shown(raw: str) -> str:
    """A published value as a table shows it: at most one decimal, half up, grouped."""
    from decimal import ROUND_HALF_UP, Decimal

    places = min(1, len(raw.split(".", 1)[1]) if "." in raw else 0)
    value = Decimal(raw).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:,.{places}f}"


def plain(cell: object) -> str:
    """Plain text of a table cell or any Rich/Textual text."""
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, Content):
        return cell.plain
    return str(cell)


def static_text(widget: Static) -> str:
    """What a Static shows, as plain text."""
    visual = widget.visual
    if isinstance(visual, Content):
        return visual.plain
    return plain(widget.content)


def table(app: App[Any], table_id: str) -> FigureTable:
    return app.screen.query_one(f"#{table_id}", FigureTable)


def header_line(app: App[Any]) -> str:
    """The first terminal row: the app name and the fiscal year."""
    return screen_text(app).splitlines()[0]


def row_cells(table: FigureTable, key: str) -> dict[str, str]:
    """One row of a table as {column key: plain text}, read from the DataTable itself (the
    padding that aligns figures in their column left out)."""
    columns = [str(c.key.value) for c in table.ordered_columns]
    return dict(zip(columns, (plain(c).strip() for c in table.get_row(key)), strict=True))


def row_keys(table: FigureTable) -> list[str]:
    """The row keys in display order."""
    return [str(row.key.value) for row in table.ordered_rows]


async def move_to(pilot: Pilot[Any], table: FigureTable, key: str) -> None:
    """Move the focused table's cursor to ``key`` with the arrow keys, as a user would."""
    assert focused(pilot.app) is table, f"{table!r} is not focused ({focused(pilot.app)!r} is)"
    target = table.get_row_index(key)
    step = "down" if target > table.cursor_row else "up"
    await press(pilot, *[step] * abs(target - table.cursor_row))
    assert table.current_key == key


# -- the dataset files, read without tui.data --------------------------------------------------


@cache
async def open_history(pilot: Pilot[Any], series: str = HW) -> HistoryScreen:
    """From the start: Exports, the row of ``series``, Enter; the History dialog it opens."""
    await press(pilot, "2")
    await move_to(pilot, table(pilot.app, "ex-table"), series)
    await press(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def observations(root: Path = DATA) -> tuple[dict[str, str], ...]:
    with (root / "observations.csv").open(encoding="utf-8-sig", newline="") as fh:
        return tuple(csv.DictReader(fh))


@cache
def toml_file(name: str, root: Path = DATA) -> dict[str, Any]:
    with (root / name).open("rb") as fh:
        return tomllib.load(fh)


def sources() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in toml_file("sources.toml")["source"]}


def series() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in toml_file("series.toml")["series"]}


def quotes() -> list[dict[str, Any]]:
    return list(toml_file("quotes.toml")["quote"])


def rows_of(series_id: str, period: str | None = None) -> list[dict[str, str]]:
    """Observation rows of a series (and period), live values only (not missing or errata)."""
    return [
        r
        for r in observations()
        if r["series"] == series_id
        and (period is None or r["period"] == period)
        and r.get("status", "") in ("", "ok")
    ]


def children(parent: str) -> list[str]:
    return [sid for sid, s in series().items() if s.get("parent") == parent]


def descendants(root: str) -> set[str]:
    out: set[str] = set()
    todo = [root]
    while todo:
        kids = children(todo.pop())
        out.update(kids)
        todo.extend(kids)
    return out
