"""User folders follow XDG on Linux: a set variable wins, an empty, unset or relative one
falls back to the usual folder under HOME; the same folders platformdirs gives, without
importing it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui import locations


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path / "home"


def test_defaults_are_under_home(home: Path) -> None:
    assert locations.config_dir() == home / ".config" / "pkit"
    assert locations.state_dir() == home / ".local" / "state" / "pkit"
    assert locations.cache_dir() == home / ".cache" / "pkit"
    assert locations.user_themes_dir() == home / ".config" / "pkit" / "themes"


def test_xdg_variables_win(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "k"))
    assert locations.config_dir() == tmp_path / "c" / "pkit"
    assert locations.state_dir() == tmp_path / "s" / "pkit"
    assert locations.cache_dir() == tmp_path / "k" / "pkit"


def test_empty_xdg_variable_is_unset(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", "")
    assert locations.state_dir() == home / ".local" / "state" / "pkit"


def test_relative_xdg_variable_is_ignored(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert locations.cache_dir() == home / ".cache" / "pkit"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
@pytest.mark.parametrize("value", [None, "", "/abs/olute"])  # relative: platformdirs < 4 used it
def test_same_folders_as_platformdirs(
    home: Path, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    from platformdirs import PlatformDirs

    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        if value is not None:
            monkeypatch.setenv(var, value)
    dirs = PlatformDirs("pkit", appauthor=False)
    assert locations.config_dir() == dirs.user_config_path
    assert locations.state_dir() == dirs.user_state_path
    assert locations.cache_dir() == dirs.user_cache_path
    assert locations.log_dir() == dirs.user_log_path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_user_folders_need_no_platformdirs() -> None:
    probe = (
        "import sys; from tui import locations; "
        "locations.cache_dir(); locations.state_dir(); locations.log_dir(); "
        "print('platformdirs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
