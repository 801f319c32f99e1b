"""Every number pkit writes out equals the figure in data/ exactly (no six-digit rounding)."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.data import Facts, load_dataset
from tui.data.cite import citation_text
from tui.data.export import FORMATS, render, table_rows
from tui.data.numbers import exact, grouped, published
from tui.locations import bundled_data_dir

DATA = bundled_data_dir()


@pytest.fixture(scope="module")
def bundled() -> Facts:
    return Facts(load_dataset(DATA))


def _published() -> dict[tuple[str, str, str], str]:
    """(series, period, source) -> the value exactly as written in observations.csv."""
    with (DATA / "observations.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {(r["series"], r["period"], r["source"]): r["value"] for r in csv.DictReader(fh)}


def _parse(text: str, fmt: str) -> list[dict[str, str]]:
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    if fmt == "json":
        return [
            {
                k: "" if v is None else (exact(v) if isinstance(v, float) else str(v))
                for k, v in r.items()
            }
            for r in json.loads(text)
        ]
    lines = text.splitlines()
    head = [c.strip() for c in lines[0].strip("|").split(" | ")]
    return [
        dict(zip(head, (_md_text(c.strip()) for c in ln.strip("|").split(" | ")), strict=False))
        for ln in lines[2:]
    ]


def _md_text(cell: str) -> str:
    """A Markdown cell's text as written before export escaped it (see export.md_escape)."""
    cell = re.sub(r"\\([\\|`*\[\]_])", r"\1", cell)
    return cell.replace("&lt;", "<").replace("&amp;", "&")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_exported_value_equals_the_data(bundled: Facts, fmt: str) -> None:
    published_values = _published()
    seen = 0
    for row in _parse(render(table_rows(bundled, "observations"), fmt), fmt):
        raw = published_values[(row["series"], row["period"], row["source"])]
        if raw == "":
            assert row["value"] == ""
        else:
            assert Decimal(row["value"]) == Decimal(raw), (row["series"], row["period"])
            seen += 1
    # every value in observations.csv leaves in the observations table
    assert seen == sum(1 for v in published_values.values() if v != "")
    # and the explorer's figure tables write the value of the source they name, exactly
    for table in ("overview", "exports", "imports"):
        for row in _parse(render(table_rows(bundled, table), fmt), fmt):
            if row["value"] == "" or row["unit"] in ("ratio", "%") or not row["period"]:
                continue
            raw = published_values[(row["series"], row["period"], row["source"])]
            assert Decimal(row["value"]) == Decimal(raw), (table, row["series"], row["period"])


def test_the_values_the_issue_names_survive_csv(bundled: Facts) -> None:
    text = render(table_rows(bundled, "observations"), "csv")
    values = {r["value"] for r in csv.DictReader(io.StringIO(text))}
    assert {"1438.827", "8500.628", "2593.145", "3810"} <= values
    assert not {"1438.83", "8500.63", "2593.14"} & values


@pytest.mark.parametrize("fmt", FORMATS)
def test_quotes_and_sources_tables_equal_the_data(bundled: Facts, fmt: str) -> None:
    quotes = {q.id: q for q in bundled.ds.quotes}
    for row in _parse(render(table_rows(bundled, "quotes"), fmt), fmt):
        q = quotes[row["id"]]
        text = q.text.replace("\n", " ") if fmt == "md" else q.text
        assert (row["speaker"], row["kind"], row["source"]) == (q.speaker, q.kind, q.source)
        assert row["text"].replace("\\|", "|") == text
    counts = bundled.source_counts()
    for row in _parse(render(table_rows(bundled, "sources"), fmt), fmt):
        assert int(row["figures"]) == counts.get(row["id"], 0)
        assert row["url"] == bundled.ds.sources[row["id"]].url


def test_cli_export_csv_is_exact(tmp_path: Path) -> None:
    out = tmp_path / "imports.csv"
    rc = main(["export", "--table", "imports", "--format", "csv", "-o", str(out)])
    assert rc == 0
    values = {r["value"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert {"2593.145", "8500.628"} <= values


def test_citation_keeps_the_published_precision(bundled: Facts) -> None:
    text = citation_text(bundled, bundled.figure("ict_exports", "FY2019-20"))
    assert "1,438.827" in text
    assert "1,438.83 " not in text
    # a trailing zero the source printed is part of its precision
    assert "788.640" in citation_text(bundled, bundled.figure("ict_exports", "FY2015-16"))


def test_number_helpers() -> None:
    assert [exact(v) for v in (3810.0, 1438.827, 1e20, -0.0, 0.5)] == [
        "3810",
        "1438.827",
        "100000000000000000000",
        "0",
        "0.5",
    ]
    assert grouped(8500.628) == "8,500.628"
    assert published("788.640", 788.64) == "788.640"
    # a raw text that does not match the value is not trusted
    assert published("788.7", 788.64) == "788.64"
