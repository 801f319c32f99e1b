"""ASCII mode: a Textual line filter that turns every glyph on screen into plain ASCII.

pkit's own bars, sparklines, arrows and tree guides have ASCII forms already (glyphs.py);
this filter catches what Textual itself draws (borders, tab underlines, scrollbars, footer
separators) and any text from the data (curly quotes, dashes), keeping each cell's width
so the layout is unchanged (the characters are tui.ui.ascii_text's).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from tui.ui.ascii_text import to_ascii


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
