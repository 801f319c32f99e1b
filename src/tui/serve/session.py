"""One SSH session channel: refuse what is not an interactive terminal, else relay a pkit child.

Bytes go both ways untouched (no decoding, so a UTF-8 sequence split across reads stays
intact). Output is counted, capped in rate and written with ``drain()``: a slow client makes
the relay stop reading the PTY, the PTY fills, and the child blocks, so nothing buffers
without bound. Window changes reach the child through TIOCSWINSZ on the PTY.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import asyncssh

from tui.serve.fork_template_client import UNKNOWN_STATUS, WarmTemplate
from tui.serve.limits import Clock, SessionLimits, Slot, TokenBucket
from tui.serve.session_env import build_child_env, safe_term
from tui.serve.session_process import PtyChild, pkit_args

if TYPE_CHECKING:
    from tui.serve.config import ServeConfig

log = logging.getLogger("tui.serve")

READ_CHUNK = 65536
STDERR_TAIL = 8192  # bytes of a child's error output copied into the server log
STDERR_LINES = 40
DRAIN_AFTER_EXIT = 1.0  # seconds to forward the child's last output after it exits

# leave the alternate screen, show the cursor, stop mouse/focus/paste reporting, pop the
# kitty keyboard mode: what Textual would have restored had it exited on its own
TERMINAL_RESET = (
    b"\x1b[0m\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1004l"
    b"\x1b[?2004l\x1b[<u\x1b[?1049l\x1b[?25h\r\n"
)


class SessionHost(Protocol):
    """What a session needs of its server (tui.serve.server.Server; a protocol, so that the
    server imports the session and not the other way round)."""

    config: ServeConfig
    limits: SessionLimits
    children: set[PtyChild]
    stopping: asyncio.Event
    template: WarmTemplate | None
    port: int
    clock: Clock

    def session_home(self) -> Path: ...

    def ssh_connection(self, process: asyncssh.SSHServerProcess[bytes], peer: Peer) -> str: ...


@dataclass(frozen=True)
class Peer:
    ip: str
    port: int
    user: str
    key: str  # SHA256 fingerprint of the key the client logged in with
    pty_allowed: bool = True  # False: the key's authorized_keys line says no-pty

    @property
    def label(self) -> str:
        return f"[{self.ip}]:{self.port}" if ":" in self.ip else f"{self.ip}:{self.port}"


def loggable(text: str, limit: int = 300) -> str:
    """A line of a child's output for the log: control characters escaped, length capped."""
    out = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def printable(text: str, limit: int = 64) -> str:
    """Client-chosen text made safe for one log line."""
    clean = "".join(ch if ch.isprintable() and not ch.isspace() else "?" for ch in text)
    return clean[:limit] or "-"


