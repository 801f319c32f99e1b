"""What a logged-in client can make the server keep: env requests and closed channels."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from typing import Any

import asyncssh
import pytest

from tui.serve.channel import BoundedEnvChannel

from .helpers import Keys, ServerFactory
from .sshclient import connect


def spy_on_sessions(server: Any) -> list[Any]:
    """Record each session's process (weakly) and what its channel kept of the env."""
    seen: list[Any] = []
    real = server.run_process

    async def run_process(process: Any) -> None:
        channel = process.channel
        seen.append(
            {
                "env": dict(process.env),
                "stored": sum(len(k) + len(v) for k, v in channel.get_environment().items()),
                "requests": getattr(channel, "env_requests", None),
                "process": weakref.ref(process),
                "channel": weakref.ref(channel),
            }
        )
        await real(process)

    server.run_process = run_process
    return seen


async def test_env_requests_keep_only_short_allow_listed_values(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server()
    seen = spy_on_sessions(server)
    flood = {f"JUNK_{i}": "x" * 30_000 for i in range(300)}  # 9 MB the server must not keep
    flood |= {"COLORTERM": "truecolor", "LANG": "C." + "U" * 30_000, "LC_TIME": "en_GB.UTF-8"}
    async with await connect(server.port, keys.client) as conn:
        result = await conn.run("x", env=flood, timeout=30)
        assert result.exit_status == 1  # refused as a command, after all the env requests
    (session,) = seen
    assert session["requests"] is not None, "the channel is not a BoundedEnvChannel"
    # asyncssh's own handler would have kept all of it: fail loudly if it is back
    assert set(session["env"]) <= {"COLORTERM", "LC_TIME"}, sorted(session["env"])[:5]
    assert session["stored"] <= 64 * BoundedEnvChannel.max_value
    assert session["requests"] == 303  # all counted; only the first 64 were even read


async def test_allow_listed_env_within_the_limits_is_kept(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server()
    seen = spy_on_sessions(server)
    env = {"COLORTERM": "truecolor", "LANG": "en_GB.UTF-8", "NO_COLOR": "1"}
    async with await connect(server.port, keys.client) as conn:
        await conn.run("x", env=env, timeout=30)
    (session,) = seen
    assert session["env"] == env


@pytest.fixture
def no_cyclic_gc() -> Iterator[None]:
    """Only reference counting frees objects during the test."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.usefixtures("no_cyclic_gc")
async def test_closed_channels_are_freed_without_the_cycle_collector(
    make_server: ServerFactory, keys: Keys
) -> None:
    server = await make_server()
    seen = spy_on_sessions(server)
    for _ in range(3):
        async with await connect(server.port, keys.client) as conn:
            for _ in range(10):
                result = await conn.run("x", env={"LANG": "C.UTF-8"}, timeout=10)
                assert result.exit_status == 1
            process = await conn.create_process(term_type=None)  # refused: no PTY
            await process.wait_closed()
    assert len(seen) == 33
    for _ in range(100):
        left = [s for s in seen if s["channel"]() is not None or s["process"]() is not None]
        if not left:
            break
        await asyncio.sleep(0.05)
    assert not left, f"{len(left)} of {len(seen)} closed sessions still in memory"


def test_asyncssh_still_has_what_the_env_bound_relies_on() -> None:
    # tui.serve.channel overrides this handler and writes the mapping behind get_environment
    assert callable(getattr(asyncssh.SSHServerChannel, "_process_env_request", None))
    assert callable(getattr(asyncssh.SSHServerChannel, "get_environment", None))
