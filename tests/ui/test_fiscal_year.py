"""The fiscal year: [ and ] step it, f picks it, c compares two."""

from __future__ import annotations

import re

import pytest
from textual.widgets import OptionList, Static

from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.fy_picker import FyPicker

from .helpers import (
    HW,
    SIZE,
    header_line,
    make_app,
    observations,
    press,
    ready,
    row_cells,
    rows_of,
    screen_line,
    screen_text,
    shown,
    static_text,
    table,
)


def fy_of(period: str) -> int:
    """Fiscal start year of a dataset period label (FY, FY part-year or month)."""
    if m := re.match(r"^FY(\d{4})-\d{2}", period):
        return int(m.group(1))
    year, month = (int(x) for x in period.split("-"))
    return year if month >= 7 else year - 1


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
