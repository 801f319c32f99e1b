"""The server's runtime folder in the temp dir (session homes, the template's home).

A server that is SIGKILLed cannot remove its folder, so each folder holds an ``owner`` file
with the server's pid and that process's start time, and the next server removes folders
that are provably stale: named ``pkit-serve-*``, a real folder (not a link) owned by this
user, with an owner file whose process is gone (or whose pid now belongs to a newer process).
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from pathlib import Path

log = logging.getLogger("tui.serve")

PREFIX = "pkit-serve-"
OWNER_FILE = "owner"


def start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc/PID/stat field 22)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return fields[19] if len(fields) > 19 and fields[0] not in ("Z", "X") else None


def create_runtime_dir() -> Path:
    """A fresh private folder (0700) marked with this process's pid and start time."""
    path = Path(tempfile.mkdtemp(prefix=PREFIX))
    pid = os.getpid()
    (path / OWNER_FILE).write_text(f"{pid} {start_time(pid) or '?'}\n", encoding="ascii")
    return path


def _owner(folder: Path) -> tuple[int, str] | None:
    """(pid, start time) from a folder that is provably this user's server's, else None."""
    uid = os.getuid()
    try:
        st = os.lstat(folder)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != uid or stat.S_IMODE(st.st_mode) & 0o077:
            return None
        marker = folder / OWNER_FILE
        mst = os.lstat(marker)
        if not stat.S_ISREG(mst.st_mode) or mst.st_uid != uid or mst.st_size > 64:
            return None
        pid_text, started = marker.read_text(encoding="ascii").split()
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not pid_text.isdigit() or not started.isdigit():
        return None
    return int(pid_text), started


def remove_stale(parent: Path | None = None) -> list[Path]:
    """Remove the runtime folders of servers of this user that are no longer running."""
    where = Path(parent or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(where.iterdir())
    except OSError:
        return removed
    for folder in entries:
        if not folder.name.startswith(PREFIX):
            continue
        owner = _owner(folder)
        if owner is None:
            continue
        pid, started = owner
        if start_time(pid) == started:
            continue  # that server is still running
        shutil.rmtree(folder, ignore_errors=True)  # does not follow links inside
        if not folder.exists():
            removed.append(folder)
            log.info("removed the stale runtime folder %s (server pid %d is gone)", folder, pid)
    return removed
