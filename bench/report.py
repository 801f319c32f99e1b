"""Raw runs to figures: medians, ranges, ratios against the same run's baselines, targets.

Every ratio is computed per run (pkit's run *i* over the baseline's run *i*, which ran right
next to it) and reported as the median with min to max over the runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bench.stats import Summary, median_or_none, paired_ratios, summarize

Record = dict[str, Any]
Value = Callable[[Record], float | None]

FIRST_PAINT_MAX = 1.2
DATA_READY_MAX = 1.1  # data/ changed since the last start: validated in full
DATA_READY_CACHED_MAX = 1.15  # data/ unchanged: the snapshot, against the bare first frame
CLI_MAX = 2.0  # summary and export against `python -c "import rich.console"`
SERVE_DATA_MAX = 1.2  # serve-ssh: connect to data against connect to first frame
LATENCY_MAX = 1.5
FY_STEP_1M_MAX = 0.150  # seconds
MARGINAL_MAX = 1.5  # per-observation cost, last size step over the one before
NOISE_FLOOR = 0.030  # seconds: an increase below this is not a trend


@dataclass
class Metric:
    section: str
    measure: str
    where: str
    unit: str  # s | B | MiB
    pkit: Summary | None
    baseline: Summary | None = None
    ratio: Summary | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "measure": self.measure,
            "where": self.where,
            "unit": self.unit,
            "pkit": self.pkit.to_json() if self.pkit else None,
            "baseline": self.baseline.to_json() if self.baseline else None,
            "ratio": self.ratio.to_json() if self.ratio else None,
            "target": self.target,
            "met": self.met,
            "note": self.note,
        }


# -- picking values out of runs ------------------------------------------------------------


def by_run(records: Sequence[Record]) -> dict[int, Record]:
    return {int(r["run"]): r for r in records if r.get("ok")}


def column(runs: Sequence[int], recs: dict[int, Record], value: Value) -> list[float | None]:
    return [value(recs[i]) if i in recs else None for i in runs]


def key(name: str) -> Value:
    def get(rec: Record) -> float | None:
        v = rec.get(name)
        return float(v) if isinstance(v, (int, float)) else None

    return get


def steps_median(name: str, field: str = "latency", first: bool | None = None) -> Value:
    """Per-run median over a list of steps (optionally only first visits or revisits)."""

    def get(rec: Record) -> float | None:
        steps = rec.get(name)
        if isinstance(steps, dict):
            steps = [steps]
        if not isinstance(steps, list):
            return None
        return median_or_none(
            s.get(field)
            for s in steps
            if first is None or bool(s.get("first_visit", True)) == first
        )

    return get


def kib_to_mib(value: Value) -> Value:
    def get(rec: Record) -> float | None:
        v = value(rec)
        return None if v is None else v / 1024

    return get


def compare(
    section: str,
    measure: str,
    where: str,
    unit: str,
    num: list[float | None],
    den: list[float | None],
    max_ratio: float | None = None,
    note: str = "",
    cpu: tuple[list[float | None], list[float | None]] | None = None,
) -> Metric:
    """pkit against a baseline, run by run; ``cpu`` adds the CPU-time ratio to the note."""
    ratios = paired_ratios(num, den)
    ratio = summarize(ratios)
    met = None if max_ratio is None or ratio is None else ratio.median <= max_ratio
    if cpu is not None:
        cpu_ratio = summarize(paired_ratios(*cpu))
        if cpu_ratio is not None:
            note += f"; CPU-time ratio {fmt_ratio(cpu_ratio)}"
    return Metric(
        section,
        measure,
        where,
        unit,
        summarize(num),
        summarize(den),
        ratio,
        f"≤ {max_ratio:g}" if max_ratio is not None else "",
        met,
        note,
    )


# -- the sections --------------------------------------------------------------------------


def main_metrics(main: dict[str, dict[str, list[Record]]], main_config: str) -> list[Metric]:
    out: list[Metric] = []
    for cfg, kinds in main.items():
        pk = by_run(kinds.get("pkit", []))
        bl = by_run(kinds.get("baseline", []))
        runs = sorted({int(r["run"]) for recs in kinds.values() for r in recs})
        if cfg == main_config:
            out += _startup(kinds, pk, bl, runs, cfg)
        base_switch = column(runs, bl, steps_median("tab_switches"))
        base_cpu = column(runs, bl, steps_median("tab_switches", "cpu"))
        for measure, steps, first in (
            ("FY step latency (key to new figures)", "fy_steps", None),
            ("Pane switch latency, first visit", "pane_switches", True),
            ("Pane switch latency, revisit", "pane_switches", False),
        ):
            out.append(
                compare(
                    "Responsiveness",
                    measure,
                    cfg,
                    "s",
                    column(runs, pk, steps_median(steps, first=first)),
                    base_switch,
                    LATENCY_MAX,
                    "baseline: tab switch",
                    cpu=(column(runs, pk, steps_median(steps, "cpu", first)), base_cpu),
                )
            )
    for cfg, kinds in main.items():
        pk = by_run(kinds.get("pkit", []))
        bl = by_run(kinds.get("baseline", []))
        runs = sorted({int(r["run"]) for recs in kinds.values() for r in recs})
        base_bytes = column(runs, bl, steps_median("tab_switches", "bytes"))
        for measure, steps in (
            ("Bytes per FY step", "fy_steps"),
            ("Bytes per pane switch", "pane_switches"),
        ):
            out.append(
                compare(
                    "Bandwidth",
                    measure,
                    cfg,
                    "B",
                    column(runs, pk, steps_median(steps, "bytes")),
                    base_bytes,
                    note="baseline: tab switch",
                )
            )
        idle = column(runs, pk, key("idle_bytes"))
        idle_s = next((r.get("idle_seconds") for r in pk.values()), None)
        summary = summarize(idle)
        out.append(
            Metric(
                "Bandwidth",
                f"Bytes written in {idle_s or 0:g} s idle after settling",
                cfg,
                "B",
                summary,
                target="= 0",
                met=None if summary is None else summary.hi == 0,
            )
        )
    return out


def _startup(
    kinds: dict[str, list[Record]],
    pk: dict[int, Record],
    bl: dict[int, Record],
    runs: list[int],
    cfg: str,
) -> list[Metric]:
    pandas = by_run(kinds.get("pandas_import", []))
    bare = by_run(kinds.get("python_bare", []))
    bl_pd = by_run(kinds.get("baseline_pandas", []))
    changed = by_run(kinds.get("pkit_changed", []))
    base_first = column(runs, bl, key("first_paint"))
    pandas_cost = [
        None if a is None or b is None else a - b
        for a, b in zip(
            column(runs, pandas, key("seconds")), column(runs, bare, key("seconds")), strict=True
        )
    ]
    ready_den = [
        None if a is None or b is None else a + b
        for a, b in zip(base_first, pandas_cost, strict=True)
    ]
    pandas_s = summarize(pandas_cost)
    pandas_cpu = [
        None if a is None or b is None else a - b
        for a, b in zip(
            column(runs, pandas, key("cpu")), column(runs, bare, key("cpu")), strict=True
        )
    ]
    base_cpu = column(runs, bl, key("cpu_first_paint"))
    ready_cpu_den = [
        None if a is None or b is None else a + b for a, b in zip(base_cpu, pandas_cpu, strict=True)
    ]
    loader = column(runs, changed, kib_to_mib(key("loader_peak_rss_kib")))
    loader_rows = (
        [
            compare(
                "Memory",
                "Peak RSS (VmHWM) of pkit's loader process",
                cfg,
                "MiB",
                loader,
                column(runs, bl_pd, kib_to_mib(key("peak_rss_kib"))),
                note="first start after a change to data/ (with the data unchanged no "
                "loader runs); sampled every 10 ms until the data showed; it exits once it "
                "has sent the data and written the snapshot, so it does not add to pkit's "
                "peak after start-up; baseline: bare app with pandas imported",
            )
        ]
        if any(v is not None for v in loader)
        else []
    )
    return [
        compare(
            "Startup",
            "First paint (spawn to title and pane tabs)",
            cfg,
            "s",
            column(runs, pk, key("first_paint")),
            base_first,
            FIRST_PAINT_MAX,
            "data/ unchanged since the last start; baseline: bare app's first frame",
            cpu=(column(runs, pk, key("cpu_first_paint")), base_cpu),
        ),
        compare(
            "Startup",
            "Data ready, data unchanged (spawn to FY total; snapshot)",
            cfg,
            "s",
            column(runs, pk, key("data_ready")),
            base_first,
            DATA_READY_CACHED_MAX,
            "baseline: bare app's first frame",
            cpu=(column(runs, pk, key("cpu_data_ready")), base_cpu),
        ),
        compare(
            "Startup",
            "First paint, data changed (spawn to title and pane tabs)",
            cfg,
            "s",
            column(runs, changed, key("first_paint")),
            base_first,
            FIRST_PAINT_MAX,
            "first start after an edit of data/; baseline: bare app's first frame",
            cpu=(column(runs, changed, key("cpu_first_paint")), base_cpu),
        ),
        compare(
            "Startup",
            "Data ready, data changed (spawn to FY total; validated in full)",
            cfg,
            "s",
            column(runs, changed, key("data_ready")),
            ready_den,
            DATA_READY_MAX,
            "baseline: bare app's first frame + pandas import"
            + (f" ({pandas_s.median * 1000:.0f} ms)" if pandas_s else ""),
            cpu=(column(runs, changed, key("cpu_data_ready")), ready_cpu_den),
        ),
        *_cli(kinds, runs, cfg),
        compare(
            "Memory",
            "Peak RSS (VmHWM) after startup, steps, switches",
            cfg,
            "MiB",
            column(runs, pk, kib_to_mib(key("peak_rss_kib"))),
            column(runs, bl_pd, kib_to_mib(key("peak_rss_kib"))),
            note="pkit's own process; baseline: bare app with pandas imported",
        ),
        *loader_rows,
    ]


def _cli(kinds: dict[str, list[Record]], runs: list[int], cfg: str) -> list[Metric]:
    """`pkit summary` and `pkit export` on unchanged bundled data, against the Rich floor."""
    rich = by_run(kinds.get("rich_import", []))
    out = []
    for kind, measure in (
        ("summary", "`pkit summary` (bundled data, unchanged), to exit"),
        ("export", "`pkit export --table exports -o /dev/null` (data unchanged), to exit"),
    ):
        recs = by_run(kinds.get(kind, []))
        if not recs:
            continue
        out.append(
            compare(
                "CLI",
                measure,
                cfg,
                "s",
                column(runs, recs, key("seconds")),
                column(runs, rich, key("seconds")),
                CLI_MAX,
                'baseline: `python -c "import rich.console"`',
                cpu=(column(runs, recs, key("cpu")), column(runs, rich, key("cpu"))),
            )
        )
    return out


SCALE_MEASURES: tuple[tuple[str, str, Value, Value, bool], ...] = (
    # job, measure, wall time, the program's CPU time, is an FY step (150 ms at 1M)
    ("validate", "Validate (`pkit validate DIR`, to exit)", key("seconds"), key("cpu"), False),
    ("pkit", "Data ready (spawn to FY total)", key("data_ready"), key("cpu_data_ready"), False),
    (
        "pkit",
        "FY step latency, Overview",
        steps_median("overview_fy_steps"),
        steps_median("overview_fy_steps", "cpu"),
        True,
    ),
    (
        "pkit",
        "Pane switch to Exports, first visit",
        steps_median("exports_first_visit"),
        steps_median("exports_first_visit", "cpu"),
        False,
    ),
    (
        "pkit",
        "FY step latency, Exports pane",
        steps_median("exports_fy_steps"),
        steps_median("exports_fy_steps", "cpu"),
        True,
    ),
)


def scale_metrics(scale: dict[str, Any]) -> list[Metric]:
    """Each measure at each size against the smallest size; growth judged against linear.

    Growth is judged on the program's CPU time where it was measured (a shared machine's
    other tenants add wall time, not CPU time), else on wall time; the note gives both.
    """
    runs_by_key: dict[str, list[Record]] = scale.get("runs", {})
    datasets: dict[str, Any] = scale.get("datasets", {})
    sizes = sorted(int(s) for s in datasets)
    if not sizes:
        return []
    out: list[Metric] = []
    smallest = sizes[0]
    for job, measure, value, cpu_value, is_step in SCALE_MEASURES:
        wall: dict[int, list[float | None]] = {}
        cpu: dict[int, list[float | None]] = {}
        runs = sorted({int(r["run"]) for s in sizes for r in runs_by_key.get(f"{job}:{s}", [])})
        for size in sizes:
            recs = by_run(runs_by_key.get(f"{job}:{size}", []))
            wall[size] = column(runs, recs, value)
            cpu[size] = column(runs, recs, cpu_value)
        wall_med = {s: median_or_none(v) for s, v in wall.items()}
        cpu_med = {s: median_or_none(v) for s, v in cpu.items()}
        judged = cpu_med if all(v is not None for v in cpu_med.values()) else wall_med
        basis = "CPU" if judged is cpu_med else "wall"
        for n, size in enumerate(sizes):
            info = datasets[str(size)]
            where = f"{_short(size)} obs ({info['rows']:,} rows, {info['series']:,} series)"
            target, met, note = "", None, ""
            if n == 1:
                growth = size / smallest
                m0, m1 = judged[smallest], judged[size]
                target = f"≤ ×{growth:g} vs {_short(smallest)} (linear)"
                if m0 is not None and m1 is not None:
                    met = m1 <= m0 * growth or m1 - m0 <= NOISE_FLOOR
                    note = f"{basis} time ×{m1 / m0:.2f}" if m0 > 0 else ""
            elif n >= 2:
                a, b = sizes[n - 2], sizes[n - 1]
                met, note = _marginal(a, b, size, judged, basis)
                _, wall_note = _marginal(a, b, size, wall_med, "wall")
                if basis != "wall" and wall_note:
                    note += f" ({wall_note})"
                target = f"marginal cost ≤ {MARGINAL_MAX:g}× previous (linear)"
            if is_step and n == len(sizes) - 1 and size >= 1_000_000:
                m = wall_med[size]
                target = (target + "; " if target else "") + f"< {FY_STEP_1M_MAX * 1000:.0f} ms"
                ok = m is not None and m < FY_STEP_1M_MAX
                met = ok if met is None else (met and ok)
            if n and not note:
                note = f"baseline: same measure at {_short(smallest)}"
            out.append(
                Metric(
                    "Scale",
                    measure,
                    where,
                    "s",
                    summarize(wall[size]),
                    summarize(wall[smallest]) if size != smallest else None,
                    summarize(paired_ratios(wall[size], wall[smallest]))
                    if size != smallest
                    else None,
                    target,
                    met,
                    note,
                )
            )
    return out


def serve_metrics(
    serve: dict[str, Any], main: dict[str, dict[str, list[Record]]], main_config: str
) -> list[Metric]:
    """serve-ssh against local pkit in the same run: data ready, and memory per session."""
    kinds = main.get(main_config, {})
    local = by_run(kinds.get("pkit", []))
    local_ready = summarize(key("data_ready")(r) for r in local.values())
    local_rss = summarize(kib_to_mib(key("peak_rss_kib"))(r) for r in local.values())
    out: list[Metric] = []

    def against(value: Summary | None, base: Summary | None) -> Summary | None:
        if value is None or base is None or base.median <= 0:
            return None
        r = value.median / base.median
        return Summary(r, r, r, 1)

    where = f"{main_config}, loopback"
    for field, measure in (
        ("connect_to_frame", "Connect to first frame (TCP connect to title and tabs)"),
        ("connect_to_data", "Connect to data (TCP connect to FY total)"),
    ):
        got = summarize(serve.get(field, []))
        out.append(
            Metric(
                "serve-ssh",
                measure,
                where,
                "s",
                got,
                local_ready,
                against(got, local_ready),
                note="baseline: local pkit data ready (median); ratio of medians",
            )
        )
    frames, data = serve.get("connect_to_frame", []), serve.get("connect_to_data", [])
    if frames and data:
        out.append(
            compare(
                "serve-ssh",
                "Connect to data over connect to first frame",
                where,
                "s",
                data,
                frames,
                SERVE_DATA_MAX,
                "the same session's two times; the sessions are forked from a template "
                "that validated the data once",
            )
        )
    for level in serve.get("levels", []):
        pss = level["pss_per_session_kib"] / 1024
        rss = level["rss_per_session_kib"] / 1024
        total = level["memory_kib"]["pss"] / 1024
        got = Summary(pss, pss, pss, 1)
        out.append(
            Metric(
                "serve-ssh",
                f"Memory per added session, {level['sessions']} open (Pss)",
                where,
                "MiB",
                got,
                local_rss,
                against(got, local_rss),
                note=f"Rss {rss:.0f} MiB per session; server tree Pss {total:.0f} MiB in "
                f"{level['memory_kib']['processes']} processes"
                + ("" if level.get("all_show_data") else "; NOT all sessions showed data")
                + "; baseline: local pkit peak RSS",
            )
        )
    return out + flood_metrics(serve.get("flood", []), where)


def flood_metrics(rounds: Sequence[Record], where: str) -> list[Metric]:
    """An open session's FY-step latency under a key-exchange flood over the same without."""
    ok = [r for r in rounds if r.get("ok")]
    out = []
    for field, quiet, who in (
        ("one_address", "quiet", "16 raw clients from one address"),
        ("many_addresses", "quiet_before_many", "16 raw clients from 16 addresses"),
    ):
        if not ok:
            break
        counts = [r[field]["flood"] for r in ok]
        per_s = median_or_none(
            sum(c.get(k, 0) for k in ("gex", "ecdh")) / r[field]["seconds"]
            for c, r in zip(counts, ok, strict=True)
        )
        refused = median_or_none(
            c.get("refused", 0) / r[field]["seconds"] for c, r in zip(counts, ok, strict=True)
        )
        out.append(
            compare(
                "serve-ssh",
                f"FY step latency during a key-exchange flood ({who})",
                where,
                "s",
                [r[field]["latency"] for r in ok],
                [r[quiet] for r in ok],
                LATENCY_MAX,
                note=f"baseline: the same session unloaded, just before; the server did "
                f"{per_s or 0:.0f} key exchanges/s for the flood and refused "
                f"{refused or 0:.0f} connections/s",
            )
        )
    return out


