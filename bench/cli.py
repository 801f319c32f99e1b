"""``python -m bench``: run the suites, print one Markdown table, save the JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import report, suites
from bench.serve import run_serve

RESULTS = Path(__file__).resolve().parent / "results"
QUICK_SIZES = (10_000, 100_000)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": _version("textual"),
        "pandas": _version("pandas"),
        "pyte": _version("pyte"),
        "pkit": _version("pkit"),
        "load_average_at_start": [round(x, 2) for x in load] if load else None,
    }


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="pkit benchmarks: every figure a ratio against a baseline run alongside.",
    )
    p.add_argument("--quick", action="store_true", help="2 runs, 3 s idle, no 1M dataset")
    p.add_argument("--runs", type=int, help="runs of pkit and of each baseline (default 5)")
    p.add_argument("--scale-runs", type=int, help="runs per synthetic dataset (default 5)")
    p.add_argument("--idle", type=float, help="seconds of idle measured (default 10)")
    p.add_argument(
        "--sizes",
        help="monthly observations per synthetic dataset, comma-separated "
        "(default 10000,100000,1000000)",
    )
    p.add_argument(
        "--only",
        action="append",
        choices=("main", "scale", "serve"),
        help="run only these sections (repeatable)",
    )
    p.add_argument("--json", type=Path, default=RESULTS / "latest.json", help="JSON output")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return p


def options(args: argparse.Namespace, workdir: Path) -> suites.Options:
    opts = suites.Options(workdir=workdir, log=_log)
    if args.quick:
        opts.runs, opts.scale_runs, opts.idle, opts.sizes = 2, 2, 3.0, QUICK_SIZES
    if args.runs is not None:
        opts.runs = max(1, args.runs)
    if args.scale_runs is not None:
        opts.scale_runs = max(1, args.scale_runs)
    if args.idle is not None:
        opts.idle = args.idle
    if args.sizes:
        opts.sizes = tuple(sorted(int(s.replace("_", "")) for s in args.sizes.split(",")))
    return opts


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sections = set(args.only or ("main", "scale", "serve"))
    workdir = Path(tempfile.mkdtemp(prefix="pkit-bench-"))
    opts = options(args, workdir)
    started = time.monotonic()
    result: dict[str, Any] = {
        "meta": {
            "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "machine": machine(),
            "argv": list(argv if argv is not None else sys.argv[1:]),
            "runs": opts.runs,
            "scale_runs": opts.scale_runs,
            "idle_seconds": opts.idle,
            "sizes": list(opts.sizes),
            "configs": [c.name for c in opts.configs],
        }
    }
    metrics: list[report.Metric] = []
    extra: list[tuple[str, str]] = []
    suites.warm_bytecode(opts.log)  # once, before any section starts a program
    try:
        if "main" in sections:
            _log(f"== startup, responsiveness, bandwidth, memory: {opts.runs} runs each ==")
            result["main"] = suites.run_main(opts)
            metrics += report.main_metrics(result["main"], opts.configs[0].name)
        if "scale" in sections:
            _log(f"== scale: {', '.join(f'{s:,}' for s in opts.sizes)} monthly observations ==")
            result["scale"] = suites.run_scale(opts)
            metrics += report.scale_metrics(result["scale"])
        if "serve" in sections:
            _log("== serve-ssh ==")
            result["serve"] = run_serve(opts)
            if result["serve"].get("measured"):
                metrics += report.serve_metrics(
                    result["serve"], result.get("main", {}), opts.configs[0].name
                )
            elif not result["serve"].get("available"):
                why = result["serve"]["reason"]
                extra.append(("serve-ssh", f"not measured: serve-ssh not available ({why})"))
            else:
                extra.append(("serve-ssh", f"not measured: {result['serve']['reason']}"))
    finally:
        if args.keep:
            _log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    result["meta"]["seconds"] = round(time.monotonic() - started, 1)
    table = report.markdown(metrics, extra)
    result["metrics"] = [m.to_json() for m in metrics]
    result["table"] = table
    failures = _failures(result)
    result["failures"] = failures
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    args.json.with_suffix(".md").write_text(table, encoding="utf-8")
    print(_heading(result["meta"]))
    print(table)
    for f in failures:
        print(f"- failed run: {f}")
    _log(f"saved {args.json} and {args.json.with_suffix('.md')} in {result['meta']['seconds']} s")
    return 1 if failures else 0


def _heading(meta: dict[str, Any]) -> str:
    m = meta["machine"]
    return (
        f"pkit benchmarks, {meta['started']}: {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gib']} GiB, {m['os']}; Python {m['python']}, Textual {m['textual']}, "
        f"pandas {m['pandas']}; {meta['runs']} runs of each program (startup to memory), "
        f"{meta['scale_runs']} per dataset (scale), interleaved; {meta['seconds']} s in all.\n"
    )


def _failures(result: dict[str, Any]) -> list[str]:
    out = []
    for cfg, kinds in result.get("main", {}).items():
        for kind, recs in kinds.items():
            for r in recs:
                if not r.get("ok"):
                    out.append(f"{cfg} {kind} run {r.get('run')}: {r.get('error')}")
    for name, recs in result.get("scale", {}).get("runs", {}).items():
        for r in recs:
            if not r.get("ok"):
                out.append(f"scale {name} run {r.get('run')}: {r.get('error')}")
    return out
