"""The Imports pane: import lines and calendar-year handsets."""

from __future__ import annotations

from textual.widgets import Static

from .helpers import (
    SIZE,
    focused,
    make_app,
    observations,
    press,
    ready,
    row_cells,
    row_keys,
    rows_of,
    screen_line,
    screen_text,
    series,
    settle,
    static_text,
    table,
)


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
