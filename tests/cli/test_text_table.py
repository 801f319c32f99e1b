"""The summary's text tables at a narrow width: wrapped, never cut, figures whole."""

from __future__ import annotations

import random

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
    # the indent (a category's depth) stays on every line, even when a word must be split
    assert wrap("  indented words here", 10) == ["  indented", "  words", "  here"]
    assert wrap("    Software consultancy", 11) == [
        "    Softwar",
        "    e",
        "    consult",
        "    ancy",
    ]
    assert wrap("      deep", 8) == ["      de", "ep"]  # an indent of half the width or more: once
    assert wrap("[a-very-long-source-id]", 8) == ["[a-very-", "long-sou", "rce-id]"]
    wide = wrap("数据 来源 巴基斯坦", 5)  # two cells per character
    assert all(cell_len(ln) <= 5 for ln in wide)
    assert _squeeze("".join(wide)) == "数据来源巴基斯坦"


def test_at_80_columns_words_stay_whole_and_a_figure_header_wraps_instead() -> None:
    facts = facts_from_options(None)
    tree = _tables(facts, facts.latest_full_fy)[1]
    lines = [plain(line) for line in render_lines(tree, 80, ASCII_BOX)]
    assert all(cell_len(ln) <= 80 for ln in lines)
    rule = next(i for i, ln in enumerate(lines) if ln.startswith("|-"))
    header = [[c.strip() for c in ln[1:-1].split("|")] for ln in lines[2:rule]]
    assert [h[3] for h in header] == ["% of", "parent"]  # the header wrapped, not the labels
    body = [[c for c in ln[1:-1].split("|")] for ln in lines[rule + 1 : -1]]
    label_words = {w for row in tree.rows for w in row[0].split()}
    shown = [w for cells in body for w in cells[0].split()]
    assert set(shown) == label_words  # every word whole: none split across lines
    # a tree label's continuation lines keep its depth
    starts = [i for i, cells in enumerate(body) if cells[1].strip()]
    for i, j in zip(starts, [*starts[1:], len(body)], strict=True):
        depth = len(body[i][0]) - len(body[i][0].lstrip(" "))
        assert all(len(c[0]) - len(c[0].lstrip(" ")) == depth for c in body[i:j])


def test_wrap_fits_any_width_and_loses_nothing() -> None:
    """Seeded random labels (indents, long words, wide characters) at widths 2 to 30."""
    rng = random.Random(2)
    words = ["a", "bb", "ccc", "telecommunication", "x" * 40, "(telecom,", "数据", "巴基斯坦"]
    for _ in range(3000):
        text = " " * rng.choice([0, 2, 4, 6, 9]) + " ".join(
            rng.choice(words) for _ in range(rng.randint(1, 8))
        )
        width = rng.randint(2, 30)
        lines = wrap(text, width)
        assert _squeeze("".join(lines)) == _squeeze(text), (text, width, lines)
        assert all(cell_len(ln) <= width and ln.strip() for ln in lines), (text, width, lines)
