"""Bars, sparklines, arrows and tree guides, in Unicode or plain ASCII (same information)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_SPARK_UNICODE = "▁▂▃▄▅▆▇█"
_SPARK_ASCII = "_.-=+*#@"
_EIGHTHS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True)
class Glyphs:
    ascii: bool = False

    @property
    def missing(self) -> str:
        return "-" if self.ascii else "—"

    @property
    def expanded(self) -> str:
        return "v" if self.ascii else "▾"

    @property
    def collapsed(self) -> str:
        return ">" if self.ascii else "▸"

    @property
    def leaf(self) -> str:
        return " " if self.ascii else " "

    @property
    def gap(self) -> str:
        return " " if self.ascii else "·"

    def up_down(self, x: float | None) -> str:
        if x is None:
            return ""
        if self.ascii:
            return "+" if x > 0 else "-" if x < 0 else "="
        return "▲" if x > 0 else "▼" if x < 0 else "="

    def sparkline(self, values: Sequence[float | None], width: int | None = None) -> str:
        """One character per value; a gap mark where the value is missing."""
        vals = list(values)
        if width is not None and len(vals) > width:
            vals = vals[-width:]
        present = [v for v in vals if v is not None]
        if not present:
            return self.gap * len(vals)
        lo, hi = min(present), max(present)
        chars = _SPARK_ASCII if self.ascii else _SPARK_UNICODE
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
        if self.ascii:
            n = round(frac * width)
            return "#" * n if n or value <= 0 else "|"
        eighths = round(frac * width * 8)
        full, rem = divmod(eighths, 8)
        text = "█" * full + (_EIGHTHS[rem] if rem else "")
        return text or "▏"
