"""What keeps a pane switch cheap: hidden panes filled once the data arrive (without taking
the focus), a footer rebuilt only when its keys change, preferences written after a pause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.widget import Widget
from textual.widgets import Footer, Static

from tui.ui.app import PREFS_DELAY
from tui.ui.main_screen import WARM_DELAY

from .helpers import (
    SIZE,
    focused,
    make_app,
    press,
    ready,
    row_keys,
    settle,
    static_text,
    table,
    until,
)


async def test_hidden_panes_are_filled_after_the_data_arrive_without_taking_the_focus() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        overview = table(app, "ov-table")
        assert focused(app) is overview
        exports = table(app, "ex-table")
        await until(pilot, lambda: bool(row_keys(exports)), "Exports filled while hidden")
        assert "hardware_consultancy" in row_keys(exports)
        assert not exports.display or not exports.is_on_screen  # still hidden
        assert row_keys(table(app, "im-table")) and row_keys(table(app, "so-table"))
        assert focused(app) is overview  # filling a hidden pane must not move the focus
        await press(pilot, "2")
        assert focused(app) is exports


async def test_a_pane_filled_for_a_year_shows_that_year_after_a_year_step() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        exports = table(app, "ex-table")
        await until(pilot, lambda: bool(row_keys(exports)), "Exports filled while hidden")
        before = exports.shown_text("ict_exports")
        await press(pilot, "[")  # FY2023-24 on the Overview; Exports still shows FY2024-25
        await press(pilot, "2")
        assert exports.shown_text("ict_exports") != before
        assert "3,223" in " ".join(exports.shown_text("ict_exports"))
        await press(pilot, "1", "]", "2")  # back to FY2024-25
        assert "3,810" in " ".join(exports.shown_text("ict_exports"))


def footer_keys(app: App[Any]) -> list[Widget]:
    return list(app.screen.query_one(Footer).children)


def descriptions(app: App[Any]) -> list[str]:
    return [str(getattr(key, "description", "")) for key in footer_keys(app)]


async def test_the_footer_is_rebuilt_only_when_its_keys_change() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause(WARM_DELAY * 2)
        await press(pilot, "2", "1")
        keys = footer_keys(app)
        assert keys
        app.screen.refresh_bindings()  # the same bindings: nothing to rebuild
        await settle(pilot)
        assert footer_keys(app) == keys
        assert all(key.is_attached for key in keys)
        assert "Filter" not in descriptions(app)
        await press(pilot, "4")  # Quotes has its own key (Filter): rebuilt
        assert "Filter" in descriptions(app)


async def test_preferences_are_written_once_the_user_pauses(isolated_xdg: Path) -> None:
    prefs = isolated_xdg / "pkit" / "preferences.toml"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "[", "[", "2")
        assert app.is_running

        def saved() -> bool:
            text = prefs.read_text(encoding="utf-8") if prefs.exists() else ""
            return "fy = 2022" in text and 'pane = "exports"' in text

        # written while pkit runs, not only at exit
        await until(pilot, saved, "the preferences file", timeout=PREFS_DELAY + 10)


async def test_a_pane_filled_while_hidden_describes_its_focused_table_when_shown() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        handsets = table(app, "as-table")
        await until(pilot, lambda: bool(row_keys(handsets)), "Imports filled while hidden")
        await press(pilot, "3")
        assert focused(app) is table(app, "im-table")
        detail = static_text(app.screen.query_one("#imports-pane .row-detail", Static))
        assert detail.startswith("Telecom imports"), detail
        assert "CY2019" not in detail
