"""Plain-text formatting of figures, changes and ratios."""

from __future__ import annotations

from tui.data import Facts, fmt
from tui.data.analytics import Change, Ratio, ratio, yoy
from tui.data.glyphs import ASCII, Marks


def test_number() -> None:
    assert fmt.number(1438.827) == "1,438.827"
    assert fmt.number(3800.0) == "3,800"
    assert fmt.number(-0.0001) == "-0.0001"  # exact: a published figure is never rounded
    assert fmt.number(8500.628) == "8,500.628"
    assert fmt.number(7.5, 2) == "7.50"
    assert fmt.number(1234567, 0) == "1,234,567"


def test_value_keeps_published_precision_and_qualifier(facts: Facts) -> None:
    assert fmt.value(facts.figure("ict_exports", "FY2024-25")) == "3,800"
    assert fmt.value(facts.figure("hardware_consultancy", "FY2024-25")) == "7.5"
    assert fmt.value(facts.figure("software_consultancy", "FY2024-25")) == ">1,100"
    assert fmt.value(facts.figure("office_machinery_imports", "FY2024-25")) == "~400"
    missing = facts.figure("freelance", "FY2024-25")
    assert fmt.value(missing) == "—"
    assert fmt.value(missing, ASCII) == "n/a"
    assert fmt.with_unit(facts.figure("handsets_assembled", "CY2024")) == "31.4 m units"
    assert fmt.with_unit(missing) == "—"


def test_period_tag(facts: Facts) -> None:
    assert fmt.period_tag(facts.figure("ict_exports", "FY2024-25")) == ""
    assert fmt.period_tag(facts.figure("ites", "FY2024-25/6M")) == "6M"
    assert fmt.period_tag(facts.figure("office_machinery_imports", "2024-07")) == "Jul 2024"


def test_pct_and_change_text(facts: Facts) -> None:
    assert fmt.pct(12.345) == "▲+12.3%"
    assert fmt.pct(-4.0) == "▼-4.0%"
    assert fmt.pct(0.0) == "=0.0%"
    assert fmt.pct(12.345, marks=ASCII) == "+12.3%"
    assert fmt.pct(0.0, marks=ASCII) == "0.0%"  # no trend mark in ASCII: the sign says it
    assert fmt.pct(None) == "—"
    assert fmt.change_text(yoy(facts, "office_machinery_imports", 2024), ASCII) == "~+14.3%"
    assert fmt.change_text(Change(None, None, refused="no"), ASCII) == "n/a"


def test_ratio_text(facts: Facts) -> None:
    sw = facts.figure("software_consultancy", "FY2024-25")
    hw = facts.figure("hardware_consultancy", "FY2024-25")
    assert fmt.ratio_text(ratio(sw, hw), "x") == ">146.6x"
    small = Ratio(hw, hw, 0.05, "")
    assert fmt.ratio_text(small, "%") == "0.05%"
    assert fmt.ratio_text(None) == "—"
    assert fmt.ratio_text(ratio(hw, sw), "x", ASCII) == "n/a"


def test_source_line(facts: Facts) -> None:
    fig = facts.figure("ict_exports", "FY2024-25")
    assert fmt.source_line(fig, "SBP", "2025-07-20") == "source: src-a (SBP, 2025-07-20)"
    assert fmt.source_line(fig) == "source: src-a"
    missing = facts.figure("freelance", "FY2024-25")
    assert fmt.source_line(missing) == "not published for FY2024-25"


def test_a_bound_rounds_only_towards_what_it_bounds() -> None:
    # 1,100 / 3,240 = 33.95%: as a lower bound it reads >33.9%, never >34.0%
    assert fmt.bounded(1100 / 3240 * 100, 1, ">") == "33.9"
    assert fmt.bounded(-5.46, 1, ">") == "-5.5"
    assert fmt.bounded(1234.51, 1, "<") == "1,234.6"
    assert fmt.bounded(2.3, 2, ">") == "2.30"  # exact decimals are not pushed down by binary error
    assert fmt.bounded(33.95, 1, "") == f"{33.95:,.1f}"
    assert fmt.pct(33.96, ">") == "▲>+33.9%"


def test_text_and_explorer_take_their_marks_from_one_table(facts: Facts) -> None:
    """The Linux console keeps arrows but has no em dash; the explorer's glyphs say the same."""
    from tui.ui.glyphs import Glyphs

    missing = facts.figure("freelance", "FY2024-25")
    console = Marks(mode_="console")
    assert (fmt.value(missing, console), fmt.pct(-4.0, marks=console)) == ("n/a", "▼-4.0%")
    explorer = Glyphs(mode_="console")
    assert fmt.value(missing, explorer) == explorer.missing == "n/a"
    assert fmt.pct(2.0, marks=Glyphs(ascii=True)) == "+2.0%"
