"""Preferences (theme, last pane, fiscal year) kept as TOML in the XDG state folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.data.fiscal import FIRST_YEAR, LAST_YEAR
from tui.data.tomlcompat import tomllib
from tui.locations import state_dir

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
    except (OSError, UnicodeDecodeError, RecursionError, tomllib.TOMLDecodeError) as exc:
        return {}, f"Ignored preferences file {path}: {exc}. It will be rewritten."
    clean: dict[str, Any] = {}
    wrong: list[str] = []
    for key, value in doc.items():
        if key not in KEYS:
            continue  # written by a newer pkit, perhaps: left alone
        if _valid(key, value):
            clean[key] = value
        else:
            wrong.append(f"{key} = {_shown(value)} ({_WANTED[key]})")
    if wrong:
        return clean, f"Ignored in preferences file {path}: {'; '.join(wrong)}."
    return clean, None


_WANTED = {"theme": "not a theme name", "pane": "not a pane name", "fy": "not a fiscal year"}


def _valid(key: str, value: Any) -> bool:
    """A value of the right type: ``fy = true`` is not a year (bool is an int in Python)."""
    if key == "fy":
        return type(value) is int and FIRST_YEAR <= value < LAST_YEAR
    return isinstance(value, str) and 0 < len(value) <= 100


def _shown(value: Any) -> str:
    """The value on one line, as TOML writes it (``true``, ``"x"``, ``[1, 2]``), cut short;
    control and non-ASCII characters escaped."""
    text = json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:40] + "…"


def save_preferences(values: dict[str, Any], path: Path | None = None) -> None:
    """Write atomically; silently skip when the folder cannot be written."""
    # imported here, when saving: neither is needed on the start path
    import tomli_w

    from tui.data.export import write_atomic

    path = path or prefs_path()
    # tomli-w escapes what TOML requires (quotes, backslashes, control characters), so
    # whatever is written here load_preferences reads back unchanged
    text = tomli_w.dumps({k: v for k, v in values.items() if k in KEYS and _valid(k, v)})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
    except OSError:
        pass
