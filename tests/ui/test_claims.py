"""A growth rate a source quotes, on every table row whose change it is about: the mark in the
change cell, the check in the detail line (quoted against computed from the source's own
figures, with the claim's note), the chart's caption, and the claim column of the exports."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from tui.cli.main import main
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.export import ExportScreen
from tui.ui.widgets.chart import PanelChart
from tui.ui.widgets.figure_table import FigureTable

from .helpers import (
    DATA,
    HW,
    SIZE,
    make_app,
    move_to,
    open_history,
    press,
    ready,
    row_cells,
    rows_of,
    screen_text,
    static_text,
    table,
    toml_file,
)

JULY = "pbs-july24-hardware-consultancy"  # +189.32% quoted, +910.45% from its own figures
FY25 = "cwp-hardware-growth"  # +9.9% quoted, 7.5 / 6.8 = +10.29%


def claim(claim_id: str) -> dict[str, Any]:
    return next(c for c in toml_file("claims.toml")["claim"] if c["id"] == claim_id)


def own_rate(c: dict[str, Any]) -> float:
    """The rate the claim's own source's figures give (read from observations.csv)."""
    mine = {
        r["period"]: float(r["value"]) for r in rows_of(c["series"]) if r["source"] == c["source"]
    }
    base, current = mine[c["from_period"]], mine[c["to_period"]]
    return (current - base) / abs(base) * 100.0


def flat(app: Any) -> str:
    """The screen's words in one line (wrapped lines joined, borders left out)."""
    return " ".join(screen_text(app).replace("│", " ").split())


def quoted(c: dict[str, Any]) -> str:
    return f"quoted {'+' if c['quoted_pct'] > 0 else ''}{c['quoted_pct']:g}%"


async def test_history_month_row_checks_the_quoted_rate() -> None:
    july = claim(JULY)
    computed = own_rate(july)
    assert f"{computed:+.2f}%" != f"{july['quoted_pct']:+.2f}%"  # the source's rate is off
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        hist = (await open_history(pilot)).query_one("#hist-table", FigureTable)
        await move_to(pilot, hist, july["to_period"])
        cells = row_cells(hist, july["to_period"])
        # the change as computed from the figures (never replaced) and the claim's mark
        assert f"+{computed:.1f}%" in cells["yoy_pct"]
        assert cells["yoy_pct"].endswith(app.glyphs.claim)
        detail = static_text(app.screen.query_one("#hist-detail", Static))
        assert f"{quoted(july)} vs computed {computed:+.2f}%" in detail
        assert "from the source's own figures" in detail and "disagrees" in detail
        assert july["note"] in detail
        assert july["note"] in flat(app)  # all of it on screen at 80x24
        # the same in the chart's caption when the chart has the point
        chart = app.screen.query_one(PanelChart)
        assert chart.current_key == july["to_period"]
        assert f"{quoted(july)} vs computed {computed:+.2f}%" in chart.render().plain
        # a row without a quoted rate has no mark and no check
        model = hist.model
        assert model is not None
        plain_row = next(r.key for r in model.rows if not r.claims and r.cell("yoy_pct").number)
        await move_to(pilot, hist, plain_row)
        assert app.glyphs.claim not in row_cells(hist, plain_row)["yoy_pct"]
        assert "quoted" not in static_text(app.screen.query_one("#hist-detail", Static))


@pytest.mark.parametrize("where", ["overview", "compare"])
async def test_the_seed_reports_check_is_on_its_row(where: str) -> None:
    fy25 = claim(FY25)
    computed = own_rate(fy25)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        if where == "overview":
            t = table(app, "ov-table")
            key, column = "hardware", "yoy_pct"
        else:
            await press(pilot, "c")
            assert isinstance(app.screen, CompareScreen)
            t = table(app, "cmp-table")
            key, column = HW, "change_pct"
        await move_to(pilot, t, key)
        assert row_cells(t, key)[column].endswith(app.glyphs.claim)
        assert f"{quoted(fy25)} vs computed {computed:+.2f}%" in flat(app)


async def test_history_export_carries_the_quoted_rate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    july = claim(JULY)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_history(pilot)
        await press(pilot, "e")
        assert isinstance(app.screen, ExportScreen)
        await press(pilot, "enter")  # save as CSV, under the name offered
        name = app.screen.query_one("#export-path", Input).value
        await press(pilot, "enter")
    with (tmp_path / name).open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["period"]: r for r in csv.DictReader(fh)}
    row = rows[july["to_period"]]
    assert float(row["value"]) == 0.677  # as published
    assert f"{quoted(july)} (YoY) vs computed {own_rate(july):+.2f}%" in row["claim"]
    assert "disagrees" in row["claim"] and july["source"] in row["claim"]
    assert not rows[july["from_period"]]["claim"]  # July 2023 against July 2022: none quoted


@pytest.mark.parametrize("table_name", ["exports", "overview"])
def test_exports_carry_the_quoted_rate(table_name: str, capsys: pytest.CaptureFixture[str]) -> None:
    fy25 = claim(FY25)
    args = ["export", "--data", str(DATA), "--table", table_name, "--fy", "2024-25"]
    capsys.readouterr()
    assert main([*args, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    hw = next(r for r in rows if r["series"] == HW and r["period"] == "FY2024-25")
    assert f"{quoted(fy25)} (YoY, full year) vs computed {own_rate(fy25):+.2f}%" in hw["claim"]
    assert fy25["source"] in hw["claim"]
    assert float(hw["value"]) == 7.5  # the figure itself as published
    no_claim = [r for r in rows if not r["claim"]]
    assert no_claim  # rows whose change no source quotes have an empty claim column
