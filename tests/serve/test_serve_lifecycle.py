"""Sessions against servers with their own settings: cold start, limits, idle timeout, output
cap, shutdown, and losing the warm template."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import re
import signal
from pathlib import Path

import asyncssh
import pytest

from tui.serve.main import startup_lines

from .helpers import FakeClock, Keys, ServerFactory, alive, gone
from .sshclient import OVERVIEW_TOTAL, Terminal, assert_client_env_ignored, connect


async def test_cold_start_renders_and_logs_one_line(
    make_server: ServerFactory, keys: Keys, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="tui.serve")
    server = await make_server(warm=False)
    async with await connect(server.port, keys.client, username="bob") as conn:
        term = await Terminal.open(conn, 100, 30, term="xterm-256color")
        assert await term.wait_for(rf"pkit.*{OVERVIEW_TOTAL}", 30), term.text()
        (child,) = server.children
        assert not child.warm
        term.send(b"q")
        assert await term.wait_closed(10)
    assert not alive(child.pid)
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("session ")]
    assert re.search(r"peer=127\.0\.0\.1:\d+ user=bob key=SHA256:\S+ term=xterm-256color", line)
    assert "size=100x30" in line and "start=cold" in line and "end=quit" in line
    bytes_out = int(re.findall(r"bytes_out=(\d+)", line)[0])
    assert bytes_out >= len(term.output) > 1000
    assert re.search(r"duration=\d+\.\ds", line)


async def test_startup_lines_fingerprint_and_warning_off_loopback(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server()
    lines = startup_lines(server.config, server)
    assert [level for level, _ in lines] == [logging.INFO, logging.INFO]
    assert f"host key {server.fingerprint} (created " in lines[0][1]
    assert f"listening on 127.0.0.1:{server.port}, auth: keys in " in lines[1][1]
    # the same server described as if it had been asked for every address (not bound here)
    exposed = startup_lines(dataclasses.replace(server.config, host="0.0.0.0"), server)
    assert exposed[-1][0] == logging.WARNING and "not loopback" in exposed[-1][1]


async def test_client_env_cannot_reach_a_cold_child(
    make_server: ServerFactory, keys: Keys, tmp_path: Path
) -> None:
    # a cold child imports Textual after its environment is set: the case where
    # TEXTUAL_DRIVER or PYTHONPATH would bite
    server = await make_server(warm=False)
    await assert_client_env_ignored(server.port, keys.client, tmp_path)


async def test_silent_clients_are_dropped_at_the_login_timeout(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server(login_timeout=1.0)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    try:
        banner = await asyncio.wait_for(reader.readline(), 5)
        assert banner.startswith(b"SSH-2.0-pkit")
        async with await connect(server.port, keys.client) as conn:  # logs in: stays
            while await asyncio.wait_for(reader.read(4096), 10):
                pass  # key exchange offers, then the silent client is dropped
            assert not conn.is_closed()
            assert server.preauth.waiting("127.0.0.1") == 0
    finally:
        writer.close()


async def test_connection_limit(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server(max_connections=2)
    first = await connect(server.port, keys.client)
    second = await connect(server.port, keys.client)
    try:
        with pytest.raises((asyncssh.Error, OSError)):
            await connect(server.port, keys.client)
    finally:
        first.close()
        second.close()
        await first.wait_closed()
        await second.wait_closed()
    for _ in range(50):
        if not server.connections:
            break
        await asyncio.sleep(0.05)
    async with await connect(server.port, keys.client):
        pass


class FreezingProxy:
    """A TCP relay to the server that can go silent without closing: a dead client's network."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.frozen = asyncio.Event()
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            while data := await src.read(65536):
                if self.frozen.is_set():
                    await asyncio.Event().wait()  # swallow everything, never close
                dst.write(data)
                await dst.drain()

        for src, dst in ((reader, up_writer), (up_reader, writer)):
            task = asyncio.ensure_future(pipe(src, dst))
            self._tasks.add(task)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            self._server.close()


