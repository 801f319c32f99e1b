"""The Overview pane: headline figures, part-year labels, citations (s)."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from tui.data.facts import Figure
from tui.ui.screens.citation import CitationScreen
from tui.ui.screens.history import HistoryScreen

from .helpers import (
    HW,
    HW_SOURCES,
    SIZE,
    make_app,
    move_to,
    press,
    ready,
    row_cells,
    rows_of,
    screen_line,
    screen_text,
    shown,
    sources,
    static_text,
    table,
)


async def test_overview_shows_fy2024_25_headline_figures() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        ov = table(app, "ov-table")
        assert row_cells(ov, "total")["value"].startswith("3,810")
        assert row_cells(ov, "hardware")["value"] == "7.5"
        assert "3,810 US$m" in static_text(app.query_one("#ov-head", Static))
        assert "3,810 US$m" in screen_text(app)
        assert "7.5" in screen_line(app, "Hardware consultancy").split()


async def test_part_year_values_are_labelled_with_their_months() -> None:
    bill = "office_machinery_imports"
    fy25 = {r["period"]: r["value"] for r in rows_of(bill) if r["period"].startswith("FY2024-25")}
    assert "FY2024-25" not in fy25  # no full-year import bill: the longest part-year is shown
    label = max(fy25, key=lambda p: int(p.split("/")[1].rstrip("M")))
    months = label.split("/")[1]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        cell = row_cells(table(app, "ov-table"), f"import-{bill}")["value"]
        assert cell.split() == [shown(fy25[label]), f"({months})"]
        assert f"({months})" in screen_line(app, "Hardware import bill")
        # FY2025-26 has part-year export data only: the headline says how many months
        await press(pilot, "]")
        assert app.fy == 2025
        head = static_text(app.query_one("#ov-head", Static))
        assert re.search(r"US\$m \(\d{1,2}M\)", head), head


async def test_source_citation_names_the_source_and_y_copies_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    live = rows_of(HW, "FY2024-25")
    assert {r["source"] for r in live} == HW_SOURCES
    assert {float(r["value"]) for r in live} == {7.5}  # both sources state 7.5: no conflict
    app = make_app()
    copied: list[str] = []
    opened: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        ov = table(app, "ov-table")
        await move_to(pilot, ov, "hardware")
        await press(pilot, "s")
        screen = app.screen
        assert isinstance(screen, CitationScreen)
        assert isinstance(screen.target, Figure)
        chosen = screen.target.source
        assert chosen in HW_SOURCES
        src = sources()[chosen]
        text = static_text(screen.query_one("#cite-text", Static))
        assert text.startswith("Hardware consultancy, FY2024-25 (Jul 2024 to Jun 2025")
        assert "Value: 7.5 US$ million" in text
        assert f"Source: {src['title']}" in text
        assert f"URL: {src['url']}" in text
        other = sources()[(HW_SOURCES - {chosen}).pop()]
        assert other["url"] in text  # the other source is listed too
        assert "Hardware consultancy, FY2024-25" in screen_text(app)
        # the overview's note column named the same publisher as the citation
        assert str(src["publisher"]).startswith(row_cells(ov, "hardware")["about"].split(",")[0])
        await press(pilot, "y")
        assert copied == [text.rstrip("\n")]
        await press(pilot, "o")
        assert opened == [src["url"]]
        await press(pilot, "escape")
        assert not isinstance(app.screen, CitationScreen)
        assert len(app.screen_stack) == 1
        await press(pilot, "enter")  # Enter on an overview figure opens its history
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.series_id == HW


async def test_source_on_a_statement_row_cites_its_sources() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await move_to(pilot, table(app, "ov-table"), "statement")
        await press(pilot, "s")
        assert isinstance(app.screen, CitationScreen)
        text = static_text(app.screen.query_one("#cite-text", Static))
        assert "Value: 99%" in text
        assert sources()["cwp-2025-08-19-hardware"]["url"] in text
