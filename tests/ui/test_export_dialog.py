"""The export dialog (e, or the palette): CSV and Excel files, Markdown copied."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tui.ui.screens.export import ExportScreen

from .helpers import (
    HW,
    HW_SOURCES,
    SIZE,
    descendants,
    focused,
    make_app,
    press,
    ready,
    rows_of,
    screen_text,
    sources,
    until,
)


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
