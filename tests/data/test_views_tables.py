"""The ready-made views: category tree, comparison, history, imports, assembly."""

from __future__ import annotations

import pytest

from tui.data import Facts
from tui.data.fiscal import Period
from tui.data.views import (
    assembly_rows,
    category_tree,
    compare,
    history,
    import_dependence,
    import_rows,
    latest_months,
    statement,
)


def test_category_tree_status_values(facts: Facts) -> None:
    rows = category_tree(facts, 2024)
    assert [(r.depth, r.series.id, r.status) for r in rows] == [
        (0, "ict_exports", "full"),
        (1, "computer_services", "conflict"),
        (2, "software_consultancy", "full"),
        (2, "hardware_consultancy", "full"),
        (1, "telecom_services", "full"),
        (1, "ites", "partial"),
        (1, "freelance", "missing"),
    ]
    by_id = {r.series.id: r for r in rows}
    assert by_id["ict_exports"].has_children and by_id["computer_services"].has_children
    assert not by_id["hardware_consultancy"].has_children
    assert by_id["ites"].figure.period == Period("FYTD", 2024, 6)
    assert by_id["freelance"].figure.missing_reason == "not published for FY2024-25"


def test_category_tree_share_of_parent(facts: Facts) -> None:
    by_id = {r.series.id: r for r in category_tree(facts, 2024)}
    assert by_id["ict_exports"].share_parent is None
    assert by_id["ict_exports"].share_total is None
    cs = by_id["computer_services"].share_parent
    assert cs is not None and cs.value == pytest.approx(3000 / 3800 * 100)
    hw = by_id["hardware_consultancy"].share_parent
    assert hw is not None and hw.value == pytest.approx(7.5 / 3000 * 100)
    hw_total = by_id["hardware_consultancy"].share_total
    assert hw_total is not None and hw_total.value == pytest.approx(7.5 / 3800 * 100)
    sw = by_id["software_consultancy"].share_parent
    assert sw is not None and sw.qualifier == ">"
    # a part-year is not shared out of a full year
    ites = by_id["ites"].share_parent
    assert ites is not None and ites.value is None
    assert ites.refused == "FY25 6M and FY25 are different periods"


def test_category_tree_changes_and_history(facts: Facts) -> None:
    by_id = {r.series.id: r for r in category_tree(facts, 2024)}
    assert by_id["ict_exports"].change.pct == pytest.approx(577 / 3223 * 100)
    assert by_id["ites"].change.pct == pytest.approx(25.0)
    assert by_id["ites"].change.note == "same 6 months"
    assert by_id["freelance"].change.pct is None
    # history runs over facts.explorer_years (2022..2025)
    assert by_id["ict_exports"].history == [2600.0, 3223.0, 3800.0, None]
    assert by_id["freelance"].history == [None, 20.0, None, None]


def test_category_tree_part_year(facts: Facts) -> None:
    rows = category_tree(facts, 2025)
    assert rows[0].status == "partial"
    assert rows[0].figure.period == Period("FYTD", 2025, 4)
    assert {r.status for r in rows[1:]} == {"missing"}


def test_compare_sorted_by_contribution(facts: Facts) -> None:
    rows = compare(facts, 2023, 2024)
    assert [r.series.id for r in rows] == [
        "ict_exports",  # the total stays first
        "computer_services",  # +381 of +577
        "telecom_services",  # -100
        "hardware_consultancy",  # +0.7
        "software_consultancy",  # refused: a bound
        "ites",  # no full year in FY2024-25
        "freelance",  # missing
    ]
    by_id = {r.series.id: r for r in rows}
    assert by_id["ict_exports"].contribution == pytest.approx(100.0)
    assert by_id["computer_services"].contribution == pytest.approx(381 / 577 * 100)
    assert by_id["telecom_services"].contribution == pytest.approx(-100 / 577 * 100)
    assert by_id["software_consultancy"].contribution is None
    tel = by_id["telecom_services"]
    assert tel.share_a is not None and tel.share_a.value == pytest.approx(600 / 3223 * 100)
    assert tel.share_change_pts == pytest.approx(500 / 3800 * 100 - 600 / 3223 * 100)
    assert by_id["ict_exports"].share_a is None and by_id["ict_exports"].share_change_pts is None


def test_history(facts: Facts) -> None:
    rows = history(facts, "ict_exports")
    assert [r.figure.period.label for r in rows] == [
        "FY2022-23",
        "FY2023-24",
        "FY2024-25/4M",
        "FY2024-25",
        "FY2025-26/4M",
    ]
    changes = [r.change.pct if r.change else None for r in rows]
    assert changes[0] is None
    assert changes[1] == pytest.approx(623 / 2600 * 100)
    assert changes[2] is None  # no FY2023-24/4M
    assert changes[4] == pytest.approx(200 / 1100 * 100)
    cy = history(facts, "handsets_assembled")
    assert cy[1].change is not None and cy[1].change.pct == pytest.approx((31.4 / 21.9 - 1) * 100)


def test_latest_months_import_rows_and_assembly(facts: Facts) -> None:
    assert [r.figure.period.label for r in latest_months(facts, "office_machinery_imports")] == [
        "2024-07"
    ]
    imp = import_rows(facts, 2024)
    assert [(r.series.id, r.figure.value) for r in imp] == [("office_machinery_imports", 400.0)]
    assert imp[0].change.pct == pytest.approx(50 / 350 * 100)
    asm = assembly_rows(facts)
    assert [(p.label, {k: f.value for k, f in figs.items()}) for p, figs in asm] == [
        ("CY2023", {"handsets_assembled": 21.9}),
        ("CY2024", {"handsets_assembled": 31.4}),
    ]


def test_statements(facts: Facts) -> None:
    dep = import_dependence(facts)
    assert dep is not None and dep.value == 99.0 and dep.unit == "%"
    assert statement(facts, "hardware-import-dependence") is dep
    assert statement(facts, "nope") is None
