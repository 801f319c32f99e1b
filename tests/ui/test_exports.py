"""The Exports pane: the category tree, shares, folding, history, ASCII glyphs."""

from __future__ import annotations

from tui.ui.screens.history import HistoryScreen

from .helpers import (
    DASH,
    FULL_FY,
    HW,
    SIZE,
    children,
    descendants,
    make_app,
    move_to,
    observations,
    open_history,
    press,
    ready,
    row_cells,
    row_keys,
    rows_of,
    screen_line,
    screen_text,
    series,
    table,
)


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
        screen = await open_history(pilot)
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
