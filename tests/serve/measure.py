"""Measure `pkit serve-ssh`: time from connect to first byte and to the loaded overview, per
session, for N concurrent sessions, and the memory each session's process adds.

    .venv/bin/python -m tests.serve.measure --sessions 1 --rounds 5
    .venv/bin/python -m tests.serve.measure --sessions 10

A real server on 127.0.0.1 (in this process) and real asyncssh client connections; the
screen is rendered with pyte and "data" means the FY2024-25 total (3,810) is on it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.serve import smaps_kib as memory_kib  # Rss and Pss of one process
from tui.serve.config import ServeConfig
from tui.serve.server import Server, start_server

from .sshclient import OVERVIEW_TOTAL, Terminal, authorized_line, client_key, connect


async def one_session(server: Server, key: Any) -> dict[str, float | None]:
    t0 = time.monotonic()
    conn = await connect(server.port, key)
    try:
        term = await Terminal.open(conn)
        term.started = t0
        ok = await term.wait_for(OVERVIEW_TOTAL, timeout=60)
        data = time.monotonic() - t0 if ok else None
        return {"first_byte": term.first_byte, "data": data}
    finally:
        conn.close()


async def hold_sessions(server: Server, key: Any, n: int) -> None:
    """Open n sessions at once, wait until all show data, print each child's memory."""
    conns = [await connect(server.port, key) for _ in range(n)]
    try:
        terms = [await Terminal.open(conn) for conn in conns]
        await asyncio.gather(*(term.wait_for(OVERVIEW_TOTAL, timeout=120) for term in terms))
        mem = [memory_kib(child.pid) for child in server.children]
        rss = [m.get("rss", 0) for m in mem]
        pss = [m.get("pss", 0) for m in mem]
        mib = 1024
        print(
            f"{len(mem)} sessions held: per child Rss median {statistics.median(rss) / mib:.0f} "
            f"MiB, Pss median {statistics.median(pss) / mib:.0f} MiB, "
            f"Pss total {sum(pss) / mib:.0f} MiB"
        )
    finally:
        for conn in conns:
            conn.close()


async def settle(server: Server) -> None:
    """Wait until the previous sessions have ended (their slots count against the limits)."""
    for _ in range(100):
        if server.limits.active == 0 and not server.children:
            return
        await asyncio.sleep(0.1)


def summary(values: list[float | None]) -> str:
    got = [v for v in values if v is not None]
    if not got:
        return "none"
    return (
        f"median {statistics.median(got):.2f}s min {min(got):.2f}s max {max(got):.2f}s "
        f"({len(got)}/{len(values)})"
    )


async def main_async(sessions: int, rounds: int, warm: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        key = client_key(folder)
        (folder / "authorized_keys").write_text(authorized_line(key) + "\n")
        config = ServeConfig(
            port=0,
            host_key=folder / "host_key",
            authorized_keys=folder / "authorized_keys",
            max_sessions=max(32, sessions),
            max_per_ip=max(8, sessions),
            max_per_key=max(4, sessions),
            warm=warm,
        )
        server = await start_server(config)
        try:
            await one_session(server, key)  # warm the page cache once
            await settle(server)
            for _ in range(rounds):
                if sessions == 1:
                    results = [await one_session(server, key)]
                else:
                    t0 = time.monotonic()
                    got = await asyncio.gather(*(one_session(server, key) for _ in range(sessions)))
                    results = list(got)
                    print(
                        f"{sessions} sessions at once: last data after {time.monotonic() - t0:.2f}s"
                    )
                print(
                    "first byte:",
                    summary([r["first_byte"] for r in results]),
                    "| data:",
                    summary([r["data"] for r in results]),
                )
                await settle(server)
            await hold_sessions(server, key, sessions)
        finally:
            await server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="no warm template: python -m tui")
    args = parser.parse_args()
    asyncio.run(main_async(args.sessions, args.rounds, warm=not args.cold))


if __name__ == "__main__":
    main()
