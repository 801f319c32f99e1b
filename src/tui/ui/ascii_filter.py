"""ASCII mode: a Textual line filter that turns every glyph on screen into plain ASCII.

pkit's own bars, sparklines, arrows and tree guides have ASCII forms already (glyphs.py);
this filter catches what Textual itself draws (borders, tab underlines, scrollbars, footer
separators) and any text from the data (curly quotes, dashes), keeping each cell's width
so the layout is unchanged.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

_FIXED = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "—": "-",
    "–": "-",
    "‐": "-",
    "−": "-",
    "…": ".",
    "·": ".",
    "•": "*",
    "▲": "^",
    "▼": "v",
    "▸": ">",
    "▾": "v",
    "✓": "v",
    "⚑": "!",
    "≠": "#",
    "×": "x",
    "÷": "/",
    "\u00a0": " ",
}


@lru_cache(maxsize=4096)
def ascii_char(ch: str) -> str:
    """One character to ASCII text of the same cell width."""
    if ch.isascii():
        return ch
    if ch in _FIXED:
        return _FIXED[ch]
    code = ord(ch)
    width = max(cell_len(ch), 1)
    if 0x2500 <= code <= 0x257F:  # box drawing
        name = unicodedata.name(ch, "")
        if "HORIZONTAL" in name and "VERTICAL" not in name:
            return "-"
        if "VERTICAL" in name and "HORIZONTAL" not in name:
            return "|"
        if "LEFT" in name and "RIGHT" not in name and ("UP" not in name and "DOWN" not in name):
            return "-"
        if "RIGHT" in name and "LEFT" not in name and ("UP" not in name and "DOWN" not in name):
            return "-"
        if ("UP" in name or "DOWN" in name) and "LEFT" not in name and "RIGHT" not in name:
            return "|"
        return "+"
    if 0x2580 <= code <= 0x259F:  # block elements
        if ch in "▏▎▍▌▐▕":
            return "|"
        if ch in "░▒▓":
            return ":"
        return "#"
    if 0x2800 <= code <= 0x28FF:  # braille
        return "." if code != 0x2800 else " "
    decomposed = unicodedata.normalize("NFKD", ch)
    plain = "".join(c for c in decomposed if c.isascii() and c.isprintable())
    if plain and cell_len(plain) == width:
        return plain
    return "?" * width


def to_ascii(text: str) -> str:
    if text.isascii():
        return text
    return "".join(ascii_char(ch) for ch in text)


class AsciiFilter(LineFilter):
    """Replace every non-ASCII character in the output with an ASCII stand-in."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        out: list[Segment] = []
        for seg in segments:
            text = seg.text
            if seg.control or text.isascii():
                out.append(seg)
            else:
                out.append(Segment(to_ascii(text), seg.style, seg.control))
        return out