async def test_keepalives_detect_a_dead_client(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server(keepalive_interval=0.5, keepalive_count_max=2, warm=False)
    proxy = FreezingProxy(server.port)
    await proxy.start()
    try:
        conn = await connect(proxy.port, keys.client, keepalive_interval=0)
        term = await Terminal.open(conn)
        assert await term.wait_for("pkit", 30), term.text()
        (child,) = server.children
        proxy.frozen.set()  # the client's network vanishes: no FIN, no RST, nothing
        assert await gone([child.pid], timeout=10)
        assert not server.connections
        conn.abort()
    finally:
        await proxy.close()


async def test_session_limits_refuse_with_a_message(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server(max_sessions=1)
    async with await connect(server.port, keys.client) as conn:
        first = await Terminal.open(conn)
        assert await first.wait_for("pkit", 30), first.text()
        second = await conn.create_process(term_type="xterm", encoding=None)
        message = await asyncio.wait_for(second.stderr.read(), 10)
        await second.wait_closed()
        assert b"the server is full (1 sessions)" in message
        assert second.exit_status == 1
        assert len(server.children) == 1


async def test_idle_sessions_get_a_friendly_goodbye(make_server: ServerFactory, keys: Keys) -> None:
    server = await make_server(idle_timeout=2.0, warm=False)
    async with await connect(server.port, keys.client) as conn:
        term = await Terminal.open(conn)
        for _ in range(600):  # the child, before it may already have gone idle on a busy machine
            if server.children:
                break
            await asyncio.sleep(0.05)
        (child,) = server.children
        assert await term.wait_for("no input for 2 s", 30), term.text()
        assert "Reconnect any time" in term.text()
        assert await term.wait_closed(5)
    assert not alive(child.pid)


async def test_output_rate_is_capped(make_server: ServerFactory, keys: Keys) -> None:
    # the bucket runs on a fake clock: the burst goes at once, then exactly what the
    # clock's advance allows (rate x seconds, never more than the burst)
    server = await make_server(output_rate=4_000, output_burst=1_000, warm=False)
    clock = FakeClock()
    server.clock = clock
    async with await connect(server.port, keys.client) as conn:
        term = await Terminal.open(conn, 120, 40)  # a first frame far bigger than 2,500 B

        async def received(expected: int) -> int:
            while len(term.output) < expected and not term.closed:
                await term.pump(0.2)
            await term.pump(0.5)  # and nothing more arrives
            return len(term.output)

        assert await received(1_000) == 1_000
        clock.advance(0.125)  # 500 bytes at 4,000 B/s
        assert await received(1_500) == 1_500
        clock.advance(3600)  # an hour saved up is still only the burst
        assert await received(2_500) == 2_500


async def test_server_close_tells_sessions_and_ends_children(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server(warm=False)
    conn = await connect(server.port, keys.client)
    term = await Terminal.open(conn)
    assert await term.wait_for("pkit", 30), term.text()
    (child,) = server.children
    closing = asyncio.ensure_future(server.close())
    assert await term.wait_for("server is shutting down", 10), term.text()
    assert await term.wait_closed(10)
    await asyncio.wait_for(closing, 15)
    assert not alive(child.pid)
    assert not server.children
    with pytest.raises(OSError):
        await connect(server.port, keys.client)  # no longer listening


@pytest.mark.slow
async def test_sessions_survive_the_template_and_start_cold_without_it(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server(warm=True)
    assert server.template is not None and await server.template.wait_ready(60)
    async with await connect(server.port, keys.client) as conn:
        first = await Terminal.open(conn)
        assert await first.wait_for(OVERVIEW_TOTAL, 30), first.text()
        (child,) = server.children
        assert child.warm
        assert server.template.process is not None
        os.kill(server.template.process.pid, signal.SIGKILL)
        for _ in range(100):
            if not server.template.usable:
                break
            await asyncio.sleep(0.05)
        assert not server.template.usable

        first.send(b"3")  # the running session is unaffected
        assert await first.wait_for("Hardware imports, FY2024-25", 10), first.text()

        second = await Terminal.open(conn)
        assert await second.wait_for(OVERVIEW_TOTAL, 30), second.text()
        (new,) = [c for c in server.children if c is not child]
        assert not new.warm

        first.send(b"q")
        assert await first.wait_closed(10)
    assert await gone([child.pid, new.pid], timeout=5)
