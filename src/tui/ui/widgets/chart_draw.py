"""Lay out a chart panel as a grid of (glyph, role) cells: pure, so tests can read it.

Bars (full years, months) stand in their own slot and are never joined; marks (part-years,
the same month a year earlier) sit in a lane beside the bar; a slot without a bar figure
shows the gap glyph on the baseline; a bound is a bound mark, never a bar; a conflict gets
the table's conflict mark above its bar. Roles name the widget's component classes.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.data.chart import ChartPanel, ChartPoint
from tui.data.record import record
from tui.ui.glyphs import Glyphs

Cell = tuple[str, str]  # glyph, role ("" = plain)
Grid = list[list[Cell]]
MIN_ROWS = 4  # caption, two plot rows, labels; below this a sparkline row


@record
class Geometry:
    """Where a panel's slots fall across the chart's width."""

    label_w: int  # the y-axis labels' column
    bar_w: int
    slot_w: int
    start: int  # first visible slot
    count: int  # visible slots


def geometry(panel: ChartPanel, width: int, label_w: int, cursor_slot: int | None) -> Geometry:
    n = len(panel.slots)
    lane = 1 if panel.has_marks else 0
    room = max(1, width - label_w)
    bar_w = 1
    slot_w = 1 + lane + 1
    if n * slot_w > room and not lane:
        slot_w = 1  # many months: bars side by side (each is its own month)
    elif n * slot_w <= room:
        bar_w = max(1, min(8, room // max(1, n) - lane - 1))
        slot_w = bar_w + lane + 1
    count = max(1, min(n, room // slot_w))
    start = n - count
    if cursor_slot is not None and cursor_slot < start:
        start = max(0, cursor_slot - count // 2)
    return Geometry(label_w, bar_w, slot_w, start, count)


def scale(points: Sequence[ChartPoint]) -> tuple[float, float, ChartPoint | None]:
    """(low, high, the point at the top): low is zero unless a value is below it."""
    present = [p for p in points if p.value is not None]
    if not present:
        return 0.0, 1.0, None
    top = max(present, key=lambda p: p.value or 0.0)
    lo = min(0.0, *(p.value or 0.0 for p in present))
    hi = max(top.value or 0.0, lo)
    return lo, (hi if hi > lo else lo + 1.0), top


def draw_panel(
    panel: ChartPanel,
    g: Glyphs,
    width: int,
    height: int,
    cursor: int | None,
    unit: str,
) -> Grid:
    """The panel in ``height`` rows of ``width`` cells; one sparkline row when too small."""
    cur = panel.points[cursor] if cursor is not None and cursor < len(panel.points) else None
    if height < MIN_ROWS or width < 24:
        return [sparkline_row(panel, g, width, cur, unit)]
    lo, hi, top = scale(panel.points)
    hi_label = top.shown if top is not None else ""
    lo_label = fmt_axis(lo)
    label_w = label_width(panel, unit)
    geo = geometry(panel, width, label_w, cur.slot if cur else None)
    rows = height - 2
    headroom = 1 if any(p.conflict and p.is_bar for p in panel.points) and rows > 2 else 0
    plot = rows - headroom
    grid: Grid = [[(" ", "")] * width for _ in range(height)]

    def put(row: int, col: int, glyph: str, role: str) -> None:
        if 0 <= row < height and 0 <= col < width:
            grid[row][col] = (glyph, role)

    def text(row: int, col: int, s: str, role: str) -> None:
        for i, ch in enumerate(s):
            put(row, col + i, ch, role)

    base = height - 2  # the bottom plot row
    text(0, 0, unit.rjust(label_w - 1), "axis")
    text(base - plot + 1, 0, hi_label.rjust(label_w - 1), "axis")
    text(base, 0, lo_label.rjust(label_w - 1), "axis")

    def frac(p: ChartPoint) -> float:
        return ((p.value or 0.0) - lo) / (hi - lo)

    def level(p: ChartPoint) -> int:
        return min(plot - 1, int(frac(p) * plot))

    bars = {p.slot for p in panel.points if p.is_bar and p.value is not None}
    ordered = [p for p in panel.points if p is not cur] + ([cur] if cur is not None else [])
    for s in range(geo.start, geo.start + geo.count):
        if s not in bars:
            x = label_w + (s - geo.start) * geo.slot_w
            for i in range(geo.bar_w):
                put(base, x + i, g.chart_gap, "gap")
    for p in ordered:
        if not geo.start <= p.slot < geo.start + geo.count:
            continue
        role_of = (lambda r: "cursor") if p is cur else (lambda r: r)
        x = label_w + (p.slot - geo.start) * geo.slot_w + (0 if p.is_bar else geo.bar_w)
        width_p = geo.bar_w if p.is_bar else 1
        if p.value is None:
            for i in range(width_p):
                put(base, x + i, g.chart_gap, role_of("gap"))
            continue
        if p.bound:
            for i in range(width_p):
                put(base - level(p), x + i, g.bound, role_of("bound"))
            continue
        if not p.is_bar:
            glyph, role = (g.part, "mark") if p.kind == "part" else (g.earlier, "earlier")
            put(base - level(p), x, glyph, role_of(role))
            continue
        cells = g.column(frac(p), plot)
        for r, glyph in enumerate(cells):
            for i in range(width_p):
                put(base - r, x + i, glyph, role_of("bar"))
        if p.conflict:
            put(base - min(len(cells), rows - 1), x, g.conflict, role_of("conflict"))
    caption(grid[0], label_w, panel, cur, g)
    labels(grid[height - 1], panel, geo, cur)
    return grid


def label_width(panel: ChartPanel, unit: str) -> int:
    """The y-axis labels' column: the top value as published, the base, the unit."""
    lo, _hi, top = scale(panel.points)
    return max(len(top.shown if top else ""), len(fmt_axis(lo)), len(unit)) + 1


