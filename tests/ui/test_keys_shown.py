"""What each place says about its keys: the help rows are the registry's bindings of that
place, and at 80x24 every footer keeps `? Help` and the way out in view."""

from __future__ import annotations

from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Static

from tui.ui.actions import ACTIONS, FOOTER_ORDER, FOOTER_PINNED, PANES, Action, key_display
from tui.ui.screens.citation import CitationScreen
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.key_footer import KeyFooter, fit

from .helpers import (
    make_app,
    move_to,
    press,
    ready,
    resize,
    screen_text,
    settle,
    static_text,
    table,
)

# keys the registry offers only once something happened (a search, a quote filter)
LATER = {"next-match", "prev-match", "clear"}


def described(a: Action) -> str:
    return f"{a.title}: {a.help}"


def expected(pane: str | None) -> set[str]:
    """The registry actions of a pane (None: a dialog with a table), as help describes them."""
    scopes = {"app", "main", "table", pane} if pane else {"table"}
    here = {described(a) for a in ACTIONS if a.scope in scopes and a.id not in LATER}
    if pane is None:
        here.add(described(next(a for a in ACTIONS if a.id == "help")))  # ? in every dialog
    return here


async def help_rows_of(pilot: Pilot[Any]) -> dict[str, str]:
    """Press ? where we are: {what: keys} of the help screen's rows, which it then closes."""
    await press(pilot, "?")
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    rows = {what: keys for keys, what in screen.rows}
    await press(pilot, "?")
    assert not isinstance(pilot.app.screen, HelpScreen)
    return rows


@pytest.mark.parametrize("pane", PANES)
async def test_help_rows_are_the_registry_bindings_of_each_pane(pane: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press(pilot, str(PANES.index(pane) + 1))
        rows = await help_rows_of(pilot)
        registry = {described(a) for a in ACTIONS}
        assert {what for what in rows if what in registry} == expected(pane)
        for a in ACTIONS:
            if described(a) in rows:  # each with its keys as Textual shows them
                assert key_display(app, a.id) in rows[described(a)].split(), a.id


async def test_help_in_a_dialog_lists_that_dialogs_keys_only() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        rows = await help_rows_of(pilot)
        registry = {described(a) for a in ACTIONS}
        assert {what for what in rows if what in registry} == expected(None)
        assert rows["Base year -"] == "[" and rows["Base year +"] == "]"
        assert rows["Close"].split()[:2] == ["esc", "q"]
        assert isinstance(app.screen, CompareScreen)  # help closed back into Compare


async def test_search_keys_join_the_help_once_there_is_a_search() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press(pilot, "2", "/", *"hardware", "enter")
        rows = await help_rows_of(pilot)
        assert rows["Next match: The next row matching the search"] == "n"


PLACES: dict[str, tuple[tuple[str, ...], str]] = {
    **{pane: ((str(i),), "q Quit") for i, pane in enumerate(PANES, start=1)},
    "compare": (("c",), "esc Close"),
    "history": (("2", "enter"), "esc Close"),
}


@pytest.mark.parametrize("place", list(PLACES))
async def test_the_footer_keeps_help_and_the_way_out_at_80x24(place: str) -> None:
    keys, way_out = PLACES[place]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        if place == "history":
            await press(pilot, "2")
            await move_to(pilot, table(app, "ex-table"), "hardware_consultancy")
        await press(pilot, *keys)
        footer = app.screen.query_one(KeyFooter)
        line = screen_text(app).splitlines()[-1]
        assert "? Help" in line and way_out in line, line
        assert footer.virtual_size.width <= footer.size.width  # nothing cut off
        # a wide terminal shows every hint the place has
        await resize(pilot, 200, 50)
        await settle(pilot)
        offered = {b.binding.action for b in app.screen.active_bindings.values() if b.binding.show}
        assert len(footer.children) == len(offered), screen_text(app).splitlines()[-1]


def test_every_footer_key_has_a_priority() -> None:
    ranked = set(FOOTER_ORDER) | set(FOOTER_PINNED)
    assert {a.id for a in ACTIONS if a.footer} <= ranked


def test_fit_drops_the_least_important_hints_first() -> None:
    widths, ranks = [10, 10, 10, 10], [2, 0, 5, 0]
    assert fit(widths, ranks, 40) == {0, 1, 2, 3}
    assert fit(widths, ranks, 35) == {0, 1, 3}
    assert fit(widths, ranks, 20) == {1, 3}
    assert fit(widths, ranks, 5) == set()


async def test_a_dialog_without_a_footer_lists_its_own_keys_and_takes_question_mark() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press(pilot, "s")
        assert isinstance(app.screen, CitationScreen)
        await settle(pilot)
        keys = static_text(app.screen.query_one(".dialog-keys", Static))
        assert keys == "esc Close · y Copy citation · o Open URL · ? Help"
        # the ICT total's citation is longer than the dialog at 80x24: its keys stay in view
        assert keys in screen_text(app)
        rows = await help_rows_of(pilot)
        assert rows["Copy citation"] == "y" and "Go to Overview" not in " ".join(rows)
        assert isinstance(app.screen, CitationScreen)


async def test_the_palette_opens_over_a_dialog() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await press(pilot, "c", "ctrl+p")
        assert isinstance(app.screen, CommandPalette)
