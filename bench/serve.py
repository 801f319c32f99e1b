"""serve-ssh: connect-to-data time and memory per added session, through the real CLI.

``pkit serve-ssh`` runs as a subprocess on a free loopback port, with one authorized key per
simulated colleague; clients are asyncssh connections from their own loopback addresses
(127.0.0.2, 127.0.0.3, ...), because the server limits sessions per key and per source IP.
Each client's screen is rendered with pyte. Memory is the proportional set size (Pss: shared
pages split between their sharers) of the server and all its descendants, from
/proc/PID/smaps_rollup: what an added session really costs.

The section is measured only if the command works (``--help`` answers, docs/serve-ssh.md
exists and a started server listens); otherwise it reports why it was not measured.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from bench import expected
from bench.suites import PY, ROOT, Options, Record, child_env
from bench.term import ChannelTerminal, Condition, child_pids

SESSION_COUNTS = (1, 10, 20)
COLS, ROWS = 80, 24
_LISTENING = re.compile(r"listening on [\d.]+:(\d+)")


class ServeUnavailable(Exception):
    """serve-ssh cannot be measured; the message says why."""


def _help_works(env: dict[str, str]) -> str:
    try:
        helped = subprocess.run(
            [PY, "-m", "tui", "serve-ssh", "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
            env=env,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`pkit serve-ssh --help` failed: {exc}"
    if helped.returncode != 0:
        return "`pkit serve-ssh --help` exits with an error"
    if not (ROOT / "docs" / "serve-ssh.md").exists():
        return "docs/serve-ssh.md is missing"
    return ""


# -- the server ----------------------------------------------------------------------------


class Server:
    """``pkit serve-ssh`` as a subprocess; its log is read for the port."""

    def __init__(self, opts: Options, keys: list[Any], max_sessions: int) -> None:
        folder = opts.workdir / "serve-ssh"
        folder.mkdir(parents=True, exist_ok=True)
        authorized = folder / "authorized_keys"
        authorized.write_text(
            "".join(k.export_public_key().decode().strip() + "\n" for k in keys),
            encoding="utf-8",
        )
        self.log_path = folder / "server.log"
        argv = [PY, "-m", "tui", "serve-ssh", "--port", "0", "--idle-timeout", "0"]
        argv += ["--host-key", str(folder / "host_key"), "--authorized-keys", str(authorized)]
        argv += ["--max-sessions", str(max_sessions)]
        self.log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            argv, cwd=ROOT, env=child_env(opts, ssh=False), stdout=self.log, stderr=self.log
        )
        self.port = self._wait_port(60.0)

    def _wait_port(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
            m = _LISTENING.search(text)
            if m:
                return int(m.group(1))
            if self.proc.poll() is not None:
                raise ServeUnavailable(
                    f"`pkit serve-ssh` exited ({self.proc.returncode}): {text.strip()[-300:]}"
                )
            time.sleep(0.05)
        raise ServeUnavailable(f"`pkit serve-ssh` did not listen within {timeout:g} s")

    def tree(self) -> list[int]:
        """The server and every process below it."""
        return [self.proc.pid, *descendants(self.proc.pid)]

    def memory_kib(self) -> dict[str, int]:
        total = {"pss": 0, "rss": 0, "processes": 0}
        for pid in self.tree():
            mem = smaps_kib(pid)
            if mem:
                total["pss"] += mem.get("pss", 0)
                total["rss"] += mem.get("rss", 0)
                total["processes"] += 1
        return total

    def close(self) -> str:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def descendants(pid: int) -> list[int]:
    out: list[int] = []
    todo = [pid]
    while todo:
        kids = child_pids(todo.pop())
        out += kids
        todo += kids
    return out


def smaps_kib(pid: int) -> dict[str, int]:
    """Rss and Pss of one process (kB), from /proc/PID/smaps_rollup."""
    out: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return out
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            out[name.lower()] = int(rest.split()[0])
    return out


# -- a client ------------------------------------------------------------------------------


class Session(ChannelTerminal):
    """One colleague: an SSH connection from its own loopback address, a PTY, a pyte screen."""

    def __init__(self, conn: Any, process: Any, started: float) -> None:
        super().__init__(process, COLS, ROWS, started)
        self.conn = conn

    @classmethod
    async def open(cls, port: int, key: Any, n: int) -> Session:
        import asyncssh

        started = time.perf_counter()
        conn = await asyncssh.connect(
            "127.0.0.1",
            port,
            username=f"colleague{n}",
            client_keys=[key],
            known_hosts=None,
            config=None,
            agent_path=None,
            local_addr=(f"127.0.0.{2 + n % 250}", 0),
            connect_timeout=30,
        )
        process = await conn.create_process(
            term_type="xterm-256color",
            term_size=(COLS, ROWS),
            encoding=None,
            env={"LANG": "C.UTF-8", "COLORTERM": "truecolor"},
        )
        return cls(conn, process, started)

    async def seconds_until(self, wanted: Condition, timeout: float) -> float | None:
        """Seconds from the start of the connection until ``wanted`` holds, or None."""
        arrived = await self.wait_for(wanted, timeout)
        return None if arrived is None else arrived - self.started

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


# -- the measurements ----------------------------------------------------------------------


async def _settle_tree(server: Server, processes: int, timeout: float = 30.0) -> None:
    """Wait until the server is back to ``processes`` processes (ended sessions reaped)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(server.tree()) > processes:
        await asyncio.sleep(0.1)


