"""Moving around: pane keys, Tab, help (?), the command palette, themes, closing dialogs."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import OptionList, TabbedContent

from tui.ui.actions import ACTIONS, PANES
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.theme_picker import ThemePicker

from .helpers import (
    SIZE,
    focused,
    header_line,
    make_app,
    press,
    ready,
    screen_line,
    screen_text,
    send_key,
    settle,
    table,
    until,
)

PANE_MARKS = {
    "overview": "ICT services exports (telecom",
    "exports": "Category",
    "imports": "Import line",
    "quotes": "statements",
    "sources": "sources ·",
}


PANE_TABLES = {
    "overview": "ov-table",
    "exports": "ex-table",
    "imports": "im-table",
    "quotes": "qu-table",
    "sources": "so-table",
}


async def test_number_keys_switch_panes() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tabs = app.query_one(TabbedContent)
        for key, name in reversed(list(enumerate(PANES, start=1))):
            await press(pilot, str(key))
            assert tabs.active == name
            assert app.active_pane == name
            assert focused(app) is table(app, PANE_TABLES[name])
            assert PANE_MARKS[name] in screen_text(app)


async def test_tab_and_shift_tab_cycle_panes() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tabs = app.query_one(TabbedContent)
        for name in [*PANES[1:], PANES[0]]:
            await press(pilot, "tab")
            assert tabs.active == name
        for name in reversed(PANES):
            await press(pilot, "shift+tab")
            assert tabs.active == name


@pytest.mark.parametrize(
    "opening",
    [("f", "down"), ("e", "end"), ("t", "down"), ("4", "F")],
    ids=["fy-picker", "export", "theme-picker", "quote-filter"],
)
async def test_enter_and_escape_arriving_together_close_a_dialog_once(
    opening: tuple[str, ...],
) -> None:
    """Enter then Esc in one read (fast typing, a slow SSH link): one of them wins, no crash."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, *opening)
        assert len(app.screen_stack) == 2
        send_key(app, "enter")
        send_key(app, "escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert app.return_code is None


async def test_question_mark_lists_the_keys_of_that_place() -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await ready(pilot)
        await press(pilot, "?")
        assert isinstance(app.screen, HelpScreen)
        here = [a for a in ACTIONS if not a.panes and a.id not in ("next-match", "prev-match")]
        for action in here:
            line = screen_line(app, action.title)
            key = app.get_key_display(Binding(action.keys.split(",")[0], ""))
            assert re.search(rf"(^|\s){re.escape(key)}\s.*{re.escape(action.title)}", line), line
        # n/N only once there is a search; space only on Exports
        assert "Next match" not in screen_text(app)
        assert "Expand or collapse" not in screen_text(app)
        await press(pilot, "?")
        assert not isinstance(app.screen, HelpScreen)
        await press(pilot, "2", "?")
        assert "Expand or collapse" in screen_text(app)


async def test_ctrl_p_opens_the_command_palette_and_runs_commands() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await press(pilot, *"Set fiscal year FY2022-23")
        await until(pilot, lambda: "Jul 2022 to Jun 2023" in screen_text(app), "the FY command")
        await press(pilot, "enter")
        assert not isinstance(app.screen, CommandPalette)
        assert app.fy == 2022
        assert "FY2022-23 (Jul 2022 to Jun 2023)" in header_line(app)
        await press(pilot, "ctrl+p", *"Compare two")
        await until(pilot, lambda: "Side by side" in screen_text(app), "the compare command")
        assert "Compare two fiscal years…  [c]" in screen_text(app)  # the key, not markup
        await press(pilot, "enter")
        assert isinstance(app.screen, CompareScreen)


async def test_t_previews_themes_and_escape_restores() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        original = app.theme
        await press(pilot, "t")
        assert isinstance(app.screen, ThemePicker)
        options = app.screen.query_one(OptionList)
        assert options.highlighted is not None and options.option_count > 1
        await press(pilot, "down" if options.highlighted < options.option_count - 1 else "up")
        assert app.theme != original
        await press(pilot, "escape")
        assert not isinstance(app.screen, ThemePicker)
        assert app.theme == original
