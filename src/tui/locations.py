"""Where pkit finds its bundled data and themes, and where it keeps user files.

User folders come from platformdirs: on Linux and the BSDs the XDG folders
(``$XDG_CONFIG_HOME/pkit``, default ``~/.config/pkit``; ``$XDG_STATE_HOME/pkit``, default
``~/.local/state/pkit``; ``$XDG_CACHE_HOME/pkit``, default ``~/.cache/pkit``), elsewhere the
platform's own. platformdirs is imported only when a user folder is asked for, so that the
bundled folders resolve with nothing but the standard library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "pkit"

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


def _dirs() -> PlatformDirs:
    # read the environment on every call: tests (and serve's sessions) change it
    from platformdirs import PlatformDirs

    return PlatformDirs(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return _dirs().user_config_path


def state_dir() -> Path:
    return _dirs().user_state_path


def cache_dir() -> Path:
    """Files pkit can rebuild at any time (the validated-data snapshot)."""
    return _dirs().user_cache_path


def log_dir() -> Path:
    """Crash logs: ``$XDG_STATE_HOME/pkit/log`` on Linux."""
    return _dirs().user_log_path


def user_themes_dir() -> Path:
    return config_dir() / "themes"
