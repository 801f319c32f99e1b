"""A hostile dataset through the command line: refused with file:line, never echoed raw."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tests import hostile
from tui.cli.main import main

# what must never reach a terminal from a data file: C0/C1 controls but newline, bidi controls
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def rejected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.rejected(tmp_path_factory.mktemp("hostile") / "rejected")


@pytest.fixture(scope="module")
def accepted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile.accepted(tmp_path_factory.mktemp("hostile") / "accepted")


def test_validate_lists_every_hostile_text_with_its_line(
    rejected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(rejected)]) == 2
    out, err = capsys.readouterr()
    assert not RAW.search(out + err), "a control character reached the terminal"
    expected = [
        r"sources.toml:11: title contains U\+001B \(a control character\), U\+0007",
        r"sources.toml:21: publisher contains U\+202E \(a bidirectional control\)",
        r"sources.toml:\d+: unknown key 'bad\\x1bkey' in \[\[source\]\]",
        r"series.toml:\d+: name contains U\+001B",
        r"series.toml:\d+: series 'deep_\d+' is 17 levels below its root; the limit is 16",
        r"quotes.toml:\d+: text is 10,001 characters long; the limit is 10,000",
        r"quotes.toml:\d+: speaker contains U\+009B \(a control character\)",
        r"observations.csv:28: 'FY0999-00': fiscal years run from FY1947-48 to FY2099-00",
        r"observations.csv:29: 'FY9999-00': fiscal years run from FY1947-48",
        r"observations.csv:30: contains U\+001B",
        r"observations.csv:32: contains U\+202E",
        r"observations.csv:33: unit contains a tab or line break",
        r"observations.csv:35: unknown series id '\\x1b\[31mseries'",
    ]
    for pattern in expected:
        assert re.search(pattern, err), pattern
    assert "Traceback" not in err


def test_every_message_quoting_a_value_escapes_it(
    make_dataset: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.synthdata import DatasetFactory, obs_csv

    assert isinstance(make_dataset, DatasetFactory)
    folder = make_dataset(
        observations=obs_csv(
            "ict_exports,FY2024-25,1\u202e2,src-a,,",
            "ict_exports,FY2023-24,1,src-a,bad\u2066,",
        )
    )
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert not RAW.search(err)
    assert "value '1\\u202e2' is not a number" in err
    assert "status 'bad\\u2066' must be" in err


def test_summary_and_export_refuse_the_hostile_dataset(
    rejected: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["summary"], ["export", "--table", "sources", "--format", "md"]):
        assert main([*args, "--data", str(rejected)]) == 2
        out, err = capsys.readouterr()
        assert not RAW.search(out + err)
        assert "title contains U+001B" in err


def test_a_dataset_of_markup_validates(accepted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(accepted)]) == 0, capsys.readouterr().err


def test_summary_prints_markup_as_plain_text(
    accepted: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    assert main(["summary", "--data", str(accepted), "--fy", "2024-25"]) == 0
    out = capsys.readouterr().out
    assert "[/]Hardware [/] [bold]x[/bold] [link=https://evil.example/]click[/link]" in out
    assert "[/]Daily [b]Example" in out


def test_markdown_export_escapes_what_markdown_needs(
    accepted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--data", str(accepted), "--table", "sources", "--format", "md"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "src-c" in line)
    assert row.count(" | ") == 7  # the title's own | is escaped, so 8 cells stay 8
    assert "<img" not in row and "&lt;img" in row
    assert "[t](javascript" not in row and "\\[t\\](javascript" in row
    assert "&amp;amp;" in row


def test_csv_export_keeps_text_but_defuses_formulas(
    accepted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--data", str(accepted), "--table", "exports", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    names = {r["category"] for r in rows}
    assert "'" + hostile.FORMULA in names  # a spreadsheet shows it, never runs it
    notes = {r["note"] for r in rows if r["series"] == "software_consultancy"}
    assert "[/]over [link=https://evil.example/]$1.1bn | =1+1" in notes
    values = {r["value"] for r in rows if r["series"] == "telecom_services" and r["value"]}
    assert values == {"600", "500"}  # numbers untouched


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--table", "sources", "--format", "md"],
        ["export", "--table", "exports", "--format", "md"],
        ["export", "--table", "quotes", "--format", "md"],
        ["summary", "--format", "md", "--fy", "2024-25"],
    ],
    ids=lambda a: "-".join(a[:2] + a[3:4]),
)
def test_markdown_renders_data_text_as_text(
    accepted: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """Rendered by a CommonMark + GFM-table parser: no link, image, HTML or code from the data,
    and every row keeps its cell count."""
    from markdown_it import MarkdownIt

    assert main([*args, "--data", str(accepted)]) == 0
    out = capsys.readouterr().out
    html = MarkdownIt("commonmark").enable("table").render(out)
    for tag in ("<a ", "<img", "<code>", "<em>", "<strong>"):
        assert tag not in html, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in html or "sources" not in args
    for table in html.split("<table>")[1:]:
        body = table.split("</table>")[0]
        rows = body.split("<tr>")[1:]
        counts = {r.count("<td") + r.count("<th") for r in rows}
        assert len(counts) == 1, counts
