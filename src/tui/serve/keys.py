"""Who may log in: an authorized_keys file, re-read whenever it changes, or any key (kiosk)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import asyncssh

from tui.serve.config import ConfigError

log = logging.getLogger("tui.serve")

_Stamp = tuple[int, int, int, int]  # (device, inode, size, mtime_ns)


def fingerprint(key: asyncssh.SSHKey) -> str:
    return str(key.get_fingerprint("sha256"))


class AuthorizedKeys:
    """OpenSSH authorized_keys format (options such as from="..." are honoured).

    The file is checked on every login attempt and re-read when its inode, size or mtime
    changed, so adding or revoking a colleague needs no restart. A file that becomes
    unreadable or invalid keeps the last good keys (and logs why); a deleted file lets no
    one in until it is back.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: _Stamp | None = None
        self._keys: asyncssh.SSHAuthorizedKeys | None = None
        self._count = 0
        self._problem: str | None = None
        self._reload(strict=True)
        if self._count == 0:
            raise ConfigError(f"--authorized-keys {path}: no public keys in the file")

    @property
    def count(self) -> int:
        return self._count

    def _stat(self) -> _Stamp | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)

    def _reload(self, strict: bool = False) -> None:
        stamp = self._stat()
        if stamp is None:
            if strict:
                raise ConfigError(f"--authorized-keys {self.path}: no such file")
            if self._stamp is not None:
                log.warning("authorized keys %s removed: no one can log in", self.path)
            self._stamp, self._keys, self._count = None, None, 0
            return
        try:
            text = self.path.read_text(encoding="utf-8")
            lines = (line.strip() for line in text.splitlines())
            count = sum(1 for line in lines if line and not line.startswith("#"))
            keys = asyncssh.import_authorized_keys(text) if count else None
        except (OSError, UnicodeDecodeError, ValueError, asyncssh.KeyImportError) as exc:
            message = f"{self.path}: {getattr(exc, 'strerror', None) or exc}"
            if strict:
                raise ConfigError(f"--authorized-keys {message}") from None
            if message != self._problem:
                log.warning("authorized keys not reloaded, keeping the previous ones: %s", message)
            self._problem = message
            self._stamp = stamp  # do not retry until the file changes again
            return
        if self._stamp is not None:
            log.info("authorized keys reloaded: %s (%d keys)", self.path, count)
        self._stamp, self._keys, self._count, self._problem = stamp, keys, count, None

    def validate(self, key: asyncssh.SSHKey, peer_host: str, peer_addr: str) -> bool:
        if self._stat() != self._stamp:
            self._reload()
        if self._keys is None:
            return False
        public = key.convert_to_public()  # entries compare equal to public keys only
        return self._keys.validate(public, peer_host, peer_addr) is not None
