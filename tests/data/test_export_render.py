"""Export tables rendered as CSV, JSON and Markdown, and written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from tui.data import Facts
from tui.data.export import (
    FORMATS,
    OBS_COLUMNS,
    TABLES,
    build_table,
    columns_of,
    render,
    render_table,
    table_rows,
    write_atomic,
)
from tui.data.fiscal import Period
from tui.data.table import period_dates, records


def test_exports_table_has_one_row_per_category_with_every_figure_column(facts: Facts) -> None:
    table = build_table(facts, "exports", 2024)
    rows = records(table)
    assert [r["series"] for r in rows] == [
        "ict_exports",
        "computer_services",
        "software_consultancy",
        "hardware_consultancy",
        "telecom_services",
        "ites",
        "freelance",
    ]
    assert columns_of(table)[:5] == [
        "category",
        "value",
        "share_of_parent_pct",
        "share_of_total_pct",
        "yoy_pct",
    ]
    cs = next(r for r in rows if r["series"] == "computer_services")
    # the preferred value, flagged, with the other value and its source kept beside it
    assert (cs["value"], cs["source"], cs["conflict"], cs["other_values"]) == (
        3000.0,
        "src-a",
        "yes",
        "3650 (src-b)",
    )
    assert (cs["period"], cs["period_start"], cs["period_end"], cs["coverage"]) == (
        "FY2024-25",
        "2024-07-01",
        "2025-06-30",
        "full year",
    )
    assert cs["publisher"] == "SBP" and cs["source_url"] == "https://example.org/sbp"
    assert cs["share_of_parent_pct"] == 3000.0 / 3800.0 * 100.0  # exact, not rounded
    sw = next(r for r in rows if r["series"] == "software_consultancy")
    assert (sw["value"], sw["qualifier"], sw["lower_bound"]) == (1100.0, ">", "yes")
    ites = next(r for r in rows if r["series"] == "ites")
    assert (ites["period"], ites["coverage"], ites["period_end"]) == (
        "FY2024-25/6M",
        "6 months",
        "2024-12-31",
    )
    free = next(r for r in rows if r["series"] == "freelance")
    assert (free["value"], free["coverage"], free["yoy_pct"]) == (None, "missing", None)


def test_observations_table_keeps_every_published_value(facts: Facts) -> None:
    rows = table_rows(facts, "observations", 2024)
    cs = [r for r in rows if r["series"] == "computer_services"]
    assert [(r["value"], r["source"], r["preferred"], r["conflict"]) for r in cs] == [
        (3000.0, "src-a", "yes", "yes"),
        (3650.0, "src-b", "", "yes"),
    ]


def test_period_dates_cover_fiscal_part_and_calendar_periods() -> None:
    assert period_dates(Period("FYTD", 2024, 10)) == (date(2024, 7, 1), date(2025, 4, 30))
    assert period_dates(Period("FYTD", 2024, 6)) == (date(2024, 7, 1), date(2024, 12, 31))
    assert period_dates(Period("M", 2024, 1, 2)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_dates(Period("CY", 2023)) == (date(2023, 1, 1), date(2023, 12, 31))


def test_table_rows_without_fy_and_other_tables(facts: Facts) -> None:
    # without --fy: the table of every fiscal year, one after the other
    every = table_rows(facts, "exports")
    assert len(every) == 7 * len(facts.explorer_years)
    assert {r["period"] for r in every if r["series"] == "ict_exports"} >= {
        "FY2023-24",
        "FY2024-25",
    }
    assert [r["period"] for r in table_rows(facts, "assembly")] == ["CY2023", "CY2024"]
    quotes = table_rows(facts, "quotes", 2024)
    assert [q["id"] for q in quotes] == ["minister-total"]
    assert quotes[0]["source_url"] == "https://example.org/press"
    sources = {r["id"]: r["figures"] for r in table_rows(facts, "sources")}
    assert sources == {"src-a": 21.0, "src-b": 3.0, "src-c": 2.0}
    with pytest.raises(ValueError, match="unknown table 'nope' \\(valid: overview, exports"):
        table_rows(facts, "nope")


def test_render_csv(facts: Facts) -> None:
    text = render(table_rows(facts, "exports", 2024), "csv")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert {"period", "value", "unit", "coverage", "source", "publisher"} <= set(parsed[0])
    sw = next(r for r in parsed if r["series"] == "software_consultancy")
    assert (sw["value"], sw["qualifier"], sw["unit"], sw["source"]) == (
        "1100",
        ">",
        "US$ million",
        "src-b",
    )
    free = next(r for r in parsed if r["series"] == "freelance")
    assert free["value"] == "" and free["note"] == "not published for FY2024-25"
    assert "\r" not in text


def test_render_json(facts: Facts) -> None:
    data = json.loads(render(table_rows(facts, "exports", 2024), "json"))
    hw = next(r for r in data if r["series"] == "hardware_consultancy")
    assert hw["value"] == 7.5 and hw["unit"] == "US$ million" and hw["coverage"] == "full year"
    free = next(r for r in data if r["series"] == "freelance")
    assert free["value"] is None


def test_render_md(facts: Facts) -> None:
    rows: list[dict[str, object]] = [{"a": "x|y", "b": 1.5}, {"a": "two\nlines", "b": None}]
    assert render(rows, "md") == "| a | b |\n|---|---|\n| x\\|y | 1.5 |\n| two lines |  |\n"
    table = build_table(facts, "exports", 2024)
    lines = render_table(table, "md").splitlines()
    assert lines[0] == "| " + " | ".join(columns_of(table)) + " |"
    assert lines[1] == "|" + "---|" * len(columns_of(table))
    assert any(ln.startswith("| Hardware consultancy | 7.5 | 0.25 |") for ln in lines)


def test_render_columns_empty_rows_and_bad_format() -> None:
    assert render([{"a": 1, "b": 2}], "csv", ["b"]) == "b\n2\n"
    assert render([], "csv", ["a", "b"]) == "a,b\n"
    assert render([], "json") == "[]\n"
    with pytest.raises(ValueError, match="unknown format 'xml' \\(valid: csv, json, md\\)"):
        render([], "xml")
    assert FORMATS == ("csv", "json", "md")
    assert "exports" in TABLES


def test_write_atomic_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_atomic(target, "a,b\n1,2\n")
    assert target.read_bytes() == b"a,b\n1,2\n"
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_write_atomic_keeps_the_target_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old contents\n")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, "new contents\n")
    assert target.read_text() == "old contents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temp file left


def test_write_atomic_cleans_up_when_the_text_cannot_be_encoded(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad surrogate \udc80")
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_into_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "nope" / "out.csv", "x\n")


def test_obs_columns_are_the_observations_table_columns(facts: Facts) -> None:
    assert tuple(columns_of(build_table(facts, "observations"))) == OBS_COLUMNS
