"""Below 60x20 the app says the terminal is too small; resizing back restores it."""

from __future__ import annotations

import pytest
from textual.widgets import Static, TabbedContent

from tui.ui.app import PkitApp

from .helpers import (
    SIZE,
    make_app,
    press,
    ready,
    resize,
    screen_line,
    screen_text,
)


def assert_too_small(app: PkitApp, small: bool) -> None:
    too_small = app.query_one("#too-small", Static)
    assert app.screen.has_class("-too-small") is small
    assert too_small.display is small
    assert app.query_one(TabbedContent).display is not small
    text = screen_text(app)
    assert ("Terminal too small" in text) is small
    assert ("1 Overview" in text) is not small
    if small:
        assert too_small.region.area > 0
        assert "60x20" in text


@pytest.mark.parametrize(("width", "height"), [(50, 15), (59, 24), (80, 19)])
async def test_starting_below_60x20_shows_the_too_small_message(width: int, height: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, height)) as pilot:
        await ready(pilot)
        assert_too_small(app, True)


async def test_starting_at_60x20_shows_the_layout() -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await ready(pilot)
        assert_too_small(app, False)


async def test_resizing_below_60x20_and_back_restores_the_layout() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert_too_small(app, False)
        await resize(pilot, 50, 15)
        assert_too_small(app, True)
        await resize(pilot, 80, 24)
        assert_too_small(app, False)
        assert "7.5" in screen_line(app, "Hardware consultancy").split()
        await resize(pilot, 60, 19)  # one row short
        assert_too_small(app, True)
        await resize(pilot, 60, 20)
        assert_too_small(app, False)


async def test_resizing_while_a_dialog_is_open_updates_the_main_screen() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "?")
        await resize(pilot, 50, 15)
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1
        assert_too_small(app, True)
        await press(pilot, "?")
        await resize(pilot, 80, 24)
        await press(pilot, "escape")
        assert_too_small(app, False)
