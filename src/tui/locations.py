"""Where pkit finds its bundled data and themes, and where it keeps user files.

User folders: on Linux and the BSDs the XDG folders (``$XDG_CONFIG_HOME/pkit``, default
``~/.config/pkit``; ``$XDG_STATE_HOME/pkit``, default ``~/.local/state/pkit``;
``$XDG_CACHE_HOME/pkit``, default ``~/.cache/pkit``; a variable that is not an absolute path
is ignored, as the XDG spec says), elsewhere the platform's own from platformdirs. On XDG
platforms they are worked out here: importing platformdirs costs the explorer's start more
than the four lines it would replace (the cache folder is read before the first frame).
"""

from __future__ import annotations

import os
import sys
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


_XDG = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly"))


def _xdg(var: str, default: str) -> Path:
    """``$var/pkit`` when var holds an absolute path, else ``~/default/pkit``."""
    # read the environment on every call: tests (and serve's sessions) change it
    base = os.environ.get(var, "")
    if not os.path.isabs(base):
        base = os.path.expanduser(default)
    return Path(base) / APP_NAME


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", "~/.config") if _XDG else _dirs().user_config_path


def state_dir() -> Path:
    return _xdg("XDG_STATE_HOME", "~/.local/state") if _XDG else _dirs().user_state_path


def cache_dir() -> Path:
    """Files pkit can rebuild at any time (the validated-data snapshot)."""
    return _xdg("XDG_CACHE_HOME", "~/.cache") if _XDG else _dirs().user_cache_path


def log_dir() -> Path:
    """Crash logs: ``$XDG_STATE_HOME/pkit/log`` on Linux."""
    return state_dir() / "log" if _XDG else _dirs().user_log_path


def user_themes_dir() -> Path:
    return config_dir() / "themes"
