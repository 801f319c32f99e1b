"""One session's pkit process on its own PTY: start, resize, hang up, kill, reap."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import signal
import struct
import termios
import tty
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from tui.serve.fork_template_client import ForkedProcess, TemplateError, WarmTemplate, server_python


class ChildProcess(Protocol):
    """What both a cold child (asyncio Process) and a template's child (ForkedProcess) offer."""

    @property
    def pid(self) -> int: ...

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...


def pkit_args(data_dir: Path, fy: str | None) -> list[str]:
    """The `pkit` arguments of every session: the server's dataset, no saved preferences."""
    args = ["--data", str(data_dir), "--no-restore"]
    if fy:
        args += ["--fy", fy]
    return args


def cold_command(args: Sequence[str]) -> list[str]:
    """``python -I -B -X utf8 -m tui.serve.session_bootstrap SERVER_PID pkit-args``."""
    return server_python("tui.serve.session_bootstrap", *args)


def _open_pty(size: tuple[int, int, int, int]) -> tuple[int, int]:
    """(master, slave) with the client's size, the slave raw (no echo before Textual starts)."""
    master, slave = os.openpty()
    try:
        cols, rows, xpix, ypix = size
        set_window_size(slave, cols or 80, rows or 24, xpix, ypix)
        tty.setraw(slave)
    except BaseException:
        os.close(master)
        os.close(slave)
        raise
    return master, slave


MAX_COLS, MAX_ROWS = 1000, 400  # a client cannot make a session render a gigantic screen


def set_window_size(fd: int, cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> None:
    cols = max(1, min(cols, MAX_COLS))
    rows = max(1, min(rows, MAX_ROWS))
    packed = struct.pack("HHHH", rows, cols, max(0, xpixels) & 0xFFFF, max(0, ypixels) & 0xFFFF)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, packed)


class PtyChild:
    """A child process whose stdin/stdout/stderr are the slave side of a fresh PTY."""

    def __init__(self, process: ChildProcess, master: int, warm: bool) -> None:
        self.process = process
        self.master = master
        self.pid = process.pid
        self.warm = warm  # forked from the warm template (else started cold)
        self._closed = False
        self._ending: asyncio.Future[None] | None = None

    @classmethod
    async def spawn(
        cls,
        args: Sequence[str],
        *,
        env: Mapping[str, str],
        cwd: Path,
        size: tuple[int, int, int, int],
        template: WarmTemplate | None = None,
    ) -> PtyChild:
        """Start `pkit args` on a new PTY: forked from the template if it is ready, else cold."""
        if template is not None and template.usable:
            master, slave = _open_pty(size)
            try:
                process = await template.fork(args, env, cwd, slave)
            except TemplateError:
                # a fresh PTY for the cold start: a late fork must not share this one
                os.close(master)
            except BaseException:
                os.close(master)
                raise
            else:
                os.set_blocking(master, False)
                return cls(process, master, warm=True)
            finally:
                os.close(slave)
        master, slave = _open_pty(size)
        try:
            cold = await asyncio.create_subprocess_exec(
                *cold_command(args),
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=dict(env),
                cwd=str(cwd),
                start_new_session=True,  # its own session: the PTY becomes its terminal
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            os.close(slave)
        os.set_blocking(master, False)
        return cls(cold, master, warm=False)

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    def resize(self, cols: int, rows: int, xpixels: int = 0, ypixels: int = 0) -> None:
        """New size on the PTY, then SIGWINCH to the child's process group.

        The kernel already signals the foreground group of a controlling terminal; the
        explicit signal covers a child that could not take the PTY as its terminal.
        """
        if self._closed:
            return
        with contextlib.suppress(OSError):
            set_window_size(self.master, cols, rows, xpixels, ypixels)
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.pid, signal.SIGWINCH)

    # -- I/O on the master -----------------------------------------------------------------

    async def read(self, limit: int) -> bytes:
        """Up to limit bytes of output; b"" once the child and its PTY are gone."""
        loop = asyncio.get_running_loop()
        while True:
            if self._closed:
                return b""
            try:
                return os.read(self.master, limit)
            except BlockingIOError:
                pass
            except OSError as exc:
                if exc.errno == errno.EIO:  # Linux: every slave fd is closed
                    return b""
                raise
            ready = loop.create_future()
            loop.add_reader(self.master, _wake, ready)
            try:
                await ready
            finally:
                loop.remove_reader(self.master)

    async def write(self, data: bytes) -> None:
        """All of data to the child's input, waiting while the PTY's input queue is full."""
        loop = asyncio.get_running_loop()
        view = memoryview(data)
        while view and not self._closed:
            try:
                n = os.write(self.master, view)
                view = view[n:]
                continue
            except BlockingIOError:
                pass
            except OSError as exc:
                if exc.errno == errno.EIO:
                    return
                raise
            ready = loop.create_future()
            loop.add_writer(self.master, _wake, ready)
            try:
                await ready
            finally:
                loop.remove_writer(self.master)

    # -- ending ------------------------------------------------------------------------------

    def _signal_group(self, sig: signal.Signals) -> None:
        # the child leads its own session and process group: reach anything it started too
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, sig)
        if self.process.returncode is None:
            if isinstance(self.process, ForkedProcess):
                self.process.send_signal(sig)
            else:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, sig)

    async def end(self, grace: float) -> int:
        """Hang up, SIGKILL after grace seconds, reap. Returns the exit status (<0: signal).

        Every call waits for the same ending: signalling the group again after it was reaped
        could reach another group that reuses its id.
        """
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end(grace))
        await asyncio.shield(self._ending)
        rc = self.process.returncode
        return rc if rc is not None else -int(signal.SIGKILL)

    async def _end(self, grace: float) -> None:
        if self.process.returncode is None:
            self._signal_group(signal.SIGHUP)
            try:
                await asyncio.wait_for(self.process.wait(), grace)
            except asyncio.TimeoutError:
                self._signal_group(signal.SIGKILL)
                await self.process.wait()
        self._signal_group(signal.SIGKILL)  # stragglers left in its process group, if any
        self.close()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            with contextlib.suppress(OSError):
                os.close(self.master)


def _wake(ready: asyncio.Future[None]) -> None:
    if not ready.done():
        ready.set_result(None)
