"""Pilot tests of the five panes and their dialogs: app state and the figures a user reads.

Expected figures come from the dataset files (read with csv/tomllib in helpers.py) or from the
issue text (3,810; 7.5; 6.8; 1,494); what is checked is what the widgets hold and what the
rendered screen shows.
"""

from __future__ import annotations

import asyncio
import csv
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static, TabbedContent

from tui.data.agreement import CONFLICT, agreement
from tui.data.facts import Figure
from tui.ui.actions import ACTIONS, PANES
from tui.ui.app import PkitApp
from tui.ui.screens.citation import CitationScreen
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.errors import ErrorScreen
from tui.ui.screens.export import ExportScreen
from tui.ui.screens.fy_picker import FyPicker
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.history import HistoryScreen
from tui.ui.screens.quote_filter import QuoteFilter
from tui.ui.screens.search import SearchPrompt
from tui.ui.screens.source_figures import SourceFigures
from tui.ui.screens.theme_picker import ThemePicker
from tui.ui.widgets.figure_table import FigureTable

from .helpers import (
    DATA,
    children,
    descendants,
    focused,
    make_app,
    move_to,
    observations,
    press,
    quotes,
    ready,
    resize,
    row_cells,
    row_keys,
    rows_of,
    screen_line,
    screen_text,
    send_key,
    series,
    settle,
    shown,
    sources,
    static_text,
    until,
)

SIZE = (80, 24)
HW = "hardware_consultancy"
HW_SOURCES = {"cwp-2025-08-19-hardware", "worldeconomist-2025-08-19-hardware"}
FULL_FY = re.compile(r"^FY(\d{4})-\d{2}$")
DASH = "—"


def table(app: PkitApp, table_id: str) -> FigureTable:
    return app.screen.query_one(f"#{table_id}", FigureTable)


def header_line(app: PkitApp) -> str:
    """The first terminal row: the app name and the fiscal year."""
    return screen_text(app).splitlines()[0]


def fy_of(period: str) -> int:
    """Fiscal start year of a dataset period label (FY, FY part-year or month)."""
    if m := re.match(r"^FY(\d{4})-\d{2}", period):
        return int(m.group(1))
    year, month = (int(x) for x in period.split("-"))
    return year if month >= 7 else year - 1


def quote_haystack(q: dict[str, object]) -> str:
    """The fields the quotes search looks in (text, speaker, role, organisation, outlet, topics)."""
    topics = q.get("topics", [])
    assert isinstance(topics, list)
    fields = [str(q.get(k, "")) for k in ("text", "speaker", "role", "organisation", "outlet")]
    return " ".join([*fields, " ".join(str(t) for t in topics)]).lower()


# -- start-up and the fiscal year -------------------------------------------------------------


async def test_starts_on_latest_full_fiscal_year() -> None:
    full_years = {r["period"] for r in rows_of("ict_exports") if FULL_FY.match(r["period"])}
    assert max(full_years) == "FY2024-25"  # later periods (FY2025-26) are part-years only
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.fy == 2024
        assert "pkit  FY2024-25 (Jul 2024 to Jun 2025)" in header_line(app)
        assert app.query_one(TabbedContent).active == "overview"
        assert focused(app) is table(app, "ov-table")
        overview = app.pane("overview")
        assert overview is not None and not overview.loading


async def test_options_pick_the_starting_year_and_pane() -> None:
    app = make_app(fy=2022, start_pane="exports")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.fy == 2022
        assert app.query_one(TabbedContent).active == "exports"
        assert "FY2022-23 (Jul 2022 to Jun 2023)" in header_line(app)
        raw = rows_of(HW, "FY2022-23")[0]["value"]
        expected = shown(raw)  # one decimal on screen; the exact value in detail and export
        assert row_cells(table(app, "ex-table"), HW)["value"].strip() == expected
        assert expected in screen_line(app, "Hardware consultancy").split()


async def test_a_starting_year_without_data_falls_back_to_the_latest_full_year() -> None:
    app = make_app(fy=1999)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.fy == 2024
        assert "FY2024-25 (Jul 2024 to Jun 2025)" in header_line(app)
        messages = [n.message for n in app._notifications]
        assert any("No data for FY1999-00" in m for m in messages), messages


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


