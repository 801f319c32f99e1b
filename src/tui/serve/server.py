"""The asyncssh front end: key-only auth, everything but an interactive PTY session refused."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import tempfile
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import asyncssh

from tui.serve.child import PtyChild
from tui.serve.childenv import base_env
from tui.serve.config import ConfigError, ServeConfig
from tui.serve.hostkey import load_or_create_host_key
from tui.serve.keys import AuthorizedKeys, fingerprint
from tui.serve.limits import SessionLimits
from tui.serve.session import Peer, Session
from tui.serve.warm import WarmTemplate

log = logging.getLogger("tui.serve")

FORWARDING_OFF = "port forwarding is disabled on this server"


class Server:
    """A listening pkit SSH server. Start with :func:`start_server`, stop with :meth:`close`."""

    def __init__(
        self,
        config: ServeConfig,
        host_key: asyncssh.SSHKey,
        keys: AuthorizedKeys | None,
    ) -> None:
        self.config = config
        self.host_key = host_key
        self.host_key_created = False
        self.keys = keys
        self.limits = SessionLimits(config.max_sessions, config.max_per_ip, config.max_per_key)
        self.stopping = asyncio.Event()
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.sessions: set[asyncio.Task[None]] = set()
        self.children: set[PtyChild] = set()
        self.port = 0
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._runtime = Path(tempfile.mkdtemp(prefix="pkit-serve-"))
        self._serial = count(1)
        self._closed = asyncio.Event()
        self.template: WarmTemplate | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.host_key)

    async def start_template(self) -> None:
        """Start the warm template; it gets ready in the background (sessions wait a little)."""
        home = self._runtime / "template"
        home.mkdir(mode=0o700)
        self.template = WarmTemplate(self.config.data_dir, base_env(home), home)
        await self.template.start()

    async def listen(self) -> None:
        self._acceptor = await asyncssh.listen(
            host=self.config.host,
            port=self.config.port,
            server_factory=lambda: _Gate(self),
            process_factory=self._run_process,
            server_host_keys=[self.host_key],
            server_version="pkit",
            encoding=None,  # bytes end to end
            line_editor=False,  # the child's PTY and Textual do all terminal handling
            allow_pty=True,
            agent_forwarding=False,
            x11_forwarding=False,
            allow_scp=False,
            public_key_auth=True,
            password_auth=False,
            kbdint_auth=False,
            host_based_auth=False,
            gss_host=None,
            login_timeout=self.config.login_timeout,
            keepalive_interval=self.config.keepalive_interval,
            keepalive_count_max=self.config.keepalive_count_max,
            tcp_keepalive=True,
            reuse_address=True,
        )
        self.port = self._acceptor.get_port()

    # -- sessions ----------------------------------------------------------------------------

    def session_home(self) -> Path:
        """A fresh throwaway folder: the child's HOME, cwd and XDG base."""
        home = self._runtime / f"s{next(self._serial)}"
        home.mkdir(mode=0o700)
        return home

    def ssh_connection(self, process: asyncssh.SSHServerProcess[bytes], peer: Peer) -> str:
        sock = process.get_extra_info("sockname") or ("127.0.0.1", self.port)
        return f"{peer.ip} {peer.port} {sock[0]} {sock[1]}"

    async def _run_process(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        conn = process.channel.get_connection()
        gate = conn.get_owner()
        peername = process.get_extra_info("peername") or ("?", 0)
        peer = Peer(
            ip=str(peername[0]),
            port=int(peername[1]),
            user=str(process.get_extra_info("username") or ""),
            key=gate.identity if isinstance(gate, _Gate) else "-",
        )
        task = asyncio.current_task()
        if task is not None:
            self.sessions.add(task)
        try:
            await Session(self, process, peer).run()
        finally:
            if task is not None:
                self.sessions.discard(task)

    # -- stopping ----------------------------------------------------------------------------

    async def close(self) -> None:
        """Stop accepting, tell every session, end every child, close every connection."""
        if self.stopping.is_set():
            await self._closed.wait()
            return
        self.stopping.set()
        if self._acceptor is not None:
            self._acceptor.close()
        sessions = set(self.sessions)
        if sessions:
            grace = self.config.shutdown_grace + self.config.hangup_grace
            _, late = await asyncio.wait(sessions, timeout=grace)
            for task in late:  # cancelled, a session still ends its child in `finally`
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=self.config.hangup_grace + 1.0)
        for child in list(self.children):  # anything still left
            await child.end(0.2)
            self.children.discard(child)
        if self.template is not None:
            await self.template.close()
        for conn in list(self.connections):
            conn.close()
        for conn in list(self.connections):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.wait_closed(), 2.0)
        if self._acceptor is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._acceptor.wait_closed(), 2.0)
        shutil.rmtree(self._runtime, ignore_errors=True)
        self._closed.set()


