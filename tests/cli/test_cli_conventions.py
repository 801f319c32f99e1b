"""Command-line conventions: no terminal, no explorer (but a web driver host works); `-o -` is
stdout; a closed pipe ends quietly; help on every option, an example per subcommand, the
environment in `pkit --help`; summary as text, Markdown or JSON, ASCII when asked or when the
locale is not UTF-8; shell completions that really complete."""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui.cli.helptext import ENVIRONMENT, EXAMPLES
from tui.cli.main import build_parser, main

PKIT = [sys.executable, "-m", "tui"]


def pkit_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_DRIVER", "PKIT_FORCE_UI")}
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        LANG="C.UTF-8",
    )
    env.pop("LC_ALL", None)
    env.update(extra)
    return env


# ---------------------------------------------------------------------------------------------
# no terminal


def test_explorer_without_a_terminal_exits_2_with_one_line(tmp_path: Path) -> None:
    proc = subprocess.run(
        PKIT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=pkit_env(tmp_path),
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""  # nothing drawn into the pipe
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert "needs a terminal" in lines[0]
    assert "pkit summary" in lines[0] and "pkit export" in lines[0]


def test_the_refusal_names_stdout_when_only_stdout_is_redirected(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.delenv("PKIT_FORCE_UI", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    assert main([]) == 2
    assert "standard output is not one" in capsys.readouterr().err


def _packets(buf: bytes) -> tuple[list[tuple[str, bytes]], bytes]:
    """Textual's web driver frames: a type byte, a 4-byte big-endian length, the payload."""
    out: list[tuple[str, bytes]] = []
    while len(buf) >= 5:
        size = int.from_bytes(buf[1:5], "big")
        if len(buf) < 5 + size:
            break
        out.append((chr(buf[0]), buf[5 : 5 + size]))
        buf = buf[5 + size :]
    return out, buf


def _meta(payload: dict[str, object]) -> bytes:
    data = json.dumps(payload).encode()
    return b"M" + len(data).to_bytes(4, "big") + data


def test_explorer_runs_under_a_web_driver_as_textual_serve_starts_it(tmp_path: Path) -> None:
    """textual-serve runs the command with pipes and TEXTUAL_DRIVER set to the web driver."""
    env = pkit_env(
        tmp_path, TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver", COLUMNS="120", ROWS="40"
    )
    proc = subprocess.Popen(
        [*PKIT, "--no-restore"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.write(_meta({"type": "resize", "width": 120, "height": 40}))
        proc.stdin.flush()
        raw = b""
        screen = ""
        deadline = time.monotonic() + 120  # a bound, not a speed check
        while "3,810" not in screen:
            left = deadline - time.monotonic()
            assert left > 0, f"the overview never showed: {raw[-500:]!r}"
            if not select.select([proc.stdout], [], [], left)[0]:
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            assert chunk, f"pkit ended before the overview showed: {raw[-500:]!r}"
            raw += chunk
            if raw.startswith(b"__GANGLION__\n"):  # the web driver's greeting, then packets
                packets, _ = _packets(raw[len(b"__GANGLION__\n") :])
                screen = "".join(p.decode("utf-8", "replace") for t, p in packets if t == "D")
            else:
                assert len(raw) < 13 or raw.startswith(b"__GANGLION__"), raw[:200]
        assert "pkit" in screen
        proc.stdin.write(_meta({"type": "quit"}))
        proc.stdin.flush()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------------------------------------
# output


def test_dash_output_is_stdout(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*PKIT, "export", "--table", "sources", "-o", "-"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=pkit_env(tmp_path),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("id,title,publisher,")
    assert not (tmp_path / "-").exists()
    assert proc.stderr == ""


@pytest.mark.parametrize(
    "args",
    [["summary"], ["export", "--table", "exports"], ["export", "--table", "quotes", "-o", "-"]],
    ids=" ".join,
)
def test_closed_pipe_ends_quietly_with_exit_0(tmp_path: Path, args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before pkit writes (as `| head` after its lines)
    try:
        proc = subprocess.run(
            [*PKIT, *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=pkit_env(tmp_path),
            timeout=120,
        )
    finally:
        os.close(write)
    assert proc.returncode == 0
    assert proc.stderr == ""


# ---------------------------------------------------------------------------------------------
# help


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def test_every_option_has_help_and_every_subcommand_an_example() -> None:
    parser = build_parser()
    commands = _commands(parser)
    for name, command in [("pkit", parser), *commands.items()]:
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                continue
            assert action.help, f"{name} {action.option_strings or action.dest}: no help text"
        if name != "pkit":
            assert name in EXAMPLES, f"pkit {name}: no example"
            assert f"pkit {name}" in command.format_help().split("examples:")[1]


def test_main_help_lists_the_environment(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    env = out.split("environment variables:")[1]
    for name, _ in ENVIRONMENT:
        assert name in env
    for name in ("PKIT_PRELOAD", "NO_COLOR", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        assert name in env


# ---------------------------------------------------------------------------------------------
# summary formats


def _summary(tmp_path: Path, *args: str, **env: str) -> str:
    proc = subprocess.run(
        [*PKIT, "summary", *args],
        capture_output=True,
        text=True,
        env=pkit_env(tmp_path, **env),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_summary_json_is_machine_readable(tmp_path: Path) -> None:
    doc = json.loads(_summary(tmp_path, "--format", "json", "--fy", "2024-25"))
    assert doc["fy"] == "FY2024-25"
    figures = {f["series"]: f for f in doc["figures"]}
    total = figures["ict_exports"]
    assert total["value"] == 3810 and total["unit"] == "US$ million"
    assert (
        total["period"] == "FY2024-25" and total["source"] == "brecorder-2025-08-20-it-exports-july"
    )
    assert total["url"].startswith("https://")
    assert figures["hardware_consultancy"]["value"] == 7.5
    assert figures["software_consultancy"]["value"] == 1100
    assert figures["software_consultancy"]["qualifier"] == ">"
    machinery = figures["office_machinery_imports"]
    assert machinery["value"] == 421.526 and machinery["coverage"] == "10 months"
    assert machinery["change_compares"] == "10M vs 10M"
    ratio = doc["ratios"][0]
    assert ratio["qualifier"] == ">" and ratio["value"] == 1100 / 7.5 and ratio["computed"]
    assert any("+9.9%" in line for line in doc["claim_checks"])
    assert any("99%" in line for line in doc["statements"])
    cats = {c["series"]: c for c in doc["categories"]}
    assert cats["computer_services"]["value"] == 3240


def test_summary_json_values_equal_the_data_files(tmp_path: Path) -> None:
    """Every value in the JSON summary is a number exactly as in observations.csv."""
    import csv

    from tui.locations import bundled_data_dir

    published: dict[tuple[str, str], set[float]] = {}
    with (bundled_data_dir() / "observations.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["value"]:
                published.setdefault((row["series"], row["period"]), set()).add(float(row["value"]))
    doc = json.loads(_summary(tmp_path, "--format", "json", "--fy", "2023-24"))
    rows = [*doc["figures"], *doc["categories"]]
    checked = [r for r in rows if r["value"] is not None]
    assert len(checked) >= 8
    for r in checked:
        assert isinstance(r["value"], int | float)
        assert r["value"] in published[(r["series"], r["period"])], r


def test_summary_markdown_tables(tmp_path: Path) -> None:
    md = _summary(tmp_path, "--format", "md", "--fy", "2024-25")
    assert md.startswith("## pkit summary: FY2024-25")
    assert "| figure | value (US$m) | change | source |" in md
    assert "|---|---:|---:|---|" in md
    assert "| 3,810 |" in md
    assert "┃" not in md and "━" not in md


def test_summary_text_draws_boxes_in_a_utf8_locale(tmp_path: Path) -> None:
    assert not _summary(tmp_path).isascii()


@pytest.mark.parametrize(
    ("args", "env"), [(["--ascii"], {}), ([], {"LANG": "C"}), ([], {"LC_ALL": "en_US.ISO-8859-1"})]
)
def test_summary_is_plain_ascii_when_asked_or_the_locale_is_not_utf8(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    text = _summary(tmp_path, *args, **env)
    assert text.isascii()
    assert "3,810" in text and "+---" in text


# ---------------------------------------------------------------------------------------------
# completions


def test_completion_scripts_for_each_shell(tmp_path: Path) -> None:
    for shell, marker in (("bash", "complete "), ("zsh", "compdef"), ("fish", "complete ")):
        proc = subprocess.run(
            [*PKIT, "completions", shell],
            capture_output=True,
            text=True,
            env=pkit_env(tmp_path),
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        assert marker in proc.stdout and "pkit" in proc.stdout


BASH_COMPLETE = r"""
source "$1"
COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
_python_argcomplete pkit "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("pkit exp", {"export"}),
        ("pkit export --ta", {"--table"}),
        ("pkit export --table i", {"imports"}),
        ("pkit summary --format ", {"text", "md", "json"}),
    ],
)
def test_bash_completion_installed_as_documented_completes(
    tmp_path: Path, line: str, expected: set[str]
) -> None:
    """The script `pkit completions bash` prints, sourced by bash, asks pkit and completes."""
    script = tmp_path / "pkit.bash"
    env = pkit_env(tmp_path)
    made = subprocess.run(
        [*PKIT, "completions", "bash"], capture_output=True, text=True, env=env, timeout=60
    )
    script.write_text(made.stdout, encoding="utf-8")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    launcher = bindir / "pkit"  # `pkit` on PATH, as an installed one would be
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tui "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    env["PATH"] = f"{bindir}{os.pathsep}{env.get('PATH', '')}"
    proc = subprocess.run(
        ["bash", "-c", BASH_COMPLETE, "bash", str(script), line],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    got = {w.strip() for w in proc.stdout.splitlines() if w.strip()}
    assert expected <= got, (got, proc.stderr)
