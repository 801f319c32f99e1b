"""Typed chart views the UI draws: a series over its periods, a comparison's changes, and
recent months against a year earlier. Plain data, no drawing (no Textual, no Rich).

A chart never joins what the data do not join: every period sits in its own slot, a slot
without a figure is a gap, part-years are points of their own beside the full year, and a
bound ("over 1,100") is flagged as a bound, never as an exact value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from tui.data import fmt
from tui.data.analytics import ClaimCheck, change, claims_on
from tui.data.facts import Facts, Figure
from tui.data.fiscal import MONTHS, Period, fy_short
from tui.data.record import record
from tui.data.views import compare, history

PointKind = Literal["full", "part", "month", "earlier"]
PanelKind = Literal["fiscal", "months", "calendar"]
PANEL_NAMES: dict[PanelKind, str] = {
    "fiscal": "Fiscal years",
    "months": "Months",
    "calendar": "Calendar years",
}


@record
class ChartPoint:
    """One period on a chart axis: a bar, or a mark beside one."""

    key: str  # the period label: the key of the history table's row
    label: str  # short period label (FY25, FY25 10M, Jul 2024)
    slot: int  # index into the panel's slots
    kind: PointKind  # full and month are bars; part and earlier are marks beside them
    value: float | None
    shown: str  # the value as published (">1,100", "7.5"), or "" when missing
    bound: str = ""  # ">" or "<" when the value is a bound, not an exact figure
    conflict: bool = False  # sources disagree; value is the preferred one
    missing: str = ""  # why there is no value
    claim: str = ""  # rates sources quote for the change to this point, each against its check

    @property
    def is_bar(self) -> bool:
        return self.kind in ("full", "month")


@record
class ChartPanel:
    """One x-axis: every slot in order (gaps included) and the points drawn on it."""

    kind: PanelKind
    slots: tuple[str, ...]
    points: tuple[ChartPoint, ...]  # in the order the cursor steps through them

    @property
    def name(self) -> str:
        return PANEL_NAMES[self.kind]

    @property
    def has_marks(self) -> bool:
        return any(not p.is_bar for p in self.points)

    def index(self, key: str) -> int | None:
        return next((i for i, p in enumerate(self.points) if p.key == key), None)


@record
class SeriesChart:
    """One series over its published periods, one panel per axis."""

    series_id: str
    name: str
    unit: str
    panels: tuple[ChartPanel, ...]

    def locate(self, key: str) -> tuple[int, int] | None:
        """(panel, point) of a period label, or None."""
        for n, panel in enumerate(self.panels):
            i = panel.index(key)
            if i is not None:
                return n, i
        return None


def point(
    fig: Figure,
    slot: int,
    kind: PointKind,
    label: str | None = None,
    claims: Sequence[ClaimCheck] = (),
) -> ChartPoint:
    return ChartPoint(
        key=fig.period.label,
        label=label or fig.period.short,
        slot=slot,
        kind=kind,
        value=fig.value,
        shown=fmt.value(fig) if fig.ok else "",
        bound=fig.qualifier if fig.qualifier in (">", "<") else "",
        conflict=fig.status == "conflict",
        missing=fig.missing_reason,
        claim="; ".join(c.short for c in claims),
    )


def series_chart(facts: Facts, series_id: str) -> SeriesChart:
    """Every published period of a series, on a fiscal-year, month and calendar-year axis."""
    return facts.view(("series_chart", series_id), lambda: _series_chart(facts, series_id))


def _claims_by_period(facts: Facts, series_id: str) -> dict[str, tuple[ClaimCheck, ...]]:
    """Period label -> the rates quoted for the change the history table shows there."""
    return {r.figure.period.label: claims_on(facts, r.change) for r in history(facts, series_id)}


def _year_panel(
    facts: Facts,
    series_id: str,
    claims: dict[str, tuple[ClaimCheck, ...]],
    periods: Sequence[Period],
    full: Literal["FY", "CY"],
    name: Literal["fiscal", "calendar"],
    label: Callable[[int], str],
) -> ChartPanel | None:
    """One slot per year of kind ``full`` (FY or CY); its part-years (FYTD, CYTD) beside it."""
    chosen = [p for p in periods if p.kind in (full, full + "TD")]
    if not chosen:
        return None
    first = min(p.year for p in chosen)
    years = range(first, max(p.year for p in chosen) + 1)
    ordered = sorted(chosen, key=lambda p: (p.year, p.kind == full, p.months))
    pts = tuple(
        point(
            facts.figure(series_id, p),
            p.year - first,
            "full" if p.kind == full else "part",
            claims=claims.get(p.label, ()),
        )
        for p in ordered
    )
    return ChartPanel(name, tuple(label(y) for y in years), pts)


def _series_chart(facts: Facts, series_id: str) -> SeriesChart:
    s = facts.ds.series[series_id]
    periods = facts.periods_of(series_id)
    panels: list[ChartPanel] = []
    claims = _claims_by_period(facts, series_id)
    fiscal = _year_panel(facts, series_id, claims, periods, "FY", "fiscal", fy_short)
    if fiscal:
        panels.append(fiscal)
    months = [p for p in periods if p.kind == "M"]
    if months:
        first_m = min(p.year * 12 + p.month - 1 for p in months)
        last_m = max(p.year * 12 + p.month - 1 for p in months)
        slots = tuple(_month_label(m) for m in range(first_m, last_m + 1))
        pts = tuple(
            point(
                facts.figure(series_id, p),
                p.year * 12 + p.month - 1 - first_m,
                "month",
                claims=claims.get(p.label, ()),
            )
            for p in months
        )
        panels.append(ChartPanel("months", slots, pts))
    calendar = _year_panel(facts, series_id, claims, periods, "CY", "calendar", lambda y: f"CY{y}")
    if calendar:
        panels.append(calendar)
    return SeriesChart(series_id, s.name, s.unit, tuple(panels))


def _month_label(index: int) -> str:
    year, month0 = divmod(index, 12)
    return f"{MONTHS[month0]} {year}"


def recent_months(facts: Facts, series_id: str, count: int = 24) -> ChartPanel | None:
    """The last ``count`` months up to the latest published one, each with the same month a
    year earlier as a mark beside it (a gap where either is not published); made once."""
    key = ("recent_months", series_id, count)
    return facts.view(key, lambda: _recent_months(facts, series_id, count))


def _recent_months(facts: Facts, series_id: str, count: int) -> ChartPanel | None:
    months = [p for p in facts.periods_of(series_id) if p.kind == "M"]
    published = [p for p in months if facts.figure(series_id, p).ok]
    if not published:
        return None
    last = max(p.year * 12 + p.month - 1 for p in published)
    first = last - count + 1
    pts: list[ChartPoint] = []
    for slot, m in enumerate(range(first, last + 1)):
        year, month0 = divmod(m, 12)
        now = facts.figure(series_id, Period("M", year, 1, month0 + 1))
        before = facts.figure(series_id, Period("M", year - 1, 1, month0 + 1))
        if now.ok or now.observations:
            pts.append(point(now, slot, "month", claims=claims_on(facts, change(before, now))))
        if before.ok:
            pts.append(point(before, slot, "earlier", f"{before.period.short} (a year earlier)"))
    slots = tuple(_month_label(m) for m in range(first, last + 1))
    return ChartPanel("months", slots, tuple(pts))


@record
class ChangeBar:
    """One category's change between two fiscal years."""

    key: str  # series id: the key of the compare table's row
    label: str
    change: float  # B - A in the unit of the series (computed, not published)
    shown: str  # the change at the published precision, signed ("+0.7")
    contribution: float | None  # share of the total's change, in percent


@record
class ChangeChart:
    """The categories' changes between two fiscal years, as bars."""

    unit: str
    a_label: str
    b_label: str
    bars: tuple[ChangeBar, ...]  # sorted by contribution to the total's change
    left_out: tuple[str, ...]  # categories with no change to draw (a year not published)


def change_chart(facts: Facts, fy_a: int, fy_b: int) -> ChangeChart:
    """The change of every category between two fiscal years, as bars (total left out)."""
    rows = compare(facts, fy_a, fy_b)
    bars: list[ChangeBar] = []
    left_out: list[str] = []
    for r in rows[1:]:
        ch = r.change
        if ch.absolute is None:
            left_out.append(r.series.label)
            continue
        dec = [f.decimals for f in (r.a, r.b) if f.raw]
        digits = max(max(dec), 0) if dec else None
        shown = ("+" if ch.absolute > 0 else "") + fmt.number(ch.absolute, digits)
        bars.append(ChangeBar(r.series.id, r.series.label, ch.absolute, shown, r.contribution))
    unit = facts.ds.series[facts.ds.manifest.total_series].unit
    return ChangeChart(unit, fy_short(fy_a), fy_short(fy_b), tuple(bars), tuple(left_out))
