"""Excel-ready exports: `--format xlsx` for every table (numbers as numbers, periods as text,
sources as hyperlinks, a notes sheet with units and citations) and `--excel-csv` (a BOM)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tui.cli.main import main
from tui.data import Facts, load_dataset
from tui.data.export import TABLES, render, table_rows
from tui.locations import bundled_data_dir


@pytest.fixture(scope="module")
def facts() -> Facts:
    return Facts(load_dataset(bundled_data_dir()))


def export(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "out.xlsx"
    assert main(["export", *args, "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("table", TABLES)
def test_every_table_as_a_workbook_has_the_same_rows_and_columns(
    tmp_path: Path, table: str, facts: Facts
) -> None:
    rows = table_rows(facts, table)
    book = pd.read_excel(export(tmp_path, "--table", table, "--format", "xlsx"), sheet_name=None)
    assert list(book) == [table, "notes"]
    sheet = book[table]
    assert list(sheet.columns) == list(rows[0])
    assert len(sheet) == len(rows)


def test_numbers_are_numbers_and_periods_stay_text(tmp_path: Path, facts: Facts) -> None:
    rows = table_rows(facts, "observations")
    ws = openpyxl.load_workbook(export(tmp_path, "--table", "observations"))["observations"]
    header = [c.value for c in ws[1]]
    value_col, period_col = header.index("value"), header.index("period")
    for row, data in zip(ws.iter_rows(min_row=2), rows, strict=True):
        value, period = row[value_col], row[period_col]
        if data["value"] is None:
            assert value.value is None  # missing stays missing
        else:
            assert value.data_type == "n" and value.value == data["value"]
        assert period.data_type == "s" and period.value == data["period"]
    months = [r for r in rows if len(str(r["period"])) == 7 and str(r["period"])[4] == "-"]
    assert months, "the bundled data has monthly periods such as 2024-07"


def test_sources_are_hyperlinks(tmp_path: Path, facts: Facts) -> None:
    rows = table_rows(facts, "exports")
    ws = openpyxl.load_workbook(export(tmp_path, "--table", "exports", "--format", "xlsx"))[
        "exports"
    ]
    header = [c.value for c in ws[1]]
    col = header.index("source")
    linked = 0
    for row, data in zip(ws.iter_rows(min_row=2), rows, strict=True):
        cell = row[col]
        if str(data["source_url"]).startswith("http"):
            assert cell.hyperlink is not None and cell.hyperlink.target == data["source_url"]
            linked += 1
    assert linked > 0


def test_notes_sheet_has_units_and_citations(tmp_path: Path, facts: Facts) -> None:
    notes = pd.read_excel(
        export(tmp_path, "--table", "imports", "--format", "xlsx"), sheet_name="notes"
    )
    items = list(notes["item"])
    assert "unit" in items
    units = " ".join(notes.loc[notes["item"] == "unit", "note"])
    assert "US$ million" in units
    for sid in {str(r["source"]) for r in table_rows(facts, "imports") if r["source"]}:
        src = facts.ds.sources[sid]
        row = notes.loc[notes["item"] == sid]
        assert len(row) == 1, sid
        assert src.publisher in row["note"].iloc[0]
        assert row["url"].iloc[0] == src.url


def test_suffix_picks_xlsx_and_the_workbook_is_a_zip(tmp_path: Path) -> None:
    out = export(tmp_path, "--table", "sources")
    assert out.read_bytes()[:2] == b"PK"


def test_excel_csv_is_the_csv_with_a_bom(
    tmp_path: Path, facts: Facts, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.csv"
    assert main(["export", "--table", "quotes", "--excel-csv", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text == render(table_rows(facts, "quotes"), "csv")
    assert list(csv.DictReader(io.StringIO(text)))[0]["id"]


def test_excel_csv_with_another_format_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["export", "--table", "quotes", "--excel-csv", "--format", "json"]) == 2
    assert "--excel-csv writes CSV" in capsys.readouterr().err


def test_text_that_looks_like_a_formula_stays_text(facts: Facts) -> None:
    from tui.data.excel import xlsx_bytes

    rows = [{"id": "q1", "text": '=HYPERLINK("http://x")', "note": "@SUM(A1:A2)", "n": 3}]
    ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(facts, "quotes", rows, list(rows[0]))))[
        "quotes"
    ]
    cells = {c.value: c.data_type for c in ws[2]}
    assert cells == {"q1": "s", '=HYPERLINK("http://x")': "s", "@SUM(A1:A2)": "s", 3: "n"}
