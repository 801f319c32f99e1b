"""Plain records for the dataset's metadata. Observations live in a pandas frame (see loader)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.fiscal import Period

if TYPE_CHECKING:
    import pandas as pd

BASES = ("SBP", "PBS", "MoITT", "PTA", "Finance", "ITC", "press")
GROUPS = ("exports", "indicators", "targets", "imports", "assembly")
QUALIFIERS = ("", ">", "<", "~")
STATUSES = ("", "ok", "missing", "erratum")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    basis: str
    reliability: str = "normal"
    note: str = ""


@dataclass(frozen=True)
class Series:
    id: str
    name: str
    group: str
    unit: str
    parent: str | None = None
    calendar: str = "fy"
    order: int = 0
    description: str = ""
    short: str = ""  # a compact name for narrow tables

    @property
    def label(self) -> str:
        return self.short or self.name


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str
    person: str
    role: str
    organisation: str
    date: str
    outlet: str
    source: str
    kind: str  # direct | reported
    text: str
    topics: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    periods: tuple[str, ...] = ()
    note: str = ""
    claim_series: str | None = None
    claim_period: str | None = None
    claim_value: float | None = None

    @property
    def is_direct(self) -> bool:
        return self.kind == "direct"


@dataclass(frozen=True)
class Statement:
    id: str
    label: str
    sources: tuple[str, ...]
    value: float | None = None
    qualifier: str = ""
    unit: str = ""
    items: tuple[str, ...] = ()
    excerpt: str = ""
    note: str = ""


@dataclass(frozen=True)
class Claim:
    id: str
    series: str
    from_period: str
    to_period: str
    quoted_pct: float
    source: str
    excerpt: str = ""
    note: str = ""


@dataclass(frozen=True)
class Manifest:
    name: str
    version: str
    files: dict[str, str]
    total_series: str
    software_series: str
    hardware_export_series: str
    hardware_import_series: tuple[str, ...]


@dataclass(frozen=True)
class Observation:
    """One figure as published, with everything needed to cite it."""

    series: str
    period: Period
    value: float | None
    qualifier: str
    unit: str
    source: str
    status: str  # ok | missing | erratum
    preferred: bool
    reason: str
    note: str
    excerpt: str
    line: int  # line in observations.csv

    @property
    def is_missing(self) -> bool:
        return self.status == "missing" or self.value is None


@dataclass
class Dataset:
    root: Path
    manifest: Manifest
    sources: dict[str, Source]
    series: dict[str, Series]
    quotes: list[Quote]
    statements: list[Statement]
    claims: list[Claim]
    frame: pd.DataFrame  # one row per observation; see loader.OBS_COLUMNS
    periods: dict[str, Period] = field(default_factory=dict)

    def children(self, series_id: str | None) -> list[Series]:
        kids = [s for s in self.series.values() if s.parent == series_id]
        return sorted(kids, key=lambda s: (s.order, s.name))
