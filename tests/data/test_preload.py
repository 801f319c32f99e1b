"""The loader process (tui.data.preload): same Dataset as loading in-process, same problems
for a broken dataset, and a clear PreloadFailed for every way the child can go wrong."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.synthdata import OBSERVATIONS, DatasetFactory
from tui.data import DatasetError, Facts, load_dataset
from tui.data.model import OBS_TABLE_COLUMNS
from tui.data.preload import MAX_DATA_BYTES, Preload, PreloadFailed, wanted
from tui.locations import bundled_data_dir

BUNDLED = bundled_data_dir()


def _same_cell(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b and type(a) is type(b)


def test_loader_process_gives_the_dataset_loaded_in_process() -> None:
    here = load_dataset(BUNDLED)
    there = Preload(BUNDLED).result(timeout=60)
    assert len(there.table) == len(here.table) == 355
    for col in OBS_TABLE_COLUMNS:
        a, b = there.table[col], here.table[col]
        bad = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if not _same_cell(x, y)]
        assert bad == [], f"column {col} differs at rows {bad[:5]}"
    assert there.series == here.series
    assert there.sources == here.sources
    assert there.quotes == here.quotes
    assert there.statements == here.statements
    assert there.claims == here.claims
    assert there.manifest == here.manifest
    assert there.periods == here.periods
    # and the figures read from it are the published ones
    facts = Facts(there)
    hw = facts.figure("hardware_consultancy", "FY2024-25")
    assert hw.value == 7.5
    assert hw.source == Facts(here).figure("hardware_consultancy", "FY2024-25").source
    assert facts.figure("hardware_consultancy", "FY2023-24").value == 6.8
    assert facts.figure("ict_exports", "FY2024-25").value == 3810


def test_broken_dataset_gives_the_same_problems_as_in_process(
    make_dataset: DatasetFactory,
) -> None:
    bad = OBSERVATIONS.replace("3800", "3.8bn", 1) + "nosuch,FY2024-25,1,,,src-a,,,,,\n"
    root = make_dataset(observations=bad)
    with pytest.raises(DatasetError) as here:
        load_dataset(root)
    with pytest.raises(DatasetError) as there:
        Preload(root).result(timeout=60)
    assert [str(p) for p in there.value.problems] == [str(p) for p in here.value.problems]
    assert len(there.value.problems) >= 2  # every problem, not just the first
    assert all("observations.csv:" in str(p) for p in there.value.problems)


def test_missing_folder_is_a_dataset_problem(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as err:
        Preload(tmp_path / "nowhere").result(timeout=60)
    assert "dataset folder does not exist" in str(err.value.problems[0])


def _child(code: str, root: Path) -> Preload:
    return Preload(root, argv=[sys.executable, "-c", code])


def test_a_crashing_loader_is_reported_with_its_last_words(tmp_path: Path) -> None:
    pre = _child("import sys; sys.stderr.write('first\\nboom\\n'); sys.exit(3)", tmp_path)
    with pytest.raises(PreloadFailed, match=r"exited with 3: boom$"):
        pre.result(timeout=30)


def test_a_killed_loader_is_reported(tmp_path: Path) -> None:
    pre = _child("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", tmp_path)
    with pytest.raises(PreloadFailed, match=r"exited with -9"):
        pre.result(timeout=30)


def test_stray_output_is_not_taken_for_data(tmp_path: Path) -> None:
    pre = _child("print('hello')", tmp_path)
    with pytest.raises(PreloadFailed, match="unreadable answer"):
        pre.result(timeout=30)


def test_a_well_formed_but_unexpected_answer_is_refused(tmp_path: Path) -> None:
    code = "import pickle, sys; sys.stdout.buffer.write(pickle.dumps(('dataset', 42)))"
    with pytest.raises(PreloadFailed, match="unexpected answer"):
        _child(code, tmp_path).result(timeout=30)


def test_no_answer_in_time_kills_the_loader(tmp_path: Path) -> None:
    pre = _child("import time; time.sleep(60)", tmp_path)
    with pytest.raises(PreloadFailed, match="no answer within 0.3 s"):  # not the 60 s sleep
        pre.result(timeout=0.3)
    with pytest.raises(ProcessLookupError):
        os.kill(pre.pid, 0)  # killed and reaped


def test_cancel_stops_a_running_loader(tmp_path: Path) -> None:
    pre = _child("import time; time.sleep(60)", tmp_path)
    pre.cancel()
    with pytest.raises(PreloadFailed, match="^cancelled$"):
        pre.result(timeout=10)
    assert pre.cancelled
    with pytest.raises(ProcessLookupError):
        os.kill(pre.pid, 0)  # killed, and reaped by result()


def test_loader_process_runs_with_one_blas_thread(tmp_path: Path) -> None:
    code = (
        "import os, sys; sys.stderr.write("
        "'blas=' + ','.join(os.environ[v] for v in "
        "('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'))); sys.exit(3)"
    )
    with pytest.raises(PreloadFailed, match=r"exited with 3: blas=1,1,1$"):
        _child(code, tmp_path).result(timeout=30)


def test_wanted_needs_two_cpus_no_switch_off_and_a_dataset_of_sensible_size(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PKIT_PRELOAD", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert wanted(BUNDLED) is True
    assert wanted(tmp_path / "nowhere") is True  # the loader process reports it
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert wanted(BUNDLED) is False
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setenv("PKIT_PRELOAD", "0")
    assert wanted(BUNDLED) is False
    monkeypatch.delenv("PKIT_PRELOAD")
    big = tmp_path / "big"
    big.mkdir()
    with (big / "observations.csv").open("wb") as fh:
        fh.truncate(MAX_DATA_BYTES + 1)  # sparse: no disk used
    assert wanted(big) is False


def test_the_dataset_needs_no_pandas_on_the_receiving_side() -> None:
    """What the app does with the loader's answer, in a process where pandas cannot load."""
    code = f"""
import sys
sys.modules["pandas"] = None  # any import of pandas now fails
from pathlib import Path
from tui.data.preload import Preload
from tui.data import Facts
ds = Preload(Path({str(BUNDLED)!r})).result(timeout=60)
facts = Facts(ds)
fy = facts.latest_full_fy
print(fy, facts.figure("hardware_consultancy", "FY2024-25").value,
      len(facts.conflicts()), len(facts.citing(facts.figure("ict_exports", "FY2024-25").source)))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr
    fy, hw, conflicts, citing = out.stdout.split()
    assert (fy, hw) == ("2024", "7.5")
    assert int(conflicts) == 16  # real disagreements; same figures at two precisions are not
    assert int(citing) >= 1
