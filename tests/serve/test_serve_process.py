"""`pkit serve-ssh` as a real process, reached with the OpenSSH client (/usr/bin/ssh)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
import pytest

from bench.term import Terminal

from .helpers import Keys, alive, descendants
from .sshclient import OVERVIEW_TOTAL

SSH = shutil.which("ssh")
needs_ssh = pytest.mark.skipif(SSH is None, reason="the OpenSSH client is not installed")


@dataclass
class ServeProcess:
    proc: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    port: int = 0
    below: list[int] = field(default_factory=list)  # its processes (the warm template)

    def wait_line(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                found = rx.search(line)
                if found:
                    return found
            if self.proc.poll() is not None and not self._reading.is_alive():
                break
            time.sleep(0.02)
        raise AssertionError(f"no line matching {pattern!r} in:\n" + "".join(self.lines))

    def start_reading(self) -> None:
        assert self.proc.stderr is not None
        stream = self.proc.stderr

        def read() -> None:
            for line in stream:
                self.lines.append(line)

        self._reading = threading.Thread(target=read, daemon=True)
        self._reading.start()


def start_serve(keys: Keys, tmp_path: Path, **env: str) -> ServeProcess:
    """`python -m tui serve-ssh` on 127.0.0.1, a free port, the test's keys; once listening."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tui",
            "serve-ssh",
            "--port",
            "0",
            "--host-key",
            str(keys.host_key),
            "--authorized-keys",
            str(keys.authorized),
            "--idle-timeout",
            "60",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), **env),
    )
    server = ServeProcess(proc)
    server.below = descendants(proc.pid)
    server.start_reading()
    try:
        found = server.wait_line(r"listening on 127\.0\.0\.1:(\d+)")
    except BaseException:
        stop_serve(server)
        raise
    server.port = int(found.group(1))
    server.below = descendants(proc.pid)
    return server


def stop_serve(server: ServeProcess) -> None:
    """SIGTERM (SIGKILL if it hangs), and never leave anything behind, even after a failure."""
    proc = server.proc
    below = set(server.below) | set(descendants(proc.pid))
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    for pid in below:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def serve(keys: Keys, tmp_path: Path) -> Iterator[ServeProcess]:
    server = start_serve(keys, tmp_path)
    try:
        yield server
    finally:
        stop_serve(server)


def ssh_command(keys: Keys, port: int, *extra: str) -> list[str]:
    assert SSH is not None
    return [
        SSH,
        "-p",
        str(port),
        "-i",
        str(keys.client_file),
        "-F",
        "/dev/null",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "LogLevel=ERROR",
        *extra,
    ]


