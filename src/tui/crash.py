"""Crashes are crashes: exit status 70, one short line on screen, the traceback in a log file.

A traceback (Textual's shows local variables) can be hundreds of kilobytes, names server
paths and, under serve-ssh, would land on a remote user's screen. It goes to a private file
in the user's state folder instead; the screen gets one line saying where.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

from tui.locations import log_dir

EX_SOFTWARE = 70  # sysexits.h: an internal software error


def write_log(text: str) -> Path:
    """Write ``text`` to a new private file (0600) in :func:`log_dir`; raises OSError."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(text)
    return path


def report(details: str) -> int:
    """Log ``details`` (a traceback), tell the user in one line, return :data:`EX_SOFTWARE`."""
    try:
        where = f"; details in {write_log(details)}"
    except OSError as exc:
        where = f"; no log written ({exc.strerror or exc})"
    if os.environ.get("PKIT_SERVE_MODE") == "1":
        where = ""  # a remote user: a server path says nothing to them and is not theirs
    with contextlib.suppress(OSError, ValueError):  # no terminal left to tell
        print(f"pkit stopped unexpectedly{where}", file=sys.stderr, flush=True)
    return EX_SOFTWARE
