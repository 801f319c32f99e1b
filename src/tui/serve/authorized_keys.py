"""Who may log in: an authorized_keys file, re-read whenever it changes, or any key (kiosk)."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import asyncssh

from tui.serve.authorized_keys_file import KeyEntry, Parsed, parse_text, unsafe_permissions
from tui.serve.config import ConfigError

log = logging.getLogger("tui.serve")

_Stamp = tuple[int, int, int, int, int, int]  # device, inode, size, mtime, ctime, mode


def fingerprint(key: asyncssh.SSHKey) -> str:
    return str(key.get_fingerprint("sha256"))


class AuthorizedKeys:
    """OpenSSH authorized_keys format; the options pkit enforces are in authorized_keys_file.

    The file is checked on every login attempt and re-read when its inode, size, times or
    mode changed, so adding or revoking a colleague needs no restart. A file that becomes
    unreadable, holds an option pkit does not enforce, or becomes writable by others keeps
    the last good keys (and logs why); a deleted file lets no one in until it is back.
    Lines that hold no key are reported and not counted.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock  # wall time: expiry-time is a date
        self._stamp: _Stamp | None = None
        self._entries: list[KeyEntry] = []
        self._problem: str | None = None
        self.skipped: list[str] = []  # reported at start-up: lines that hold no key
        self._reload(strict=True)
        if not self._entries:
            raise ConfigError(f"--authorized-keys {path}: no public keys in the file")

    @property
    def count(self) -> int:
        return len(self._entries)

    def _stat(self) -> _Stamp | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)

    def _read(self) -> tuple[Parsed | None, str | None]:
        """The parsed file, or why it cannot be used (permissions, options, no key at all)."""
        try:
            unsafe = unsafe_permissions(self.path)
            if unsafe is not None:
                return None, f"{self.path}: {unsafe}"
            parsed = parse_text(self.path, self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            return None, f"{self.path}: {getattr(exc, 'strerror', None) or exc}"
        if parsed.problems:
            return None, "; ".join(parsed.problems)
        if parsed.skipped and not parsed.entries:  # a botched edit rather than a revocation
            return None, f"{self.path}: no public keys in the file ({'; '.join(parsed.skipped)})"
        return parsed, None

    def _reload(self, strict: bool = False) -> None:
        stamp = self._stat()
        if stamp is None:
            if strict:
                raise ConfigError(f"--authorized-keys {self.path}: no such file")
            if self._stamp is not None:
                log.warning("authorized keys %s removed: no one can log in", self.path)
            self._stamp, self._entries = None, []
            return
        parsed, problem = self._read()
        if parsed is None:
            if strict:
                raise ConfigError(f"--authorized-keys {problem}")
            if problem != self._problem:
                log.warning("authorized keys not reloaded, keeping the previous ones: %s", problem)
            self._problem = problem
            self._stamp = stamp  # do not retry until the file changes again
            return
        if not strict:
            for line in parsed.skipped:
                log.warning("authorized keys: %s; skipped", line)
            log.info("authorized keys reloaded: %s (%d keys)", self.path, len(parsed.entries))
        self._stamp, self._entries, self._problem = stamp, parsed.entries, None
        self.skipped = parsed.skipped

    def match(self, key: asyncssh.SSHKey, peer_host: str, peer_addr: str) -> KeyEntry | None:
        """The first line that lets this key in from this address now, or None."""
        if self._stat() != self._stamp:
            self._reload()
        public = key.convert_to_public()  # entries compare equal to public keys only
        now = self._clock()
        for entry in self._entries:
            if entry.allows(public, peer_host, peer_addr, now):
                return entry
        return None

    def validate(self, key: asyncssh.SSHKey, peer_host: str, peer_addr: str) -> bool:
        return self.match(key, peer_host, peer_addr) is not None
