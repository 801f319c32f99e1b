"""Helpers for the terminal tests: pkit in a real PTY (bench.term's driver), a clean
environment for it, and the temporary home each test runs in."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.term import Terminal

# Variables that would change what the app draws; the tests set what they need explicitly.
_SCRUBBED = (
    "LC_ALL",
    "LC_CTYPE",
    "LANG",
    "LANGUAGE",
    "COLUMNS",
    "LINES",
    "NO_COLOR",
    "FORCE_COLOR",
    "SSH_CONNECTION",
    "SSH_CLIENT",
    "SSH_TTY",
    "PYTHONUTF8",
    "PYTHONCOERCECLOCALE",
    "PYTHONIOENCODING",
    "TEXTUAL_COLOR_SYSTEM",
    "TEXTUAL_ANIMATIONS",
    "TEXTUAL_DRIVER",
    "TEXTUAL_FILTERS",
    "TEXTUAL",
    "PKIT_SERVE_MODE",
)


def child_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A clean environment whose XDG folders (and HOME) are inside ``home``."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    env.update(
        TERM="xterm-256color",
        LANG="C.UTF-8",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
    )
    env.update(extra or {})
    return env


def pkit(
    args: Sequence[str], env: Mapping[str, str], cwd: Path, cols: int = 80, rows: int = 24
) -> Terminal:
    """``python -m tui ARGS`` on a new PTY of ``cols`` x ``rows``, watched through pyte."""
    return Terminal([sys.executable, "-m", "tui", *args], cols=cols, rows=rows, env=env, cwd=cwd)


@dataclass(frozen=True)
class Home:
    root: Path
    config: Path  # XDG_CONFIG_HOME
    state: Path  # XDG_STATE_HOME

    @property
    def user_themes(self) -> Path:
        return self.config / "pkit" / "themes"

    @property
    def prefs(self) -> Path:
        return self.state / "pkit" / "preferences.toml"

    def write_theme(self, filename: str, text: str | bytes) -> Path:
        self.user_themes.mkdir(parents=True, exist_ok=True)
        path = self.user_themes / filename
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
