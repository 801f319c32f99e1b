"""`python -m tui summary` as a user runs it: on a terminal (a real PTY) and piped, the page
Rich would have written, and none of Rich's console modules imported (they cost more than the
rest of the summary; this keeps them from coming back unnoticed)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.cli.test_summary_page import rich_summary
from tui.cli.dataset import facts_from_options

HEAVY = {"rich.console", "rich.text", "rich.style", "rich.segment", "rich.control"}


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    scrub = ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
    env = {k: v for k, v in os.environ.items() if k not in scrub}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", **(extra or {}))
    return env


def imported(stderr: str) -> set[str]:
    """The modules named by ``-X importtime`` ("import time: self | cumulative | name")."""
    return {
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:")
    }


def run_on_pty(args: list[str], cols: int, *, stdout_on_pty: bool) -> tuple[str, str]:
    """``python -X importtime -m tui ARGS`` with a PTY of ``cols`` columns as standard output
    (or only as standard input, output piped). Returns what it wrote and its stderr."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST  # no "\n" -> "\r\n": the bytes as written
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    cmd = [sys.executable, "-X", "importtime", "-m", "tui", *args]
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=slave,
            stdout=slave if stdout_on_pty else subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
        )
        os.close(slave)
        slave = -1
        if not stdout_on_pty:
            out, err = proc.communicate(timeout=120)
            return out.decode(), err.decode()
        chunks: list[bytes] = []
        assert proc.stderr is not None
        err_fd = proc.stderr.fileno()
        err_chunks: list[bytes] = []
        open_fds = {master, err_fd}
        while open_fds:
            ready, _, _ = select.select(list(open_fds), [], [], 120)
            assert ready, "pkit summary did not finish"
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:  # EIO: the PTY's other side is closed
                    data = b""
                if data:
                    (chunks if fd == master else err_chunks).append(data)
                else:
                    open_fds.discard(fd)
        assert proc.wait(timeout=120) == 0, b"".join(err_chunks).decode()
        return b"".join(chunks).decode(), b"".join(err_chunks).decode()
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)


@pytest.mark.parametrize("cols", [30, 200])
def test_summary_on_a_terminal_is_styled_at_its_width(cols: int) -> None:
    out, err = run_on_pty(["summary"], cols, stdout_on_pty=True)
    facts = facts_from_options(None)
    expected = rich_summary(
        facts, facts.latest_full_fy, terminal=True, width=cols, ascii_only=False
    )
    assert out == expected
    assert "\x1b[1m" in out
    modules = imported(err)
    assert "tui.cli.text_page" in modules  # the probe sees the summary's own imports
    assert not modules & HEAVY


def test_summary_piped_from_a_terminal_takes_its_width_unstyled() -> None:
    """stdin a 30-column terminal, stdout a pipe (``pkit summary | less``): 30 columns, as Rich
    took them from any of the three standard streams, and no escape codes."""
    out, err = run_on_pty(["summary"], 30, stdout_on_pty=False)
    facts = facts_from_options(None)
    expected = rich_summary(facts, facts.latest_full_fy, terminal=False, width=30, ascii_only=False)
    assert out == expected
    assert "\x1b" not in out
    assert not imported(err) & HEAVY


@pytest.mark.parametrize(
    "args",
    [["--ascii"], ["--format", "md"], ["--format", "json", "--ascii"]],
    ids=lambda a: " ".join(a),
)
def test_summary_formats_import_no_rich_console(args: list[str], tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", "summary", *args],
        capture_output=True,
        text=True,
        env=child_env({"COLUMNS": "80"}),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "pkit summary: FY" in proc.stdout or '"fy": "FY' in proc.stdout
    modules = imported(proc.stderr)
    assert "tui.cli.summary" in modules
    assert not modules & HEAVY, sorted(modules & HEAVY)
