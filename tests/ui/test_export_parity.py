"""The explorer's `e` writes the same table as `pkit export`: same columns, exact values, every
row, whatever the terminal size."""

from __future__ import annotations

import csv
import io

import pytest

from tui.cli.main import main
from tui.ui.screens.export import ExportScreen

from .helpers import DATA, make_app, observations, press, ready, rows_of

# pane key, keys that focus the table, the table name for `pkit export`
CASES = [
    ("1", (), "overview"),
    ("2", (), "exports"),
    ("3", (), "imports"),
    ("4", (), "quotes"),
    ("5", (), "sources"),
]


def cli_csv(table: str, fy: str | None, capsys: pytest.CaptureFixture[str]) -> str:
    args = ["export", "--data", str(DATA), "--table", table, "--format", "csv"]
    if fy is not None:
        args += ["--fy", fy]
    capsys.readouterr()
    assert main(args) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
@pytest.mark.parametrize(("key", "keys", "table"), CASES, ids=[c[2] for c in CASES])
async def test_explorer_export_equals_pkit_export(
    key: str,
    keys: tuple[str, ...],
    table: str,
    size: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = make_app()
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await press(pilot, key, *keys, "e")
        assert isinstance(app.screen, ExportScreen)
        options = app.screen.query_one("#export-options")
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]  # type: ignore[attr-defined]
        await press(pilot, *["down"] * ids.index("copy-csv"), "enter")
        fy = app.fy
    assert len(copied) == 1
    label = None if table in ("quotes", "sources") else f"{fy}-{(fy or 0) % 100 + 1:02d}"
    expected = cli_csv(table, label, capsys)
    got = list(csv.DictReader(io.StringIO(copied[0])))
    want = list(csv.DictReader(io.StringIO(expected)))
    assert got == want  # same columns, same values, same rows, in the same order
    assert len(got) > 0
    if table in ("overview", "exports", "imports"):
        # values are exact: each is written as in data/observations.csv
        published = {(r["series"], r["period"], r["source"]): r["value"] for r in observations()}
        for row in got:
            if row["value"] and row["unit"] not in ("ratio", "%"):
                where = (row["series"], row["period"], row["source"])
                assert float(row["value"]) == float(published[where]), where


def test_overview_export_has_every_month_whatever_the_size(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = cli_csv("overview", "2024-25", capsys)
    months = [r for r in csv.DictReader(io.StringIO(text)) if r["coverage"] == "1 month"]
    published = {r["period"] for r in rows_of("ict_exports")}
    assert {r["period"] for r in months} == {p for p in published if len(p) == 7 and p[4] == "-"}
