"""`pkit brief`: a one-page sourced brief on stdout or written atomically to a file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tui.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[object, str, str]:
    """(exit code, stdout, stderr); argparse's own errors exit through SystemExit."""
    try:
        code: object = main(["brief", *args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_brief_prints_the_sourced_brief(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--fy", "2024-25")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "pkit brief: FY2024-25 (Jul 2024 to Jun 2025)"
    assert "Topic: all." in out and "\nSources\n-------\n[1] " in out
    assert "FY2024-25: 3,810 US$ million (SBP) [" in out
    assert "FY2024-25: 7.5 US$ million (SBP) [" in out


def test_brief_uses_the_synthetic_dataset(
    dataset_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data", str(dataset_dir), "--topic", "hardware", "--format", "md")
    assert code == 0
    assert out.startswith("# pkit brief: FY2024-25 (Jul 2024 to Jun 2025)\n")
    assert "- **Hardware consultancy**, FY2024-25: 7.5 US$ million (SBP) \\[1\\]" in out
    assert "1. SBP, 2025-07-20. State bank release. <https://example.org/sbp>" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--topic", "software"], "argument --topic: invalid choice: 'software'"),
        (["--format", "pdf"], "argument --format: invalid choice: 'pdf'"),
        (["--fy", "2040-41"], "--fy FY2040-41: no data for that fiscal year"),
        (["--fy", "last year"], "--fy: "),
        (["--data", "/no/such/folder"], "--data /no/such/folder: no such folder"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_output_file_is_written_atomically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.html"
    target.write_text("old brief\n")
    os.chmod(target, 0o640)
    code, out, err = run(capsys, "--fy", "FY25", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"wrote {target}\n"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")  # the format follows the file's suffix
    assert oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.html"]  # no temp file left


def test_explicit_format_wins_over_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "brief.html"
    assert run(capsys, "--format", "md", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# pkit brief: ")


def test_output_into_a_missing_folder_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "-o", str(tmp_path / "nope" / "brief.md"))
    assert (code, out) == (2, "")
    assert (
        err
        == f"pkit: -o {tmp_path / 'nope' / 'brief.md'}: folder {tmp_path / 'nope'} does not exist\n"
    )
    assert not (tmp_path / "nope").exists()


def test_output_onto_a_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "-o", str(tmp_path))
    assert code == 2 and "is a folder; give a file name" in err


def test_a_dataset_of_markup_comes_out_as_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from markdown_it import MarkdownIt

    from tests import hostile

    data = str(hostile.accepted(tmp_path / "accepted"))
    name = "[/]Hardware " + hostile.MARKUP
    code, text, err = run(capsys, "--data", data, "--topic", "hardware", "--format", "text")
    assert (code, err) == (0, "")
    assert f"- {name}, FY2024-25: 7.5 US$ million (SBP) [1]." in re.sub(r"\n +", " ", text)
    code, md, _ = run(capsys, "--data", data, "--topic", "hardware", "--format", "md")
    tokens = MarkdownIt("commonmark").parse(md)
    inline = [c for t in tokens if t.children for c in t.children]
    assert "html_block" not in {t.type for t in tokens}
    assert not {c.type for c in inline} & {"html_inline", "code_inline", "image"}
    # the only links are the sources' URLs, written as autolinks
    links = [c.attrs.get("href") for c in inline if c.type == "link_open"]
    assert links and all(str(h).startswith("https://example.org/") for h in links)
    code, html, _ = run(capsys, "--data", data, "--topic", "hardware", "--format", "html")
    assert "<strong>[/]Hardware [/] [bold]x[/bold] [link=https://evil.example/]click" in html
    assert 'href="https://evil.example' not in html


def test_dash_is_stdout_and_ascii_is_plain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--topic", "hardware", "-o", "-")
    assert (code, err) == (0, "") and not list(tmp_path.iterdir())
    assert "“" in out or "’" in out  # the data's own punctuation, in UTF-8
    code, plain, _ = run(capsys, "--topic", "hardware", "--ascii")
    assert code == 0 and plain.isascii()
    assert plain == out.replace("“", '"').replace("”", '"').replace("’", "'")
    monkeypatch.setenv("LC_ALL", "C")
    assert run(capsys, "--topic", "hardware")[1] == plain  # a non-UTF-8 locale
    target = tmp_path / "brief.md"
    assert run(capsys, "--topic", "hardware", "-o", str(target))[0] == 0
    assert not target.read_text(encoding="utf-8").isascii()  # a file keeps its UTF-8
