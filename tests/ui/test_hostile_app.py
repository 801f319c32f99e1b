"""The explorer on a valid but hostile dataset: Rich markup in every kind of text is shown
as written (never parsed: ``[/]`` would crash the app, ``[link=...]`` become a live link),
a category chain at the depth limit and a quote at the length limit stay usable.

Every pane, the citation, history, compare, source-figures and quote-filter dialogs are
opened: each is a place where data text becomes a widget's content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import OptionList

from tests import hostile
from tui.ui.screens.citation import CitationScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.quote_filter import QuoteFilter
from tui.ui.screens.source_figures import SourceFigures
from tui.ui.widgets.figure_table import FigureTable

from .helpers import make_app, move_to, plain, press, ready, screen_text
from .textual_adapter import screen_rows

SIZE = (200, 50)


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.accepted(tmp_path_factory.mktemp("hostile") / "accepted")


def _links(app: App[Any]) -> list[str]:
    """Hyperlinks on the rendered screen (a parsed [link=...] would leave one)."""
    strips = screen_rows(app)
    return [
        seg.style.link
        for strip in strips
        for seg in strip
        if seg.style is not None and seg.style.link
    ]


async def test_every_pane_shows_markup_as_plain_text(accepted: Path) -> None:
    app = make_app(accepted, fy=2024)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.facts is not None, screen_text(app)
        assert "[/]Daily [b]Example" in screen_text(app)  # Overview's source column
        await press(pilot, "2")
        text = screen_text(app)
        assert "[/]Hardware [/] [bold]x[/bold] [link=https://evil.example/]click" in text
        assert "Deep 12" in text  # the chain at the depth limit is drawn, every level
        ex = app.query_one("#ex-table", FigureTable)
        await move_to(pilot, ex, "hardware_consultancy")
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
        assert "[/]Hardware [/] [bold]x[/bold]" in screen_text(app)
        await press(pilot, "escape", "c")  # compare: category names as cells
        assert "[/]Hardware [/] [bold]x[/bold]" in screen_text(app)
        await press(pilot, "escape", "4")
        assert "[/]B. [link=https://evil.example/]Trader" in screen_text(app)
        await press(pilot, "F")
        assert isinstance(app.screen, QuoteFilter)
        prompts = [plain(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert "Speaker: [/]B. [link=https://evil.example/]Trader (1)" in prompts
        await press(pilot, "escape", "5")
        text = screen_text(app)
        assert "[/] [bold]x[/bold] [link=https://evil.example/]click[/link]" in text
        assert "<img src=x onerror=alert(1)>" in text
        so = app.query_one("#so-table", FigureTable)
        await move_to(pilot, so, "src-b")
        await press(pilot, "s")
        assert isinstance(app.screen, CitationScreen)
        assert "Source: [/] [bold]x[/bold] [link=https://evil.example/]click[/link]" in (
            screen_text(app)
        )
        await press(pilot, "escape", "enter")
        assert isinstance(app.screen, SourceFigures)
        assert "[/]Daily [b]Example" in screen_text(app)
        assert not any("evil.example" in link for link in _links(app))
        await press(pilot, "escape")
        assert app.is_running and app.return_code is None


async def test_a_quote_at_the_length_limit_stays_usable(accepted: Path) -> None:
    app = make_app(accepted, fy=2024)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4")
        qt = app.query_one("#qu-table", FigureTable)
        for _ in range(3):
            await press(pilot, "j", "k")
        assert qt.row_count == 2
        assert "[/][/][/]" in screen_text(app)
        assert app.is_running


async def test_the_error_screen_shows_hostile_problems_escaped(tmp_path: Path) -> None:
    from tui.ui.screens.errors import ErrorScreen

    rejected = hostile.rejected(tmp_path / "rejected")
    app = make_app(rejected)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ErrorScreen)
        text = screen_text(app)
        assert "unknown key 'bad\\x1bkey' in [[source]]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert app.is_running