def _marginal(
    a: int, b: int, c: int, medians: Mapping[int, float | None], basis: str
) -> tuple[bool | None, str]:
    """Cost per added observation from b to c against a to b (1 = linear, 10 = quadratic)."""
    ta, tb, tc = medians[a], medians[b], medians[c]
    if ta is None or tb is None or tc is None:
        return None, ""
    first = (tb - ta) / (b - a)
    second = (tc - tb) / (c - b)
    note = (
        f"{basis} per added obs {second * 1e6:.2f} µs ({_short(b)}→{_short(c)}) vs "
        f"{first * 1e6:.2f} µs ({_short(a)}→{_short(b)})"
    )
    if tc - tb <= NOISE_FLOOR:
        return True, note + ", increase within noise"
    if tb - ta <= NOISE_FLOOR:
        # the first step is lost in noise: its per-observation cost is at most noise / (b-a),
        # so a linear cost adds at most that much per observation from b to c
        bound = NOISE_FLOOR / (b - a)
        return second <= MARGINAL_MAX * bound, note + (
            f"; {_short(a)}→{_short(b)} within noise, so at most {bound * 1e6:.2f} µs, "
            f"ratio to that {second / bound:.2f}"
        )
    return second <= MARGINAL_MAX * first, note + f", ratio {second / first:.2f}"


