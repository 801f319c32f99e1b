"""`python -m tui` in a real PTY: with two or more CPUs the data load in a loader process, so
pkit's own process never maps pandas; the loader is gone once the data show, and quitting
or hanging up before then stops it too."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import pytest

from bench.term import Terminal

from .helpers import Home, child_env, pkit

HEADLINE = "3,810"
FRAME = r"1 Overview\s+2 Exports"

pytestmark = pytest.mark.skipif(
    not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
    reason="the loader process is used with two or more CPUs (Linux /proc needed)",
)


def _maps_pandas(pid: int) -> bool:
    return "/pandas/" in Path(f"/proc/{pid}/maps").read_text()


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            out |= {int(x) for x in (task / "children").read_text().split()}
    return out


def _gone(pid: int, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":  # ended; its parent has not reaped it (pkit itself has exited)
            return True
        time.sleep(0.02)
    return False


def _app(home: Home, env: dict[str, str] | None = None) -> Terminal:
    return pkit(["--no-restore"], child_env(home.root, env), cwd=home.root)


def test_pkit_shows_the_data_without_importing_pandas_itself(home: Home) -> None:
    with _app(home) as app:
        app.expect(HEADLINE, timeout=30)
        app.expect(r"Hardware consultancy\s+7\.5\b", timeout=10)
        assert not _maps_pandas(app.pid), "pandas is loaded in pkit's own process"
        deadline = time.monotonic() + 5
        while _children(app.pid) and time.monotonic() < deadline:
            app.idle(0.05)
        assert _children(app.pid) == set(), "the loader process outlived its answer"


def test_switched_off_the_data_load_in_pkit_itself(home: Home) -> None:
    with _app(home, {"PKIT_PRELOAD": "0"}) as app:
        app.expect(HEADLINE, timeout=30)
        assert _maps_pandas(app.pid)
        assert _children(app.pid) == set()


def _loader_of(app: Terminal) -> int:
    """The loader process, caught while it still loads (right after the first frame)."""
    app.expect(FRAME, timeout=30)
    kids = _children(app.pid)
    if not kids:
        pytest.skip("the data arrived before the loader could be seen")
    return kids.pop()


def test_quitting_before_the_data_arrive_stops_the_loader(home: Home) -> None:
    with _app(home) as app:
        loader = _loader_of(app)
        app.press("q")
        assert app.wait_exit(timeout=10) is not None
        assert app.exit_code == 0
        assert _gone(loader), "the loader process kept running after pkit quit"


def test_hanging_up_before_the_data_arrive_stops_the_loader(home: Home) -> None:
    with _app(home) as app:
        loader = _loader_of(app)
        app.send_signal(signal.SIGHUP)
        assert app.wait_exit(timeout=30) is not None
        assert _gone(loader), "the loader process kept running after the hang-up"
