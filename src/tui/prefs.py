"""Preferences (theme, last pane, fiscal year) kept as TOML in the XDG state folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from tui.locations import state_dir
from tui.tomlcompat import tomllib

KEYS = {"theme": str, "pane": str, "fy": int}


def prefs_path() -> Path:
    return state_dir() / "preferences.toml"


def load_preferences(path: Path | None = None) -> tuple[dict[str, Any], str | None]:
    """(preferences, notice). A corrupt file is ignored with a notice, never fatal."""
    path = path or prefs_path()
    if not path.exists():
        return {}, None
    try:
        doc = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"Ignored preferences file {path}: {exc}. It will be rewritten."
    clean = {k: v for k, v in doc.items() if k in KEYS and isinstance(v, KEYS[k])}
    return clean, None


def save_preferences(values: dict[str, Any], path: Path | None = None) -> None:
    """Write atomically; silently skip when the folder cannot be written."""
    from tui.data.export import write_atomic

    path = path or prefs_path()
    # tomli-w escapes what TOML requires (quotes, backslashes, control characters), so
    # whatever is written here load_preferences reads back unchanged
    text = tomli_w.dumps({k: v for k, v in values.items() if k in KEYS and isinstance(v, KEYS[k])})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError:
        pass