def _short(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return f"{n:,}"


# -- formatting ----------------------------------------------------------------------------


def fmt_value(v: float, unit: str, like: float | None = None) -> str:
    ref = v if like is None else like
    if unit == "s":
        return f"{v * 1000:.0f}" if abs(ref) < 1 else f"{v:.2f}"
    if unit == "B":
        return f"{v:,.0f}"
    if unit == "MiB":
        return f"{v:.0f}"
    return f"{v:.2f}"


def unit_label(unit: str, like: float) -> str:
    if unit == "s":
        return "ms" if abs(like) < 1 else "s"
    return unit


def fmt_summary(s: Summary | None, unit: str) -> str:
    if s is None:
        return "—"
    med = fmt_value(s.median, unit)
    label = unit_label(unit, s.median)
    if s.n == 1 or s.lo == s.hi:
        return f"{med} {label}"
    lo, hi = fmt_value(s.lo, unit, s.median), fmt_value(s.hi, unit, s.median)
    return f"{med} {label} ({lo}–{hi})"


def fmt_ratio(s: Summary | None) -> str:
    if s is None:
        return "—"
    if s.n == 1 or s.lo == s.hi:
        return f"{s.median:.2f}"
    return f"{s.median:.2f} ({s.lo:.2f}–{s.hi:.2f})"


def markdown(metrics: Sequence[Metric], extra: Sequence[tuple[str, str]] = ()) -> str:
    """One Markdown table; ``extra`` adds (section, text) rows for things not measured."""
    head = (
        "| Section | Measure | Terminal / data | pkit | Baseline | Ratio | Target | Met | Notes |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
    )
    rows = []
    for m in metrics:
        met = "—" if m.met is None else ("yes" if m.met else "**no**")
        rows.append(
            f"| {m.section} | {m.measure} | {m.where} | {fmt_summary(m.pkit, m.unit)} | "
            f"{fmt_summary(m.baseline, m.unit)} | {fmt_ratio(m.ratio)} | {m.target or '—'} | "
            f"{met} | {m.note} |"
        )
    for section, text in extra:
        rows.append(f"| {section} | {text} | — | — | — | — | — | — | |")
    return head + "\n".join(rows) + "\n"
