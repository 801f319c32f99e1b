"""A program in a real PTY, its output rendered by pyte, with timings and byte counts.

Output is read in bursts: everything available is read until the PTY has been quiet for
``GAP`` seconds, then fed to pyte in one go. Reading first and rendering after keeps the
harness from stalling the program (a PTY buffer is small) and keeps pyte's cost out of the
timings: a wait reports the arrival time of the burst that made its condition true.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import pyte

GAP = 0.002  # a pause this long ends a burst of output
CLOCK = time.perf_counter

Condition = Callable[[str], bool]


def _set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def contains(*needles: str, absent: Sequence[str] = ()) -> Condition:
    """A condition: every needle is on screen and none of ``absent`` is."""

    def check(text: str) -> bool:
        return all(n in text for n in needles) and not any(a in text for a in absent)

    return check


def matches(pattern: str, *, absent: Sequence[str] = ()) -> Condition:
    """A condition: the regular expression (``re.S``) matches the screen."""
    rx = re.compile(pattern, re.S)

    def check(text: str) -> bool:
        return rx.search(text) is not None and not any(a in text for a in absent)

    return check


class Terminal:
    """Spawn ``argv`` on a new PTY of ``cols`` x ``rows``; read, render, type, measure."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 80,
        rows: int = 24,
        env: Mapping[str, str] | None = None,
        cwd: str | Path | None = None,
    ) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.total_bytes = 0
        self.exit_code: int | None = None
        self.cpu_at_exit: float | None = None  # user + system seconds, once reaped
        # the highest VmHWM seen among the program's own child processes (pkit's loader),
        # sampled while waiting for the screen: a child's peak is kept after it exits
        self.helper_peak_kib: int | None = None
        self.alive = True
        child_env = dict(env if env is not None else os.environ)
        self.started = CLOCK()
        self.last_arrival = self.started
        pid, fd = pty.fork()
        if pid == 0:  # the child: exec the program on the PTY
            try:
                if cwd is not None:
                    os.chdir(cwd)
                os.execvpe(argv[0], list(argv), child_env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd: int | None = fd
        _set_size(fd, cols, rows)

    # -- reading -----------------------------------------------------------------------------

    def _burst(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for output, read the whole burst, render it."""
        fd = self.fd
        if fd is None or not self.alive:
            if timeout > 0:
                time.sleep(min(timeout, 0.01))
            self._reap()
            return False
        ready, _, _ = select.select([fd], [], [], max(timeout, 0.0))
        if not ready:
            return False
        chunks: list[bytes] = []
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError as exc:  # EIO: the program closed its side
                if exc.errno not in (errno.EIO, errno.EBADF):
                    raise
                data = b""
            if not data:
                self.alive = False
                self._reap()
                break
            self.last_arrival = CLOCK()
            chunks.append(data)
            ready, _, _ = select.select([fd], [], [], GAP)
            if not ready:
                break
        if not chunks:
            return False
        blob = b"".join(chunks)
        self.total_bytes += len(blob)
        self.stream.feed(blob)
        if b"\x1b[6n" in blob and self.fd is not None:  # answer a cursor-position query
            with contextlib.suppress(OSError):
                os.write(self.fd, b"\x1b[1;1R")
        return True

    def text(self) -> str:
        """The rendered screen, one line per row."""
        return "\n".join(self.screen.display)

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def wait_for(self, condition: Condition, timeout: float = 30.0) -> float | None:
        """Read until ``condition(screen)`` holds; the arrival time of that output, or None."""
        if condition(self.text()):
            return self.last_arrival
        deadline = CLOCK() + timeout
        while CLOCK() < deadline:
            self._sample_helpers()
            if self._burst(min(0.01, max(deadline - CLOCK(), 0.0))) and condition(self.text()):
                return self.last_arrival
            if not self.alive:
                return None
        return None

    def _sample_helpers(self) -> None:
        for pid in child_pids(self.pid):
            kib = proc_status_kib(pid, "VmHWM")
            if kib is not None and (self.helper_peak_kib is None or kib > self.helper_peak_kib):
                self.helper_peak_kib = kib

    def settle(self, quiet: float = 0.5, timeout: float = 10.0) -> float:
        """Read until no output for ``quiet`` seconds; the time of the last output."""
        deadline = CLOCK() + timeout
        while CLOCK() < deadline and self.alive:
            if not self._burst(min(quiet, max(deadline - CLOCK(), 0.0))):
                break
        return self.last_arrival

    def idle(self, seconds: float) -> int:
        """Read for ``seconds`` without typing; the bytes written meanwhile."""
        before = self.total_bytes
        deadline = CLOCK() + seconds
        while CLOCK() < deadline and self.alive:
            self._burst(deadline - CLOCK())
        return self.total_bytes - before

    # -- writing -----------------------------------------------------------------------------

    def press(self, keys: str) -> float:
        """Type ``keys``; the time they were written."""
        if self.fd is None:
            raise RuntimeError("the terminal is closed")
        os.write(self.fd, keys.encode())
        return CLOCK()

    # -- the process -------------------------------------------------------------------------

    def peak_rss_kib(self) -> int | None:
        """The program's peak resident set (VmHWM), while it still runs."""
        return proc_status_kib(self.pid, "VmHWM")

    def cpu_seconds(self) -> float | None:
        """CPU time the program has used so far, all threads (None where there is no /proc)."""
        return cpu_seconds(self.pid)

    def _reap(self, block: bool = False) -> bool:
        if self.exit_code is not None:
            return True
        try:
            pid, status, usage = os.wait4(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:
            self.exit_code = -1
            return True
        if pid == self.pid:
            self.exit_code = os.waitstatus_to_exitcode(status)
            self.cpu_at_exit = usage.ru_utime + usage.ru_stime
            return True
        return False

    def wait_exit(self, timeout: float = 60.0) -> float | None:
        """Read until the program ends; the time it ended, or None on timeout."""
        deadline = CLOCK() + timeout
        while CLOCK() < deadline:
            if not self.alive:
                break
            self._burst(min(0.05, max(deadline - CLOCK(), 0.0)))
        while CLOCK() < deadline:
            if self._reap():
                return CLOCK()
            time.sleep(0.001)
        return None

    def close(self) -> None:
        """End the program (SIGTERM, then SIGKILL) and release the PTY."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self._reap():
                break
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)
            end = CLOCK() + 2.0
            while CLOCK() < end and not self._reap():
                self._burst(0.02)
        self._reap(block=True)
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
        self.alive = False

    def __enter__(self) -> Terminal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def proc_status_kib(pid: int, field: str) -> int | None:
    """A ``kB`` field of /proc/PID/status (VmHWM, VmRSS), or None where there is no /proc."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(field + ":"):
            parts = line.split()
            return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    return None


def child_pids(pid: int) -> list[int]:
    """The live child processes of ``pid`` (/proc/PID/task/*/children)."""
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        with contextlib.suppress(OSError, ValueError):
            out += [int(x) for x in (task / "children").read_text().split()]
    return out


def _thread_seconds(pid: int) -> float | None:
    """Sum of the on-CPU time of every thread of ``pid`` (/proc/PID/task/*/schedstat, ns)."""
    total = 0
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return None
    for task in tasks:
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # a thread that just ended
    return total / 1e9


def _reaped_children_seconds(pid: int) -> float:
    """CPU time of the children ``pid`` has waited for (cutime + cstime of /proc/PID/stat)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()
        return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def cpu_seconds(pid: int) -> float | None:
    """CPU time used by ``pid``: all its threads, plus its child processes, live or reaped.

    pkit loads its data in a child process; leaving that out would flatter its CPU figures.
    """
    own = _thread_seconds(pid)
    if own is None:
        return None
    live = sum(cpu_seconds(child) or 0.0 for child in child_pids(pid))
    return own + live + _reaped_children_seconds(pid)


def run_to_exit(
    argv: Sequence[str],
    *,
    cols: int = 80,
    rows: int = 24,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    timeout: float = 300.0,
) -> dict[str, Any]:
    """Run a program to its end in a PTY: wall time, exit code, bytes and final screen."""
    term = Terminal(argv, cols=cols, rows=rows, env=env, cwd=cwd)
    try:
        ended = term.wait_exit(timeout)
        return {
            "seconds": None if ended is None else ended - term.started,
            "cpu": term.cpu_at_exit,
            "exit_code": term.exit_code,
            "bytes": term.total_bytes,
            "screen": term.lines(),
        }
    finally:
        term.close()
