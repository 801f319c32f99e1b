"""An asyncssh client session rendered into pyte: what a colleague's terminal would show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import asyncssh

from bench.term import CLOCK, ChannelTerminal

OVERVIEW_TOTAL = "3,810"  # FY2024-25 ICT services exports, shown once the data has loaded


def client_key(folder: Path, name: str = "id_ed25519") -> asyncssh.SSHKey:
    """A fresh ed25519 key, also written as NAME (0600) and NAME.pub for the OpenSSH client."""
    key = asyncssh.generate_private_key("ssh-ed25519", comment=name)
    folder.mkdir(parents=True, exist_ok=True)
    private = folder / name
    private.write_bytes(key.export_private_key())
    private.chmod(0o600)
    (folder / f"{name}.pub").write_bytes(key.export_public_key())
    return key


def authorized_line(key: asyncssh.SSHKey) -> str:
    return str(key.export_public_key().decode().strip())


async def connect(port: int, key: asyncssh.SSHKey | None, **kwargs: Any) -> Any:
    """A client connection to 127.0.0.1 that reads no user config, agent or known_hosts."""
    options: dict[str, Any] = {
        "username": "alice",
        "known_hosts": None,
        "config": None,
        "agent_path": None,
        "client_keys": [key] if key is not None else None,
        "connect_timeout": 10,
    }
    options.update(kwargs)
    return await asyncssh.connect("127.0.0.1", port, **options)


class Terminal(ChannelTerminal):
    """An interactive session: bytes in, pyte screen out (bench.term's driver, opened here)."""

    @classmethod
    async def open(
        cls,
        conn: Any,
        cols: int = 80,
        rows: int = 24,
        term: str = "xterm-256color",
        env: dict[str, str] | None = None,
    ) -> Terminal:
        started = CLOCK()
        process = await conn.create_process(
            term_type=term, term_size=(cols, rows), encoding=None, env=env or {}
        )
        return cls(process, cols, rows, started)


async def assert_client_env_ignored(port: int, key: asyncssh.SSHKey, scratch: Path) -> None:
    """Send what an attacker would (SendEnv / env requests) and check none of it took effect:
    the overview renders at full size and no planted module ran."""
    evil = scratch / "evil"
    evil.mkdir()
    marker = scratch / "pwned"
    payload = f"open({str(marker)!r}, 'w').write('pwned')\n"
    (evil / "evil_driver.py").write_text(payload + "Driver = None\n")
    (evil / "sitecustomize.py").write_text(payload)
    (evil / "usercustomize.py").write_text(payload)
    hostile = {
        "TEXTUAL_DRIVER": "evil_driver:Driver",
        "PYTHONPATH": str(evil),
        "PYTHONSTARTUP": str(evil / "sitecustomize.py"),
        "PYTHONINSPECT": "1",
        "LD_PRELOAD": str(evil / "evil.so"),
        "COLUMNS": "30",
        "LINES": "8",
        "TEXTUAL_COLOR_SYSTEM": "monochrome",
        "PKIT_SERVE_MODE": "0",
    }
    async with await connect(port, key) as conn:
        term = await Terminal.open(conn, env=hostile)
        assert await term.wait_for(OVERVIEW_TOTAL, 30), term.text()
        assert "too small" not in term.text()  # COLUMNS/LINES did not shrink it
        assert b"ld.so" not in term.output and b"evil" not in term.output
        term.send(b"e")  # serve mode is still on: export only copies (OSC 52)
        assert await term.wait_for("Copy as CSV", 10), term.text()
        assert "Save as" not in term.text()
    assert not marker.exists()
