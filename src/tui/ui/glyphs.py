"""The explorer's glyphs: the marks of :mod:`tui.data.glyphs` (one table for the UI and the
text pkit writes) plus what only the explorer draws (trend sparklines, bars and charts), the
mode chosen for this terminal, and every glyph's meaning for the help screen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from tui.data.glyphs import TABLE, Marks, Mode
from tui.data.record import record

__all__ = ["Glyphs", "Mode", "detect_mode"]

_EIGHTHS = " ▏▎▍▌▋▊▉█"
_SPARK = {"unicode": "▁▂▃▄▅▆▇█", "ascii": "_oO@", "console": "░▒▓█"}
_SPARK_MEANING = "a trend of full-year values, low to high"
_BAR_MEANING = "a bar: the value against the largest in the table"
# the charts' marks (ui/widgets/chart*.py): name -> (unicode, ascii, console), meaning
_CHART: dict[str, tuple[str, str, str, str]] = {
    "chart_gap": ("·", ":", ":", "no figure for a period: a gap, nothing drawn across it"),
    "part": ("◆", "*", "■", "a part-year figure (some months), never joined to full years"),
    "bound": ("≥", "?", "≥", "a lower bound in a chart: the figure is at least this"),
    "earlier": ("•", "x", "×", "the same month a year earlier, in a chart"),
}
_COLUMN = {"unicode": "▁▂▃▄▅▆▇█", "ascii": "|", "console": "█"}
_COLUMN_MEANING = "a chart bar: a full-year or monthly figure, its height read on the axis"


def detect_mode(ascii_only: bool, term: str | None = None) -> Mode:
    """ASCII when asked (or the locale is not UTF-8); console-safe on the Linux console."""
    if ascii_only:
        return "ascii"
    if (term if term is not None else os.environ.get("TERM", "")) == "linux":
        return "console"
    return "unicode"


@record
class Glyphs(Marks):
    """The marks of one mode, and the explorer's drawings in that mode."""

    def _chart(self, name: str) -> str:
        uni, asc, con, _ = _CHART[name]
        return {"unicode": uni, "ascii": asc, "console": con}[self.mode]

    @property
    def chart_gap(self) -> str:
        return self._chart("chart_gap")

    @property
    def part(self) -> str:
        return self._chart("part")

    @property
    def bound(self) -> str:
        return self._chart("bound")

    @property
    def earlier(self) -> str:
        return self._chart("earlier")

    def column(self, frac: float, rows: int) -> list[str]:
        """A vertical bar ``rows`` cells high at full scale, bottom cell first; a value above
        zero is never drawn as nothing."""
        frac = max(0.0, min(1.0, frac))
        chars = _COLUMN[self.mode]
        steps = len(chars)
        n = round(frac * rows * steps)
        if n == 0 and frac > 0:
            n = 1
        full, rem = divmod(n, steps)
        cells = [chars[-1]] * full + ([chars[rem - 1]] if rem else [])
        return cells[:rows]

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
        for name, (_u, _a, _c, meaning) in _CHART.items():
            glyph = self._chart(name)  # the chart's gap is the trend's gap in Unicode
            out[glyph] = f"{out[glyph]}; {meaning}" if glyph in out else meaning
        out[_SPARK[self.mode]] = _SPARK_MEANING
        bars = {"unicode": "█▏", "ascii": "=|", "console": "█▌"}[self.mode]
        out[bars] = _BAR_MEANING
        column = _COLUMN[self.mode]
        out[column[0] + column[-1] if len(column) > 1 else column] = _COLUMN_MEANING
        return out
