"""Text tables and lines written as one page of text: plain when piped, bold and italic on a
terminal, word-wrapped to the page's width.

What a Rich Console (``Console(file=..., force_terminal=..., width=...)``) wrote for the same
page, byte for byte, without importing rich.console (and the rich.text, rich.style,
rich.segment and inspect it brings: most of the cost of ``pkit summary`` beyond the data).
The decisions follow Rich's: see :func:`page_width` and :func:`styled_terminal`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from tui.cli.text_table import TextTable
from tui.cli.text_wrap import wrap_text

DUMB_TERMS = ("dumb", "unknown")  # no escape codes, and 80 columns (as Rich)


def _dumb(terminal: bool) -> bool:
    return terminal and os.environ.get("TERM", "").lower() in DUMB_TERMS


def styled_terminal(terminal: bool) -> bool:
    """Bold and italic are written for a terminal that is not dumb. NO_COLOR leaves them on:
    it asks for no colour, and these are not colours (Rich keeps them too)."""
    return terminal and not _dumb(terminal)


def page_width(width: int | None, terminal: bool) -> int:
    """The width in cells that Rich's console would use, given ``width`` (``None``: find it).

    ``width`` or else $COLUMNS; without either, the size of the first terminal on standard
    input, output or error, else 80. A dumb terminal gets 80 whatever its width, unless $LINES
    is set (Rich asks the terminal only when one of the two sizes is unknown). A $COLUMNS of 0
    counts as unset: Rich printed nothing at all at width 0.
    """
    env = os.environ
    columns = env.get("COLUMNS", "")
    if width is None and columns.isdigit() and int(columns) > 0:
        width = int(columns)
    if width is not None and width > 0 and (env.get("LINES", "").isdigit() or not _dumb(terminal)):
        return width
    if _dumb(terminal):
        return 80
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def render_page(
    items: Iterable[TextTable | str], width: int, *, styled: bool, ascii_box: bool = False
) -> str:
    """Tables (ASCII boxes when asked) and word-wrapped lines, each line ending in a newline."""
    out: list[str] = []
    for item in items:
        if isinstance(item, TextTable):
            out.append(item.render(width, styled, ascii_box))
        else:
            out.extend(line + "\n" for line in wrap_text(item, width))
    return "".join(out)