class Session:
    def __init__(self, server: SessionHost, process: asyncssh.SSHServerProcess[bytes], peer: Peer):
        self.server = server
        self.process = process
        self.peer = peer
        self.started = time.monotonic()
        self.last_input = self.started
        self.bytes_out = 0
        self.bytes_in = 0
        has_pty = process.term_type is not None
        self.term = safe_term(process.term_type) if has_pty else "-"
        width, height = process.term_size[:2]
        self.size = f"{width}x{height}" if has_pty else "-"
        self.child: PtyChild | None = None
        self.end = "?"
        self.exit = "-"  # the child's exit status, when it ended by itself
        self.status = 1
        self._home: Path | None = None

    # -- the whole life of a session ---------------------------------------------------------

    async def run(self) -> None:
        slot: Slot | None = None
        try:
            refusal = self._refusal()
            if refusal is not None:
                self.end, text = refusal
                self._say(text)
                return
            got = self.server.limits.acquire(self.peer.ip, self.peer.key)
            if isinstance(got, str):
                self.end = "refused-limit"
                self._say(f"pkit: {got}")
                return
            slot = got
            await self._serve()
        except Exception:  # a session must never take the server down
            log.exception("session %s: internal error", self.peer.label)
            self.end = "error"
        finally:
            if self.child is not None:
                await self.child.end(self.server.config.hangup_grace)
                self.server.children.discard(self.child)
            if slot is not None:
                self.server.limits.release(slot)
            if self._home is not None:
                shutil.rmtree(self._home, ignore_errors=True)
            with contextlib.suppress(Exception):
                self.process.exit(self.status)
            self._log()

    def _refusal(self) -> tuple[str, str] | None:
        process = self.process
        if process.subsystem:
            name = printable(process.subsystem)
            return "refused-subsystem", f"pkit: subsystem {name!r} is not available here"
        if process.command is not None:
            return "refused-exec", "pkit: commands are not available; connect with `ssh SSHARGS`"
        if not self.peer.pty_allowed:
            return (
                "refused-no-pty-key",
                "pkit: this key may not open a terminal (no-pty in authorized_keys), "
                "and pkit needs one",
            )
        if process.term_type is None:
            return "refused-no-pty", "pkit needs a terminal: connect with `ssh -t SSHARGS`"
        if self.server.stopping.is_set():
            return "refused-stopping", "pkit: the server is shutting down"
        return None

    def _say(self, text: str) -> None:
        """One line on the client's stderr; SSHARGS becomes how to reach this server."""
        sock = self.process.get_extra_info("sockname") or ("HOST", self.server.port)
        host, port = str(sock[0]), int(sock[1])
        where = host if port == 22 else f"-p {port} {host}"
        with contextlib.suppress(Exception):
            self.process.stderr.write(text.replace("SSHARGS", where).encode() + b"\r\n")

    async def _serve(self) -> None:
        config = self.server.config
        template = self.server.template
        if template is not None and not template.settled.is_set():
            waits = [
                asyncio.ensure_future(template.settled.wait()),
                asyncio.ensure_future(self.server.stopping.wait()),
            ]
            await asyncio.wait(
                waits, timeout=config.template_wait, return_when=asyncio.FIRST_COMPLETED
            )
            await _cancel(waits)
        if self.server.stopping.is_set():
            self.end = "refused-stopping"
            self._say("pkit: the server is shutting down")
            return
        self._home = self.server.session_home()
        env = build_child_env(
            term=self.process.term_type,
            client_env=self.process.env,
            home=self._home,
            ssh_connection=self.server.ssh_connection(self.process, self.peer),
            stderr_log=self._home / "stderr.log",
        )
        self.child = await PtyChild.spawn(
            pkit_args(config.data_dir, config.fy),
            env=env,
            cwd=self._home,
            size=self.process.term_size,
            template=template,
        )
        self.server.children.add(self.child)
        bucket = TokenBucket(config.output_rate, config.output_burst, clock=self.server.clock)
        out_task = asyncio.ensure_future(self._pump_out(self.child, bucket))
        in_task = asyncio.ensure_future(self._pump_in(self.child))
        exit_task = asyncio.ensure_future(self.child.process.wait())
        idle_task = asyncio.ensure_future(self._idle())
        stop_task = asyncio.ensure_future(self.server.stopping.wait())
        tasks = {out_task, in_task, exit_task, idle_task, stop_task}
        try:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            if out_task in done or exit_task in done:
                # the child is ending: forward what it still prints (its terminal restore)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(asyncio.shield(out_task), DRAIN_AFTER_EXIT)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(asyncio.shield(exit_task), config.hangup_grace)
                await _cancel(tasks)
                await self._child_ended()
            elif in_task in done:
                self.end, self.status = in_task.result(), 0
            elif idle_task in done:
                await _cancel(tasks)
                self.end, self.status = "idle", 0
                minutes = config.idle_timeout / 60
                span = f"{minutes:g} minutes" if minutes >= 1 else f"{config.idle_timeout:g} s"
                await self._finish(
                    f"pkit: no input for {span}, so this session was closed. Reconnect any time."
                )
            else:
                await _cancel(tasks)
                self.end, self.status = "shutdown", 1
                await self._finish("pkit: the server is shutting down. See you soon.")
        finally:
            await _cancel(tasks)

    async def _child_ended(self) -> None:
        """The child ended by itself: a quit, or a crash.

        A crash is a non-zero status, a signal, or a traceback in its error output (belt
        and braces: a pkit that exits 0 after an unhandled exception still crashed). The
        client gets a short message and a non-zero exit status; the traceback goes to the
        server's log, never to the client.
        """
        assert self.child is not None
        rc = self.child.returncode
        errors = self._tail("stderr.log")
        traceback = any("Traceback (most recent call last)" in line for line in errors)
        if errors:
            level = logging.WARNING if rc or traceback else logging.INFO
            for line in errors:
                log.log(level, "session %s: pkit said: %s", self.peer.label, line)
        # pkit's own crash log is in the session's throwaway folder, deleted at the end
        for crash_log in self._crash_logs():
            for line in self._tail(crash_log):
                log.warning("session %s: %s: %s", self.peer.label, crash_log.name, line)
        self.exit = "-" if rc is None else str(rc)
        if rc == 0 and not traceback:
            self.end, self.status = "quit", 0
        elif rc == UNKNOWN_STATUS and self.child.warm:
            self.end, self.status = "ended-status-unknown", 0  # the template was lost
        else:
            self.end = "crash"
            self.status = rc if rc is not None and 0 < rc < 256 else 1
            await self._finish("pkit stopped unexpectedly. Reconnect to start again.")

    def _crash_logs(self) -> list[Path]:
        """Crash logs pkit wrote in its state folder (tui.crash), oldest first, at most 3."""
        if self._home is None:
            return []
        try:
            found = sorted((self._home / "state").glob("*/log/crash-*.log"))
        except OSError:
            return []
        return found[-3:]

    def _tail(self, name: str | Path) -> list[str]:
        """The last lines of a file in the session's folder, made safe for the log."""
        if self._home is None:
            return []
        try:
            fd = os.open(self._home / name, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return []
        try:
            size = os.fstat(fd).st_size
            os.lseek(fd, max(0, size - STDERR_TAIL), os.SEEK_SET)
            data = os.read(fd, STDERR_TAIL)
        except OSError:
            return []
        finally:
            os.close(fd)
        lines = data.decode("utf-8", "replace").splitlines()[-STDERR_LINES:]
        return [loggable(line) for line in lines if line.strip()]

    async def _finish(self, message: str) -> None:
        """End the child first (so it draws nothing more), then reset the screen and explain.

        Only after the relay tasks are cancelled: the PTY must not be closed under them.
        """
        assert self.child is not None
        await self.child.end(self.server.config.hangup_grace)
        self._write(TERMINAL_RESET + message.encode() + b"\r\n")
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.process.stdout.drain(), 2.0)

    def _write(self, data: bytes) -> None:
        with contextlib.suppress(Exception):
            self.process.stdout.write(data)
            self.bytes_out += len(data)

    # -- relays ------------------------------------------------------------------------------

    async def _pump_out(self, child: PtyChild, bucket: TokenBucket) -> str:
        stdout = self.process.stdout
        while True:
            budget = await bucket.wait_for(READ_CHUNK)
            try:
                data = await child.read(budget)
            except OSError:
                return "child-output-error"
            if not data:
                return "child-closed"
            bucket.spend(len(data))
            try:
                stdout.write(data)
                self.bytes_out += len(data)
                await stdout.drain()
            except (OSError, asyncssh.Error):
                return "client-closed"

    async def _pump_in(self, child: PtyChild) -> str:
        stdin = self.process.stdin
        while True:
            try:
                data = await stdin.read(READ_CHUNK)
            except asyncssh.TerminalSizeChanged as change:
                self.last_input = time.monotonic()
                self.size = f"{self.size.split('>')[0]}>{change.width}x{change.height}"
                child.resize(change.width, change.height, change.pixwidth, change.pixheight)
                continue
            except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue
            except (OSError, asyncssh.Error):
                return "client-closed"
            if not data:
                return "client-closed"
            self.last_input = time.monotonic()
            self.bytes_in += len(data)
            try:
                await child.write(data)
            except OSError:
                return "child-input-error"

    async def _idle(self) -> None:
        timeout = self.server.config.idle_timeout
        if timeout <= 0:
            await asyncio.Event().wait()  # never
        while True:
            left = self.last_input + timeout - time.monotonic()
            if left <= 0:
                return
            await asyncio.sleep(left)

    # -- the one log line --------------------------------------------------------------------

    def _log(self) -> None:
        duration = time.monotonic() - self.started
        fields: dict[str, Any] = {
            "peer": self.peer.label,
            "user": printable(self.peer.user, 32),
            "key": self.peer.key,
            "term": self.term,
            "size": self.size,
            "duration": f"{duration:.1f}s",
            "bytes_out": self.bytes_out,
            "bytes_in": self.bytes_in,
            "start": "-" if self.child is None else ("warm" if self.child.warm else "cold"),
            "exit": self.exit,
            "end": self.end,
        }
        log.info("session %s", " ".join(f"{k}={v}" for k, v in fields.items()))


async def _cancel(tasks: Iterable[asyncio.Future[Any]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
