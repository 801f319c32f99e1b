"""The dataset a serve-ssh warm template validated once, for the sessions it forks.

The template loads and validates the server's dataset before it forks any session, and
keeps the resulting :class:`~tui.data.facts.Facts` here; a session forked from it finds
them in its own memory (copy-on-write) and shows the figures with its first frame.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.data.facts import Facts

_HELD: dict[str, Facts] = {}


def hold(root: Path, facts: Facts) -> None:
    _HELD[os.path.realpath(root)] = facts


def held(root: Path) -> Facts | None:
    """The Facts held for ``root``, or None (not forked from a template that loaded it)."""
    return _HELD.get(os.path.realpath(root))
