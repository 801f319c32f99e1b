"""Shared fixtures for the data-layer and CLI tests: small synthetic datasets in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.synthdata import DatasetFactory, write_dataset
from tui.data import Facts, load_dataset


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test (and every pkit it starts) keeps its data snapshots in its own cache folder."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


@pytest.fixture
def make_dataset(tmp_path: Path) -> DatasetFactory:
    """Write a dataset (defaults overridable per file) and return its folder."""
    return DatasetFactory(tmp_path / "datasets")


@pytest.fixture
def dataset_dir(tmp_path: Path) -> Path:
    """The default valid synthetic dataset."""
    return write_dataset(tmp_path / "dataset")


@pytest.fixture
def facts(dataset_dir: Path) -> Facts:
    return Facts(load_dataset(dataset_dir))
