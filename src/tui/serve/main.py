"""``pkit serve-ssh``: check the arguments, start the server, run until SIGTERM/SIGINT/SIGHUP."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import subprocess
import sys
from typing import TYPE_CHECKING

from tui.serve.config import ConfigError, ServeConfig, from_args

if TYPE_CHECKING:
    from tui.serve.server import Credentials, Server

log = logging.getLogger("tui.serve")
EXIT_USAGE = 2


def serve_main(args: argparse.Namespace) -> int:
    from tui.serve.server import load_credentials

    try:
        config = from_args(args)
        credentials = load_credentials(config)
        _check_dataset(config)
    except ConfigError as exc:
        print(f"pkit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    setup_logging()
    try:
        return asyncio.run(serve(config, credentials))
    except ConfigError as exc:
        print(f"pkit: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s pkit-serve %(message)s", datefmt="%Y-%m-%dT%H:%M:%S%z")
    )
    for name, level in (("tui.serve", logging.INFO), ("asyncssh", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


def _check_dataset(config: ServeConfig) -> None:
    """Fail at start, not in every session, when the dataset is broken (checked in a child
    process so that the server itself never imports pandas)."""
    cmd = [sys.executable, "-I", "-B", "-m", "tui", "validate", str(config.data_dir)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ConfigError(f"cannot check the dataset {config.data_dir}: {exc}") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        summary = lines[-1].removeprefix("pkit: ") if lines else f"status {done.returncode}"
        raise ConfigError(
            f"--data: {summary}; see `pkit validate {config.data_dir}` for the details"
        )


def startup_lines(config: ServeConfig, server: Server) -> list[tuple[int, str]]:
    """The start-up log: host key fingerprint, address and auth, and a warning off loopback."""
    created = "created" if server.host_key_created else "loaded"
    lines = [(logging.INFO, f"host key {server.fingerprint} ({created} {config.host_key})")]
    if config.allow_any_key:
        auth = "any key (--allow-any-key: public read-only kiosk; identity = key fingerprint)"
    else:
        count = server.keys.count if server.keys is not None else 0
        auth = f"keys in {config.authorized_keys} ({count})"
    idle = f"{config.idle_timeout:g}s" if config.idle_timeout else "off"
    lines.append(
        (
            logging.INFO,
            f"listening on {config.host}:{server.port}, auth: {auth}, "
            f"max {config.max_sessions} sessions, idle timeout {idle}",
        )
    )
    if server.keys is not None:
        lines += [
            (logging.WARNING, f"authorized keys: {line}; skipped") for line in server.keys.skipped
        ]
    if not config.loopback:
        lines.append(
            (
                logging.WARNING,
                f"listening on {config.host}, not loopback: anyone who can reach this "
                "address may try to log in",
            )
        )
    return lines


async def serve(config: ServeConfig, credentials: Credentials | None = None) -> int:
    from tui.serve.server import start_server

    try:
        server = await start_server(config, credentials)
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}"
        ) from None
    for level, line in startup_lines(config, server):
        log.log(level, "%s", line)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        active = len(server.sessions)
        log.info("stopping: %d session(s) open", active)
        await server.close()
        log.info("stopped")
    return 0
