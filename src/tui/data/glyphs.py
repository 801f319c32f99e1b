"""The one table of marks per mode: Unicode, ASCII, and a console-safe set for TERM=linux.

Text that leaves pkit (``pkit summary``, ``pkit brief``, :mod:`tui.data.fmt`) and the explorer
(:mod:`tui.ui.glyphs` draws with these marks) take every mark from here, so that ASCII mode is
decided once. Each mark has one meaning in its mode; numbers and text never use it for
anything else.
"""

from __future__ import annotations

from typing import Literal

from tui.data.record import record

Mode = Literal["unicode", "ascii", "console"]

# name -> (unicode, ascii, console) and what it means
TABLE: dict[str, tuple[str, str, str, str]] = {
    "missing": ("—", "n/a", "n/a", "no figure published (the detail line says why)"),
    "conflict": ("⚑", "!", "!", "sources disagree; the preferred value is shown"),
    "basis": ("†", "#", "#", "parts from another source than their total"),
    "claim": (
        "§",
        "Q",
        "§",
        "a source quotes its own rate for this change (detail line checks it)",
    ),
    "up": ("▲", "", "▲", "an increase"),
    "down": ("▼", "", "▼", "a decrease"),
    "collapsed": ("▸", "[+]", "[+]", "a folded category (space unfolds)"),
    "expanded": ("▾", "[-]", "[-]", "an unfolded category (space folds)"),
    "sort_up": ("↑", "^", "↑", "sorted by this column, smallest first"),
    "sort_down": ("↓", "v", "↓", "sorted by this column, largest first"),
    "ellipsis": ("…", "...", "...", "text cut to fit (the detail line has all of it)"),
    "gap": ("·", " ", " ", "no full-year value in a trend"),
}
_UNCHANGED = {"unicode": "=", "ascii": "", "console": "="}  # a change of exactly zero


@record
class Marks:
    """The marks of one mode (``mode_``, else ASCII or Unicode as ``ascii`` says)."""

    ascii: bool = False
    mode_: Mode | None = None

    @property
    def mode(self) -> Mode:
        return self.mode_ or ("ascii" if self.ascii else "unicode")

    def _get(self, name: str) -> str:
        uni, asc, con, _ = TABLE[name]
        return {"unicode": uni, "ascii": asc, "console": con}[self.mode]

    @property
    def missing(self) -> str:
        return self._get("missing")

    @property
    def conflict(self) -> str:
        return self._get("conflict")

    @property
    def basis(self) -> str:
        return self._get("basis")

    @property
    def claim(self) -> str:
        return self._get("claim")

    @property
    def expanded(self) -> str:
        return self._get("expanded")

    @property
    def collapsed(self) -> str:
        return self._get("collapsed")

    @property
    def leaf(self) -> str:
        return " " * len(self.expanded)

    @property
    def gap(self) -> str:
        return self._get("gap")

    @property
    def ellipsis(self) -> str:
        return self._get("ellipsis")

    def sort_mark(self, direction: int) -> str:
        return self._get("sort_up") if direction > 0 else self._get("sort_down")

    def up_down(self, x: float | None) -> str:
        """▲ for an increase, ▼ for a decrease (none in ASCII: the sign says it); else ''."""
        if x is None or x == 0:
            return ""
        return self._get("up") if x > 0 else self._get("down")

    def trend(self, x: float) -> str:
        """:meth:`up_down`, and ``=`` for no change at all where arrows are shown."""
        return self.up_down(x) if x else _UNCHANGED[self.mode]


UNICODE = Marks()
ASCII = Marks(ascii=True)
