"""How wide each column of a table is (no Textual): figures whole, labels first for the rest.

Figures are never cut: a numeric column is as wide as its widest cell, or as its title, which
may wrap onto a second header line when the table would not fit otherwise. Label columns
(names, categories) take the spare width before other text columns; when the room is short,
other text columns give way first (down to their minimum), then the last label (a note beside
a name), then all labels, each cut with an ellipsis (the detail line has the full text); the
long titles of figures are cut too (two lines, the second ending in an ellipsis), to a
readable width before any label, further after (the figures themselves always whole).
Only when even that does not fit does the table scroll sideways, and then nothing is cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tui.data.record import record

LABEL_MIN = 12  # a label cut shorter than this no longer says what the row is
TEXT_MIN = 10  # a date whole
WRAP_GAIN = 4  # cells a wrapped title must give back
TITLE_MIN = 6  # a figure's title cut narrower than this no longer says what it is
TITLE_SOFT = 10  # titles are cut to this before a label is cut (then further)


@record
class ColumnNeed:
    """What one column needs: its widest cell, its title, and whether it may be cut."""

    content: int  # the widest cell, in terminal cells
    title: str  # the header text, sort mark included
    role: str  # "label" (takes spare width first), "text" (may be cut), "fixed" (never cut)

    @property
    def natural(self) -> int:
        return max(self.content, len(self.title))

    @property
    def minimum(self) -> int:
        """The narrowest it may get: a figure whole (its title on at most two lines); a name
        or other text cut (its title too, with an ellipsis) down to a few letters."""
        if self.role == "fixed":
            return max(self.content, two_line_width(self.title))
        return min(self.natural, LABEL_MIN if self.role == "label" else TEXT_MIN)

    @property
    def squeezed(self) -> int:
        """A figure's column with its title cut (two lines, an ellipsis): the figures whole."""
        if self.role != "fixed":
            return self.minimum
        return max(self.content, min(self.minimum, TITLE_MIN))


@record
class Layout:
    """The columns' widths and the header's height."""

    widths: tuple[int, ...]
    header_lines: int  # 2 when a title wraps


def two_line_width(title: str) -> int:
    """The narrowest width at which ``title`` wraps (at spaces) onto two lines or fewer."""
    words = title.split(" ")
    best = len(title)
    for cut in range(1, len(words)):
        best = min(best, max(len(" ".join(words[:cut])), len(" ".join(words[cut:]))))
    return best


def _level(needs: Sequence[tuple[int, int]], budget: int) -> list[int]:
    """Widths between each (minimum, natural) whose sum fits ``budget``: the widest are cut
    first, to a common level, never below their minimum."""
    widths = [nat for _, nat in needs]
    if sum(widths) <= budget:
        return widths
    top = max(widths, default=0)
    for cap in range(top, -1, -1):
        widths = [max(lo, min(nat, cap)) for lo, nat in needs]
        if sum(widths) <= budget:
            return widths
    return [lo for lo, _ in needs]


def fit(needs: Sequence[ColumnNeed], room: int, padding: int) -> Layout:
    """Column widths (without padding) for a table ``room`` cells wide."""
    count = len(needs)
    budget = room - 2 * padding * count
    widths = [n.natural for n in needs]
    if sum(widths) <= budget:
        return Layout(tuple(widths), 1)
    fixed = [i for i, n in enumerate(needs) if n.role == "fixed"]
    texts = [i for i, n in enumerate(needs) if n.role == "text"]
    labels = [i for i, n in enumerate(needs) if n.role == "label"]
    # 1. long titles of figures wrap onto a second line (worth a header line only when it
    # gives back a few cells; once the header has two lines, every long title uses them)
    for i in fixed:
        if needs[i].natural - needs[i].minimum >= WRAP_GAIN:
            widths[i] = needs[i].minimum
    # 2. other text gives way; 3. long titles of figures are cut (two lines, an ellipsis)
    # down to a readable width; 4. then the last label; 5. then all labels alike; 6. then
    # the titles of figures down to their figures' width
    wrapped_long = [i for i in fixed if widths[i] < needs[i].natural]  # step 1 wrapped them
    steps: list[tuple[list[int], Callable[[ColumnNeed], int]]] = [
        (texts, _minimum),
        (wrapped_long, _readable),
        (labels[-1:], _minimum),  # a note beside a name gives way first
        (labels, _minimum),
        (fixed, _squeezed),
    ]
    for group, least in steps:
        over = sum(widths) - budget
        if over <= 0:
            break
        cut = _level(
            [(least(needs[i]), widths[i]) for i in group],
            sum(widths[i] for i in group) - over,
        )
        for i, w in zip(group, cut, strict=True):
            widths[i] = w
    if sum(widths) > budget:  # it scrolls sideways anyway: nothing cut, one header line
        return Layout(tuple(n.natural for n in needs), 1)
    wrapped = any(widths[i] < len(needs[i].title) for i in fixed)
    return Layout(tuple(widths), 2 if wrapped else 1)


def _minimum(n: ColumnNeed) -> int:
    return n.minimum


def _readable(n: ColumnNeed) -> int:
    return max(n.squeezed, min(n.minimum, TITLE_SOFT))


def _squeezed(n: ColumnNeed) -> int:
    return n.squeezed


def title_lines(title: str, width: int, ellipsis: str = "…") -> list[str]:
    """``title`` wrapped at spaces onto at most two lines of ``width`` cells; what does not
    fit is cut with ``ellipsis`` (a word longer than a line is cut too)."""
    lines: list[str] = []
    line = ""
    for word in title.split(" "):
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
    lines.append(line)
    cut = len(lines) > 2 or any(len(x) > width for x in lines[:2])
    lines = lines[:2]
    if not cut:
        return lines
    out = [x if len(x) <= width else x[: width - len(ellipsis)] + ellipsis for x in lines]
    if not out[-1].endswith(ellipsis):
        last = out[-1]
        out[-1] = (
            last[: width - len(ellipsis)] + ellipsis
            if len(last) + len(ellipsis) > width
            else last + ellipsis
        )
    return out
