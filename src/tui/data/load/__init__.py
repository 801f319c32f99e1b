"""Load and validate a pkit dataset folder: every problem as ``file:line: message``.

``manifest`` reads manifest.toml (once) and names the other files; ``entries`` reads a
TOML file's ``[[table]]`` entries against the field specs in ``specs``; ``tables`` adds
each table's own cross-field rules; ``observations`` reads and checks the CSV; ``dataset``
puts them together. ``load_dataset`` is imported on first use, so that reading just the
manifest (the CLI's quick ``--fy`` check) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.data.load.dataset import load_dataset

__all__ = ["load_dataset"]


def __getattr__(name: str) -> Any:
    if name == "load_dataset":
        from tui.data.load.dataset import load_dataset

        return load_dataset
    raise AttributeError(f"module 'tui.data.load' has no attribute {name!r}")
