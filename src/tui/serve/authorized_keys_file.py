"""Parsing an OpenSSH authorized_keys file for pkit: each line's key and the options pkit
enforces; every other option is a problem that stops the file from being used.

Enforced: ``from="pattern-list"``, ``expiry-time="YYYYMMDD[HHMM[SS]][Z]"``, ``no-pty`` (the
key can log in but gets no session: pkit needs a terminal), and ``restrict``, which here
means "the app only", as every session is: no commands, forwarding, agent, X11 or rc files.
The ``no-*`` options that pkit always applies anyway (``no-port-forwarding``,
``no-agent-forwarding``, ``no-X11-forwarding``, ``no-user-rc``) and ``pty`` are accepted.
Anything else (``command=``, ``environment=``, ``permitopen=``, ``cert-authority``, the
options that grant forwarding, ...) is refused with its file:line, so that no one believes a
restriction holds that pkit does not apply.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import asyncssh

ACCEPTED = frozenset(
    {"no-port-forwarding", "no-agent-forwarding", "no-x11-forwarding", "no-user-rc", "pty"}
)
WHY_NOT = {
    "command": "pkit runs only itself, so a forced command cannot be honoured",
    "environment": "the environment of a session is built from an allow-list",
    "cert-authority": "certificates are not supported",
    "principals": "certificates are not supported",
    "permitopen": "pkit never allows forwarding",
    "permitlisten": "pkit never allows forwarding",
    "port-forwarding": "pkit never allows forwarding",
    "agent-forwarding": "pkit never allows agent forwarding",
    "x11-forwarding": "pkit never allows X11 forwarding",
    "tunnel": "pkit never allows tunnels",
    "user-rc": "pkit runs no rc files",
    "no-touch-required": "pkit does not check FIDO touch flags",
    "verify-required": "pkit does not check FIDO verification flags",
}


@dataclass(frozen=True)
class KeyEntry:
    line: int
    key: asyncssh.SSHKey  # public
    from_check: asyncssh.SSHAuthorizedKeys | None  # the line's from= options, for asyncssh
    expires: float | None  # epoch seconds; the key is refused from then on
    no_pty: bool

    def allows(self, key: asyncssh.SSHKey, host: str, addr: str, now: float) -> bool:
        if key != self.key:
            return False
        if self.expires is not None and now >= self.expires:
            return False
        return self.from_check is None or self.from_check.validate(key, host, addr) is not None


@dataclass
class Parsed:
    entries: list[KeyEntry]
    problems: list[str]  # options pkit cannot honour: the file is not used
    skipped: list[str]  # lines that hold no key: reported, not counted


class OptionError(ValueError):
    pass


def _split_options(text: str) -> tuple[list[str], str]:
    """The options before the first unquoted blank, and the rest of the line."""
    options: list[str] = []
    current = ""
    quoted = escaped = False
    for i, ch in enumerate(text):
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\" and quoted:
            current += ch
            escaped = True
        elif ch == '"':
            current += ch
            quoted = not quoted
        elif quoted:
            current += ch
        elif ch in " \t":
            options.append(current)
            return options, text[i:].strip()
        elif ch == ",":
            options.append(current)
            current = ""
        else:
            current += ch
    if quoted:
        raise OptionError("unbalanced quote in the options")
    raise OptionError("options but no key")


def _value(option: str) -> str:
    _, _, raw = option.partition("=")
    if len(raw) < 2 or not raw.startswith('"') or not raw.endswith('"'):
        raise OptionError(f"{option.split('=')[0]}= needs a quoted value")
    return raw[1:-1].replace('\\"', '"')


def parse_expiry(text: str) -> float:
    """OpenSSH's expiry-time: YYYYMMDD[HHMM[SS]], local time, or UTC with a final Z."""
    utc = text.endswith(("Z", "z"))
    digits = text[:-1] if utc else text
    formats = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}
    if not digits.isdigit() or len(digits) not in formats:
        raise OptionError(f'expiry-time="{text}": give YYYYMMDD[HHMM[SS]][Z]')
    try:
        when = dt.datetime.strptime(digits, formats[len(digits)])
    except ValueError:
        raise OptionError(f'expiry-time="{text}": not a real date and time') from None
    if utc:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.timestamp()


def _looks_like_key_type(word: str) -> bool:
    return word.startswith(("ssh-", "ecdsa-", "sk-")) or word.endswith("@openssh.com")


def parse_line(text: str, number: int) -> KeyEntry:
    """One non-comment line. Raises OptionError (refuse the file) or KeyImportError (skip)."""
    options: list[str] = []
    key_part = text
    if not _looks_like_key_type(text.split(None, 1)[0]):
        options, key_part = _split_options(text)
    fields = key_part.split()
    if len(fields) < 2:
        raise asyncssh.KeyImportError("not a public key")
    key = asyncssh.import_public_key(f"{fields[0]} {fields[1]}")
    from_options: list[str] = []
    expires: float | None = None
    no_pty = False
    for option in options:
        name = option.split("=", 1)[0].strip().lower()
        if name == "from":
            _value(option)
            # asyncssh matches option names case-sensitively: hand it the lower-case name
            from_options.append("from=" + option.split("=", 1)[1])
        elif name == "expiry-time":
            when = parse_expiry(_value(option))
            expires = when if expires is None else min(expires, when)
        elif name == "no-pty":
            no_pty = True
        elif name == "restrict" or name in ACCEPTED:
            continue
        elif name in WHY_NOT:
            shown = f"{name}=" if "=" in option else name
            raise OptionError(
                f"option {shown} is not enforced by pkit ({WHY_NOT[name]}); remove it"
            )
        else:
            raise OptionError(f"unknown option {name!r}; remove it")
    from_check = None
    if from_options:
        try:
            from_check = asyncssh.import_authorized_keys(
                ",".join(from_options) + f" {fields[0]} {fields[1]}"
            )
        except (ValueError, asyncssh.KeyImportError) as exc:
            raise OptionError(f"from=: {exc}") from None
    return KeyEntry(number, key, from_check, expires, no_pty)


def parse_text(path: Path, text: str) -> Parsed:
    parsed = Parsed([], [], [])
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            parsed.entries.append(parse_line(line, number))
        except OptionError as exc:
            parsed.problems.append(f"{path}:{number}: {exc}")
        except (asyncssh.KeyImportError, ValueError) as exc:
            parsed.skipped.append(f"{path}:{number}: not a public key ({exc})")
    return parsed


def unsafe_permissions(path: Path) -> str | None:
    """Why the file could have been edited by someone else (as OpenSSH's StrictModes), or None.

    The file must belong to this user or root and be writable by neither group nor others;
    its folder must not be writable by others either, unless it is sticky (like /tmp).
    """
    try:
        st = os.stat(path)
        parent = os.stat(path.parent)
    except OSError as exc:
        return exc.strerror or str(exc)
    mode = stat.S_IMODE(st.st_mode)
    if st.st_uid not in (os.getuid(), 0):
        return f"owned by uid {st.st_uid}, not by this user or root"
    if mode & 0o022:
        return f"writable by group or others (mode {mode:04o}); run: chmod go-w {path}"
    pmode = stat.S_IMODE(parent.st_mode)
    if pmode & 0o022 and not pmode & stat.S_ISVTX:
        return (
            f"its folder {path.parent} is writable by group or others (mode {pmode:04o}); "
            f"run: chmod go-w {path.parent}"
        )
    return None
