"""`pkit summary`: headline figures and the category table as plain text when piped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.synthdata import OBS_LINES, DatasetFactory, with_rows
from tui.cli.main import main


@pytest.fixture(autouse=True)
def wide_plain_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide, colourless console so table cells are not wrapped or styled."""
    monkeypatch.setenv("COLUMNS", "200")
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(var, raising=False)


def summary_lines(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["summary", *args]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out.splitlines()


def row(lines: list[str], label: str) -> list[str]:
    """The cells of the first table row whose first cell starts with ``label``."""
    for line in lines:
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no row {label!r} in:\n" + "\n".join(lines))


def test_summary_prints_the_figures(dataset_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = summary_lines(capsys, "--data", str(dataset_dir), "--fy", "2024-25")
    assert lines[0].strip() == "pkit summary: FY2024-25 (Jul 2024 to Jun 2025)"
    assert row(lines, "ICT exports")[:4] == [
        "ICT exports",
        "3,800",
        "+17.9% FY vs FY",
        "[1]",
    ]
    assert row(lines, "Software consultancy")[:4] == [
        "Software consultancy",
        ">1,100",
        "n/a",
        "[2]",
    ]
    assert row(lines, "Hardware consultancy")[1:3] == ["7.5", "+10.3% FY vs FY"]
    assert row(lines, "Office machinery (import)")[1:3] == ["~400", "~+14.3% FY vs FY"]
    assert row(lines, "Software / hardware consultancy")[1] == ">146.6x"
    assert row(lines, "Hardware share of ICT exports")[1] == "0.20%"
    text = " ".join(ln.strip() for ln in lines)
    assert (
        "Share of hardware needs met by imports: 99% (desktops, laptops) "
        "[sources: Daily Example, 2025-08-01 [src-b]]" in text
    )
    # the quoted growth rates of the figures printed, each checked, with its source
    assert (
        "Quoted growth, Hardware consultancy FY2023-24 to FY2024-25: quoted +9.9% (YoY, full "
        "year): consistent within rounding: 7.5 / 6.8 gives +10.29%; the published figures' "
        "rounding allows +8.8% to +11.9% [source: Daily Example, 2025-08-01 [src-b]]" in text
    )
    assert "Quoted growth, ICT exports FY2023-24 to FY2024-25: quoted +17.9% (YoY" in text
    # a claim about a year the summary does not print is left out
    assert "Computer services FY2022-23 to FY2023-24" not in text
    assert any(ln.strip() == "Categories, FY2024-25 (Jul 2024 to Jun 2025)" for ln in lines)
    # the tables cite by number; the sources are listed in full, with their URLs, at the end
    sources = [ln for ln in lines if re.match(r"\[\d+\] ", ln)]
    assert sources[0].startswith("[1] SBP, 2025-07-20 [src-a] https://")
    assert sources[1].startswith("[2] Daily Example, 2025-08-01 [src-b] https://")
    assert [ln.split(" ", 1)[0] for ln in sources] == [f"[{n}]" for n in range(1, len(sources) + 1)]


def test_summary_category_table(dataset_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = summary_lines(capsys, "--data", str(dataset_dir), "--fy", "FY25")
    table = lines[next(i for i, ln in enumerate(lines) if ln.startswith("Categories")) :]
    assert row(table, "Computer services") == [
        "Computer services",
        "3,000",
        "FY",
        "78.9%",
        "+14.5%",
        "conflict",
        "[1]",
    ]
    assert row(table, "IT-enabled services")[1:6] == ["50", "6M", "n/a", "+25.0%", "partial"]
    assert row(table, "Freelance remittances") == [
        "Freelance remittances",
        "n/a",
        "FY",
        "n/a",
        "n/a",
        "missing",
        "(a)",
    ]
    # why a figure is missing, once for every row it explains
    assert "(a) not shown: Freelance remittances: not published for FY2024-25" in lines
    assert row(table, "Hardware consultancy")[3] == "0.25%"


def test_summary_defaults_to_the_latest_full_year(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = summary_lines(capsys, "--data", str(dataset_dir))
    assert lines[0].strip() == "pkit summary: FY2024-25 (Jul 2024 to Jun 2025)"


def test_summary_options_before_the_command(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(dataset_dir), "--fy", "FY24", "summary"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].strip() == "pkit summary: FY2023-24 (Jul 2023 to Jun 2024)"


def test_summary_part_year(dataset_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = summary_lines(capsys, "--data", str(dataset_dir), "--fy", "2025-26")
    # the change covers the same 4 months as the value, and says so
    assert row(lines, "ICT exports")[1:3] == ["1,300 (4M)", "+18.2% 4M vs 4M"]


def test_no_color_output_has_no_escape_codes(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert main(["summary", "--data", str(dataset_dir), "--fy", "2024-25"]) == 0
    out = capsys.readouterr().out
    assert "3,800" in out
    assert "\x1b" not in out


@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "piped"])
def test_piped_summary_has_no_escape_codes(dataset_dir: Path, no_color: bool) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR")
    }
    env["TERM"] = "xterm-256color"
    env["COLUMNS"] = "200"
    if no_color:
        env["NO_COLOR"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "summary", "--data", str(dataset_dir), "--fy", "2024-25"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "pkit summary: FY2024-25" in proc.stdout
    assert "[src-a]" in proc.stdout
    assert "\x1b" not in proc.stdout
    assert "\x1b" not in proc.stderr


def test_summary_unknown_fy_lists_the_valid_years(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["summary", "--data", str(dataset_dir), "--fy", "2030-31"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "pkit: --fy FY2030-31: no data for that fiscal year (valid: FY2022-23, FY2023-24, "
        "FY2024-25, FY2025-26)\n"
    )


@pytest.mark.parametrize("fy", ["2024-26", "abc", "FY"])
def test_summary_unreadable_fy(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str], fy: str
) -> None:
    assert main(["summary", "--data", str(dataset_dir), "--fy", fy]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"pkit: --fy: '{fy}'")
    assert "Traceback" not in err


def test_summary_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main(["summary", "--data", str(missing)]) == 2
    assert capsys.readouterr().err == f"pkit: --data {missing}: no such folder\n"


def test_summary_data_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "f.csv"
    f.write_text("x")
    assert main(["summary", "--data", str(f)]) == 2
    assert capsys.readouterr().err == f"pkit: --data {f}: not a folder\n"


def test_summary_broken_dataset(
    make_dataset: DatasetFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_dataset(observations=with_rows("ict_exports,FY2019-20,x,,,src-a,,,,,"))
    assert main(["summary", "--data", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"pkit: dataset {folder} has 1 problem(s):",
        f"{folder / 'observations.csv'}:{OBS_LINES + 1}: value 'x' is not a number",
    ]


def test_summary_of_the_bundled_data_checks_the_seed_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The seed's own +9.9% is recomputed (7.5 / 6.8 = +10.3%) and the 99% names its basis."""
    text = " ".join(ln.strip() for ln in summary_lines(capsys, "--fy", "2024-25"))
    assert (
        "Quoted growth, Hardware consultancy FY2023-24 to FY2024-25: quoted +9.9% (YoY, full "
        "year): consistent within rounding: 7.5 / 6.8 gives +10.29%" in text
    )
    assert "[source: CW Pakistan, 2025-08-19 [cwp-2025-08-19-hardware]]" in text
    assert "Share of hardware needs met by imports: 99% (desktops, laptops, printers, " in text
    assert "; basis: industry estimate [sources: CW Pakistan, 2025-08-19" in text


def test_summary_never_pairs_a_missing_full_year_with_a_part_year_rate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """FY2023-24 software consultancy has no full-year figure: value and change both 10 months."""
    lines = summary_lines(capsys, "--fy", "2023-24")
    value, change = row(lines, "Software consultancy")[1:3]
    assert value.endswith("(10M)")
    assert change.endswith("10M vs 10M")


def test_names_with_brackets_show_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Square brackets and colons in the data are text, never Rich markup or emoji codes."""
    from tests.synthdata import SERIES, write_dataset

    name = "Computer [b]services[/b] :smile:"
    series = SERIES.replace('name = "Computer services"', f'name = "{name}"')
    assert series != SERIES
    data = write_dataset(tmp_path / "brackets", series=series)
    lines = summary_lines(capsys, "--data", str(data), "--fy", "FY25")
    assert row(lines, name)[1] == "3,000"
