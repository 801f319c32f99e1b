"""The team-hosting recipes in docs/hosting, as docs/serve-ssh.md describes them.

- OpenSSH: a throwaway sshd on a loopback port, with its own config, host key and
  authorized_keys, and the documented ``Match`` block (``ForceCommand pkit``); the OpenSSH
  client logs in on a real PTY and sees the overview. Skipped when sshd is not installed.
- systemd: the hardened unit for ``pkit serve-ssh`` passes ``systemd-analyze verify``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.term import Terminal
from tests.synthdata import REPO_ROOT

HOSTING = REPO_ROOT / "docs" / "hosting"
SSHD = shutil.which("sshd") or next(
    (p for p in ("/usr/sbin/sshd", "/usr/local/sbin/sshd") if os.access(p, os.X_OK)), None
)
SSH, SSH_KEYGEN = shutil.which("ssh"), shutil.which("ssh-keygen")
NO_SSHD = "OpenSSH's sshd is not installed (Debian: apt-get install openssh-server)"
NO_CLIENT = "the OpenSSH client is not installed (Debian: apt-get install openssh-client)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def recipe_block(user: str, command: Path, env: dict[str, str]) -> str:
    """The documented Match block for ``user``, running ``command``, with ``env`` added to
    its SetEnv line (sshd uses the first SetEnv only)."""
    text = (HOSTING / "sshd-pkit.conf").read_text(encoding="utf-8")
    block = text[text.index("Match User pkit") :]
    assert "ForceCommand /usr/local/bin/pkit" in block
    block = block.replace("Match User pkit", f"Match User {user}")
    block = block.replace("/usr/local/bin/pkit", str(command))
    extra = " ".join(f"{k}={v}" for k, v in env.items())
    return re.sub(r"^(\s*SetEnv .*)$", rf"\1 {extra}", block, count=1, flags=re.M)


@dataclass
class Sshd:
    port: int
    user: str
    client_key: Path
    home: Path

    def ssh(self, *extra: str) -> list[str]:
        assert SSH is not None
        return [
            SSH,
            "-F",
            "/dev/null",
            "-p",
            str(self.port),
            "-i",
            str(self.client_key),
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            f"UserKnownHostsFile={self.home / 'known_hosts'}",
            "-o",
            "LogLevel=ERROR",
            *extra,
            f"{self.user}@127.0.0.1",
        ]


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    if SSHD is None:
        pytest.skip(NO_SSHD)
    if SSH is None or SSH_KEYGEN is None:
        pytest.skip(NO_CLIENT)
    root = tmp_path / "sshd"
    root.mkdir()
    home = tmp_path / "home"
    for sub in ("state", "config", "cache"):
        (home / sub).mkdir(parents=True)
    for name in ("host_key", "client_key"):
        subprocess.run(
            [SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(root / name)],
            check=True,
            timeout=60,
        )
    (root / "authorized_keys").write_text((root / "client_key.pub").read_text())
    launcher = root / "pkit"  # what `pkit` on the server's PATH would be
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tui "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    user = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:
        # sshd started as root needs its privilege-separation folder (the package's
        # service unit normally makes it)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    port = free_port()
    env = {
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PKIT_PRELOAD": "0",
    }
    config = root / "sshd_config"
    config.write_text(
        f"""Port {port}
ListenAddress 127.0.0.1
HostKey {root / "host_key"}
PidFile {root / "sshd.pid"}
AuthorizedKeysFile {root / "authorized_keys"}
StrictModes no
UsePAM no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
LogLevel VERBOSE

{recipe_block(user, launcher, env)}
""",
        encoding="utf-8",
    )
    checked = subprocess.run(
        [SSHD, "-t", "-f", str(config)], capture_output=True, text=True, timeout=60
    )
    assert checked.returncode == 0, checked.stderr
    log = (root / "sshd.log").open("w")
    server = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            assert server.poll() is None, (root / "sshd.log").read_text()
            assert time.monotonic() < deadline, "sshd did not start listening"
            time.sleep(0.1)
        yield Sshd(port=port, user=user, client_key=root / "client_key", home=home)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_sshd_force_command_shows_the_overview(sshd: Sshd, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SSH_", "TEXTUAL"))}
    env.update(TERM="xterm-256color", HOME=str(sshd.home))
    # the OpenSSH client on the PTY, instead of pkit itself
    with Terminal(sshd.ssh("-tt"), env=env, cwd=tmp_path, cols=100, rows=30) as app:
        app.expect("3,810", timeout=90)  # ICT exports FY2024-25 on the overview
        assert "pkit" in app.text()
        app.press("q")
        assert app.wait_exit(60) is not None, app.text()
    assert app.exit_code == 0


def test_sshd_force_command_ignores_the_requested_command(sshd: Sshd) -> None:
    """`ssh host 'any command'` still runs pkit; without a terminal it says so and exits 2."""
    proc = subprocess.run(
        [*sshd.ssh(), "echo not-pkit"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "not-pkit" not in proc.stdout
    assert "the explorer needs a terminal" in proc.stderr


def test_the_documented_match_block_is_the_tested_file() -> None:
    doc = (REPO_ROOT / "docs" / "serve-ssh.md").read_text(encoding="utf-8")
    conf = (HOSTING / "sshd-pkit.conf").read_text(encoding="utf-8")
    block = conf[conf.index("Match User pkit") :]
    assert f"```\n{block}```" in doc


SYSTEMD_ANALYZE = shutil.which("systemd-analyze")


@pytest.mark.skipif(SYSTEMD_ANALYZE is None, reason="systemd-analyze is not installed")
def test_systemd_unit_verifies(tmp_path: Path) -> None:
    assert SYSTEMD_ANALYZE is not None
    unit = (HOSTING / "pkit-serve-ssh.service").read_text(encoding="utf-8")
    assert "ExecStart=/usr/local/bin/pkit serve-ssh " in unit
    pkit = Path(sys.executable).with_name("pkit")
    if not pkit.exists():
        pytest.skip(f"no pkit command next to {sys.executable} to name in ExecStart")
    path = tmp_path / "pkit-serve-ssh.service"
    path.write_text(unit.replace("/usr/local/bin/pkit", str(pkit)), encoding="utf-8")
    proc = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "pkit-serve-ssh.service" not in proc.stderr, proc.stderr  # no warning about it
    for hardening in ("NoNewPrivileges=yes", "ProtectSystem=strict", "DynamicUser=yes"):
        assert hardening in unit
