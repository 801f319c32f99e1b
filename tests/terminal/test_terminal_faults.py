"""Local faults in a real PTY: SIGTERM restores the terminal as `q` does; a crash is reported
as one line with exit status 70 and its traceback kept in a log file, never on screen."""

from __future__ import annotations

import contextlib
import os
import signal
import termios
import time
from pathlib import Path

import pytest

from bench.term import Terminal

from .helpers import Home, child_env, pkit

HEADLINE = "3,810"
START_TIMEOUT = 20.0
# what Textual's driver turns on at start and must turn off at exit
RESTORE = (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?1006l")


def _run_until_exit(app: Terminal, timeout: float = 10.0) -> list[int]:
    """Read the child's output until it ends, keeping the master open; returns the PTY's
    termios (on Linux the master reports the terminal side's settings)."""
    deadline = time.monotonic() + timeout
    assert app.fd is not None
    while not app.reap():
        if time.monotonic() > deadline:
            raise AssertionError(f"still running {timeout}s later:\n{app.text()}")
        with contextlib.suppress(BlockingIOError, OSError):
            os.set_blocking(app.fd, False)
            data = os.read(app.fd, 65536)
            app.feed(data)
        time.sleep(0.01)
    with contextlib.suppress(OSError):
        data = os.read(app.fd, 65536)
        app.feed(data)
    return termios.tcgetattr(app.fd)


def _cooked(attrs: list[int]) -> bool:
    lflag = attrs[3]
    return bool(lflag & termios.ICANON) and bool(lflag & termios.ECHO)


@pytest.mark.parametrize("how", ["q", "SIGTERM"])
def test_sigterm_restores_the_terminal_as_q_does(home: Home, how: str) -> None:
    env = child_env(home.root, {"PKIT_PRELOAD": "0"})
    with pkit(["--no-restore"], env, cwd=home.root) as app:
        app.expect(HEADLINE, timeout=START_TIMEOUT)
        app.settle(strict=False)
        assert app.fd is not None and not _cooked(termios.tcgetattr(app.fd))  # raw while running
        start = len(app.output)
        if how == "q":
            app.press("q")
        else:
            app.send_signal(signal.SIGTERM)
        attrs = _run_until_exit(app)
        tail = bytes(app.output[start:])
        for seq in RESTORE:
            assert seq in tail, (how, seq)
        assert _cooked(attrs), "the terminal was left in raw mode"
        assert app.exit_code == (0 if how == "q" else 128 + signal.SIGTERM)
        assert b"Traceback" not in app.output


def _crashing_env(home: Home, tmp_path: Path) -> dict[str, str]:
    """pkit whose `?` key raises: a sitecustomize breaks the help action."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import tui.ui.app\n"
        "def boom(self):\n"
        "    secret = 'local-variable-value'\n"
        "    raise RuntimeError('injected fault')\n"
        "tui.ui.app.PkitApp.action_help = boom\n",
        encoding="utf-8",
    )
    return child_env(home.root, {"PKIT_PRELOAD": "0", "PYTHONPATH": str(hook)})


def test_a_crash_in_the_app_exits_70_with_one_line_and_a_log(home: Home, tmp_path: Path) -> None:
    with pkit(["--no-restore"], _crashing_env(home, tmp_path), cwd=home.root) as app:
        app.expect(HEADLINE, timeout=START_TIMEOUT)
        app.settle(strict=False)
        app.press("?")
        attrs = _run_until_exit(app)
        assert app.exit_code == 70
        assert _cooked(attrs)
        out = bytes(app.output).decode("utf-8", "replace")
        assert "pkit stopped unexpectedly; details in " in out
        assert "Traceback" not in out and "local-variable-value" not in out
        logs = list(home.state.rglob("crash-*.log"))
        assert len(logs) == 1, logs
        assert str(logs[0]) in out.replace("\r\n", "").replace("\n", "")
        assert "injected fault" in logs[0].read_text(encoding="utf-8")
        assert logs[0].stat().st_mode & 0o077 == 0  # private: it may name paths and values


def test_a_crash_outside_the_app_exits_70_too(home: Home, tmp_path: Path) -> None:
    import subprocess
    import sys

    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import tui.cli.summary\n"
        "def boom(*args, **kwargs):\n"
        "    raise KeyError('injected fault')\n"
        "tui.cli.summary.summary_items = boom\n",
        encoding="utf-8",
    )
    env = child_env(home.root, {"PYTHONPATH": str(hook)})
    done = subprocess.run(
        [sys.executable, "-m", "tui", "summary"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 70
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pkit stopped unexpectedly; details in ")
    log = Path(lines[0].split("details in ", 1)[1])
    assert "KeyError: 'injected fault'" in log.read_text(encoding="utf-8")


def test_a_crash_under_serve_names_no_server_path(home: Home, tmp_path: Path) -> None:
    env = {**_crashing_env(home, tmp_path), "PKIT_SERVE_MODE": "1"}
    with pkit(["--no-restore"], env, cwd=home.root) as app:
        app.expect(HEADLINE, timeout=START_TIMEOUT)
        app.settle(strict=False)
        app.press("?")
        _run_until_exit(app)
        assert app.exit_code == 70
        out = bytes(app.output).decode("utf-8", "replace")
        assert "pkit stopped unexpectedly" in out
        assert str(home.root) not in out and "Traceback" not in out
