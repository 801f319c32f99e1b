"""The server's side of the warm template (see fork_template.py): start it, ask it for children,
learn when they end.

A forked child is the template's child, not the server's: the server holds a pidfd to signal
it and to see it end (even if the template dies), and the template reports the exit status.
If the template is not ready, fails or dies, sessions start cold instead (``python -m tui``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Mapping, Sequence
from itertools import count
from pathlib import Path
from typing import Any

log = logging.getLogger("tui.serve")


def server_python(module: str, *args: str) -> list[str]:
    """``python -I -B -X utf8 -m MODULE SERVER_PID ARGS``: a process of the server's.

    -I: no PYTHON* variables, no user site, no current folder on sys.path (defence in depth:
    the environment is already built from scratch); -B: write no .pyc on the server. The
    server's pid lets the process end itself when the server is gone.
    """
    return [sys.executable, "-I", "-B", "-X", "utf8", "-m", module, str(os.getpid()), *args]


UNKNOWN_STATUS = 255  # a child whose status could not be learnt (the template died)
FORK_TIMEOUT = 5.0


class TemplateError(Exception):
    """The template could not fork this session; start it cold."""


class ForkedProcess:
    """What PtyChild needs of a process (pid, returncode, wait) for a template's child."""

    def __init__(self, pid: int, template: WarmTemplate) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._template = template
        self._gone = asyncio.Event()
        self._pidfd: int | None = None
        try:
            self._pidfd = os.pidfd_open(pid)
        except ProcessLookupError:  # already ended; its status is on the way
            self._gone.set()
            return
        asyncio.get_running_loop().add_reader(self._pidfd, self._on_gone)

    def _on_gone(self) -> None:
        self._close_pidfd()
        self._gone.set()

    def _close_pidfd(self) -> None:
        if self._pidfd is not None:
            loop = asyncio.get_running_loop()
            loop.remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None

    def set_status(self, status: int) -> None:
        if self.returncode is None:
            self.returncode = status
        self._gone.set()

    def send_signal(self, sig: int) -> None:
        if self._pidfd is not None and self.returncode is None:
            with contextlib.suppress(ProcessLookupError, OSError):
                signal.pidfd_send_signal(self._pidfd, sig)

    async def wait(self) -> int:
        await self._gone.wait()
        if self.returncode is None:  # ended, status not reported yet (or never: template gone)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._template.status_of(self.pid), 1.0)
        if self.returncode is None:
            self.returncode = UNKNOWN_STATUS
        self._close_pidfd()
        self._template.forget(self.pid)
        return self.returncode


class WarmTemplate:
    def __init__(self, data_dir: Path, env: Mapping[str, str], cwd: Path) -> None:
        self.data_dir = data_dir
        self.env = dict(env)
        self.cwd = cwd
        self.ready = asyncio.Event()
        self.settled = asyncio.Event()  # ready, or failed for good
        self.failed = False
        self.process: asyncio.subprocess.Process | None = None
        self._sock: socket.socket | None = None
        self._ids = count(1)
        self._pending: dict[int, asyncio.Future[int]] = {}
        self._children: dict[int, ForkedProcess] = {}
        self._early: dict[int, int] = {}  # statuses that arrived before the fork reply
        self._status_waiters: dict[int, asyncio.Event] = {}
        self._started = time.monotonic()

    @property
    def usable(self) -> bool:
        return self.ready.is_set() and not self.failed

    async def start(self) -> None:
        self._started = time.monotonic()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        ours.setblocking(False)
        theirs.set_inheritable(True)
        cmd = server_python("tui.serve.fork_template", str(theirs.fileno()), str(self.data_dir))
        try:
            self.process = await asyncio.create_subprocess_exec(
                *cmd,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                env=self.env,
                cwd=str(self.cwd),
                pass_fds=(theirs.fileno(),),
                start_new_session=True,
            )
        except OSError as exc:
            ours.close()
            self.failed = True
            self.settled.set()
            log.warning("warm template not started (%s): sessions start cold", exc)
            return
        finally:
            theirs.close()
        self._sock = ours
        asyncio.get_running_loop().add_reader(ours.fileno(), self._on_readable)

    async def wait_ready(self, timeout: float) -> bool:
        if not self.settled.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.settled.wait(), timeout)
        return self.usable

    # -- messages from the template ----------------------------------------------------------

    def _on_readable(self) -> None:
        assert self._sock is not None
        while True:
            try:
                data = self._sock.recv(65536)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                self._lost()
                return
            with contextlib.suppress(ValueError, TypeError, KeyError):
                self._dispatch(json.loads(data))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "ready" in message:
            self.ready.set()
            self.settled.set()
            took = time.monotonic() - self._started
            log.info("warm template ready (pid %s, %.1fs)", message["ready"], took)
        elif "exit" in message:
            pid, status = int(message["exit"]), int(message["status"])
            child = self._children.get(pid)
            if child is not None:
                child.set_status(status)
            else:
                self._early[pid] = status
            waiter = self._status_waiters.pop(pid, None)
            if waiter is not None:
                waiter.set()
        elif "id" in message:
            future = self._pending.pop(int(message["id"]), None)
            if future is None or future.done():
                if "pid" in message:  # a fork that came too late: its session started cold
                    with contextlib.suppress(OSError):
                        os.kill(int(message["pid"]), signal.SIGKILL)
                return
            if "pid" in message:
                future.set_result(int(message["pid"]))
            else:
                future.set_exception(TemplateError(str(message.get("error"))))

    def _lost(self) -> None:
        if self._sock is not None:
            asyncio.get_running_loop().remove_reader(self._sock.fileno())
            self._sock.close()
            self._sock = None
        if not self.failed:
            self.failed = True
            log.warning("warm template ended: new sessions start cold")
        self.settled.set()
        for future in self._pending.values():
            if not future.done():
                future.set_exception(TemplateError("the template ended"))
        self._pending.clear()
        for waiter in self._status_waiters.values():
            waiter.set()

    async def status_of(self, pid: int) -> None:
        if pid in self._early or self._sock is None:
            return
        waiter = self._status_waiters.setdefault(pid, asyncio.Event())
        await waiter.wait()

    def forget(self, pid: int) -> None:
        self._children.pop(pid, None)
        self._early.pop(pid, None)

    # -- forking -----------------------------------------------------------------------------

    async def fork(
        self, argv: Sequence[str], env: Mapping[str, str], cwd: Path, slave: int
    ) -> ForkedProcess:
        if not self.usable or self._sock is None:
            raise TemplateError("the template is not ready")
        request_id = next(self._ids)
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = future
        request = {"id": request_id, "argv": list(argv), "env": dict(env), "cwd": str(cwd)}
        try:
            socket.send_fds(self._sock, [json.dumps(request).encode()], [slave])
            pid = await asyncio.wait_for(future, FORK_TIMEOUT)
        except (OSError, asyncio.TimeoutError) as exc:
            self._pending.pop(request_id, None)
            raise TemplateError(f"fork request failed: {exc!r}") from None
        child = ForkedProcess(pid, self)
        self._children[pid] = child
        if pid in self._early:
            child.set_status(self._early.pop(pid))
        return child

    async def close(self) -> None:
        self.failed = True
        self.settled.set()
        if self._sock is not None:
            asyncio.get_running_loop().remove_reader(self._sock.fileno())
            self._sock.close()
            self._sock = None
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.terminate()
            try:
                await asyncio.wait_for(self.process.wait(), 3.0)
            except asyncio.TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    self.process.kill()
                await self.process.wait()
