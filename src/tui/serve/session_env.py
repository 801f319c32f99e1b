"""The environment of a session's pkit process, built from scratch.

Nothing the client sends reaches the child except TERM (from the pty request) and an
allow-list: COLORTERM, NO_COLOR, LANG and LC_* (normalised to a UTF-8 locale). In
particular TEXTUAL_DRIVER (an import path: a client value would be code execution),
PYTHONPATH, LD_PRELOAD, COLUMNS and LINES never pass.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tui.serve.session_bootstrap import STDERR_ENV

DEFAULT_TERM = "xterm-256color"
DEFAULT_LOCALE = "C.UTF-8"
LOCALE_VARS = frozenset(
    {
        "LANG",
        "LC_ALL",
        "LC_CTYPE",
        "LC_MESSAGES",
        "LC_NUMERIC",
        "LC_TIME",
        "LC_COLLATE",
        "LC_MONETARY",
        "LC_PAPER",
        "LC_NAME",
        "LC_ADDRESS",
        "LC_TELEPHONE",
        "LC_MEASUREMENT",
        "LC_IDENTIFICATION",
    }
)
_TERM_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}")
_COLORTERM_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
_UTF8_LOCALE_RE = re.compile(r"[A-Za-z]{1,8}(_[A-Za-z0-9]{1,8})?\.(?i:utf-?8)(@[A-Za-z0-9]{1,16})?")


def safe_term(term: str | None) -> str:
    """The client's terminal type if it looks like a terminfo name, else xterm-256color."""
    if term and _TERM_RE.fullmatch(term):
        return term
    return DEFAULT_TERM


def normalise_locale(value: str) -> str:
    """A UTF-8 locale name stays (en_GB.UTF-8); anything else becomes C.UTF-8."""
    return value if _UTF8_LOCALE_RE.fullmatch(value) else DEFAULT_LOCALE


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        try:
            return value.decode("ascii")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def allowed_env_name(name: str) -> bool:
    """Whether a client may send this variable at all (its value is checked later)."""
    return name in ("COLORTERM", "NO_COLOR") or name in LOCALE_VARS


def client_allowed_env(client_env: Mapping[Any, Any]) -> dict[str, str]:
    """The allow-listed part of what the client sent (SendEnv / asyncssh env=), cleaned."""
    out: dict[str, str] = {}
    for raw_key, raw_value in client_env.items():
        key, value = _text(raw_key), _text(raw_value)
        if key is None or value is None:
            continue
        if key == "COLORTERM" and _COLORTERM_RE.fullmatch(value):
            out[key] = value
        elif key == "NO_COLOR" and value:
            out[key] = "1"
        elif key in LOCALE_VARS:
            out[key] = normalise_locale(value)
    return out


def base_env(home: Path) -> dict[str, str]:
    """What every session's process (and the warm template) gets, whoever the client is."""
    return {
        "PATH": os.defpath,
        "HOME": str(home),
        "USER": "pkit",
        "LOGNAME": "pkit",
        "SHELL": "/bin/false",
        "TMPDIR": str(home),
        # preferences, caches and anything else the app might write stay in a throwaway folder
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PKIT_SERVE_MODE": "1",
        "LANG": DEFAULT_LOCALE,
        # read by Textual at import: what the app itself sets over SSH (and the template
        # imports Textual before any session exists)
        "TEXTUAL_ANIMATIONS": "none",
        # one thread for numpy's BLAS: less for 32 sessions, and fork()-safe in the template
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def build_child_env(
    *,
    term: str | None,
    client_env: Mapping[Any, Any],
    home: Path,
    ssh_connection: str,
    stderr_log: Path | None = None,
) -> dict[str, str]:
    """The whole environment of a session's child; os.environ is not consulted."""
    env = base_env(home)
    if stderr_log is not None:
        env[STDERR_ENV] = str(stderr_log)  # see session_bootstrap.capture_stderr
    env["SSH_CONNECTION"] = ssh_connection  # the app reads it: low bandwidth, no animations
    env.update(client_allowed_env(client_env))
    env["TERM"] = safe_term(term)
    return env
