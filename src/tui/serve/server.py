"""The asyncssh front end: key-only auth, everything but an interactive PTY session refused."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
import socket
import time
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import asyncssh

from tui.serve.algorithms import listen_options
from tui.serve.authorized_keys import AuthorizedKeys, fingerprint
from tui.serve.channel import BoundedEnvChannel, release
from tui.serve.config import ConfigError, ServeConfig
from tui.serve.door import SERVER_VERSION, Door
from tui.serve.fork_template_client import WarmTemplate
from tui.serve.hostkey import load_or_create_host_key
from tui.serve.limits import Clock, PreAuthLimits, SessionLimits
from tui.serve.runtime import create_runtime_dir, remove_stale
from tui.serve.session import Peer, Session
from tui.serve.session_env import base_env
from tui.serve.session_process import PtyChild

log = logging.getLogger("tui.serve")

FORWARDING_OFF = "port forwarding is disabled on this server"
CHANNEL_CLOSE_WAIT = 5.0  # seconds a client has to confirm a session channel's close


class Server:
    """A listening pkit SSH server. Start with :func:`start_server`, stop with :meth:`close`."""

    def __init__(
        self,
        config: ServeConfig,
        host_key: asyncssh.SSHKey,
        keys: AuthorizedKeys | None,
    ) -> None:
        self.config = config
        self.clock: Clock = time.monotonic  # the output-rate buckets' clock (tests swap it)
        self.host_key = host_key
        self.host_key_created = False
        self.keys = keys
        self.limits = SessionLimits(config.max_sessions, config.max_per_ip, config.max_per_key)
        self.preauth = PreAuthLimits(
            config.preauth_share, config.connect_rate, config.connect_burst
        )
        self.stopping = asyncio.Event()
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.sessions: set[asyncio.Task[None]] = set()
        self.children: set[PtyChild] = set()
        self.port = 0
        self._door: Door | None = None
        self._ssh_options: asyncssh.SSHServerConnectionOptions | None = None
        remove_stale()  # left by a server that was SIGKILLed
        self._runtime = create_runtime_dir()
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
        self._ssh_options = asyncssh.SSHServerConnectionOptions(
            server_factory=lambda: _Gate(self),
            server_host_keys=[self.host_key],
            **listen_options(),
            server_version=SERVER_VERSION,
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
        )
        self._door = Door(self.config.host, self.config.port, self._admit, self._connection)
        self.port = self._door.listen()

    # -- connections -------------------------------------------------------------------------

    def _admit(self, ip: str, open_connections: int) -> tuple[int, str] | None:
        """None to let a new connection in, else (disconnect code, reason for the client)."""
        if self.stopping.is_set():
            return asyncssh.DISC_BY_APPLICATION, "pkit: the server is shutting down"
        if open_connections >= self.config.connection_limit:
            return asyncssh.DISC_TOO_MANY_CONNECTIONS, "pkit: too many connections; try later"
        refusal = self.preauth.admit(ip)
        if refusal is not None:
            return asyncssh.DISC_TOO_MANY_CONNECTIONS, f"pkit: {refusal}"
        return None

    async def _connection(self, sock: socket.socket, ip: str) -> None:
        """One admitted connection: its place in the address's share is held until it has
        authenticated (or failed to), the connection itself until it closes."""
        conn: asyncssh.SSHServerConnection | None = None
        try:
            conn = await asyncssh.run_server(sock, options=self._ssh_options)
        except Exception:  # noqa: BLE001 - failed logins, timeouts, resets: nothing to report
            sock.close()
        finally:
            self.preauth.done(ip)
        if conn is not None:
            await conn.wait_closed()

    # -- sessions ----------------------------------------------------------------------------

    def session_home(self) -> Path:
        """A fresh throwaway folder: the child's HOME, cwd and XDG base."""
        home = self._runtime / f"s{next(self._serial)}"
        home.mkdir(mode=0o700)
        return home

    def ssh_connection(self, process: asyncssh.SSHServerProcess[bytes], peer: Peer) -> str:
        sock = process.get_extra_info("sockname") or ("127.0.0.1", self.port)
        return f"{peer.ip} {peer.port} {sock[0]} {sock[1]}"

    async def run_process(self, process: asyncssh.SSHServerProcess[bytes]) -> None:
        conn = process.channel.get_connection()
        gate = conn.get_owner()
        peername = process.get_extra_info("peername") or ("?", 0)
        peer = Peer(
            ip=str(peername[0]),
            port=int(peername[1]),
            user=str(process.get_extra_info("username") or ""),
            key=gate.identity if isinstance(gate, _Gate) else "-",
            pty_allowed=not gate.no_pty if isinstance(gate, _Gate) else False,
        )
        task = asyncio.current_task()
        if task is not None:
            self.sessions.add(task)
        try:
            await Session(self, process, peer).run()
        finally:
            if task is not None:
                self.sessions.discard(task)
        await release(process, CHANNEL_CLOSE_WAIT)

    # -- stopping ----------------------------------------------------------------------------

    async def close(self) -> None:
        """Stop accepting, tell every session, end every child, close every connection."""
        if self.stopping.is_set():
            await self._closed.wait()
            return
        self.stopping.set()
        if self._door is not None:
            self._door.close()
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
        if self._door is not None:
            await self._door.wait_closed(2.0)
        shutil.rmtree(self._runtime, ignore_errors=True)
        self._closed.set()


class _Gate(asyncssh.SSHServer):
    """One per connection: authentication, connection limits and forwarding refusals."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.conn: asyncssh.SSHServerConnection | None = None
        self.identity = "-"
        self.no_pty = False  # the key's authorized_keys line says no-pty
        self._candidate = ("-", False)
        self._offered: set[str] = set()
        self._peer = ("", "")

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn
        peer = conn.get_extra_info("peername") or ("", 0)
        self._peer = (str(peer[0]), str(peer[0]))
        self.server.connections.add(conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.conn is not None:
            self.server.connections.discard(self.conn)
        self.conn = None  # no cycle left between the connection and its gate

    def session_requested(self) -> Any:
        """One session channel, its env requests bounded, run by Server.run_process."""
        assert self.conn is not None
        config = self.server.config
        channel = BoundedEnvChannel.adopt(
            self.conn.create_server_channel(encoding=None),
            config.max_env_requests,
            config.max_env_value,
        )
        process = asyncssh.SSHServerProcess(self.server.run_process, None, 0, False)
        return channel, process

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
            ok, no_pty = True, False
        elif self.server.keys is not None:
            entry = self.server.keys.match(key, *self._peer)
            ok, no_pty = entry is not None, entry is not None and entry.no_pty
        else:
            ok, no_pty = False, False
        if ok:
            self._candidate = (fp, no_pty)
        return ok

    def validate_ca_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        return False  # certificates are not supported

    def auth_completed(self) -> None:
        # the last key that passed validation is the one whose signature was just verified
        self.identity, self.no_pty = self._candidate

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
