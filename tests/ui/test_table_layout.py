"""Tables use the room they have: labels take the spare width (cut with an ellipsis, in full in
the detail line), figures stay aligned on their digits, a sort mark is never cut off, and
stacked tables are as tall as their rows."""

from __future__ import annotations

from textual.widgets import Static

from tui.data import load_dataset
from tui.data.facts import Facts
from tui.data.tables import history_table
from tui.ui.glyphs import Glyphs
from tui.ui.panes.imports import ImportsPane
from tui.ui.screens.compare import CompareScreen
from tui.ui.widgets.row_detail import row_detail
from tui.ui.widgets.table_sizing import title_lines

from .helpers import (
    DATA,
    focused,
    make_app,
    move_to,
    press,
    ready,
    resize,
    row_keys,
    screen_line,
    screen_text,
    shown,
    static_text,
    table,
)

SMALL, LARGE = (80, 24), (200, 50)


def _last_digit(line: str, figure: str) -> int:
    return line.index(figure) + len(figure)


async def test_compare_category_takes_the_spare_width_and_the_detail_line_has_it_all() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        cmp = table(app, "cmp-table")
        room = cmp.scrollable_content_region.width
        used = sum(c.get_render_width(cmp) for c in cmp.ordered_columns)
        assert used == room, "a cut category must get every spare cell"
        assert "Computer services " in screen_line(app, "2,650")  # whole at 80x24 ...
        assert "Hardware consulta… " in screen_line(app, "6.8")  # ... a longer one cut ...
        await move_to(pilot, cmp, "computer_services")
        detail = static_text(app.screen.query_one("#cmp-detail", Static))
        assert "Computer services" in detail  # ... and whole in the detail line
        assert "2,650" in detail and "3,240" in detail
        await move_to(pilot, cmp, "hardware_consultancy")
        detail = static_text(app.screen.query_one("#cmp-detail", Static))
        assert "Hardware consultancy" in detail and "6.8" in detail and "7.5" in detail
        await resize(pilot, 120, 40)  # the dialog grows with the terminal: nothing cut
        await pilot.pause()
        assert "Computer services " in screen_line(app, "2,650")


async def test_a_basis_mark_does_not_shift_the_figure() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await press(pilot, "2")
        total = screen_line(app, "ICT services exports")
        assert "3,810†" in total, total  # the mark hugs its figure ...
        part = screen_line(app, "Computer services")
        # ... and the digits of the total and of its part end in the same column
        assert _last_digit(total, "3,810") == _last_digit(part, "3,240")
        one_decimal = screen_line(app, "Hardware consultancy")
        assert _last_digit(part, "3,240") == one_decimal.index("7.5") + 1  # the units digit


async def test_no_sort_mark_is_cut_off_even_in_a_narrow_column() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await press(pilot, "5", "G", "down")  # the conflicts table, below the sources
        cf = table(app, "cf-table")
        assert focused(app) is cf
        titles = [c.label.plain for c in cf.ordered_columns]
        assert any(t.endswith("…") for t in titles), titles  # a title cut to fit ...
        for i in range(len(titles)):
            await press(pilot, "o")  # up
            assert "↑" in screen_line(app, "Check"), f"column {i}"  # ... keeps its mark
            await press(pilot, "o")  # down
            assert "↓" in screen_line(app, "Check"), f"column {i}"
            await press(pilot, "o", "l")  # natural order, next column


async def test_imports_tables_are_as_tall_as_their_rows_at_200x50() -> None:
    app = make_app()
    async with app.run_test(size=LARGE) as pilot:
        await ready(pilot)
        await press(pilot, "3")
        await pilot.pause()
        imports, assembly = table(app, "im-table"), table(app, "as-table")
        for t in (imports, assembly):
            assert t.size.height == t.header_height + t.row_count, t.id  # no empty lines
            assert not t.show_horizontal_scrollbar and not t.show_vertical_scrollbar
        text = screen_text(app)
        for key in row_keys(assembly):  # the calendar-year labels in full
            label = assembly.model_rows[key].cell("period").text
            assert label in text, label
        lines = text.splitlines()
        last_import = max(i for i, line in enumerate(lines) if "PBS goods" in line)
        subhead = next(i for i, line in enumerate(lines) if "Mobile handsets, PTA" in line)
        assert subhead - last_import <= 4  # the detail line only, between the tables
        await resize(pilot, 80, 24)  # short of room: both scroll, neither is squeezed out
        await pilot.pause()
        assert imports.size.height >= 4 and assembly.size.height >= 4


async def test_the_handset_table_fits_80_columns_with_every_figure_whole() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await ready(pilot)
        await press(pilot, "3")
        await pilot.pause()
        assembly = table(app, "as-table")
        assert not assembly.show_horizontal_scrollbar  # no sideways scrolling at 80x24
        model = assembly.model
        assert model is not None
        full = max(model.rows, key=lambda r: sum(c.number is not None for c in r.cells.values()))
        figures = [c for c in model.shown if full.cell(c.key).number is not None]
        assert len(figures) >= 4
        line = screen_line(app, full.key)
        for column in figures:  # every figure whole on screen, as the table rounds it
            assert shown(f"{full.cell(column.key).number:g}") in line.split(), column.key
        # the titles cut to fit are whole in the detail line of the row
        assembly.focus()
        await pilot.pause()
        await move_to(pilot, assembly, full.key)
        box = app.screen.query_one(ImportsPane).query_one(".row-detail", Static)
        detail = " ".join(static_text(box).split())
        for column in figures:
            assert column.title in detail, column.title


def test_a_figures_title_wraps_on_two_lines_and_is_cut_only_past_them() -> None:
    assert title_lines("Local share of handset demand", 14) == ["Local share of", "handset demand"]
    assert title_lines("Handsets assembled locally", 9) == ["Handsets", "assemble…"]
    assert title_lines("Commercially imported handsets", 8) == ["Commerc…", "importe…"]
    assert title_lines("US$m", 8) == ["US$m"]


def test_a_missing_figures_reason_is_said_once_in_the_detail_line() -> None:
    facts = Facts(load_dataset(DATA))
    model = history_table(facts, "hardware_consultancy")
    row = next(r for r in model.rows if r.cell("value").number is None and r.cell("value").text)
    why = row.cell("value").text
    assert why in row.cell("yoy_pct").text and why in row.cell("status").text  # three cells
    assert row_detail(model, row, Glyphs()).plain.count(why) == 1  # one detail line, once
