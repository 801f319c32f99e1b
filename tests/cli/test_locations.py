"""User folders follow XDG on Linux (through platformdirs): a set variable wins, an empty or
unset one falls back to the usual folder under HOME."""

from __future__ import annotations

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
