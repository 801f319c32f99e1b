"""Plain ASCII text of the same cell width as the text given: what ``--ascii`` and locales
that cannot show Unicode get, on screen (see ascii_filter) and from the CLI.

Imports no Textual and no Rich beyond ``rich.cells`` (the CLI's text output uses it).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len

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
