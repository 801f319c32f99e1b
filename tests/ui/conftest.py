"""Fixtures for the UI tests: preferences and user themes never touch the real home."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_xdg(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point XDG state and config at empty temporary folders; returns the state folder.

    The app saves preferences (theme, pane, fiscal year) on every change and reads user themes
    from the config folder: neither may come from or go to the developer's home.
    """
    state = tmp_path_factory.mktemp("xdg-state")
    config = tmp_path_factory.mktemp("xdg-config")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return state