def fmt_axis(x: float) -> str:
    return "0" if x == 0 else f"{x:,.0f}"


def point_text(p: ChartPoint, g: Glyphs) -> str:
    """What the caption says about the highlighted point (the value as published)."""
    if p.value is None:
        return f"{p.label}: no figure ({p.missing})" if p.missing else f"{p.label}: no figure"
    out = f"{p.label}: {p.shown}"
    if p.bound:
        out += " (a bound)"
    if p.conflict:
        out += f" {g.conflict} sources disagree"
    if p.claim:
        out += f" {g.claim} {p.claim}"
    return out


def caption(
    row: list[Cell], label_w: int, panel: ChartPanel, cur: ChartPoint | None, g: Glyphs
) -> None:
    width = len(row)
    legend = [f"{panel.name}:", f"{g.column(1.0, 1)[0]} bar"]
    if any(p.kind == "part" for p in panel.points):
        legend.append(f"{g.part} part-year")
    if any(p.kind == "earlier" for p in panel.points):
        legend.append(f"{g.earlier} year earlier")
    if any(p.bound for p in panel.points):
        legend.append(f"{g.bound} bound")
    left = " ".join(legend)
    right = point_text(cur, g) if cur is not None else ""
    col = label_w + 1
    room = width - col
    if right and len(left) + len(right) + 3 > room:
        left = panel.name
    if right and len(left) + len(right) + 3 > room:
        left = ""
    for i, ch in enumerate(left[: max(0, room)]):
        row[col + i] = (ch, "axis")
    if right:
        shown = right[: max(0, room - (len(left) + 3 if left else 0))]
        at = width - len(shown)
        for i, ch in enumerate(shown):
            row[at + i] = (ch, "label")


def labels(row: list[Cell], panel: ChartPanel, geo: Geometry, cur: ChartPoint | None) -> None:
    """Slot labels where they fit, the highlighted slot's first."""
    width = len(row)
    taken = [False] * width
    order = list(range(geo.start, geo.start + geo.count))
    if cur is not None and cur.slot in order:
        order.remove(cur.slot)
        order.insert(0, cur.slot)
    for s in order:
        label = panel.slots[s]
        x = geo.label_w + (s - geo.start) * geo.slot_w
        x = max(0, min(width - len(label), x))
        span = range(max(0, x - 1), min(width, x + len(label) + 1))
        if any(taken[i] for i in span):
            continue
        role = "cursor" if cur is not None and s == cur.slot else "axis"
        for i, ch in enumerate(label):
            row[x + i] = (ch, role)
        for i in span:
            taken[i] = True


