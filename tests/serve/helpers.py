"""Helpers for the serve-ssh tests: keys, a server's configuration, a fake clock, processes."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncssh

from tui.serve.config import ServeConfig

from .sshclient import authorized_line, client_key


@dataclass
class Keys:
    folder: Path
    client: asyncssh.SSHKey  # listed in authorized_keys
    stranger: asyncssh.SSHKey  # not listed
    authorized: Path
    host_key: Path

    @property
    def client_file(self) -> Path:
        return self.folder / "id_ed25519"


def make_keys(folder: Path) -> Keys:
    client = client_key(folder, "id_ed25519")
    stranger = client_key(folder, "stranger")
    authorized = folder / "authorized_keys"
    authorized.write_text(authorized_line(client) + "\n")
    authorized.chmod(0o600)  # StrictModes: whatever the umask
    folder.chmod(0o700)
    return Keys(folder, client, stranger, authorized, folder / "ssh_host_ed25519_key")


def serve_config(keys: Keys, **overrides: Any) -> ServeConfig:
    base = ServeConfig(
        host="127.0.0.1",
        port=0,
        host_key=keys.host_key,
        authorized_keys=keys.authorized,
        warm=False,
        hangup_grace=1.0,
        shutdown_grace=3.0,
    )
    return dataclasses.replace(base, **overrides)


ServerFactory = Callable[..., Any]


class FakeClock:
    """A clock that moves only when told to; ``sleep`` moves it instead of waiting."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def alive(pid: int) -> bool:
    """True while pid exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


async def gone(pids: list[int], timeout: float = 10.0) -> bool:
    """Wait until none of ``pids`` is alive; False if one still is after ``timeout``."""
    deadline = time.monotonic() + timeout
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


def descendants(pid: int) -> list[int]:
    """Live processes below pid (children, grandchildren...), from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] not in ("Z", "X"):
            parents[int(entry)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == current]
        found += kids
        frontier += kids
    return found
