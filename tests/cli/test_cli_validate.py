"""`pkit validate`: one "ok:" line, or every problem as file:line: message and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.synthdata import (
    OBS_LINES,
    OBSERVATIONS,
    REPO_ROOT,
    SERIES,
    DatasetFactory,
    line_of,
    with_rows,
)
from tui.cli.main import main

BUNDLED = REPO_ROOT / "data"


def run_module(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.mark.skipif(
    not (BUNDLED / "manifest.toml").exists(),
    reason="the bundled dataset is not complete yet (data/manifest.toml missing)",
)
def test_validate_bundled_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith("ok: ")
    assert " observations in " in lines[0] and " sources, " in lines[0]
    assert err == ""


def test_validate_synthetic_ok(dataset_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(dataset_dir)]) == 0
    out, err = capsys.readouterr()
    assert out == (
        f"ok: {dataset_dir}: 26 observations in 9 series, 3 sources, 2 quotes, 3 claims\n"
    )
    assert err == ""


def test_validate_broken_dataset_lists_every_problem(
    make_dataset: DatasetFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_dataset(
        observations=with_rows(
            'ict_exports,FY2019-20,"1,100",,,src-a,,,,,',
            "ict_exports,FY2018-19,5,,,src-zz,,,,,",
            "ict_exports,FY2024-25/12M,5,,,src-a,,,,,",
        ),
        series=SERIES.replace("order = 20\n", 'order = 20\ncolour = "red"\n'),
    )
    assert main(["validate", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    n = OBS_LINES
    key_line = line_of(SERIES, "order = 20") + 1
    assert err.splitlines() == [
        f"{folder / 'observations.csv'}:{n + 1}: value '1,100' is not a number "
        "(write plain digits, e.g. 1100)",
        f"{folder / 'observations.csv'}:{n + 2}: unknown source id 'src-zz'",
        f"{folder / 'observations.csv'}:{n + 3}: 'FY2024-25/12M': a part-year must cover 1 to 11 "
        "months",
        f"{folder / 'series.toml'}:{key_line}: unknown key 'colour' in [[series]]",
        f"pkit: {folder}: 4 problem(s)",
    ]


def test_validate_whole_file_problem_has_no_line(
    make_dataset: DatasetFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_dataset(quotes=None)
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"{folder / 'quotes.toml'}: file is missing"


def test_validate_folder_named_like_a_file_prefix(
    tmp_path: Path,
    make_dataset: DatasetFactory,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a folder "o" must still prefix "observations.csv" with "o/"
    make_dataset("o", observations=with_rows("ict_exports,FY2019-20,x,,,src-a,,,,,"))
    monkeypatch.chdir(tmp_path / "datasets")
    assert main(["validate", "o"]) == 2
    err = capsys.readouterr().err
    assert (
        err.splitlines()[0]
        == f"{Path('o') / 'observations.csv'}:{OBS_LINES + 1}: value 'x' is not a number"
    )


def test_validate_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope"
    assert main(["validate", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"{missing}: dataset folder does not exist",
        f"pkit: {missing}: 1 problem(s)",
    ]


def test_validate_takes_the_global_data_option(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data", str(dataset_dir), "validate"]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {dataset_dir}: ")


@pytest.mark.parametrize(
    "broken",
    [
        {"series": SERIES.replace('name = "ICT exports"', "name = ICT exports")},
        {"series": ""},
        {
            "claims": '[[claim]]\nid = "x"\nseries = ["a"]\nfrom_period = "FY2023-24"\n'
            'to_period = "FY2024-25"\nquoted_pct = 1.0\nsource = "src-a"\n'
        },
        {"manifest": 'name = "x"\n[files]\n'},
        {"observations": b"\xff\xfe" + OBSERVATIONS.encode("utf-16-le")},
    ],
    ids=["series-syntax", "series-empty", "claim-list", "manifest-files", "utf16"],
)
def test_validate_never_prints_a_traceback(
    make_dataset: DatasetFactory, broken: dict[str, str | bytes]
) -> None:
    folder = make_dataset(**broken)  # type: ignore[arg-type]
    proc = run_module("validate", str(folder))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert lines[-1].startswith(f"pkit: {folder}: ")
    for line in lines[:-1]:
        assert line.startswith(str(folder)), line


def test_python_m_tui_validate_ok(dataset_dir: Path, tmp_path: Path) -> None:
    proc = run_module("validate", str(dataset_dir), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"ok: {dataset_dir}: 26 observations")
    assert proc.stderr == ""


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == "pkit 0.1.0"