class _Gate(asyncssh.SSHServer):
    """One per connection: authentication, connection limits and forwarding refusals."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.identity = "-"
        self._candidate = "-"
        self._offered: set[str] = set()
        self._peer = ("", "")

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("", 0)
        self._peer = (str(peer[0]), str(peer[0]))
        server = self.server
        if server.stopping.is_set():
            conn.disconnect(asyncssh.DISC_BY_APPLICATION, "pkit: the server is shutting down")
            return
        if len(server.connections) >= server.config.connection_limit:
            conn.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, "pkit: too many connections")
            return
        server.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None:
            self.server.connections.discard(self.conn)

    # -- authentication: public keys only ----------------------------------------------------

    def begin_auth(self, username: str) -> bool:
        return True  # always require authentication

    def public_key_auth_supported(self) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def host_based_auth_supported(self) -> bool:
        return False

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        fp = fingerprint(key)
        self._offered.add(fp)
        if len(self._offered) > self.server.config.max_auth_keys:
            if self.conn is not None:
                self.conn.disconnect(
                    asyncssh.DISC_NO_MORE_AUTH_METHODS_AVAILABLE, "pkit: too many keys tried"
                )
            return False
        if self.server.config.allow_any_key:
            ok = True
        elif self.server.keys is not None:
            ok = self.server.keys.validate(key, *self._peer)
        else:
            ok = False
        if ok:
            self._candidate = fp
        return ok

    def validate_ca_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        return False  # certificates are not supported

    def auth_completed(self) -> None:
        # the last key that passed validation is the one whose signature was just verified
        self.identity = self._candidate

    # -- no forwarding of any kind -----------------------------------------------------------

    def connection_requested(self, dest_host: str, dest_port: int, orig_host: str,
                             orig_port: int) -> Any:  # fmt: skip
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, FORWARDING_OFF)

    def server_requested(self, listen_host: str, listen_port: int) -> Any:
        return False

    def unix_connection_requested(self, dest_path: str) -> Any:
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, FORWARDING_OFF)

    def unix_server_requested(self, listen_path: str) -> Any:
        return False

    def tun_requested(self, unit: int | None) -> Any:
        raise asyncssh.ChannelOpenError(asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, FORWARDING_OFF)


@dataclass(frozen=True)
class Credentials:
    host_key: asyncssh.SSHKey
    host_key_created: bool
    keys: AuthorizedKeys | None  # None with --allow-any-key


def load_credentials(config: ServeConfig) -> Credentials:
    """The host key (created on first use) and the authorized keys. Raises ConfigError."""
    keys: AuthorizedKeys | None = None
    if not config.allow_any_key:
        if config.authorized_keys is None:
            raise ConfigError("serve-ssh needs --authorized-keys FILE or --allow-any-key")
        keys = AuthorizedKeys(config.authorized_keys)
    host_key, created = load_or_create_host_key(config.host_key)
    return Credentials(host_key, created, keys)


async def start_server(config: ServeConfig, credentials: Credentials | None = None) -> Server:
    """Start the warm template (if configured) and listen. Raises ConfigError or OSError."""
    creds = credentials or load_credentials(config)
    server = Server(config, creds.host_key, creds.keys)
    server.host_key_created = creds.host_key_created
    try:
        if config.warm:
            await server.start_template()
        await server.listen()
    except BaseException:
        await server.close()  # no sessions yet: ends the template, removes the runtime folder
        raise
    return server