async def _measure(opts: Options) -> Record:
    import asyncssh

    log = opts.log

    keys = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(max(SESSION_COUNTS))]
    server = Server(opts, keys, max_sessions=max(32, max(SESSION_COUNTS)))
    rec: Record = {"available": True, "measured": True, "port": server.port}
    timeout = opts.timeout * 4
    try:
        # the server may pre-start a warm template: wait until its process count is stable
        await asyncio.sleep(1.0)
        idle_tree = len(server.tree())
        for _ in range(50):
            await asyncio.sleep(0.2)
            now = len(server.tree())
            if now == idle_tree:
                break
            idle_tree = now
        # connect-to-data, one session at a time
        times: list[float | None] = []
        first: list[float | None] = []
        for i in range(opts.runs):
            s = await Session.open(server.port, keys[i % len(keys)], i)
            try:
                first.append(await s.seconds_until(expected.PKIT_FRAME, timeout))
                times.append(await s.seconds_until(expected.PKIT_READY, timeout))
            finally:
                s.close()
            log(f"[serve] session {i + 1}/{opts.runs}: frame {first[-1]}, data {times[-1]}")
            await _settle_tree(server, idle_tree)
        rec["connect_to_frame"] = first
        rec["connect_to_data"] = times
        # memory with 1, 10, 20 sessions open
        await asyncio.sleep(1.0)
        rec["idle_memory_kib"] = base = server.memory_kib()
        held: list[Session] = []
        levels: list[Record] = []
        try:
            for count in SESSION_COUNTS:
                while len(held) < count:
                    n = len(held)
                    held.append(await Session.open(server.port, keys[n], 100 + n))
                shown = await asyncio.gather(
                    *(s.wait_for(expected.PKIT_READY, timeout * 2) for s in held)
                )
                await asyncio.gather(*(s.pump(1.0) for s in held))
                mem = server.memory_kib()
                pss_each = (mem["pss"] - base["pss"]) / count
                level: Record = {
                    "sessions": count,
                    "all_show_data": all(t is not None for t in shown),
                    "memory_kib": mem,
                    "pss_per_session_kib": pss_each,
                    "rss_per_session_kib": (mem["rss"] - base["rss"]) / count,
                }
                levels.append(level)
                log(
                    f"[serve] {count} sessions open: Pss {mem['pss'] / 1024:.0f} MiB in "
                    f"{mem['processes']} processes, "
                    f"{pss_each / 1024:.0f} MiB per session"
                )
        finally:
            for s in held:
                s.close()
        rec["levels"] = levels
        await _settle_tree(server, idle_tree)
        from bench.serve_flood import measure_flood

        try:  # a failure here must not cost the section its other figures
            rec["flood"] = await measure_flood(opts, server.port, keys[0])
        except (OSError, asyncio.TimeoutError) as exc:
            rec["flood_error"] = repr(exc)
            log(f"[serve flood] not measured: {exc!r}")
    finally:
        rec["server_log_tail"] = server.close()[-2000:]
    return rec


def run_serve(opts: Options) -> Record:
    env = child_env(opts, ssh=False)
    why = _help_works(env)
    if why:
        return {"available": False, "measured": False, "reason": why}
    try:
        return asyncio.run(_measure(opts))
    except ServeUnavailable as exc:
        return {"available": False, "measured": False, "reason": str(exc)}
    except (OSError, asyncio.TimeoutError) as exc:
        return {"available": True, "measured": False, "reason": f"measuring failed: {exc!r}"}
