"""The front door: accept TCP connections, refuse the ones over a limit in a way the client
can read, and hand the others to asyncssh.

A refusal sends the SSH version line first, then a DISCONNECT packet with the reason, then
closes gently (it reads what the client still sends, for a few seconds at most, so the
kernel does not answer with a reset). OpenSSH then prints "Received disconnect from ...:
pkit: <reason>" instead of "banner line contains invalid characters" or "Broken pipe".
No key exchange is done for a refused connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import struct
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger("tui.serve")

SERVER_VERSION = "pkit"  # the version line is "SSH-2.0-pkit"
MSG_DISCONNECT = 1
REFUSAL_LINGER = 5.0  # seconds a refused client has to read the reason
MAX_REFUSING = 128  # refusals lingering at once; beyond that a refused socket just closes

Decide = Callable[[str, int], "tuple[int, str] | None"]
Handle = Callable[[socket.socket, str], Coroutine[Any, Any, None]]


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def disconnect_packet(code: int, reason: str) -> bytes:
    """An unencrypted SSH_MSG_DISCONNECT (RFC 4253 6 and 11.1), as sent before key exchange."""
    payload = bytes([MSG_DISCONNECT]) + struct.pack(">I", code)
    payload += _string(reason.encode("utf-8")) + _string(b"")
    padding = 8 - (5 + len(payload)) % 8
    if padding < 4:
        padding += 8
    return struct.pack(">IB", 1 + len(payload) + padding, padding) + payload + b"\0" * padding


class Door:
    """A listening socket and its accept loop.

    ``decide(ip, open_connections)`` returns None to admit a connection or (code, reason)
    to refuse it; ``handle(sock, ip)`` runs an admitted connection until it ends.
    """

    def __init__(self, host: str, port: int, decide: Decide, handle: Handle) -> None:
        self.host, self.port = host, port
        self._decide, self._handle = decide, handle
        self._listener: socket.socket | None = None
        self._accepting: asyncio.Task[None] | None = None
        self.open: set[asyncio.Task[None]] = set()  # admitted connections
        self._refusing: set[asyncio.Task[None]] = set()

    def listen(self) -> int:
        """Bind and listen (raises OSError); return the port."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        infos = socket.getaddrinfo(self.host, self.port, family, socket.SOCK_STREAM)
        address = infos[0][4]
        listener = socket.create_server(address, family=infos[0][0], backlog=128)
        listener.setblocking(False)
        self._listener = listener
        self.port = int(listener.getsockname()[1])
        self._accepting = asyncio.ensure_future(self._accept_loop())
        return self.port

    async def _accept_loop(self) -> None:
        loop = asyncio.get_running_loop()
        assert self._listener is not None
        while True:
            try:
                sock, peer = await loop.sock_accept(self._listener)
            except asyncio.CancelledError:
                raise
            except OSError as exc:  # EMFILE and the like: back off instead of spinning
                log.warning("accepting a connection failed: %s", exc.strerror or exc)
                await asyncio.sleep(0.1)
                continue
            sock.setblocking(False)
            ip = str(peer[0])
            refusal = self._decide(ip, len(self.open))
            if refusal is None:
                self._track(self.open, self._handle(sock, ip))
            elif len(self._refusing) < MAX_REFUSING:
                self._track(self._refusing, refuse(sock, *refusal))
            else:
                sock.close()

    @staticmethod
    def _track(tasks: set[asyncio.Task[None]], coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    def close(self) -> None:
        """Stop accepting; connections already admitted carry on."""
        if self._accepting is not None:
            self._accepting.cancel()
        if self._listener is not None:
            self._listener.close()

    async def wait_closed(self, timeout: float) -> None:
        """Wait for admitted connections to end (cancel them after timeout) and refusals."""
        if self._accepting is not None:
            await asyncio.gather(self._accepting, return_exceptions=True)
        for tasks in (self.open, self._refusing):
            pending = set(tasks)
            if not pending:
                continue
            _, late = await asyncio.wait(pending, timeout=timeout)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)


async def refuse(sock: socket.socket, code: int, reason: str) -> None:
    """Version line, DISCONNECT with the reason, FIN; then read until the client closes."""
    loop = asyncio.get_running_loop()
    try:
        banner = f"SSH-2.0-{SERVER_VERSION}\r\n".encode()
        await loop.sock_sendall(sock, banner + disconnect_packet(code, reason))
        sock.shutdown(socket.SHUT_WR)
        async with asyncio.timeout(REFUSAL_LINGER):
            received = 0
            while received < 65536:
                data = await loop.sock_recv(sock, 4096)
                if not data:
                    break
                received += len(data)
    except (OSError, TimeoutError):
        pass
    finally:
        with contextlib.suppress(OSError):
            sock.close()
