"""Real connections on 127.0.0.1: who gets in, and everything that is not an interactive PTY
session is refused with a short message (and never starts a process)."""

from __future__ import annotations

import logging
from pathlib import Path

import asyncssh
import pytest

from .helpers import Keys, ServerFactory
from .sshclient import authorized_line, connect


def session_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("session ")]


# -- authentication --------------------------------------------------------------------------


async def test_authorized_key_gets_in_unknown_key_does_not(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        assert conn.get_extra_info("username") == "alice"
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, keys.stranger)


async def test_password_and_keyboard_interactive_are_refused(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server()
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, None, client_keys=None, password="hunter2")
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, None, client_keys=None, kbdint_auth=True, password="hunter2")
    with pytest.raises(asyncssh.PermissionDenied):  # and no "none" authentication
        await connect(server.port, None, client_keys=None)


async def test_keys_added_to_the_file_work_without_a_restart(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server()
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, keys.stranger)
    keys.authorized.write_text(authorized_line(keys.stranger) + "\n")  # client revoked
    async with await connect(server.port, keys.stranger):
        pass
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, keys.client)


async def test_too_many_keys_offered_disconnects(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server()
    strangers = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(7)]
    with pytest.raises(asyncssh.Error):
        # the authorized key comes after seven unknown ones: too late
        await connect(server.port, None, client_keys=[*strangers, keys.client])


async def test_allow_any_key_identity_is_the_fingerprint(
    make_server: ServerFactory, keys: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="tui.serve")
    server = await make_server(allow_any_key=True, authorized_keys=None)
    async with await connect(server.port, keys.stranger) as conn:
        result = await conn.run("id", term_type="xterm")  # still no commands
        assert result.exit_status == 1
    (line,) = session_lines(caplog)
    assert f"key={keys.stranger.get_fingerprint()}" in line
    assert "end=refused-exec" in line


# -- no commands, subsystems, forwarding or PTY-less sessions ---------------------------------


@pytest.mark.parametrize("command", ["cat /etc/passwd", "scp -f /etc/passwd", "sh -i"])
@pytest.mark.parametrize("with_pty", [False, True])
async def test_exec_commands_are_refused(
    make_server: ServerFactory,
    keys: Keys,
    caplog: pytest.LogCaptureFixture,
    command: str,
    with_pty: bool,
) -> None:
    caplog.set_level(logging.INFO, logger="tui.serve")
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        result = await conn.run(
            command, encoding=None, term_type="xterm" if with_pty else None, timeout=10
        )
    assert result.exit_status == 1
    assert b"commands are not available" in result.stderr
    assert f"ssh -p {server.port} 127.0.0.1".encode() in result.stderr
    assert b"root:" not in result.stdout and b"root:" not in result.stderr
    assert not server.children
    (line,) = session_lines(caplog)
    assert "end=refused-exec" in line and "user=alice" in line


async def test_sftp_is_refused(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        with pytest.raises((asyncssh.SFTPError, asyncssh.ChannelOpenError)):
            await conn.start_sftp_client()
    assert not server.children


async def test_other_subsystems_are_refused(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        process = await conn.create_process(subsystem="netconf", encoding=None)
        stderr = await process.stderr.read()
        await process.wait_closed()
    assert process.exit_status == 1
    assert b"subsystem 'netconf' is not available" in stderr


async def test_session_without_pty_is_refused(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        result = await conn.run(encoding=None, timeout=10)  # a shell, no pty-req
    assert result.exit_status == 1
    assert b"needs a terminal" in result.stderr
    assert not server.children


async def test_port_forwarding_is_refused(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        with pytest.raises(asyncssh.ChannelOpenError) as opened:
            await conn.open_connection("127.0.0.1", server.port)  # ssh -L / -D
        assert "port forwarding is disabled" in opened.value.reason
        with pytest.raises(asyncssh.ChannelListenError):
            await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 22)  # ssh -R
        with pytest.raises(asyncssh.ChannelOpenError):
            await conn.open_unix_connection("/run/docker.sock")


async def test_x11_and_agent_forwarding_are_refused(
    make_server: ServerFactory, keys: Keys, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="asyncssh")
    server = await make_server()
    async with await connect(server.port, keys.client) as conn:
        with pytest.raises(asyncssh.ChannelOpenError, match="X11 forwarding request failed"):
            await conn.create_process(
                term_type="xterm",
                x11_forwarding=True,
                x11_display="127.0.0.1:9",
                x11_auth_path=str(tmp_path / "no-xauthority"),
            )
    agent_sock = str(tmp_path / "agent.sock")
    async with await connect(
        server.port, keys.client, agent_path=agent_sock, agent_forwarding=True
    ) as conn:
        result = await conn.run("true", timeout=10)  # agent-req goes first, then the exec
        assert result.exit_status == 1
    denied = [r.getMessage() for r in caplog.records if "Agent forwarding" in r.getMessage()]
    assert any("denied" in m for m in denied), denied
