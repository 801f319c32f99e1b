"""Every bad input is reported as ``file:line: message``, all problems together."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.synthdata import (
    CLAIMS,
    MANIFEST,
    OBS_HEADER,
    OBS_LINES,
    OBSERVATIONS,
    QUOTES,
    SERIES,
    SOURCES,
    STATEMENTS,
    Content,
    DatasetFactory,
    line_of,
    with_rows,
)
from tui.data import DatasetError, Problem, load_dataset
from tui.data.model import BASES


def problems_of(folder: Path) -> list[str]:
    """The problems load_dataset reports, as printed."""
    with pytest.raises(DatasetError) as info:
        load_dataset(folder)
    return [str(p) for p in info.value.problems]


# -- observations.csv --------------------------------------------------------------------------


def test_three_bad_rows_give_three_problems_with_their_lines(make_dataset: DatasetFactory) -> None:
    text = with_rows(
        'ict_exports,FY2021-22,"1,100",,,src-a,,,,,',
        "ict_exports,FY2020-21,3.5.1,,,src-a,,,,,",
        "ict_exports,FY2024-26,5,,,src-a,,,,,",
    )
    got = problems_of(make_dataset(observations=text))
    n = OBS_LINES
    assert got == [
        f"observations.csv:{n + 1}: value '1,100' is not a number (write plain digits, e.g. 1100)",
        f"observations.csv:{n + 2}: value '3.5.1' is not a number",
        f"observations.csv:{n + 3}: 'FY2024-26': the second year must follow the first "
        "(e.g. 2024-25)",
    ]


def test_problems_from_several_files_are_reported_together(make_dataset: DatasetFactory) -> None:
    folder = make_dataset(
        observations=with_rows("ict_exports,FY2019-20,abc,,,src-a,,,,,"),
        sources=SOURCES.replace('basis = "press"', 'basis = "blog"'),
        series=SERIES.replace('group = "imports"', 'group = "importz"'),
    )
    group_line = line_of(SERIES, 'group = "imports"')
    basis_line = line_of(SOURCES, 'basis = "press"')
    assert problems_of(folder) == [
        f"observations.csv:{OBS_LINES + 1}: value 'abc' is not a number",
        f"series.toml:{group_line}: group 'importz' is not one of "
        "exports, indicators, targets, imports, assembly",
        f"sources.toml:{basis_line}: basis 'blog' is not one of {', '.join(BASES)}",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"1,100"', "value '1,100' is not a number (write plain digits, e.g. 1100)"),
        ("$1100", "value '$1100' is not a number (write plain digits, e.g. 1100)"),
        ("12x", "value '12x' is not a number"),
        ("nan", "value 'nan' is not a number"),
        ("inf", "value 'inf' is not a number"),
        ("", "empty value (mark the row status=missing and say why in note)"),
    ],
)
def test_non_numeric_values(make_dataset: DatasetFactory, value: str, message: str) -> None:
    text = with_rows(f"ict_exports,FY2019-20,{value},,,src-a,,,,,")
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{OBS_LINES + 1}: {message}"
    ]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("FY2024-25/12M", "'FY2024-25/12M': a part-year must cover 1 to 11 months"),
        ("2024-13", "'2024-13': month must be 01 to 12"),
        ("CY2025/0M", "'CY2025/0M': a part-year must cover 1 to 11 months"),
        ("FY25", "'FY25': write fiscal years as FY2024-25"),
        (
            "2024",
            "'2024' is not a period (use FY2024-25, FY2024-25/10M, 2024-07, CY2024 or CY2025/7M)",
        ),
    ],
)
def test_bad_period_labels(make_dataset: DatasetFactory, period: str, message: str) -> None:
    series = "handsets_assembled" if period.startswith("CY") else "ict_exports"
    text = with_rows(f"{series},{period},5,,,src-a,,,,,")
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{OBS_LINES + 1}: {message}"
    ]


def test_missing_file(make_dataset: DatasetFactory) -> None:
    assert problems_of(make_dataset(observations=None)) == ["observations.csv: file is missing"]


def test_empty_file(make_dataset: DatasetFactory) -> None:
    assert problems_of(make_dataset(observations="")) == ["observations.csv: file is empty"]
    assert problems_of(make_dataset(observations="\n  \n")) == ["observations.csv: file is empty"]


def test_header_only(make_dataset: DatasetFactory) -> None:
    got = problems_of(make_dataset(observations=OBS_HEADER + "\n"))
    assert got == ["observations.csv:1: no observations (only a header)"]


def test_missing_columns(make_dataset: DatasetFactory) -> None:
    got = problems_of(make_dataset(observations="series,period\nict_exports,FY2024-25\n"))
    assert got == [
        "observations.csv:1: missing column 'source'",
        "observations.csv:1: missing column 'value'",
    ]


def test_unknown_column(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS.replace("excerpt\n", "excerpt,colour\n", 1)
    got = problems_of(make_dataset(observations=text))
    assert len(got) == 1
    assert got[0].startswith("observations.csv:1: unknown column 'colour' (known: series, period,")


def test_duplicate_key(make_dataset: DatasetFactory) -> None:
    text = with_rows("hardware_consultancy,FY2024-25,7.5,,,src-a,,,,,")
    first = line_of(OBSERVATIONS, "hardware_consultancy,FY2024-25")
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{OBS_LINES + 1}: duplicate key: series 'hardware_consultancy', period "
        f"'FY2024-25', source 'src-a' already at line {first}"
    ]


def test_unknown_source_and_series_ids(make_dataset: DatasetFactory) -> None:
    text = with_rows(
        "ict_exports,FY2019-20,1,,,src-zz,,,,,",
        "ict_export,FY2019-20,1,,,src-a,,,,,",
    )
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{OBS_LINES + 1}: unknown source id 'src-zz'",
        f"observations.csv:{OBS_LINES + 2}: unknown series id 'ict_export'",
    ]


def test_conflict_without_preferred(make_dataset: DatasetFactory) -> None:
    text = with_rows("hardware_consultancy,FY2024-25,7.7,,,src-b,,,,,")
    first = line_of(OBSERVATIONS, "hardware_consultancy,FY2024-25")
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{first}: conflicting values for 'hardware_consultancy' FY2024-25: "
        "7.5 (src-a), 7.7 (src-b); none is marked preferred=yes (exactly one must be, with a "
        "reason)"
    ]


def test_conflict_with_two_preferred(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS.replace(
        "computer_services,FY2024-25,3650,,,src-b,,,,,",
        "computer_services,FY2024-25,3650,,,src-b,,yes,press figure,,",
    )
    got = problems_of(make_dataset(observations=text))
    assert len(got) == 1
    line = line_of(OBSERVATIONS, "computer_services,FY2024-25")
    assert got[0].startswith(f"observations.csv:{line}: conflicting values for 'computer_services'")
    assert "more than one is marked preferred=yes" in got[0]


def test_preferred_without_reason(make_dataset: DatasetFactory) -> None:
    text = OBSERVATIONS.replace("yes,official SBP figure", "yes,")
    line = line_of(OBSERVATIONS, "yes,official SBP figure")
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{line}: preferred value needs a reason"
    ]


def test_row_level_value_rules(make_dataset: DatasetFactory) -> None:
    text = with_rows(
        "ict_exports,FY2019-20,9,,,src-a,missing,,,,",
        "ict_exports,FY2018-19,9,,,src-a,gone,,,,",
        "ict_exports,FY2017-18,9,about,,src-a,,,,,",
        "ict_exports,FY2016-17,9,,,src-a,erratum,yes,why not,,",
        "ict_exports,FY2015-16,9,,,src-a,,maybe,,,",
    )
    n = OBS_LINES
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{n + 1}: value '9' given for a row marked missing",
        f"observations.csv:{n + 2}: status 'gone' must be empty, ok, conflict, rounding, "
        "missing or erratum",
        f"observations.csv:{n + 3}: qualifier 'about' must be empty, '>', '<' or '~'",
        f"observations.csv:{n + 4}: an erratum cannot be preferred",
        f"observations.csv:{n + 5}: preferred 'maybe' must be yes or empty",
    ]


def test_calendar_mismatch(make_dataset: DatasetFactory) -> None:
    text = with_rows(
        "handsets_assembled,FY2024-25,5,,,src-c,,,,,",
        "ict_exports,CY2024,4,,,src-a,,,,,",
    )
    n = OBS_LINES
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{n + 1}: series 'handsets_assembled' is in calendar years; period "
        "must be CY… not 'FY2024-25'",
        f"observations.csv:{n + 2}: series 'ict_exports' is in fiscal years; 'CY2024' is a "
        "calendar-year period",
    ]


def test_undecodable_bytes_report_the_line(make_dataset: DatasetFactory) -> None:
    raw = OBSERVATIONS.encode("utf-8")
    target = b"telecom_services,FY2023-24"
    bad = raw.replace(target, b"telecom_servic\xe9s,FY2023-24")
    offset = raw.index(target) + len("telecom_servic")
    line = line_of(OBSERVATIONS, "telecom_services,FY2023-24")
    assert problems_of(make_dataset(observations=bad)) == [
        f"observations.csv:{line}: bytes are not UTF-8 (byte 0xe9 at offset {offset})"
    ]


def test_embedded_newline_keeps_later_lines_right(make_dataset: DatasetFactory) -> None:
    text = with_rows(
        "ict_exports,FY2019-20,oops,,,src-a,,,,,",
        base=OBSERVATIONS.replace(
            '"ICT exports reached $3.8 billion"', '"ICT exports\nreached\n$3.8 billion"'
        ),
    )
    # two extra physical lines inside one quoted field
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{OBS_LINES + 3}: value 'oops' is not a number"
    ]


def test_blank_lines_keep_later_lines_right(make_dataset: DatasetFactory) -> None:
    text = with_rows(
        "ict_exports,FY2019-20,oops,,,src-a,,,,,",
        base=OBSERVATIONS.replace(
            "\ncomputer_services,FY2022-23", "\n\n   \ncomputer_services,FY2022-23"
        ),
    )
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{OBS_LINES + 3}: value 'oops' is not a number"
    ]


def test_crlf_keeps_lines_right(make_dataset: DatasetFactory) -> None:
    text = with_rows("ict_exports,FY2019-20,oops,,,src-a,,,,,").replace("\n", "\r\n")
    assert problems_of(make_dataset(observations=text)) == [
        f"observations.csv:{OBS_LINES + 1}: value 'oops' is not a number"
    ]


def test_too_many_fields_is_a_problem_not_a_crash(make_dataset: DatasetFactory) -> None:
    text = with_rows("ict_exports,FY2019-20,5,,,src-a,,,,,,,,")
    got = problems_of(make_dataset(observations=text))
    assert len(got) == 1
    assert got[0].startswith(f"observations.csv:{OBS_LINES + 1}: CSV cannot be read")


# -- TOML files ----------------------------------------------------------------------------------


def test_toml_syntax_error_has_its_line(make_dataset: DatasetFactory) -> None:
    bad = SOURCES.replace('publisher = "PTA"', "publisher = PTA")
    line = line_of(SOURCES, 'publisher = "PTA"')
    got = problems_of(make_dataset(sources=bad))
    assert len(got) == 1
    assert got[0].startswith(f"sources.toml:{line}: TOML syntax error: ")
    assert "(at line" not in got[0]


def test_toml_syntax_error_in_series_is_not_a_crash(make_dataset: DatasetFactory) -> None:
    # the observations cannot be checked against series, but nothing may raise KeyError
    bad = SERIES.replace('name = "ICT exports"', "name = ICT exports")
    line = line_of(SERIES, 'name = "ICT exports"')
    assert problems_of(make_dataset(series=bad)) == [
        f"series.toml:{line}: TOML syntax error: Invalid value"
    ]


def test_unknown_toml_key(make_dataset: DatasetFactory) -> None:
    bad = SERIES.replace("order = 20\n", 'order = 20\ncolour = "red"\n')
    line = line_of(SERIES, "order = 20") + 1
    assert problems_of(make_dataset(series=bad)) == [
        f"series.toml:{line}: unknown key 'colour' in [[series]]"
    ]


def test_missing_required_key(make_dataset: DatasetFactory) -> None:
    bad = SOURCES.replace('url = "https://example.org/pta"\n', "")
    line = line_of(SOURCES, 'id = "src-c"') - 1  # the [[source]] line
    got = problems_of(make_dataset(sources=bad))
    # the incomplete source is not registered, so the rows citing it are reported too
    pta_rows = [i for i, ln in enumerate(OBSERVATIONS.splitlines(), 1) if ",src-c," in ln]
    assert got == [f"observations.csv:{n}: unknown source id 'src-c'" for n in pta_rows] + [
        f"sources.toml:{line}: [[source]] is missing required key 'url'"
    ]


def test_duplicate_ids(make_dataset: DatasetFactory) -> None:
    bad = QUOTES.replace('id = "trader-total"', 'id = "minister-total"')
    first = line_of(QUOTES, 'id = "minister-total"') - 1
    second = line_of(QUOTES, 'id = "trader-total"') - 1
    assert problems_of(make_dataset(quotes=bad)) == [
        f"quotes.toml:{second}: duplicate quote id 'minister-total' (first at line {first})"
    ]


def test_duplicate_source_id_and_the_rows_citing_the_lost_id(make_dataset: DatasetFactory) -> None:
    bad = SOURCES.replace('id = "src-c"', 'id = "src-a"')
    got = problems_of(make_dataset(sources=bad))
    block = line_of(SOURCES, 'id = "src-c"') - 1
    assert f"sources.toml:{block}: duplicate source id 'src-a' (first at line 1)" in got
    pta_rows = [i for i, ln in enumerate(OBSERVATIONS.splitlines(), 1) if ",src-c," in ln]
    for line in pta_rows:
        assert f"observations.csv:{line}: unknown source id 'src-c'" in got
    assert len(got) == 1 + len(pta_rows)


def test_bad_ids(make_dataset: DatasetFactory) -> None:
    bad = SOURCES.replace('id = "src-c"', 'id = "Src C"')
    got = problems_of(make_dataset(sources=bad))
    block = line_of(SOURCES, 'id = "src-c"') - 1
    assert (
        f"sources.toml:{block}: source id 'Src C' must be lower-case letters, digits, '-' or '_'"
        in got
    )


def test_parent_cycle(make_dataset: DatasetFactory) -> None:
    bad = SERIES.replace(
        'id = "ict_exports"\nname = "ICT exports"\n',
        'id = "ict_exports"\nname = "ICT exports"\nparent = "ites"\n',
    )
    ict = line_of(SERIES, 'id = "ict_exports"') - 1
    ites = line_of(SERIES, 'id = "ites"') - 1 + 1  # one line was inserted above it
    assert problems_of(make_dataset(series=bad)) == [
        f"series.toml:{ict}: series 'ict_exports' is its own ancestor (parent cycle)",
        f"series.toml:{ites}: series 'ites' is its own ancestor (parent cycle)",
    ]


def test_unknown_parent(make_dataset: DatasetFactory) -> None:
    bad = SERIES.replace(
        'parent = "ict_exports"\nunit = "US$ million"\norder = 20',
        'parent = "nope"\nunit = "US$ million"\norder = 20',
    )
    line = line_of(SERIES, 'id = "telecom_services"') + 3
    assert problems_of(make_dataset(series=bad)) == [
        f"series.toml:{line}: unknown parent series 'nope'"
    ]


def test_quote_problems(make_dataset: DatasetFactory) -> None:
    bad = (
        QUOTES.replace('kind = "direct"', 'kind = "paraphrase"')
        .replace(
            'series = ["ict_exports"]\nperiods = ["FY2024-25"]',
            'series = ["nope"]\nperiods = ["FY2024-26"]',
        )
        .replace("claim_value = 3500.0", 'claim_value = "3500"')
    )
    kind = line_of(QUOTES, 'kind = "direct"')
    series = line_of(QUOTES, 'series = ["ict_exports"]')
    periods = line_of(QUOTES, 'periods = ["FY2024-25"]')
    value = line_of(QUOTES, "claim_value = 3500.0")
    assert problems_of(make_dataset(quotes=bad)) == [
        f"quotes.toml:{kind}: kind 'paraphrase' must be 'direct' or 'reported'",
        f"quotes.toml:{series}: unknown series id 'nope'",
        f"quotes.toml:{periods}: 'FY2024-26': the second year must follow the first (e.g. 2024-25)",
        f"quotes.toml:{value}: claim_value must be a number",
    ]


def test_statement_with_unknown_source(make_dataset: DatasetFactory) -> None:
    bad = STATEMENTS.replace('sources = ["src-b"]', 'sources = ["src-b", "src-q"]')
    assert problems_of(make_dataset(statements=bad)) == [
        f"statements.toml:{line_of(STATEMENTS, 'sources =')}: unknown source id 'src-q'"
    ]


def test_claim_problems(make_dataset: DatasetFactory) -> None:
    bad = CLAIMS.replace('from_period = "FY2022-23"', 'from_period = "FY2020-21"').replace(
        "quoted_pct = 17.9", 'quoted_pct = "17.9"'
    )
    from_line = line_of(CLAIMS, 'from_period = "FY2022-23"')
    pct_line = line_of(CLAIMS, "quoted_pct = 17.9")
    assert problems_of(make_dataset(claims=bad)) == [
        f"claims.toml:{from_line}: no observation of 'computer_services' for FY2020-21",
        f"claims.toml:{pct_line}: quoted_pct must be a number",
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'series = "computer_services"',
            'series = ["computer_services"]',
            "'series' must be one series id (a string)",
        ),
        ('source = "src-a"', 'source = ["src-a"]', "'source' must be one source id (a string)"),
    ],
)
def test_claim_with_a_list_where_an_id_belongs(
    make_dataset: DatasetFactory, old: str, new: str, message: str
) -> None:
    got = problems_of(make_dataset(claims=CLAIMS.replace(old, new)))
    assert got == [f"claims.toml:{line_of(CLAIMS, old)}: {message}"]


# -- manifest and folder ------------------------------------------------------------------------


def test_missing_dataset_folder(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(DatasetError) as info:
        load_dataset(missing)
    assert info.value.problems == [Problem(str(missing), 0, "dataset folder does not exist")]
    assert str(info.value) == f"{missing}: dataset folder does not exist"


def test_dataset_path_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "file.txt"
    f.write_text("x")
    assert problems_of(f) == [f"{f}: is not a folder"]


def test_missing_manifest(make_dataset: DatasetFactory) -> None:
    assert problems_of(make_dataset(manifest=None)) == ["manifest.toml: file is missing"]


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ('name = "x"\n', ["manifest.toml:1: missing [files] table"]),
        (
            MANIFEST.replace('claims = "claims.toml"\n', ""),
            [f"manifest.toml:{line_of(MANIFEST, '[files]')}: [files] is missing 'claims'"],
        ),
        (
            MANIFEST.replace('total_series = "ict_exports"', 'total_series = "ict"'),
            [
                f"manifest.toml:{line_of(MANIFEST, 'total_series')}: [analytics] total_series: "
                "unknown series id 'ict'"
            ],
        ),
        (
            MANIFEST.replace('["office_machinery_imports"]', "5"),
            [
                f"manifest.toml:{line_of(MANIFEST, 'hardware_import_series')}: [analytics] "
                "hardware_import_series must be a list of series ids"
            ],
        ),
        (
            MANIFEST.replace('claims = "claims.toml"', 'claims = "claimz.toml"'),
            ["claimz.toml: file is missing"],
        ),
    ],
)
def test_manifest_problems(
    make_dataset: DatasetFactory, manifest: Content, expected: list[str]
) -> None:
    assert problems_of(make_dataset(manifest=manifest)) == expected


def test_problem_str_and_sorting() -> None:
    probs = [Problem("b.csv", 3, "z"), Problem("a.toml", 0, "whole file"), Problem("b.csv", 2, "y")]
    err = DatasetError(probs)
    assert [str(p) for p in err.problems] == ["a.toml: whole file", "b.csv:2: y", "b.csv:3: z"]
    assert str(err) == "a.toml: whole file\nb.csv:2: y\nb.csv:3: z"
