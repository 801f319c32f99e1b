"""`pkit export -o` onto what is not a plain file: FIFOs and devices are written through (never
renamed over), symlinks followed, regular files still replaced atomically."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tui.cli.main import main


def _export(dataset: Path, out: str) -> int:
    return main(["export", "--data", str(dataset), "--table", "sources", "-o", out])


def _reader(path: str, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as fh:
            into.append(fh.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_export_to_a_fifo_writes_through(dataset_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    thread = _reader(str(fifo), got)
    assert _export(dataset_dir, str(fifo)) == 0
    thread.join(timeout=30)
    assert got and got[0].startswith(b"id,title,publisher")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a FIFO, not a file renamed over it
    assert [p.name for p in folder.iterdir()] == ["pipe"]  # no temporary file left


def test_export_to_a_process_substitution(dataset_dir: Path) -> None:
    """`-o >(cmd)` hands pkit /dev/fd/N: a symlink to a pipe."""
    r, w = os.pipe()
    got: list[bytes] = []

    def read() -> None:
        with os.fdopen(r, "rb") as fh:
            got.append(fh.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    try:
        assert _export(dataset_dir, f"/dev/fd/{w}") == 0
    finally:
        os.close(w)
    thread.join(timeout=30)
    assert got and got[0].startswith(b"id,title,publisher")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_export_to_a_device_node_leaves_it_a_device(dataset_dir: Path, tmp_path: Path) -> None:
    """A copy of /dev/null: as root, the old rename turned /dev/null into a regular file."""
    folder = tmp_path / "out"
    folder.mkdir()
    null = folder / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert _export(dataset_dir, str(null)) == 0
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert os.major(null.lstat().st_rdev) == 1 and os.minor(null.lstat().st_rdev) == 3
    assert [p.name for p in folder.iterdir()] == ["null"]


def test_export_to_dev_null(dataset_dir: Path) -> None:
    before = os.stat("/dev/null")
    assert _export(dataset_dir, "/dev/null") == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_export_through_a_symlink_writes_its_target(dataset_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "real" / "sources.csv"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert _export(dataset_dir, str(link)) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("id,title,publisher")
    assert sorted(p.name for p in target.parent.iterdir()) == ["sources.csv"]


def test_export_through_a_dangling_symlink_creates_its_target(
    dataset_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "new.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert _export(dataset_dir, str(link)) == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("id,title,publisher")


def test_export_to_a_regular_file_is_atomic_and_keeps_its_mode(
    dataset_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sources.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    inode = out.stat().st_ino
    assert _export(dataset_dir, str(out)) == 0
    assert out.read_text(encoding="utf-8").startswith("id,title,publisher")
    assert out.stat().st_ino != inode  # a new file renamed into place, never half-written
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_export_refuses_a_read_only_file(
    dataset_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sources.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o444)
    assert _export(dataset_dir, str(out)) == 2
    assert "Permission denied" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "old\n"
