"""A line of plain text word-wrapped exactly as Rich prints a string (``Console.print(text,
markup=False)``), without importing rich.text and rich.console for it.

Rich's rules, kept to the character: control codes (bell, backspace, vertical tab, form feed,
carriage return) are dropped; each line of the text is wrapped on its own, tabs expanded to
stops of 8 cells; a break goes before a word that does not fit, so a line keeps the spaces
after its last word unless they run past the width; a word longer than a line is cut into
pieces of the full width (grapheme by grapheme, wide characters never split); a line still
too wide is cut to the width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len, chop_cells, set_cell_size

from tui.cli.text_table import strip_control_codes

_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces around it (rich._wrap.re_word)
_TRAILING_SPACE = re.compile(r"\s+$")
TAB_SIZE = 8  # Rich's Console.tab_size


def wrap_text(text: str, width: int) -> list[str]:
    """``text`` as the lines Rich prints it in, at ``width`` cells."""
    lines: list[str] = []
    for line in strip_control_codes(text).split("\n"):
        if "\t" in line:
            line = expand_tabs(line)
        offsets = [0, *_breaks(line, width), len(line)]
        for start, end in zip(offsets, offsets[1:], strict=False):
            piece = _rstrip_end(line[start:end], width)
            lines.append(set_cell_size(piece, width) if cell_len(piece) > width else piece)
    return lines


def expand_tabs(line: str) -> str:
    """Each tab as a space, then more spaces to the next tab stop (Rich's Text.expand_tabs)."""
    out: list[str] = []
    position = 0
    *parts, last = line.split("\t")
    for part in parts:
        part += " "
        position += cell_len(part)
        remainder = position % TAB_SIZE
        if remainder:
            part += " " * (TAB_SIZE - remainder)
            position += TAB_SIZE - remainder
        out.append(part)
    out.append(last)
    return "".join(out)


def _words(line: str) -> Iterator[tuple[int, str]]:
    """Each word with the spaces around it, and where it starts."""
    match = _WORD.match(line, 0)
    while match is not None:
        yield match.start(), match.group(0)
        match = _WORD.match(line, match.end())


def _breaks(line: str, width: int) -> list[int]:
    """Where the line is broken to fit ``width`` cells (rich._wrap.divide_line, folding)."""
    breaks: list[int] = []
    used = 0
    for start, word in _words(line):
        size = cell_len(word.rstrip())
        if width - used >= size:
            used += cell_len(word)
        elif size > width:  # longer than a line: folded into pieces of the full width
            pieces = chop_cells(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            used = cell_len(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = cell_len(word)
    return breaks


def _rstrip_end(piece: str, width: int) -> str:
    """Spaces at the end that run past ``width`` characters dropped (Rich's Text.rstrip_end:
    it counts characters, not cells)."""
    excess = len(piece) - width
    if excess > 0 and (match := _TRAILING_SPACE.search(piece)):
        return piece[: len(piece) - min(len(match.group(0)), excess)]
    return piece
