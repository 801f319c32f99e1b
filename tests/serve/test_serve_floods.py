"""Unauthenticated floods on 127.0.0.1 while another address (127.0.0.2) logs in, readable
refusals, and the algorithm list."""

from __future__ import annotations

import asyncio
import shutil
import struct
import subprocess
from pathlib import Path

import asyncssh
import pytest

from bench import kexflood
from tui.serve.algorithms import listen_options

from .helpers import Keys, ServerFactory
from .sshclient import connect

SSH = shutil.which("ssh")
MSG_DISCONNECT = 1


async def raw_socket(
    port: int, source: str = "127.0.0.1"
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))


async def read_refusal(reader: asyncio.StreamReader) -> tuple[bytes, str]:
    """The server's version line, then the reason of its plaintext DISCONNECT packet."""
    banner = await asyncio.wait_for(reader.readline(), 10)
    length = struct.unpack(">I", await asyncio.wait_for(reader.readexactly(4), 10))[0]
    packet = await reader.readexactly(length)
    payload = packet[1 : length - packet[0]]
    assert payload[0] == MSG_DISCONNECT, payload[:20]
    size = struct.unpack(">I", payload[5:9])[0]
    return banner, payload[9 : 9 + size].decode()


async def test_idle_sockets_from_one_address_do_not_lock_out_another(
    make_server: ServerFactory, keys: Keys
) -> None:
    # the rate is not what is tested here: every socket may open at once
    server = await make_server(max_connections=12, connect_burst=100)
    share = server.config.preauth_share
    assert share < server.config.connection_limit
    idle = [await raw_socket(server.port) for _ in range(server.config.connection_limit)]
    try:
        # the first `share` sockets wait in the key exchange; every later one is refused
        banner, reason = await read_refusal(idle[share][0])
        assert banner.startswith(b"SSH-2.0-pkit")
        assert f"too many connections from 127.0.0.1 waiting to log in ({share})" in reason
        async with await connect(server.port, keys.client, local_addr=("127.0.0.2", 0)) as conn:
            assert conn.get_extra_info("username") == "alice"
        # once logged in, a connection no longer counts against its address's share
        assert server.preauth.waiting("127.0.0.2") == 0
        assert server.preauth.waiting("127.0.0.1") == share
    finally:
        for _, writer in idle:
            writer.close()


async def test_new_connections_per_address_are_rate_limited(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server(connect_burst=3, connect_rate=0.001)
    for _ in range(3):
        async with await connect(server.port, keys.client):
            pass
    with pytest.raises(asyncssh.DisconnectError, match="too many new connections from 127.0.0.1"):
        await connect(server.port, keys.client)
    async with await connect(server.port, keys.client, local_addr=("127.0.0.2", 0)):
        pass


@pytest.mark.skipif(SSH is None, reason="the OpenSSH client (ssh) is not installed")
async def test_openssh_prints_the_reason_of_a_refusal(
    make_server: ServerFactory, keys: Keys, tmp_path: Path
) -> None:
    server = await make_server(connect_burst=1, connect_rate=0.001)
    _, writer = await raw_socket(server.port)  # takes the only token of 127.0.0.1
    try:
        assert SSH is not None
        args = [SSH, "-F", "/dev/null", "-p", str(server.port), "-i", str(keys.client_file)]
        args += ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no"]
        args += ["-o", f"UserKnownHostsFile={tmp_path / 'known_hosts'}", "-T", "127.0.0.1"]
        proc = await asyncio.create_subprocess_exec(
            *args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        writer.close()
    text = err.decode(errors="replace")
    assert proc.returncode == 255
    assert "pkit: too many new connections from 127.0.0.1" in text, text
    assert "banner line contains invalid characters" not in text


# -- algorithms ------------------------------------------------------------------------------


def test_algorithm_list_is_modern() -> None:
    options = listen_options()
    kex = options["kex_algs"]
    assert "curve25519-sha256" in kex
    assert not [a for a in kex if "diffie-hellman" in a or "1.3.132" in a or "448" in a]
    macs = options["mac_algs"]
    assert "hmac-sha2-256-etm@openssh.com" in macs
    assert not [m for m in macs if "umac-64" in m or "sha1" in m or "@ssh.com" in m]
    ciphers = options["encryption_algs"]
    assert "chacha20-poly1305@openssh.com" in ciphers
    assert not [c for c in ciphers if "cbc" in c or "arcfour" in c]
    assert "ssh-rsa" not in options["signature_algs"]


@pytest.mark.parametrize(
    "weak",
    [
        {"kex_algs": ["diffie-hellman-group-exchange-sha256"]},
        {"kex_algs": ["diffie-hellman-group14-sha1"]},
        {"kex_algs": ["diffie-hellman-group16-sha512"]},
        {"kex_algs": ["ecdh-sha2-1.3.132.0.10"]},
        {"kex_algs": ["ecdh-sha2-nistp521"]},
        {"encryption_algs": ["aes128-ctr"], "mac_algs": ["umac-64@openssh.com"]},
        {"encryption_algs": ["aes128-ctr"], "mac_algs": ["hmac-sha256@ssh.com"]},
        {"encryption_algs": ["aes256-cbc"]},
    ],
)
async def test_weak_algorithms_are_not_negotiated(
    make_server: ServerFactory, keys: Keys, weak: dict[str, list[str]]
) -> None:
    server = await make_server()
    with pytest.raises(asyncssh.KeyExchangeFailed):
        await connect(server.port, keys.client, **weak)


@pytest.mark.parametrize("kex", ["curve25519-sha256", "ecdh-sha2-nistp256"])
async def test_modern_key_exchanges_work(make_server: ServerFactory, keys: Keys, kex: str) -> None:
    server = await make_server()
    async with await connect(server.port, keys.client, kex_algs=[kex]) as conn:
        assert conn.get_extra_info("username") == "alice"


async def test_a_dheat_client_gets_no_group_exchange_and_is_rate_limited(
    make_server: ServerFactory,
) -> None:
    server = await make_server(connect_burst=1, connect_rate=0.001)
    points = kexflood.fixed_points()
    # it asks for an 8192-bit group exchange, then nistp521 and nistp384: the server has
    # none of them, so nistp256 it is
    assert await kexflood.one_exchange(server.port, "127.0.0.1", points) == "ecdh"
    assert await kexflood.one_exchange(server.port, "127.0.0.1", points) == "refused"
    assert await kexflood.one_exchange(server.port, "127.0.0.3", points) == "ecdh"
