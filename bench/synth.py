"""Synthetic pkit datasets of any size, in the real schema (see data/README.md).

``generate(folder, monthly=1_000_000)`` writes manifest.toml, sources.toml, series.toml,
observations.csv, quotes.toml, statements.toml and claims.toml. The observations are
``monthly`` monthly figures (``2019-07``) spread over as many series as it takes at
``MONTHS`` months each, plus one full-year figure per series and fiscal year, a conflict
with a preferred value, a missing row, part-year figures and quoted excerpts. The headline
figures are fixed (see :data:`TOTALS`), so the harness knows what the overview must show.

``python -m bench.synth DIR --monthly 100000`` writes one from the command line.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.data.fiscal import fy_label

FIRST_FY = 2015  # FY2015-16
FYS = 10  # FY2015-16 .. FY2024-25
MONTHS = FYS * 12
LAST_FY = FIRST_FY + FYS - 1
N_SOURCES = 24
BASES = ("SBP", "PBS", "MoITT", "PTA", "Finance", "ITC", "press")
BRANCHES = ("computer_services", "telecom_services", "information_services")

# headline full-year figures (US$ million) by fiscal year: the overview shows these
TOTALS = {FIRST_FY + k: 2000 + 123 * k for k in range(FYS)}  # FY2024-25: 3,107
HARDWARE = {FIRST_FY + k: round(3.1 + 0.4 * k, 1) for k in range(FYS)}  # FY2024-25: 6.7

HEADLINE = (
    # id, name, group, parent, order
    ("ict_exports", "ICT services exports (synthetic)", "exports", None, 10),
    ("computer_services", "Computer services", "exports", "ict_exports", 10),
    ("telecom_services", "Telecommunication services", "exports", "ict_exports", 20),
    ("information_services", "Information services", "exports", "ict_exports", 30),
    ("software_consultancy", "Software consultancy", "exports", "computer_services", 10),
    ("hardware_consultancy", "Hardware consultancy", "exports", "computer_services", 20),
    ("office_machinery_imports", "Office machinery imports", "imports", None, 10),
)


@dataclass(frozen=True)
class Synth:
    folder: Path
    monthly: int  # monthly observations
    rows: int  # all rows of observations.csv
    series: int
    seconds: float  # time to write


def total_text(fy: int) -> str:
    """The FY total as the overview shows it (thousands separated)."""
    return f"{TOTALS[fy]:,}"


def hardware_text(fy: int) -> str:
    return f"{HARDWARE[fy]:g}"


def _months() -> list[tuple[int, str]]:
    """(fiscal year, ``YYYY-MM``) for every month of the span, oldest first."""
    out = []
    for fy in range(FIRST_FY, LAST_FY + 1):
        for i in range(12):
            month = 7 + i
            year = fy if month <= 12 else fy + 1
            out.append((fy, f"{year}-{(month - 1) % 12 + 1:02d}"))
    return out


def _series_toml(ids: list[str]) -> str:
    parts = []
    fixed = {h[0]: h for h in HEADLINE}
    for n, sid in enumerate(ids):
        if sid in fixed:
            _, name, group, parent, order = fixed[sid]
        else:
            name, group = f"Synthetic category {n:06d}", "exports"
            parent, order = BRANCHES[n % len(BRANCHES)], 100 + n
        parent_line = f'parent = "{parent}"\n' if parent else ""
        parts.append(
            f'[[series]]\nid = "{sid}"\nname = "{name}"\ngroup = "{group}"\n{parent_line}'
            f'unit = "US$ million"\ncalendar = "fy"\norder = {order}\n'
            f'description = "synthetic series {n}"\n'
        )
    parts.append(
        '[[series]]\nid = "handsets_local"\nname = "Handsets assembled locally"\n'
        'group = "assembly"\nunit = "million units"\ncalendar = "cy"\norder = 10\n'
    )
    return "\n".join(parts)


def _sources_toml() -> str:
    parts = []
    for n in range(N_SOURCES):
        parts.append(
            f'[[source]]\nid = "syn-src-{n:02d}"\ntitle = "Synthetic release {n}"\n'
            f'publisher = "Publisher {n % 7}"\ndate = "2025-{n % 12 + 1:02d}-15"\n'
            f'url = "https://example.org/synthetic/{n}"\nbasis = "{BASES[n % len(BASES)]}"\n'
            f'reliability = "{"low" if n % 11 == 10 else "normal"}"\n'
        )
    return "\n".join(parts)


def _quotes_toml() -> str:
    parts = []
    for n in range(30):
        fy = LAST_FY - n % 3
        direct = n % 2 == 0
        parts.append(
            f'[[quote]]\nid = "syn-quote-{n:02d}"\nspeaker = "Speaker {n % 9}"\n'
            f'person = "speaker-{n % 9}"\nrole = "Role {n}"\norganisation = "Org {n % 5}"\n'
            f'date = "2025-0{n % 9 + 1}-01"\noutlet = "Outlet {n % 4}"\n'
            f'source = "syn-src-{n % N_SOURCES:02d}"\n'
            f'kind = "{"direct" if direct else "reported"}"\n'
            f'text = "Exports reached {TOTALS[fy]} million dollars in {fy_label(fy)}."\n'
            f'topics = ["exports"]\nseries = ["ict_exports"]\nperiods = ["{fy_label(fy)}"]\n'
            f'claim_series = "ict_exports"\nclaim_period = "{fy_label(fy)}"\n'
            f"claim_value = {TOTALS[fy] + (n % 4) * 50}.0\n"
        )
    return "\n".join(parts)


STATEMENTS = """\
[[statement]]
id = "hardware-import-dependence"
label = "Share of hardware needs met by imports"
value = 99.0
unit = "%"
items = ["desktops", "laptops"]
sources = ["syn-src-00"]
excerpt = "99% of hardware needs are imported"
"""


def _claims_toml() -> str:
    parts = []
    for n, fy in enumerate(range(FIRST_FY + 1, LAST_FY + 1)):
        pct = (TOTALS[fy] / TOTALS[fy - 1] - 1) * 100
        parts.append(
            f'[[claim]]\nid = "syn-claim-{n:02d}"\nseries = "ict_exports"\n'
            f'from_period = "{fy_label(fy - 1)}"\nto_period = "{fy_label(fy)}"\n'
            f'quoted_pct = {pct + (n % 3 - 1) * 0.3:.1f}\nsource = "syn-src-{n:02d}"\n'
        )
    return "\n".join(parts)


MANIFEST = """\
name = "pkit synthetic benchmark dataset"
version = "bench"

