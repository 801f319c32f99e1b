"""`pkit export`: tables as CSV, JSON or Markdown, to stdout or a file written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli.main import main


def test_export_csv_to_a_file(
    dataset_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "exports.csv"
    rc = main(
        [
            "export",
            "--data",
            str(dataset_dir),
            "--table",
            "exports",
            "--format",
            "csv",
            "-o",
            str(out_file),
        ]
    )
    assert rc == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"wrote {out_file}\n"
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert {"period", "value", "unit", "coverage", "source", "publisher"} <= set(rows[0])
    assert len(rows) == 28  # the Exports table of each of the 4 fiscal years
    hw = [r for r in rows if r["series"] == "hardware_consultancy" and r["value"]]
    assert [(r["period"], r["value"], r["unit"], r["coverage"], r["source"]) for r in hw] == [
        ("FY2023-24", "6.8", "US$ million", "full year", "src-a"),
        ("FY2024-25", "7.5", "US$ million", "full year", "src-a"),
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_export_csv_to_stdout_with_fy(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--data", str(dataset_dir), "--table", "imports", "--fy", "FY25"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["line"], r["period"], r["value"], r["qualifier"], r["coverage"]) for r in rows] == [
        ("Office machinery", "FY2024-25", "400", "~", "full year"),
        ("Hardware consultancy (exports)", "FY2024-25", "7.5", "", "full year"),
        ("SBP goods / SBP hw services", "FY2024-25", str(400 / 7.5), "~", "full year"),
    ]


def test_export_json(dataset_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "--data", str(dataset_dir), "--table", "exports", "--format", "json"]
    assert main([*args, "--fy", "2024-25"]) == 0
    data = json.loads(capsys.readouterr().out)
    cs = [r for r in data if r["series"] == "computer_services"]
    assert [(r["value"], r["source"], r["conflict"], r["other_values"]) for r in cs] == [
        (3000.0, "src-a", "yes", "3650 (src-b)"),
    ]
    assert next(r for r in data if r["series"] == "freelance")["value"] is None


def test_export_md(dataset_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "--data", str(dataset_dir), "--table", "sources", "--format", "md"]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| id | title | publisher | date | url | basis | reliability | figures |"
    assert lines[1] == "|---|---|---|---|---|---|---|---|"
    assert lines[2:] == [
        "| src-b | Press report | Daily Example | 2025-08-01 | https://example.org/press "
        "| press | low | 3 |",
        "| src-c | PTA handset report | PTA | 2025-02-01 | https://example.org/pta | PTA "
        "| normal | 2 |",
        "| src-a | State bank release | SBP | 2025-07-20 | https://example.org/sbp | SBP "
        "| normal | 21 |",
    ]


@pytest.mark.parametrize(
    ("option", "value", "valid"),
    [
        ("--table", "nope", "'overview', 'exports', 'imports', 'assembly', 'quotes'"),
        ("--format", "xml", "'csv', 'json', 'md'"),
    ],
)
def test_export_unknown_table_or_format(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, valid: str
) -> None:
    args = ["export", "--data", str(dataset_dir), "--table", "exports", option, value]
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"pkit: error: argument {option}: invalid choice: '{value}'" in err
    assert valid in err


def test_export_unknown_fy(dataset_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data", str(dataset_dir), "--table", "exports", "--fy", "FY31"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "pkit: --fy FY2030-31: no data for that fiscal year (valid: FY2022-23, FY2023-24, "
        "FY2024-25, FY2025-26)\n"
    )


def test_export_into_a_missing_folder(
    dataset_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "out.csv"
    args = ["export", "--data", str(dataset_dir), "--table", "exports", "-o", str(target)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"pkit: -o {target}: folder {target.parent} does not exist\n"
    )
    assert not target.parent.exists()


def test_export_onto_a_folder(
    dataset_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["export", "--data", str(dataset_dir), "--table", "exports", "-o", str(tmp_path)]
    assert main(args) == 2
    assert capsys.readouterr().err == f"pkit: -o {tmp_path}: is a folder; give a file name\n"


def test_export_write_failure_keeps_the_old_file(
    dataset_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "exports.csv"
    target.write_text("previous export\n")

    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    args = ["export", "--data", str(dataset_dir), "--table", "exports", "-o", str(target)]
    assert main(args) == 2
    assert capsys.readouterr().err == f"pkit: -o {target}: cannot write: No space left on device\n"
    assert target.read_text() == "previous export\n"
    assert [p.name for p in out_dir.iterdir()] == ["exports.csv"]


def test_export_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main(["export", "--data", str(missing), "--table", "exports"]) == 2
    assert capsys.readouterr().err == f"pkit: --data {missing}: no such folder\n"


def test_python_m_tui_export(dataset_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "q.json"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui",
            "export",
            "--data",
            str(dataset_dir),
            "--table",
            "quotes",
            "--format",
            "json",
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"wrote {target}\n"
    assert [q["id"] for q in json.loads(target.read_text(encoding="utf-8"))] == [
        "minister-total",
        "trader-total",
    ]


def test_python_m_tui_bad_table_exits_2_without_traceback(dataset_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--data", str(dataset_dir), "--table", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "invalid choice: 'nope'" in proc.stderr
    assert "Traceback" not in proc.stderr
