"""The validated-data snapshot (tui.data.snapshot): the same dataset back without pandas,
and every bad snapshot ignored with one line, rebuilt, and never shown."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.synthdata import OBSERVATIONS
from tui.cli import dataset as cli_dataset
from tui.cli import main as cli
from tui.data import DatasetError, Facts, load_dataset, snapshot
from tui.data.preload import Preload
from tui.locations import bundled_data_dir

BUNDLED = bundled_data_dir()


def same(a: object, b: object) -> bool:
    """Equal datasets, NaN included (compared through their encoding)."""
    return json.dumps(snapshot.encode(a)) == json.dumps(snapshot.encode(b))  # type: ignore[arg-type]


def test_a_snapshot_gives_back_the_validated_dataset(isolated_cache: Path) -> None:
    validated = snapshot.validate_and_keep(BUNDLED)
    found = snapshot.load(BUNDLED)
    assert found.state == "used" and found.note == ""
    assert found.dataset is not None
    assert same(found.dataset, validated)
    assert found.dataset.root == BUNDLED
    assert found.dataset.periods == validated.periods
    facts = Facts(found.dataset)
    assert facts.figure("ict_exports", "FY2024-25").value == 3810
    assert facts.figure("hardware_consultancy", "FY2023-24").value == 6.8
    path = snapshot.snapshot_path(BUNDLED)
    assert path.parent == isolated_cache / "pkit"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_the_body_is_plain_json_with_every_field_of_the_model(dataset_dir: Path) -> None:
    snapshot.validate_and_keep(dataset_dir)
    header, body = snapshot.snapshot_path(dataset_dir).read_bytes().split(b"\n", 1)
    doc = json.loads(body)
    assert set(doc) == {"manifest", "sources", "series", "quotes", "statements", "claims"} | {
        "table",
        "periods",
    }
    assert set(json.loads(header)["files"]) == {p.name for p in dataset_dir.iterdir()}


def test_a_changed_data_file_is_validated_again_and_its_figures_shown(dataset_dir: Path) -> None:
    snapshot.validate_and_keep(dataset_dir)
    obs = dataset_dir / "observations.csv"
    obs.write_text(OBSERVATIONS.replace("3800", "3801", 1), encoding="utf-8")
    found = snapshot.load(dataset_dir)
    assert found.state == "changed" and found.dataset is None
    assert found.note == f"{dataset_dir}: data changed since the last start; validating in full"
    fresh = snapshot.validate_and_keep(dataset_dir)
    assert Facts(fresh).figure("ict_exports", "FY2024-25").value == 3801
    again = snapshot.load(dataset_dir)
    assert again.dataset is not None
    assert Facts(again.dataset).figure("ict_exports", "FY2024-25").value == 3801


def test_a_new_or_removed_file_counts_as_a_change(dataset_dir: Path) -> None:
    snapshot.validate_and_keep(dataset_dir)
    (dataset_dir / "extra.txt").write_text("x", encoding="utf-8")
    assert snapshot.load(dataset_dir).state == "changed"
    snapshot.validate_and_keep(dataset_dir)
    (dataset_dir / "extra.txt").unlink()
    assert snapshot.load(dataset_dir).state == "changed"


def test_a_broken_dataset_leaves_no_snapshot(dataset_dir: Path) -> None:
    (dataset_dir / "observations.csv").write_text(
        OBSERVATIONS.replace("3800", "3.8bn", 1), encoding="utf-8"
    )
    with pytest.raises(DatasetError, match="is not a number"):
        snapshot.validate_and_keep(dataset_dir)
    assert not snapshot.snapshot_path(dataset_dir).exists()
    assert snapshot.load(dataset_dir).state == "absent"


# -- bad snapshots -------------------------------------------------------------------------


def _rewrite(path: Path, edit: Callable[[dict[str, object], bytes], tuple[object, bytes]]) -> None:
    """Replace the snapshot by ``edit(header, body)``, with the body's checksum made right."""
    head, body = path.read_bytes().split(b"\n", 1)
    header, new_body = edit(json.loads(head), body.rstrip(b"\n"))
    assert isinstance(header, dict)
    header["size"] = len(new_body)
    header["body"] = hashlib.sha256(new_body).hexdigest()
    path.write_bytes(json.dumps(header).encode() + b"\n" + new_body + b"\n")


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _hand_edit(path: Path) -> None:
    data = path.read_bytes()
    assert data.count(b"3800.0") >= 1
    path.write_bytes(data.replace(b"3800.0", b"3900.0", 1))  # still JSON, checksum now wrong


