"""`b`: the brief for the year and pane in view, in a dialog that can save or copy it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Input

from tui.ui.actions import by_id
from tui.ui.screens.brief import BriefScreen

from .helpers import focused, make_app, press, ready, screen_text, until

SIZE = (80, 24)


async def test_b_shows_the_brief_for_the_year_and_pane_in_view() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "b Brief" in screen_text(app)  # the footer offers it
        await press(pilot, "b")
        assert isinstance(app.screen, BriefScreen)
        shown = screen_text(app)
        assert "Brief: FY2024-25, topic all" in shown
        assert "pkit brief: FY2024-25 (Jul 2024 to Jun 2025)" in shown
        # wrapped to the dialog's width, continuation lines indented under their bullet
        assert "│ - ICT services exports (telecom, computer and information services),  " in shown
        assert "│   FY2024-25: 3,810 US$ million (SBP) [1]; the same figure at another  " in shown
        await press(pilot, "escape")
        assert not isinstance(app.screen, BriefScreen)
        await press(pilot, "[", "[", "3", "b")
        assert isinstance(app.screen, BriefScreen)
        assert "Brief: FY2022-23, topic imports" in screen_text(app)
        assert "pkit brief: FY2022-23 (Jul 2022 to Jun 2023)" in screen_text(app)


async def test_j_and_k_scroll_the_brief() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "b")
        scroll = app.screen.query_one("#brief-scroll", VerticalScroll)
        await press(pilot, *"jjjjj")
        assert scroll.scroll_y == 5
        await press(pilot, "k")
        assert scroll.scroll_y == 4
        assert "pkit brief: FY2024-25" not in screen_text(app)  # scrolled past the title


async def test_w_saves_the_brief_atomically_in_the_format_of_the_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2", "b", "w")
        box = app.screen.query_one("#brief-path", Input)
        assert box.display and focused(app) is box
        assert box.value == "pkit-brief-FY2024-25-exports.md"
        await press(pilot, "enter")
        assert not isinstance(app.screen, BriefScreen)
        await press(pilot, "b", "w")
        box = app.screen.query_one("#brief-path", Input)
        box.value = str(tmp_path / "brief.html")
        await press(pilot, "enter")
        assert not isinstance(app.screen, BriefScreen)
    md = (tmp_path / "pkit-brief-FY2024-25-exports.md").read_text(encoding="utf-8")
    assert md.startswith("# pkit brief: FY2024-25 (Jul 2024 to Jun 2025)\n")
    assert "Topic: exports." in md and "3,810 US$ million (SBP) \\[1\\]" in md
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Topic: exports." in html
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brief.html",
        "pkit-brief-FY2024-25-exports.md",
    ]


async def test_saving_into_a_missing_folder_says_so_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    said: list[tuple[str, bool]] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append((message, kw["markup"])))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "b", "w")
        app.screen.query_one("#brief-path", Input).value = str(tmp_path / "[b]no" / "b.md")
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefScreen)  # still open: nothing was saved
    where = tmp_path / "[b]no" / "b.md"
    assert said == [(f"Cannot write {where}: folder missing or a folder given.", False)]
    assert not (tmp_path / "[b]no").exists()


async def test_y_copies_markdown_and_serve_mode_never_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(serve_mode=True)
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "b")
        assert "w Save" not in screen_text(app) and "y Copy as Markdown" in screen_text(app)
        await press(pilot, "w")
        assert not app.screen.query_one("#brief-path", Input).display
        await press(pilot, "y")
    assert len(copied) == 1 and copied[0].startswith("# pkit brief: FY2024-25")
    assert list(tmp_path.iterdir()) == []


async def test_the_palette_and_help_list_the_brief() -> None:
    action = by_id("brief")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await press(pilot, "question_mark")
        assert f"{action.title}: One page for the year" in screen_text(app)
        await press(pilot, "escape", "ctrl+p", *"Brief for")
        await until(pilot, lambda: "Brief for this year" in screen_text(app), "the command")
        await press(pilot, "enter")
        assert isinstance(app.screen, BriefScreen)
