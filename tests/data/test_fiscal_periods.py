"""Fiscal years (July to June) and period labels."""

from __future__ import annotations

import pytest

from tui.data.fiscal import (
    Period,
    PeriodError,
    fy_header,
    fy_label,
    fy_month_index,
    fy_of_month,
    fy_short,
    fy_span,
    parse_fy,
    parse_period,
)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2024-25", 2024),
        ("FY2024-25", 2024),
        ("fy2024-25", 2024),
        ("FY25", 2024),
        ("fy25", 2024),
        (" FY25 ", 2024),
        ("2024-2025", 2024),
        ("2024/25", 2024),
        ("FY2099-00", 2099),
        ("FY01", 2000),
    ],
)
def test_parse_fy_accepts(text: str, start: int) -> None:
    assert parse_fy(text) == start


@pytest.mark.parametrize("text", ["2024-26", "2024-24", "FY", "abc", "2024", "", "FY2024", "25"])
def test_parse_fy_rejects(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_fy(text)


def test_parse_fy_messages_say_what_to_write() -> None:
    with pytest.raises(PeriodError, match="second year must follow the first"):
        parse_fy("2024-26")
    with pytest.raises(PeriodError, match=r"'abc' is not a fiscal year \(write 2024-25"):
        parse_fy("abc")


def test_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


def test_fy_labels_and_spans() -> None:
    assert fy_label(2024) == "FY2024-25"
    assert fy_label(1999) == "FY1999-00"
    assert fy_short(2024) == "FY25"
    assert fy_short(2009) == "FY10"
    assert fy_span(2024) == "Jul 2024 to Jun 2025"
    assert fy_header(2024) == "FY2024-25 (Jul 2024 to Jun 2025)"


@pytest.mark.parametrize(
    ("year", "month", "fy"),
    [(2024, 7, 2024), (2024, 12, 2024), (2025, 1, 2024), (2025, 6, 2024), (2025, 7, 2025)],
)
def test_fy_of_month(year: int, month: int, fy: int) -> None:
    assert fy_of_month(year, month) == fy


@pytest.mark.parametrize("month", [0, 13, -1])
def test_fy_of_month_rejects_bad_month(month: int) -> None:
    with pytest.raises(PeriodError, match="not between 1 and 12"):
        fy_of_month(2024, month)


def test_fy_month_index() -> None:
    assert [fy_month_index(m) for m in (7, 12, 1, 6)] == [1, 6, 7, 12]


@pytest.mark.parametrize(
    ("label", "period", "short", "span", "fy", "partial"),
    [
        ("FY2024-25", Period("FY", 2024), "FY25", "Jul 2024 to Jun 2025", 2024, False),
        (
            "FY2024-25/10M",
            Period("FYTD", 2024, 10),
            "FY25 10M",
            "Jul 2024 to Apr 2025",
            2024,
            True,
        ),
        ("FY2024-25/6M", Period("FYTD", 2024, 6), "FY25 6M", "Jul 2024 to Dec 2024", 2024, True),
        ("FY2024-25/1M", Period("FYTD", 2024, 1), "FY25 1M", "Jul 2024 to Jul 2024", 2024, True),
        ("2024-07", Period("M", 2024, 1, 7), "Jul 2024", "Jul 2024", 2024, True),
        ("2025-03", Period("M", 2025, 1, 3), "Mar 2025", "Mar 2025", 2024, True),
        ("CY2024", Period("CY", 2024), "CY2024", "Jan to Dec 2024", None, False),
        ("CY2025/7M", Period("CYTD", 2025, 7), "CY2025 7M", "Jan to Jul 2025", None, True),
    ],
)
def test_parse_period_every_label_form(
    label: str, period: Period, short: str, span: str, fy: int | None, partial: bool
) -> None:
    got = parse_period(label)
    assert got == period
    assert got.label == label  # round trip
    assert got.short == short
    assert got.span == span
    assert got.fy == fy
    assert got.is_partial is partial
    assert got.is_annual is (period.kind in ("FY", "CY"))


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("FY2024-25/12M", "part-year must cover 1 to 11 months"),
        ("FY2024-25/0M", "part-year must cover 1 to 11 months"),
        ("FY2024-26/3M", "second year must follow the first"),
        ("2024-13", "month must be 01 to 12"),
        ("2024-00", "month must be 01 to 12"),
        ("2024-26", "month must be 01 to 12"),
        ("CY2025/0M", "part-year must cover 1 to 11 months"),
        ("CY2025/12M", "part-year must cover 1 to 11 months"),
        ("FY25", "write fiscal years as FY2024-25"),
        ("FY2024-2025", "write fiscal years as FY2024-25"),
        ("fy2024-25", "write fiscal years as FY2024-25"),
        ("2024", "is not a period"),
        ("CY24", "is not a period"),
        ("", "is not a period"),
        ("Jul 2024", "is not a period"),
    ],
)
def test_parse_period_rejects(label: str, reason: str) -> None:
    with pytest.raises(PeriodError, match=reason):
        parse_period(label)


def test_parse_period_strips_whitespace() -> None:
    assert parse_period("  FY2024-25 ") == Period("FY", 2024)


def test_sort_order_is_chronological_by_end_month_then_length() -> None:
    labels = [
        "FY2024-25",
        "CY2024",
        "2024-07",
        "FY2024-25/10M",
        "FY2023-24",
        "FY2024-25/6M",
        "2024-12",
        "CY2025/7M",
        "2025-06",
    ]
    ordered = sorted((parse_period(x) for x in labels), key=lambda p: p.sort_key)
    assert [p.label for p in ordered] == [
        "FY2023-24",  # ends Jun 2024
        "2024-07",
        "2024-12",  # Dec 2024: one month first, then 6 months, then the calendar year
        "FY2024-25/6M",
        "CY2024",
        "FY2024-25/10M",  # ends Apr 2025
        "2025-06",  # Jun 2025: the month before the full fiscal year ending then
        "FY2024-25",
        "CY2025/7M",  # ends Jul 2025
    ]
