"""Figure lookups: preferred values, alternatives, missing rows, periods."""

from __future__ import annotations

from tests.synthdata import OBSERVATIONS, DatasetFactory, line_of
from tui.data import Facts, load_dataset
from tui.data.fiscal import Period


def test_figure_chooses_the_preferred_value_and_lists_alternatives(facts: Facts) -> None:
    fig = facts.figure("computer_services", "FY2024-25")
    assert fig.value == 3000.0
    assert fig.status == "conflict"
    assert fig.source == "src-a"
    assert [(o.source, o.value, o.preferred) for o in fig.observations] == [
        ("src-a", 3000.0, True),
        ("src-b", 3650.0, False),
    ]
    assert fig.chosen is not None and fig.chosen.reason == "official SBP figure"
    assert fig.chosen.line == line_of(OBSERVATIONS, "computer_services,FY2024-25,3000")


def test_preferred_value_wins_even_when_listed_second(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + (
        "telecom_services,FY2022-23,450,,,src-b,,,,,\n"
        "telecom_services,FY2022-23,470,,,src-a,,yes,SBP revised,,\n"
    )
    facts = Facts(load_dataset(make_dataset(observations=text)))
    fig = facts.figure("telecom_services", Period("FY", 2022))
    assert fig.value == 470.0
    assert fig.source == "src-a"
    assert [o.value for o in fig.observations] == [470.0, 450.0]


def test_plain_figure(facts: Facts) -> None:
    fig = facts.figure("hardware_consultancy", "FY2024-25")
    assert (fig.value, fig.status, fig.unit, fig.raw, fig.decimals) == (
        7.5,
        "ok",
        "US$ million",
        "7.5",
        1,
    )
    assert fig.ok and not fig.is_partial
    assert fig.missing_reason == ""
    # the same object is returned for a Period or its label
    assert facts.figure("hardware_consultancy", Period("FY", 2024)) is fig


def test_qualifier_and_note_are_kept(facts: Facts) -> None:
    fig = facts.figure("software_consultancy", "FY2024-25")
    assert fig.value == 1100.0
    assert fig.qualifier == ">"
    assert fig.note == "article says over $1.1bn"


def test_missing_row_gives_none_with_its_note_as_reason(facts: Facts) -> None:
    fig = facts.figure("freelance", "FY2024-25")
    assert fig.value is None
    assert not fig.ok
    assert fig.status == "missing"
    assert fig.source is None
    assert fig.missing_reason == "not published for FY2024-25"
    assert [o.status for o in fig.observations] == ["missing"]


def test_absent_period_is_missing_with_the_default_reason(facts: Facts) -> None:
    fig = facts.figure("freelance", "FY2020-21")
    assert fig.value is None
    assert fig.status == "missing"
    assert fig.observations == ()
    assert fig.missing_reason == "not published in the sources found"


def test_erratum_only_figure(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + "telecom_services,FY2022-23,5000,,,src-b,erratum,,,typo,\n"
    facts = Facts(load_dataset(make_dataset(observations=text)))
    fig = facts.figure("telecom_services", "FY2022-23")
    assert fig.value is None
    assert fig.status == "erratum"
    assert fig.missing_reason == "only an erroneous figure was published; see the erratum"


def test_erratum_is_listed_after_the_live_value(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS + "ict_exports,FY2024-25,38000,,,src-b,erratum,,,extra zero,\n"
    facts = Facts(load_dataset(make_dataset(observations=text)))
    fig = facts.figure("ict_exports", "FY2024-25")
    assert fig.value == 3800.0
    assert fig.status == "ok"  # an erratum is not a conflict
    assert [(o.source, o.status) for o in fig.observations] == [
        ("src-a", "ok"),
        ("src-b", "erratum"),
    ]


def test_periods_years_and_best_for_fy(facts: Facts) -> None:
    assert [p.label for p in facts.periods_of("ict_exports")] == [
        "FY2022-23",
        "FY2023-24",
        "FY2024-25/4M",
        "FY2024-25",
        "FY2025-26/4M",
    ]
    assert facts.fiscal_years == [2022, 2023, 2024]
    assert facts.explorer_years == [2022, 2023, 2024, 2025]
    assert facts.latest_full_fy == 2024
    # a full year when published, else the longest part-year
    assert facts.best_for_fy("ict_exports", 2024).period == Period("FY", 2024)
    assert facts.best_for_fy("ict_exports", 2025).period == Period("FYTD", 2025, 4)
    assert facts.best_for_fy("ites", 2024).period == Period("FYTD", 2024, 6)
    assert not facts.best_for_fy("ites", 2022).ok
    assert facts.annual_values("ict_exports", [2021, 2022, 2024]) == [None, 2600.0, 3800.0]


def test_months_tree_citing_and_conflicts(facts: Facts) -> None:
    assert [f.period.label for f in facts.months("office_machinery_imports", 2024)] == ["2024-07"]
    assert facts.months("office_machinery_imports", 2023) == []
    assert [(d, s.id) for d, s in facts.tree("ict_exports")] == [
        (0, "ict_exports"),
        (1, "computer_services"),
        (2, "software_consultancy"),
        (2, "hardware_consultancy"),
        (1, "telecom_services"),
        (1, "ites"),
        (1, "freelance"),
    ]
    assert facts.tree("nope") == []
    cited = facts.citing("src-c")
    assert [(o.series, o.period.label) for o in cited] == [
        ("handsets_assembled", "CY2023"),
        ("handsets_assembled", "CY2024"),
    ]
    assert [(f.series, f.period.label) for f in facts.conflicts()] == [
        ("computer_services", "FY2024-25")
    ]
    assert [s.id for s in facts.series_in_group("imports")] == ["office_machinery_imports"]
