"""Where things are in a data file: the one place that finds the line of a key or table."""

from __future__ import annotations

import re
from functools import cache


@cache
def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*{re.escape(key)}\s*=")


class Lines:
    """A file's lines (1-based line numbers, as problems report them)."""

    def __init__(self, lines: list[str] | None = None) -> None:
        self.lines: list[str] = lines or []

    def key(self, key: str, block: int = 0) -> int:
        """The line of ``key =``.

        With ``block`` (the line of a ``[[table]]`` header) only that block is searched,
        up to the next table header, and the block's own line is the answer when the key is
        not there; without it the whole file, and line 1 when the key is not there.
        """
        pat = _key_pattern(key)
        for i in range(block, len(self.lines)):
            text = self.lines[i]
            if block and text.lstrip().startswith("["):
                break
            if pat.match(text):
                return i + 1
        return block or 1

    def section(self, name: str) -> int:
        """The line of the ``[name]`` table header (1 when there is none)."""
        pat = re.compile(rf"^\s*\[\s*{re.escape(name)}\s*\]")
        return next((i + 1 for i, text in enumerate(self.lines) if pat.match(text)), 1)

    def blocks(self, table: str) -> list[int]:
        """The line of each ``[[table]]`` header, in file order."""
        pat = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]")
        return [i + 1 for i, text in enumerate(self.lines) if pat.match(text)]

    def data_rows(self) -> list[int]:
        """The line of each non-blank line after the first non-blank one (a CSV's header)."""
        return [i + 1 for i, text in enumerate(self.lines) if text.strip()][1:]