def _foreign(path: Path) -> None:
    _rewrite(path, lambda h, b: ({**h, "code": "0" * 64, "version": "9.9"}, b))


def _wrong_types(path: Path) -> None:
    """A hostile body with a correct checksum: a figure that is a string."""

    def edit(h: dict[str, object], b: bytes) -> tuple[object, bytes]:
        doc = json.loads(b)
        doc["table"]["value"][0] = "3900"
        return h, json.dumps(doc).encode()

    _rewrite(path, edit)


def _missing_field(path: Path) -> None:
    def edit(h: dict[str, object], b: bytes) -> tuple[object, bytes]:
        doc = json.loads(b)
        del doc["claims"]
        return h, json.dumps(doc).encode()

    _rewrite(path, edit)


def _pickle_inside(path: Path) -> None:
    """Pickled bytes where JSON belongs: never unpickled, only refused."""
    import pickle

    _rewrite(path, lambda h, b: (h, pickle.dumps(("dataset", 1))))


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x", encoding="utf-8")


def _symlink(path: Path) -> None:
    real = path.with_name("elsewhere.json")
    path.rename(real)
    path.symlink_to(real)


def _foreign_owner(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file away")
    os.chown(path, 12345, -1)


def _group_writable(path: Path) -> None:
    path.chmod(0o620)


BAD: dict[str, tuple[Callable[[Path], object], str]] = {
    "truncated": (_truncate, "truncated or edited"),
    "zero bytes": (lambda p: p.write_bytes(b""), "it is empty"),
    "garbage": (lambda p: p.write_bytes(b"\x00\xffnot json\n{"), "not a valid snapshot"),
    "no header line": (lambda p: p.write_bytes(b'{"pkit_snapshot": 1}'), "no header line"),
    "foreign version": (_foreign, "another pkit version or schema (9.9)"),
    "hand-edited": (_hand_edit, "truncated or edited"),
    "wrong types, checksum right": (_wrong_types, "not a valid snapshot"),
    "missing field, checksum right": (_missing_field, "not a valid snapshot"),
    "pickle, checksum right": (_pickle_inside, "not a valid snapshot"),
    "directory": (_directory, "it is a folder"),
    "symlink": (_symlink, "symbolic link"),
    "another user's": (_foreign_owner, "belongs to another user"),
    "group-writable": (_group_writable, "others can write it"),
}


@pytest.fixture
def bundled_copy(dataset_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI's bundled data, here a small synthetic dataset with a snapshot made."""
    monkeypatch.setattr(cli_dataset, "bundled_data_dir", lambda: dataset_dir)
    monkeypatch.setenv("COLUMNS", "200")
    snapshot.validate_and_keep(dataset_dir)
    assert snapshot.load(dataset_dir).state == "used"
    return dataset_dir


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_snapshot_is_ignored_with_one_line_rebuilt_and_never_shown(
    case: str, bundled_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spoil, why = BAD[case]
    path = snapshot.snapshot_path(bundled_copy)
    spoil(path)
    found = snapshot.load(bundled_copy)
    assert found.state == "ignored" and found.dataset is None
    assert found.note.startswith(f"ignored the data snapshot {path}: ")
    assert why in found.note
    assert found.note.endswith(f"; validating {bundled_copy} in full")
    # the CLI says so in one line, validates, and shows the published figures
    assert cli.main(["export", "--table", "exports", "--fy", "2024-25"]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"pkit: {found.note}"]
    assert ",3800," in out and ",3900," not in out
    # and the next run has a good snapshot again (a folder in the way stays: no snapshot)
    assert snapshot.load(bundled_copy).state == ("ignored" if case == "directory" else "used")


def test_an_unreadable_snapshot_is_ignored(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = snapshot.snapshot_path(bundled_copy)
    real_open = os.open

    def no_read(file: object, flags: int, *args: object) -> int:
        if Path(str(file)) == path and not flags & os.O_WRONLY:
            raise PermissionError(13, "Permission denied")
        return real_open(file, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", no_read)  # root reads anything: make it fail
    found = snapshot.load(bundled_copy)
    assert found.state == "ignored"
    assert "cannot be read: Permission denied" in found.note
    assert cli.main(["summary"]) == 0
    out, err = capsys.readouterr()
    assert len(err.splitlines()) == 1 and "cannot be read" in err
    assert "3,800" in out


def test_a_cache_folder_that_cannot_be_written_means_no_snapshot(
    dataset_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # .../not-a-folder/pkit cannot exist
    monkeypatch.setattr(cli_dataset, "bundled_data_dir", lambda: dataset_dir)
    monkeypatch.setenv("COLUMNS", "200")
    for _ in range(2):
        assert cli.main(["summary"]) == 0
        out, err = capsys.readouterr()
        assert "3,800" in out and err == ""
    assert snapshot.load(dataset_dir).state == "absent"
    assert blocker.read_text(encoding="utf-8") == "x"


def test_data_given_with_data_dir_are_always_validated_in_full(
    dataset_dir: Path, isolated_cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["export", "--table", "exports", "--data", str(dataset_dir)]) == 0
    assert not (isolated_cache / "pkit").exists()


def test_validate_never_reads_a_snapshot(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(root: Path) -> None:
        raise AssertionError("validate read a snapshot")

    monkeypatch.setattr(snapshot, "load", refuse)
    (bundled_copy / "observations.csv").write_text(
        OBSERVATIONS.replace("3800", "3.8bn", 1), encoding="utf-8"
    )
    assert cli.main(["validate", str(bundled_copy)]) == 2  # the snapshot would have said ok
    assert "3.8bn" in capsys.readouterr().err


# -- no pandas when nothing changed ----------------------------------------------------------

NO_PANDAS = """
import sys
sys.modules["pandas"] = None  # any import of pandas now fails
from tui.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("args", "expect"),
    [(["summary"], "3,810"), (["export", "--table", "exports"], ",7.5,")],
    ids=["summary", "export"],
)
def test_summary_and_export_need_no_pandas_when_the_data_are_unchanged(
    args: list[str], expect: str
) -> None:
    snapshot.validate_and_keep(BUNDLED)
    env = dict(os.environ, COLUMNS="200")
    done = subprocess.run(
        [sys.executable, "-c", NO_PANDAS, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert expect in done.stdout
    assert done.stderr == ""


def test_without_a_snapshot_the_same_run_needs_pandas(tmp_path: Path) -> None:
    """The probe above can fail: with no snapshot, blocking pandas breaks the command
    (a crash: status 70, the ImportError in the crash log)."""
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    done = subprocess.run(
        [sys.executable, "-c", NO_PANDAS, "summary"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert done.returncode == 70
    log = Path(done.stderr.strip().split("details in ", 1)[1])
    assert "pandas" in log.read_text(encoding="utf-8")


# -- where the snapshot is written ---------------------------------------------------------


def test_the_loader_process_writes_the_snapshot_after_answering() -> None:
    pre = Preload(BUNDLED, keep_snapshot=True)
    ds = pre.result(timeout=120)
    assert len(ds.table) == len(load_dataset(BUNDLED).table)
    pre._proc.wait(timeout=60)  # it finishes the snapshot on its own
    found = snapshot.load(BUNDLED)
    assert found.dataset is not None and same(found.dataset, ds)


def test_the_loader_process_writes_no_snapshot_unless_asked() -> None:
    pre = Preload(BUNDLED)
    pre.result(timeout=120)
    pre._proc.wait(timeout=60)
    assert snapshot.load(BUNDLED).state == "absent"


def test_a_file_changed_while_validating_leaves_no_snapshot(dataset_dir: Path) -> None:
    before = snapshot.data_digests(dataset_dir)
    ds = load_dataset(dataset_dir)
    (dataset_dir / "quotes.toml").write_text("# edited meanwhile\n", encoding="utf-8")
    assert snapshot.save(dataset_dir, ds, before) is False
    assert snapshot.load(dataset_dir).state == "absent"
