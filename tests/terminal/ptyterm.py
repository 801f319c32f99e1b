"""Run ``python -m tui`` in a real pseudo-terminal and watch it through pyte.

Every wait is bounded; the child is always killed and reaped on exit from the ``with`` block.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pyte

# Variables that would change what the app draws; the tests set what they need explicitly.
_SCRUBBED = (
    "LC_ALL",
    "LC_CTYPE",
    "LANG",
    "LANGUAGE",
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "SSH_CONNECTION",
    "SSH_CLIENT",
    "SSH_TTY",
    "PYTHONUTF8",
    "PYTHONCOERCECLOCALE",
    "PYTHONIOENCODING",
    "TEXTUAL_COLOR_SYSTEM",
    "TEXTUAL_ANIMATIONS",
    "TEXTUAL_DRIVER",
    "TEXTUAL_FILTERS",
    "TEXTUAL",
    "PKIT_SERVE_MODE",
)


def child_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean environment whose XDG folders (and HOME) are inside ``home``."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
    )
    env.update(extra or {})
    return env


class PtyApp:
    """One child process on the slave side of a PTY; the test holds the master."""

    def __init__(
        self,
        args: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        cols: int = 80,
        rows: int = 24,
    ) -> None:
        self.args = [sys.executable, "-m", "tui", *args]
        self.env = dict(env)
        self.cwd = cwd
        self.cols = cols
        self.rows = rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.pid = -1
        self.fd: int | None = None
        self.status: int | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> PtyApp:
        pid, fd = pty.fork()
        if pid == 0:  # child: never return into pytest
            try:
                os.chdir(self.cwd)
                os.execve(self.args[0], self.args, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.kill()

    def kill(self) -> None:
        if self.pid > 0 and not self.reap():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            deadline = time.monotonic() + 5
            while not self.reap() and time.monotonic() < deadline:
                time.sleep(0.01)
        self.close_master()

    def close_master(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None

    def reap(self) -> bool:
        """True once the child has ended (its exit status is then in ``status``)."""
        if self.status is not None:
            return True
        try:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            self.status = -1
            return True
        if pid == self.pid:
            self.status = os.waitstatus_to_exitcode(st)
            return True
        return False

    # -- reading -----------------------------------------------------------------------------

    def pump(self, seconds: float) -> int:
        """Read output for ``seconds``; return how many bytes arrived."""
        deadline = time.monotonic() + seconds
        got = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return got
            if self.fd is None:
                time.sleep(min(left, 0.02))
                continue
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.02))
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the child closed its side
                data = b""
            if not data:
                self.close_master()
                continue
            got += len(data)
            self.output += data
            self.stream.feed(data)
            if b"\x1b[6n" in data:  # answer a cursor-position query, as a terminal would
                os.write(self.fd, b"\x1b[1;1R")

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, pattern: str, timeout: float = 15.0) -> None:
        """Pump until the rendered screen matches ``pattern`` (a regex); fail on timeout."""
        rx = re.compile(pattern, re.S)
        deadline = time.monotonic() + timeout
        while not rx.search(self.text()):
            if time.monotonic() > deadline or (self.fd is None and self.reap()):
                raise AssertionError(
                    f"screen never matched {pattern!r} within {timeout}s; screen:\n{self.text()}"
                )
            self.pump(0.02)

    def settle(self, quiet: float = 0.4, timeout: float = 5.0, strict: bool = True) -> bool:
        """Pump until no output has arrived for ``quiet`` seconds.

        Returns whether it went quiet; when it never does, fails if ``strict``.
        """
        deadline = time.monotonic() + timeout
        while self.pump(quiet):
            if time.monotonic() > deadline:
                if strict:
                    raise AssertionError(
                        f"output never went quiet within {timeout}s; screen:\n{self.text()}"
                    )
                return False
        return True

    # -- writing -----------------------------------------------------------------------------

    def send(self, keys: str) -> None:
        assert self.fd is not None, "the PTY is closed"
        os.write(self.fd, keys.encode())

    def send_signal(self, sig: signal.Signals) -> None:
        os.kill(self.pid, sig)

    def wait_exit(self, timeout: float) -> float | None:
        """Seconds until the child ended (draining its output meanwhile), or None."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if self.reap():
                return time.monotonic() - start
            self.pump(0.01)
        return time.monotonic() - start if self.reap() else None
