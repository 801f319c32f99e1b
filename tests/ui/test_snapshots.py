"""Snapshot tests (pytest-textual-snapshot): every pane at 80x24 and 120x40, and the dialogs.

The SVGs live in ``__snapshots__/test_snapshots/``. After an intended change to the layout,
the styles or the bundled data, regenerate them with ``make snapshots`` (pytest
``--snapshot-update``) and review the new SVGs before committing.

Determinism: no clock is shown, no input has focus (no blinking cursor), the data loads from
the bundled folder, preferences are not restored (and go to a temporary XDG folder), and each
screenshot is taken only after the loading worker finished and every key was handled.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tui.ui.actions import PANES
from tui.ui.widgets.figure_table import FigureTable

from .helpers import move_to, press, ready

SnapCompare = Callable[..., bool]
APP = "snapshot_app.py"
ASCII_APP = "snapshot_app.py:ascii_app"
NO_COLOR_APP = "snapshot_app.py:no_color_app"
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


def before(
    *keys: str, row: tuple[str, str] | None = None
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Wait for the data, press ``keys``; with ``row=(table id, key)``, highlight that row
    first (after the first key, which picks the pane)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        rest = keys
        if row is not None:
            await press(pilot, *keys[:1])
            table_id, key = row
            await move_to(pilot, pilot.app.query_one(f"#{table_id}", FigureTable), key)
            rest = keys[1:]
        await press(pilot, *rest)

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("pane", PANES)
def test_pane(snap_compare: SnapCompare, pane: str, size: str) -> None:
    key = str(PANES.index(pane) + 1)
    assert snap_compare(APP, run_before=before(key), terminal_size=SIZES[size])


def test_history_dialog(snap_compare: SnapCompare) -> None:
    run = before("2", "enter", row=("ex-table", "hardware_consultancy"))
    assert snap_compare(APP, run_before=run)


def test_citation_dialog(snap_compare: SnapCompare) -> None:
    run = before("1", "s", row=("ov-table", "hardware"))
    assert snap_compare(APP, run_before=run)


def test_compare_dialog(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, run_before=before("c"))


def test_help_dialog(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, run_before=before("?"), terminal_size=SIZES["120x40"])


def test_too_small(snap_compare: SnapCompare) -> None:
    assert snap_compare(APP, run_before=before(), terminal_size=(50, 15))


def test_exports_in_ascii_mode(snap_compare: SnapCompare) -> None:
    assert snap_compare(ASCII_APP, run_before=before("2"))


# the charts: History's (Enter on a series), Compare's bars, Overview's months; the dark
# default theme at both sizes (80x24 above), ASCII at 80x24, NO_COLOR at 120x40
CHARTS = {
    "history": ("2", "enter", ("ex-table", "hardware_consultancy")),
    "compare": ("c", None, None),
    "overview": ("1", None, None),
}


@pytest.mark.parametrize(
    ("chart", "app", "size"),
    [
        ("history", APP, "120x40"),
        ("compare", APP, "120x40"),
        ("history", ASCII_APP, "80x24"),
        ("compare", ASCII_APP, "80x24"),
        ("overview", ASCII_APP, "80x24"),
        ("history", NO_COLOR_APP, "120x40"),
        ("compare", NO_COLOR_APP, "120x40"),
        ("overview", NO_COLOR_APP, "120x40"),
    ],
)
def test_chart(snap_compare: SnapCompare, chart: str, app: str, size: str) -> None:
    first, then, row = CHARTS[chart]
    keys = (first, then) if then else (first,)
    run = before(*keys, row=row)
    assert snap_compare(app, run_before=run, terminal_size=SIZES[size])
