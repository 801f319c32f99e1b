"""The summary's text tables at a narrow width: wrapped, never cut, figures whole."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tui.cli.dataset import facts_from_options
from tui.cli.summary import render_summary, summary_items
from tui.cli.text_table import ASCII_BOX, TextTable, plain, render_lines, wrap
from tui.data.facts import Facts


def _tables(facts: Facts, fy: int) -> list[TextTable]:
    return [item for item in summary_items(facts, fy) if isinstance(item, TextTable)]


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("width", [50, 64, 80])
def test_narrow_tables_wrap_text_and_keep_figures_whole(width: int) -> None:
    facts = facts_from_options(None)  # the bundled data: long source texts and missing reasons
    tables = _tables(facts, facts.latest_full_fy)
    assert len(tables) == 2
    for table in tables:
        lines = [plain(line) for line in render_lines(table, width, ASCII_BOX)]
        assert all(cell_len(ln) <= width for ln in lines), "\n".join(lines)
        assert lines[0] == table.title
        rule = next(i for i, ln in enumerate(lines) if ln.startswith("|-"))
        cells = [ln[1:-1].split("|") for ln in lines[rule + 1 : -1]]
        assert all(len(c) == len(table.columns) for c in cells)
        for n, col in enumerate(table.columns):
            pieces = [c[n].strip() for c in cells]
            column = [row[n] for row in table.rows]
            if col.justify == "right":
                # each figure on one line, exactly as given
                assert [p for p in pieces if p] == [c.strip() for c in column if c.strip()]
            else:
                # every character of the text is there, in order, when the lines are joined
                assert _squeeze("".join(pieces)) == _squeeze("".join(column))
        # the long source texts really were wrapped at this width
        assert len(cells) > len(table.rows)


def test_render_summary_narrow_text_fits_the_width() -> None:
    facts = facts_from_options(None)
    out = render_summary(facts, facts.latest_full_fy, "text", width=56)
    for line in out.splitlines():
        assert cell_len(line) <= 56, line
    assert "┏" in out and "┡" in out and "└" in out
    assert "…" not in out  # nothing cropped with an ellipsis


def test_wrap_measures_cells_and_keeps_every_word() -> None:
    assert wrap("short", 10) == ["short"]
    assert wrap("  indented words here", 10) == ["  indented", "words here"]
    # the indent (a category's depth) stays, even when the first word must be split for it
    assert wrap("    Software consultancy", 11) == ["    Softwar", "e", "consultancy"]
    assert wrap("[a-very-long-source-id]", 8) == ["[a-very-", "long-sou", "rce-id]"]
    wide = wrap("数据 来源 巴基斯坦", 5)  # two cells per character
    assert all(cell_len(ln) <= 5 for ln in wide)
    assert _squeeze("".join(wide)) == "数据来源巴基斯坦"
