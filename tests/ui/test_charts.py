"""Charts: the typed views (figures from the data, gaps kept, bounds and part-years marked),
the drawn grid in every glyph mode, and the History / Compare / Overview charts in the app."""

from __future__ import annotations

import pytest

from tui.data import load_dataset
from tui.data.chart import change_chart, recent_months, series_chart
from tui.data.facts import Facts
from tui.ui.glyphs import Glyphs
from tui.ui.screens.citation import CitationScreen
from tui.ui.screens.compare import CompareScreen
from tui.ui.widgets.chart import PanelChart
from tui.ui.widgets.chart_bars import ChangeBars, bar_rows
from tui.ui.widgets.chart_draw import draw_panel
from tui.ui.widgets.figure_table import FigureTable

from .helpers import (
    DATA,
    HW,
    SIZE,
    focused,
    make_app,
    move_to,
    open_history,
    press,
    ready,
    rows_of,
    screen_line,
    screen_text,
    table,
)

SW = "software_consultancy"
MODES = ("unicode", "ascii", "console")


@pytest.fixture(scope="module")
def facts() -> Facts:
    return Facts(load_dataset(DATA))


def glyphs(mode: str) -> Glyphs:
    return Glyphs(ascii=mode == "ascii", mode_=mode)  # type: ignore[arg-type]


def text(grid: list[list[tuple[str, str]]]) -> list[str]:
    return ["".join(g for g, _ in row) for row in grid]


def test_series_chart_holds_the_published_figures(facts: Facts) -> None:
    chart = series_chart(facts, HW)
    fiscal = chart.panels[0]
    assert fiscal.kind == "fiscal" and chart.unit == "US$ million"
    by_key = {p.key: p for p in fiscal.points}
    for label in ("FY2024-25", "FY2023-24", "FY2022-23"):
        published = {r["value"] for r in rows_of(HW, label) if not r["status"]}
        assert by_key[label].shown in published and by_key[label].kind == "full"
    assert by_key["FY2024-25"].value == 7.5 and by_key["FY2023-24"].value == 6.8
    assert by_key["FY2023-24/10M"].kind == "part"  # a part-year is a mark, not a bar
    gap = by_key["FY2020-21"]  # no full-year figure was found
    assert gap.value is None and gap.missing
    # every fiscal year from the first to the last has a slot, gaps included
    assert fiscal.slots == tuple(f"FY{y % 100:02d}" for y in range(18, 26))
    assert [p.kind for p in chart.panels[1].points] == ["month"] * len(chart.panels[1].points)


def test_a_bound_is_a_bound(facts: Facts) -> None:
    p = next(p for p in series_chart(facts, SW).panels[0].points if p.key == "FY2024-25")
    assert p.bound == ">" and p.shown == ">1,100"


@pytest.mark.parametrize("mode", MODES)
def test_drawn_chart_keeps_gaps_and_bounds(facts: Facts, mode: str) -> None:
    g = glyphs(mode)
    fiscal = series_chart(facts, HW).panels[0]
    lines = text(draw_panel(fiscal, g, 76, 8, fiscal.index("FY2024-25"), "US$m"))
    base, labels = lines[-2], lines[-1]
    x = labels.index("FY21")  # the slot of the year with no full-year figure
    assert base[x] == g.chart_gap  # drawn as a gap on the baseline ...
    assert all(line[x] == " " for line in lines[1:-2])  # ... and nothing above it
    assert "US$m" in lines[0] and "FY25: 7.5" in lines[0]  # unit on the axis, point as published
    assert g.part in "".join(lines)
    sw = series_chart(facts, SW).panels[0]
    drawn = "".join(text(draw_panel(sw, g, 76, 8, sw.index("FY2024-25"), "US$m")))
    assert g.bound in drawn and "(a bound)" in drawn
    if mode == "ascii":
        assert drawn.isascii()
    if mode == "console":
        assert not set(drawn) & set("▁▂▃▄▅▆▇⚑…—▏▎▍▋▊▉")


def test_no_room_shrinks_to_a_sparkline_row(facts: Facts) -> None:
    fiscal = series_chart(facts, HW).panels[0]
    rows = draw_panel(fiscal, Glyphs(), 60, 2, fiscal.index("FY2024-25"), "US$m")
    assert len(rows) == 1 and "FY25: 7.5" in text(rows)[0]
    months = recent_months(facts, "ict_exports", 24)
    assert months is not None
    row = text(draw_panel(months, Glyphs(), 78, 1, None, "US$m"))[0]
    assert "yr before" in row and len(row) == 78


