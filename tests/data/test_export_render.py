"""Export tables rendered as CSV, JSON and Markdown, and written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from tui.data import Facts
from tui.data.export import FORMATS, OBS_COLUMNS, TABLES, render, table_rows, write_atomic


def test_exports_table_rows_keep_their_sources(facts: Facts) -> None:
    rows = table_rows(facts, "exports", 2024)
    cs = [r for r in rows if r["series"] == "computer_services"]
    assert [(r["value"], r["source"], r["status"], r["preferred"]) for r in cs] == [
        (3000.0, "src-a", "full,conflict", "yes"),
        (3650.0, "src-b", "full,conflict", ""),
    ]
    assert cs[0]["source_url"] == "https://example.org/sbp"
    assert cs[0]["period_span"] == "Jul 2024 to Jun 2025"
    free = next(r for r in rows if r["series"] == "freelance")
    assert (free["value"], free["status"]) == (None, "missing")
    ites = next(r for r in rows if r["series"] == "ites")
    assert ites["status"] == "partial"
    # only FY2024-25 periods; FY2024-25/4M belongs to it
    assert {r["period"] for r in rows} == {"FY2024-25", "FY2024-25/4M", "FY2024-25/6M"}
    assert list(rows[0]) == list(OBS_COLUMNS)


def test_table_rows_without_fy_and_other_tables(facts: Facts) -> None:
    assert len(table_rows(facts, "exports")) == 20
    assert [r["period"] for r in table_rows(facts, "imports")] == [
        "FY2023-24",
        "2024-07",
        "FY2024-25",
        "FY2025-26/3M",
    ]
    # calendar years overlapping FY2023-24 are CY2023 and CY2024
    assert [r["period"] for r in table_rows(facts, "assembly", 2023)] == ["CY2023", "CY2024"]
    quotes = table_rows(facts, "quotes", 2024)
    assert [q["id"] for q in quotes] == ["minister-total"]
    assert quotes[0]["source_url"] == "https://example.org/press"
    sources = {r["id"]: r["figures"] for r in table_rows(facts, "sources")}
    assert sources == {"src-a": 21, "src-b": 3, "src-c": 2}
    with pytest.raises(ValueError, match="unknown table 'nope' \\(valid: exports, imports"):
        table_rows(facts, "nope")


def test_render_csv(facts: Facts) -> None:
    text = render(table_rows(facts, "exports", 2024), "csv")
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert {"period", "value", "unit", "status", "source"} <= set(parsed[0])
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
    assert hw["value"] == 7.5 and hw["unit"] == "US$ million" and hw["status"] == "full"
    free = next(r for r in data if r["series"] == "freelance")
    assert free["value"] is None


def test_render_md(facts: Facts) -> None:
    rows: list[dict[str, object]] = [{"a": "x|y", "b": 1.5}, {"a": "two\nlines", "b": None}]
    assert render(rows, "md") == "| a | b |\n|---|---|\n| x\\|y | 1.5 |\n| two lines |  |\n"
    text = render(table_rows(facts, "exports", 2024), "md")
    lines = text.splitlines()
    assert lines[0] == "| " + " | ".join(OBS_COLUMNS) + " |"
    assert lines[1] == "|" + "---|" * len(OBS_COLUMNS)
    assert any("| hardware_consultancy | Hardware consultancy | FY2024-25 |" in ln for ln in lines)


def test_render_columns_empty_rows_and_bad_format() -> None:
    assert render([{"a": 1, "b": 2}], "csv", ["b"]) == "b\n2\n"
    assert render([], "csv") == ",".join(OBS_COLUMNS) + "\n"
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