[files]
sources = "sources.toml"
series = "series.toml"
observations = "observations.csv"
quotes = "quotes.toml"
statements = "statements.toml"
claims = "claims.toml"

[analytics]
total_series = "ict_exports"
software_series = "software_consultancy"
hardware_export_series = "hardware_consultancy"
hardware_import_series = ["office_machinery_imports"]
"""

HEADER = "series,period,value,qualifier,unit,source,status,preferred,reason,note,excerpt"


def _observations(ids: list[str], monthly: int) -> tuple[str, int]:
    """observations.csv (plain string joins, no csv module) and its number of rows."""
    months = _months()
    lines = [HEADER]
    left = monthly
    for n, sid in enumerate(ids):
        take = min(MONTHS, left)
        left -= take
        if sid == "ict_exports":
            base = [TOTALS[fy] / 12 for fy, _ in months]
        elif sid == "hardware_consultancy":
            base = [HARDWARE[fy] / 12 for fy, _ in months]
        else:
            scale = 1.0 + (n * 37 % 101) / 10
            base = [scale * (1 + i / 240) for i in range(MONTHS)]
        src = f"syn-src-{n % N_SOURCES:02d}"
        tail = f",,,{src},,,,,"
        lines.extend(
            f"{sid},{label},{base[i]:.3f}{tail}" for i, (_, label) in enumerate(months[:take])
        )
        for k in range(FYS):
            fy = FIRST_FY + k
            label = fy_label(fy)
            if sid == "ict_exports":
                if fy == LAST_FY:  # a conflict: two sources, one preferred with a reason
                    excerpt = f'"exports reached ${TOTALS[fy]:,} million"'
                    lines.append(
                        f"{sid},{label},{TOTALS[fy]},,,syn-src-00,,yes,"
                        f'"official figure, most precise",,{excerpt}'
                    )
                    lines.append(f"{sid},{label},{TOTALS[fy] + 7},,,syn-src-01,,,,,")
                else:
                    lines.append(f"{sid},{label},{TOTALS[fy]}{tail}")
                lines.append(f"{sid},{label}/6M,{TOTALS[fy] // 2}{tail}")
            elif sid == "hardware_consultancy":
                lines.append(f"{sid},{label},{HARDWARE[fy]:g}{tail}")
            elif sid == "software_consultancy" and fy == LAST_FY:
                lines.append(f"{sid},{label},,,,{src},missing,,,not published for {label},")
            else:
                value = sum(base[k * 12 : k * 12 + 12])
                lines.append(f"{sid},{label},{value:.1f}{tail}")
    for year in range(2019, 2025):
        lines.append(f"handsets_local,CY{year},{10 + year - 2019}.5,,,syn-src-03,,,,,")
    return "\n".join(lines) + "\n", len(lines) - 1


def series_ids(monthly: int) -> list[str]:
    """Headline series first, then as many synthetic ones as the monthly count needs."""
    needed = max(len(HEADLINE), -(-monthly // MONTHS))
    ids = [h[0] for h in HEADLINE]
    ids += [f"syn_{n:06d}" for n in range(needed - len(ids))]
    return ids


def generate(folder: Path, monthly: int) -> Synth:
    """Write a dataset of ``monthly`` monthly observations into ``folder``."""
    t0 = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    ids = series_ids(monthly)
    obs, rows = _observations(ids, monthly)
    files = {
        "manifest.toml": MANIFEST,
        "sources.toml": _sources_toml(),
        "series.toml": _series_toml(ids),
        "observations.csv": obs,
        "quotes.toml": _quotes_toml(),
        "statements.toml": STATEMENTS,
        "claims.toml": _claims_toml(),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return Synth(folder, monthly, rows, len(ids) + 1, time.perf_counter() - t0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--monthly", type=int, default=10_000, help="monthly observations")
    args = parser.parse_args(argv)
    syn = generate(args.folder, args.monthly)
    print(
        f"{syn.folder}: {syn.monthly} monthly observations, {syn.rows} rows, "
        f"{syn.series} series, written in {syn.seconds:.2f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
