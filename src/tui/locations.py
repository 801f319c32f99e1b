"""Where pkit finds its bundled data and themes, and where it keeps user files (XDG)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    """A folder shipped in the wheel (``tui/_bundled/NAME``) or, in a checkout, at the repo root."""
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent.parent / name


def bundled_data_dir() -> Path:
    return _bundled("data")


def bundled_themes_dir() -> Path:
    return _bundled("themes")


def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "pkit"


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "pkit"


def user_themes_dir() -> Path:
    return config_dir() / "themes"
