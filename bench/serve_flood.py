"""serve-ssh under a key-exchange flood: an open session's keystroke latency, loaded over
unloaded, measured round by round (paired) in the serve section.

Each round measures the FY steps (``[``/``]``, key to new figures) of one open session
unloaded, then while ``python -m bench.kexflood`` runs 16 raw clients from one address,
then unloaded again, then with the 16 clients spread over 16 addresses (which the
per-address limits do not slow down). The flood runs in its own process, so the measuring
client's event loop is not the one doing the flooding.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import statistics
import subprocess
import time
from typing import Any

from bench import expected
from bench.suites import PY, ROOT, Options, Record

FLOOD_CLIENTS = 16
ONE_ADDRESS = "127.0.0.1"
MANY_ADDRESSES = ",".join(f"127.0.0.{i}" for i in range(10, 10 + FLOOD_CLIENTS))
WARM_UP = 2.0  # seconds of flood before measuring


async def fy_steps(session: Any, timeout: float) -> float | None:
    """Median latency of eight FY steps, from the key's write to the new figures."""
    latencies = []
    for key, _, shown in expected.PKIT_FY_STEPS * 2:
        sent = time.perf_counter()
        session.send(key.encode())
        arrived = await session.wait_for(shown, timeout)
        if arrived is None:
            return None
        latencies.append(arrived - sent)
    return float(statistics.median(latencies))


class Flood:
    """``python -m bench.kexflood`` in its own process, stopped with SIGTERM."""

    def __init__(self, port: int, sources: str) -> None:
        argv = [PY, "-m", "bench.kexflood", str(port), "--clients", str(FLOOD_CLIENTS)]
        self.proc = subprocess.Popen(
            [*argv, "--sources", sources], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        self.proc.stdout.readline()  # "ready": every client has had an answer (or it failed)

    def stop(self) -> dict[str, int]:
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(signal.SIGTERM)
        try:
            out, _ = self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        with contextlib.suppress(ValueError):
            return {str(k): int(v) for k, v in json.loads(out.strip() or "{}").items()}
        return {}


async def _under_flood(session: Any, port: int, sources: str, timeout: float) -> Record:
    flood = Flood(port, sources)
    try:
        await asyncio.sleep(WARM_UP)
        started = time.perf_counter()
        latency = await fy_steps(session, timeout)
        seconds = time.perf_counter() - started
    finally:
        counts = flood.stop()
    return {"latency": latency, "flood": counts, "seconds": WARM_UP + seconds}


async def measure_flood(opts: Options, port: int, key: Any) -> list[Record]:
    from bench.serve import Session

    session = await Session.open(port, key, 200)  # from 127.0.0.202: not a flood address
    rounds: list[Record] = []
    try:
        if await session.wait_for(expected.PKIT_READY, opts.timeout * 4) is None:
            raise OSError("the measuring session never showed its data")
        await fy_steps(session, opts.timeout)  # once unrecorded: first-time costs
        for run in range(opts.runs):
            quiet = await fy_steps(session, opts.timeout)
            one = await _under_flood(session, port, ONE_ADDRESS, opts.timeout)
            await asyncio.sleep(1.0)
            quiet_many = await fy_steps(session, opts.timeout)
            many = await _under_flood(session, port, MANY_ADDRESSES, opts.timeout)
            await asyncio.sleep(1.0)
            rounds.append(
                {
                    "run": run,
                    "ok": None not in (quiet, one["latency"], quiet_many, many["latency"]),
                    "quiet": quiet,
                    "one_address": one,
                    "quiet_before_many": quiet_many,
                    "many_addresses": many,
                }
            )
            opts.log(
                f"[serve flood] round {run + 1}/{opts.runs}: FY step {_ms(quiet)} unloaded, "
                f"{_ms(one['latency'])} under a one-address flood {one['flood']}, "
                f"{_ms(quiet_many)} unloaded, {_ms(many['latency'])} under a "
                f"{FLOOD_CLIENTS}-address flood {many['flood']}"
            )
    finally:
        session.close()
    return rounds


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value * 1000:.0f} ms"
