"""``python -m bench.ab OLD_SRC NEW_SRC``: two versions of pkit's start, side by side.

On a shared machine a full run's ratios move with the other tenants' load. To tell whether
a change made the start faster, this runs pkit from two source folders (``src`` of two
checkouts, put first on ``PYTHONPATH``) in the same minutes, interleaved and in alternating
order, next to the baselines of ``python -m bench``: spawn until the FY2024-25 total is on
screen (data unchanged: each version reads its own snapshot) over the bare Textual app's
first frame, and ``pkit summary`` and ``pkit export`` over ``python -c "import rich.console"``.
With ``--panes`` it measures instead the pane switches of ``python -m bench`` (first visits
to Exports and Imports, then revisits), in an 80x24 terminal with and without
``SSH_CONNECTION``, over the bare app's tab switches. Each cell is the median (min-max) of
the paired per-run ratios, wall time and the program's CPU time.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from bench import expected, suites
from bench.term import Condition, Terminal, run_to_exit

Timing = tuple[float, float]  # wall seconds, CPU seconds


def _env(opts: suites.Options, src: Path | None, ssh: bool = False) -> dict[str, str]:
    env = suites.child_env(opts, ssh=ssh)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def _ready(opts: suites.Options, src: Path) -> Timing:
    argv = suites.pkit_argv()
    with Terminal(argv, cols=80, rows=24, env=_env(opts, src), cwd=suites.ROOT) as term:
        shown = term.wait_for(expected.PKIT_READY, opts.timeout)
        cpu = term.cpu_seconds()
    if shown is None or cpu is None:
        raise SystemExit(f"{src}: the FY total never showed")
    return shown - term.started, cpu


def _bare(opts: suites.Options) -> Timing:
    argv = [suites.PY, "-m", "bench.baseline_app"]
    with Terminal(argv, cols=80, rows=24, env=_env(opts, None), cwd=suites.ROOT) as term:
        shown = term.wait_for(expected.BASE_FRAME, opts.timeout)
        cpu = term.cpu_seconds()
    if shown is None or cpu is None:
        raise SystemExit("the bare app never drew its frame")
    return shown - term.started, cpu


def _switches(
    term: Terminal, steps: Sequence[tuple[str, Condition]], opts: suites.Options
) -> Timing:
    """The mean latency and CPU time of ``steps`` (key, what it shows), pressed in turn."""
    records = [suites.step(term, key, cond, f"key {key}", opts) for key, cond in steps]
    return (
        statistics.mean(r["latency"] for r in records),
        statistics.mean(r["cpu"] or 0.0 for r in records),
    )


def _visits(opts: suites.Options, src: Path, *, first: bool, ssh: bool) -> Timing:
    """pkit's pane switches of ``python -m bench`` (Exports and Imports, then back and
    forth): the first visits' mean, or the revisits'."""
    env = _env(opts, src, ssh=ssh)
    with Terminal(suites.pkit_argv(), cols=80, rows=24, env=env, cwd=suites.ROOT) as term:
        if term.wait_for(expected.PKIT_READY, opts.timeout) is None:
            raise SystemExit(f"{src}: the FY total never showed")
        term.settle(opts.quiet)
        records = [
            (suites.step(term, key, cond, f"key {key}", opts), once)
            for key, _, once, cond in expected.PKIT_PANE_SWITCHES
        ]
    wanted = [r for r, once in records if once == first]
    return (
        statistics.mean(r["latency"] for r in wanted),
        statistics.mean(r["cpu"] or 0.0 for r in wanted),
    )


def _tab_switches(opts: suites.Options, *, ssh: bool) -> Timing:
    """The bare app's tab switches, in the same terminal."""
    argv = [suites.PY, "-m", "bench.baseline_app"]
    env = _env(opts, None, ssh=ssh)
    with Terminal(argv, cols=80, rows=24, env=env, cwd=suites.ROOT) as term:
        if term.wait_for(expected.BASE_ALPHA, opts.timeout) is None:
            raise SystemExit("the bare app never drew its table")
        term.settle(opts.quiet)
        return _switches(term, expected.BASE_SWITCHES, opts)


def _exit(opts: suites.Options, argv: Sequence[str], src: Path | None) -> Timing:
    res = run_to_exit(
        argv, cols=80, rows=24, env=_env(opts, src), cwd=suites.ROOT, timeout=opts.timeout
    )
    if res["exit_code"] != 0 or res["seconds"] is None or res["cpu"] is None:
        raise SystemExit(f"{' '.join(argv)} ({src}): exit code {res['exit_code']}")
    return float(res["seconds"]), float(res["cpu"])


def _ratios(run: Timing, base: Timing) -> Timing:
    return run[0] / base[0], run[1] / base[1]


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def compare(
    srcs: Sequence[Path], runs: int, opts: suites.Options, *, panes: bool = False
) -> list[str]:
    """The Markdown table: one row per measure and version."""
    for src in srcs:
        compileall.compile_dir(str(src), quiet=1)  # as an installed pkit: no stale bytecode
        _exit(opts, suites.SUMMARY, src)  # validates data/ and keeps this version's snapshot
    measures: list[tuple[str, Callable[[Path], Timing], Callable[[], Timing]]] = [
        ("data ready / bare first frame", lambda s: _ready(opts, s), lambda: _bare(opts)),
        (
            "`pkit summary` / import rich.console",
            lambda s: _exit(opts, suites.SUMMARY, s),
            lambda: _exit(opts, suites.RICH, None),
        ),
        (
            "`pkit export` / import rich.console",
            lambda s: _exit(opts, suites.EXPORT, s),
            lambda: _exit(opts, suites.RICH, None),
        ),
    ]
    if panes:
        measures = [
            (
                f"{kind} / tab switch (80x24{' SSH' if ssh else ''})",
                partial(_visits, opts, first=first, ssh=ssh),
                partial(_tab_switches, opts, ssh=ssh),
            )
            for ssh in (True, False)
            for first, kind in ((True, "pane switch, first visit"), (False, "revisit"))
        ]
    found: dict[tuple[str, Path], list[Timing]] = {}
    for i in range(runs):
        for name, run, baseline in measures:
            before = baseline()
            order = list(srcs) if i % 2 == 0 else list(reversed(srcs))
            timings = {src: run(src) for src in order}
            after = baseline()
            base = ((before[0] + after[0]) / 2, (before[1] + after[1]) / 2)
            for src, timing in timings.items():
                found.setdefault((name, src), []).append(_ratios(timing, base))
            opts.log(f"[{i + 1}/{runs}] {name}: done")
    lines = ["| measure | source | wall ratio | CPU ratio |", "| --- | --- | --- | --- |"]
    for (name, src), values in found.items():
        wall, cpu = _cell([v[0] for v in values]), _cell([v[1] for v in values])
        lines.append(f"| {name} | {src} | {wall} | {cpu} |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__)
    p.add_argument("old", type=Path, help="the src folder of one checkout")
    p.add_argument("new", type=Path, help="the src folder of the other")
    p.add_argument("--runs", type=int, default=8, help="paired runs per measure (default 8)")
    p.add_argument(
        "--panes",
        action="store_true",
        help="measure the first visits to Exports and Imports instead of the start",
    )
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pkit-ab-") as work:
        opts = suites.Options(workdir=Path(work), log=lambda msg: print(msg, flush=True))
        print(
            "\n".join(
                compare([args.old.resolve(), args.new.resolve()], args.runs, opts, panes=args.panes)
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
