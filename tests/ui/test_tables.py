"""The one table everywhere: search, sort and citation inside dialogs, every advertised key does
something visible, and each glyph has one meaning in every mode."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tui.ui.glyphs import Glyphs
from tui.ui.screens.citation import CitationScreen
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.source_figures import SourceFigures
from tui.ui.widgets.figure_table import FigureTable
from tui.ui.widgets.table_search import SearchPrompt

from .helpers import focused, make_app, move_to, press, ready, row_keys, screen_text, sources

SIZE = (80, 24)
HW = "hardware_consultancy"


def the_table(pilot: Pilot[Any]) -> FigureTable:
    table = focused(pilot.app)
    assert isinstance(table, FigureTable), table
    return table


async def search_sort_cite(pilot: Pilot[Any], needle: str) -> None:
    """In the focused table: / finds ``needle``, o sorts (indicator in the header), s cites."""
    app = pilot.app
    table = the_table(pilot)
    dialog = app.screen
    natural = row_keys(table)
    await press(pilot, "/")
    assert isinstance(app.screen, SearchPrompt)
    await press(pilot, *needle, "enter")
    assert pilot.app.screen is dialog
    row = table.current_row
    assert row is not None
    shown = " ".join(table.shown_text(row.key)).lower()
    assert needle.lower() in f"{shown} {row.extra.lower()}"  # the row the user sees
    await press(pilot, "l")  # the value column (right of the names)
    await press(pilot, "o")
    assert table.sort_dir == 1
    up = row_keys(table)
    await press(pilot, "o")
    assert table.sort_dir == -1
    assert row_keys(table) != up  # the other way round now
    await press(pilot, "o")
    assert row_keys(table) == natural  # up, down, back to the table's own order
    await press(pilot, "s")
    assert isinstance(app.screen, CitationScreen)
    assert "URL:" in screen_text(app)
    await press(pilot, "escape")
    assert pilot.app.screen is dialog


async def test_search_sort_and_cite_inside_history() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2")
        await move_to(pilot, the_table(pilot), HW)
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
        await search_sort_cite(pilot, "FY24")


async def test_search_sort_cite_and_enter_inside_compare() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        await search_sort_cite(pilot, "Hardware")
        await press(pilot, "enter")  # Enter drills down: the category's history
        assert isinstance(app.screen, HistoryScreen)


async def test_search_sort_and_cite_inside_a_sources_figures() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "5")
        source = "cwp-2025-08-19-hardware"
        await move_to(pilot, the_table(pilot), source)
        await press(pilot, "enter")
        assert isinstance(app.screen, SourceFigures)
        assert str(sources()[source]["publisher"]) in screen_text(app)
        await search_sort_cite(pilot, "Hardware")


# -- every key the footer advertises does something visible -----------------------------------

PLACES: dict[str, tuple[str, ...]] = {
    "overview": ("1",),
    "exports": ("2",),
    "imports": ("3",),
    "quotes": ("4",),
    "sources": ("5",),
    "history": ("2", "enter"),
    "compare": ("c",),
    "source figures": ("5", "enter"),  # on the source below (one with figures)
    "citation": ("s",),
    "help": ("?",),
}
SKIP = {"q", "ctrl+q", "ctrl+c", "escape"}  # quit and close are checked by leaving each place


def state(app: Any, said: list[str]) -> tuple[object, ...]:
    table = app.focused
    cursor: tuple[object, ...] = ()
    if isinstance(table, FigureTable):
        cursor = (table.cursor_row, table.sort_dir, table.needle)
    screen = (len(app.screen_stack), type(app.screen).__name__, app.fy)
    return (*screen, screen_text(app), cursor, len(said))


@pytest.mark.parametrize("place", list(PLACES))
async def test_every_advertised_key_does_something_visible(
    place: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    said: list[str] = []  # notices are visible too (a toast)
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(str(message)))
    monkeypatch.setattr(app, "copy_to_clipboard", lambda text: said.append(text))
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: said.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        if place == "source figures":
            await press(pilot, "5")
            await move_to(pilot, the_table(pilot), "cwp-2025-08-19-hardware")
        await press(pilot, *PLACES[place])
        home = len(app.screen_stack)
        keys = [
            b.binding.key
            for b in app.active_bindings.values()
            if b.binding.show and b.enabled and b.binding.key not in SKIP
        ]
        assert keys or place == "help", f"{place}: the footer offers no key"
        for key in dict.fromkeys(keys):
            before = state(app, said)
            await press(pilot, key)
            if isinstance(app.screen, SearchPrompt):
                await press(pilot, *"a", "enter")
            assert state(app, said) != before, f"{place}: {key} did nothing visible"
            while len(app.screen_stack) > home:
                await press(pilot, "escape")
            if len(app.screen_stack) < home or key in "12345":
                await press(pilot, *PLACES[place])
        await press(pilot, "escape")
        if home > 1:
            assert len(app.screen_stack) == home - 1, f"{place}: Esc did not close it"


async def test_q_closes_every_dialog_and_picker() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for opening in ("c", "f", "t", "s", "?", "e"):
            await press(pilot, opening)
            assert len(app.screen_stack) == 2, opening
            await press(pilot, "q")
            assert len(app.screen_stack) == 1, opening
        assert app.return_code is None


# -- glyphs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["unicode", "ascii", "console"])
def test_each_glyph_has_one_meaning(mode: str) -> None:
    g = Glyphs(ascii=mode == "ascii", mode_=mode)  # type: ignore[arg-type]
    meanings = g.meanings()
    assert len(set(meanings.values())) == len(meanings)  # one glyph per meaning
    singles = [glyph for glyph in meanings if len(glyph) == 1]
    assert len(singles) == len(set(singles))
    # no glyph is a character that numbers use (digits, signs, separators)
    for glyph in singles:
        assert glyph not in "0123456789+-.,%~<>", glyph
    if mode == "console":  # the Linux console's font: no eighth blocks, flags or ellipsis
        text = "".join(meanings)
        assert not set(text) & set("▁▂▃▄▅▆▇⚑…—▏▎▍▋▊▉")


@pytest.mark.parametrize("mode", ["ascii", "console"])
async def test_glyphs_on_screen_are_the_modes_and_listed_in_help(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux" if mode == "console" else "xterm-256color")
    app = make_app(ascii=mode == "ascii")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.glyphs.mode == mode
        await press(pilot, "2")
        text = screen_text(app)
        g = app.glyphs
        assert g.missing in text and g.expanded in text
        assert "—" not in text and "⚑" not in text and "▁" not in text
        await press(pilot, "?")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "G")
        help_text = screen_text(app)
        for glyph, meaning in g.meanings().items():
            assert meaning[:30] in help_text, (glyph, meaning)
