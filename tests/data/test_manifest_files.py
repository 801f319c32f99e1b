"""The file names manifest.toml gives are the ones every reader uses; it is read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.synthdata import MANIFEST, OBSERVATIONS, DatasetFactory, line_of, with_rows
from tui.cli.commands.explorer import quick_fy_check
from tui.cli.usage import UsageError
from tui.data import DatasetError, Facts, load_dataset
from tui.data.cite import figure_lines

RENAMED = MANIFEST.replace('observations = "observations.csv"', 'observations = "figures.csv"')


def _renamed(make_dataset: DatasetFactory, observations: str = OBSERVATIONS) -> Path:
    folder = make_dataset(manifest=RENAMED, observations=None)
    (folder / "figures.csv").write_text(observations, encoding="utf-8")
    return folder


def test_a_renamed_observations_file_is_loaded_and_cited(make_dataset: DatasetFactory) -> None:
    facts = Facts(load_dataset(_renamed(make_dataset)))
    fig = facts.best_for_fy("ict_exports", 2024)
    assert fig.chosen is not None
    line = fig.chosen.line
    assert figure_lines(facts, fig)[-1] == f"Data: figures.csv:{line}"
    row = OBSERVATIONS.split("\n")[line - 1]
    assert row.startswith("ict_exports,FY2024-25,")


def test_problems_in_a_renamed_observations_file_name_it(make_dataset: DatasetFactory) -> None:
    text = with_rows("nonexistent,FY2024-25,1,,,src-a,,,,,")
    with pytest.raises(DatasetError) as exc:
        load_dataset(_renamed(make_dataset, text))
    line = line_of(text, "nonexistent")
    assert [str(p) for p in exc.value.problems] == [
        f"figures.csv:{line}: unknown series id 'nonexistent'"
    ]


def test_the_quick_fy_check_reads_the_file_the_manifest_names(
    make_dataset: DatasetFactory,
) -> None:
    folder = _renamed(make_dataset)
    quick_fy_check(folder, 2024)  # a year the data have: nothing to say
    with pytest.raises(UsageError, match="FY2030-31: no data for that fiscal year"):
        quick_fy_check(folder, 2030)


def test_manifest_toml_is_read_once(dataset_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    read_bytes, read_text = Path.read_bytes, Path.read_text

    def counting_bytes(self: Path) -> bytes:
        reads.append(self.name)
        return read_bytes(self)

    def counting_text(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self.name)
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_bytes", counting_bytes)
    monkeypatch.setattr(Path, "read_text", counting_text)
    load_dataset(dataset_dir)
    assert reads.count("manifest.toml") == 1
    assert reads.count("observations.csv") == 1
