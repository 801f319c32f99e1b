"""What `pkit serve-ssh` was asked to do: one frozen record, checked before anything listens."""

from __future__ import annotations

import argparse
import ipaddress
from dataclasses import dataclass, field
from pathlib import Path

from tui.locations import bundled_data_dir, state_dir

DEFAULT_HOST_KEY_NAME = "ssh_host_ed25519_key"


class ConfigError(Exception):
    """A bad argument or file: printed as one line, exit code 2."""


@dataclass(frozen=True)
class ServeConfig:
    """Everything the server needs; tests build one directly, the CLI via :func:`from_args`."""

    host: str = "127.0.0.1"
    port: int = 2222
    host_key: Path = field(default_factory=lambda: state_dir() / DEFAULT_HOST_KEY_NAME)
    authorized_keys: Path | None = None
    allow_any_key: bool = False
    data_dir: Path = field(default_factory=bundled_data_dir)
    fy: str | None = None  # passed through to each session's `pkit --fy`
    # limits
    max_sessions: int = 32
    max_per_ip: int = 8
    max_per_key: int = 4
    max_connections: int = 0  # open TCP connections (0: derived from max_sessions)
    max_auth_keys: int = 6  # distinct keys a client may offer before it is disconnected
    # before authentication, per address (an IPv4 address or an IPv6 /64): a share of the
    # open connections (0: a quarter of them, at least 2), and a rate of new connections
    preauth_per_address: int = 0
    connect_rate: float = 2.0  # new connections per second per address, sustained
    connect_burst: int = 16  # new connections an address may open at once
    # env requests per session channel: only the allow-listed names are kept, each short
    max_env_requests: int = 64
    max_env_value: int = 256  # bytes
    idle_timeout: float = 900.0  # seconds without input; 0 = never
    login_timeout: float = 15.0
    keepalive_interval: float = 30.0
    keepalive_count_max: int = 3
    output_rate: int = 2 * 1024 * 1024  # bytes/s per session, sustained
    output_burst: int = 512 * 1024  # bytes a session may send at once above the rate
    hangup_grace: float = 2.0  # seconds between SIGHUP and SIGKILL for a session's child
    shutdown_grace: float = 5.0  # seconds SIGTERM waits for sessions to end
    warm: bool = True  # fork sessions from a warm template process (else start each cold)
    template_wait: float = 10.0  # seconds a session waits for the template to be ready

    @property
    def connection_limit(self) -> int:
        return self.max_connections or max(16, 2 * self.max_sessions)

    @property
    def preauth_share(self) -> int:
        return self.preauth_per_address or max(2, self.connection_limit // 4)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def from_args(args: argparse.Namespace) -> ServeConfig:
    """Check the `serve-ssh` arguments; raise ConfigError with a one-line message."""
    host = str(args.host).strip()
    if not host:
        raise ConfigError("--host: give an address to listen on, e.g. 127.0.0.1")
    port = int(args.port)
    if not 0 <= port <= 65535:
        raise ConfigError(f"--port {port}: must be between 0 and 65535")
    max_sessions = int(args.max_sessions)
    if max_sessions < 1:
        raise ConfigError(f"--max-sessions {max_sessions}: must be at least 1")
    idle = int(args.idle_timeout)
    if idle < 0:
        raise ConfigError(f"--idle-timeout {idle}: must be 0 (never) or a number of seconds")

    allow_any = bool(args.allow_any_key)
    keys_arg = getattr(args, "authorized_keys", None)
    authorized: Path | None = None
    if keys_arg and allow_any:
        raise ConfigError("give either --authorized-keys FILE or --allow-any-key, not both")
    if keys_arg:
        authorized = Path(keys_arg).expanduser()
        if not authorized.is_file():
            raise ConfigError(f"--authorized-keys {keys_arg}: no such file")
    elif not allow_any:
        raise ConfigError(
            "serve-ssh needs --authorized-keys FILE "
            "(or --allow-any-key for a public read-only kiosk)"
        )

    key_arg = getattr(args, "host_key", None)
    host_key = Path(key_arg).expanduser() if key_arg else state_dir() / DEFAULT_HOST_KEY_NAME
    if host_key.is_dir():
        raise ConfigError(f"--host-key {host_key}: is a folder; give a file name")

    data_arg = getattr(args, "data", None)
    if data_arg:
        data = Path(data_arg).expanduser()
        if not data.is_dir():
            raise ConfigError(f"--data {data_arg}: no such folder")
    else:
        data = bundled_data_dir()
    fy = getattr(args, "fy", None)
    if fy is not None:
        from tui.data.fiscal import PeriodError, parse_fy

        try:
            parse_fy(str(fy))
        except PeriodError as exc:
            raise ConfigError(f"--fy: {exc}") from None

    return ServeConfig(
        host=host,
        port=port,
        host_key=host_key,
        authorized_keys=authorized,
        allow_any_key=allow_any,
        data_dir=data.resolve(),
        fy=str(fy) if fy is not None else None,
        max_sessions=max_sessions,
        max_per_ip=min(8, max_sessions),
        max_per_key=min(4, max_sessions),
        idle_timeout=float(idle),
    )
