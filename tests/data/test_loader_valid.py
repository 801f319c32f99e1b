"""A valid dataset loads, whatever its encoding details."""

from __future__ import annotations

import math
from pathlib import Path

from tests.synthdata import CLAIMS, OBSERVATIONS, SERIES, SOURCES, DatasetFactory, line_of
from tui.data import load_dataset
from tui.data.fiscal import Period


def test_valid_dataset_loads(dataset_dir: Path) -> None:
    ds = load_dataset(dataset_dir)
    assert ds.root == dataset_dir
    assert ds.manifest.name == "synthetic pkit dataset"
    assert ds.manifest.total_series == "ict_exports"
    assert ds.manifest.hardware_import_series == ("office_machinery_imports",)
    assert set(ds.sources) == {"src-a", "src-b", "src-c"}
    assert ds.sources["src-b"].reliability == "low"
    assert ds.sources["src-a"].reliability == "normal"
    assert len(ds.series) == 9
    assert ds.series["handsets_assembled"].calendar == "cy"
    assert ds.series["software_consultancy"].parent == "computer_services"
    assert [q.id for q in ds.quotes] == ["minister-total", "trader-total"]
    assert ds.quotes[0].is_direct and not ds.quotes[1].is_direct
    assert ds.quotes[0].claim_value == 3800.0
    assert [c.id for c in ds.claims] == ["hw-growth", "cs-growth", "ict-growth"]
    assert ds.statements[0].value == 99.0
    assert ds.statements[0].items == ("desktops", "laptops")
    assert len(ds.table) == len(OBSERVATIONS.splitlines()) - 1
    assert ds.periods["FY2024-25/4M"] == Period("FYTD", 2024, 4)


def test_frame_columns_values_and_lines(dataset_dir: Path) -> None:
    ds = load_dataset(dataset_dir)
    frame = ds.table.to_frame()
    row = frame[(frame["series"] == "hardware_consultancy") & (frame["period"] == "FY2024-25")]
    assert len(row) == 1
    assert float(row["value"].iloc[0]) == 7.5
    assert row["raw"].iloc[0] == "7.5"
    assert int(row["line"].iloc[0]) == line_of(OBSERVATIONS, "hardware_consultancy,FY2024-25")
    # the series unit fills an empty unit column
    assert row["unit"].iloc[0] == "US$ million"
    missing = frame[(frame["series"] == "freelance") & (frame["period"] == "FY2024-25")]
    assert missing["status"].iloc[0] == "missing"
    assert math.isnan(float(missing["value"].iloc[0]))
    conflict = frame[frame["conflict"]]
    assert set(conflict["series"]) == {"computer_services"}
    assert len(conflict) == 2
    assert frame.loc[frame["source"] == "src-b", "preferred"].sum() == 0
    assert bool(frame.loc[frame["reason"] == "official SBP figure", "preferred"].iloc[0])


def test_crlf_and_bom_files_load(make_dataset: DatasetFactory) -> None:
    def crlf_bom(text: str) -> bytes:
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")

    folder = make_dataset(
        observations=crlf_bom(OBSERVATIONS),
        series=crlf_bom(SERIES),
        sources=crlf_bom(SOURCES),
        claims=crlf_bom(CLAIMS),
    )
    ds = load_dataset(folder)
    assert len(ds.table) == len(OBSERVATIONS.splitlines()) - 1
    # the BOM does not end up in the first column name, CR not in the last value
    assert "series" in ds.table.to_frame().columns
    assert not ds.table.to_frame()["excerpt"].str.contains("\r").any()
    assert set(ds.sources) == {"src-a", "src-b", "src-c"}
    lines = sorted(int(x) for x in ds.table.to_frame()["line"])
    assert lines == list(range(2, len(OBSERVATIONS.splitlines()) + 1))


def test_columns_in_any_order_and_optional_columns(make_dataset: DatasetFactory) -> None:
    csv_text = (
        "source,value,period,series\n"
        "src-a,3800,FY2024-25,ict_exports\n"
        "src-a,3223,FY2023-24,ict_exports\n"
        "src-a,2600,FY2022-23,ict_exports\n"
        "src-a,2108,FY2022-23,computer_services\n"
        "src-a,2619,FY2023-24,computer_services\n"
        "src-a,6.8,FY2023-24,hardware_consultancy\n"
        "src-a,7.5,FY2024-25,hardware_consultancy\n"
    )
    ds = load_dataset(make_dataset(observations=csv_text))
    frame = ds.table.to_frame()
    assert list(zip(frame["series"], frame["period"], frame["value"], strict=True))[:2] == [
        ("ict_exports", "FY2024-25", 3800.0),
        ("ict_exports", "FY2023-24", 3223.0),
    ]
    assert list(frame["line"]) == list(range(2, 9))
    assert set(ds.table.to_frame()["status"]) == {"ok"}
    assert set(ds.table.to_frame()["qualifier"]) == {""}


def test_quoted_header_is_read_as_csv(make_dataset: DatasetFactory) -> None:
    quoted = OBSERVATIONS.replace("series,period,value", '"series","period",value', 1)
    ds = load_dataset(make_dataset(observations=quoted))
    assert len(ds.table) == len(OBSERVATIONS.splitlines()) - 1


def test_blank_lines_are_skipped(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS.replace(
        "\ncomputer_services,FY2022-23", "\n\n\ncomputer_services,FY2022-23"
    )
    ds = load_dataset(make_dataset(observations=text))
    frame = ds.table.to_frame()
    row = frame[(frame["series"] == "computer_services") & (frame["period"] == "FY2022-23")]
    assert int(row["line"].iloc[0]) == line_of(text, "computer_services,FY2022-23")


def test_embedded_newline_in_quoted_field(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS.replace(
        '"ICT exports reached $3.8 billion"', '"ICT exports\nreached $3.8 billion"'
    )
    ds = load_dataset(make_dataset(observations=text))
    frame = ds.table.to_frame()
    ex = frame.loc[(frame["series"] == "ict_exports") & (frame["period"] == "FY2024-25"), "excerpt"]
    assert ex.iloc[0] == "ICT exports\nreached $3.8 billion"
    later = frame[(frame["series"] == "handsets_assembled") & (frame["period"] == "CY2024")]
    assert int(later["line"].iloc[0]) == line_of(text, "handsets_assembled,CY2024")
    assert int(later["line"].iloc[0]) == line_of(OBSERVATIONS, "handsets_assembled,CY2024") + 1


def test_erratum_rows_load_and_are_not_preferred(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + "telecom_services,FY2024-25,5000,,,src-b,erratum,,,typo in the article,\n"
    ds = load_dataset(make_dataset(observations=text))
    frame = ds.table.to_frame()
    err = frame[frame["status"] == "erratum"]
    assert list(err["source"]) == ["src-b"]
    # an erratum does not make a conflict
    assert not frame.loc[frame["series"] == "telecom_services", "conflict"].any()


def test_same_value_from_two_sources_is_not_a_conflict(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + "ict_exports,FY2024-25,3800,,,src-b,,,,,\n"
    ds = load_dataset(make_dataset(observations=text))
    frame = ds.table.to_frame()
    assert not frame["conflict"].iloc[:3].any()
    assert not frame.loc[frame["series"] == "ict_exports", "conflict"].any()
