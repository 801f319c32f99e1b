"""The server's host key: generated once (ed25519, mode 0600), then reused on every start."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import asyncssh

from tui.serve.config import ConfigError


def load_or_create_host_key(path: Path) -> tuple[asyncssh.SSHKey, bool]:
    """(key, created). A key readable by others or unreadable is refused with ConfigError."""
    if path.exists():
        return _load(path), False
    return _create(path), True


def _load(path: Path) -> asyncssh.SSHKey:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise ConfigError(f"--host-key {path}: {exc.strerror or exc}") from None
    if mode & 0o077:
        raise ConfigError(
            f"--host-key {path}: readable by others (mode {mode:04o}); run: chmod 600 {path}"
        )
    try:
        return asyncssh.read_private_key(path)
    except OSError as exc:
        raise ConfigError(f"--host-key {path}: cannot read: {exc.strerror or exc}") from None
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise ConfigError(f"--host-key {path}: not a usable private key: {exc}") from None


def _create(path: Path) -> asyncssh.SSHKey:
    key = asyncssh.generate_private_key("ssh-ed25519", comment="pkit serve-ssh host key")
    data = key.export_private_key()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another server created it meanwhile: use that one
        return _load(path)
    except OSError as exc:
        raise ConfigError(f"--host-key {path}: cannot create: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ConfigError(f"--host-key {path}: cannot write: {exc.strerror or exc}") from None
    return key
