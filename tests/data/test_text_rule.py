"""The one text rule for dataset text, and the sanity limits (tui.data.text, tui.data.fiscal)."""

from __future__ import annotations

import pytest

from tests.synthdata import DatasetFactory, obs_csv
from tui.data import DatasetError, load_dataset
from tui.data.fiscal import PeriodError, parse_fy, parse_period
from tui.data.text import printable, quoted, text_problem


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan’s IT exports — “record”",
        "پاکستان\u200cکی آئی ٹی",  # Urdu with a zero-width non-joiner: a real spelling
        "team 👩\u200d💻",  # an emoji sequence joined by ZWJ
        "\u0600\u0661\u0662",  # an Arabic number sign: visible
    ],
)
def test_ordinary_text_passes(text: str) -> None:
    assert text_problem("title", text) is None


@pytest.mark.parametrize(
    ("field", "text", "what"),
    [
        ("title", "a\x1b[2Jb", "U+001B (a control character)"),
        ("title", "a\x9bb", "U+009B (a control character)"),
        ("title", "a\x7fb", "U+007F (a control character)"),
        ("publisher", "exe.\u202egnp", "U+202E (a bidirectional control)"),
        ("publisher", "a\u2067b", "U+2067 (a bidirectional control)"),
        ("name", "a\u200bb", "U+200B (an invisible format character)"),
        ("name", "a\u2028b", "U+2028 (an invisible format character)"),
        ("name", "a\ufeffb", "U+FEFF (an invisible format character)"),
        ("name", "two\nlines", "U+000A (a line break)"),
        ("name", "a\tb", "U+0009 (a tab)"),
        ("text", "a\x07b", "U+0007 (a control character)"),
    ],
)
def test_hostile_text_is_named(field: str, text: str, what: str) -> None:
    problem = text_problem(field, text)
    assert problem is not None and what in problem, problem


def test_long_text_may_span_lines_and_hold_tabs() -> None:
    assert text_problem("text", "line one\n\tline two") is None
    assert text_problem("note", "x" * 10_000) is None
    assert text_problem("note", "x" * 10_001) == (
        "note is 10,001 characters long; the limit is 10,000"
    )
    assert text_problem("title", "x" * 501) == "title is 501 characters long; the limit is 500"


def test_messages_show_escapes_as_escapes() -> None:
    assert printable("a\x1b]0;t\x07\u202e") == "a\\x1b]0;t\\x07\\u202e"
    assert quoted("a\x1bb") == "'a\\x1bb'"
    assert quoted("x" * 1000).endswith("… (1,000 characters)")


@pytest.mark.parametrize(
    "label", ["FY0999-00", "FY9999-00", "FY1946-47", "FY2100-01", "CY2101", "1947-06", "CY1900/7M"]
)
def test_periods_outside_1947_to_2100_are_refused(label: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(label)


def test_periods_at_the_edges_are_fine() -> None:
    assert parse_period("FY1947-48").year == 1947
    assert parse_period("FY2099-00").year == 2099
    assert parse_period("1947-07").month == 7
    assert parse_fy("FY99") == 2098
    with pytest.raises(PeriodError):
        parse_fy("1900-01")


def test_entry_count_limit(make_dataset: DatasetFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.data.load import entries

    monkeypatch.setitem(entries.MAX_ENTRIES, "source", 2)
    with pytest.raises(DatasetError) as exc:
        load_dataset(make_dataset())
    assert "sources.toml:1: 3 [[source]] entries; the limit is 2" in str(exc.value)


def test_row_limit(make_dataset: DatasetFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.data.load.observations import read

    monkeypatch.setattr(read, "MAX_ROWS", 1)
    folder = make_dataset(
        observations=obs_csv("ict_exports,FY2024-25,1,src-a,,", "ict_exports,FY2023-24,1,src-a,,")
    )
    with pytest.raises(DatasetError) as exc:
        load_dataset(folder)
    assert "observations.csv: 2 observations; the limit is 1" in str(exc.value)


def test_a_parent_cycle_is_reported_once_per_member(make_dataset: DatasetFactory) -> None:
    series = "".join(
        f'[[series]]\nid = "{a}"\nname = "{a}"\ngroup = "exports"\nparent = "{b}"\n'
        'unit = "US$ million"\n\n'
        for a, b in (("c1", "c2"), ("c2", "c3"), ("c3", "c1"), ("under", "c1"))
    )
    with pytest.raises(DatasetError) as exc:
        load_dataset(make_dataset(series=series))
    text = str(exc.value)
    for sid in ("c1", "c2", "c3"):
        assert f"series '{sid}' is its own ancestor (parent cycle)" in text
    assert "'under' is its own ancestor" not in text


def test_toml_nested_too_deeply_is_a_problem_not_a_crash(make_dataset: DatasetFactory) -> None:
    """tomllib parses nested arrays recursively: 2,000 levels raised RecursionError."""
    sources = "x = " + "[" * 2000 + "]" * 2000 + "\n"
    with pytest.raises(DatasetError) as exc:
        load_dataset(make_dataset(sources=sources))
    assert "sources.toml: values are nested too deeply" in str(exc.value)


def test_a_long_cell_split_over_short_lines_is_still_too_long(
    make_dataset: DatasetFactory,
) -> None:
    note = "\n".join(["x" * 99] * 110)  # 10,999 characters on lines of 99
    folder = make_dataset(observations=obs_csv(f'ict_exports,FY2024-25,1,src-a,,"{note}"'))
    with pytest.raises(DatasetError) as exc:
        load_dataset(folder)
    assert "observations.csv:2: note is 10,999 characters long; the limit is 10,000" in str(
        exc.value
    )


@pytest.mark.parametrize(
    ("raw", "unsafe"),
    [
        (b"\xef\xbb\xbfseries,period\r\nx,FY2024-25\n", False),  # BOM and CRLF are fine
        ("a,“b”,اردو\u200c\t\n".encode(), False),
        (b"a,\x1b[2J\n", True),
        ("a,\u009b31m\n".encode(), True),  # C1 CSI: two bytes in UTF-8
        ("a,\u202e\n".encode(), True),
        ("a,b\ufeff\n".encode(), True),  # a BOM inside the text is an invisible character
    ],
)
def test_the_fast_file_gate(raw: bytes, unsafe: bool) -> None:
    from tui.data.text import may_hold_unsafe

    assert may_hold_unsafe(raw) is unsafe
