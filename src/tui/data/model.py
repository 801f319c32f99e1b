"""Plain records for the dataset: metadata, and the observations as plain columns.

Nothing here needs pandas, so a loaded Dataset pickles and unpickles without it (the
loader process hands the app a Dataset this way; see :mod:`tui.data.preload`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.data.fiscal import Period
from tui.data.record import field, fields, mutable_record, record

if TYPE_CHECKING:
    import pandas as pd

# What a figure or statement rests on. A source's basis is its usual one; a row, statement or
# quote may name its own (the 99% share in an SBP-based story is an industry estimate).
BASES = (
    "SBP",
    "PBS",
    "MoITT",
    "PTA",
    "Finance",
    "Commerce",
    "ITC",
    "Trade Information Portal",
    "industry estimate",
    "company",
    "survey",
    "speaker",
    "not stated",
    "press",
)
GROUPS = ("exports", "indicators", "targets", "imports", "assembly")
QUALIFIERS = ("", ">", "<", "~")
# Row statuses in observations.csv. "conflict" and "rounding" are live values like "ok" whose
# row also declares how it relates to the other values of its series and period; the loader
# checks the declaration against the published precision.
STATUSES = ("", "ok", "missing", "erratum", "conflict", "rounding")


@record
class Source:
    """A publication figures and quotes are cited from."""

    id: str
    title: str
    publisher: str
    date: str
    url: str
    basis: str
    reliability: str = "normal"
    note: str = ""


@record
class Series:
    """A measured quantity (a category, an indicator, an import line) and its place in the tree."""

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


@record
class Quote:
    """A statement by a named speaker, direct or reported, with its source."""

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
    basis: str = ""  # what the statement rests on, when the speaker or outlet says
    person_note: str = ""  # why this name is linked to ``person`` (required for a variant)
    claim_series: str | None = None
    claim_period: str | None = None
    claim_value: float | None = None

    @property
    def is_direct(self) -> bool:
        return self.kind == "direct"


@record
class Statement:
    """A key statement (a figure or a list) that is not a time series, with its sources."""

    id: str
    label: str
    sources: tuple[str, ...]
    value: float | None = None
    qualifier: str = ""
    unit: str = ""
    items: tuple[str, ...] = ()
    excerpt: str = ""
    note: str = ""
    basis: str = ""  # what the statement rests on (not its sources' usual basis)


@record
class Claim:
    """A growth rate as a source quoted it, to be checked against the figures."""

    id: str
    series: str
    from_period: str
    to_period: str
    quoted_pct: float
    source: str
    excerpt: str = ""
    note: str = ""


MANIFEST = "manifest.toml"  # the one file name a dataset cannot choose
# the files manifest.toml names under [files], and the names used when it names none
DEFAULT_FILES = {
    "sources": "sources.toml",
    "series": "series.toml",
    "observations": "observations.csv",
    "quotes": "quotes.toml",
    "statements": "statements.toml",
    "claims": "claims.toml",
}


@record
class Manifest:
    """The dataset's manifest.toml: its name, files and headline series."""

    name: str
    version: str
    files: dict[str, str]
    total_series: str
    software_series: str
    hardware_export_series: str
    hardware_import_series: tuple[str, ...]

    def file(self, key: str) -> str:
        """The name of the dataset's ``key`` file (``observations``: observations.csv)."""
        return self.files.get(key) or DEFAULT_FILES[key]


@record
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
    basis: str  # the row's own basis, else its source's
    line: int  # line in the observations file (observations.csv unless renamed)

    @property
    def is_missing(self) -> bool:
        return self.status == "missing" or self.value is None


# The observation columns the loader validates and fills: an Observation's fields, in their
# order (value is a float, NaN where the row gives none; preferred a bool; line an int), then
# "raw" (the value exactly as written), "conflict" (a bool: this series and period has live
# values that disagree beyond their published precision) and "rounding" (a bool: its live
# values differ, but only within the coarser one's published precision).
OBSERVATION_FIELDS = tuple(f.name for f in fields(Observation))
OBS_TABLE_COLUMNS = (*OBSERVATION_FIELDS, "raw", "conflict", "rounding")


@record
class ObsTable:
    """The validated observations, one plain list per column (see OBS_TABLE_COLUMNS)."""

    columns: dict[str, list[Any]]

    def __len__(self) -> int:
        return len(self.columns["line"])

    def __getitem__(self, name: str) -> list[Any]:
        return self.columns[name]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> ObsTable:
        return cls({c: frame[c].tolist() for c in OBS_TABLE_COLUMNS})

    def to_frame(self) -> pd.DataFrame:
        """The observations as a pandas frame (imports pandas)."""
        import pandas as pd

        return pd.DataFrame(self.columns, columns=list(OBS_TABLE_COLUMNS))


@mutable_record
class Dataset:
    """A validated dataset: its records and its observations."""

    root: Path
    manifest: Manifest
    sources: dict[str, Source]
    series: dict[str, Series]
    quotes: list[Quote]
    statements: list[Statement]
    claims: list[Claim]
    table: ObsTable  # one row per observation
    periods: dict[str, Period] = field(default_factory=dict)
