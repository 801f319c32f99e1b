"""Rounding vs conflict, one unit per series, and a basis per figure: loader rules and figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.synthdata import OBS_LINES, DatasetFactory, with_rows
from tui.cli.main import main
from tui.data import DatasetError, Facts, load_dataset
from tui.data.agreement import CONFLICT, ROUNDING, SAME, agreement, decimals
from tui.data.cite import citation_text
from tui.data.model import BASES


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DatasetError) as info:
        load_dataset(folder)
    return [str(p) for p in info.value.problems]


def test_agreement_uses_the_coarser_published_precision() -> None:
    assert decimals("3800") == -2 and decimals("938.640") == 3 and decimals("7.5") == 1
    assert agreement([(3810.0, "3810", ""), (3800.0, "3800", "")]) == ROUNDING
    assert agreement([(938.64, "938.640", ""), (939.0, "939", "")]) == ROUNDING
    assert agreement([(1065.0, "1065", ""), (1067.0, "1067", "")]) == CONFLICT
    assert agreement([(1090.0, "1090", ""), (1191.864, "1191.864", "")]) == CONFLICT
    # one pair far apart makes the whole set a conflict
    vals = [(2100.0, "2100", ""), (2108.0, "2108", ""), (2120.0, "2120", "")]
    assert agreement(vals) == CONFLICT
    # a bound is never a rounded value
    assert agreement([(1100.0, "1100", ">"), (1100.5, "1100.5", "")]) == CONFLICT
    assert agreement([(7.5, "7.5", ""), (7.5, "7.50", "")]) == SAME


def test_rounding_pair_is_one_figure_with_a_quiet_note(make_dataset: DatasetFactory) -> None:
    folder = make_dataset(
        observations=with_rows("ict_exports,FY2024-25,3810,,,src-b,,,,,")
        .replace(
            'ict_exports,FY2024-25,3800,,,src-a,,,,,"ICT',
            'ict_exports,FY2024-25,3800,,,src-a,rounding,,,,"ICT',
        )
        .replace(
            "ict_exports,FY2024-25,3810,,,src-b,,,,,",
            "ict_exports,FY2024-25,3810,,,src-b,,yes,more precise,,",
        )
    )
    facts = Facts(load_dataset(folder))
    fig = facts.figure("ict_exports", "FY2024-25")
    assert (fig.status, fig.value) == ("rounding", 3810.0)
    assert fig not in facts.conflicts()
    text = citation_text(facts, fig)
    assert "sources disagree" not in text
    assert "same figure published at different precisions (3,800 and 3,810)" in text


def test_rounding_pair_marked_as_conflict_is_refused(
    make_dataset: DatasetFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_dataset(
        observations=with_rows("ict_exports,FY2024-25,3810,,,src-b,conflict,yes,precise,,")
    )
    n = OBS_LINES + 1
    assert problems_of(folder) == [
        f"observations.csv:{n}: marked conflict, but the values (3800 and 3810) agree within "
        "the coarser one's published precision: that is rounding, not a conflict "
        "(status = rounding)"
    ]
    assert main(["validate", str(folder)]) == 2
    assert f"observations.csv:{n}: marked conflict" in capsys.readouterr().err


def test_real_conflict_marked_as_rounding_is_refused(make_dataset: DatasetFactory) -> None:
    folder = make_dataset(
        observations=with_rows("ict_exports,FY2024-25,3950,,,src-b,rounding,,,,").replace(
            'ict_exports,FY2024-25,3800,,,src-a,,,,,"ICT',
            'ict_exports,FY2024-25,3800,,,src-a,,yes,SBP,,"ICT',
        )
    )
    assert problems_of(folder) == [
        f"observations.csv:{OBS_LINES + 1}: marked rounding, but the values (3800 and 3950) "
        "differ beyond their published precision (status = conflict)"
    ]


def test_a_series_with_two_units_is_refused(make_dataset: DatasetFactory) -> None:
    folder = make_dataset(
        observations=with_rows("office_machinery_imports,FY2022-23,0.3,,US$ billion,src-a,,,,,")
    )
    assert problems_of(folder) == [
        f"observations.csv:{OBS_LINES + 1}: unit 'US$ billion' differs from series "
        "'office_machinery_imports' unit 'US$ million': one unit per series (give the value "
        "in the series unit as published, or put it in a series of its own)"
    ]


def test_unknown_basis_is_refused_and_a_row_basis_overrides_its_source(
    make_dataset: DatasetFactory,
) -> None:
    header = "series,period,value,qualifier,unit,source,status,preferred,reason,note,excerpt"
    base = with_rows()
    text = base.replace(header, header + ",basis", 1)
    rows = text.splitlines()
    rows = [rows[0]] + [r + "," for r in rows[1:]]
    bad = "\n".join(rows) + "\nfreelance,FY2022-23,10,,,src-b,,,,,,guess\n"
    assert problems_of(make_dataset(observations=bad)) == [
        f"observations.csv:{OBS_LINES + 1}: basis 'guess' is not one of {', '.join(BASES)}"
    ]
    good = "\n".join(rows) + "\nfreelance,FY2022-23,10,,,src-b,,,,,,industry estimate\n"
    facts = Facts(load_dataset(make_dataset(observations=good)))
    assert facts.figure("freelance", "FY2022-23").basis == "industry estimate"
    # no basis column value: the source's
    assert facts.figure("freelance", "FY2023-24").basis == "press"
    assert "Basis: industry estimate" in citation_text(
        facts, facts.figure("freelance", "FY2022-23")
    )


def test_bundled_data_rounding_pairs_are_not_conflicts() -> None:
    from tui.locations import bundled_data_dir

    facts = Facts(load_dataset(bundled_data_dir()))
    fy25 = facts.figure("ict_exports", "FY2024-25")
    assert (fy25.status, fy25.value) == ("rounding", 3810.0)
    assert facts.figure("ict_exports", "FY2023-24").status == "rounding"  # 3223, 3220, 3200
    assert facts.figure("telecom_imports", "FY2020-21").status == "rounding"  # 2593.145, 2593
    # a real disagreement stays a conflict
    assert facts.figure("ict_exports", "FY2018-19").status == "conflict"
    units = {facts.ds.series[o].unit for o in ("laptop_import_units", "laptop_import_units_m")}
    assert units == {"units", "million units"}
    assert all(
        ob.unit == "units"
        for obs in facts.observations("laptop_import_units").values()
        for ob in obs
    )


def test_bundled_labels_say_what_is_divided_by_what_and_what_a_statement_rests_on() -> None:
    from tui.data.analytics import software_vs_hardware
    from tui.data.views import import_dependence
    from tui.locations import bundled_data_dir

    facts = Facts(load_dataset(bundled_data_dir()))
    hv = software_vs_hardware(facts, 2023)
    assert hv.import_to_export_label == "PBS goods / SBP hw services"
    dep = import_dependence(facts)
    assert dep is not None
    text = citation_text(facts, dep)
    # the 99% is an industry estimate reported in an SBP-based story, not an SBP figure
    assert "Basis: industry estimate (this source's usual basis: SBP)" in text


def test_bundled_reader_letter_and_title_mismatch_are_flagged() -> None:
    from tui.locations import bundled_data_dir

    facts = Facts(load_dataset(bundled_data_dir()))
    letter = facts.ds.sources["thenews-2021-08-24-letter-it-exports"]
    assert (letter.reliability, letter.basis) == ("low", "not stated")
    rows = facts.citing(letter.id)
    assert [(o.period.label, facts.raw_of(o)) for o in rows] == [
        ("FY2016-17", "655"),
        ("FY2017-18", "834"),
        ("FY2018-19", "995"),
        ("FY2019-20", "1230"),
        ("FY2020-21", "2100"),
    ]
    assert all("Reader letter (low reliability)" in o.note and not o.preferred for o in rows)
    dunya = facts.ds.sources["dunya-2025-05-17-it-exports"]
    assert dunya.reliability == "low" and "Title and body disagree" in dunya.note
    april = facts.figure("ict_exports", "2025-04")
    assert april.value == 317.0 and "title says 31.40 crore ($314m)" in april.note


def test_bundled_seed_report_statements_are_reported_speech_from_the_report() -> None:
    from tui.locations import bundled_data_dir

    facts = Facts(load_dataset(bundled_data_dir()))
    seed = [q for q in facts.ds.quotes if q.source == "cwp-2025-08-19-hardware"]
    assert all(q.kind == "reported" and q.text for q in seed)
    aftab = [q for q in seed if q.speaker == "Khushnood Aftab"]
    assert len(aftab) == 6
    dv = next(q for q in seed if q.id == "datavault-cwp-seed")
    assert dv.speaker == "Mehwish Ali Khan" and dv.text.count(". ") == 2
    assert "same role and company" in dv.person_note
    from tui.data.views import other_names

    assert other_names(facts, dv) == ("Mehwish Salman Ali",)
    assert {q.speaker for q in seed} >= {"Industry stakeholders", "Industry experts"}


def test_parts_on_another_basis_or_past_their_total_are_flagged() -> None:
    from tui.data.fiscal import Period
    from tui.data.views import parts_check
    from tui.locations import bundled_data_dir

    facts = Facts(load_dataset(bundled_data_dir()))
    check = parts_check(facts, "telecom_imports", Period("FY", 2023))
    assert check is not None and check.flagged
    assert check.other_basis == ("other_telecom_apparatus",)
    assert check.exceeds and check.parts_total == 1898.933 + 1830
    assert "parts add to 3728.933, past the total" in check.note
    clean = parts_check(facts, "telecom_imports", Period("FY", 2020))
    assert clean is not None and not clean.other_basis