def sparkline_row(
    panel: ChartPanel, g: Glyphs, width: int, cur: ChartPoint | None, unit: str
) -> list[Cell]:
    """One row: the bars as a sparkline (gaps kept), then the highlighted point. A conflict
    gets the chart's conflict mark just after its month, as the full chart puts it above
    the bar; the table's row of that month cites it."""
    n = len(panel.slots)
    values: list[float | None] = [None] * n
    bounds: set[int] = set()
    conflicts: set[int] = set()
    earlier: list[float | None] = [None] * n
    early_conflicts: set[int] = set()
    for p in panel.points:
        if p.is_bar and p.value is not None:
            values[p.slot] = None if p.bound else p.value
            if p.bound:
                bounds.add(p.slot)
            if p.conflict:
                conflicts.add(p.slot)
        if p.kind == "earlier" and not p.bound and p.value is not None:
            earlier[p.slot] = p.value
            if p.conflict:
                early_conflicts.add(p.slot)
    cur_slot = cur.slot if cur is not None else None
    tail = f" {point_text(cur, g)}" if cur is not None else ""
    if any(v is not None for v in earlier):  # the months, then a year before, one scale
        head = f"{unit} to {panel.slots[-1]} "
        middle = " yr before "
        room = max(1, min(n, (width - len(head) - len(middle)) // 2))
        fixed = len(head) + len(middle)
        while (
            room > 1
            and fixed
            + 2 * room
            + _marks_in(conflicts, n - room, n)
            + _marks_in(early_conflicts, n - room, n)
            > width
        ):
            room -= 1
        spark = g.sparkline(values[-room:] + earlier[-room:])
        row: list[Cell] = [(ch, "axis") for ch in head]
        row += _run(g, spark[:room], range(n - room, n), values, bounds, conflicts, "bar", cur_slot)
        row += [(ch, "axis") for ch in middle]
        early_cur = cur_slot if cur is not None and cur.kind == "earlier" else None
        row += _run(
            g,
            spark[room:],
            range(n - room, n),
            earlier,
            set(),
            early_conflicts,
            "earlier",
            early_cur,
        )
        if cur is None and conflicts | early_conflicts:
            tail = f" {g.conflict} sources disagree"
        if len(row) + len(tail) <= width:
            row.extend((ch, "label") for ch in tail)
        row = row[:width]
        return row + [(" ", "")] * (width - len(row))
    head = f"{unit} "
    avail = max(1, width - len(head) - min(len(tail), width // 2))
    room = min(n, avail)
    while True:
        start = max(0, n - room)
        if cur_slot is not None and cur_slot < start:
            start = max(0, cur_slot - room // 2)
        if room <= 1 or room + _marks_in(conflicts, start, start + room) <= avail:
            break
        room -= 1
    shown = values[start : start + room]
    spark = g.sparkline(shown)
    row = [(ch, "axis") for ch in head]
    row += _run(
        g, spark, range(start, start + len(shown)), values, bounds, conflicts, "bar", cur_slot
    )
    row.extend((ch, "label") for ch in tail)
    row = row[:width]
    return row + [(" ", "")] * (width - len(row))


def _marks_in(conflicts: set[int], start: int, end: int) -> int:
    """How many conflict marks fall in the slots ``start`` to ``end``."""
    return sum(1 for s in conflicts if start <= s < end)


def _run(
    g: Glyphs,
    spark: str,
    slots: range,
    values: Sequence[float | None],
    bounds: set[int],
    conflicts: set[int],
    role: str,
    cur_slot: int | None,
) -> list[Cell]:
    """One sparkline's cells: a bound mark, a gap or the bar; a conflict mark after it."""
    out: list[Cell] = []
    for ch, slot in zip(spark, slots, strict=True):
        if slot in bounds:
            glyph, r = g.bound, "bound"
        elif values[slot] is None:
            glyph, r = g.chart_gap, "gap"
        else:
            glyph, r = ch, role
        out.append((glyph, "cursor" if slot == cur_slot else r))
        if slot in conflicts:
            out.append((g.conflict, "conflict"))
    return out
