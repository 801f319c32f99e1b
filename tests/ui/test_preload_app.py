"""The app with a loader process (Options.preload), as `pkit` starts it on two or more CPUs:
the figures come from the child; a child that fails is replaced by an in-process load; a
broken dataset reaches the error screen the same way."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from textual.widgets import Static

from tui.data.preload import Preload
from tui.ui.screens.errors import ErrorScreen
from tui.ui.widgets.figure_table import FigureTable

from .helpers import DATA, make_app, ready, row_cells, screen_text, static_text

SIZE = (80, 24)


async def test_figures_come_from_the_loader_process() -> None:
    app = make_app(preload=Preload(DATA))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.load_path == "loader process"
        table = app.query_one("#ov-table", FigureTable)
        assert row_cells(table, "total")["value"].startswith("3,810")
        assert row_cells(table, "hardware")["value"] == "7.5"
        await pilot.press("left_square_bracket")
        await ready(pilot)
        assert row_cells(table, "hardware")["value"] == "6.8"
        assert "FY2023-24" in screen_text(app)


async def test_a_failed_loader_process_falls_back_to_loading_here() -> None:
    crash = [sys.executable, "-c", "import sys; sys.stderr.write('no luck'); sys.exit(3)"]
    app = make_app(preload=Preload(DATA, argv=crash))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.load_path == "in this process (loader process exited with 3: no luck)"
        table = app.query_one("#ov-table", FigureTable)
        assert row_cells(table, "hardware")["value"] == "7.5"
        assert "3,810" in screen_text(app)


async def test_a_broken_dataset_from_the_loader_process_shows_the_error_screen(
    tmp_path: Path,
) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "observations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    bad = next(i for i, t in enumerate(lines) if t.startswith("hardware_consultancy,FY2024-25,"))
    lines[bad] = lines[bad].replace(",7.5,", ",seven,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    app = make_app(root, preload=Preload(root))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ErrorScreen)
        listing = static_text(app.screen.query_one("#error-list Static", Static))
        assert listing.splitlines()[0].startswith(f"{path}:{bad + 1}: ")
        assert "seven" in listing
        assert app.load_path == "loader process"


async def test_a_cancelled_loader_is_not_replaced_by_loading_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Quitting cancels the loader; loading in-process then would only delay the exit."""
    loaded_here: list[Path] = []
    monkeypatch.setattr("tui.data.load_dataset", lambda root: loaded_here.append(root))
    preload = Preload(DATA, argv=[sys.executable, "-c", "import time; time.sleep(60)"])
    preload.cancel()
    app = make_app(preload=preload)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.facts is None
    assert loaded_here == []