async def test_brackets_step_the_fiscal_year_and_every_pane_follows() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "[")
        assert app.fy == 2023
        assert "FY2023-24 (Jul 2023 to Jun 2024)" in header_line(app)
        ov = table(app, "ov-table")
        assert row_cells(ov, "hardware")["value"] == "6.8"
        assert row_cells(ov, "total")["value"].startswith("3,223")
        assert "6.8" in screen_line(app, "Hardware consultancy").split()
        # a pane that was not visible when the year changed shows the new year when opened
        await press(pilot, "2")
        assert row_cells(table(app, "ex-table"), HW)["value"] == "6.8"
        assert static_text(app.query_one("#ex-head", Static)).startswith("FY2023-24")
        await press(pilot, "1", "]")
        assert app.fy == 2024
        assert "FY2024-25 (Jul 2024 to Jun 2025)" in header_line(app)
        assert row_cells(ov, "hardware")["value"] == "7.5"
        assert "7.5" in screen_line(app, "Hardware consultancy").split()


async def test_brackets_ring_the_bell_and_stay_at_either_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    periods = [r["period"] for r in observations() if r["series"] == "ict_exports"]
    first, last = min(map(fy_of, periods)), max(map(fy_of, periods))
    app = make_app()
    bells: list[str] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append("bell"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.fy is not None
        await press(pilot, *["["] * (app.fy - first))
        assert (app.fy, bells) == (first, [])
        await press(pilot, "[")
        assert (app.fy, bells) == (first, ["bell"])
        assert f"FY{first}-{(first + 1) % 100:02d}" in header_line(app)
        await press(pilot, *["]"] * (last - first))
        assert (app.fy, bells) == (last, ["bell"])
        await press(pilot, "]")
        assert (app.fy, bells) == (last, ["bell", "bell"])
        assert f"FY{last}-{(last + 1) % 100:02d}" in header_line(app)


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


async def test_missing_values_show_a_dash_and_part_years_their_months() -> None:
    assert not rows_of("computer_software", "FY2024-25")
    fy21 = {r["period"] for r in rows_of(HW) if r["period"].startswith("FY2020-21")}
    assert "FY2020-21" not in fy21 and len(fy21) == 1  # only a part-year was published
    months = fy21.pop().split("/")[1]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2")
        ex = table(app, "ex-table")
        cells = row_cells(ex, "computer_software")
        assert (cells["value"].strip(), cells["yoy_pct"]) == (DASH, DASH)
        assert DASH in screen_line(app, "Computer software").split()
        await press(pilot, "[", "[", "[", "[")
        assert app.fy == 2020
        assert row_cells(ex, HW)["value"].endswith(f"({months})")
        assert f"({months})" in screen_line(app, "Hardware consultancy").split()


# -- panes and focus ---------------------------------------------------------------------------

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


# -- exports tree, folding, history ------------------------------------------------------------


async def test_exports_tree_shows_categories_and_shares() -> None:
    computer = float(rows_of("computer_services", "FY2024-25")[0]["value"])
    total = max(float(r["value"]) for r in rows_of("ict_exports", "FY2024-25"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2")
        ex = table(app, "ex-table")
        keys = row_keys(ex)
        assert keys[0] == "ict_exports"
        assert set(keys) == {"ict_exports"} | descendants("ict_exports")
        for key in keys[1:]:  # every category comes after its parent
            assert keys.index(series()[key]["parent"]) < keys.index(key)
        hw = row_cells(ex, HW)
        assert "Hardware consultancy" in hw["category"]
        assert hw["value"] == "7.5"
        # shares: one decimal for the whole column
        assert hw["share_of_parent_pct"] == f"{7.5 / computer * 100:.1f}%" == "0.2%"
        assert hw["share_of_total_pct"] == f"{7.5 / total * 100:.1f}%"
        assert row_cells(ex, "computer_services")["value"].strip() == "3,240"
        line = screen_line(app, "Hardware consultancy")
        assert "7.5" in line.split() and "0.2%" in line.split()


async def test_space_folds_and_unfolds_computer_services() -> None:
    kids = children("computer_services")
    assert HW in kids
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2")
        ex = table(app, "ex-table")
        await move_to(pilot, ex, "computer_services")
        assert set(kids) <= set(row_keys(ex))
        assert "▾ Computer services" in screen_text(app)
        await press(pilot, "space")
        assert not set(kids) & set(row_keys(ex))
        assert ex.current_key == "computer_services"
        assert "▸ Computer services" in screen_text(app)
        assert "Hardware consultancy" not in screen_text(app)
        assert "Telecommunication services" in screen_text(app)  # siblings stay
        await press(pilot, "space")
        assert set(kids) <= set(row_keys(ex))
        assert "▾ Computer services" in screen_text(app)
        assert "7.5" in screen_line(app, "Hardware consultancy").split()
        # a leaf does not fold
        await move_to(pilot, ex, HW)
        before = row_keys(ex)
        await press(pilot, "space")
        assert row_keys(ex) == before


async def test_enter_on_a_category_opens_its_history_with_every_fiscal_year() -> None:
    fy_rows = [r for r in observations() if r["series"] == HW and FULL_FY.match(r["period"])]
    years = {r["period"] for r in fy_rows}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2")
        await move_to(pilot, table(app, "ex-table"), HW)
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.series_id == HW
        hist = table(app, "hist-table")
        keys = row_keys(hist)
        assert years <= set(keys)
        fy_keys = [k for k in keys if FULL_FY.match(k)]
        assert fy_keys == sorted(years)  # oldest first, each once
        assert row_cells(hist, "FY2024-25")["value"] == "7.5"
        assert row_cells(hist, "FY2023-24")["value"] == "6.8"
        assert row_cells(hist, "FY2020-21")["value"] == DASH
        assert row_cells(hist, "FY2020-21")["status"].startswith("missing")
        assert "Hardware consultancy" in screen_text(app)
        await press(pilot, "escape")
        assert not isinstance(app.screen, HistoryScreen)
        assert len(app.screen_stack) == 1


# -- citations ---------------------------------------------------------------------------------


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


# -- dialogs -----------------------------------------------------------------------------------


async def test_f_picks_a_fiscal_year() -> None:
    expected = rows_of(HW, "FY2022-23")[0]["value"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "f")
        assert isinstance(app.screen, FyPicker)
        options = app.screen.query_one(OptionList)
        assert options.highlighted is not None
        assert options.get_option_at_index(options.highlighted).id == "2024"
        assert "FY2022-23 (Jul 2022 to Jun 2023)" in screen_text(app)
        await press(pilot, "down", "down")
        assert options.get_option_at_index(options.highlighted or 0).id == "2022"
        await press(pilot, "enter")
        assert not isinstance(app.screen, FyPicker)
        assert app.fy == 2022
        assert "FY2022-23 (Jul 2022 to Jun 2023)" in header_line(app)
        assert row_cells(table(app, "ov-table"), "hardware")["value"].strip() == shown(expected)
        # Esc cancels without a change
        await press(pilot, "f", "down", "escape")
        assert not isinstance(app.screen, FyPicker)
        assert app.fy == 2022


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


async def test_c_compares_two_fiscal_years() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        title = static_text(app.screen.query_one("#cmp-title", Static))
        assert "A = FY2023-24" in title and "B = FY2024-25" in title
        cmp = table(app, "cmp-table")
        hw = row_cells(cmp, HW)
        assert (hw["a_value"], hw["b_value"], hw["change_abs"]) == ("6.8", "7.5", "+0.7")
        line = screen_line(app, "  Hardw")  # names are cut to fit 80 columns, with an ellipsis
        assert "6.8" in line.split() and "7.5" in line.split()
        await press(pilot, "[")
        title = static_text(app.screen.query_one("#cmp-title", Static))
        assert "A = FY2022-23" in title
        assert row_cells(cmp, HW)["a_value"] == shown(rows_of(HW, "FY2022-23")[0]["value"])
        assert app.fy == 2024  # the base year of the comparison is not the app's year
        await press(pilot, "escape")
        assert not isinstance(app.screen, CompareScreen)


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


async def test_palette_on_the_quotes_pane_lists_quote_commands_with_their_keys() -> None:
    """Regression: the "[/]" key hint of "Search quotes…" was read as markup and crashed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4", "ctrl+p", *"quotes")
        await until(pilot, lambda: "Filter quotes…  [F]" in screen_text(app), "quote commands")
        assert "Filter quotes…  [F]" in screen_text(app)
        await press(pilot, "escape")
        assert app.return_code is None and len(app.screen_stack) == 1


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


async def test_ascii_mode_uses_plain_glyphs() -> None:
    app = make_app(ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2")
        ex = table(app, "ex-table")
        assert row_cells(ex, "ict_exports")["category"].startswith("[-] ICT services exports")
        assert row_cells(ex, "computer_software")["value"].strip() == "n/a"  # never "-"
        cells = " ".join(" ".join(row_cells(ex, k).values()) for k in row_keys(ex))
        assert cells.isascii(), cells


# -- imports -----------------------------------------------------------------------------------


async def test_imports_pane_shows_mobile_phone_imports_and_calendar_year_handsets() -> None:
    assert [r["value"] for r in rows_of("mobile_phone_imports", "FY2024-25")] == ["1494"]
    assembly = [sid for sid, s in series().items() if s["group"] == "assembly"]
    handset_periods = {r["period"] for r in observations() if r["series"] in assembly}
    assert handset_periods and all(p.startswith("CY") for p in handset_periods)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "3")
        im = table(app, "im-table")
        assert row_cells(im, "mobile_phone_imports")["value"].strip() == "1,494"
        assert "1,494" in screen_line(app, "Mobile phone").split()
        hand = table(app, "as-table")
        assert set(row_keys(hand)) == handset_periods
        for key in row_keys(hand):
            assert row_cells(hand, key)["period"].startswith(key.split("/")[0])
        head = static_text(app.query_one("#as-head", Static))
        assert "calendar years" in head and "CY, not FY" in head
        assert "Calendar" in screen_text(app)
        assert screen_line(app, "CY2024").lstrip().startswith("CY2024")
        part = [k for k in row_keys(hand) if "/" in k]
        assert part, "a part-year handset row is expected"
        for key in part:
            months = key.split("/")[1]
            cells = row_cells(hand, key)
            assert "(Jan to " in cells["period"]
            assert cells["handsets_local"].endswith(f"({months})")


async def test_changing_year_keeps_focus_on_the_table_the_user_chose() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "3")
        hand = table(app, "as-table")
        await pilot.click("#as-table")
        await settle(pilot)
        assert focused(app) is hand
        await press(pilot, "left_square_bracket")
        assert app.fy == 2023
        assert focused(app) is hand
        await press(pilot, "right_square_bracket")
        assert focused(app) is hand


# -- quotes ------------------------------------------------------------------------------------


async def test_reported_statements_are_never_shown_as_quotations() -> None:
    by_id = {str(q["id"]): q for q in quotes()}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4")
        qt = table(app, "qu-table")
        detail = app.query_one("#qu-detail", Static)
        keys = row_keys(qt)
        assert keys == list(by_id)
        kinds: Counter[str] = Counter()
        for i, key in enumerate(keys):
            if i:
                await press(pilot, "down")
            assert qt.current_key == key
            q = by_id[key]
            words = str(q.get("text", ""))
            shown = static_text(detail)
            kinds[str(q["kind"])] += 1
            if q["kind"] == "reported":
                assert row_cells(qt, key)["kind"] == "reported"
                if not words:
                    assert "statement reported" in shown
                    continue
                assert "Reported speech" in shown, shown
                assert words in shown
                for mark in ("“", "”", '"'):
                    assert f"{mark}{words}" not in shown, shown
                    assert f"{words}{mark}" not in shown, shown
                assert "Reported speech" in screen_text(app)
            else:
                assert f"“{words}”" in shown
                assert "Reported speech" not in shown
        assert kinds["reported"] > 0 and kinds["direct"] > 0


async def test_slash_searches_quotes_n_and_capital_n_step_and_no_match_is_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    every = [str(q["id"]) for q in quotes()]
    expected = [str(q["id"]) for q in quotes() if "chromebook" in quote_haystack(q)]
    assert 0 < len(expected) < len(every)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        said: list[str] = []
        monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(str(message)))
        await press(pilot, "4", "/")
        assert isinstance(app.screen, SearchPrompt)
        await press(pilot, *"Chromebook", "enter")
        qt = table(app, "qu-table")
        assert focused(app) is qt
        assert row_keys(qt) == every  # search moves to the match; it does not filter
        assert qt.current_key == expected[0]
        assert "Next" in screen_text(app)  # n is offered once there is a search
        if len(expected) > 1:
            await press(pilot, "n")
            assert qt.current_key == expected[1]
            await press(pilot, "N")
        assert qt.current_key == expected[0]
        await press(pilot, "/", *"zzqx", "enter")
        assert qt.current_key == expected[0]  # no match: the cursor stays
        assert said == ["No match for 'zzqx'."]


@pytest.mark.parametrize("needle", ["[/", "[b]x", "[/]"])
async def test_search_text_with_brackets_is_shown_literally(
    needle: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: search text with markup brackets never crashes and is shown as typed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        said: list[tuple[str, object]] = []
        monkeypatch.setattr(app, "notify", lambda m, **kw: said.append((str(m), kw.get("markup"))))
        await press(pilot, "4", "/", *needle, "enter")
        assert app.return_code is None
        assert said == [(f"No match for {needle!r}.", False)]


async def test_capital_f_filters_quotes_by_speaker() -> None:
    people = Counter(str(q["person"]) for q in quotes())
    person, count = people.most_common(1)[0]
    names = {str(q["speaker"]) for q in quotes() if q["person"] == person}
    expected = [str(q["id"]) for q in quotes() if q["person"] == person]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4", "F")
        screen = app.screen
        assert isinstance(screen, QuoteFilter)
        index = next(i for i, c in enumerate(screen.choices) if c[:2] == ("speaker", person))
        await press(pilot, *["down"] * index)
        label = screen.choices[index][2]
        assert label.endswith(f"({count})")
        assert label in screen_text(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, QuoteFilter)
        qt = table(app, "qu-table")
        assert row_keys(qt) == expected
        assert {row_cells(qt, k)["speaker"] for k in expected} == names
        assert f"{count} of {len(quotes())} statements" in screen_text(app)
        await press(pilot, "escape")
        assert len(row_keys(qt)) == len(quotes())


async def test_enter_on_a_quote_with_a_claim_opens_the_figure_history() -> None:
    q = next(q for q in quotes() if q.get("claim_series") and q.get("claim_period"))
    claim_series, claim_period = str(q["claim_series"]), str(q["claim_period"])
    published = rows_of(claim_series, claim_period)
    assert published
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4")
        await move_to(pilot, table(app, "qu-table"), str(q["id"]))
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        assert screen.series_id == claim_series
        hist = table(app, "hist-table")
        assert hist.current_key == claim_period
        shown = row_cells(hist, claim_period)["value"]
        assert float(shown.replace(",", "")) in {float(r["value"]) for r in published}
        assert app.fy == 2024  # the figure opens in a dialog: the year never changes
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1


async def test_enter_on_a_quote_without_a_figure_shows_its_source() -> None:
    q = next(q for q in quotes() if not q.get("series") and not q.get("claim_series"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "4")
        await move_to(pilot, table(app, "qu-table"), str(q["id"]))
        await press(pilot, "enter")
        assert isinstance(app.screen, CitationScreen)
        assert str(q["speaker"]) in screen_text(app)
        assert app.fy == 2024


# -- sources -----------------------------------------------------------------------------------


def expected_conflicts() -> set[str]:
    """series:period keys where the live values of different sources differ beyond rounding."""
    values: dict[tuple[str, str], list[tuple[float, str, str]]] = defaultdict(list)
    for r in observations():
        if r["status"] in ("", "ok", "conflict", "rounding") and r["value"]:
            values[(r["series"], r["period"])].append(
                (float(r["value"]), r["value"], r["qualifier"])
            )
    return {f"{s}:{p}" for (s, p), v in values.items() if agreement(v) == CONFLICT}


async def test_sources_pane_lists_sources_and_conflicts() -> None:
    conflicts = expected_conflicts()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "5")
        so = table(app, "so-table")
        assert set(row_keys(so)) == set(sources())
        cf = table(app, "cf-table")
        assert {k for k in row_keys(cf) if not k.startswith("claim:")} == conflicts
        head = static_text(app.query_one("#so-head", Static))
        assert head.startswith(
            f"{len(sources())} sources · {len(observations())} figures · {len(conflicts)} conflicts"
        )
        text = screen_text(app)
        assert f"{len(conflicts)} conflicts" in screen_line(app, "values kept")
        first = so.current_key
        assert first is not None
        url = str(sources()[first]["url"])
        assert url[:40] in text  # the highlighted source's URL, under the table
        cited = [r for r in observations() if r["source"] == first]
        await press(pilot, "enter")
        assert isinstance(app.screen, SourceFigures)
        assert len(row_keys(table(app, "sf-table"))) == len(cited)
        await press(pilot, "escape")
        assert len(app.screen_stack) == 1


# -- an invalid dataset ------------------------------------------------------------------------


async def test_invalid_dataset_lists_problems_as_file_line_and_q_quits(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    path = root / "observations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    bad_value = next(i for i, t in enumerate(lines) if t.startswith(f"{HW},FY2024-25,7.5,"))
    lines[bad_value] = lines[bad_value].replace(",7.5,", ",seven,", 1)
    bad_source = next(i for i, t in enumerate(lines) if t.startswith("mobile_phone_imports,"))
    source = lines[bad_source].split(",")[5]
    lines[bad_source] = lines[bad_source].replace(f",{source},", ",no-such-source,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ErrorScreen)
        listing = static_text(app.screen.query_one("#error-list Static", Static))
        problems = listing.splitlines()
        assert len(problems) == 2
        assert problems[0].startswith(f"{path}:{bad_value + 1}: ")
        assert "seven" in problems[0]
        assert problems[1].startswith(f"{path}:{bad_source + 1}: ")
        assert "no-such-source" in problems[1]
        text = screen_text(app)
        assert "2 problems" in text
        assert f"observations.csv:{bad_value + 1}:" in text
        await pilot.press("q")
        for _ in range(500):
            if not app.is_running:
                break
            await asyncio.sleep(0.01)
    assert app.return_code == 0
    assert app._exception is None


# -- terminal size -----------------------------------------------------------------------------


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


# -- export --------------------------------------------------------------------------------------


async def test_e_saves_the_view_as_csv_with_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "2", "e")
        assert isinstance(app.screen, ExportScreen)
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(options.highlighted or 0).id == "save-csv"
        assert "Save as CSV…" in screen_text(app)
        await press(pilot, "enter")
        box = app.screen.query_one("#export-path", Input)
        assert box.display and focused(app) is box
        assert box.value == "pkit-exports-FY2024-25.csv"
        await press(pilot, "enter")
        assert not isinstance(app.screen, ExportScreen)
    written = tmp_path / "pkit-exports-FY2024-25.csv"
    with written.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        assert {"source", "source_url"} <= set(reader.fieldnames or ())
    assert [r["series"] for r in rows][0] == "ict_exports"
    assert {r["series"] for r in rows} == {"ict_exports"} | descendants("ict_exports")
    hw = next(r for r in rows if r["series"] == HW)
    assert float(hw["value"]) == 7.5
    assert hw["source"] in HW_SOURCES
    assert hw["source_url"] == sources()[hw["source"]]["url"]
    for row in rows:
        assert bool(row["value"]) == bool(row["source"]) == bool(row["source_url"]), row


async def test_e_saves_an_excel_workbook_with_numbers_as_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dialog offers every format `pkit export` writes, the workbook included."""
    import pandas as pd

    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "3", "e")
        options = app.screen.query_one(OptionList)
        index = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == "save-xlsx"
        )
        await press(pilot, *["down"] * index, "enter")
        box = app.screen.query_one("#export-path", Input)
        assert box.value == "pkit-imports-FY2024-25.xlsx"
        await press(pilot, "enter")
        assert not isinstance(app.screen, ExportScreen)
    sheet = pd.read_excel(tmp_path / "pkit-imports-FY2024-25.xlsx", sheet_name="imports")
    mobile = sheet[(sheet["series"] == "mobile_phone_imports") & (sheet["period"] == "FY2024-25")]
    assert list(mobile["value"]) == [1494]
    assert pd.api.types.is_numeric_dtype(sheet["value"])


async def test_export_from_the_palette_copies_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "3", "ctrl+p", *"Export this")
        await until(pilot, lambda: "Save or copy" in screen_text(app), "the export command")
        await press(pilot, "enter")
        assert isinstance(app.screen, ExportScreen)
        options = app.screen.query_one(OptionList)
        index = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "copy-md"
        )
        await press(pilot, *["down"] * index, "enter")
        assert not isinstance(app.screen, ExportScreen)
    assert len(copied) == 1
    markdown = copied[0]
    assert markdown.lstrip().startswith("|")
    assert "mobile_phone_imports" in markdown and "1494" in markdown
    mobile = rows_of("mobile_phone_imports", "FY2024-25")[0]
    assert sources()[mobile["source"]]["url"] in markdown


# -- preferences stay in the test's XDG folder ---------------------------------------------------


async def test_preferences_are_written_to_the_xdg_state_folder(isolated_xdg: Path) -> None:
    prefs = isolated_xdg / "pkit" / "preferences.toml"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "[", "2")
    text = prefs.read_text(encoding="utf-8")
    assert "fy = 2023" in text
    assert 'pane = "exports"' in text
