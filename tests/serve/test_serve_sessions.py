"""Interactive sessions over real SSH connections on 127.0.0.1, against one warm server.

The rendered screen is checked with pyte: "pkit" and "3,810" (the FY2024-25 total the
overview shows once the data has loaded).
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tui.serve.server import Server, start_server

from .helpers import Keys, alive, gone, make_keys, serve_config
from .sshclient import OVERVIEW_TOTAL, Terminal, assert_client_env_ignored, connect

pytestmark = pytest.mark.asyncio(loop_scope="module")

Warm = tuple[Server, Keys]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def warm(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Warm]:
    keys = make_keys(tmp_path_factory.mktemp("warm-keys"))
    config = serve_config(keys, warm=True, max_sessions=32, max_per_ip=32, max_per_key=32)
    server = await start_server(config)
    assert server.template is not None
    assert await server.template.wait_ready(60), "the warm template did not get ready"
    yield server, keys
    await server.close()
    assert not server.children


async def open_session(
    server: Server, keys: Keys, cols: int = 80, rows: int = 24, **kwargs: Any
) -> tuple[Any, Terminal]:
    conn = await connect(server.port, keys.client)
    term = await Terminal.open(conn, cols, rows, **kwargs)
    return conn, term


def child_of(server: Server, before: set[int]) -> list[int]:
    return [c.pid for c in server.children if c.pid not in before]


async def test_session_shows_the_overview_and_quits_cleanly(warm: Warm) -> None:
    server, keys = warm
    before = {c.pid for c in server.children}
    conn, term = await open_session(server, keys)
    async with conn:
        # one pattern: a frame arrives in pieces, and the total can show before the title
        assert await term.wait_for(rf"pkit.*FY2024-25.*{OVERVIEW_TOTAL}"), term.text()
        (pid,) = child_of(server, before)
        (child,) = [c for c in server.children if c.pid == pid]
        assert child.warm
        term.send(b"q")
        assert await term.wait_closed(10)
        await term.process.wait_closed()
        assert term.process.exit_status == 0
    assert await gone([pid])


async def test_client_env_cannot_reach_the_child(warm: Warm, tmp_path: Path) -> None:
    server, keys = warm
    await assert_client_env_ignored(server.port, keys.client, tmp_path)


async def test_window_resizes_reach_the_app(warm: Warm) -> None:
    server, keys = warm
    conn, term = await open_session(server, keys, cols=80, rows=24)
    async with conn:
        assert await term.wait_for(OVERVIEW_TOTAL), term.text()
        assert len(term.screen.display[0].rstrip()) <= 80
        term.resize(132, 40)
        # the header's right-hand hints move to the new right edge
        assert await term.wait_for(r"^[^\n]{110,}commands", timeout=10), term.text()
        term.resize(70, 22)
        # redrawn for 70 columns (cut at 70 by pyte, the old header would not show the hints)
        assert await term.wait_for(r"^[^\n]{40,70}commands", timeout=10), term.text()


@pytest.mark.slow
async def test_ten_concurrent_sessions_all_render(warm: Warm) -> None:
    server, keys = warm
    before = {c.pid for c in server.children}
    pairs = await asyncio.gather(*(open_session(server, keys) for _ in range(10)))
    try:
        shown = await asyncio.gather(*(term.wait_for(OVERVIEW_TOTAL, 40) for _, term in pairs))
        assert all(shown), [term.text() for _, term in pairs if OVERVIEW_TOTAL not in term.text()]
        pids = child_of(server, before)
        assert len(pids) == 10
    finally:
        for conn, _ in pairs:
            conn.close()
    assert await gone(pids)


async def test_killed_clients_leave_no_process(warm: Warm) -> None:
    server, keys = warm
    before = {c.pid for c in server.children}
    pairs = [await open_session(server, keys) for _ in range(3)]
    assert all(await asyncio.gather(*(t.wait_for(OVERVIEW_TOTAL) for _, t in pairs)))
    pids = child_of(server, before)
    assert len(pids) == 3 and all(alive(p) for p in pids)
    # drop the TCP connections without any SSH goodbye
    for conn, _ in pairs:
        conn.abort()
    assert await gone(pids), [p for p in pids if alive(p)]
    for _ in range(100):  # and the sessions have finished their bookkeeping
        if not child_of(server, before):
            break
        await asyncio.sleep(0.05)
    assert not child_of(server, before)


@pytest.mark.slow
async def test_a_crashing_or_hanging_session_does_not_affect_the_others(warm: Warm) -> None:
    server, keys = warm
    known = {c.pid for c in server.children}
    sessions: list[tuple[Any, Terminal, int]] = []
    try:
        for _ in range(3):
            conn, term = await open_session(server, keys)
            assert await term.wait_for(OVERVIEW_TOTAL), term.text()
            (pid,) = child_of(server, known)
            known.add(pid)
            sessions.append((conn, term, pid))
        (_, crash, crash_pid), (_, hang, hang_pid), (_, ok, _) = sessions

        os.kill(crash_pid, signal.SIGKILL)
        assert await crash.wait_for("stopped unexpectedly", 10), crash.text()
        assert await crash.wait_closed(10)

        os.kill(hang_pid, signal.SIGSTOP)  # hangs: reads no input, draws nothing

        ok.send(b"2")  # the healthy session still works: switch to the Exports pane
        assert await ok.wait_for(r"Category\s+US\$m", 10), ok.text()
    finally:
        for conn, _, _ in sessions:
            conn.close()  # the stopped child ignores SIGHUP: SIGKILL after the grace period
    assert await gone([crash_pid, hang_pid], timeout=10)
