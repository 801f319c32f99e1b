"""The runs: pkit and the baselines in a PTY, interleaved; raw results as plain dicts.

Each function returns one run's record (``ok`` False with the ``error`` and the screen when
something did not show up in time); :mod:`bench.report` turns the records into figures.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from bench import expected, synth
from bench.term import Condition, Terminal, run_to_exit

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PANDAS = (PY, "-c", "import pandas")  # the pandas baseline
RICH = (PY, "-c", "import rich.console")  # the floor of a Rich command line
SUMMARY = (PY, "-m", "tui", "summary")
# to a file: through the PTY, the harness's reading would be timed, not pkit
EXPORT = (PY, "-m", "tui", "export", "--table", "exports", "-o", "/dev/null")
BARE = (PY, "-c", "pass")  # interpreter start-up, taken off the pandas baseline
Record = dict[str, Any]
Log = Callable[[str], None]


@dataclass(frozen=True)
class Config:
    """A terminal to run in: size, and whether SSH_CONNECTION is set."""

    cols: int
    rows: int
    ssh: bool = False

    @property
    def name(self) -> str:
        return f"{self.cols}x{self.rows}" + (" SSH" if self.ssh else "")


MAIN = Config(80, 24)
CONFIGS = (MAIN, Config(80, 24, True), Config(200, 50), Config(200, 50, True))
SIZES = (10_000, 100_000, 1_000_000)


@dataclass
class Options:
    runs: int = 5
    idle: float = 10.0
    configs: tuple[Config, ...] = CONFIGS
    sizes: tuple[int, ...] = SIZES
    scale_runs: int = 5
    quiet: float = 0.4  # no output for this long = the screen has settled
    timeout: float = 30.0  # for one thing to show up (data ready on 1M rows gets 20x)
    workdir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()))
    log: Log = print


class StepFailed(Exception):
    def __init__(self, what: str, screen: list[str]) -> None:
        super().__init__(what)
        self.what = what
        self.screen = screen


def child_env(opts: Options, ssh: bool) -> dict[str, str]:
    """The environment of every program run: same for pkit and baselines but SSH_CONNECTION."""
    drop = {"COLUMNS", "LINES", "NO_COLOR", "LC_ALL", "LC_CTYPE", "PKIT_SERVE_MODE"}
    drop |= {"SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("TEXTUAL")}
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LANG="C.UTF-8",
        XDG_STATE_HOME=str(opts.workdir / "state"),
        XDG_CONFIG_HOME=str(opts.workdir / "config"),
        XDG_CACHE_HOME=str(opts.workdir / "cache"),  # the snapshot made at warm-up
    )
    if ssh:
        env["SSH_CONNECTION"] = "127.0.0.1 50022 127.0.0.1 22"
    return env


def pkit_argv(*args: str) -> list[str]:
    return [PY, "-m", "tui", "--no-restore", *args]


def _wait(term: Terminal, cond: Condition, what: str, timeout: float) -> float:
    shown = term.wait_for(cond, timeout)
    if shown is None:
        state = "program exited" if not term.alive else f"not within {timeout:g}s"
        raise StepFailed(f"{what}: {state}", term.lines())
    return shown


def step(term: Terminal, key: str, cond: Condition, what: str, opts: Options) -> Record:
    """Press ``key``; latency until ``cond`` holds, bytes until the screen settles."""
    if cond(term.text()):
        raise StepFailed(f"{what}: already on screen before the key (check bench.expected)", [])
    before = term.total_bytes
    cpu0 = term.cpu_seconds()
    pressed = term.press(key)
    shown = _wait(term, cond, what, opts.timeout)
    cpu1 = term.cpu_seconds()
    term.settle(opts.quiet)
    return {
        "key": key,
        "what": what,
        "latency": shown - pressed,
        "bytes": term.total_bytes - before,
        # the program's CPU time from the key until the figures showed (less noisy than wall)
        "cpu": None if cpu0 is None or cpu1 is None else cpu1 - cpu0,
    }


def _failed(rec: Record, exc: StepFailed) -> Record:
    rec.update(ok=False, error=exc.what, screen=exc.screen)
    return rec


# -- the runs ------------------------------------------------------------------------------


def _startup(term: Terminal, rec: Record, opts: Options) -> None:
    """First paint and data ready (wall and CPU time since spawn) into ``rec``."""
    rec["first_paint"] = _wait(term, expected.PKIT_FRAME, "frame", opts.timeout) - term.started
    rec["cpu_first_paint"] = term.cpu_seconds()
    rec["data_ready"] = _wait(term, expected.PKIT_READY, "FY total", opts.timeout) - term.started
    rec["cpu_data_ready"] = term.cpu_seconds()


def pkit_run(cfg: Config, opts: Options) -> Record:
    """Start pkit on the bundled data; first paint, data ready, FY steps, pane switches, idle."""
    rec: Record = {"kind": "pkit", "config": cfg.name, "ok": True}
    with Terminal(
        pkit_argv(), cols=cfg.cols, rows=cfg.rows, env=child_env(opts, cfg.ssh), cwd=ROOT
    ) as term:
        try:
            _startup(term, rec, opts)
            term.settle(opts.quiet)
            rec["startup_bytes"] = term.total_bytes
            rec["fy_steps"] = [step(term, k, c, w, opts) for k, w, c in expected.PKIT_FY_STEPS]
            rec["pane_switches"] = []
            for key, what, first, cond in expected.PKIT_PANE_SWITCHES:
                one = step(term, key, cond, what, opts)
                one["first_visit"] = first
                rec["pane_switches"].append(one)
            rec["idle_seconds"] = opts.idle
            rec["idle_bytes"] = term.idle(opts.idle)
            rec["peak_rss_kib"] = term.peak_rss_kib()
            rec["loader_peak_rss_kib"] = term.helper_peak_kib
        except StepFailed as exc:
            _failed(rec, exc)
    return rec


def pkit_changed_run(cfg: Config, opts: Options, run: int) -> Record:
    """pkit's first start after data/ changed: its snapshot no longer matches, so it
    validates in full (pandas, in the loader process); first paint and data ready."""
    rec: Record = {"kind": "pkit_changed", "config": cfg.name, "ok": True}
    env = child_env(opts, cfg.ssh)
    env["XDG_CACHE_HOME"] = str(stale_cache(opts, run))
    with Terminal(pkit_argv(), cols=cfg.cols, rows=cfg.rows, env=env, cwd=ROOT) as term:
        try:
            _startup(term, rec, opts)
            rec["loader_peak_rss_kib"] = term.helper_peak_kib
        except StepFailed as exc:
            _failed(rec, exc)
    return rec


def stale_cache(opts: Options, run: int) -> Path:
    """A cache folder holding the warm-up's snapshot with one data file's digest changed,
    as after an edit of that file (the files themselves stay as they are)."""
    folder = opts.workdir / f"cache-changed-{run}" / "pkit"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for made in (opts.workdir / "cache" / "pkit").glob("data-*.json"):
        head, body = made.read_bytes().split(b"\n", 1)
        header = json.loads(head)
        first = sorted(header["files"])[0]
        header["files"][first] = "0" * 64
        target = folder / made.name
        target.write_bytes(json.dumps(header).encode() + b"\n" + body)
        target.chmod(0o600)
    return folder.parent


def baseline_run(cfg: Config, opts: Options, *, import_pandas: bool = False) -> Record:
    """The bare Textual app: first frame, four tab switches, peak RSS."""
    argv = [PY, "-m", "bench.baseline_app"] + (["--import-pandas"] if import_pandas else [])
    kind = "baseline_pandas" if import_pandas else "baseline"
    rec: Record = {"kind": kind, "config": cfg.name, "ok": True}
    with Terminal(
        argv, cols=cfg.cols, rows=cfg.rows, env=child_env(opts, cfg.ssh), cwd=ROOT
    ) as term:
        try:
            rec["first_paint"] = _wait(term, expected.BASE_FRAME, "frame", opts.timeout) - (
                term.started
            )
            rec["cpu_first_paint"] = term.cpu_seconds()
            _wait(term, expected.BASE_ALPHA, "table", opts.timeout)
            term.settle(opts.quiet)
            rec["startup_bytes"] = term.total_bytes
            rec["tab_switches"] = [
                step(term, key, cond, f"tab {key}", opts) for key, cond in expected.BASE_SWITCHES
            ]
            rec["peak_rss_kib"] = term.peak_rss_kib()
        except StepFailed as exc:
            _failed(rec, exc)
    return rec


def exit_run(kind: str, argv: Sequence[str], cfg: Config, opts: Options) -> Record:
    """A program that runs to its end (``python -c "import pandas"``, ``pkit validate``)."""
    res = run_to_exit(
        argv,
        cols=cfg.cols,
        rows=cfg.rows,
        env=child_env(opts, cfg.ssh),
        cwd=ROOT,
        timeout=opts.timeout * 20,
    )
    ok = res["exit_code"] == 0 and res["seconds"] is not None
    rec: Record = {
        "kind": kind,
        "config": cfg.name,
        "ok": ok,
        "seconds": res["seconds"],
        "cpu": res["cpu"],
    }
    if not ok:
        rec.update(error=f"exit code {res['exit_code']}", screen=res["screen"])
    return rec


def warm_bytecode(log: Log) -> None:
    """Compile pkit's and the baselines' modules, as a wheel install does.

    Without it, a checkout whose sources changed since their ``.pyc`` was written (or run
    with PYTHONDONTWRITEBYTECODE) compiles them again at every start: tens of milliseconds
    charged to pkit's start-up that an installed pkit never pays.
    """
    spec = importlib.util.find_spec("tui")
    folders = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    folders.append(Path(__file__).resolve().parent)
    stale = 0
    for folder in folders:
        for source in folder.rglob("*.py"):
            cached = Path(importlib.util.cache_from_source(str(source)))
            if not cached.exists() or cached.stat().st_mtime < source.stat().st_mtime:
                stale += 1
        compileall.compile_dir(str(folder), quiet=1)
    log(f"bytecode: compiled {stale} stale or missing module(s) under {len(folders)} folder(s)")


def warm_up(opts: Options) -> None:
    """One unrecorded run of each program: the page cache is warm after it."""
    quick = replace(opts, idle=0.0)
    made = exit_run("summary", SUMMARY, MAIN, opts)  # validates data/ and keeps its snapshot
    snapshots = list((opts.workdir / "cache" / "pkit").glob("data-*.json"))
    opts.log(f"[warm-up] snapshot     {len(snapshots)} made by `pkit summary` ({_brief(made)})")
    for rec in (pkit_run(MAIN, quick), baseline_run(MAIN, quick)):
        opts.log(f"[warm-up] {rec['kind']:16} {_brief(rec)}")
    exit_run("pandas_import", PANDAS, MAIN, opts)
    exit_run("rich_import", RICH, MAIN, opts)


def _rotate(items: list[Any], by: int) -> list[Any]:
    by %= max(len(items), 1)
    return items[by:] + items[:by]


def run_main(opts: Options) -> dict[str, dict[str, list[Record]]]:
    """Startup, responsiveness, bandwidth and memory: every config, runs interleaved."""
    out: dict[str, dict[str, list[Record]]] = {cfg.name: {} for cfg in opts.configs}
    warm_up(opts)
    for i in range(opts.runs):
        for cfg in _rotate(list(opts.configs), i):
            jobs: list[tuple[str, Callable[[], Record]]] = [
                ("pkit", partial(pkit_run, cfg, opts)),
                ("baseline", partial(baseline_run, cfg, opts)),
            ]
            if cfg == opts.configs[0]:
                jobs += [
                    ("baseline_pandas", partial(baseline_run, cfg, opts, import_pandas=True)),
                    ("pandas_import", partial(exit_run, "pandas_import", PANDAS, cfg, opts)),
                    ("python_bare", partial(exit_run, "python_bare", BARE, cfg, opts)),
                    ("pkit_changed", partial(pkit_changed_run, cfg, opts, i)),
                    ("summary", partial(exit_run, "summary", SUMMARY, cfg, opts)),
                    ("export", partial(exit_run, "export", EXPORT, cfg, opts)),
                    ("rich_import", partial(exit_run, "rich_import", RICH, cfg, opts)),
                ]
            for kind, job in _rotate(jobs, i):
                rec = job()
                rec["run"] = i
                out[cfg.name].setdefault(kind, []).append(rec)
                opts.log(f"[{i + 1}/{opts.runs}] {cfg.name:12} {kind:16} {_brief(rec)}")
    return out


def _brief(rec: Record) -> str:
    if not rec.get("ok", False):
        return f"FAILED: {rec.get('error')}"
    bits = []
    for key in ("first_paint", "data_ready", "seconds", "validate"):
        if isinstance(rec.get(key), float):
            bits.append(f"{key} {rec[key]:.3f}s")
    for key in (
        "fy_steps",
        "pane_switches",
        "tab_switches",
        "overview_fy_steps",
        "exports_first_visit",
        "exports_fy_steps",
    ):
        steps = rec.get(key)
        if isinstance(steps, dict):
            steps = [steps]
        if steps:
            ms = ", ".join(f"{s['latency'] * 1000:.0f}" for s in steps)
            bits.append(f"{key} [{ms}] ms")
    if "idle_bytes" in rec:
        bits.append(f"idle {rec['idle_bytes']} B")
    if rec.get("peak_rss_kib"):
        bits.append(f"rss {rec['peak_rss_kib'] / 1024:.0f} MiB")
    return "  ".join(bits)


# -- scale ---------------------------------------------------------------------------------


def scale_run(size: int, folder: Path, opts: Options) -> Record:
    """pkit on a synthetic dataset: data ready, FY steps on the overview and on Exports."""
    cfg = MAIN
    last = synth.LAST_FY
    rec: Record = {"kind": "pkit_scale", "size": size, "ok": True}
    timeout = opts.timeout * 20
    with Terminal(
        pkit_argv("--data", str(folder)),
        cols=cfg.cols,
        rows=cfg.rows,
        env=child_env(opts, cfg.ssh),
        cwd=ROOT,
    ) as term:
        try:
            rec["first_paint"] = _wait(term, expected.PKIT_FRAME, "frame", opts.timeout) - (
                term.started
            )
            rec["data_ready"] = _wait(term, expected.synth_overview(last), "FY total", timeout) - (
                term.started
            )
            rec["cpu_data_ready"] = term.cpu_seconds()
            term.settle(opts.quiet)
            slow = replace(opts, timeout=timeout)
            back, fwd = expected.synth_overview(last - 1), expected.synth_overview(last)
            rec["overview_fy_steps"] = [
                step(term, key, cond, f"overview {key}", slow)
                for key, cond in (("[", back), ("]", fwd), ("[", back), ("]", fwd))
            ]
            rec["exports_first_visit"] = step(
                term, "2", expected.synth_exports(last), "exports", slow
            )
            back, fwd = expected.synth_exports(last - 1), expected.synth_exports(last)
            rec["exports_fy_steps"] = [
                step(term, key, cond, f"exports {key}", slow)
                for key, cond in (("[", back), ("]", fwd))
            ]
            rec["peak_rss_kib"] = term.peak_rss_kib()
        except StepFailed as exc:
            _failed(rec, exc)
    return rec


def run_scale(opts: Options) -> dict[str, Any]:
    """Generate the synthetic datasets, then validate and open each, sizes interleaved."""
    base = opts.workdir / "datasets"
    made: dict[int, synth.Synth] = {}
    for size in opts.sizes:
        made[size] = synth.generate(base / f"obs{size}", size)
        s = made[size]
        opts.log(
            f"[scale] generated {size:,} monthly observations: {s.rows:,} rows, "
            f"{s.series:,} series in {s.seconds:.2f}s"
        )
    runs: dict[str, list[Record]] = {}
    for i in range(opts.scale_runs):
        for size in _rotate(list(opts.sizes), i):
            folder = made[size].folder
            for job in _rotate(["validate", "pkit"], i):
                if job == "validate":
                    rec = exit_run(
                        "validate", [PY, "-m", "tui", "validate", str(folder)], MAIN, opts
                    )
                else:
                    rec = scale_run(size, folder, opts)
                rec.update(run=i, size=size)
                runs.setdefault(f"{job}:{size}", []).append(rec)
                opts.log(f"[{i + 1}/{opts.scale_runs}] {size:>9,} {job:8} {_brief(rec)}")
    return {
        "datasets": {
            str(size): {
                "monthly": s.monthly,
                "rows": s.rows,
                "series": s.series,
                "generate_seconds": s.seconds,
            }
            for size, s in made.items()
        },
        "runs": runs,
    }
