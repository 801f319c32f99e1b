"""The one glyph scheme per mode: Unicode, ASCII, and a console-safe set for TERM=linux.

Each glyph has one meaning in its mode (`meanings()` lists them for the help screen and the
tests); numbers and text never use a glyph for anything else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Mode = Literal["unicode", "ascii", "console"]

_EIGHTHS = " ▏▎▍▌▋▊▉█"

# name -> (unicode, ascii, console) and what it means
_TABLE: dict[str, tuple[str, str, str, str]] = {
    "missing": ("—", "n/a", "n/a", "no figure published (the detail line says why)"),
    "conflict": ("⚑", "!", "!", "sources disagree; the preferred value is shown"),
    "basis": ("†", "#", "#", "parts from another source than their total"),
    "up": ("▲", "", "▲", "an increase"),
    "down": ("▼", "", "▼", "a decrease"),
    "collapsed": ("▸", "[+]", "[+]", "a folded category (space unfolds)"),
    "expanded": ("▾", "[-]", "[-]", "an unfolded category (space folds)"),
    "sort_up": ("↑", "^", "↑", "sorted by this column, smallest first"),
    "sort_down": ("↓", "v", "↓", "sorted by this column, largest first"),
    "ellipsis": ("…", "...", "...", "text cut to fit (the detail line has all of it)"),
    "gap": ("·", " ", " ", "no full-year value in a trend"),
}
_SPARK = {"unicode": "▁▂▃▄▅▆▇█", "ascii": "_oO@", "console": "░▒▓█"}
_SPARK_MEANING = "a trend of full-year values, low to high"
_BAR_MEANING = "a bar: the value against the largest in the table"


def detect_mode(ascii_only: bool, term: str | None = None) -> Mode:
    """ASCII when asked (or the locale is not UTF-8); console-safe on the Linux console."""
    if ascii_only:
        return "ascii"
    if (term if term is not None else os.environ.get("TERM", "")) == "linux":
        return "console"
    return "unicode"


@dataclass(frozen=True)
class Glyphs:
    ascii: bool = False
    mode_: Mode | None = None

    @property
    def mode(self) -> Mode:
        return self.mode_ or ("ascii" if self.ascii else "unicode")

    def _get(self, name: str) -> str:
        uni, asc, con, _ = _TABLE[name]
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
        if x is None or x == 0:
            return ""
        return self._get("up") if x > 0 else self._get("down")

    def sparkline(self, values: Sequence[float | None], width: int | None = None) -> str:
        """One character per value; a gap mark where the value is missing."""
        vals = list(values)
        if width is not None and len(vals) > width:
            vals = vals[-width:]
        present = [v for v in vals if v is not None]
        if not present:
            return self.gap * len(vals)
        lo, hi = min(present), max(present)
        chars = _SPARK[self.mode]
        out = []
        for v in vals:
            if v is None:
                out.append(self.gap)
            elif hi == lo:
                out.append(chars[len(chars) // 2])
            else:
                out.append(chars[round((v - lo) / (hi - lo) * (len(chars) - 1))])
        return "".join(out)

    def bar(self, value: float | None, maximum: float, width: int) -> str:
        """A horizontal bar ``width`` cells wide at full scale."""
        if value is None or maximum <= 0 or width <= 0:
            return ""
        frac = max(0.0, min(1.0, value / maximum))
        if self.mode == "ascii":
            n = round(frac * width)
            return "=" * n if n or value <= 0 else "|"
        if self.mode == "console":
            halves = round(frac * width * 2)
            full, half = divmod(halves, 2)
            return ("█" * full + ("▌" if half else "")) or "▌"
        eighths = round(frac * width * 8)
        full, rem = divmod(eighths, 8)
        text = "█" * full + (_EIGHTHS[rem] if rem else "")
        return text or "▏"

    def meanings(self) -> Mapping[str, str]:
        """Every glyph of this mode and its one meaning (for help and the tests)."""
        out: dict[str, str] = {}
        for name, (_u, _a, _c, meaning) in _TABLE.items():
            glyph = self._get(name)
            if glyph.strip():
                out[glyph] = meaning
        out[_SPARK[self.mode]] = _SPARK_MEANING
        bars = {"unicode": "█▏", "ascii": "=|", "console": "█▌"}[self.mode]
        out[bars] = _BAR_MEANING
        return out
