"""A session's pkit that crashes: the client gets a short message and a non-zero status, the
server's log gets `end=crash` and the traceback; the client never sees the traceback."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

import tui.serve.session_process
from tui.serve.session_bootstrap import capture_stderr

from .helpers import Keys, ServerFactory
from .sshclient import Terminal, connect

# stands in for pkit: draws, then fails the way an unhandled exception does; with status 70
# it reports through tui.crash as pkit does (the traceback, with its local values, in a crash
# log in the session's state folder, one line on stderr); otherwise the traceback goes to
# Python's stderr and it exits with the status it is given (0: pkit before tui.crash)
CRASHER = """
import sys, time, traceback
from tui import crash
from tui.serve.session_bootstrap import capture_stderr, take_terminal
take_terminal()
capture_stderr()
sys.stdout.write("\\x1b[?1049hpkit is drawing\\r\\n")
sys.stdout.flush()
time.sleep(0.2)
secret = "/srv/private/path"
try:
    raise RuntimeError("boom in " + secret)
except RuntimeError:
    if sys.argv[1] == "70":
        sys.exit(crash.report(traceback.format_exc()))
    traceback.print_exc()
sys.exit(int(sys.argv[1]))
"""


@pytest.fixture
def crasher(tmp_path: Path) -> Path:
    script = tmp_path / "crasher.py"
    script.write_text(CRASHER)
    return script


async def crash_session(
    make_server: ServerFactory,
    keys: Keys,
    script: Path,
    status: int,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Terminal, int | None]:
    monkeypatch.setattr(
        tui.serve.session_process,
        "cold_command",
        lambda args: [sys.executable, "-I", "-B", str(script), str(status)],
    )
    server = await make_server(warm=False)
    async with await connect(server.port, keys.client) as conn:
        term = await Terminal.open(conn)
        assert await term.wait_for("stopped unexpectedly", 30), term.text()
        assert await term.wait_closed(10)
        await term.process.wait_closed()
        return term, term.process.exit_status


@pytest.mark.parametrize(("status", "client_status"), [(70, 70), (1, 1), (0, 1)])
async def test_a_crash_is_reported_as_a_crash(
    make_server: ServerFactory,
    keys: Keys,
    crasher: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    status: int,
    client_status: int,
) -> None:
    # status 0: today's pkit exits 0 after an unhandled exception; still a crash
    caplog.set_level(logging.INFO, logger="tui.serve")
    term, exit_status = await crash_session(make_server, keys, crasher, status, monkeypatch)
    assert exit_status == client_status
    assert "pkit stopped unexpectedly. Reconnect to start again." in term.text()
    assert b"Traceback" not in term.output and b"/srv/private" not in term.output
    assert b"boom" not in term.output and b"details in" not in term.output
    messages = [r.getMessage() for r in caplog.records]
    (line,) = [m for m in messages if m.startswith("session peer=")]
    assert line.endswith(f"exit={status} end=crash")
    logged = "\n".join(m for m in messages if not m.startswith("session peer="))
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: boom in /srv/private/path" in logged
    if status == 70:  # pkit's one line, and its crash log before the folder is deleted
        assert "pkit said: pkit stopped unexpectedly" in logged
        assert ": crash-" in logged


def test_capture_stderr_leaves_the_terminal_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log_file = tmp_path / "stderr.log"
    monkeypatch.setenv("PKIT_SERVE_STDERR", str(log_file))
    monkeypatch.setattr(sys, "stderr", sys.stderr)  # restored after the test
    capture_stderr()
    print("a warning", file=sys.stderr)
    assert sys.stderr is not sys.__stderr__  # Textual draws through __stderr__
    assert log_file.read_text() == "a warning\n"
    assert log_file.stat().st_mode & 0o077 == 0
    sys.stderr.close()


def test_capture_stderr_does_not_follow_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep\n")
    (tmp_path / "stderr.log").symlink_to(target)
    monkeypatch.setenv("PKIT_SERVE_STDERR", str(tmp_path / "stderr.log"))
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    before = sys.stderr
    capture_stderr()
    assert sys.stderr is before
    assert target.read_text() == "keep\n"
