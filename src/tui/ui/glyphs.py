"""The explorer's glyphs: the marks of :mod:`tui.data.glyphs` (one table for the UI and the
text pkit writes) plus what only the explorer draws (trend sparklines and bars), the mode
chosen for this terminal, and every glyph's meaning for the help screen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.data.glyphs import TABLE, Marks, Mode

__all__ = ["Glyphs", "Mode", "detect_mode"]

_EIGHTHS = " ▏▎▍▌▋▊▉█"
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
class Glyphs(Marks):
    """The marks of one mode, and the explorer's drawings in that mode."""

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
        for name, (_u, _a, _c, meaning) in TABLE.items():
            glyph = self._get(name)
            if glyph.strip():
                out[glyph] = meaning
        out[_SPARK[self.mode]] = _SPARK_MEANING
        bars = {"unicode": "█▏", "ascii": "=|", "console": "█▌"}[self.mode]
        out[bars] = _BAR_MEANING
        return out
