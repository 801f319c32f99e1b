"""The one terminal driver of bench/ and tests/: output rendered by pyte, with timings.

:class:`Terminal` runs a program in a real PTY; :class:`ChannelTerminal` reads an SSH
session's channel (an asyncssh process) instead. Both keep every byte (``output``) and the
screen a terminal would show (``text()``), and wait for a :data:`Condition` (or a regular
expression) to hold on that screen.

A PTY's output is read in bursts: everything available is read until the PTY has been quiet for
``GAP`` seconds, then fed to pyte in one go. Reading first and rendering after keeps the
harness from stalling the program (a PTY buffer is small) and keeps pyte's cost out of the
timings: a wait reports the arrival time of the burst that made its condition true.
"""

from __future__ import annotations

import asyncio
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


def condition(wanted: str | Condition) -> Condition:
    """A condition as given, or a regular expression (``re.S``) that must match the screen."""
    return matches(wanted) if isinstance(wanted, str) else wanted


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


class PyteScreen:
    """Bytes in, the screen a terminal of ``cols`` x ``rows`` would show out; every byte kept."""

    def __init__(self, cols: int, rows: int) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()

    @property
    def total_bytes(self) -> int:
        return len(self.output)

    def feed(self, data: bytes) -> None:
        self.output += data
        self.stream.feed(data)

    def text(self) -> str:
        """The rendered screen, one line per row."""
        return "\n".join(self.screen.display)

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def resize(self, cols: int, rows: int) -> None:
        self.screen.resize(rows, cols)


class Terminal(PyteScreen):
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
        super().__init__(cols, rows)
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
            self.reap()
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
                self.reap()
                break
            self.last_arrival = CLOCK()
            chunks.append(data)
            ready, _, _ = select.select([fd], [], [], GAP)
            if not ready:
                break
        if not chunks:
            return False
        blob = b"".join(chunks)
        self.feed(blob)
        if b"\x1b[6n" in blob and self.fd is not None:  # answer a cursor-position query
            with contextlib.suppress(OSError):
                os.write(self.fd, b"\x1b[1;1R")
        return True

    def wait_for(self, wanted: str | Condition, timeout: float = 30.0) -> float | None:
        """Read until ``wanted`` holds on screen; the arrival time of that output, or None."""
        check = condition(wanted)
        if check(self.text()):
            return self.last_arrival
        deadline = CLOCK() + timeout
        while CLOCK() < deadline:
            self._sample_helpers()
            if self._burst(min(0.01, max(deadline - CLOCK(), 0.0))) and check(self.text()):
                return self.last_arrival
            if not self.alive:
                return None
        return None

    def expect(self, wanted: str | Condition, timeout: float = 30.0) -> float:
        """:meth:`wait_for`, failing with the screen when ``wanted`` never holds."""
        arrived = self.wait_for(wanted, timeout)
        if arrived is None:
            state = "the program ended" if not self.alive else f"not within {timeout:g}s"
            raise AssertionError(f"screen never showed {wanted!r} ({state}):\n{self.text()}")
        return arrived

    def _sample_helpers(self) -> None:
        for pid in child_pids(self.pid):
            kib = proc_status_kib(pid, "VmHWM")
            if kib is not None and (self.helper_peak_kib is None or kib > self.helper_peak_kib):
                self.helper_peak_kib = kib

    def settle(self, quiet: float = 0.5, timeout: float = 10.0, *, strict: bool = False) -> float:
        """Read until no output for ``quiet`` seconds; the time of the last output.

        When the output never goes quiet within ``timeout``, fails if ``strict``.
        """
        deadline = CLOCK() + timeout
        while self.alive:
            left = deadline - CLOCK()
            if left <= 0:
                if strict:
                    raise AssertionError(
                        f"output never went quiet within {timeout:g}s; screen:\n{self.text()}"
                    )
                break
            if not self._burst(min(quiet, left)):
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

    def press(self, keys: str | bytes) -> float:
        """Type ``keys``; the time they were written."""
        if self.fd is None:
            raise RuntimeError("the terminal is closed")
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)
        return CLOCK()

    def send_signal(self, sig: signal.Signals) -> None:
        os.kill(self.pid, sig)

    def close_master(self) -> None:
        """Close the terminal's side of the PTY (a hang-up), leaving the program to react."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None

    # -- the process -------------------------------------------------------------------------

    def peak_rss_kib(self) -> int | None:
        """The program's peak resident set (VmHWM), while it still runs."""
        return proc_status_kib(self.pid, "VmHWM")

    def cpu_seconds(self) -> float | None:
        """CPU time the program has used so far, all threads (None where there is no /proc)."""
        return cpu_seconds(self.pid)

    def reap(self, block: bool = False) -> bool:
        """True once the program has ended (its exit code is then in ``exit_code``)."""
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
            if not self.alive or self.fd is None:  # all output read, or the PTY closed
                break
            self._burst(min(0.05, max(deadline - CLOCK(), 0.0)))
        while CLOCK() < deadline:
            if self.reap():
                return CLOCK()
            time.sleep(0.001)
        return CLOCK() if self.reap() else None

    def close(self) -> None:
        """End the program (SIGTERM, then SIGKILL) and release the PTY."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.reap():
                break
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)
            end = CLOCK() + 2.0
            while CLOCK() < end and not self.reap():
                self._burst(0.02)
        self.reap(block=True)
        self.close_master()
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


class ChannelTerminal(PyteScreen):
    """An SSH session's channel (an asyncssh process with a PTY, read as bytes), rendered."""

    def __init__(self, process: Any, cols: int, rows: int, started: float | None = None) -> None:
        super().__init__(cols, rows)
        self.process = process
        self.started = CLOCK() if started is None else started
        self.last_arrival = self.started
        self.first_byte: float | None = None  # seconds from ``started``
        self.closed = False

    async def _read(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for output and render it; False on timeout or close."""
        try:
            data = await asyncio.wait_for(self.process.stdout.read(65536), max(timeout, 0.0))
        except asyncio.TimeoutError:
            return False
        except Exception:  # noqa: BLE001 - any channel error (asyncssh.Error, OSError) ends it
            self.closed = True
            return False
        if not data:
            self.closed = True
            return False
        self.last_arrival = CLOCK()
        if self.first_byte is None:
            self.first_byte = self.last_arrival - self.started
        self.feed(data)
        return True

    async def pump(self, seconds: float) -> None:
        """Read output for up to ``seconds`` (less if the channel closes)."""
        deadline = CLOCK() + seconds
        while not self.closed and (left := deadline - CLOCK()) > 0:
            await self._read(left)

    async def wait_for(self, wanted: str | Condition, timeout: float = 20.0) -> float | None:
        """Read until ``wanted`` holds on screen; the arrival time of that output, or None."""
        check = condition(wanted)
        deadline = CLOCK() + timeout
        while not check(self.text()):
            left = deadline - CLOCK()
            if left <= 0 or self.closed:
                return None
            await self._read(min(left, 0.5))
        return self.last_arrival

    async def wait_closed(self, timeout: float = 10.0) -> bool:
        await self.pump(timeout)
        return self.closed

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)

    def resize(self, cols: int, rows: int) -> None:
        super().resize(cols, rows)
        self.process.change_terminal_size(cols, rows)


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
