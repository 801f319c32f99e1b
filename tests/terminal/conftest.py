"""Every test here runs with its own XDG folders and HOME, so nothing touches the real home."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tui.ui.app import PkitApp

from .helpers import Home

# Variables that change what pkit draws, or that run_app() itself sets: each is recorded
# first so that monkeypatch also undoes what the code under test writes to os.environ.
_CLEARED = (
    "SSH_CONNECTION",
    "NO_COLOR",
    "TEXTUAL_COLOR_SYSTEM",
    "TEXTUAL_ANIMATIONS",
    "PKIT_SERVE_MODE",
    "LC_ALL",
    "LC_CTYPE",
    "PYTHONUTF8",
)


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Home]:
    root = tmp_path / "home"
    h = Home(root=root, config=root / "config", state=root / "state")
    root.mkdir()
    monkeypatch.setenv("HOME", str(root))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(h.config))
    monkeypatch.setenv("XDG_STATE_HOME", str(h.state))
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in _CLEARED:
        monkeypatch.setenv(var, "")
        monkeypatch.delenv(var)
    hangup = signal.getsignal(signal.SIGHUP)
    yield h
    signal.signal(signal.SIGHUP, hangup)  # run_app() installs its own handler


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[PkitApp]:
    """Apps that `main()` would have run; the test runs them headless instead."""
    apps: list[PkitApp] = []

    def fake_run(self: PkitApp, *args: Any, **kwargs: Any) -> int:
        apps.append(self)
        return 0

    monkeypatch.setattr(PkitApp, "run", fake_run)
    # pytest's stdin and stdout are not terminals: main() would refuse to start the explorer
    monkeypatch.setenv("PKIT_FORCE_UI", "1")
    # main() returns before the test runs the app, and stops a loader process it started
    monkeypatch.setenv("PKIT_PRELOAD", "0")
    return apps