def ssh_client(argv: list[str], cols: int = 80, rows: int = 24) -> Terminal:
    """The OpenSSH client in a real PTY, its output rendered with pyte."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", SSH_AUTH_SOCK="")
    return Terminal(argv, cols=cols, rows=rows, env=env)


def session_processes(server_pid: int) -> list[int]:
    """The server's descendants except the warm template."""
    found = []
    for pid in descendants(server_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"tui.serve.fork_template" not in cmdline:
            found.append(pid)
    return found


def host_fingerprint(keys: Keys) -> str:
    return str(asyncssh.read_private_key(keys.host_key).get_fingerprint())


@pytest.mark.slow
@needs_ssh
def test_openssh_client_sees_the_overview(serve: ServeProcess, keys: Keys) -> None:
    fp = host_fingerprint(keys)
    assert serve.wait_line(r"host key (SHA256:\S+)").group(1) == fp
    client = ssh_client(ssh_command(keys, serve.port, "-tt", "127.0.0.1"))
    try:
        # one pattern: a frame arrives in pieces, and the total can show before the title
        client.expect(rf"pkit.*{OVERVIEW_TOTAL}", 30)
        client.press(b"q")
        assert client.wait_exit(10) is not None and client.exit_code == 0
    finally:
        client.close()
    line = serve.wait_line(r"session peer=127\.0\.0\.1:\d+ .*end=quit").group(0)
    assert "term=xterm-256color" in line and "size=80x24" in line
    assert re.search(r"key=SHA256:\S+ .*duration=\d+\.\ds bytes_out=\d{4,}", line)


@pytest.mark.slow
@needs_ssh
def test_openssh_refusals(serve: ServeProcess, keys: Keys) -> None:
    done = subprocess.run(
        ssh_command(keys, serve.port, "127.0.0.1", "cat", "/etc/passwd"),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 1
    assert "commands are not available" in done.stderr
    assert "root:" not in done.stdout

    done = subprocess.run(
        ssh_command(keys, serve.port, "-T", "127.0.0.1"),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        input="",
    )
    assert done.returncode == 1 and "needs a terminal" in done.stderr

    sftp = subprocess.run(
        ssh_command(keys, serve.port, "-s", "127.0.0.1", "sftp"),
        capture_output=True,
        timeout=30,
        check=False,
        input=b"",
    )
    assert sftp.returncode != 0 and b"subsystem request failed" in sftp.stderr

    done = subprocess.run(
        ssh_command(
            keys,
            serve.port,
            "-o",
            "PreferredAuthentications=password,keyboard-interactive",
            "127.0.0.1",
            "true",
        ),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 255 and "Permission denied (publickey)" in done.stderr
    assert not session_processes(serve.proc.pid)  # nothing was started for any of these


@pytest.mark.slow
@needs_ssh
def test_sigterm_tells_sessions_ends_children_and_exits(serve: ServeProcess, keys: Keys) -> None:
    client = ssh_client(ssh_command(keys, serve.port, "-tt", "127.0.0.1"))
    try:
        client.expect(OVERVIEW_TOTAL, 30)
        below = descendants(serve.proc.pid)
        assert len(below) >= 2  # the warm template and the session's pkit
        serve.proc.send_signal(signal.SIGTERM)
        client.expect("server is shutting down", 15)
        assert client.wait_exit(15) is not None
        assert serve.proc.wait(15) == 0
    finally:
        client.close()
    assert not [pid for pid in below if alive(pid)]
    serve.wait_line(r"session .*end=shutdown")
    serve.wait_line(r"stopped$")


async def test_ending_a_child_twice_signals_its_group_only_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reaped group's id can be reused: a second end() must not signal it again."""
    import asyncio

    from tui.serve.session_process import PtyChild

    class Exited:
        pid = 999_999
        returncode: int | None = None

        async def wait(self) -> int:
            self.returncode = -int(signal.SIGHUP)
            return self.returncode

    sent: list[tuple[int, int]] = []
    monkeypatch.setattr(
        "tui.serve.session_process.os.killpg", lambda pid, sig: sent.append((pid, sig))
    )
    monkeypatch.setattr(
        "tui.serve.session_process.os.kill", lambda pid, sig: sent.append((pid, sig))
    )
    master, slave = os.pipe()
    os.close(slave)
    child = PtyChild(Exited(), master, warm=False)
    first, second = await asyncio.gather(child.end(1.0), child.end(1.0))
    assert first == second == -int(signal.SIGHUP)
    once = list(sent)
    assert once == [(999_999, signal.SIGHUP), (999_999, signal.SIGHUP), (999_999, signal.SIGKILL)]
    assert await child.end(1.0) == -int(signal.SIGHUP)
    assert sent == once


def test_a_killed_server_leaves_its_runtime_folder_and_the_next_one_removes_it(
    keys: Keys, tmp_path: Path
) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir(mode=0o700)
    first = start_serve(keys, tmp_path, TMPDIR=str(tmp))
    try:
        (folder,) = tmp.glob("pkit-serve-*")
        first.proc.kill()  # SIGKILL: no clean-up of its own
        first.proc.wait(10)
        assert folder.is_dir()
    finally:
        stop_serve(first)
    second = start_serve(keys, tmp_path, TMPDIR=str(tmp))
    try:
        second.wait_line(rf"removed the stale runtime folder {re.escape(str(folder))} ")
        assert not folder.exists()
        (own,) = tmp.glob("pkit-serve-*")
        assert own != folder
    finally:
        stop_serve(second)
    assert not list(tmp.glob("pkit-serve-*"))
