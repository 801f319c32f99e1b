"""data/datapackage.json: a Frictionless descriptor that matches the files, checked both ways."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tui.cli.main import main
from tui.data import load_dataset
from tui.data.datapackage import PERIOD_PATTERN, check, render
from tui.locations import bundled_data_dir

DATA = bundled_data_dir()


def test_frictionless_validates_the_bundled_data_against_the_descriptor() -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors] + [
        e.message for e in report.errors
    ]
    assert report.valid, errors[:10]
    names = {task.name for task in report.tasks}
    assert names == {"observations", "sources", "series"}


def test_frictionless_catches_a_row_the_schema_forbids(tmp_path: Path) -> None:
    """The descriptor is not a rubber stamp: a bad key and an unknown source fail it."""
    frictionless = pytest.importorskip("frictionless")
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    csv_path = copy / "observations.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = [""] * len(header)
    row[header.index("series")] = "ict_exports"
    row[header.index("period")] = "FY2024/25"
    row[header.index("value")] = "1"
    row[header.index("source")] = "no-such-source"
    csv_path.write_text("\n".join([*lines, ",".join(row)]) + "\n", encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    kinds = {e.type for task in report.tasks for e in task.errors}
    assert not report.valid
    assert {"constraint-error", "foreign-key"} <= kinds


def test_the_descriptor_is_in_step_with_the_files() -> None:
    ds = load_dataset(DATA)
    assert check(ds) == []
    doc = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert doc["version"] == ds.manifest.version
    obs = doc["resources"][0]["schema"]
    assert obs["primaryKey"] == ["series", "period", "source"]
    period = next(f for f in obs["fields"] if f["name"] == "period")
    assert period["constraints"]["pattern"] == PERIOD_PATTERN
    assert {r["name"] for r in doc["resources"]} == {"observations", "sources", "series"}


def test_validate_names_the_descriptor_lines_that_disagree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    # a series removed from series.toml's ids in the descriptor, and a stale version
    text = render(load_dataset(copy))
    lines = text.split("\n")
    version_line = next(i for i, ln in enumerate(lines) if ln.startswith('  "version"')) + 1
    lines[version_line - 1] = '  "version": "1999.01",'
    (copy / "datapackage.json").write_text("\n".join(lines), encoding="utf-8")
    assert main(["validate", str(copy)]) == 2
    err = capsys.readouterr().err
    assert f'{copy / "datapackage.json"}:{version_line}: \'"version": "1999.01",\' disagrees' in err
    assert "rewrite it with: python -m tui.data.datapackage" in err
    assert "datapackage.json disagrees with the data files" in err


def test_a_dataset_without_a_descriptor_validates(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    (copy / "datapackage.json").unlink()
    assert main(["validate", str(copy)]) == 0


MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def test_the_dataset_version_follows_its_newest_source() -> None:
    """manifest version = year.month of the newest source date (ISO or "Jan 2026" style)."""
    import re

    ds = load_dataset(DATA)
    seen: list[tuple[int, int]] = []
    for s in ds.sources.values():
        for y, m in re.findall(r"\b(20\d\d)-(\d\d)\b", s.date):
            seen.append((int(y), int(m)))
        for m, y in re.findall(r"\b([A-Z][a-z]{2})[a-z]* (20\d\d)\b", s.date):
            if m.lower() in MONTHS:
                seen.append((int(y), MONTHS[m.lower()]))
    newest = max(seen)
    assert ds.manifest.version == f"{newest[0]}.{newest[1]:02d}"
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "shared/" not in readme and "../" not in readme  # self-contained
