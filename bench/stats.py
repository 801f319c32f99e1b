"""Medians, ranges and per-run ratios."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    """Median and range of one measure over the runs."""

    median: float
    lo: float
    hi: float
    n: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def summarize(values: Iterable[float | None]) -> Summary | None:
    clean = [float(v) for v in values if v is not None]
    if not clean:
        return None
    return Summary(statistics.median(clean), min(clean), max(clean), len(clean))


def median_or_none(values: Iterable[float | None]) -> float | None:
    clean = [float(v) for v in values if v is not None]
    return statistics.median(clean) if clean else None


def paired_ratios(num: Sequence[float | None], den: Sequence[float | None]) -> list[float]:
    """``num[i] / den[i]`` for each run where both were measured (runs are interleaved)."""
    out = []
    for a, b in zip(num, den, strict=False):
        if a is not None and b is not None and b > 0:
            out.append(a / b)
    return out
