"""load_dataset: every file of a dataset folder read and checked, then checked together."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.data.load.fields import Refs
from tui.data.load.files import DataFile
from tui.data.load.manifest import check_analytics, load_manifest
from tui.data.load.observations import load_observations
from tui.data.load.tables import (
    load_claims,
    load_quotes,
    load_series,
    load_sources,
    load_statements,
)
from tui.data.model import Claim, Dataset, ObsTable
from tui.data.problems import DatasetError, Problem

if TYPE_CHECKING:
    import pandas as pd


def load_dataset(root: Path | str) -> Dataset:
    """Load the dataset in ``root``; raise DatasetError listing every problem found."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.exists():
        raise DatasetError([Problem(str(root), 0, "dataset folder does not exist")])
    if not root.is_dir():
        raise DatasetError([Problem(str(root), 0, "is not a folder")])
    manifest, manifest_file = load_manifest(root, problems)
    if manifest is None:
        raise DatasetError(problems)

    def file(key: str) -> DataFile:
        name = manifest.file(key)
        return DataFile(root / name, name, problems)

    sources = load_sources(file("sources"))
    series = load_series(file("series"))
    refs = Refs(sources=sources, series=series)
    quotes = load_quotes(file("quotes"), refs)
    statements = load_statements(file("statements"), refs)
    claims_file = file("claims")
    claims = load_claims(claims_file, refs)
    frame, periods = load_observations(file("observations"), sources, series)
    check_analytics(manifest, manifest_file, series)
    if frame is not None:
        _check_claimed_periods(claims_file, claims, frame)
    if problems:
        raise DatasetError(problems)
    assert frame is not None
    return Dataset(
        root=root,
        manifest=manifest,
        sources=sources,
        series=series,
        quotes=quotes,
        statements=statements,
        claims=[c for _, c in claims],
        table=ObsTable.from_frame(frame),
        periods=periods,
    )


def _check_claimed_periods(
    file: DataFile, claims: list[tuple[int, Claim]], frame: pd.DataFrame
) -> None:
    """A quoted growth rate compares two observations: both must be in the data."""
    have = set(zip(frame["series"].tolist(), frame["period"].tolist(), strict=False))
    for line, claim in claims:
        for key in ("from_period", "to_period"):
            label = getattr(claim, key)
            if (claim.series, label) not in have:
                message = f"no observation of '{claim.series}' for {label}"
                file.add(file.lines.key(key, line), message)
