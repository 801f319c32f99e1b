"""Start-up: the starting fiscal year and pane, an invalid dataset, where preferences go."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

from textual.widgets import Static, TabbedContent

from tui.ui.screens.errors import ErrorScreen

from .helpers import (
    DATA,
    FULL_FY,
    HW,
    SIZE,
    focused,
    header_line,
    make_app,
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
        # the name may be cut with an ellipsis at 80 columns (the detail line has it whole)
        assert expected in screen_line(app, "Hardware consult").split()


async def test_a_starting_year_without_data_falls_back_to_the_latest_full_year(
    notes: list[tuple[str, dict[str, Any]]],
) -> None:
    app = make_app(fy=1999)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.fy == 2024
        assert "FY2024-25 (Jul 2024 to Jun 2025)" in header_line(app)
        messages = [message for message, _ in notes]
        assert any("No data for FY1999-00" in m for m in messages), messages


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
    assert app.return_code == 0  # an exception in the app would have made it 1


async def test_preferences_are_written_to_the_xdg_state_folder(isolated_xdg: Path) -> None:
    prefs = isolated_xdg / "pkit" / "preferences.toml"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "[", "2")
    text = prefs.read_text(encoding="utf-8")
    assert "fy = 2023" in text
    assert 'pane = "exports"' in text