def conflict_months(series_id: str) -> set[str]:
    """Months of a series with two live values from different sources (from the CSV)."""
    by_month: dict[str, set[str]] = {}
    for r in rows_of(series_id):
        if len(r["period"]) == 7 and r["value"]:
            by_month.setdefault(r["period"], set()).add(r["value"])
    return {m for m, values in by_month.items() if len(values) > 1}


@pytest.mark.parametrize("mode", MODES)
def test_the_sparkline_row_marks_conflicts(facts: Facts, mode: str) -> None:
    g = glyphs(mode)
    months = recent_months(facts, "ict_exports", 24)
    assert months is not None
    disputed = conflict_months("ict_exports")
    in_view = [p for p in months.points if p.key in disputed and p.value is not None]
    assert in_view  # the bundled data has conflicting months in the last 24
    row = text(draw_panel(months, g, 80, 1, None, "US$m"))[0]
    assert len(row) == 80
    now, before = row.split(" yr before ")
    assert now.count(g.conflict) == sum(p.kind == "month" for p in in_view)
    assert before.count(g.conflict) == sum(p.kind == "earlier" for p in in_view)
    # the mark follows the month's own cell: the months before it are one cell each
    first = min(p.slot for p in in_view if p.kind == "month")
    head = len(f"US$m to {months.slots[-1]} ")
    assert now[head + first + 1] == g.conflict
    one_line = text(draw_panel(series_chart(facts, "ict_exports").panels[1], g, 60, 1, None, "$"))
    marks = [p for p in series_chart(facts, "ict_exports").panels[1].points if p.conflict]
    assert marks and g.conflict in one_line[0]


async def test_overview_month_row_highlights_its_month_in_the_chart() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        chart = app.screen.query_one("#ov-chart", PanelChart)
        assert chart.region.height == 1  # a sparkline row at 80x24
        line = screen_line(app, "yr before")
        assert app.glyphs.conflict in line
        month = sorted(conflict_months("ict_exports"))[-1]
        await move_to(pilot, table(app, "ov-table"), f"month-{month}")
        assert chart.current_key == month
        assert "values recorded" in screen_text(app)  # the detail line: sources disagree
        await press(pilot, "s")
        assert isinstance(app.screen, CitationScreen)
        await press(pilot, "escape", "g")
        assert chart.current_key is None  # a headline row: no month highlighted


def test_change_bars_are_sorted_by_contribution_and_leave_out_unpublished(facts: Facts) -> None:
    chart = change_chart(facts, 2023, 2024)
    contributions = [b.contribution or 0.0 for b in chart.bars]
    assert contributions == sorted(contributions, key=abs, reverse=True)
    hw = next(b for b in chart.bars if b.key == HW)
    assert hw.shown == "+0.7"  # 7.5 - 6.8 at the published precision
    assert "Software consultancy" in chart.left_out  # >1,100 against no figure: no bar
    lines = [t.plain for t in bar_rows(chart, Glyphs(ascii=True), 70, HW)]
    assert all(line.isascii() and len(line) <= 70 for line in lines)


async def test_history_chart_and_table_follow_each_other() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_history(pilot)
        chart = screen.query_one(PanelChart)
        hist = screen.query_one("#hist-table", FigureTable)
        assert chart.region.height >= 5 and hist.region.height >= 4  # both in view at 80x24
        assert chart.current_key == hist.current_key
        await press(pilot, "up")  # the table moves: the chart follows
        assert chart.current_key == hist.current_key
        await press(pilot, "tab")
        assert focused(app) is chart
        before = hist.current_key
        await press(pilot, "left")  # the chart moves: the table follows
        assert hist.current_key != before and hist.current_key == chart.current_key
        await press(pilot, "s")  # s cites the highlighted point
        assert isinstance(app.screen, CitationScreen)


async def test_c_shows_the_change_as_bars() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        bars = app.screen.query_one(ChangeBars)
        assert bars.region.height >= 3
        shown = bars.render().plain
        assert "Hardware consultancy" in shown and "+0.7" in shown
